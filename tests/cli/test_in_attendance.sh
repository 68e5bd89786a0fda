#!/bin/sh
# Present is the committee's members (committee.yaml) and substitutes
# standing in for one; an officer, a presenter or a guest the clerk marks
# present is in attendance.  Before, they were filed under present: the
# minutes listed them as members present, counted them, and gavel
# attendance listed them with the members.  Driven through gavel run
# --plain; the committed YAML read by python's yaml, then show and the
# attendance register.
. "$(dirname "$0")/lib.sh"

if ! python3 -c 'import yaml' 2>/dev/null; then
	not_ok "python3 with yaml is installed (make check installs python3-yaml)"
	finish
	exit 1
fi

R="$TMP/minutes"
C=communities-board
ID=$C/2018-03-14
"$GAVEL" init "$R" >/dev/null || exit 2
mkdir -p "$R/$C" && cp "$DATA/committee.yaml" "$R/$C/"
git -C "$R" add -A && git -C "$R" commit -qm "the committee" || exit 2
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" >/dev/null || exit 2

# plain INPUT MEETING: gavel run MEETING --plain with INPUT (printf format).
plain() {
	printf "$1" | "$GAVEL" -C "$R" run "$2" --plain >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
# yaml_is MEETING EXPR WANT: python's reading of the committed minutes.
yaml_is() {
	git -C "$R" show "HEAD:$1/minutes.yaml" >"$TMP/got.yaml" &&
	python3 - "$TMP/got.yaml" "$2" "$3" <<'PY' >"$TMP/err" 2>&1
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
att = m.get("attendance") or {}
names = lambda k: [p["name"] for p in att.get(k) or []]
got = eval(sys.argv[2], {"m": m, "att": att, "names": names})
want = eval(sys.argv[3])
if got != want:
    print("got", repr(got), "wanted", repr(want))
    sys.exit(1)
PY
}

# The agenda's presenter marked present, an officer added then marked
# present, Reid's apologies and a substitute for her.
plain 'apologies Reid\npresent Peter Fenn\nadd Rebecca Cox, Head of Policy\npresent Rebecca Cox\nlist\nsubstitute Cllr Ruth Dombey for Reid\nlist\nbegin\nnext\nnext\nThe minutes were agreed.\nend\n' $ID
expect "the dialogue runs to its end" '[ $rc -eq 0 ]'
expect "present for the presenter: in attendance, and why" \
	'out_has "Peter Fenn: in attendance." && out_has "Peter Fenn is not a member of the committee: in attendance"'
expect "the officer too" 'out_has "Rebecca Cox: in attendance."'
expect "the list and the count of those present leave them out" \
	'out_has "4. Peter Fenn, Ministry of Housing, Communities and Local Government: in attendance" &&
	 [ "$(grep -A1 "^6. Rebecca Cox, Head of Policy: in attendance\$" "$TMP/out" | sed -n 2p | cut -c1-51)" = "Attendance: 2 present, 1 apologies, 2 in attendance" ]'
expect "the substitute is present, standing in for Reid" \
	'out_has "Cllr Ruth Dombey is present, substituting for Cllr Zoë Reid." && out_has "Attendance: 3 present, 1 apologies"'
expect "committed: present holds the members and the substitute only" \
	'yaml_is $ID "names(\"present\")" "[\"Cllr Alex Morgan\", \"Cllr Sam Patel\", \"Cllr Ruth Dombey\"]"'
expect "committed: the substitute's member" \
	'yaml_is $ID "[p.get(\"substitute_for\") for p in att[\"present\"]]" "[None, None, \"Cllr Zoë Reid\"]"'
expect "committed: the presenter and the officer in attendance, with the officer's role" \
	'yaml_is $ID "att[\"in_attendance\"]" "[{\"name\": \"Peter Fenn\", \"role\": \"Ministry of Housing, Communities and Local Government\"}, {\"name\": \"Rebecca Cox\", \"role\": \"Head of Policy\"}]"'
expect "committed: apologies" 'yaml_is $ID "names(\"apologies\")" "[\"Cllr Zoë Reid\"]"'
expect "the tree is clean" '[ -z "$(git -C "$R" status --porcelain)" ]'

run -C "$R" show $ID
tr '\n' ' ' <"$TMP/out" | tr -s ' ' >"$TMP/flat"
expect "show: Present names the members and the substitute, In attendance the others" \
	'grep -qF "Present: Cllr Alex Morgan (Chairman), Cllr Sam Patel, Cllr Ruth Dombey (substituting for Cllr Zoë Reid)" "$TMP/flat" &&
	 grep -qF "In attendance: Peter Fenn (Ministry of Housing, Communities and Local Government), Rebecca Cox (Head of Policy)" "$TMP/flat"'

run -C "$R" attendance --committee $C
expect "attendance: the members, then the substitute (as gavel.1 says); no officer, no presenter" \
	'[ $rc -eq 0 ] && grep -q "Cllr Alex Morgan  *1  *1  *0  *0$" "$TMP/out" &&
	 grep -q "Cllr Zoë Reid  *1  *0  *1  *0$" "$TMP/out" && grep -q "Cllr Ruth Dombey  *1  *1  *0  *0$" "$TMP/out" &&
	 ! out_has "Peter Fenn" && ! out_has "Rebecca Cox"'

# Only one marked present who is no member, nothing of format 2: the
# file stays format 1.
"$GAVEL" -C "$R" new "Communities Board" 2018-04-11 >/dev/null || exit 2
plain 'add Penny Hobman, MHCLG\npresent Penny Hobman\nsave\nquit\n' $C/2018-04-11
expect "a guest marked present: in attendance, and the file stays format 1" \
	'[ $rc -eq 0 ] && yaml_is $C/2018-04-11 "(m[\"format\"], names(\"in_attendance\"), \"Penny Hobman\" in names(\"present\"))" "(\"gavel-minutes/1\", [\"Penny Hobman\"], False)"'

# Minutes written before, with an officer under present: opening them
# and leaving changes nothing (the clerk's mark moves them, not the
# opening).
head=$(git -C "$R" rev-parse HEAD)
cp "$R/$C/2018-04-11/minutes.yaml" "$TMP/before.yaml"
plain 'list\nquit\n' $C/2018-04-11
expect "opening and leaving commits nothing" \
	'[ $rc -eq 0 ] && [ "$(git -C "$R" rev-parse HEAD)" = "$head" ] && cmp -s "$TMP/before.yaml" "$R/$C/2018-04-11/minutes.yaml"'
finish
