#!/bin/sh
# Permission denied, for real: gavel run as an unprivileged user (nobody,
# when the tests run as root, since root ignores file modes).
#  - the journal's folder is read-only: the header says NOT SAVED and a
#    message names the journal and "Permission denied"; the meeting goes
#    on, and what is stored is still committed;
#  - the whole repository is read-only: gavel run refuses in one line
#    (exit 2) and nothing changes.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
		echo "ok - read-only journal folder # skip running as root with no setpriv or no user nobody"
		tui_finish
		exit $?
	fi
	group=$(id -gn nobody)
	printf '#!/bin/sh\nexec setpriv --reuid=nobody --regid=%s --clear-groups %s "$@"\n' \
		"$group" "$(q "$ROOT/gavel")" >"$TMP/as-nobody"
	chmod 755 "$TMP/as-nobody"
	AS_USER="$TMP/as-nobody"
	owner() { chown -R nobody:"$group" "$1"; }
else
	AS_USER=$GAVEL
	owner() { :; }
fi
# start_as NAME ARGS...: start, with gavel run as the unprivileged user.
start_as() {
	_g=$GAVEL
	GAVEL=$AS_USER
	start "$@"
	GAVEL=$_g
}
chmod 755 "$TMP" "$TMP/tmp" "$HOME"
chmod 644 "$HOME/.gitconfig"
# git refuses a repository owned by another user; the witness may.
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'

# ---- the journal's folder is read-only ----
check "gavel demo --no-run makes the demo repository" make_demo
owner "$REPO"
mkdir -p "$REPO/.git/gavel/journal"
owner "$REPO/.git/gavel"
chmod 555 "$REPO/.git/gavel/journal"
start_as clerk -C "$REPO" run "$MEETING"
check "journal read-only: gavel run opens" wait_for "Cllr Ruth Dombey"
keys Enter
check "journal read-only: Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "journal read-only: ^N opens the first item" wait_for "Welcome, apologies and declarations"
keys Tab
type_text "Typed while the journal could not be written"
check "journal read-only: the header says NOT SAVED" wait_for "NOT SAVED"
check "journal read-only: the message names the journal" wait_for "journal"
check "journal read-only: the message says Permission denied" wait_for "Permission denied"
keys Enter
check "journal read-only: the stored comment is still committed" wait_log "comment 1 recorded"
check "journal read-only: the committed minutes hold it" \
	committed_has "Typed while the journal could not be written"
check "journal read-only: gavel is still running" alive clerk
keys C-x
check "journal read-only: ^X quits" wait_exit clerk
check "journal read-only: exit status 0 or 2, never a crash" sh -c "[ '$rc' = 0 ] || [ '$rc' = 2 ]"
echo "# journal read-only: gavel run exited $rc"
check "journal read-only: no lock is left" \
	sh -c "[ -z \"\$(find '$REPO/.git/gavel/locks' -type f 2>/dev/null)\" ]"
check "journal read-only: git status is clean" clean_tree
check "journal read-only: git fsck is clean" fsck_clean

# ---- the whole repository is read-only ----
check "a second demo repository" make_demo
owner "$REPO"
chmod -R a-w "$REPO"
head=$(git -C "$REPO" rev-parse HEAD)
start_as ro -C "$REPO" run "$MEETING"
check "repository read-only: gavel run ends" wait_exit ro
check "repository read-only: exit status 2" [ "$rc" = 2 ]
check "repository read-only: it says Permission denied" wait_for "Permission denied"
wait_for "Pane is dead" 3
check "repository read-only: in one line" sh -c "[ \"\$(tmux -L '$SOCK' capture-pane -p -J -t gavel:ro | grep -v '^Pane is dead' | grep -c .)\" -eq 1 ] || { tmux -L '$SOCK' capture-pane -p -t gavel:ro >\"$diag\"; false; }"
check "repository read-only: nothing is committed" [ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
chmod -R u+w "$REPO"
check "repository read-only: git fsck is clean" fsck_clean
tui_finish
