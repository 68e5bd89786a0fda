#!/bin/sh
# gavel run in repositories in unusual states (set up with git): a short
# run in each (store a comment, quit) either commits it where it belongs
# or says in one clear line what is wrong and keeps the work.  And a ref
# lock held by another program: the commit fails naming the lock, nothing
# is lost, and once the lock is gone ^S commits everything.
# (gavel new, list, show and log in the same states: tests/cli/test_fault_repo_states.sh.)
. "$(dirname "$0")/lib.sh"

# short_run NAME TEXT: gavel run on $REPO's $MEETING in window NAME, the
# first item's first comment TEXT stored with Enter.
short_run() {
	start "$1" -C "$REPO" run "$MEETING"
	wait_for "Cllr Ruth Dombey" || return 1
	keys Enter
	wait_for "Declaration" || return 1
	keys C-n
	wait_for "Welcome, apologies and declarations" || return 1
	keys Tab
	type_text "$2"
	keys Enter
}
quit_run() {
	keys C-x
	wait_exit "$1"
}
on_branch_has() {   # BRANCH TEXT: the minutes on BRANCH hold TEXT
	git -C "$REPO" show "$1:$MINUTES" 2>/dev/null | grep -qF -- "$2" ||
		{ echo "not on $1: $2" >"$diag"; return 1; }
}

check "gavel demo --no-run makes the demo repository" make_demo
DEMO=$REPO
# Made now, before the ref lock's run below changes the demo repository.
git clone -q "$DEMO" "$TMP/det"

# ---- a branch called minutes-2026 ----
git clone -q "$DEMO" "$TMP/other"
REPO="$TMP/other"
git -C "$REPO" checkout -q -b minutes-2026
main=$(git -C "$REPO" rev-parse main)
short_run other "Comment on branch minutes-2026"
check "branch minutes-2026: the comment is committed" wait_log "comment 1 recorded"
check "branch minutes-2026: quitting exits 0" quit_run other
check "branch minutes-2026: exit status 0" [ "$rc" = 0 ]
check "branch minutes-2026: the commit is on that branch" \
	on_branch_has minutes-2026 "Comment on branch minutes-2026"
check "branch minutes-2026: main has not moved" [ "$(git -C "$REPO" rev-parse main)" = "$main" ]
check "branch minutes-2026: git status is clean" clean_tree
check "branch minutes-2026: git fsck is clean" fsck_clean

# ---- a bare repository ----
git clone -q --bare "$DEMO" "$TMP/bare.git"
REPO="$TMP/bare.git"
short_run bare "Comment in a bare repository"
check "bare repository: the comment is committed" wait_log "comment 1 recorded"
check "bare repository: quitting exits 0" quit_run bare
check "bare repository: exit status 0" [ "$rc" = 0 ]
check "bare repository: the commit is on main" on_branch_has main "Comment in a bare repository"
check "bare repository: no journal is left" \
	sh -c "[ -z \"\$(find '$REPO/gavel/journal' -type f 2>/dev/null)\" ]"
check "bare repository: git fsck is clean" fsck_clean

# ---- a shallow clone ----
git clone -q --depth 1 "file://$DEMO" "$TMP/cut"
REPO="$TMP/cut"
short_run cut "Comment in a shallow clone"
check "shallow clone: the comment is committed" wait_log "comment 1 recorded"
check "shallow clone: quitting exits 0" quit_run cut
check "shallow clone: exit status 0" [ "$rc" = 0 ]
check "shallow clone: git status is clean" clean_tree
check "shallow clone: git fsck is clean" fsck_clean

# ---- HEAD on an unborn branch (git checkout --orphan) ----
# The meeting is in the work tree and the index, but in no commit of the
# branch: there is nothing to run.  One line, exit 1 or 2, no lock left.
git clone -q "$DEMO" "$TMP/orphan"
REPO="$TMP/orphan"
git -C "$REPO" checkout -q --orphan fresh
start orphan -C "$REPO" run "$MEETING"
check "unborn branch: gavel run ends" wait_exit orphan
check "unborn branch: exit status 1 or 2" sh -c "[ '$rc' = 1 ] || [ '$rc' = 2 ]"
check "unborn branch: it says the meeting is not there" wait_for "no meeting"
check "unborn branch: no lock or journal is left" \
	sh -c "[ -z \"\$(find '$REPO/.git/gavel' -type f 2>/dev/null)\" ]"
check "unborn branch: git fsck is clean" fsck_clean

# ---- another program holds the branch's ref lock ----
REPO=$DEMO
start reflock -C "$REPO" run "$MEETING"
check "ref lock: gavel run opens" wait_for "Cllr Ruth Dombey"
keys Enter
check "ref lock: Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "ref lock: ^N opens the first item" wait_for "Welcome, apologies and declarations"
head=$(git -C "$REPO" rev-parse HEAD)
: >"$REPO/.git/refs/heads/main.lock"
keys Tab
type_text "Stored while main.lock was held"
keys Enter
check "ref lock: the header says NOT COMMITTED" wait_for "NOT COMMITTED"
check "ref lock: the message names the lock" wait_for "main.lock"
type_text "Typed while main.lock was held"
check "ref lock: the journal keeps the stored comment" \
	wait_file_has "$REPO/.git/gavel/journal" "Stored while main.lock was held"
check "ref lock: the journal keeps the half-typed one" \
	wait_file_has "$REPO/.git/gavel/journal" "Typed while main.lock was held"
check "ref lock: nothing was committed" [ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
check "ref lock: the other program's lock is left alone" [ -e "$REPO/.git/refs/heads/main.lock" ]
rm -f "$REPO/.git/refs/heads/main.lock"
keys C-s
check "ref lock: with the lock gone ^S commits" wait_for "committed "
check "ref lock: the header no longer says NOT COMMITTED" wait_gone "NOT COMMITTED"
check "ref lock: the stored comment is committed" committed_has "Stored while main.lock was held"
check "ref lock: the half-typed one too" committed_has "Typed while main.lock was held"
keys C-x
check "ref lock: ^X quits" wait_exit reflock
check "ref lock: exit status 0" [ "$rc" = 0 ]
check "ref lock: no journal is left" no_journal
check "ref lock: git status is clean" clean_tree
check "ref lock: git fsck is clean" fsck_clean

# ---- HEAD detached ----
# Commits on a detached HEAD belong to no branch and are lost at the next
# `git switch main`.  The safe behaviour: the commit is refused with a
# message saying HEAD is detached, and the journal keeps the work.
REPO="$TMP/det"
git -C "$REPO" checkout -q --detach
head=$(git -C "$REPO" rev-parse HEAD)
short_run det "Comment with HEAD on no branch"
check "detached HEAD: the screen says HEAD is detached" wait_for "detached" 3
check "detached HEAD: nothing is committed onto the detached HEAD" \
	[ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
check "detached HEAD: main has not moved" [ "$(git -C "$REPO" rev-parse main)" = "$head" ]
sleep 0.6
check "detached HEAD: the journal keeps the comment" \
	wait_file_has "$REPO/.git/gavel/journal" "Comment with HEAD on no branch" 3
keys C-x
wait_exit det
check "detached HEAD: quitting exits 2 (the work is not committed)" [ "$rc" = 2 ]
check "detached HEAD: git fsck is clean" fsck_clean

tui_finish
