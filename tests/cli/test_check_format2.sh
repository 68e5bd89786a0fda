#!/bin/sh
# gavel check on format-2 files: FORMAT.md's full example is valid; each
# hostile case is named as FILE:LINE:COL with what was expected; a
# format-1 file holding a format-2 key names the key and its format.
. "$(dirname "$0")/lib.sh"

run check "$ROOT/tests/data/minutes-format2.yaml" "$ROOT/tests/data/agenda-format2.yaml" \
	"$ROOT/tests/data/committee-format2.yaml"
expect "FORMAT.md's format-2 examples are valid: exit 0, nothing printed" \
	'[ $rc -eq 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]'

cat >hostile.yaml <<'YAML'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-06-12
status: draft
attendance:
  present:
    - name: Cllr Tariq Jabbar
      arrived_during: "12"
declarations:
  - member: Cllr Tariq Jabbar
    item: "99"
    interest: Owns land
    kind: personal
items:
  - number: "9"
    title: Land at Mill Lane
    reason: Awaiting a report.
    motions:
      - text: That permission be refused.
        seconds: Cllr Morgan
        amendments:
          - text: That it be deferred.
            votes:
              for: -3
            outcome: passed
        votes:
          for: 2
          recorded:
            for: [Cllr Dombey]
YAML
run check hostile.yaml
expect "hostile format 2: exit 1" '[ $rc -eq 1 ]'
expect "an unknown item in arrived_during, with file, line and column" \
	'out_has "hostile.yaml:8:23: '"'"'arrived_during'"'"' names item '"'"'12'"'"', which these minutes do not have"'
expect "a declaration naming an unknown item" \
	'out_has "hostile.yaml:11:11: '"'"'item'"'"' names item '"'"'99'"'"'"'
expect "a declaration kind outside the set" \
	'out_has "hostile.yaml:13:11: expected the kind of interest: pecuniary or other-registrable or non-registrable, found '"'"'personal'"'"'"'
expect "a reason without withdrawn or deferred" \
	'out_has "hostile.yaml:17:13: a '"'"'reason'"'"' belongs only to an item with status: withdrawn or deferred"'
expect "an unknown key in a motion" \
	'out_has "hostile.yaml:20:9: unknown key '"'"'seconds'"'"' in a motion"'
expect "a negative amendment vote" \
	'out_has "hostile.yaml:24:20: expected a whole number (0 or more"'
expect "an outcome outside the set" \
	'out_has "hostile.yaml:25:22: expected the outcome: carried or lost or withdrawn, found '"'"'passed'"'"'"'
expect "a recorded vote that disagrees with its count" \
	'out_has "hostile.yaml:27:16: the votes for are 2 but the recorded vote names 1"'

printf 'format: gavel-committee/1\nname: C\nquorum: 2\nmembers:\n  - name: A\n' >c1.yaml
run check c1.yaml
expect "a format-1 file with a format-2 key names the key and its format" \
	'[ $rc -eq 1 ] && out_has "c1.yaml:3:1: the key '"'"'quorum'"'"' arrived in format 2 (format: gavel-committee/2); this file says format: gavel-committee/1"'
printf 'format: gavel-committee/2\nname: C\nquorum: 2\nyear_starts: 02-29\nmembers:\n  - name: A\n' >c2.yaml
run check c2.yaml
expect "a quorum above the members" \
	'[ $rc -eq 1 ] && out_has "c2.yaml:3:9: expected a quorum from 1 to the number of members (1), found 2"'
expect "year_starts on 29 February" 'out_has "c2.yaml:4:14: expected the day the committee'"'"'s year starts, MM-DD"'
finish
