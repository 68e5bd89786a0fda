#!/bin/sh
# gavel run --plain, a named vote given after the counts: "named" is the
# clerk's answer to the screen's question (F3 asks before a named vote
# replaces typed counts), so the names are recorded and the counts follow
# them; and a motion carried, with no decision typed, is the item's
# decision for gavel decisions.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
ID=planning-committee/2018-06-12
TDATA="$ROOT/tests/tui/data"
"$GAVEL" init "$R" >/dev/null
mkdir -p "$R/planning-committee"
cp "$TDATA/council-committee.yaml" "$R/planning-committee/committee.yaml"
git -C "$R" add -A && git -C "$R" commit -qm "the committee"
"$GAVEL" -C "$R" new planning-committee 2018-06-12 --agenda "$TDATA/council-agenda.yaml" \
	>/dev/null

cat >"$TMP/in" <<'EOF2'
begin
next
next
next
next
next
motion
That planning permission be refused.
Patel
Morgan
3 1 0

result motion 1
named
Patel, Morgan
Lee
none
carried
end
EOF2
"$GAVEL" -C "$R" run $ID --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "the piped meeting ends with exit 0" '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'
expect "the named vote is said" \
	'out_has "Named vote: for: Cllr Sam Patel, Cllr Alex Morgan; against: Cllr Ann Lee."'
git -C "$R" show "HEAD:$ID/minutes.yaml" >"$TMP/got.yaml"
field() {
	python3 - "$TMP/got.yaml" "$1" "$2" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
got = eval(sys.argv[2], {"m": doc, "item": lambda n: [i for i in doc["items"] if i["number"] == n][0]})
want = eval(sys.argv[3])
if got != want:
    print("got", repr(got), "wanted", repr(want), file=sys.stderr)
    sys.exit(1)
PY
}
expect "the names replace the counts given before" \
	"field 'item(\"4\")[\"motions\"][0][\"votes\"]' '{\"for\": 2, \"against\": 1, \"abstained\": 0, \"recorded\": {\"for\": [\"Cllr Sam Patel\", \"Cllr Alex Morgan\"], \"against\": [\"Cllr Ann Lee\"]}}'"
run -C "$R" decisions
expect "the motion carried is the item's decision" \
	'[ $rc -eq 0 ] && out_has "minute 4 (item 4)  Land at Mill Lane: RESOLVED: that planning permission be refused."'
finish
