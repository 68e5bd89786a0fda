#!/bin/sh
# Commits are made off the keys' way, by a thread of gavel's own
# (minutes/session/committer.h).  GAVEL_TEST_COMMIT_DELAY_MS makes each
# commit wait first, so that they are seen pending:
#  (a) the screen answers while commits are pending, the header counts
#      them ("N commits pending") and then names the last ("committed
#      ID"); they land one per stored comment, in the order stored;
#      leaving with one in flight says it waits, waits, and commits all.
#  (b) a commit that fails in the thread (git's objects on a full disk,
#      tests/faults/failio.so): the header says NOT COMMITTED, the message
#      that the journal keeps the work, and it does; after a kill -9 and
#      with the space back, the next start restores the work and commits it.
. "$(dirname "$0")/lib.sh"

# ---- (a) pending, committed, in order ----
check "(a) gavel demo --no-run makes the demo repository" make_demo
start clerk GAVEL_TEST_COMMIT_DELAY_MS=700 -C "$REPO" run "$MEETING"
check "(a) gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "(a) Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "(a) ^N opens the first item" wait_for "Welcome, apologies and declarations"
keys Tab
for n in 1 2 3; do
	type_text "Thread comment number $n"
	keys Enter
done
check "(a) the screen took all three comments at once" wait_for "Comment 3      Thread comment number 3"
check "(a) the header counts the commits pending" wait_match "[0-9]+ commits? pending"
check "(a) then they have landed" wait_gone "pending" 20
check "(a) and the header names the last commit" \
	wait_for "committed $(git -C "$REPO" rev-parse --short=7 HEAD)"
# One commit per stored comment, oldest first.
order() {
	git -C "$REPO" log --reverse --format=%s | grep -o "comment [0-9] recorded" | tr '\n' ' ' \
		>"$TMP/order"
	grep -qx "comment 1 recorded comment 2 recorded comment 3 recorded " "$TMP/order" ||
		{ cat "$TMP/order" >"$diag"; return 1; }
}
check "(a) each comment has its own commit, in the order stored" order
check "(a) the three comments are committed" committed_has "      - Thread comment number 3"
type_text "The last comment, stored as the clerk leaves"
keys Enter C-x
check "(a) leaving with a commit in flight says it waits" wait_for "waiting for"
check "(a) gavel run exits" wait_exit clerk 20
check "(a) ... 0" [ "$rc" = 0 ]
check "(a) the last comment is committed" \
	committed_has "      - The last comment, stored as the clerk leaves"
check "(a) no journal is left behind" no_journal
check "(a) git status is clean" clean_tree
check "(a) git fsck is clean" fsck_clean

# ---- (b) a commit fails in the thread ----
FAILIO="$ROOT/tests/faults/failio.so"
SWITCH="$TMP/full"
check "(b) tests/faults/failio.so is built (make builds it)" [ -f "$FAILIO" ]
check "(b) a second demo repository" make_demo
head=$(git -C "$REPO" rev-parse HEAD)
start clerk2 LD_PRELOAD="$FAILIO" FAILIO_PATH=".git/objects:.git/index" \
	FAILIO_ONOFF="$SWITCH" -C "$REPO" run "$MEETING"
check "(b) gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "(b) Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "(b) ^N opens the first item" wait_for "Welcome, apologies and declarations"
check "(b) the commits so far have landed" wait_gone "pending"
head=$(git -C "$REPO" rev-parse HEAD)
: >"$SWITCH"
keys Tab
type_text "Stored while git could not write"
keys Enter
check "(b) the header says NOT COMMITTED" wait_for "NOT COMMITTED"
check "(b) the message says the journal keeps the work" wait_for "journal keeps"
check "(b) the journal holds the comment" \
	wait_file_has "$REPO/.git/gavel/journal" "Stored while git could not write"
check "(b) nothing was committed" [ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
kill -9 "$(pid_of clerk2)"
check "(b) gavel is gone after kill -9" wait_exit clerk2
rm -f "$SWITCH"
start again -C "$REPO" run "$MEETING"
# (clerka's recovery message: "Restored from the journal: N fields, typed up to ...")
check "(b) the next start restores the work" wait_for "Restored from the journal:"
keys C-x
check "(b) ^X quits" wait_exit again
check "(b) gavel run exits 0" [ "$rc" = 0 ]
check "(b) the comment is committed" committed_has "      - Stored while git could not write"
check "(b) the commit says where it came from" log_has "recovered from the journal"
check "(b) no journal is left behind" no_journal
check "(b) git fsck is clean" fsck_clean
tui_finish
