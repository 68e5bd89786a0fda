#!/bin/sh
# kill -9 in the middle of a comment: the journal keeps what was typed,
# and the next `gavel run` restores it, says so, and can store it.
. "$(dirname "$0")/lib.sh"

PART="Zoë Ní Bhriain: The consultation runs until 5 J"

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"
keys Tab
type_text "Blackburn: The Chair welcomed everyone."
keys Enter
check "a whole comment is stored and committed" wait_log "comment 1 recorded"

# Half a comment, never stored; the journal catches it (within a second
# or so) and then the program dies without a chance to save.
type_text "$PART"
check "the half comment shows" wait_for "The consultation runs until 5 J"
sleep 1.1
check "the journal holds the half comment" \
	wait_file_has "$REPO/.git/gavel/journal" "The consultation runs until 5 J"
kill -9 "$(pid_of clerk)"
check "gavel is gone after kill -9" wait_exit clerk
check "the half comment is not committed" \
	committed_lacks "consultation"

# The restart.
start again -C "$REPO" run "$MEETING"
check "the restart shows the unfinished comment's text" \
	wait_for "The consultation runs until 5 J"
check "the restart says what it restored and from when" \
	screen_has "Restored from the journal: 1 field, typed up to"
check "... the comment being typed" screen_has "a new comment as it"
check "the restart does not say that nothing is lost" screen_lacks "nothing is lost"
check "gavel runs on after the restart" alive again

# Finish the comment where the cursor was left, and store it.
type_text "une."
keys Enter
check "the recovered comment is stored and committed" wait_log "comment 2 recorded"
keys C-x
check "^X quits" wait_exit again
check "gavel run exits 0" [ "$rc" = 0 ]
check "the committed minutes hold the recovered comment" \
	committed_has "      - text: The consultation runs until 5 June."
check "the recovered comment keeps its speaker" \
	committed_has "        by: Cllr Zoë Ní Bhriain"
check "the comment stored before the crash is kept" \
	committed_has "      - text: The Chair welcomed everyone."
check "git status is clean" clean_tree
check "git fsck is clean" fsck_clean
check "no journal is left behind" no_journal
tui_finish
