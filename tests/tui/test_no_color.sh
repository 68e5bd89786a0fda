#!/bin/sh
# NO_COLOR: the screen opens and works without a colour on it; a theme
# asked for by name (--theme light) still has its colours.
. "$(dirname "$0")/lib.sh"

# colours: the colour parameters (30-38, 40-48, 90-97, 100-107; not the
# "default colour" 39 and 49) of the escape sequences on the screen, one
# a line.  Attributes such as bold and reverse are not colours.
colours() {
	screen -e | grep -o "$(printf '\033')\[[0-9;]*m" | tr -d '\033[m' | tr ';' '\n' |
		grep -Ex '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}
no_colours() {
	c=$(colours)
	[ -z "$c" ] && return 0
	{ echo "colour parameters:"; echo "$c" | sort | uniq -c;
	  screen -e | cat -v | head -5; } >"$diag"
	return 1
}
has_colours() {
	[ -n "$(colours)" ] && return 0
	{ echo "no colours on:"; screen -e | cat -v | head -10; } >"$diag"
	return 1
}

check "gavel demo --no-run makes the demo repository" make_demo

start plain NO_COLOR=1 -C "$REPO" run "$MEETING"
check "with NO_COLOR gavel run opens" wait_for "Cllr Ruth Dombey"
check "the attendance list has no colours" no_colours
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
keys F4
check "F4 opens the declarations" wait_for "Declarations of interest"
check "the sheet has no colours" no_colours
keys "$(choice_key "Cllr Jo Reid")" 3
type_text "Trustee of a local refugee charity"
keys Enter
check "a declaration is recorded" wait_for "Trustee of a local refugee charity"
keys Escape
check "Esc closes the declarations" wait_gone "Declarations of interest"
check "the opening has no colours" no_colours
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"
check "an item's form has no colours" no_colours
keys Escape
check "Esc opens the hub" wait_for "End the meeting"
check "the hub has no colours" no_colours
keys q
check "it quits" wait_exit plain
check "it exits 0" [ "$rc" = 0 ]
check "the declaration is committed" \
	committed_has "    interest: Trustee of a local refugee charity"

start light NO_COLOR=1 -C "$REPO" run --theme light "$MEETING"
check "with NO_COLOR and --theme light gavel run opens" wait_for "End the meeting"
check "--theme light still has colours" has_colours
keys q
check "it quits" wait_exit light

start colour -C "$REPO" run "$MEETING"
check "without NO_COLOR gavel run opens" wait_for "End the meeting"
check "without NO_COLOR the default theme has colours" has_colours
keys q
check "it quits" wait_exit colour
check "git status is clean" clean_tree
tui_finish
