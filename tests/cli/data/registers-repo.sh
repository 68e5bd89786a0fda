#!/bin/sh
# registers-repo.sh GAVEL DIR: a small repository for the registers'
# tests (tests/cli/test_export_registers.sh, tests/tui/test_registers.sh):
# one committee of four members, two meetings in format 2 with decisions,
# actions with ids and an update, hostile text in a decision and an
# action, and an exempt item whose decision and action stay unpublished.
set -e
GAVEL=$1 R=$2 C=planning-committee
"$GAVEL" init "$R" >/dev/null
"$GAVEL" -C "$R" committee new "Planning Committee" --member "Cllr Alex Morgan, Chair" \
	--member "Cllr Sam Patel" --member "Cllr Jo Reid" --member "Cllr Tariq Jabbar" >/dev/null
"$GAVEL" -C "$R" new "Planning Committee" 2018-05-15 >/dev/null 2>&1
"$GAVEL" -C "$R" new "Planning Committee" 2018-06-12 >/dev/null 2>&1
cat >"$R/$C/2018-05-15/minutes.yaml" <<'EOM'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-05-15
status: draft
attendance:
  present:
    - name: Cllr Alex Morgan
      role: Chair
    - name: Cllr Sam Patel
    - name: Cllr Tariq Jabbar
  apologies:
    - name: Cllr Jo Reid
items:
  - number: "4"
    title: Land at Mill Lane
    minute: 12
    decision: "RESOLVED: that permission be refused <script>alert(1)</script> & so on."
    actions:
      - id: 2018-05-15/1
        text: Issue the decision notice.
        owner: Rebecca Cox
        due: 2018-05-22
      - id: 2018-05-15/2
        text: Write to the applicant <b>now</b>.
        owner: Cllr Sam Patel
        due: 2018-06-30
  - number: "5"
    title: Staffing matter
    minute: 13
    exempt: "Schedule 12A, paragraph 1"
    decision: Secret staffing decision.
    actions:
      - id: 2018-05-15/3
        text: Secret staffing action.
        owner: Rebecca Cox
EOM
cat >"$R/$C/2018-06-12/minutes.yaml" <<'EOM'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-06-12
status: draft
attendance:
  present:
    - name: Cllr Alex Morgan
      role: Chair
    - name: Cllr Jo Reid
  apologies:
    - name: Cllr Sam Patel
  absent:
    - name: Cllr Tariq Jabbar
items:
  - number: "3"
    title: Matters arising
    minute: 14
    action_updates:
      - action: 2018-05-15/1
        status: done
        note: Issued on 21 May.
  - number: "6"
    title: Budget, 2018/19
    minute: 15
    decision: Members approved the budget.
EOM
git -C "$R" add -A
git -C "$R" commit -qm "Minutes of two meetings" --date=2018-06-13T10:00:00+01:00
