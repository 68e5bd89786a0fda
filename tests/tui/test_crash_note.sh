#!/bin/sh
# kill -9 while an open action's note is typed on the F6 sheet (matters
# arising): the journal keeps the note as typed, and the next `gavel run`
# stores it into the action's update, says so, and commits it.
SIZE=80x24
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tui/lib_arising.sh"
before=$(git -C "$R" rev-parse HEAD)

start run -C "$R" run $C/2018-07-10
wait_for "Planning Committee" 10
keys C-n
wait_for "Started"
keys C-n
check "matters arising opens" wait_for "Item 1 of 2: 3 Matters arising"
keys F6
check "F6 lists the open actions" wait_for "Open actions of earlier meetings: 2"
keys j p
check "p marks the second in progress and asks its note" wait_for "Note:"
# log_in_r TEXT: a commit of $R says TEXT (waits up to 10 s).
log_in_r() {
	_i=0
	while [ $_i -lt 100 ]; do
		git -C "$R" log --format=%B | grep -qF -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	git -C "$R" log --format=%B >"$diag"
	return 1
}
not_committed() { ! git -C "$R" grep -q -F -- "$1" HEAD; }
check "... committed at once" log_in_r "action 2018-06-12/1 in-progress"
type_text "Quotes asked for; the survey is booked for 20 Aug"
check "the note shows as typed" wait_for "survey is booked for 20 Aug"
sleep 0.5
kill -9 "$(pid_of run)"
check "gavel is gone after kill -9" wait_exit run
check "the note is not committed" not_committed "survey is booked"

start again -C "$R" run $C/2018-07-10
check "the restart counts the note" \
	wait_for "Restored from the journal: 1 field, typed up to"
check "... in matters arising" screen_has "(item 3)"
keys C-x
check "^X quits" wait_exit again
check "gavel run exits 0" [ "$rc" = 0 ]
git -C "$R" show HEAD:$C/2018-07-10/minutes.yaml >"$TMP/third.yaml"
check "the committed update holds the note as typed" python3 -c '
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
it = [i for i in m["items"] if i["title"] == "Matters arising"][0]
u = it["action_updates"]
assert u == [{"action": "2018-06-12/1", "status": "in-progress",
              "note": "Quotes asked for; the survey is booked for 20 Aug"}], u
' "$TMP/third.yaml"
check "no journal is left behind" [ -z "$(find "$R/.git/gavel/journal" -type f 2>/dev/null)" ]
tui_finish
