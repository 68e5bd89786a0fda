#!/bin/sh
# gavel run MEETING --plain minutes a contested planning item as the
# clerk's screen does (issue 12's procedure, issue 14's screen-reader
# mode), driven through a pipe: a substitute, a late arrival, a
# departure, a pecuniary declaration with the member leaving the room, a
# motion, an amendment lost on a named vote and the substantive motion
# carried.  The committed YAML is checked field by field with python3's
# yaml, and gavel show prints the published phrases.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
ID=planning-committee/2018-06-12
TDATA="$ROOT/tests/tui/data"
ESC=$(printf '\033')
"$GAVEL" init "$R" >/dev/null
mkdir -p "$R/planning-committee"
cp "$TDATA/council-committee.yaml" "$R/planning-committee/committee.yaml"
git -C "$R" add -A && git -C "$R" commit -qm "the committee"
"$GAVEL" -C "$R" new planning-committee 2018-06-12 --agenda "$TDATA/council-agenda.yaml" \
	>/dev/null

# Each line of the here-document is one line the clerk types; the empty
# ones matter (a part left for later).
cat >"$TMP/in" <<'EOF'
present Morgan, Patel, Lee
apologies Cllr Reid
absent Jabbar
substitute Cllr Ruth Dombey for Reid
add Rebecca Cox, Head of Planning
help
begin
next
next
next
next
present Cllr Jabbar
declare
Jabbar
9
4
Owns land adjoining the site
dpi
pecuniary
yes
declare Patel; 5; Lives in Elm Road; non-registrable; no
next
motion
A motion withdrawn before it was seconded.
cancel
motion
That planning permission be refused.
Reed
help
Patel
Morgan

amendment
That the decision be deferred for a site visit.
Dombey
Lee
named
Dombey, Lee
Morgan, Patel, Jabbar
none
maybe
lost
result
9 1 0

result motion 1
3 1
carried
decision 1
motions
leave Cllr Lee
end
EOF
"$GAVEL" -C "$R" run $ID --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "the piped meeting ends at EOF with exit 0" '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'
expect "the output holds no ESC byte" '! grep -q "$ESC" "$TMP/out"'
expect "help lists the procedure's commands" \
	'out_has "motion [TEXT; MOVER; SECONDER]" && out_has "amendment [TEXT" && out_has "result [motion N" && out_has "declare [MEMBER; ITEM; INTEREST; KIND; LEFT]" && out_has "leave NAME" && out_has "substitute NAME for MEMBER" && out_has "named  a named vote"'
expect "each step's prompt says where the clerk is and what is expected" \
	'out_has "Item 4, Motion 1. Moved by? A member present, by name or number (an empty line: none). Type it, or cancel" && out_has "Declaration 1. Did the member leave the room? yes or no (an empty line: no). Type it, or cancel" && out_has "Item 4, Amendment 1 to motion 1. Named vote: who voted against?"'
expect "those present are numbered for a name step" \
	'out_has "Members present: 1. Cllr Alex Morgan; 2. Cllr Sam Patel;"'
expect "bad input says what was expected and the step is asked again" \
	'out_has "'"'"'Reed'"'"' names nobody present: expected a member present" && out_has "There is no item 9 on the agenda" && out_has "'"'"'dpi'"'"' is no kind of interest" && out_has "'"'"'maybe'"'"' is no outcome: expected carried, lost or withdrawn"'
expect "cancel removes the motion being made" 'out_has "Motion 1 cancelled: nothing of it is kept."'
expect "a member named in a vote after leaving the room is a warning" \
	'out_has "Cllr Tariq Jabbar declared a pecuniary interest in item 4 and left the room, but is named in the vote."'
expect "more votes than members present is a warning, not a refusal" \
	'out_has "10 votes cast but only 5 members present."'
expect "the arrival and the departure are stamped with the time and the item" \
	'grep -Eq "Cllr Tariq Jabbar arrived at [0-9]{2}:[0-9]{2}, during item 3" "$TMP/out" && grep -Eq "Cllr Ann Lee left at [0-9]{2}:[0-9]{2}, during item 4" "$TMP/out"'
expect "motions reads back what is recorded" \
	'out_has "Motion 1, amendment 1, named vote: for: Cllr Ruth Dombey, Cllr Ann Lee; against:"'
expect "the minutes are committed" '[ -z "$(git -C "$R" status --porcelain)" ]'

# The committed minutes, field by field.
git -C "$R" show HEAD:$ID/minutes.yaml >"$TMP/got.yaml"
field() {
	python3 - "$TMP/got.yaml" "$1" "$2" <<'PY' >"$TMP/err" 2>&1
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
expect "written as format 2" "field 'm[\"format\"]' '\"gavel-minutes/2\"'"
expect "Reid's apologies" "field '[p[\"name\"] for p in m[\"attendance\"][\"apologies\"]]' '[\"Cllr Jo Reid\"]'"
expect "Dombey present, substituting for Reid" \
	"field 'person(\"Cllr Ruth Dombey\")[\"substitute_for\"]' '\"Cllr Jo Reid\"'"
expect "Jabbar arrived during item 3, at a time" \
	"field '(person(\"Cllr Tariq Jabbar\")[\"arrived_during\"], len(person(\"Cllr Tariq Jabbar\")[\"arrived\"]))' '(\"3\", 5)'"
expect "Lee left during item 4, at a time" \
	"field '(person(\"Cllr Ann Lee\")[\"left_during\"], len(person(\"Cllr Ann Lee\")[\"left\"]))' '(\"4\", 5)'"
expect "Rebecca Cox in attendance" \
	"field 'm[\"attendance\"][\"in_attendance\"]' '[{\"name\": \"Rebecca Cox\", \"role\": \"Head of Planning\"}]'"
expect "the declarations in full, kind and leaving the room" \
	"field 'm[\"declarations\"]' '[{\"member\": \"Cllr Tariq Jabbar\", \"item\": \"4\", \"interest\": \"Owns land adjoining the site\", \"kind\": \"pecuniary\", \"left_room\": True}, {\"member\": \"Cllr Sam Patel\", \"item\": \"5\", \"interest\": \"Lives in Elm Road\", \"kind\": \"non-registrable\"}]'"
expect "one motion: the cancelled one is gone" "field 'len(item(\"4\")[\"motions\"])' '1'"
expect "the motion, its mover and seconder" \
	"field '[item(\"4\")[\"motions\"][0][k] for k in (\"text\", \"mover\", \"seconder\")]' '[\"That planning permission be refused.\", \"Cllr Sam Patel\", \"Cllr Alex Morgan\"]'"
expect "the substantive motion carried 3 to 1" \
	"field '(item(\"4\")[\"motions\"][0][\"votes\"], item(\"4\")[\"motions\"][0][\"outcome\"])' '({\"for\": 3, \"against\": 1, \"abstained\": 0}, \"carried\")'"
expect "the amendment, its mover and seconder" \
	"field '[item(\"4\")[\"motions\"][0][\"amendments\"][0][k] for k in (\"text\", \"mover\", \"seconder\", \"outcome\")]' '[\"That the decision be deferred for a site visit.\", \"Cllr Ruth Dombey\", \"Cllr Ann Lee\", \"lost\"]'"
expect "the amendment lost on a named vote" \
	"field 'item(\"4\")[\"motions\"][0][\"amendments\"][0][\"votes\"]' '{\"for\": 2, \"against\": 3, \"abstained\": 0, \"recorded\": {\"for\": [\"Cllr Ruth Dombey\", \"Cllr Ann Lee\"], \"against\": [\"Cllr Alex Morgan\", \"Cllr Sam Patel\", \"Cllr Tariq Jabbar\"]}}'"
expect "the decision" "field 'item(\"4\")[\"decision\"]' '\"RESOLVED: that planning permission be refused.\"'"

# As published.
"$GAVEL" -C "$R" show $ID >"$TMP/show" 2>"$TMP/err"
tr '\n' ' ' <"$TMP/show" | tr -s ' ' >"$TMP/out"
expect "show: the amendment's set phrase" \
	'out_has "The amendment, moved by Cllr Dombey and seconded by Cllr Lee, was put to the vote and LOST (2 for, 3 against). A recorded vote was taken. For: Cllr Ruth Dombey, Cllr Ann Lee Against: Cllr Alex Morgan, Cllr Sam Patel, Cllr Tariq Jabbar"'
expect "show: the substantive motion's" \
	'out_has "The substantive motion, moved by Cllr Patel and seconded by Cllr Morgan, was put to the vote and CARRIED (3 for, 1 against)."'
expect "show: the substitute, the arrival and the departure" \
	'out_has "Cllr Ruth Dombey (substituting for Cllr Jo Reid)" && grep -Eq "Cllr Jabbar arrived at [0-9:]{5}, during item 3\. Cllr Lee left at [0-9:]{5}, during item 4\." "$TMP/out"'
expect "show: the declaration with its kind and the member leaving the room" \
	'out_has "Owns land adjoining the site. A disclosable pecuniary interest. Cllr Jabbar left the room for the item." && out_has "Lives in Elm Road. A non-registrable interest."'

# --- a step asked again keeps what came before; read-only is refused ---
printf 'item 4\namendment\nAn amendment typed.\n99\ncancel\nmotions\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "a number past those present is refused and asked again" \
	'out_has "There is no number 99: those present are numbered 1 to" && out_has "Amendment 2 to motion 1 cancelled" && ! out_has "Motion 1, Amendment 2"'
# A question asked after a wrong part never swallows quit, end or save.
printf 'item 4\nmotion Words kept; Nobody At All\nsave\nquit\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "save during a question stops it, keeping what was given, and saves" \
	'out_has "Stopped: Motion" && out_has "keeps what was given" && grep -q "Words kept" "$R/$ID/minutes.yaml" && [ -z "$(git -C "$R" status --porcelain)" ]'
"$GAVEL" -C "$R" confirm $ID --by "Cllr Alex Morgan" --date 2018-07-10 >/dev/null 2>&1
head=$(git -C "$R" rev-parse HEAD)
printf 'item 4\nmotion A late motion; Patel; Morgan\ndeclare Patel; 4; Owns a shop\nleave Patel\nsubstitute Cllr Ann Lee for Reid\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "confirmed minutes: the procedure's commands are refused" \
	'out_has "Read-only" && [ "$(git -C "$R" rev-parse HEAD)" = "$head" ] && ! grep -q "A late motion\|Owns a shop" "$R/$ID/minutes.yaml"'

finish
