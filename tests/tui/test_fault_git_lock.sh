#!/bin/sh
# Another program holds git's index.lock while the clerk works on two
# items: nothing can be committed, the screen says so, the journal keeps
# both items; gavel is then killed.  Once the lock is gone, the next run
# restores both items exactly and commits them.
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"
# Commits land after the screen answers: the lock is taken once none is
# in flight (gavel's own commit would otherwise take and drop it).
check "the commits made so far have landed" wait_gone "pending"
before=$(git -C "$REPO" rev-parse HEAD)
: >"$REPO/.git/index.lock"
type_text "Summary of item one"
keys Tab
type_text "First comment on item one"
keys Enter
check "the failed commit is reported with the lock's path" wait_for "index.lock"
check "the header says the work is not committed" screen_has "NOT COMMITTED"
keys C-n
check "^N opens the second item all the same" wait_for "Minutes of the previous meeting"
type_text "Summary of item two"
keys Tab
type_text "A comment on item two"
keys Enter
sleep 1.1
check "the journal holds both items" \
	wait_file_has "$REPO/.git/gavel/journal" "A comment on item two"
check "the journal holds the first item too" \
	wait_file_has "$REPO/.git/gavel/journal" "First comment on item one"
check "nothing was committed while the lock was held" \
	[ "$(git -C "$REPO" rev-parse HEAD)" = "$before" ]
check "the other program's lock is left alone" [ -e "$REPO/.git/index.lock" ]
kill -9 "$(pid_of clerk)"
check "gavel is gone after kill -9" wait_exit clerk

rm -f "$REPO/.git/index.lock"
start again -C "$REPO" run "$MEETING"
# Nine: item 1's minute number, start, end, summary and comment; item 2's
# minute number, start, summary and comment (minute numbers came with
# clerkb: two fields more than the seven before).
check "the restart says what it restored" wait_for "Restored from the journal: 9 fields, typed up to"
check "... and where" wait_for "(item 1, item 2)."
keys C-x
check "^X quits" wait_exit again
check "gavel run exits 0" [ "$rc" = 0 ]
check "item one's summary is committed" committed_has "    summary: Summary of item one"
check "item one's comment is committed" committed_has "      - First comment on item one"
check "item two's summary is committed" committed_has "    summary: Summary of item two"
check "item two's comment is committed" committed_has "      - A comment on item two"
check "the commit says where the work came from" log_has "recovered from the journal"
check "git status is clean" clean_tree
check "git fsck is clean" fsck_clean
check "no journal is left behind" no_journal
tui_finish
