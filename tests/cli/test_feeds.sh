#!/bin/sh
# gavel export's data formats: --format csv (the votes) and --format ics
# (the meetings as a calendar) on standard output, read back by Python's
# csv module and by an unfolding iCalendar reader written here from RFC
# 5545; --format pdf and json into a folder, replaced as the HTML export's
# pages are.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Audit Panel" 2019-05-01
grep -v '^#' "$DATA/hostile-minutes.yaml" >"$R/audit-panel/2019-05-01/minutes.yaml"
LONGVENUE="Neuadd y Dref, Ystafell 2; 市役所 第二会議室 (the long way round, past the ŵyl ŷd and the library)"
run -C "$R" new "Communities Board" 2018-03-14 --start 18:30 --venue "$LONGVENUE"
C="$R/communities-board/2018-03-14"
cat >"$C/minutes.yaml" <<'EOF_M'
format: gavel-minutes/1
committee: Communities Board
date: 2018-03-14
start: "18:31"
status: draft
items:
  - number: "1"
    title: Budget, "capital" plan
    decision: Agreed.
    votes:
      for: 7
      against: 0
      abstained: 2
  - number: "2"
    title: No vote here
EOF_M
git -C "$R" add -A && git -C "$R" commit -qm "minutes" --date=2019-06-13T10:00:00+01:00

# --- CSV ---
run -C "$R" export --format csv
cp "$TMP/out" "$TMP/votes.csv"
expect "export --format csv: rows end with CRLF" '[ $rc -eq 0 ] && [ "$(grep -c "$(printf "\r")\$" "$TMP/votes.csv")" = "$(wc -l <"$TMP/votes.csv")" ]'
python3 - "$TMP/votes.csv" >"$TMP/rows" <<'EOF_PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f, strict=True):
        print("|".join(row))
EOF_PY
cat >"$TMP/want" <<'EOF_W'
meeting|date|minute|item|title|vote|for|against|abstained|outcome|voter|voted
communities-board/2018-03-14|2018-03-14||1|Budget, "capital" plan|decision|7|0|2|||
audit-panel/2019-05-01|2019-05-01||5 <script>|<script>alert(1)</script> & " ' ]]> # * _ [x](y)|decision|3|1|0|||
EOF_W
expect "one row a vote, oldest meeting first, commas and quotes in the data quoted as RFC 4180 says" 'diff "$TMP/want" "$TMP/rows" >"$TMP/err"'

# --- iCalendar ---
run -C "$R" export --format ics --base-url https://minutes.example.org/site/
cp "$TMP/out" "$TMP/cal.ics"
python3 - "$TMP/cal.ics" >"$TMP/ics" 2>"$TMP/ics.err" <<'EOF_PY'
import sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), "the last line ends with CRLF"
lines = raw[:-2].split(b"\r\n")
for l in lines:
    assert b"\n" not in l and b"\r" not in l, "a bare line break"
    assert len(l) <= 75, "a line of %d octets" % len(l)
    l.decode("utf-8")                    # a fold never splits a character
# Unfold (RFC 5545 3.1): CRLF followed by one space or tab is removed.
logical = []
for l in lines:
    if l[:1] in (b" ", b"\t"):
        logical[-1] += l[1:]
    else:
        logical.append(l)
def unescape(v):
    out, i = "", 0
    while i < len(v):
        if v[i] == "\\":
            out += {"n": "\n", "N": "\n"}.get(v[i + 1], v[i + 1]); i += 2
        else:
            out += v[i]; i += 1
    return out
for l in logical:
    name, _, value = l.decode("utf-8").partition(":")
    print("%s=%s" % (name, unescape(value) if name in ("SUMMARY", "LOCATION", "DESCRIPTION") else value))
EOF_PY
expect "export --format ics: CRLF, no line over 75 octets, folds between characters" '[ $rc -eq 0 ] && [ ! -s "$TMP/ics.err" ]'
expect "one calendar, one VEVENT a meeting" '[ "$(grep -c "^BEGIN=VEVENT$" "$TMP/ics")" = 2 ] && [ "$(sed -n 1p "$TMP/ics")" = "BEGIN=VCALENDAR" ] && grep -qx "VERSION=2.0" "$TMP/ics" && grep -q "^PRODID=" "$TMP/ics"'
expect "the start from the agenda, the venue unescaped whole, the committee, a stable UID" \
	'grep -qx "DTSTART=20180314T183000" "$TMP/ics" && grep -qxF "LOCATION=$LONGVENUE" "$TMP/ics" && grep -qx "SUMMARY=Communities Board" "$TMP/ics" && grep -qx "UID=communities-board/2018-03-14@gavel" "$TMP/ics"'
expect "the link to the meeting's page under --base-url" 'grep -qx "URL=https://minutes.example.org/site/communities-board/2018-03-14.html" "$TMP/ics"'
expect "DTSTAMP is the revision's time in UTC (the same revision, the same feed)" '[ "$(grep -c "^DTSTAMP=20190613T090000Z$" "$TMP/ics")" = 2 ]'
grep "^UID=" "$TMP/ics" >"$TMP/uids1"
run -C "$R" new "Audit Panel" 2019-07-01
run -C "$R" export --format ics
printf '%s' "$(cat "$TMP/out")" | tr -d '\r' | grep "^UID:" | tr : = >"$TMP/uids2"
expect "a later export keeps each meeting's UID and adds the new one" \
	'[ "$(grep -cxF -f "$TMP/uids1" "$TMP/uids2")" = 2 ] && [ "$(wc -l <"$TMP/uids2")" = 3 ]'
expect "a meeting with no start in its agenda or minutes is an all-day event on its date" \
	'grep -q "^DTSTART;VALUE=DATE:20190701$(printf "\r")\$" "$TMP/out"'
run -C "$R" export --format ics --out "$TMP/x"
expect "csv and ics go to standard output, not to a folder" '[ $rc -eq 2 ] && err_has "--format ics is written to standard output, not to --out"'

# --- PDF and JSON into a folder ---
run -C "$R" export --format pdf --out "$TMP/site"
expect "export --format pdf: a PDF a meeting, each parses" \
	'[ $rc -eq 0 ] && pdfinfo "$TMP/site/communities-board/2018-03-14.pdf" >/dev/null 2>&1 && pdfinfo "$TMP/site/audit-panel/2019-05-01.pdf" >/dev/null 2>&1 && pdfinfo "$TMP/site/audit-panel/2019-07-01.pdf" >/dev/null 2>&1'
run -C "$R" export --format json --out "$TMP/site"
expect "export --format json over it: minutes.json and agenda.json a meeting, the PDFs of the earlier export gone" \
	'[ $rc -eq 0 ] && python3 -m json.tool "$TMP/site/audit-panel/2019-05-01/minutes.json" >/dev/null && python3 -m json.tool "$TMP/site/communities-board/2018-03-14/agenda.json" >/dev/null && [ ! -e "$TMP/site/communities-board/2018-03-14.pdf" ] && grep -qx "communities-board/2018-03-14/minutes.json" "$TMP/site/.gavel-export"'
run -C "$R" export --format odt --out "$TMP/site"
expect "an unknown format names those there are" '[ $rc -eq 2 ] && err_has "expected html, pdf, json, akn, csv or ics"'

finish
