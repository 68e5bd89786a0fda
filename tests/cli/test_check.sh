#!/bin/sh
# gavel check: problems as FILE:LINE:COL: message, exit codes 0, 1, 2.
. "$(dirname "$0")/lib.sh"

run check "$DATA/agenda.yaml" "$DATA/committee.yaml"
expect "valid files: exit 0, nothing printed" '[ $rc -eq 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]'

printf 'format: gavel-minutes/1\ncommittee: Board\ndate: 2018-13-01\nitems:\n  - number: "1"\n    titel: Welcome\n' >bad.yaml
run check bad.yaml
expect "invalid file: exit 1" '[ $rc -eq 1 ]'
expect "a bad date is named with line and column" 'out_has "bad.yaml:3:7: expected a date written YYYY-MM-DD"'
expect "an unknown key is named with what was expected" 'out_has "bad.yaml:6:5: unknown key '"'"'titel'"'"' in an item; expected one of: number, title"'
expect "a missing key is named" 'out_has "bad.yaml:5:5: missing key '"'"'title'"'"'"'

printf 'format: gavel-agenda/1\ncommittee: "\\e[31mred"\ndate: 2018-01-01\nitems: []\n' >esc.yaml
run check esc.yaml
expect "an escape in a value is refused" '[ $rc -eq 1 ] && out_has "esc.yaml:2:12:" && out_has "U+001B"'
printf 'format: gavel-agenda/1\ncommittee: a\033[2Jb\ndate: 2018-01-01\nitems: []\n' >raw.yaml
run check raw.yaml
expect "a raw escape is refused and never reaches the terminal" '[ $rc -eq 1 ] && out_has "raw.yaml:2:13:" && ! grep -q "$(printf "\033")" "$TMP/out"'

run check "$TMP"
expect "a folder is a runtime error, exit 2" '[ $rc -eq 2 ] && err_has "a folder"'
run check /dev/zero
expect "a device is a runtime error, exit 2, found before reading" '[ $rc -eq 2 ] && err_has "device"'
mkfifo fifo
run check fifo
expect "a FIFO is a runtime error and does not hang" '[ $rc -eq 2 ] && err_has "FIFO"'
run check missing.yaml
expect "a missing file is a runtime error" '[ $rc -eq 2 ] && err_has "missing.yaml"'
run check bad.yaml "$DATA/agenda.yaml"
expect "one invalid file among valid ones: exit 1" '[ $rc -eq 1 ]'
run check
expect "no file: usage error" '[ $rc -eq 2 ]'
finish
