#!/bin/sh
# gavel run MEETING --plain: the clerk's screen as a line dialogue, driven
# through a pipe as a screen reader or a script would.  What is checked
# is what the committed minutes hold (git is the witness), that the
# output carries no escape sequence, and the screen's guarantees: the
# lock, the journal after a kill -9, confirmed minutes read-only.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
ID=communities-board/2018-03-14
M="$R/$ID/minutes.yaml"
ESC=$(printf '\033')
"$GAVEL" init "$R" >/dev/null
mkdir -p "$R/communities-board" && cp "$DATA/committee.yaml" "$R/communities-board/"
git -C "$R" add communities-board && git -C "$R" commit -qm "Add the committee"
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" \
	--venue "Council Chamber" >/dev/null

no_escape() { ! grep -q "$ESC" "$TMP/out"; }
# plain INPUT ARGS...: runs gavel run --plain with INPUT (printf format) on
# its standard input; $rc, $TMP/out, $TMP/err.
plain() {
	input=$1
	shift
	printf "$input" | "$GAVEL" -C "$R" run $ID --plain "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
yaml_has() { grep -qF -- "$1" "$M"; }
# committed_in LIST NAME: the committed minutes' attendance LIST names NAME.
committed_in() {
	git -C "$R" show HEAD:$ID/minutes.yaml |
		awk -v s="$1:" '$1 == s { on = 1; next } /^ ? ?[a-z_]+:/ { on = 0 } on' |
		grep -qF -- "$2"
}

# --- without a terminal the screen never starts ---
"$GAVEL" -C "$R" run $ID >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
expect "run without a terminal refuses, pointing to --plain" \
	'[ $rc -eq 2 ] && err_has "needs a terminal" && err_has "--plain" && no_escape'

# --- a half-written copy left by a gavel killed while it wrote goes ---
echo half >"$R/$ID/minutes.yaml.tmp-999999"
plain 'save\nquit\n'
expect "a dead gavel's minutes.yaml.tmp-PID is removed by the next run" \
	'[ $rc -eq 0 ] && [ ! -e "$R/$ID/minutes.yaml.tmp-999999" ] && [ -z "$(git -C "$R" status --porcelain)" ]'
"$GAVEL" -C "$R" >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
expect "gavel alone without a terminal prints its usage, no screen" \
	'[ $rc -eq 0 ] && out_has "usage: gavel" && no_escape'

# --- a meeting minuted through a pipe ---
before=$(git -C "$R" rev-list --count HEAD)
plain 'list\napologies Zoë\npresent 1\nbegin\nnext\nnext\nThe report was welcomed.\nSam Patel: We should write to the minister.\ndecision\ndecision 1\nvotes 7 2 1\naction Write to the minister; Cllr Sam Patel; 2018-04-30\nnext\nsummary Officers presented the strategy.\nA comment with \033[2J an escape in it.\nnext\ndefer Papers late\nend\n'
expect "a piped dialogue ends at EOF with exit 0" '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'
expect "the output holds no escape sequence" 'no_escape'
expect "each prompt names where the clerk is" \
	'out_has "Item 3 (1 of 3), Minutes of the previous meeting. Comment 1. Type the comment, or a command: next, back, decision, help" && out_has "Attendance: "'
expect "the attendance list is numbered for the clerk" 'out_has "3. Cllr Zoë Reid"'
expect "the phrases are listed by number" 'out_has "Phrase 1: RESOLVED: that the minutes"'
expect "the screen's keys are not named to a plain clerk" '! out_has "F5" && ! out_has "Esc,"'
expect "the farewell names the commit" 'out_has "the meeting ended at"'
expect "commits were made, in order, one per step" \
	'[ $(git -C "$R" rev-list --count HEAD) -gt $((before + 5)) ] && git -C "$R" diff --quiet HEAD -- "$M"'
expect "attendance is in the committed minutes" \
	'committed_in apologies "Cllr Zoë Reid" && committed_in present "Cllr Sam Patel"'
expect "a plain line is a comment" 'yaml_has "- The report was welcomed."'
expect "\"Name: text\" names the speaker as the screen does" \
	'yaml_has "text: We should write to the minister." && yaml_has "by: Cllr Sam Patel"'
expect "decision phrase 1 is the decision" \
	'yaml_has "decision: \"RESOLVED: that the minutes of the meeting held on 7 February 2018 be confirmed as a correct record.\""'
expect "votes and the action are recorded" \
	'yaml_has "for: 7" && yaml_has "abstained: 1" && yaml_has "owner: Cllr Sam Patel" && yaml_has "due: 2018-04-30"'
expect "summary and defer with reason are recorded" \
	'yaml_has "summary: Officers presented the strategy." && yaml_has "status: deferred" && yaml_has "reason: Papers late"'
expect "the meeting's end is recorded" 'grep -q "^end: \"[0-9][0-9]:[0-9][0-9]\"" "$M"'

plain 'attendance\nfrobnicate\nitem 6\nvotes seven\nitem 99\n'
expect "unknown commands and bad input get a clear line, not a crash" \
	'[ $rc -eq 0 ] && out_has "no command here" && out_has "three numbers" && out_has "There is no item 99"'

# An empty line repeats where the clerk is, not the list of commands; b
# goes back and q quits, as the screen's keys would have a clerk expect.
plain 'attendance\n\nitem 6\n\nb\nq\ncomment Never read.\n'
expect "an empty line gets a short prompt: where the clerk is, absent said as absent" \
	'[ $rc -eq 0 ] && grep -Eqx "Attendance: [0-9]+ present, [0-9]+ apologies, [0-9]+ in attendance, [0-9]+ listed as absent\." "$TMP/out" && grep -qx "Item 6 (3 of 3), Any other business, deferred\." "$TMP/out"'
expect "the long prompt is not repeated after an empty line" \
	'[ "$(grep -c "Type a command: present" "$TMP/out")" -eq 1 ] && [ "$(grep -c "Any other business, deferred. Type" "$TMP/out")" -eq 2 ]'
expect "b goes back an item" 'out_has "Item 5 (2 of 3), Integrated Communities Strategy. Comment"'
expect "q quits: the line after it is never read" \
	'! out_has "Never read" && ! yaml_has "Never read" && out_has "saved; the minutes are committed"'
plain 'attendance\nb\nquit\n'
expect "b at attendance, the first part, says nothing is before it" \
	'out_has "Attendance is the first part: nothing is before it."'

# --- the lock, and the journal after a kill -9 ---
mkfifo "$TMP/in"
"$GAVEL" -C "$R" run $ID --plain <"$TMP/in" >"$TMP/out1" 2>"$TMP/err1" &
pid=$!
exec 3>"$TMP/in"
printf 'attendance\nabsent Sam Patel\n' >&3
# The prompt after the mark comes after the journal is written.
i=0
while ! grep -q "Attendance: 1 present" "$TMP/out1" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 300 ] && break
	sleep 0.1
done
plain 'comment Two clerks at once\n'
expect "a second gavel on the same meeting is refused (lock)" \
	'[ $rc -eq 2 ] && err_has "is being minuted" && ! yaml_has "Two clerks at once"'
kill -9 $pid
wait $pid 2>/dev/null
exec 3>&-
expect "the killed dialogue had not committed the mark" \
	'committed_in present "Cllr Sam Patel"'
plain 'quit\n'
expect "a rerun restores the journal and says so" \
	'[ $rc -eq 0 ] && out_has "Restored from the journal" && no_escape'
expect "what the journal kept is committed" \
	'! committed_in present "Cllr Sam Patel" && committed_in present "Cllr Alex Morgan"'

# --- confirmed minutes stay read-only unless --correct ---
"$GAVEL" -C "$R" confirm $ID --by "Cllr Alex Morgan" --date 2018-04-11 >/dev/null 2>&1
head=$(git -C "$R" rev-parse HEAD)
plain 'item 6\nA late thought.\n'
expect "confirmed minutes are read-only in the dialogue" \
	'[ $rc -eq 0 ] && out_has "Read-only" && [ "$(git -C "$R" rev-parse HEAD)" = "$head" ] && ! yaml_has "A late thought."'
plain 'item 6\nA correction of fact.\n' --correct "Typo in item 6"
expect "--correct makes them writable, every commit saying so" \
	'[ $rc -eq 0 ] && yaml_has "A correction of fact." && git -C "$R" log -1 --format=%B | grep -q "Correction: Typo in item 6"'

finish
