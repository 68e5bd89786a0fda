#!/bin/sh
# kill -9 while a motion is typed on the F3 sheet, then while a
# declaration's interest is typed on F4: the journal keeps a sheet's text
# as it keeps a field's, and the next `gavel run` reopens the sheet with
# it, says so, and can store it.
. "$(dirname "$0")/lib.sh"

MOTION="That the strategy be welcomed and a response sent by 5 J"

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"
# What entering the item did is committed: the journal then holds the
# motion alone beyond the last commit.
keys C-s
check "^S commits" wait_log "item 1"
keys F3
check "F3 opens the item's motions" wait_for "Motions and amendments on item"
type_text "$MOTION"
check "the motion shows as typed" wait_for "a response sent by 5 J"
# The journal is written in the first pause after typing.
sleep 0.5
kill -9 "$(pid_of clerk)"
check "gavel is gone after kill -9" wait_exit clerk
check "the motion is not committed" committed_lacks "response sent"

start again -C "$REPO" run "$MEETING"
check "the restart reopens the sheet" wait_for "Motions and amendments on item"
check "... with the motion as it was typed" wait_for "a response sent by 5 J"
check "the restart counts it" \
	screen_has "Restored from the journal: 1 field, typed up to"
check "... and says what it was" screen_has "(a new motion as it"

# Finish the motion where the cursor was left, and store it.
type_text "une."
keys Enter
check "Enter stores it: its mover is asked next" wait_match "Motion 1 +That the strategy"
keys Escape
check "Esc closes the sheet" wait_gone "Motions and amendments on item"
check "closing commits the motion" wait_log "motion recorded"
keys C-x
check "^X quits" wait_exit again
check "gavel run exits 0" [ "$rc" = 0 ]
check "the committed minutes hold the whole motion" \
	committed_has "text: That the strategy be welcomed and a response sent by 5 June."

# The same on the F4 sheet: a declaration's interest half typed (the
# declaration, with no interest yet, is not in the minutes' file: the
# journal keeps its member and item with the text).
start third -C "$REPO" run "$MEETING"
check "gavel run opens again" wait_for "Welcome back"
keys F4
check "F4 opens the declarations" wait_for "Declarations of interest"
keys "$(choice_key "Cllr Jo Reid")" 3
check "the member and the item picked, the interest is next" \
	wait_match "interest +$"
type_text "Trustee of a local refu"
check "the interest shows as typed" wait_for "Trustee of a local refu"
sleep 0.5
kill -9 "$(pid_of third)"
check "gavel is gone after the second kill -9" wait_exit third
start fourth -C "$REPO" run "$MEETING"
check "the restart reopens the declarations" wait_for "Declarations of interest"
check "... with the interest as it was typed" wait_match "interest +Trustee of a local refu"
check "the restart counts it: the declaration picked, its interest typed" \
	screen_has "Restored from the journal: 2 fields, typed up to"
check "... and says what they were" screen_has "(declarations; "
type_text "gee charity"
keys Enter
keys Escape
check "Esc closes the sheet" wait_gone "Declarations of interest"
check "closing commits the declaration" wait_log "declaration 1"
keys C-x
check "^X quits again" wait_exit fourth
check "the committed minutes hold the whole interest" \
	committed_has "    interest: Trustee of a local refugee charity"
check "git status is clean" clean_tree
check "no journal is left behind" no_journal
tui_finish
