#!/bin/sh
# The hub's selected row shows without colour: in every shipped colour
# theme it is bold and underlined as well as coloured (mono: reversed),
# and the item in hand stays told apart from it (">" and bold, never
# underlined nor reversed), as issue 12 asks.  Read from the escape
# sequences the screen sends, so an eye that cannot tell the colours
# still has an attribute to go by.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
# attrs TEXT: the SGR parameters on the screen's line holding TEXT, one a
# line (0 reset, 1 bold, 4 underline, 7 reverse; colours too).
attrs() {
	screen -e | grep -F -- "$1" | head -1 | grep -o "$ESC\[[0-9;]*m" |
		tr -d "$ESC[m" | tr ';' '\n' | sort -u
}
# row_has TEXT PARAM...: TEXT's line carries each SGR parameter.
row_has() {
	_t=$1
	shift
	_a=$(attrs "$_t")
	for _p in "$@"; do
		echo "$_a" | grep -qx "$_p" && continue
		{ echo "no SGR $_p on the line of: $_t"; screen -e | cat -v; } >"$diag"
		return 1
	done
}
# row_lacks TEXT PARAM...: TEXT's line carries none of them.
row_lacks() {
	_t=$1
	shift
	_a=$(attrs "$_t")
	for _p in "$@"; do
		echo "$_a" | grep -qx "$_p" || continue
		{ echo "SGR $_p on the line of: $_t"; screen -e | cat -v; } >"$diag"
		return 1
	done
}

check "gavel demo --no-run makes the demo repository" make_demo
SELECTED="2     Minutes of the previous meeting"
IN_HAND="1     Welcome, apologies and declarations of interest"

# in_hand_apart PARAM...: the item in hand is marked ">" and bold, and
# has none of the selection's attributes PARAM.
in_hand_apart() {
	screen_has "> $IN_HAND" && row_has "$IN_HAND" 1 && row_lacks "$IN_HAND" "$@"
}

# The meeting begun and item 1 taken, so that gavel run opens on the hub
# with item 1 in hand.
take_item_1() {
	start clerk -C "$REPO" run "$MEETING"
	wait_for "Cllr Ruth Dombey" && keys Enter && wait_for "Declaration" &&
		keys C-n && wait_for "Welcome, apologies" && keys C-x && wait_exit clerk
}
check "item 1 taken" take_item_1

# hub NAME ENV...: gavel run on the hub, the selection moved one row
# below the item in hand (the row then carries attributes of its own).
hub() {
	name=$1
	shift
	start "$name" "$@" -C "$REPO" run "$MEETING"
	wait_for "End the meeting" || return 1
	keys j
	_i=0
	while [ -z "$(attrs "$SELECTED")" ] && [ $_i -lt 200 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	[ -n "$(attrs "$SELECTED")" ]
}

for theme in default light high-contrast; do
	check "$theme: the hub, the selection below the item in hand" hub "$theme" GAVEL_THEME=$theme
	check "$theme: the selected row is bold and underlined, not by colour alone" \
		row_has "$SELECTED" 1 4
	check "$theme: the item in hand is marked and bold, not underlined: apart from the selection" \
		in_hand_apart 4 7
	keys q
	check "$theme: q quits" wait_exit "$theme"
done

check "mono (NO_COLOR): the hub" hub mono NO_COLOR=1
check "mono: the selected row is reversed" row_has "$SELECTED" 7
check "mono: the item in hand is marked and bold, not reversed" in_hand_apart 7
keys q
check "mono: q quits" wait_exit mono
check "git status is clean" clean_tree
tui_finish
