# A contested planning item minuted keyboard only (sourced by
# test_council_80x24.sh and test_council_120x40.sh, which set SIZE): a late
# arrival, a departure and a substitute on the attendance list; a
# pecuniary declaration with the member leaving the room (F4); a motion,
# an amendment lost on a named vote and the substantive motion carried
# (F3); minute numbers continuing from the committee's earlier meeting of
# its year (which starts on 1 May: April's meeting is last year's); an
# urgent item made exempt; then the committed YAML checked field by
# field.  The quorum is all five members: only with Jabbar there.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

MEETING="planning-committee/2018-06-12"
MINUTES="$MEETING/minutes.yaml"
REPO="$TMP/repo"
setup() {
	"$GAVEL" init "$REPO" >/dev/null &&
	mkdir -p "$REPO/planning-committee/2018-05-15" "$REPO/planning-committee/2018-04-10" &&
	cp "$DATA/council-committee.yaml" "$REPO/planning-committee/committee.yaml" &&
	cp "$DATA/council-earlier.yaml" "$REPO/planning-committee/2018-05-15/minutes.yaml" &&
	cp "$DATA/council-lastyear.yaml" "$REPO/planning-committee/2018-04-10/minutes.yaml" &&
	git -C "$REPO" add -A && git -C "$REPO" commit -qm "the committee" &&
	"$GAVEL" -C "$REPO" new planning-committee 2018-06-12 \
		--agenda "$DATA/council-agenda.yaml" >/dev/null
}
check "a planning committee with an earlier meeting this year" setup

start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ann Lee"

# Reid sends apologies, Jabbar is not here yet.
keys j j a
check "apologies marked" wait_match "apologies +Cllr Jo Reid"
keys x
check "a member not yet here marked absent" wait_match "absent +Cllr Tariq Jabbar"
# A substitute: added, present, standing in for Reid (s: picked from the
# committee's members).
keys +
type_text "Cllr Ruth Dombey"
keys Enter Enter
check "the substitute added" wait_for "Cllr Ruth Dombey"
keys p s
check "s opens the person's sheet" wait_for "Attendance of Cllr Ruth Dombey"
check "the substitute is picked from the committee's members" wait_match "3 +Cllr Jo Reid"
keys 3
check "the substitution shows" wait_match "Substitute for +Cllr Jo Reid"
keys Escape
check "the list says whom she stands in for" wait_for "for Cllr Jo Reid"
keys +
type_text "Rebecca Cox"
keys Enter
type_text "Head of Planning"
keys Enter
check "an officer in attendance" wait_match "in attendance +Rebecca Cox"
# p on her: not a member, so in attendance still (never under present).
keys p
check "p on an officer says she is no member" wait_for "Rebecca Cox is not a member"
check "and leaves her in attendance" wait_match "in attendance +Rebecca Cox"

# The opening, then items 1 to 3, each numbered as it is taken.
keys Enter
check "the opening" wait_for "Opening and declarations"
keys C-n
check "item 1 is minute 41, after May's 40" wait_for "minute 41"
# (at 120 columns the message follows clerka's note that b was not pressed, and wraps)
check "four members of five: no quorum, said as the item starts" \
	wait_for "NO QUORUM: 4"
check "the header flags it" wait_for "NO QUORUM 4/5"
keys C-n C-n
check "item 3 is minute 43" wait_for "minute 43"

# Jabbar arrives during item 3.
keys Escape
check "the hub" wait_for "End the meeting"
keys k k k k k Enter
check "attendance from the hub" wait_for "Cllr Tariq Jabbar"
keys j j j p
check "the late arrival is recorded with the item in hand" \
	wait_match "Cllr Tariq Jabbar arrived at [0-9:]+, during item 3"

# His declaration: every field labelled, the member and the item picked.
keys F4
check "F4 opens the declarations" wait_for "Declarations of interest"
check "the member is picked from those present" wait_match "3 +Cllr Tariq Jabbar"
keys 3
check "the item is picked from the agenda" wait_match "4 +4  Land at Mill Lane"
keys 4
type_text "Owns land adjoining the site"
keys Enter 1 1
check "the declaration's kind" wait_match "kind +disclosable pecuniary"
check "he left the room" wait_match "left room +yes"
keys Escape
check "Esc closes the declarations" wait_gone "Declarations of interest"

# Item 4: the reminder, then the motions.
keys Escape
check "the hub again" wait_for "End the meeting"
keys Escape
check "Esc goes back to the item in hand" wait_for "Item 3 of 5"
keys C-n
check "item 4 is minute 44 and shows the declaration" \
	wait_for "Declared: Cllr Tariq Jabbar, disclosable pecuniary"
check "the header gives the minute" wait_for "minute 44"
check "quorate once Jabbar arrived" screen_lacks "NO QUORUM"
keys F3
check "F3 opens the motions" wait_for "Motions and amendments on item 4"
type_text "That planning permission be refused."
keys Enter 2 1
check "mover and seconder" wait_match "seconded by +Cllr Alex Morgan"
type_text "That the decision be deferred for a site visit."
keys Enter 5 4
check "the amendment's mover and seconder" wait_match "moved by +Cllr Ruth Dombey"
keys Tab Tab Tab
check "the named vote lists those present" wait_match "5 +Cllr Ruth Dombey"
keys 3
check "Jabbar named in the vote is a warning" \
	wait_for "Cllr Tariq Jabbar declared a pecuniary interest in item 4 and left"
keys 3 3 3 5 4 1 1 2 2
check "the named vote's marks" wait_match "Cllr Sam Patel +\\[against\\]"
keys Tab 2
check "the amendment lost" wait_match "outcome +lost"
keys Tab
type_text "9"
keys Tab
check "more votes than members present is a warning" \
	wait_for "9 votes cast but only 5 members present"
keys BTab BSpace
type_text "3"
keys Tab
type_text "1"
keys Tab Tab Tab 1
check "the substantive motion carried" wait_match "^   outcome +carried"
keys Escape
check "Esc closes the motions" wait_gone "Motions and amendments on item 4"

# Lee leaves during item 4.
keys Escape
check "the hub" wait_for "End the meeting"
keys k k k k k k Enter
check "attendance" wait_for "Cllr Ann Lee"
keys j j j j l
check "the departure with its time and item" \
	wait_match "Cllr Ann Lee left at [0-9:]+, during item 4"
check "her departure leaves no quorum" wait_for "NO QUORUM: 4 members present, 5"

# Urgent business, made exempt with its reason.
keys Escape
check "the hub" wait_for "End the meeting"
keys j j j j j j j j j j k u
type_text "Staffing matter"
keys Enter
check "the urgent item" wait_for "Staffing matter"
keys j j j j j j j j j j k k X
type_text "Local Government Act 1972, Schedule 12A, paragraph 1"
keys Enter
check "the hub marks the exempt item" wait_for "[X] Staffing matter"
keys E
check "E ends the meeting" wait_for "The meeting ended at"
keys q
check "q quits" wait_exit clerk

# The committed minutes, field by field.
committed >"$TMP/got.yaml"
field() {
	python3 - "$TMP/got.yaml" "$1" "$2" <<'PY' >"$diag" 2>&1
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
got = eval(sys.argv[2], {"m": doc, "item": lambda n: [i for i in doc["items"] if i["number"] == n][0],
                         "person": lambda n: [p for p in doc["attendance"]["present"] if p["name"] == n][0]})
want = eval(sys.argv[3])
if got != want:
    print("got", repr(got), "wanted", repr(want))
    sys.exit(1)
PY
}
check "written as format 2" field 'm["format"]' '"gavel-minutes/2"'
check "Reid's apologies" field '[p["name"] for p in m["attendance"]["apologies"]]' '["Cllr Jo Reid"]'
check "Dombey substitutes for Reid" field 'person("Cllr Ruth Dombey")["substitute_for"]' '"Cllr Jo Reid"'
check "Jabbar arrived during item 3" field 'person("Cllr Tariq Jabbar")["arrived_during"]' '"3"'
check "his arrival time" field 'len(person("Cllr Tariq Jabbar")["arrived"])' '5'
check "Lee left during item 4" field 'person("Cllr Ann Lee")["left_during"]' '"4"'
check "Rebecca Cox in attendance" \
	field 'm["attendance"]["in_attendance"]' '[{"name": "Rebecca Cox", "role": "Head of Planning"}]'
check "nobody absent at the end" field '"absent" in m["attendance"]' 'False'
check "the declaration in full" field 'm["declarations"]' \
	'[{"member": "Cllr Tariq Jabbar", "item": "4", "interest": "Owns land adjoining the site", "kind": "pecuniary", "left_room": True}]'
check "minute numbers continue the year" \
	field '[item(n).get("minute") for n in ("1", "2", "3", "4", "5")]' '[41, 42, 43, 44, None]'
check "the motion" field 'item("4")["motions"][0]["text"]' '"That planning permission be refused."'
check "its mover and seconder" \
	field '(item("4")["motions"][0]["mover"], item("4")["motions"][0]["seconder"])' \
	'("Cllr Sam Patel", "Cllr Alex Morgan")'
check "the motion carried 3 to 1" field 'item("4")["motions"][0]["votes"]' \
	'{"for": 3, "against": 1, "abstained": 0}'
check "the motion's outcome" field 'item("4")["motions"][0]["outcome"]' '"carried"'
check "the amendment" field 'item("4")["motions"][0]["amendments"][0]["text"]' \
	'"That the decision be deferred for a site visit."'
check "the amendment's mover and seconder" \
	field '[item("4")["motions"][0]["amendments"][0][k] for k in ("mover", "seconder")]' \
	'["Cllr Ruth Dombey", "Cllr Ann Lee"]'
check "the amendment lost on a named vote" \
	field 'item("4")["motions"][0]["amendments"][0]["votes"]' \
	'{"for": 2, "against": 2, "abstained": 0, "recorded": {"for": ["Cllr Ruth Dombey", "Cllr Ann Lee"], "against": ["Cllr Alex Morgan", "Cllr Sam Patel"]}}'
check "the amendment's outcome" field 'item("4")["motions"][0]["amendments"][0]["outcome"]' '"lost"'
check "the urgent item is exempt with its reason" \
	field '[i.get("exempt") for i in m["items"] if i.get("urgent")]' \
	'["Local Government Act 1972, Schedule 12A, paragraph 1"]'
check "git status is clean" clean_tree
tui_finish
