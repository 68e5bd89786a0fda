#!/bin/sh
# 80x24 throughout (issue 12, point 11): text cut at a word with an
# ellipsis, never mid-word (the home screen's titles, the hub's rows;
# the header's venue left out rather than cut to a word); every key line keeps "? help" (or "F1 help"),
# dropping its least used keys first.
SIZE=80x24
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
# The venue, 41 columns, has 8 here: a word of it would tell the clerk
# nothing, so it waits for a wider window (the opening shows it whole).
check "the header leaves out a venue it has no room for" \
	wait_match "^ Communities Board  Wednesday 14 March 2018 +scheduled 11:00"
check "... never cut in the middle of a word" screen_lacks "Smith Squ"
check "the attendance key line keeps begin" screen_has "b begin"
check "the attendance key line keeps ? help" wait_match "\? help q quit *$"
keys Escape
check "the hub opens" wait_for "End the meeting"
check "the hub's key line keeps ? help" wait_match "E end .*\? help q quit *$"
keys u
type_text "A very long title for urgent business that cannot possibly fit on one row of the hub"
keys Enter
check "urgent business added" wait_for "added as urgent business"
check "the hub cuts a long title at a word" \
	wait_match "A very long title for urgent business that cannot… +untouched"
keys h
check "the history opens" wait_for "revision"
check "the history's key line has ? help" wait_match "\? help Esc back *$"
keys Escape
check "back to the hub" wait_for "End the meeting"
keys Escape
check "the attendance list again" wait_for "Cllr Ruth Dombey"
keys Enter
check "the opening" wait_for "Declaration"
check "the opening's key line keeps F1 help" wait_match "F1 help \^X quit *$"
keys C-n C-n C-n
check "item 3" wait_for "Integrated Communities Strategy"
check "the summary's key line keeps F1 help" wait_match "F1 help *$"
keys Tab Tab
check "the decision's key line offers the phrases" wait_match "^1-9 pick phrase"
check "... and keeps F1 help" wait_match "F1 help *$"
keys C-x
check "^X quits" wait_exit clerk

start home -C "$REPO"
check "the home screen opens" wait_for "Communities Board"
keys Enter
check "the committee's meetings" wait_for "2018-03-14"
keys Enter
check "the meeting's items" wait_for "Tackling loneliness"
check "the home screen cuts a title at a word, with an ellipsis" \
	screen_has "Integrated Communities…"
check "... never in the middle of one" screen_lacks "Integrated Commun "
check "the home screen's key line keeps ? help" wait_match "\? help q quit *$"
keys q
check "q quits" wait_exit home
tui_finish
