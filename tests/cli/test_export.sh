#!/bin/sh
# Export for those without gavel: show --format markdown|html and
# gavel export --format html, with hostile text in every field.  The HTML
# is checked by a real XML parser (xmllint, from libxml2-utils): gavel
# writes polyglot markup, so a strict XML parse proves the tags balance
# and every text is escaped.
. "$(dirname "$0")/lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	not_ok "xmllint is installed (make check installs libxml2-utils)"
	finish
	exit 1
fi

# xpath FILE EXPR: the string value of EXPR in FILE.
xpath() { xmllint --xpath "$2" "$1" 2>/dev/null; }
# hrefs FILE: every href of FILE, one a line (attributes are escaped, so
# no raw quote can be inside one).
hrefs() { grep -o 'href="[^"]*"' "$1" | sed 's/^href="//; s/"$//'; }

run export --help
expect "gavel export --help answers" '[ $rc -eq 0 ] && out_has "usage: gavel export" && out_has ".gavel-export"'
run show --help
expect "gavel show --help names the new formats" 'out_has "--format markdown" && out_has "--format html"'

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Audit Panel" 2019-04-01
run -C "$R" new "Audit Panel" 2019-05-01
run -C "$R" new "Audit Panel" 2019-05-01
run -C "$R" new "Planning Committee" 2019-01-09
M="$R/audit-panel/2019-05-01"
grep -v '^#' "$DATA/hostile-minutes.yaml" >"$M/minutes.yaml"
mkdir -p "$M/papers" && printf '%%PDF-1.4 green paper\n' >"$M/papers/green-paper.pdf"
git -C "$R" add -A && git -C "$R" commit -qm "hostile minutes" --date=2019-06-13T10:00:00+01:00
HEAD=$(git -C "$R" rev-parse HEAD)
HDATE=$(git -C "$R" log -1 --format=%aI)
HOSTILE='<script>alert(1)</script> & " '"'"' ]]> # * _ [x](y)'

# --- show --format text ---
run -C "$R" show audit-panel/2019-05-01
expect "text ends with the revision, its date and the status" '[ $rc -eq 0 ] && tail -3 "$TMP/out" | tr "\n" " " | grep -qF "Made from revision $HEAD of $HDATE; these minutes are confirmed (confirmed on 12 June 2019 by"'

# --- show --format markdown ---
run -C "$R" show audit-panel/2019-05-01 --format markdown
expect "markdown: the item heading as published" '[ $rc -eq 0 ] && grep -q "^## 5 \\\\<script\\\\>\\. \\\\<script\\\\>alert(1)" "$TMP/out"'
# Every "<" of the data is escaped: with "\<" taken out, none is left.
expect "markdown: no raw tag from the data" '! sed "s/\\\\</X/g" "$TMP/out" | grep -q "<"'
cat >"$TMP/want" <<'EOF_WANT'
- \# hash comment \<script\>alert(1)\</script\>
1\. not a list  
\# not a heading  
\> not a quote
\- second paragraph \* \_ \[x\](y) \`code\` \\ back
- \<b\>Cllr\</b\> \* \_: 1. numbered \& " ' \]\]\> \[x\](y)
First \<script\>alert(1)\</script\> line \& " ' \]\]\>  
- Evil \<script\>alert(1)\</script\> (javascript:alert(1))
- [Web \& " ' \]\]\>](https://example.org/a?b=1&c=%3Cx%3E%22)
- [Kept \[x\](y)](papers/green-paper.pdf)
- Climb (../../etc/passwd)
EOF_WANT
missing=$(grep -vxF -f "$TMP/out" "$TMP/want")
expect "markdown: line-start markup (# 1. > -), emphasis, links, code and HTML in data are escaped; line breaks kept" '[ -z "$missing" ]'
expect "markdown: only http(s) and safe paths become links" '[ "$(grep -c "^- \[" "$TMP/out")" = 3 ] && ! grep -qE "([^\\\\]|^)\]\(javascript" "$TMP/out"'
expect "markdown ends with the provenance line" '[ "$(tail -1 "$TMP/out" | cut -c1-59)" = "Made from revision $HEAD" ]'

# --- show --format html ---
run -C "$R" show audit-panel/2019-05-01 --format html
cp "$TMP/out" "$TMP/page.html"
P="$TMP/page.html"
expect "html: well-formed (a strict XML parse)" '[ $rc -eq 0 ] && xmllint --noout "$P" 2>"$TMP/err"'
expect "html: a doctype, lang and charset" 'head -1 "$P" | grep -qx "<!DOCTYPE html>" && [ "$(xpath "$P" "string(/html/@lang)")" = en-GB ] && [ "$(xpath "$P" "string(//meta/@charset)")" = utf-8 ]'
expect "html: no script element, no event handler, no javascript: link" '[ "$(xpath "$P" "count(//script)")" = 0 ] && ! grep -qi "<script" "$P" && [ "$(xpath "$P" "count(//@*[starts-with(name(), \"on\")])")" = 0 ] && ! hrefs "$P" | grep -qi "javascript"'
expect "html: nothing external (no src, no stylesheet link)" '[ "$(xpath "$P" "count(//@src)+count(//link)")" = 0 ]'
expect "html: the hostile text reads back exactly from the parse" '[ "$(xpath "$P" "string(//h1)")" = "Audit $HOSTILE" ] && [ "$(xpath "$P" "string(//main/section/h2)")" = "5 <script>. $HOSTILE" ]'
expect "html: the hostile text is escaped in the markup" 'grep -qF "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot; &#39; ]]&gt; # * _ [x](y)" "$P"'
# Minutes:, Decision:, Supporting documents: (an action is a line of its own, issue 12)
expect "html: headings, lists and definition lists" '[ "$(xpath "$P" "count(//main/h1)")" = 1 ] && [ "$(xpath "$P" "count(//section/h3)")" = 3 ] && [ "$(xpath "$P" "count(//h4)")" = 1 ] && [ "$(xpath "$P" "count(//dl/dt)")" -ge 5 ] && [ "$(xpath "$P" "count(//section/ul/li)")" = 7 ] && [ "$(xpath "$P" "count(//section/p[starts-with(., \"Action: \")])")" = 1 ]'
expect "html: the comment with its speaker" '[ "$(xpath "$P" "string(//h4/following-sibling::ul[1]/li[2])")" = "<b>Cllr</b> * _: 1. numbered & \" '"'"' ]]> [x](y)" ]'
expect "html: summary paragraphs, line breaks kept" '[ "$(xpath "$P" "count(//section/p[br])")" -ge 1 ] && [ "$(xpath "$P" "count(//section/p[starts-with(., \"- second paragraph\")])")" = 1 ]'
expect "html: links only to http(s) and safe paths" '[ "$(hrefs "$P" | tr "\n" " ")" = "https://example.org/a?b=1&amp;c=%3Cx%3E%22 papers/green-paper.pdf missing.pdf " ]'
expect "html: the footer names HEAD, its date and the status" '[ "$(xpath "$P" "string(//footer)" | tr -s "\n" " " | sed "s/^ //; s/ $//")" = "Made from revision $HEAD of $HDATE; these minutes are confirmed (confirmed on 12 June 2019 by Cllr <script>alert(1)</script> & \" '"'"' ]]>)." ]'
run -C "$R" show audit-panel/2019-04-01 --format html --rev HEAD~1
expect "html --rev: the footer names that revision, draft" '[ $rc -eq 0 ] && grep -qF "Made from revision $(git -C "$R" rev-parse HEAD~1) of " "$TMP/out" && grep -qF "these minutes are draft." "$TMP/out"'
run -C "$R" show audit-panel/2019-05-01 --format postscript
expect "an unknown format is a usage error naming the formats" '[ $rc -eq 2 ] && err_has "text, yaml, json, markdown, html, pdf or akn"'

# --- export ---
S="$TMP/site"
run -C "$R" export --format html --out "$S"
expect "export writes the site, exit 0" '[ $rc -eq 0 ] && out_has "Exported 4 meetings" && [ -f "$S/.gavel-export" ] && [ -f "$S/index.html" ] && [ -f "$S/audit-panel/index.html" ] && [ -f "$S/planning-committee/index.html" ]'
expect "export: a page per meeting" '[ -f "$S/audit-panel/2019-05-01.html" ] && [ -f "$S/audit-panel/2019-05-01-2.html" ] && [ -f "$S/audit-panel/2019-04-01.html" ] && [ -f "$S/planning-committee/2019-01-09.html" ]'
bad=""
for f in $(cd "$S" && find . -name '*.html'); do
	xmllint --noout "$S/$f" 2>/dev/null || bad="$bad $f"
	[ "$(xpath "$S/$f" "count(//script)")" = 0 ] || bad="$bad $f(script)"
	[ "$(xpath "$S/$f" "string(/html/@lang)")" = en-GB ] || bad="$bad $f(lang)"
	xpath "$S/$f" "string(//footer)" | grep -qF "Made from revision $HEAD of $HDATE" || bad="$bad $f(footer)"
done
expect "export: every page well-formed, lang, no script, footer naming HEAD" '[ -z "$bad" ]'
broken=""
for f in $(cd "$S" && find . -name '*.html'); do
	d=$(dirname "$S/$f")
	for h in $(hrefs "$S/$f"); do
		case $h in https://*|http://*) continue ;; esac
		[ -f "$d/$h" ] || broken="$broken $f:$h"
	done
done
expect "export: every link inside the site resolves to a file" '[ -z "$broken" ]'
expect "export: the home page links each committee" '[ "$(hrefs "$S/index.html" | tr "\n" " ")" = "audit-panel/index.html planning-committee/index.html " ]'
expect "export: a committee index lists its meetings newest first, with status" '[ "$(hrefs "$S/audit-panel/index.html" | tr "\n" " ")" = "../index.html decisions.html actions.html attendance.html 2019-05-01-2.html 2019-05-01.html 2019-04-01.html " ] && [ "$(xpath "$S/audit-panel/index.html" "string(//main/ul/li[2])")" = "Wednesday 1 May 2019: confirmed" ] && [ "$(xpath "$S/audit-panel/index.html" "string(//main/ul/li[3])")" = "Monday 1 April 2019: draft" ]'
expect "export: a meeting links home, its committee, previous and next" '[ "$(hrefs "$S/audit-panel/2019-05-01.html" | head -4 | tr "\n" " ")" = "../index.html index.html 2019-04-01.html 2019-05-01-2.html " ]'
expect "export: a document kept in the repository is copied and linked" 'cmp -s "$S/audit-panel/2019-05-01/papers/green-paper.pdf" "$M/papers/green-paper.pdf" && hrefs "$S/audit-panel/2019-05-01.html" | grep -qx "2019-05-01/papers/green-paper.pdf" && ! hrefs "$S/audit-panel/2019-05-01.html" | grep -q "missing.pdf"'
expect "export: the meeting page's status in its footer" 'xpath "$S/audit-panel/2019-04-01.html" "string(//footer)" | grep -qF "these minutes are draft."'

# Rerun over the previous export: replaced, and a meeting gone is gone.
echo "stale" >"$S/audit-panel/2019-04-01.html"
git -C "$R" rm -rq planning-committee && git -C "$R" commit -qm "planning moved out"
run -C "$R" export --format html --out "$S"
expect "export reruns over its previous export" '[ $rc -eq 0 ] && xmllint --noout "$S/audit-panel/2019-04-01.html" && grep -qF "$(git -C "$R" rev-parse HEAD)" "$S/index.html"'
expect "a rerun removes the pages of meetings no longer there" '[ ! -e "$S/planning-committee" ] && [ "$(hrefs "$S/index.html")" = audit-panel/index.html ]'

# Never clobbers unrelated files.
mkdir -p "$TMP/mine" && echo "my notes" >"$TMP/mine/notes.txt"
run -C "$R" export --format html --out "$TMP/mine"
expect "export refuses a folder that is not empty and not an export" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has ".gavel-export" && [ "$(ls -A "$TMP/mine")" = notes.txt ]'
run -C "$R" export --format html --out "$TMP/mine/notes.txt"
expect "export refuses a file as its folder" '[ $rc -eq 2 ] && [ "$(cat "$TMP/mine/notes.txt")" = "my notes" ]'
run -C "$R" export --out "$TMP/x"
expect "export needs --format html" '[ $rc -eq 2 ] && err_has "usage: gavel export"'
run -C "$R" export --format html --out "$TMP/c" --committee ../etc
expect "export refuses a committee that is not a slug" '[ $rc -eq 2 ] && [ ! -e "$TMP/c" ]'
# A symbolic link planted in the export is replaced, not followed.
ln -sf "$TMP/mine/notes.txt" "$S/audit-panel/2019-04-01.html"
run -C "$R" export --format html --out "$S"
expect "a symbolic link in the export is replaced, never written through" '[ $rc -eq 0 ] && [ "$(cat "$TMP/mine/notes.txt")" = "my notes" ] && [ ! -L "$S/audit-panel/2019-04-01.html" ]'

# A meeting that does not load gets a page saying so; the rest goes on.
mkdir -p "$R/audit-panel/2018-12-12"
printf 'format: gavel-minutes/1\ncommittee: <b>Audit</b>\ndate: 2018-12-12\nitems: [\n' >"$R/audit-panel/2018-12-12/minutes.yaml"
git -C "$R" add -A && git -C "$R" commit -qm "broken by another tool"
run -C "$R" export --format html --out "$TMP/site2" --committee audit-panel
expect "export of a broken meeting: its page says why, exit 1" '[ $rc -eq 1 ] && err_has "audit-panel/2018-12-12" && xmllint --noout "$TMP/site2/audit-panel/2018-12-12.html" && grep -qF "could not be read" "$TMP/site2/audit-panel/2018-12-12.html" && [ -f "$TMP/site2/audit-panel/2019-05-01.html" ]'
expect "export --committee writes only that committee" '[ "$(ls "$TMP/site2")" = "audit-panel
index.html" ]'

finish
