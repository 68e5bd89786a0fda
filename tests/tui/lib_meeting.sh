# A whole meeting recorded by keystrokes on the clerk's screen, then the
# committed minutes compared with tests/tui/data/meeting-numbered.yaml (its
# items numbered as they are taken; meeting.yaml is its format-1 form).  Sourced by
# test_meeting_80x24.sh and test_meeting_120x40.sh, which set SIZE (lib_
# like lib.sh: tests/run-all runs only the test_*.sh files).
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# The comments are the bullets of the seed minutes (shared/seeds/004),
# three of them said by someone present: a whole name, a surname, and a
# name the committee file has with its title.
C1="It would be useful to compare and contrast this with both the Syrian Resettlement Scheme, which was successful and led by local authorities, and the Asylum Seeker Dispersal Programme, which was enforced on local authorities and failed in terms of community cohesion."
C2="Some of the building blocks of community integration - such as youth centres, children’s centres, libraries, community centres – have been closed as a result of basic cuts to funding. Councils want to be innovative but grants and funding have been cut."
C3="Penny Hobman: MHCLG acknowledged the funding pressures authorities were under but the Government wanted authorities to think about how to use existing money effectively in delivering integration within other services like health and social care."
C4="Fenn: The team would be co-designing strategies with five local authorities and would keep in mind the concern that a regional approach might not work in delivering local integration."
C5="Members wanted to see information about the strategy being published in Councillors’ News magazine."
C6="Simon Blackburn: The impact of home schooling was discussed at his ministerial meeting the previous week; members were keen to see a register of home schooled children."

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys b
check "b begins the meeting" wait_log "meeting began"

# Attendance: the eighth member sends apologies; the two presenters of
# item 3, next on the list, are in attendance.
keys j j j j j j j a
check "a member marked with apologies" wait_match "apologies +Cllr Ruth Dombey"
keys i i
check "the presenters marked in attendance" wait_match "in attendance +Penny Hobman"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"

# A declaration on the F4 sheet: the member picked from those present,
# the item from the agenda, then the interest.  (The opening's own
# unlabelled declaration fields are gone: typing there is refused.)
check "the opening says how to declare" wait_for "F4 declare an interest"
type_text "Cllr Jo Reid declared"
check "typing on the opening's declaration row is refused" \
	wait_for "declarations are made and changed on the F4 sheet"
keys F4
check "F4 opens the declarations" wait_for "Declarations of interest"
check "the member is picked from those present" wait_match "[1-9a-z] +Cllr Jo Reid"
keys "$(choice_key "Cllr Jo Reid")"
check "the item is picked from the agenda" wait_match "3 +3  Integrated Communities"
keys 3
type_text "Trustee of a local refugee charity"
keys Enter
check "a declaration recorded" wait_for "Trustee of a local refugee charity"
keys Escape
check "the opening lists the declaration" \
	wait_for "Cllr Jo Reid, item 3: Trustee of a local refugee charity"

# ^N to the items, on to item 3.
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"
keys C-n
check "^N opens the second item" wait_for "Minutes of the previous meeting"
keys C-n
check "^N opens item 3" wait_for "Integrated Communities Strategy"
check "item 3 shows its presenters from the agenda" wait_for "Penny Hobman"

# The summary (the field in hand on a fresh item) opens with the Chair
# introducing the presenters, on screen; the clerk goes on after it.
check "the summary opens with the Chair introducing the presenters" \
	wait_for "The Chair introduced Peter Fenn and Penny Hobman, Ministry of"
type_text "Peter Fenn and Penny Hobman gave an overview of the strategy, which builds on the Casey Review."
keys Tab
k=0
for c in "$C1" "$C2" "$C3" "$C4" "$C5" "$C6"; do
	k=$((k + 1))
	type_text "$c"
	keys Enter
	check "comment $k stored and committed" wait_log "comment $k recorded"
done
check "the last comment shows" wait_for "register of home schooled children."

# The decision by quick pick: the phrases show in the empty decision.
keys Tab
check "the empty decision offers the committee's phrases" \
	wait_for "Members noted the presentation."
keys 1
check "quick pick 1 records the decision" wait_log "decision recorded"

# An action with its owner and due date (past the three vote fields).
keys Tab Tab Tab Tab
type_text "Publish information about the strategy in Councillors’ News magazine."
keys Tab
type_text "Peter Fenn"
keys Tab
type_text "2018-04-30"
keys Tab
check "the action's due date shows" wait_for "2018-04-30"

# ^N to the next item, then the hub, the end, and quit.
keys C-n
check "^N moves on to item 4" wait_for "Tackling loneliness"
# The committer thread commits after the screen moves on: poll git.
log_soon() {
	_i=0
	while ! log_has "$1"; do
		[ $_i -ge 200 ] && return 1
		sleep 0.05
		_i=$((_i + 1))
	done
}
check "leaving item 3 commits its action" log_soon "action 1 recorded"
# Item 4's opening sentence is not wanted: the clerk clears it.
check "item 4's summary opens with its presenter" \
	wait_for "The Chair introduced Rebecca Cox, Principal Policy Adviser."
i=0
while [ $i -lt 70 ]; do keys BSpace; i=$((i + 1)); done
check "cleared, the sentence is gone" wait_gone "The Chair introduced Rebecca Cox"
keys Escape
check "Esc opens the hub" wait_for "End the meeting"
keys E
check "E in the hub ends the meeting" wait_for "The meeting ended at"
keys q
check "q quits" wait_exit clerk
check "gavel run exits 0" [ "$rc" = 0 ]
check "the farewell says the meeting ended" wait_for "the meeting ended at"

check "the committed minutes are the expected ones" same_as "$DATA/meeting-numbered.yaml"
for s in "meeting began" "attendance recorded" "declaration 1 recorded" \
	 "summary recorded" "comment 1 recorded" "comment 6 recorded" \
	 "decision recorded" "action 1 recorded" "meeting ended"; do
	check "git log shows \"$s\"" log_has "$s"
done
check "the meeting's commits are separate (one a comment)" \
	[ "$(git -C "$REPO" log --format=%s | grep -c 'comment [1-6] recorded')" -ge 6 ]
check "git status is clean" clean_tree
check "git fsck is clean" fsck_clean
check "no journal is left behind" no_journal
check "no lock is left behind" \
	[ -z "$(find "$REPO/.git/gavel/locks" -type f 2>/dev/null)" ]
tui_finish
