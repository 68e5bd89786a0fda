#!/bin/sh
# gavel show --format json (and --agenda): the same content as the YAML.
# Python's own json and yaml modules are the independent readers: the
# JSON parses strictly, and equals the YAML file as PyYAML reads it
# (dates as their text), for hostile minutes, a full set of minutes and a
# full agenda.
. "$(dirname "$0")/lib.sh"

if ! python3 -c 'import json, yaml' 2>/dev/null; then
	not_ok "python3 and its yaml module are installed (make check installs python3-yaml)"
	finish
	exit 1
fi

# same JSON YAML: the JSON file holds what the YAML file holds.
same() {
	python3 - "$1" "$2" <<'EOF_PY'
import datetime, json, sys, yaml
def strict(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise SystemExit("a key twice in one object")
    return dict(pairs)
def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v
with open(sys.argv[1], encoding="utf-8") as f:
    j = json.load(f, object_pairs_hook=strict,
                  parse_constant=lambda c: sys.exit("not JSON: " + c))
with open(sys.argv[2], encoding="utf-8") as f:
    y = plain(yaml.safe_load(f))
if j != y:
    sys.exit("differ:\n%r\n%r" % (j, y))
EOF_PY
}

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Audit Panel" 2019-05-01
M="$R/audit-panel/2019-05-01"
grep -v '^#' "$DATA/hostile-minutes.yaml" >"$M/minutes.yaml"
git -C "$R" commit -qam "hostile minutes"

run -C "$R" show audit-panel/2019-05-01 --format json
cp "$TMP/out" "$TMP/h.json"
run -C "$R" show audit-panel/2019-05-01 --format yaml
cp "$TMP/out" "$TMP/h.yaml"
expect "hostile minutes: the JSON parses and holds what the YAML holds" \
	'[ $rc -eq 0 ] && same "$TMP/h.json" "$TMP/h.yaml" 2>"$TMP/err"'
expect "the JSON keeps the file's key order and its types (numbers, text)" \
	'[ "$(sed -n 2p "$TMP/h.json")" = "  \"format\": \"gavel-minutes/1\"," ] && grep -q "^ *\"for\": 3,\$" "$TMP/h.json" && grep -q "^ *\"number\": \"5 <script>\",\$" "$TMP/h.json"'

run -C "$R" new "Communities Board" 2018-03-14
F="$R/communities-board/2018-03-14"
cp "$ROOT/tests/data/minutes-full.yaml" "$F/minutes.yaml"
cp "$ROOT/tests/data/agenda-full.yaml" "$F/agenda.yaml"
git -C "$R" commit -qam "full minutes"
run -C "$R" show communities-board/2018-03-14 --format json
cp "$TMP/out" "$TMP/f.json"
expect "full minutes: the JSON holds what the file in the repository holds" \
	'[ $rc -eq 0 ] && same "$TMP/f.json" "$F/minutes.yaml" 2>"$TMP/err"'
run -C "$R" show communities-board/2018-03-14 --agenda --format json
cp "$TMP/out" "$TMP/a.json"
expect "the agenda as JSON holds what agenda.yaml holds" \
	'[ $rc -eq 0 ] && same "$TMP/a.json" "$F/agenda.yaml" 2>"$TMP/err" && grep -q "\"format\": \"gavel-agenda/1\"" "$TMP/a.json"'
run -C "$R" show communities-board/2018-03-14 --agenda --format yaml
expect "--agenda --format yaml prints agenda.yaml as it is" '[ $rc -eq 0 ] && cmp -s "$TMP/out" "$F/agenda.yaml"'
run -C "$R" show communities-board/2018-03-14 --agenda --format pdf
expect "--agenda as PDF is refused, naming the formats it takes" '[ $rc -eq 2 ] && err_has "--agenda is printed as text, markdown, html, yaml or json"'

# The test can fail: a JSON that lost a value is told apart.
sed 's/"for": 3/"for": 4/' "$TMP/h.json" >"$TMP/bad.json"
expect "(the comparison notices one changed number)" '! same "$TMP/bad.json" "$TMP/h.yaml" 2>/dev/null'

finish
