#!/bin/sh
# An item the meeting never took (neither taken, deferred nor withdrawn)
# says so in every public output: "This item was not taken at this
# meeting." under its heading, in the style of "This item was deferred."
# A bare heading left a reader unable to tell whether it was discussed.
# It keeps no minute number; deferred and withdrawn items read as before;
# the line is never put under an item taken, however little it holds,
# nor under any item of minutes not yet begun (made from the agenda).
. "$(dirname "$0")/lib.sh"

LINE="This item was not taken at this meeting."
for t in pdftotext xmllint; do
	if ! command -v $t >/dev/null 2>&1; then
		not_ok "$t is installed (make check installs poppler-utils and libxml2-utils)"
		finish
		exit 1
	fi
done

R="$TMP/minutes"
ID=communities-board/2018-03-14
run init "$R"
mkdir -p "$R/communities-board/2018-03-14" "$R/communities-board/2018-02-07"
cp "$DATA/committee.yaml" "$R/communities-board/"
# Minutes with minute numbers: 4 never taken, 5 deferred, 6 withdrawn,
# 7 taken with nothing but its start time, 8 never taken and exempt.
cat >"$R/$ID/minutes.yaml" <<'EOF'
format: gavel-minutes/2
committee: Communities Board
date: 2018-03-14
start: "11:00"
end: "12:30"
status: draft
attendance:
  present:
    - name: Cllr Alex Morgan
      role: Chairman
items:
  - number: "3"
    title: Minutes of the previous meeting
    minute: 76
    decision: "RESOLVED: that the minutes be agreed."
  - number: "4"
    title: Tackling loneliness
    documents:
      - title: Loneliness report
        ref: loneliness.pdf
  - number: "5"
    title: Integrated Communities Strategy
    status: deferred
    reason: Papers late.
  - number: "6"
    title: Work programme
    status: withdrawn
  - number: "7"
    title: Any other business
    minute: 77
    started: "12:20"
  - number: "8"
    title: Staffing matter
    exempt: Local Government Act 1972, Schedule 12A, paragraph 1
EOF
# Format 1, no minute numbers: the agenda's number heads the item.
cat >"$R/communities-board/2018-02-07/minutes.yaml" <<'EOF'
format: gavel-minutes/1
committee: Communities Board
date: 2018-02-07
status: draft
items:
  - number: "1"
    title: Apologies
    summary: None were received.
  - number: "2"
    title: Tackling loneliness
EOF
git -C "$R" add -A && git -C "$R" commit -qm "two meetings" || exit 2

run -C "$R" show $ID
cp "$TMP/out" "$TMP/text"
# after HEADING N: the N lines after the line that is exactly HEADING.
after() { awk -v h="$1" -v n="$2" 'found && n-- > 0 { print } $0 == h { found = 1 }' "$TMP/text"; }
expect "text: under the untaken item's heading, its agenda number and the line" \
	'[ $rc -eq 0 ] && [ "$(after "Tackling loneliness" 3 | tr "\n" "|")" = "(agenda item 4)||$LINE|" ]'
expect "text: the untaken item keeps no minute number" \
	'grep -qx "Tackling loneliness" "$TMP/text" && ! grep -q "^[0-9]*\. Tackling loneliness" "$TMP/text"'
expect "text: the exempt untaken item says both" \
	'[ "$(after "Staffing matter" 7 | grep -c -e "$LINE" -e "Exempt item: minute not for publication.")" = 2 ]'
expect "text: the line is under the two untaken items only" '[ "$(grep -c "$LINE" "$TMP/text")" = 2 ]'
expect "text: deferred and withdrawn items read as before" \
	'[ "$(after "Integrated Communities Strategy" 3 | tr "\n" "|")" = "(agenda item 5)||This item was deferred. Reason: Papers late.|" ] &&
	 [ "$(after "Work programme" 3 | tr "\n" "|")" = "(agenda item 6)||This item was withdrawn.|" ]'
expect "text: an item taken with only its start is not called untaken" \
	'[ "$(after "77. Any other business" 3 | tr "\n" "|")" = "(agenda item 7; started 12:20)||Staffing matter|" ]'

run -C "$R" show $ID --format markdown
expect "markdown: the line under the untaken item" \
	'[ $rc -eq 0 ] && [ "$(grep -c "^$LINE\$" "$TMP/out")" = 2 ] &&
	 awk "/^## Tackling loneliness\$/ { on = 1 } on && /^$LINE\$/ { print; exit } on && /^## [0-9]/ { exit }" "$TMP/out" | grep -q .'
run -C "$R" show $ID --format html
cp "$TMP/out" "$TMP/page.html"
expect "html: the line is a paragraph of the untaken items, the page well-formed" \
	'[ $rc -eq 0 ] && [ "$(grep -c "<p>$LINE</p>" "$TMP/page.html")" = 2 ] && xmllint --noout "$TMP/page.html"'
run -C "$R" show $ID --format pdf
cp "$TMP/out" "$TMP/m.pdf"
expect "pdf: the line under the untaken item" \
	'[ $rc -eq 0 ] && pdftotext -layout "$TMP/m.pdf" - | tr -s " " | grep -A3 "^ *Tackling loneliness" | grep -qF "$LINE"'
run -C "$R" show $ID --format akn
cp "$TMP/out" "$TMP/m.xml"
expect "akn: the untaken item's section says so, and the document is valid" \
	'[ $rc -eq 0 ] && [ "$(xmllint --xpath "string(//*[local-name()=\"debateSection\"][*[local-name()=\"heading\"]=\"Tackling loneliness\"]/*[local-name()=\"narrative\"])" "$TMP/m.xml" | tr -s " \n" " " | sed "s/^ //; s/ \$//")" = "$LINE" ] &&
	 xmllint --noout --relaxng "$DATA/akn-debate.rng" "$TMP/m.xml" 2>/dev/null'
run -C "$R" show $ID --format json
expect "json is the file: no line added" '[ $rc -eq 0 ] && ! out_has "$LINE"'

run -C "$R" show communities-board/2018-02-07
cp "$TMP/out" "$TMP/text"
expect "minutes without minute numbers: the item by its agenda number, then the line" \
	'[ $rc -eq 0 ] && [ "$(after "2. Tackling loneliness" 2 | tr "\n" "|")" = "|$LINE|" ] && [ "$(grep -c "$LINE" "$TMP/text")" = 1 ]'

run -C "$R" export --format html --out "$TMP/site"
expect "export: the meeting's page says so" \
	'[ $rc -eq 0 ] && [ "$(grep -c "<p>$LINE</p>" "$TMP/site/$ID.html")" = 2 ]'
expect "nothing was written into the repository" '[ -z "$(git -C "$R" status --porcelain)" ]'

# --- minuted by the clerk: items never entered say so once the meeting ends ---
sed 's/^date: 2018-03-14$/date: 2018-04-11/' "$DATA/agenda.yaml" >"$TMP/agenda.yaml"
"$GAVEL" -C "$R" new "Communities Board" 2018-04-11 --agenda "$TMP/agenda.yaml" >/dev/null || exit 2
# Before the meeting, its minutes are the agenda's: nothing is "not taken".
run -C "$R" show communities-board/2018-04-11
expect "minutes not yet begun: no item said to be not taken" \
	'[ $rc -eq 0 ] && grep -q "Integrated Communities Strategy" "$TMP/out" && ! grep -q "$LINE" "$TMP/out"'
printf 'begin\nnext\nnext\nThe minutes were agreed.\nend\n' |
	"$GAVEL" -C "$R" run communities-board/2018-04-11 --plain >"$TMP/out" 2>"$TMP/err"
expect "the plain dialogue minutes one item and ends the meeting" '[ $? -eq 0 ]'
run -C "$R" show communities-board/2018-04-11
cp "$TMP/out" "$TMP/text"
expect "show: the item taken has its minute, those never entered say they were not taken" \
	'[ $rc -eq 0 ] && grep -qx "78. Minutes of the previous meeting" "$TMP/text" &&
	 [ "$(after "Integrated Communities Strategy" 3 | tr "\n" "|")" = "(agenda item 5)||$LINE|" ] &&
	 [ "$(after "Any other business" 3 | tr "\n" "|")" = "(agenda item 6)||$LINE|" ] &&
	 [ "$(grep -c "$LINE" "$TMP/text")" = 2 ]'
finish
