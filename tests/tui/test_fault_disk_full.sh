#!/bin/sh
# The disk fills up during gavel run, then space comes back.  The fault is
# made by tests/faults/failio.so (LD_PRELOAD): chosen writes, fsyncs and
# renames fail with ENOSPC while the file $TMP/full exists.
#  (a) journal writes fail: the header says NOT SAVED and a message names
#      the journal and "No space left on device"; with the space back the
#      next keystrokes are journaled and then committed: nothing typed is
#      lost.
#  (b) commits fail (git's objects and index): NOT COMMITTED, the journal
#      keeps the work; with the space back ^S commits all of it, and git
#      fsck is clean.
# (gavel new with the same fault: tests/cli/test_fault_disk_full.sh.)
. "$(dirname "$0")/lib.sh"

FAILIO="$ROOT/tests/faults/failio.so"
if [ ! -f "$FAILIO" ]; then
	echo "not ok - tests/faults/failio.so is built (make builds it)"
	tui_finish
	exit 1
fi
SWITCH="$TMP/full"
JOURNAL_DIR=".git/gavel/journal"

# ---- (a) the journal's writes fail ----
check "gavel demo --no-run makes the demo repository" make_demo
: >"$SWITCH"
start clerk LD_PRELOAD="$FAILIO" FAILIO_PATH="$JOURNAL_DIR" FAILIO_ONOFF="$SWITCH" \
	FAILIO_LOG="$TMP/failio.log" -C "$REPO" run "$MEETING"
check "(a) gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "(a) Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "(a) ^N opens the first item" wait_for "Welcome, apologies and declarations"
keys Tab
type_text "Typed while the disk was full"
check "(a) the header says NOT SAVED" wait_for "NOT SAVED"
check "(a) the message names the journal's file" wait_for "2018-03-14.journal"
# The message may wrap: its words are looked for in turn.
check "(a) the message says No space left on device" wait_for "No space"
check "(a) ... left on device" screen_has "left on device"
check "(a) the shim did fail the journal's writes" [ -s "$TMP/failio.log" ]
check "(a) no journal was written while the disk was full" \
	sh -c "! grep -rqF 'Typed while the disk was full' '$REPO/$JOURNAL_DIR' 2>/dev/null"
check "(a) gavel is still running" alive clerk

rm -f "$SWITCH"          # the space comes back
type_text ", and after it emptied"
check "(a) with the space back the journal holds all that was typed" \
	wait_file_has "$REPO/$JOURNAL_DIR" "Typed while the disk was full, and after it emptied"
check "(a) the header no longer says NOT SAVED" wait_gone "NOT SAVED"
keys Enter
check "(a) the comment is stored and committed" wait_log "comment 1 recorded"
check "(a) the committed comment holds everything typed" \
	committed_has "Typed while the disk was full, and after it emptied"
keys C-x
check "(a) ^X quits" wait_exit clerk
check "(a) gavel run exits 0" [ "$rc" = 0 ]
check "(a) no journal is left behind" no_journal
check "(a) git status is clean" clean_tree
check "(a) git fsck is clean" fsck_clean

# ---- (b) the commits fail: git's objects and index ----
check "(b) a second demo repository" make_demo
head=$(git -C "$REPO" rev-parse HEAD)
: >"$SWITCH"
start clerk2 LD_PRELOAD="$FAILIO" FAILIO_PATH=".git/objects:.git/index" FAILIO_ONOFF="$SWITCH" \
	-C "$REPO" run "$MEETING"
check "(b) gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "(b) Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "(b) ^N opens the first item" wait_for "Welcome, apologies and declarations"
keys Tab
type_text "Second comment, disk full"
keys Enter
check "(b) the header says NOT COMMITTED" wait_for "NOT COMMITTED"
check "(b) the message says No space left on device" wait_for "No space"
check "(b) ... left on device" screen_has "left on device"
check "(b) the message says the journal keeps the work" screen_has "journal keeps"
type_text "Third comment, still full"
keys Enter
check "(b) the journal keeps both comments" \
	wait_file_has "$REPO/$JOURNAL_DIR" "Third comment, still full"
check "(b) the journal keeps the first of them too" \
	wait_file_has "$REPO/$JOURNAL_DIR" "Second comment, disk full"
check "(b) nothing was committed while the disk was full" \
	[ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
check "(b) the work tree's minutes are as last committed" clean_tree

rm -f "$SWITCH"          # the space comes back
keys C-s
check "(b) with the space back ^S commits" wait_for "committed "
check "(b) the header no longer says NOT COMMITTED" wait_gone "NOT COMMITTED"
check "(b) the second comment is committed" committed_has "Second comment, disk full"
check "(b) the third comment is committed" committed_has "Third comment, still full"
keys C-x
check "(b) ^X quits" wait_exit clerk2
check "(b) gavel run exits 0" [ "$rc" = 0 ]
check "(b) no journal is left behind" no_journal
check "(b) git status is clean" clean_tree
check "(b) git fsck is clean" fsck_clean
tui_finish
