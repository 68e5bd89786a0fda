#!/bin/sh
# The paper the chair signs: gavel show MEETING --format pdf, checked by
# poppler's own tools (pdfinfo, pdftotext, pdffonts from poppler-utils):
# the PDF parses, is A4, holds every item title in every script, the
# heading and "Page N of M" on each page, the signature block or the
# confirmation, and the revision; a long meeting makes more pages.
. "$(dirname "$0")/lib.sh"

for t in pdfinfo pdftotext pdffonts; do
	if ! command -v $t >/dev/null 2>&1; then
		not_ok "$t is installed (make check installs poppler-utils)"
		finish
		exit 1
	fi
done

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Communities Board" 2018-03-14
M="$R/communities-board/2018-03-14"
cat >"$M/minutes.yaml" <<'EOF_M'
format: gavel-minutes/1
committee: Communities Board
date: 2018-03-14
start: "11:02"
venue: Neuadd y Dref, Ystafell 2
status: draft
attendance:
  present:
    - name: Cllr Zoë Reid
      role: Chair
    - name: José Álvarez
  apologies:
    - name: Cllr Gwŷn ap Ŵyn
items:
  - number: "1"
    title: 地域統合戦略 (Integrated Communities Strategy)
    summary: |
      Trafodwyd y strategaeth yn y Cyngor: ŵ ŷ Ŵ Ŷ.
    comments:
      - text: Zoë asked about the building blocks of integration.
        by: José Álvarez
    decision: Members noted the presentation.
    votes:
      for: 9
      against: 2
      abstained: 1
  - number: "2"
    title: Cyllideb y Cyngor, ŵyl ŷd
  - number: "3"
    title: Any other business
EOF_M
git -C "$R" add -A && git -C "$R" commit -qm "minutes" --date=2018-03-15T10:00:00+00:00
HEAD=$(git -C "$R" rev-parse HEAD)

"$GAVEL" -C "$R" show communities-board/2018-03-14 --format pdf >"$TMP/m.pdf" 2>"$TMP/err"
rc=$?
pdfinfo "$TMP/m.pdf" >"$TMP/info" 2>"$TMP/info.err"
prc=$?
expect "show --format pdf writes a PDF that pdfinfo parses without complaint" \
	'[ $rc -eq 0 ] && [ $prc -eq 0 ] && [ ! -s "$TMP/info.err" ] && head -c 5 "$TMP/m.pdf" | grep -q "%PDF-"'
expect "the pages are A4" 'grep -q "^Page size: *595.27[0-9] x 841.89 pts (A4)" "$TMP/info"'
expect "the PDF's title names the committee and the date" \
	'grep -q "^Title: *Communities Board: minutes of 14 March 2018" "$TMP/info"'
pdftotext -enc UTF-8 "$TMP/m.pdf" "$TMP/m.txt"
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }
expect "every item title is in the text, in every script (CJK, Welsh)" \
	'grep -qF "地域統合戦略 (Integrated Communities Strategy)" "$TMP/m.txt" && grep -qF "Cyllideb y Cyngor, ŵyl ŷd" "$TMP/m.txt" && grep -qF "3. Any other business" "$TMP/m.txt"'
expect "names with accents and Welsh letters come through" \
	'grep -qF "Cllr Zoë Reid (Chair), José Álvarez" "$TMP/m.txt" && grep -qF "Cllr Gwŷn ap Ŵyn" "$TMP/m.txt" && grep -qF "ŵ ŷ Ŵ Ŷ" "$TMP/m.txt"'
pdffonts "$TMP/m.pdf" >"$TMP/fonts" 2>&1
expect "the fonts are embedded: DejaVu, and Noto CJK for the CJK title" \
	'grep -q "DejaVuSans" "$TMP/fonts" && grep -q "NotoSansCJK" "$TMP/fonts" && ! awk "NR > 2 && \$(NF-4) != \"yes\"" "$TMP/fonts" | grep -q .'
expect "the revision the PDF was made from, in full, and its status" \
	'flat "$TMP/m.txt" | grep -qF "Made from revision $HEAD of 2018-03-15T10:00:00+00:00; these minutes are draft."'
expect "draft minutes end with the lines the chair signs" \
	'flat "$TMP/m.txt" | grep -q "Signed \.\.\.* Chair Date \.\.\.*"'
expect "each page has the meeting's heading and its page number" \
	'grep -qF "Communities Board — Wednesday 14 March 2018" "$TMP/m.txt" && grep -qF "Page 1 of 1" "$TMP/m.txt"'

# On a terminal (script(1) gives gavel one), the PDF is refused, not dumped.
script -qec "'$GAVEL' -C '$R' show communities-board/2018-03-14 --format pdf" /dev/null \
	</dev/null >"$TMP/tty" 2>&1
rc=$?
expect "the PDF is never written to a terminal: a message says to redirect it" \
	'[ $rc -eq 2 ] && grep -qF "the PDF is not for a terminal: send it to a file" "$TMP/tty" && ! grep -q "%PDF" "$TMP/tty"'

"$GAVEL" -C "$R" show communities-board/2018-03-14 --format pdf >"$TMP/again.pdf" 2>/dev/null
expect "the same minutes at the same revision make the same bytes" 'cmp -s "$TMP/m.pdf" "$TMP/again.pdf"'

# --- confirmed minutes ---
run -C "$R" confirm communities-board/2018-03-14 --by "Cllr Zoë Reid" --date 2018-04-11
"$GAVEL" -C "$R" show communities-board/2018-03-14 --format pdf >"$TMP/c.pdf" 2>"$TMP/err"
pdftotext -enc UTF-8 "$TMP/c.pdf" "$TMP/c.txt"
expect "confirmed minutes say who signed them and when, and have no signature lines" \
	'flat "$TMP/c.txt" | grep -qF "Confirmed as a correct record on 11 April 2018, signed by Cllr Zoë Reid." && ! grep -q "^Signed \." "$TMP/c.txt"'

# --- a long meeting ---
# items N: a meeting of N items, each with a summary, a comment and a decision.
items() {
	echo "format: gavel-minutes/1"
	echo "committee: Planning Committee"
	echo "date: 2019-01-09"
	echo "status: draft"
	echo "items:"
	i=1
	while [ $i -le "$1" ]; do
		echo "  - number: \"$i\""
		echo "    title: Application number $i at Mill Lane"
		echo "    summary: The officer presented the application and the objections received from neighbours, the parish council and the highways authority."
		echo "    comments:"
		echo "      - Members asked about parking, drainage and the loss of trees on the site."
		echo "    decision: RESOLVED that permission be granted subject to conditions."
		i=$((i + 1))
	done
}
run -C "$R" new "Planning Committee" 2019-01-09
P="$R/planning-committee/2019-01-09"
pages() {
	items "$1" >"$P/minutes.yaml"
	git -C "$R" commit -qam "$1 items"
	"$GAVEL" -C "$R" show planning-committee/2019-01-09 --format pdf >"$TMP/p$1.pdf" 2>"$TMP/err"
	pdfinfo "$TMP/p$1.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}
p10=$(pages 10)
p100=$(pages 100)
expect "10 items fill a few pages, 100 items many more ($p10 and $p100 pages)" \
	'[ "$p10" -ge 2 ] && [ "$p10" -le 5 ] && [ "$p100" -ge $((p10 * 5)) ] && [ "$p100" -le $((p10 * 12)) ]'
pdftotext -enc UTF-8 "$TMP/p100.pdf" "$TMP/p100.txt"
missing=0
i=1
while [ $i -le 100 ]; do
	grep -qxF "$i. Application number $i at Mill Lane" "$TMP/p100.txt" || missing=$((missing + 1))
	i=$((i + 1))
done
expect "all 100 item titles are in the text, each heading whole on one page" '[ $missing -eq 0 ]'
bad=0
k=1
while [ $k -le "${p100:-0}" ]; do
	pdftotext -enc UTF-8 -f $k -l $k "$TMP/p100.pdf" "$TMP/page.txt"
	grep -qF "Planning Committee — Wednesday 9 January 2019" "$TMP/page.txt" &&
		grep -qF "Page $k of $p100" "$TMP/page.txt" || bad=$((bad + 1))
	k=$((k + 1))
done
expect "every page of the long meeting has the heading and 'Page k of $p100'" '[ "${p100:-0}" -gt 1 ] && [ $bad -eq 0 ]'

run -C "$R" show planning-committee/2019-01-09 --format postscript
expect "an unknown format is refused, naming pdf among those there are" \
	'[ $rc -eq 2 ] && err_has "expected text, yaml, json, markdown, html, pdf or akn"'

finish
