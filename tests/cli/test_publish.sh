#!/bin/sh
# Minutes as a council publishes them (issue 12): the seed meeting (the
# Communities Board, 14 March 2018) and a contested planning meeting,
# shown as text, Markdown and HTML and compared byte for byte with the
# reviewed outputs in tests/fixtures/publish/; exempt business, planted
# with a word, kept out of every public output unless --include-exempt.
#
# PENDING: this script belongs in tests/cli/ (as test_publish.sh) once
# the format-2 reader is on main: until then gavel refuses the fixtures'
# format-2 keys, so it would fail there.  It passes (38 of 38) on main
# merged with the model branch's reader.  `git mv` it when merging both.
#
# GAVEL_UPDATE_FIXTURES=1 writes the expected files from this gavel
# instead (then review them line by line before committing).
. "$(dirname "$0")/lib.sh"

FIX="$ROOT/tests/fixtures/publish"
PLANTED=Plumquartz

if ! command -v xmllint >/dev/null 2>&1; then
	not_ok "xmllint is installed (make check installs libxml2-utils)"
	finish
	exit 1
fi

R="$TMP/minutes"
run init "$R"
mkdir -p "$R/communities-board/2018-03-14" "$R/planning-committee"
cp "$FIX/seed/committee.yaml" "$R/communities-board/"
cp "$FIX/seed/agenda.yaml" "$FIX/seed/minutes.yaml" "$R/communities-board/2018-03-14/"
cp "$FIX/planning/committee.yaml" "$R/planning-committee/"
cp -r "$FIX/planning/2018-05-15" "$FIX/planning/2018-06-12" "$R/planning-committee/"
git -C "$R" add -A && git -C "$R" commit -qm "the meetings" --date=2018-06-13T09:00:00+01:00
HEAD=$(git -C "$R" rev-parse HEAD)
HDATE=$(git -C "$R" log -1 --format=%aI)

run check "$R/communities-board/2018-03-14/minutes.yaml" "$R/planning-committee/2018-06-12/minutes.yaml" \
	"$R/planning-committee/2018-05-15/minutes.yaml" "$R/planning-committee/committee.yaml"
expect "the fixtures are valid minutes (format 2)" '[ $rc -eq 0 ]'

# same MEETING FORMAT EXPECTED: the output, its revision and date put as
# REV and DATE, equals the reviewed file.
same() {
	run -C "$R" show "$1" --format "$2"
	sed "s/$HEAD/REV/; s/$HDATE/DATE/" "$TMP/out" >"$TMP/got"
	if [ -n "${GAVEL_UPDATE_FIXTURES:-}" ]; then
		cp "$TMP/got" "$3"
	fi
	if [ $rc -eq 0 ] && cmp -s "$TMP/got" "$3"; then
		return 0
	fi
	diff -u "$3" "$TMP/got" | head -40 | sed 's/^/#   /'
	return 1
}

for f in text markdown html; do
	case $f in text) ext=txt ;; markdown) ext=md ;; *) ext=html ;; esac
	expect "seed meeting: show --format $f is the reviewed $ext" \
		'same communities-board/2018-03-14 $f "$FIX/seed/expected.$ext"'
	expect "planning meeting: show --format $f is the reviewed $ext" \
		'same planning-committee/2018-06-12 $f "$FIX/planning/expected.$ext"'
done

# The phrases the issue names, so that a reviewed file cannot drift
# from them unseen.
flat_has() { grep -qF -- "$1" "$TMP/flat"; }
run -C "$R" show communities-board/2018-03-14
tr '\n' ' ' <"$TMP/out" | tr -s ' ' >"$TMP/flat"
expect "seed: held on, with the actual start and end" 'out_has "Minutes of the meeting held on Wednesday 14 March 2018, 11:00 to 12:30"'
expect "seed: arrival and departure with the item in hand" 'out_has "Cllr Jabbar arrived at 11:25, during item 3." && out_has "Cllr Woodward left at 12:05, during item 4."'
expect "seed: substitute, apologies, absent" 'flat_has "Cllr Ruth Dombey (substituting for Cllr Jo Reid)" && out_has "Apologies: Cllr Jo Reid" && out_has "Absent: Cllr Sam Patel"'
expect "seed: minute number as published" 'grep -qx "77. Integrated Communities Strategy" "$TMP/out"'
expect "seed: the action on its own line" 'flat_has "Action: Officers to circulate a revised work programme to members (Rebecca Cox, by 30 April 2018)."'
expect "seed: nothing added at print time" '[ "$(grep -c "The Chair introduced" "$TMP/out")" = 1 ]'
run -C "$R" show planning-committee/2018-06-12
tr '\n' ' ' <"$TMP/out" | tr -s ' ' >"$TMP/flat"
expect "planning: the amendment lost on a recorded vote" 'flat_has "The amendment, moved by Cllr Dombey and seconded by Cllr Jabbar, was put to the vote and LOST (2 for, 3 against). A recorded vote was taken. For: Cllr Dombey, Cllr Tariq Jabbar Against: Cllr Alex Morgan, Cllr Sam Patel, Cllr Priya Shah"'
expect "planning: the substantive motion carried" 'flat_has "The substantive motion, moved by Cllr Patel and seconded by Cllr Morgan, was put to the vote and CARRIED (4 for, 1 against)."'
expect "planning: the pecuniary declaration, left the room" 'flat_has "Cllr Tariq Jabbar, item 9 (Land at Mill Lane): Owns land adjoining the site. A disclosable pecuniary interest. Cllr Jabbar left the room for the item."'
expect "planning: deferred with its reason" 'flat_has "This item was deferred. Reason: Awaiting the arboricultural report."'
expect "planning: the urgent item after 5" 'flat_has "Members were satisfied with the conditions on opening hours. Decision: RESOLVED: that planning permission be granted, subject to the conditions in the report. Votes: 5 for, 0 against, 0 abstained. 9. Emergency works to the bandstand (urgent business) (agenda item 5a)"'
expect "planning: an action update names the action" 'flat_has "Action 2018-05-15/2 (Circulate the enforcement protocol to members): done — Circulated on 1 June."'
expect "planning: an exempt action is named by its id only" 'flat_has "Action 2018-05-15/3: in progress."'

# --- exempt business ---
for f in text markdown html; do
	run -C "$R" show planning-committee/2018-06-12 --format $f
	expect "exempt: show --format $f gives the item, its reason, not its content" '[ $rc -eq 0 ] && ! out_has "$PLANTED" && out_has "Exempt item: minute not for publication." && out_has "Schedule 12A, paragraph 3" && out_has "Land at Mill Lane"'
	run -C "$R" show planning-committee/2018-05-15 --format $f
	expect "exempt: the earlier meeting's exempt item, $f" '[ $rc -eq 0 ] && ! out_has "$PLANTED" && out_has "Acquisition of land at Quarry Bank"'
	run -C "$R" show planning-committee/2018-06-12 --format $f --include-exempt
	expect "exempt: --include-exempt prints it in full, $f" '[ $rc -eq 0 ] && out_has "$PLANTED" && ! out_has "Exempt item: minute not for publication."'
done
run -C "$R" show planning-committee/2018-06-12 --include-exempt
expect "exempt: --include-exempt names the exempt action of the earlier meeting" 'tr "\n" " " <"$TMP/out" | tr -s " " | grep -qF "Action 2018-05-15/3 (Complete the Plumquartz purchase): in progress."'

S="$TMP/site"
run -C "$R" export --format html --out "$S"
expect "export: the site is written" '[ $rc -eq 0 ] && [ -f "$S/planning-committee/2018-06-12.html" ] && [ -f "$S/planning-committee/2018-05-15.html" ]'
expect "export: no page holds the planted word" '! grep -rq "$PLANTED" "$S"'
expect "export: the exempt item is named on its page" 'grep -qF "Exempt item: minute not for publication." "$S/planning-committee/2018-06-12.html"'
bad=""
for p in $(find "$S" -name '*.html'); do
	xmllint --noout "$p" 2>/dev/null || bad="$bad $p"
	grep -qi "<script" "$p" && bad="$bad $p(script)"
done
echo "$bad" >"$TMP/err"
expect "export: every page well-formed, no script" '[ -z "$bad" ]'
run -C "$R" export --format html --out "$TMP/site2" --include-exempt
expect "export --include-exempt: the exempt business in full" '[ $rc -eq 0 ] && grep -q "$PLANTED" "$TMP/site2/planning-committee/2018-06-12.html"'

for m in communities-board/2018-03-14 planning-committee/2018-06-12; do
	run -C "$R" show $m --format html
	cp "$TMP/out" "$TMP/page.html"
	expect "html of $m: well-formed, no script" 'xmllint --noout "$TMP/page.html" && ! grep -qi "<script" "$TMP/page.html"'
done
expect "html: a summary's blank line parts paragraphs, no <br />" 'grep -qxF "<p>Rebecca Cox presented the report. The application was recommended for approval.</p>" "$TMP/page.html" && grep -qxF "<p>Members were satisfied with the conditions on opening hours.</p>" "$TMP/page.html"'
finish
