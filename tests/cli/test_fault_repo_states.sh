#!/bin/sh
# Repositories in unusual states, each set up for real with git: HEAD
# detached, HEAD on an unborn branch (a fresh `git init`, and `git
# checkout --orphan`), a branch that is neither main nor master, a bare
# repository and a shallow clone.  In each, gavel new, list, show and log
# either work or say in one line what is wrong, with a sensible exit code,
# and nothing already committed is lost (git fsck is clean).
# (gavel run in the same states: tests/tui/test_fault_repo_states.sh.)
. "$(dirname "$0")/lib.sh"

fsck_ok() { git -C "$1" fsck --strict >"$TMP/fsck" 2>&1; }
one_line() { [ "$(err_lines)" -eq 1 ]; }

run init base
expect "gavel init makes the repository the others are cloned from" '[ "$rc" -eq 0 ]'
run -C base new "Communities Board" 2026-02-01
run -C base new "Communities Board" 2026-02-02
expect "two meetings are committed in it" \
	'[ "$(git -C base rev-list --count HEAD)" -eq 3 ]'

# ---- HEAD detached ----
# A commit made on a detached HEAD belongs to no branch: the next
# `git switch main` leaves it behind, unreachable, and a later gc deletes
# it.  The safe answer for a clerk is to refuse, in one line that says
# HEAD is detached and how to get back onto a branch, and change nothing.
git clone -q base det
git -C det checkout -q --detach
head=$(git -C det rev-parse HEAD)
run -C det list
expect "detached HEAD: gavel list works (exit 0)" '[ "$rc" -eq 0 ]'
expect "detached HEAD: gavel list shows the meetings" \
	'out_has "communities-board/2026-02-01" && out_has "communities-board/2026-02-02"'
run -C det show communities-board/2026-02-01
expect "detached HEAD: gavel show works (exit 0)" \
	'[ "$rc" -eq 0 ] && out_has "Minutes of the meeting held on Sunday 1 February 2026"'
run -C det log communities-board/2026-02-01
expect "detached HEAD: gavel log works (exit 0)" \
	'[ "$rc" -eq 0 ] && out_has "meeting created"'
run -C det new "Communities Board" 2026-02-03
expect "detached HEAD: gavel new is refused with exit 2" '[ "$rc" -eq 2 ]'
expect "detached HEAD: in one line that says HEAD is detached" \
	'one_line && err_has "detached"'
expect "detached HEAD: ... and how to get back on a branch (git switch)" \
	'err_has "git switch" || err_has "git checkout"'
expect "detached HEAD: nothing is committed onto the detached HEAD" \
	'[ "$(git -C det rev-parse HEAD)" = "$head" ]'
expect "detached HEAD: no meeting folder is left in the work tree" \
	'[ ! -e det/communities-board/2026-02-03 ]'
expect "detached HEAD: git fsck is clean" 'fsck_ok det'

# ---- HEAD on an unborn branch: git init and the marker, no commit ----
mkdir unborn
git -C unborn init -q
: >unborn/.gavel
run -C unborn list
expect "unborn branch: gavel list exits 0 and lists nothing" \
	'[ "$rc" -eq 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]'
run -C unborn show communities-board/2026-02-01
expect "unborn branch: gavel show of a meeting that is not there: exit 1 or 2, one line" \
	'{ [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; } && one_line'
run -C unborn new "Communities Board" 2026-02-03
expect "unborn branch: gavel new makes the branch's first commit" \
	'[ "$rc" -eq 0 ] && [ "$(git -C unborn rev-list --count main)" -eq 1 ]'
expect "unborn branch: the commit holds the meeting's files" \
	'git -C unborn cat-file -e main:communities-board/2026-02-03/minutes.yaml'
run -C unborn show communities-board/2026-02-03
expect "unborn branch: gavel show then works" '[ "$rc" -eq 0 ]'
run -C unborn log communities-board/2026-02-03
expect "unborn branch: gavel log then works" \
	'[ "$rc" -eq 0 ] && out_has "communities-board/2026-02-03: meeting created"'
expect "unborn branch: git fsck is clean" 'fsck_ok unborn'

# ---- HEAD on an unborn branch: git checkout --orphan ----
git clone -q base orphan
git -C orphan checkout -q --orphan fresh
main_before=$(git -C orphan rev-parse main)
run -C orphan list
expect "orphan branch: gavel list exits 0" '[ "$rc" -eq 0 ]'
run -C orphan new "Communities Board" 2026-02-04
expect "orphan branch: gavel new commits (exit 0)" '[ "$rc" -eq 0 ]'
expect "orphan branch: the commit is on the new branch" \
	'git -C orphan cat-file -e fresh:communities-board/2026-02-04/minutes.yaml'
expect "orphan branch: main is untouched" \
	'[ "$(git -C orphan rev-parse main)" = "$main_before" ]'
expect "orphan branch: git fsck is clean" 'fsck_ok orphan'

# ---- a branch called neither main nor master ----
git clone -q base other
git -C other checkout -q -b minutes-2026
main_before=$(git -C other rev-parse main)
run -C other new "Communities Board" 2026-02-05
expect "branch minutes-2026: gavel new commits (exit 0)" '[ "$rc" -eq 0 ]'
expect "branch minutes-2026: the commit is on that branch" \
	'git -C other cat-file -e minutes-2026:communities-board/2026-02-05/minutes.yaml'
expect "branch minutes-2026: main is untouched" \
	'[ "$(git -C other rev-parse main)" = "$main_before" ]'
run -C other list
expect "branch minutes-2026: gavel list shows all three meetings" \
	'[ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 3 ]'
run -C other log communities-board/2026-02-05
expect "branch minutes-2026: gavel log works" '[ "$rc" -eq 0 ] && out_has "meeting created"'
expect "branch minutes-2026: git status is clean" '[ -z "$(git -C other status --porcelain)" ]'
expect "branch minutes-2026: git fsck is clean" 'fsck_ok other'

# ---- a bare repository ----
git clone -q --bare base bare.git
run -C bare.git new "Communities Board" 2026-02-06
expect "bare repository: gavel new commits (exit 0)" '[ "$rc" -eq 0 ]'
expect "bare repository: the commit is on main" \
	'git -C bare.git cat-file -e main:communities-board/2026-02-06/minutes.yaml'
run -C bare.git list
expect "bare repository: gavel list works" '[ "$rc" -eq 0 ] && out_has "communities-board/2026-02-06"'
run -C bare.git show communities-board/2026-02-01
expect "bare repository: gavel show works" '[ "$rc" -eq 0 ] && out_has "1 February 2026"'
run -C bare.git log communities-board/2026-02-06
expect "bare repository: gavel log works" '[ "$rc" -eq 0 ] && out_has "meeting created"'
expect "bare repository: git fsck is clean" 'fsck_ok bare.git'

# ---- a shallow clone ----
# Only the newest commit is there: the history of both meetings is cut.
git clone -q --depth 1 "file://$TMP/base" cut
expect "the shallow clone is shallow" \
	'[ "$(git -C cut rev-parse --is-shallow-repository)" = true ]'
run -C cut list
expect "shallow clone: gavel list works" '[ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 2 ]'
run -C cut show communities-board/2026-02-01
expect "shallow clone: gavel show works" '[ "$rc" -eq 0 ] && out_has "1 February 2026"'
run -C cut new "Communities Board" 2026-02-07
expect "shallow clone: gavel new commits (exit 0)" '[ "$rc" -eq 0 ]'
expect "shallow clone: the commit is on main" \
	'git -C cut cat-file -e main:communities-board/2026-02-07/minutes.yaml'
# This meeting's whole history is in the clone: nothing is missing.
run -C cut log communities-board/2026-02-07
expect "shallow clone: gavel log of a meeting made in the clone works (exit 0)" \
	'[ "$rc" -eq 0 ] && out_has "communities-board/2026-02-07: meeting created"'
# This one's history goes back past the cut: what is there is listed, or
# one line says the history is cut short by the shallow clone.
run -C cut log communities-board/2026-02-01
expect "shallow clone: gavel log of an older meeting lists what is there or says the clone is shallow" \
	'{ [ "$rc" -eq 0 ] && [ -s "$TMP/out" ]; } || { [ "$rc" -eq 2 ] && one_line && err_has "shallow"; }'
expect "shallow clone: git fsck is clean" 'fsck_ok cut'

# Nothing in the repository everything was cloned from was touched.
expect "the original repository still has its three commits" \
	'[ "$(git -C base rev-list --count HEAD)" -eq 3 ] && fsck_ok base'
finish
