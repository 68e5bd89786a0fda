#!/bin/sh
# A resize in the middle of an edit: larger, then too small (typing on
# while the screen says so), then back; nothing typed is lost.
. "$(dirname "$0")/lib.sh"

resize() { tmux_ resize-window -t "$WIN" -x "$1" -y "$2"; }

# The pane's size as tmux has it.
pane_size() {
	[ "$(tmux_ display-message -p -t "$WIN" '#{pane_width}x#{pane_height}')" = "$1" ]
}

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"

# The summary is the field in hand on a fresh item.
type_text "The Chair welcomed memb"
check "the summary being typed shows" wait_for "The Chair welcomed memb"

resize 100 30
check "the window is 100x30" pane_size 100x30
check "after growing to 100x30 the text is still there" \
	wait_match "Summary +The Chair welcomed memb"
check "gavel runs on at 100x30" alive clerk

resize 60 20
check "at 60x20 gavel says the terminal is too small" wait_for "terminal too small"
check "gavel runs on at 60x20" alive clerk
type_text "ers and gu"
sleep 0.3

resize 80 24
check "back at 80x24 the form is drawn again" wait_for "Welcome, apologies and declarations"
check "the text typed while too small was kept" \
	wait_for "The Chair welcomed members and gu"
check "gavel runs on at 80x24" alive clerk
type_text "ests."
keys Tab
check "Tab stores the summary" wait_match "Summary +The Chair welcomed members and guests\.$"
keys C-x
check "^X quits" wait_exit clerk
check "gavel run exits 0" [ "$rc" = 0 ]
check "the committed minutes hold the whole summary" \
	committed_has "    summary: The Chair welcomed members and guests."
check "git status is clean" clean_tree
check "no journal is left behind" no_journal
tui_finish
