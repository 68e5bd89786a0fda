#!/bin/sh
# An action's progress recorded in exempt business: the update's note is
# not for publication.  gavel actions (text and csv) and the export's
# actions.html show the status it gives with "note exempt" in place of
# the note (a planted word must not appear); --include-exempt shows it.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes" C=planning-committee
"$GAVEL" init "$R" >/dev/null || exit 2
"$GAVEL" -C "$R" committee new "Planning Committee" --member "Cllr Sam Patel" >/dev/null || exit 2
mkdir -p "$R/$C/2018-05-15" "$R/$C/2018-06-12"
cat >"$R/$C/2018-05-15/minutes.yaml" <<'EOF'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-05-15
status: draft
items:
  - number: "4"
    title: Land at Mill Lane
    actions:
      - id: 2018-05-15/1
        text: Negotiate the lease.
        owner: Rebecca Cox
      - id: 2018-05-15/2
        text: Write to the applicant.
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
      - action: 2018-05-15/2
        status: done
        note: Posted on 1 June.
  - number: "9"
    title: Lease of the depot
    exempt: Local Government Act 1972, Schedule 12A, paragraph 3
    action_updates:
      - action: 2018-05-15/1
        status: in-progress
        note: Offer of Quixotrum pounds made.
EOF
git -C "$R" add -A && git -C "$R" commit -qm "Two meetings" || exit 2

run -C "$R" actions
expect "gavel actions lists both" '[ $rc -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 2 ]'
expect "the exempt note is left out" '! grep -q Quixotrum "$TMP/out"'
expect "... saying it is exempt, with the status it gives" \
	'grep -q "^2018-05-15/1 .*in progress.*\[in progress planning-committee/2018-06-12 (note exempt, not for publication)\]" "$TMP/out"'
expect "a note of public business is shown" 'grep -qF "Posted on 1 June." "$TMP/out"'
run -C "$R" actions --format csv
expect "csv: the exempt note left out" \
	'[ $rc -eq 0 ] && ! grep -q Quixotrum "$TMP/out" && grep -q "note exempt" "$TMP/out"'
run -C "$R" actions --include-exempt
expect "--include-exempt shows the note" \
	'[ $rc -eq 0 ] && grep -qF "Offer of Quixotrum pounds made." "$TMP/out" && ! grep -q "note exempt" "$TMP/out"'
run -C "$R" export --format html --out "$TMP/site"
A="$TMP/site/$C/actions.html"
expect "actions.html leaves the exempt note out" \
	'[ $rc -eq 0 ] && [ -f "$A" ] && ! grep -q Quixotrum "$A" && grep -q "note exempt" "$A"'
expect "... and shows the public one" 'grep -qF "Posted on 1 June." "$A"'
run -C "$R" export --format html --out "$TMP/all" --include-exempt
expect "--include-exempt: actions.html has the note" \
	'[ $rc -eq 0 ] && grep -q Quixotrum "$TMP/all/$C/actions.html"'
finish
