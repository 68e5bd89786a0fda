#!/bin/sh
# The history view at 80x24: a vote changed with plain git, from 9-2-1 to
# 10-1-1, shows its old and its new values whole (the change's line
# wraps instead of being cut at the edge); the commit is marked as not
# made by gavel in the list of revisions and in blame.
SIZE=80x24
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
F="$REPO/$MEETING/minutes.yaml"
# The votes recorded by gavel (gavel edit), then changed with plain git.
printf '#!/bin/sh\nsed -i "s/^    title: Integrated Communities Strategy$/&\\n    decision: Members noted the strategy.\\n    votes:\\n      for: 9\\n      against: 2\\n      abstained: 1/" "$1"\n' >"$TMP/ed.sh"
chmod +x "$TMP/ed.sh"
EDITOR="$TMP/ed.sh" "$GAVEL" -C "$REPO" edit "$MEETING" -m "Votes recorded" >/dev/null 2>&1
check "gavel recorded the votes" grep -q "for: 9" "$F"
sed -i 's/for: 9/for: 10/; s/against: 2/against: 1/' "$F"
git -C "$REPO" -c user.name="Pat Plain" -c user.email=pat@example.org \
	commit -qam "votes by hand" || exit 2

# The screen's text as one line, its runs of spaces as one: a value
# wrapped onto the next line still reads whole; a cut one does not.
flat() { screen | tr -s ' \n' '  '; }
flat_has() {
	flat | grep -qF -- "$1" && return 0
	{ echo "not on the screen: $1"; screen | sed -e 's/^/|/'; } >"$diag"
	return 1
}

start home -C "$REPO" browse
check "the home screen lists the committee" wait_for "Communities Board"
keys Enter
check "Enter lists its meetings" wait_for "2018-03-14"
keys h
check "h opens the meeting's history" wait_for "History of $MEETING"
check "the plain-git commit is marked in the list" wait_for "(not made by gavel) Pat Plain  votes by hand"
check "gavel's own commit is not" screen_has "  Test Clerk  $MEETING: edited"
check "the newest change is shown at once" wait_for "votes:"
check "the old votes are whole" flat_has "votes: for 9, against 2, abstained 1 ->"
check "the new votes are whole too, wrapped, not cut" flat_has "-> for 10, against 1, abstained 1"
# Columns, not bytes: a line cut at a word ends in a three-byte ellipsis.
check "no line runs past the edge" sh -c "[ \$(tmux -L '$SOCK' capture-pane -p -t '$WIN' | LC_ALL=C.UTF-8 wc -L) -le 80 ]"
keys b
check "b shows blame" wait_for "who last changed each field"
# scroll_to REGEX: pages down the blame until REGEX shows (a page at most
# eight times); the checks after it wait for the screen as always.
scroll_to() {
	for _p in 1 2 3 4 5 6 7 8; do
		screen | grep -qE -- "$1" && return 0
		keys PgDn
		sleep 0.2
	done
}
keys Tab
scroll_to "item 3 votes"
check "blame credits the votes to the plain-git commit, starred" wait_match "Pat Plain +\\* +item 3 votes +for 10,"
check "its value is whole, wrapped, not cut" flat_has "item 3 votes for 10, against 1, abstained 1"
scroll_to "was not made by gavel"
check "and names it as not made by gavel" wait_for "was not made by gavel"
keys Escape
check "Esc goes back to the home screen" wait_for "r take minutes"
keys q
check "q leaves" wait_exit home
check "gavel exits 0" [ "$rc" = 0 ]
tui_finish
