#!/bin/sh
# gavel export --format html writes each committee's registers
# (decisions.html, actions.html, attendance.html), linked from the
# committee's index: well-formed (xmllint), stamped with the revision,
# hostile text escaped, exempt business left out unless --include-exempt,
# and left out altogether from an export of a revision other than HEAD.
. "$(dirname "$0")/lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	not_ok "xmllint is installed (make check installs libxml2-utils)"
	finish
	exit 1
fi
R="$TMP/minutes" C=planning-committee
sh "$DATA/registers-repo.sh" "$GAVEL" "$R" || exit 2
HEAD=$(git -C "$R" rev-parse HEAD)
O="$TMP/site"
run -C "$R" export --format html --out "$O"
expect "the export succeeds" '[ $rc -eq 0 ]'
for p in decisions actions attendance; do
	f="$O/$C/$p.html"
	expect "$p.html is written and well-formed" '[ -f "$f" ] && xmllint --noout "$f"'
	expect "$p.html names the revision" 'grep -qF "Made from revision $HEAD" "$f"'
	expect "$p.html has no script" '! grep -qi "<script" "$f"'
	expect "the committee's index links $p.html" \
		'grep -qF "<a href=\"$p.html\">" "$O/$C/index.html"'
	expect "$p.html links back to the committee" 'grep -qF "<a href=\"index.html\">Planning Committee</a>" "$f"'
done
D="$O/$C/decisions.html"
expect "decisions: the decision's text, escaped" \
	'grep -qF "refused &lt;script&gt;alert(1)&lt;/script&gt; &amp; so on." "$D"'
expect "decisions: newest first, linked to the meeting's page" \
	'[ "$(grep -o "href=\"2018-[0-9-]*\.html\"" "$D" | tr "\n" " ")" = "href=\"2018-06-12.html\" href=\"2018-05-15.html\" " ]'
expect "decisions: the minute number" 'grep -qx "<td>15</td>" "$D"'
expect "decisions: an exempt item's decision is left out" '! grep -q "Secret" "$D"'
A="$O/$C/actions.html"
expect "actions: the status carried forward, with its note" \
	'grep -qF "<td>done (2018-06-12: Issued on 21 May.)</td>" "$A"'
expect "actions: an open one, escaped" 'grep -qF "Write to the applicant &lt;b&gt;now&lt;/b&gt;." "$A"'
expect "actions: an exempt item's action is left out" '! grep -q "Secret" "$A"'
T="$O/$C/attendance.html"
expect "attendance: a member's counts (expected, attended, apologies, absent)" \
	'tr -d "\n" <"$T" | grep -qF "<td>Cllr Sam Patel</td><td>2</td><td>1</td><td>1</td><td>0</td>"'
expect "attendance: an absence counted" \
	'tr -d "\n" <"$T" | grep -qF "<td>Cllr Tariq Jabbar</td><td>2</td><td>1</td><td>0</td><td>1</td>"'
expect "attendance: the number of meetings" 'grep -qF "<p>2 meetings." "$T"'
# Every internal link of the registers resolves to a page of the export.
bad=
for f in "$D" "$A" "$T" "$O/$C/index.html"; do
	for h in $(grep -o 'href="[^"]*"' "$f" | sed 's/^href="//; s/"$//'); do
		[ -f "$(dirname "$f")/$h" ] || bad="$bad $h"
	done
done
expect "every link of the registers resolves" '[ -z "$bad" ]'
expect ".gavel-export lists the registers" 'grep -qx "$C/decisions.html" "$O/.gavel-export"'

run -C "$R" export --format html --out "$TMP/all" --include-exempt
expect "--include-exempt keeps the exempt decision and action" \
	'[ $rc -eq 0 ] && grep -q "Secret staffing decision" "$TMP/all/$C/decisions.html" &&
	 grep -q "Secret staffing action" "$TMP/all/$C/actions.html"'

# Of an earlier revision the index (which follows HEAD) cannot speak.
git -C "$R" commit -q --allow-empty -m later
run -C "$R" export --format html --out "$TMP/old" --rev HEAD~1
expect "an export of an earlier revision leaves the registers out, saying so" \
	'[ $rc -eq 0 ] && err_has "export of HEAD only" && [ ! -e "$TMP/old/$C/decisions.html" ] &&
	 ! grep -q "decisions.html" "$TMP/old/$C/index.html" && xmllint --noout "$TMP/old/$C/index.html"'
# Exported again at HEAD into the same folder: the registers come back.
run -C "$R" export --format html --out "$TMP/old"
expect "exported again at HEAD, the registers are there" \
	'[ $rc -eq 0 ] && [ -f "$TMP/old/$C/decisions.html" ] && [ ! -s "$TMP/err" ]'
finish
