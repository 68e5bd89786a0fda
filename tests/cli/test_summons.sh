#!/bin/sh
# The summons: gavel show MEETING --agenda, the notice of the meeting as
# councils publish it (date, time, venue, chair, membership, the numbered
# agenda), in text, Markdown and HTML (checked by xmllint), and export's
# agenda page beside each meeting's minutes.
. "$(dirname "$0")/lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	not_ok "xmllint is installed (make check installs libxml2-utils)"
	finish
	exit 1
fi

R="$TMP/minutes"
run init "$R"
mkdir -p "$R/communities-board"
cp "$DATA/committee.yaml" "$R/communities-board/committee.yaml"
git -C "$R" add -A && git -C "$R" commit -qm "committee"
run -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml"
M=communities-board/2018-03-14
expect "a meeting from the test agenda" '[ $rc -eq 0 ]'

run -C "$R" show --help
expect "show --help tells of --agenda" 'out_has "--agenda"'

run -C "$R" show "$M" --agenda
expect "show --agenda exits 0" '[ $rc -eq 0 ]'
expect "the notice names the committee first" '[ "$(head -1 "$TMP/out")" = "Communities Board" ]'
expect "it is a notice of meeting" 'out_has "Notice of meeting"'
expect "it says when and where" 'out_has "A meeting of the Communities Board will be held on Wednesday 14 March" && out_has "11:00, at Town Hall, Committee Room 2."'
expect "it names the chair" 'out_has "Chair: Cllr Alex Morgan"'
expect "it lists the membership from committee.yaml" 'out_has "Membership:" && out_has "  Cllr Alex Morgan (Chairman)" && out_has "  Cllr Zoë Reid"'
expect "items keep their own numbers, in order" '[ "$(grep -n "^[0-9]*\. " "$TMP/out" | cut -d: -f2 | tr "\n" "|")" = "3. Minutes of the previous meeting|5. Integrated Communities Strategy|6. Any other business|" ]'
# joined: the text as one line, for sentences that wrap.
joined() { tr '\n' ' ' <"$TMP/out" | tr -s ' '; }
expect "the minutes item says what it confirms" 'joined | grep -qF "the minutes of the meeting held on 7 February 2018 (communities-board/2018-02-07)."'
expect "purpose, presenters and documents under their item" 'out_has "   Purpose: For discussion" && out_has "   Presenters: Peter Fenn" && out_has "   Supporting documents:" && out_has "green-paper.pdf"'
expect "it ends with the revision it was made from" 'out_has "Made from revision $(git -C "$R" rev-parse HEAD)"'
expect "nothing of the minutes in it" '! out_has "Minutes of the meeting held" && ! out_has "Status:"'

run -C "$R" show "$M" --agenda --format markdown
expect "Markdown: a heading, the notice and the agenda" 'out_has "# Communities Board" && out_has "## Notice of meeting" && out_has "## Agenda" && out_has "### 5. Integrated Communities Strategy"'
expect "Markdown links a document kept in the repository" 'out_has "[Integrated Communities Strategy green paper](<green-paper.pdf>)"'

run -C "$R" show "$M" --agenda --format html
cp "$TMP/out" "$TMP/summons.html"
expect "HTML is well-formed (xmllint)" 'xmllint --noout "$TMP/summons.html" 2>"$TMP/err"'
expect "HTML: the title, the headings, one list item per agenda item" '[ "$(xmllint --xpath "string(/html/head/title)" "$TMP/summons.html")" = "Communities Board: notice of meeting, 14 March 2018" ] && [ "$(xmllint --xpath "count(//ol[@class=\"agenda\"]/li)" "$TMP/summons.html")" = 3 ] && [ "$(xmllint --xpath "count(//ul[@class=\"membership\"]/li)" "$TMP/summons.html")" = 3 ]'

run -C "$R" show "$M" --agenda --format yaml
expect "yaml: the agenda file itself" 'out_has "format: gavel-agenda/1" && out_has "  - number: \"5\""'

# Hostile text stays text.
cat >"$TMP/hostile.yaml" <<'EOF'
format: gavel-agenda/1
committee: Communities Board
date: 2018-04-11
venue: "<b>Hall</b> & \"annex\""
items:
  - number: "1"
    title: "<script>alert(1)</script> *bold* [x](y)"
    documents:
      - title: Evil
        ref: "javascript:alert(1)"
EOF
run -C "$R" new "Communities Board" 2018-04-11 --agenda "$TMP/hostile.yaml"
run -C "$R" show communities-board/2018-04-11 --agenda --format html
cp "$TMP/out" "$TMP/hostile.html"
expect "hostile HTML is well-formed and escaped" 'xmllint --noout "$TMP/hostile.html" && ! grep -q "<script>" "$TMP/hostile.html" && ! grep -q "href=\"javascript" "$TMP/hostile.html"'
run -C "$R" show communities-board/2018-04-11 --agenda --format markdown
expect "hostile Markdown is escaped" 'out_has "\<script\>" && out_has "\*bold\*" && ! out_has "](javascript"'

# A meeting without agenda.yaml says so.
git -C "$R" rm -q communities-board/2018-04-11/agenda.yaml && git -C "$R" commit -qm "no agenda"
run -C "$R" show communities-board/2018-04-11 --agenda
expect "no agenda: exit 1 and a clear message" '[ $rc -eq 1 ] && err_has "communities-board/2018-04-11 has no agenda.yaml"'

# export writes each meeting's agenda page beside its minutes.
run -C "$R" export --format html --out "$TMP/site"
expect "export exits 0" '[ $rc -eq 0 ]'
expect "export writes the agenda page of a meeting with an agenda" '[ -f "$TMP/site/$M-agenda.html" ] && [ ! -f "$TMP/site/communities-board/2018-04-11-agenda.html" ]'
expect "the exported agenda page is well-formed and links home" 'xmllint --noout "$TMP/site/$M-agenda.html" && grep -q "href=\"../index.html\"" "$TMP/site/$M-agenda.html"'

finish
