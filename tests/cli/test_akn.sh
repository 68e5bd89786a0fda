#!/bin/sh
# gavel show --format akn and export --format akn: an Akoma Ntoso 3.0
# debate.  xmllint proves it well-formed and valid against
# tests/cli/data/akn-debate.rng (the structure the OASIS specification
# requires of the parts gavel writes); Python's XML parser then checks
# what a schema cannot: every speech's `by`, every person reference and
# every vote's section resolve, each item is a section with its number
# and heading, hostile text reads back exactly.
. "$(dirname "$0")/lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	not_ok "xmllint is installed (make check installs libxml2-utils)"
	finish
	exit 1
fi
RNG="$DATA/akn-debate.rng"

# refs FILE: one line per problem of cross-reference, nothing when all resolve.
refs() {
	python3 - "$1" <<'EOF_PY'
import sys, xml.etree.ElementTree as ET
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
root = ET.parse(sys.argv[1]).getroot()
ids = [e.get("eId") for e in root.iter() if e.get("eId")]
for i in set(ids):
    if ids.count(i) > 1:
        print("eId twice:", i)
people = {e.get("eId") for e in root.iter(A + "TLCPerson")}
tlc = {e.get("eId") for e in root.iter() if e.tag.startswith(A + "TLC")}
for s in root.iter(A + "speech"):
    if s.get("by", "")[1:] not in people:
        print("speech by", s.get("by"))
for p in root.iter(A + "person"):
    if p.get("refersTo", "")[1:] not in people:
        print("person", p.get("refersTo"))
sections = {e.get("eId") for e in root.iter(A + "debateSection")}
for v in root.iter(A + "voting"):
    if v.get("href", "")[1:] not in sections:
        print("voting href", v.get("href"))
    for a in ("outcome", "refersTo"):
        if v.get(a) and v.get(a)[1:] not in tlc:
            print("voting", a, v.get(a))
    for c in v.iter(A + "count"):
        if c.get("refersTo", "")[1:] not in tlc:
            print("count refersTo", c.get("refersTo"))
for a in root.iter(A + "FRBRauthor"):
    if a.get("href", "")[1:] not in tlc:
        print("FRBRauthor", a.get("href"))
EOF_PY
}
# items FILE: "NUM|HEADING" of each item's section.
items() {
	python3 - "$1" <<'EOF_PY'
import sys, xml.etree.ElementTree as ET
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
body = ET.parse(sys.argv[1]).getroot().find(A + "debate").find(A + "debateBody")
for s in body.findall(A + "debateSection"):
    if s.get("name") == "item":
        print("%s|%s" % (s.findtext(A + "num"), s.findtext(A + "heading")))
EOF_PY
}

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Communities Board" 2018-03-14
F="$R/communities-board/2018-03-14"
cp "$ROOT/tests/data/minutes-full.yaml" "$F/minutes.yaml"
cp "$ROOT/tests/data/agenda-full.yaml" "$F/agenda.yaml"
run -C "$R" new "Audit Panel" 2019-05-01
grep -v '^#' "$DATA/hostile-minutes.yaml" >"$R/audit-panel/2019-05-01/minutes.yaml"
git -C "$R" add -A && git -C "$R" commit -qm "minutes" --date=2019-06-13T10:00:00+01:00

run -C "$R" show communities-board/2018-03-14 --format akn
cp "$TMP/out" "$TMP/full.xml"
expect "show --format akn: well-formed, and valid against the specification's structure" \
	'[ $rc -eq 0 ] && xmllint --noout --relaxng "$RNG" "$TMP/full.xml" 2>"$TMP/err"'
expect "every speech's by, person, vote and author reference resolves; eIds are unique" \
	'[ -z "$(refs "$TMP/full.xml")" ]'
grep -E '^  - number:|^    title:' "$F/minutes.yaml" | sed 's/^ *- number: "\(.*\)"$/\1/; s/^ *title: //' | paste -d'|' - - >"$TMP/want"
items "$TMP/full.xml" >"$TMP/got"
expect "each item is a debateSection with its number and heading, in order" \
	'[ -s "$TMP/want" ] && diff "$TMP/want" "$TMP/got" >"$TMP/err"'
x() { xmllint --xpath "$2" "$1" 2>/dev/null; }
expect "a speech by the comment's speaker, named in references" \
	'[ "$(x "$TMP/full.xml" "string(//*[local-name()=\"TLCPerson\"][@eId=substring(//*[local-name()=\"speech\"][1]/@by, 2)]/@showAs)")" = "Cllr Jo Reid" ]'
expect "the roll call names who was present, with apologies" \
	'x "$TMP/full.xml" "string(//*[local-name()=\"rollCall\"])" | grep -q "Present: Cllr Alex Morgan (Chairman)" && x "$TMP/full.xml" "string(//*[local-name()=\"rollCall\"])" | grep -q "Apologies: Cllr Jo Reid"'
expect "the votes counted in analysis: 9 for, 2 against, 1 abstained" \
	'[ "$(x "$TMP/full.xml" "string(//*[local-name()=\"voting\"][1]/*[@refersTo=\"#for\"]/@value)")" = 9 ] && [ "$(x "$TMP/full.xml" "string(//*[local-name()=\"voting\"][1]/*[@refersTo=\"#against\"]/@value)")" = 2 ]'
ndocs=$(grep -c '^      - title:' "$F/minutes.yaml")
expect "each supporting document an attachment ($ndocs)" \
	'[ "$(x "$TMP/full.xml" "count(//*[local-name()=\"attachment\"]/*[local-name()=\"documentRef\"])")" = "$ndocs" ]'
expect "the Work is the meeting, the Expression its revision's date, in English" \
	'[ "$(x "$TMP/full.xml" "string(//*[local-name()=\"FRBRWork\"]/*[local-name()=\"FRBRuri\"]/@value)")" = /akn/gb/debate/communities-board/2018-03-14 ] && [ "$(x "$TMP/full.xml" "string(//*[local-name()=\"FRBRExpression\"]/*[local-name()=\"FRBRdate\"]/@date)")" = 2019-06-13 ]'

run -C "$R" show audit-panel/2019-05-01 --format akn
cp "$TMP/out" "$TMP/hostile.xml"
HOSTILE='<script>alert(1)</script> & " '"'"' ]]> # * _ [x](y)'
expect "hostile text: valid, and it reads back exactly from the parse" \
	'xmllint --noout --relaxng "$RNG" "$TMP/hostile.xml" 2>"$TMP/err" && [ -z "$(refs "$TMP/hostile.xml")" ] && [ "$(items "$TMP/hostile.xml")" = "5 <script>|$HOSTILE" ]'

# A motion carried in an item with no decision typed is its decision, as
# show's other forms print it.
run -C "$R" new "Licensing Panel" 2019-06-01
cat >"$R/licensing-panel/2019-06-01/minutes.yaml" <<'EOF_Y'
format: gavel-minutes/2
committee: Licensing Panel
date: 2019-06-01
status: draft
items:
  - number: "1"
    title: Premises licence, 4 High Street
    motions:
      - text: That the licence be granted.
        mover: Cllr Ann Lee
        seconder: Cllr Tariq Jabbar
        outcome: carried
EOF_Y
git -C "$R" add -A && git -C "$R" commit -qm "licensing minutes"
run -C "$R" show licensing-panel/2019-06-01 --format akn
cp "$TMP/out" "$TMP/carried.xml"
expect "a motion carried with no decision typed: the decision section says RESOLVED, valid" \
	'[ $rc -eq 0 ] && grep -q "<p>RESOLVED: that the licence be granted.</p>" "$TMP/carried.xml" &&
	 grep -q "name=\"decision\"" "$TMP/carried.xml" &&
	 xmllint --noout --relaxng "$RNG" "$TMP/carried.xml" 2>"$TMP/err" && [ -z "$(refs "$TMP/carried.xml")" ]'

# The schema check can fail: without FRBRcountry the Work is refused.
grep -v FRBRcountry "$TMP/full.xml" >"$TMP/bad.xml"
expect "(a Work without FRBRcountry fails the check)" '! xmllint --noout --relaxng "$RNG" "$TMP/bad.xml" 2>/dev/null'

run -C "$R" export --format akn --out "$TMP/site"
expect "export --format akn: COMMITTEE/MEETING.xml a meeting, each valid" \
	'[ $rc -eq 0 ] && xmllint --noout --relaxng "$RNG" "$TMP/site/communities-board/2018-03-14.xml" "$TMP/site/audit-panel/2019-05-01.xml" 2>"$TMP/err"'


# --akn-country: the Work's country, two lowercase letters, checked.
expect "the country is gb unless given" \
	'[ "$(x "$TMP/full.xml" "string(//*[local-name()=\"FRBRcountry\"]/@value)")" = gb ]'
run -C "$R" show communities-board/2018-03-14 --format akn --akn-country ie
cp "$TMP/out" "$TMP/ie.xml"
expect "show --akn-country ie: the Work's country and URI, still valid" \
	'[ $rc -eq 0 ] && xmllint --noout --relaxng "$RNG" "$TMP/ie.xml" 2>"$TMP/err" && [ "$(x "$TMP/ie.xml" "string(//*[local-name()=\"FRBRcountry\"]/@value)")" = ie ] && [ "$(x "$TMP/ie.xml" "string(//*[local-name()=\"FRBRWork\"]/*[local-name()=\"FRBRuri\"]/@value)")" = /akn/ie/debate/communities-board/2018-03-14 ] && ! grep -q "/akn/gb/" "$TMP/ie.xml"'
for bad in GB gbr g1 "" "g"; do
	run -C "$R" show communities-board/2018-03-14 --format akn --akn-country "$bad"
	expect "--akn-country '$bad' is refused, saying what was expected" \
		'[ $rc -eq 2 ] && err_has "expected two lowercase letters" && [ ! -s "$TMP/out" ]'
done
run -C "$R" export --format akn --out "$TMP/site-fr" --akn-country fr
expect "export --akn-country fr: each Work's country" \
	'[ $rc -eq 0 ] && [ "$(x "$TMP/site-fr/audit-panel/2019-05-01.xml" "string(//*[local-name()=\"FRBRcountry\"]/@value)")" = fr ] && xmllint --noout --relaxng "$RNG" "$TMP/site-fr/audit-panel/2019-05-01.xml" 2>"$TMP/err"'
run -C "$R" export --format akn --out "$TMP/site-x" --akn-country FR
expect "export refuses a country that is not two lowercase letters" \
	'[ $rc -eq 2 ] && err_has "--akn-country" && [ ! -e "$TMP/site-x" ]'

finish
