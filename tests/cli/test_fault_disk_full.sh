#!/bin/sh
# gavel new when the disk is full, and when the repository is read-only.
# The full disk is real failures from the kernel's point of view of gavel:
# tests/faults/failio.so (LD_PRELOAD) makes the chosen writes, fsyncs and
# renames fail with ENOSPC.  Each failure must give exit 2 and one line
# saying what failed and why, leave no half-made meeting folder in the
# work tree, move no branch, and leave git fsck clean; once the space is
# back the same command works.
# (gavel run with the same fault: tests/tui/test_fault_disk_full.sh.)
. "$(dirname "$0")/lib.sh"

FAILIO="$ROOT/tests/faults/failio.so"
fsck_ok() { git -C "$1" fsck --strict >"$TMP/fsck" 2>&1; }
one_line() { [ "$(err_lines)" -eq 1 ]; }

# full WHERE ARGS...: gavel ARGS with ENOSPC on paths holding WHERE.
full() {
	where=$1
	shift
	LD_PRELOAD="$FAILIO" FAILIO_PATH="$where" FAILIO_CALLS="${CALLS:-write,pwrite,fsync,rename,link}" \
		"$GAVEL" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
}

if [ ! -f "$FAILIO" ]; then
	echo "not ok - tests/faults/failio.so is built (make builds it)"
	finish
	exit 1
fi

run init repo
run -C repo new "Communities Board" 2026-03-01
expect "a first meeting is committed" '[ "$rc" -eq 0 ]'
head=$(git -C repo rev-parse HEAD)

# A full disk at each step of the commit: the objects, their fsync, the
# branch (the ref and its log), then the index after the commit.
n=2
for step in "objects write:.git/objects:write" \
	    "objects fsync:.git/objects:fsync" \
	    "branch update:.git/refs/:write,fsync,rename" \
	    "branch log:.git/logs/:write,fsync"; do
	what=${step%%:*}
	rest=${step#*:}
	where=${rest%%:*}
	CALLS=${rest#*:}
	date=2026-03-0$n
	n=$((n + 1))
	full "$where" -C repo new "Planning Committee" "$date"
	expect "disk full ($what): gavel new exits 2" '[ "$rc" -eq 2 ]'
	expect "disk full ($what): one line on stderr" 'one_line'
	expect "disk full ($what): it says No space left on device" 'err_has "No space left on device"'
	expect "disk full ($what): the branch has not moved" \
		'[ "$(git -C repo rev-parse HEAD)" = "$head" ]'
	expect "disk full ($what): no half-made meeting folder is left in the work tree" \
		'[ ! -e "repo/planning-committee/$date" ]'
	expect "disk full ($what): git status is clean" \
		'[ -z "$(git -C repo status --porcelain)" ]'
	expect "disk full ($what): git fsck is clean" 'fsck_ok repo'
	run -C repo new "Planning Committee" "$date"
	expect "disk full ($what): with the space back, the same gavel new works" \
		'[ "$rc" -eq 0 ] && out_has "planning-committee/$date"'
	head=$(git -C repo rev-parse HEAD)
done
unset CALLS

# The index is written after the commit: the meeting is committed, and
# gavel says the index is behind.  Nothing may be lost: the next commit
# (space back) must leave the index agreeing with HEAD, or a plain
# `git commit` by the clerk would delete the meeting.
full .git/index -C repo new "Planning Committee" 2026-03-09
expect "disk full (index): gavel new exits 2" '[ "$rc" -eq 2 ]'
expect "disk full (index): one line on stderr, saying No space left on device" \
	'one_line && err_has "No space left on device"'
expect "disk full (index): the meeting is committed all the same" \
	'git -C repo cat-file -e HEAD:planning-committee/2026-03-09/minutes.yaml'
expect "disk full (index): git fsck is clean" 'fsck_ok repo'
run -C repo new "Planning Committee" 2026-03-10
expect "disk full (index): with the space back, the next gavel new works" '[ "$rc" -eq 0 ]'
expect "disk full (index): after it, git's index agrees with HEAD (nothing staged for deletion)" \
	'[ -z "$(git -C repo status --porcelain)" ]'
run -C repo list
expect "after all that, gavel list shows every meeting committed" \
	'[ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 7 ]'

# ---- a read-only repository, permission denied ----
# Root ignores file modes, so these run as the user nobody when the
# tests run as root.
as_user=
if [ "$(id -u)" -ne 0 ]; then
	as_user=" "
elif command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	group=$(id -gn nobody)
	as_user="setpriv --reuid=nobody --regid=$group --clear-groups"
fi
if [ -z "$as_user" ]; then
	for t in "read-only repository: gavel list works" \
		 "read-only repository: gavel new is refused"; do
		echo "ok - $t # skip running as root and no user nobody to drop to"
	done
	finish
	exit $?
fi
# as USER ARGS: gavel ARGS as the unprivileged user.
as() {
	# shellcheck disable=SC2086
	$as_user "$GAVEL" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
}
chmod 755 "$TMP" "$HOME"
chmod 644 "$HOME/.gitconfig"
git clone -q repo ro
[ "$(id -u)" -eq 0 ] && chown -R nobody ro
chmod -R a-w ro
# git itself refuses a repository owned by another user; the witness may.
gro() { git -c safe.directory='*' -C ro "$@"; }
ro_head=$(gro rev-parse HEAD)
as -C ro list
expect "read-only repository: gavel list works" '[ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 7 ]'
as -C ro show planning-committee/2026-03-02
expect "read-only repository: gavel show works" '[ "$rc" -eq 0 ] && out_has "2 March 2026"'
as -C ro log planning-committee/2026-03-02
expect "read-only repository: gavel log works" '[ "$rc" -eq 0 ] && out_has "meeting created"'
as -C ro new "Planning Committee" 2026-04-01
expect "read-only repository: gavel new is refused with exit 2" '[ "$rc" -eq 2 ]'
expect "read-only repository: in one line saying Permission denied" \
	'one_line && err_has "Permission denied"'
expect "read-only repository: nothing is committed" \
	'[ -n "$ro_head" ] && [ "$(gro rev-parse HEAD)" = "$ro_head" ] && [ ! -e ro/planning-committee/2026-04-01 ]'
chmod -R u+w ro
expect "read-only repository: git fsck is clean" 'gro fsck --strict >"$TMP/fsck" 2>&1'

# Someone else's repository: git's own safety rule refuses it, in one line.
if [ "$(id -u)" -eq 0 ]; then
	as -C repo list
	expect "another user's repository: gavel list exits 2" '[ "$rc" -eq 2 ]'
	expect "another user's repository: one line saying it is another user's (safe.directory)" \
		'one_line && err_has "safe.directory" && err_has "owned by another user"'
fi
finish
