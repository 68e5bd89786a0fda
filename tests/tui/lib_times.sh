# The meeting's times (issue 12, point 1): the agenda's start shown as
# scheduled, the real start stamped only by b on the attendance list,
# never again by opening, reopening or quitting; E ends the item in hand
# and the meeting.  Sourced by test_times_80x24.sh and _120x40.sh.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# item_has N TEXT: item N's part of the committed minutes holds TEXT.
item_has() {
	committed | awk -v n="- number: \"$1\"" 'index($0, n) {f = 1; next} /- number:/ {f = 0} f' \
		>"$TMP/item" && grep -qF -- "$2" "$TMP/item" ||
		{ { echo "item $1 lacks: $2"; cat "$TMP/item"; } >"$diag"; return 1; }
}

began() { git -C "$REPO" log --format=%s | grep -c "meeting began"; }

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
check "the agenda's start shows as scheduled" screen_has "scheduled 11:00"
if [ "$SIZE" = 120x40 ]; then
	check "with room for it, the header has the whole venue" wait_match \
		"^ Communities Board  Wednesday 14 March 2018  Smith Square, Westminster, Meeting Room 1 +scheduled 11:00"
fi
check "the clerk is told how to begin" screen_has "Scheduled for 11:00: b begins the meeting."
keys q
check "q at once quits" wait_exit clerk
check "quitting at once stamps no start" [ "$(began)" = 0 ]
check "the minutes keep the agenda's start" committed_has 'start: "11:00"'

start again -C "$REPO" run "$MEETING"
check "reopened, the start is still the scheduled one" wait_for "scheduled 11:00"
keys b
check "b begins the meeting" wait_for "The meeting began at"
check "b commits the start" wait_log "meeting began"
stamp=$(git -C "$REPO" log -1 --format=%s | sed -n 's/.*meeting began \([0-9:]*\).*/\1/p')
check "the start committed is the time stamped" committed_has "start: \"$stamp\""
check "the header says began" wait_for "began $stamp"
keys b
check "b again stamps nothing and says where to correct" \
	wait_for "The meeting began at $stamp; the opening's Started field corrects it."
check "one commit says the meeting began" [ "$(began)" = 1 ]

# The opening's Started field corrects it.
keys Enter
check "the opening shows the start as Started" wait_for "Started"
keys Up Up
keys C-u
type_text "11:04"
keys Tab
check "a corrected start is committed" wait_for "Venue"
keys q 2>/dev/null
keys C-x
check "^X quits" wait_exit again
check "the corrected start is committed" committed_has 'start: "11:04"'

start third -C "$REPO" run "$MEETING"
check "reopened, the header says the start" wait_for "began 11:04"
check "reopening stamps nothing" [ "$(began)" = 1 ]
# Item 3 taken, then quit in it.
keys C-n C-n C-n C-n
check "item 3 opens" wait_for "Integrated Communities Strategy"
type_text "An overview."
keys C-x
check "^X quits" wait_exit third
check "item 3 started" item_has 3 '    started: "'
check "item 3 has not ended" eval '! item_has 3 "    ended: \""'

# Reopened: the hub, item 3 in hand; E ends it and the meeting.
start fourth -C "$REPO" run "$MEETING"
check "reopened at the hub" wait_for "Welcome back: Enter goes on with item 3."
keys E
check "E ends the meeting" wait_for "The meeting ended at"
check "the end says committed once the commit has landed" wait_for "the minutes are committed ("
check "E stamps the end of the item in hand" item_has 3 '    ended: "'
check "E stamps the meeting's end" committed_has 'end: "'
check "the start is still the corrected one" committed_has 'start: "11:04"'
check "still one commit says the meeting began" [ "$(began)" = 1 ]
keys q
check "q quits" wait_exit fourth
check "git status is clean" clean_tree
tui_finish
