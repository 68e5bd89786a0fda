# The committee of the matters-arising tests (test_arising, test_arising_index,
# test_crash_note), sourced after lib.sh: in $R, the Planning Committee ($C)
# with three meetings, the first two setting three actions (format 2, with
# ids) and the second reporting one of them done; the first confirmed.
R="$TMP/minutes"
C=planning-committee
"$GAVEL" init "$R" >/dev/null || exit 2
"$GAVEL" -C "$R" committee new "Planning Committee" --member "Cllr Alex Morgan, Chair" \
	--member "Cllr Sam Patel" --member "Cllr Jo Reid" >/dev/null || exit 2
for d in 2018-05-15 2018-06-12 2018-07-10; do
	"$GAVEL" -C "$R" new "Planning Committee" $d >/dev/null 2>&1 || exit 2
done
cat >"$R/$C/2018-05-15/minutes.yaml" <<'EOF'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-05-15
status: draft
items:
  - number: "4"
    title: Land at Mill Lane
    decision: Permission refused.
    actions:
      - id: 2018-05-15/1
        text: Issue the decision notice.
        owner: Rebecca Cox
        due: 2018-05-22
      - id: 2018-05-15/2
        text: Write to the applicant about drainage.
        owner: Cllr Sam Patel
        due: 2018-06-30
EOF
cat >"$R/$C/2018-06-12/minutes.yaml" <<'EOF'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-06-12
status: draft
items:
  - number: "3"
    title: Matters arising
    action_updates:
      - action: 2018-05-15/1
        status: done
        note: Issued on 21 May.
  - number: "5"
    title: Elm Road trees
    actions:
      - id: 2018-06-12/1
        text: Survey the trees on Elm Road.
        owner: Jo Reid
        due: 2018-09-01
EOF
cat >"$R/$C/2018-07-10/minutes.yaml" <<'EOF'
format: gavel-minutes/1
committee: Planning Committee
date: 2018-07-10
status: draft
items:
  - number: "3"
    title: Matters arising
  - number: "4"
    title: Any other business
EOF
git -C "$R" add -A && git -C "$R" commit -qm "Minutes of three meetings" || exit 2
"$GAVEL" -C "$R" confirm $C/2018-05-15 --by "Cllr Alex Morgan" --date 2018-06-12 \
	>/dev/null 2>&1 || exit 2
