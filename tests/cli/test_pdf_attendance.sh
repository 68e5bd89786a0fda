#!/bin/sh
# The printed minutes' attendance says what the text, Markdown and HTML
# say: the same lists (substitutes as "substituting for"), then the
# arrivals and departures with their times and items (render_movements),
# checked in pdftotext's text of the reviewed planning meeting.
. "$(dirname "$0")/lib.sh"

if ! command -v pdftotext >/dev/null 2>&1; then
	not_ok "pdftotext is installed (make check installs poppler-utils)"
	finish
	exit 1
fi
FIX="$ROOT/tests/fixtures/publish/planning"
R="$TMP/minutes"
run init "$R"
mkdir -p "$R/planning-committee"
cp "$FIX/committee.yaml" "$R/planning-committee/"
cp -r "$FIX/2018-05-15" "$FIX/2018-06-12" "$R/planning-committee/"
git -C "$R" add -A && git -C "$R" commit -qm "minutes"
ID=planning-committee/2018-06-12

"$GAVEL" -C "$R" show $ID --format pdf >"$TMP/m.pdf" 2>"$TMP/err"
pdftotext -enc UTF-8 "$TMP/m.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/out"
expect "the PDF names the substitute as the other forms do" \
	'out_has "Cllr Dombey (substituting for Cllr Jo Reid)" && ! out_has "substitute for"'
expect "the PDF gives the late arrival and the departure, with time and item" \
	'out_has "Cllr Jabbar arrived at 18:25, during item 3. Cllr Jabbar left at 20:05, during item 9."'
# The attendance block of the text form, from "Present:" to the
# declarations, flattened: the PDF holds it word for word.
run -C "$R" show $ID
sed -n '/^Present:/,/^Declarations of interest:/p' "$TMP/out" | sed '$d' | tr '\n' ' ' |
	tr -s ' ' | sed 's/ $//' >"$TMP/want"
pdftotext -enc UTF-8 "$TMP/m.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/got"
expect "the PDF's attendance is the text form's, word for word" \
	'[ -s "$TMP/want" ] && grep -qF -- "$(cat "$TMP/want")" "$TMP/got"'
finish
