#!/bin/sh
# F3's votes as a clerk would notice them, at 80x24 through the real
# binary: a count takes digits only (a letter is refused and named, never
# kept to be appended to); naming the first voter over typed counts asks
# before the counts go ("n" keeps them, "y" replaces them); a member who
# declared a pecuniary interest and stayed in the room is a warning when
# counts are given and when named in the vote; and the motion carried,
# with no decision typed, is the item's decision: the end of the meeting
# does not call the item undecided, `gavel decisions` lists it and
# `gavel show` prints "RESOLVED: that ...".
SIZE=80x24
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

MEETING="planning-committee/2018-06-12"
MINUTES="$MEETING/minutes.yaml"
REPO="$TMP/repo"
setup() {
	"$GAVEL" init "$REPO" >/dev/null &&
	mkdir -p "$REPO/planning-committee" &&
	cp "$DATA/council-committee.yaml" "$REPO/planning-committee/committee.yaml" &&
	git -C "$REPO" add -A && git -C "$REPO" commit -qm "the committee" &&
	"$GAVEL" -C "$REPO" new planning-committee 2018-06-12 \
		--agenda "$DATA/council-agenda.yaml" >/dev/null
}
check "a planning committee's meeting" setup

# wait_said TEXT: TEXT shows, the message line's wrapped lines joined.
said() { screen | sed -e 's/^ *//' -e 's/ *$//' | tr '\n' ' '; }
wait_said() {
	_i=0
	while ! said | grep -qF -- "$1"; do
		if [ $_i -ge 200 ] || { [ "$broken" -eq 1 ] && [ $_i -ge 20 ]; }; then
			broken=1
			{ echo "never said: $1"; screen | sed 's/^/|/'; } >"$diag"
			return 1
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
}

start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ann Lee"
keys Enter
check "the opening" wait_for "Opening and declarations"

# Patel declares a pecuniary interest in item 4 and stays in the room.
keys F4
check "F4 opens the declarations" wait_match "2 +Cllr Sam Patel"
keys 2
check "the item is picked from the agenda" wait_match "4 +4  Land at Mill Lane"
keys 4
type_text "Owns land adjoining the site"
keys Enter 1
check "a pecuniary interest" wait_match "kind +disclosable pecuniary"
keys 2
check "he stayed in the room" wait_match "left room +no"
keys Escape
check "Esc closes the declarations" wait_gone "Declarations of interest"

keys C-n
check "item 1" wait_for "Item 1 of 5"
keys C-n
check "item 2" wait_for "Item 2 of 5"
keys C-n
check "item 3" wait_for "Item 3 of 5"
keys C-n
check "item 4" wait_for "Item 4 of 5"
check "the reminder says he stayed" wait_said "pecuniary: Owns land adjoining the site.  (stayed in the room)"

# The decision's counts on the item's form take digits only too.
keys Tab Tab Tab
check "on the decision's votes" wait_match "^ Votes for +$"
type_text "2x"
check "a letter in the item's count is refused and named" \
	wait_said "a count is digits only: 'x' not typed"
check "the item's count shows what will be stored" wait_match "^ Votes for +2 *$"
keys BSpace

# The motion, its counts typed.
keys F3
check "F3 opens the motions" wait_for "Motions and amendments on item 4"
type_text "That permission be refused."
keys Enter 1 2
check "mover and seconder" wait_match "seconded by +Cllr Sam Patel"
keys Tab
type_text "7x"
check "a letter in a count is refused and named" wait_said "a count is digits only: 'x' not typed"
check "the count shows what will be stored" wait_match "^   for +7 *$"
keys Enter
type_text "3"
keys Enter
type_text "1"
keys Enter
check "counts with nobody named while he stayed: a warning" \
	wait_said "Cllr Sam Patel declared a pecuniary interest in item 4 and stayed in the room: check the vote leaves them out."
check "the counts as typed" wait_match "^   against +3 *$"

# A named vote over the typed counts asks first.
keys 1
check "naming the first voter asks" \
	wait_said "Replace the typed counts 7/3/1 with a named vote? y replaces them, n keeps them"
check "the key line offers the answers" screen_has "y replace  n keep"
check "nothing changed while asked" screen_lacks "[for]"
keys n
check "n keeps the counts, and says so" wait_said "kept the typed counts 7/3/1"
check "still 7 for" wait_match "^   for +7 *$"
check "nobody named" screen_lacks "[for]"
keys Escape
check "Esc closes the motions" wait_gone "Motions and amendments on item 4"
check "the counts kept are committed, digits only" \
	committed_has '          for: 7
          against: 3
          abstained: 1'

keys F3
check "F3 again" wait_for "Motions and amendments on item 4"
keys Tab Tab Tab Tab
check "on the named vote" wait_match "5 +Cllr Ann Lee"
keys 1
check "asked again" wait_said "Replace the typed counts 7/3/1 with a named vote?"
keys y
check "y replaces the counts" wait_said "the typed counts 7/3/1 replaced by the named vote"
check "Morgan named for" wait_match "named vote +for: Cllr Alex Morgan"
check "the count follows the names" wait_match "^   for +1 *$"
keys 2
check "Patel named after staying in the room: a warning" \
	wait_said "Cllr Sam Patel declared a pecuniary interest in item 4 and stayed in the room, and is named in the vote."
check "the vote stands" wait_match "named vote +for: Cllr Alex Morgan, Cllr Sam Patel"
keys Tab 1
check "the motion carried" wait_match "outcome +carried"
keys Escape
check "Esc closes the motions" wait_gone "Motions and amendments on item 4"

# No decision typed: the motion carried is the item's decision.
keys Escape
check "the hub" wait_for "End the meeting"
keys E
check "E ends the meeting" wait_for "The meeting ended at"
check "the items with no decision are listed" \
	screen_has "item 5 Tree preservation order, Elm Road: no decision"
check "item 4, decided by its motion, is not" screen_lacks "Land at Mill Lane: no decision"
keys q
check "q quits" wait_exit clerk

committed >"$TMP/got.yaml"
field() {
	python3 - "$TMP/got.yaml" "$1" "$2" <<'PY' >"$diag" 2>&1
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
got = eval(sys.argv[2], {"m": doc, "item": lambda n: [i for i in doc["items"] if i["number"] == n][0]})
want = eval(sys.argv[3])
if got != want:
    print("got", repr(got), "wanted", repr(want))
    sys.exit(1)
PY
}
check "the declaration: pecuniary, stayed" field 'm["declarations"]' \
	'[{"member": "Cllr Sam Patel", "item": "4", "interest": "Owns land adjoining the site", "kind": "pecuniary"}]'
check "the named vote's counts" field 'item("4")["motions"][0]["votes"]' \
	'{"for": 2, "against": 0, "abstained": 0, "recorded": {"for": ["Cllr Alex Morgan", "Cllr Sam Patel"]}}'
check "carried" field 'item("4")["motions"][0]["outcome"]' '"carried"'
check "no decision written for it: the decision stays the clerk's" field '"decision" in item("4")' 'False'

run -C "$REPO" decisions
check "gavel decisions lists the motion carried" \
	out_has "planning-committee/2018-06-12  minute 4 (item 4)  Land at Mill Lane: RESOLVED: that permission be refused."
one_line() { [ "$(wc -l <"$TMP/out" | tr -d " ")" -eq 1 ]; }
check "and nothing else" one_line
run -C "$REPO" decisions refused
check "its words find it" out_has "RESOLVED: that permission be refused."
run -C "$REPO" show "$MEETING"
check "the published minutes resolve it after the motion" \
	out_has "RESOLVED: that permission be refused."
check "git status is clean" clean_tree
tui_finish
