#!/bin/sh
# Terminals that are not what gavel is used to: one that cannot move the
# cursor (TERM=dumb, an editor's shell buffer) is refused with a message
# saying what to use, and nothing is drawn; one whose TERM promises a
# line-drawing set (TERM=xterm inside another terminal) still shows the
# home screen's divider as a line, not as the letter x.
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo

start dumb TERM=dumb -C "$REPO" browse
check "a terminal that cannot move the cursor is refused" wait_for "cannot move the cursor"
check "saying what to use instead" wait_for "--plain"
wait_exit dumb
check "with exit status 2" [ "$rc" = 2 ]
start dumbrun TERM=dumb -C "$REPO" run "$MEETING"
check "gavel run too" wait_for "cannot move the cursor"
wait_exit dumbrun
check "naming the terminal" wait_for "the terminal 'dumb'"
check "and exits 2" [ "$rc" = 2 ]

start home TERM=xterm -C "$REPO" browse
check "TERM=xterm opens the home screen" wait_for "Communities Board"
check "its divider is a line" wait_for "│ Communities Board"
check "not the letter x" screen_lacks " x Communities Board"
keys q
check "q leaves" wait_exit home

tui_finish
