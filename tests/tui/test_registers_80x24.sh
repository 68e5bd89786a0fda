#!/bin/sh
# The home screen's register views at 80x24: a (open actions), D
# (decisions), A (attendance) on the selected committee, from the same
# registers as gavel actions, decisions and attendance; a header row, a
# list that scrolls, Esc and q back to where the view was opened.
. "$(dirname "$0")/lib.sh"

REPO="$TMP/minutes"
sh "$ROOT/tests/cli/data/registers-repo.sh" "$GAVEL" "$REPO" || exit 2
# A later meeting with more decisions than the screen has rows.
C=planning-committee
"$GAVEL" -C "$REPO" new "Planning Committee" 2018-07-10 >/dev/null 2>&1 || exit 2
{
	printf 'format: gavel-minutes/2\ncommittee: Planning Committee\ndate: 2018-07-10\n'
	printf 'status: draft\nitems:\n'
	for i in $(seq 1 30); do
		printf '  - number: "%s"\n    title: Application %s\n    minute: %s\n' $i $i $((20 + i))
		printf '    decision: Granted application number %s.\n' $i
	done
} >"$REPO/$C/2018-07-10/minutes.yaml"
git -C "$REPO" add -A && git -C "$REPO" commit -qm "a long meeting" || exit 2

start home -C "$REPO"
check "the home screen opens" wait_for "Planning Committee"
keys a
check "a shows the committee's open actions" wait_for "Open actions: Planning Committee"
check "the header row names the columns" screen_has "Action       Due        Status      Owner             Action text"
check "an open action, its owner and due date" \
	screen_has "2018-05-15/2 2018-06-30 open        Cllr Sam Patel"
check "the action's text, cut at a word to fit" screen_has "Cllr Sam Patel    Write to the applicant…"
keys Down Up
check "the selected action's text whole on the message line" \
	wait_for "Write to the applicant <b>now</b>."
check "the action reported done is not among the open ones" screen_lacks "2018-05-15/1"
check "the count is in the bar" screen_has "2 open actions"
keys Escape
check "Esc goes back to the committees" wait_gone "Open actions:"
check "the committees are listed again" screen_has "Committees"

keys Enter
check "Enter lists the meetings" wait_for "2018-07-10"
keys D
check "D shows the decisions, from the meetings' list too" wait_for "Decisions: Planning Committee"
check "the header row" screen_has "Meeting    Min. Item Title"
check "newest first: the long meeting's first decision" \
	screen_has "2018-07-10 21   1    Application 1"
check "a list longer than the screen is cut at its foot" screen_lacks "Members approved the budget."
keys Space Space
check "PgDn (Space) pages down to the oldest decision" wait_for "Secret staffing decision."
keys Up
check "the selected decision whole on the message line, as written" \
	wait_for "RESOLVED: that permission be refused <script>alert(1)</script> & so on."
check "the newest has scrolled off" screen_lacks "Application 1 "
check "the exempt decision is listed, as gavel decisions lists it" screen_has "Staffing matter"
keys q
check "q goes back to the meetings, not out of gavel" wait_gone "Decisions:"
check "gavel is still running, at the meetings" screen_has "2018-07-10"

keys A
check "A shows the attendance" wait_for "Attendance: Planning Committee"
check "the header row" screen_has "Member                        Expected  Attended  Apologies  Absent"
check "a member's counts: expected, attended, apologies, absent" \
	screen_has "Cllr Tariq Jabbar             3         1         0          2"
check "the meetings counted" screen_has "3 meetings"
keys a
check "a from another register switches to the actions" wait_for "Open actions:"
keys Escape
check "Esc goes back to where the first view was opened" wait_for "2018-06-12"
keys '?'
check "? opens the help page" wait_for "gavel: keys of The home screen"
keys NPage NPage
check "the help page lists the registers' keys" wait_for "The selected committee's open actions"
keys q
check "any other key leaves the help page" wait_gone "gavel: keys of"
keys q
check "q leaves" wait_exit home
check "gavel exits 0" [ "$rc" = 0 ]
tui_finish
