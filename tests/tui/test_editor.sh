#!/bin/sh
# ^O opens the field in $EDITOR, started directly (no shell: a temporary
# file in a folder whose name has a space reaches the editor whole), and
# reads the result back into the field; an editor that fails leaves the
# field as it was and says so.
. "$(dirname "$0")/lib.sh"

ED="$TMP/editors"
SPACED="$TMP/tmp dir"
mkdir -p "$ED" "$SPACED"
cat >"$ED/edit" <<'SH'
#!/bin/sh
# Appends a line to the file it is given, and keeps the name it was given.
printf '%s' "$1" >"$(dirname "$0")/name"
printf 'Written in the editor; it said "yes".\n' >"$1"
SH
printf '#!/bin/sh\nexit 3\n' >"$ED/fail"
chmod +x "$ED/edit" "$ED/fail"

check "gavel demo --no-run makes the demo repository" make_demo
start clerk EDITOR="$ED/fail" TMPDIR="$SPACED" -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter C-n
check "^N opens the first item at its summary" wait_for "Welcome, apologies"
type_text "Kept as typed"
keys C-o
check "an editor that fails is reported" wait_for "exited with status 3"
check "the field keeps what was typed" screen_has "Kept as typed"
keys C-x
check "^X quits" wait_exit clerk

start again EDITOR="$ED/edit" TMPDIR="$SPACED" -C "$REPO" run "$MEETING"
check "gavel run opens again" wait_for "Welcome back"
keys Enter
check "Enter goes on with the item" wait_for "Summary"
keys BTab
keys C-o
check "the editor's text comes back into the field" \
	wait_for "Written in the editor; it said \"yes\"."
keys C-x
check "^X quits" wait_exit again
check "gavel run exits 0" [ "$rc" = 0 ]
check "the editor's text is committed" \
	committed_has '    summary: Written in the editor; it said "yes".'
check "the editor got one file name, whole (no shell split it)" \
	sh -c "case \"\$(cat '$ED/name')\" in '$SPACED'/*) exit 0;; *) exit 1;; esac"
tui_finish
