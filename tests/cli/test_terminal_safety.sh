#!/bin/sh
# Terminal safety: nothing gavel prints can carry a control character or an
# escape sequence from the data to the terminal.  A repository written by
# other tools (git itself) holds escape sequences in author names, commit
# messages, tag messages, YAML escapes in the minutes, folder and file
# names; every command that prints data is run on it, and its standard
# output and standard error must hold no raw C0 control (but TAB and LF),
# no DEL and no C1 control, while the visible form (^[) shows where the
# data was.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
# The hostile texts: a window title (OSC ... BEL), clear screen, a C1 CSI
# (U+009B, UTF-8 C2 9B) and a carriage return that would overwrite a line.
TITLE=$(printf '\033]0;pwned\007')
CLEAR=$(printf '\033[2J')
CSI1=$(printf '\302\23331m')
CR=$(printf 'x\rY')
EVIL="A${TITLE}B${CLEAR}C${CSI1}D${CR}"

# raw FILE: FILE holds a control character a terminal would act on.
raw() {
	LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1"
}
# safe DESCRIPTION: neither stdout nor stderr of the last run holds one.
safe() {
	if raw "$TMP/out" || raw "$TMP/err"; then
		not_ok "$1: no raw control character reaches the terminal"
		for f in out err; do
			raw "$TMP/$f" && LC_ALL=C grep -n -a -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$TMP/$f" |
				head -5 | od -c | head -12 | sed "s/^/#   $f: /"
		done
	else
		ok "$1: no raw control character reaches the terminal"
	fi
}
# shown: ESC is shown visibly in stdout or stderr of the last run: ^[,
# or named as U+001B where a file's reader refuses it.
shown() { out_has '^[' || err_has '^[' || out_has 'U+001B (ESC)' || err_has 'U+001B (ESC)'; }

R="$TMP/minutes"
ID=communities-board/2018-03-14
M="$R/$ID/minutes.yaml"
"$GAVEL" init "$R" >/dev/null
mkdir -p "$R/communities-board" && cp "$DATA/committee.yaml" "$R/communities-board/"
git -C "$R" add communities-board && git -C "$R" commit -qm "Add the committee"
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" >/dev/null ||
	exit 2

# (a) commits by another tool whose author names and messages hold escapes.
sed -i 's/^venue: .*/venue: Council Chamber/' "$M"
git -C "$R" add "$ID/minutes.yaml"
GIT_AUTHOR_DATE=2030-01-10T12:00:00Z GIT_COMMITTER_DATE=2030-01-10T12:00:00Z \
	git -C "$R" -c user.name="Eve $EVIL" -c user.email="eve@example.org" \
	commit -q --cleanup=verbatim -m "venue $EVIL" -m "body $EVIL" || exit 2
run -C "$R" confirm $ID --by "Cllr Alex Morgan" --date 2030-01-11
expect "the minutes are confirmed" '[ $rc -eq 0 ]'
sed -i 's/^venue: .*/venue: Room 4/' "$M"
git -C "$R" add "$ID/minutes.yaml"
GIT_AUTHOR_DATE=2030-01-12T12:00:00Z GIT_COMMITTER_DATE=2030-01-12T12:00:00Z \
	git -C "$R" -c user.name="Mallory $EVIL" -c user.email="m@example.org" \
	commit -q --cleanup=verbatim -m "moved $EVIL" -m "Correction: $EVIL" || exit 2

for a in "" "--yaml"; do
	run -C "$R" diff $ID $a
	expect "diff $a shows the change" '[ $rc -le 1 ] && out_has "Room 4"'
	safe "diff $a"
done
run -C "$R" log $ID
expect "log lists the commits by the hostile authors" '[ $rc -eq 0 ] && out_has "Eve A^[]0;pwned^GB^[[2JC" && out_has "Mallory"'
safe "log"
run -C "$R" blame $ID
expect "blame names the hostile author, visibly" '[ $rc -eq 0 ] && out_has "Mallory A^["'
safe "blame"
run -C "$R" verify
expect "verify names the meeting" 'out_has "$ID"'
safe "verify"
run -C "$R" verify $ID
safe "verify MEETING"
# A tag message as another tool would write it, on a second meeting.
"$GAVEL" -C "$R" new "Communities Board" 2018-04-11 >/dev/null || exit 2
git -C "$R" tag -a -m "tag $EVIL" "confirmed/communities-board/2018-04-11" || exit 2
run -C "$R" verify communities-board/2018-04-11
safe "verify of a tag made by another tool"
git -C "$R" tag -d "confirmed/communities-board/2018-04-11" >/dev/null

# (b) minutes whose double-quoted fields use YAML escapes: the reader
# refuses the control characters, and says so visibly.
B=communities-board/2018-05-09
mkdir -p "$R/$B"
sed -e 's/^date: .*/date: 2018-05-09/' \
    -e 's/^venue: .*/venue: "Hall \\e[31mred\\e]0;pwned\\a \\u009b2J \\r"/' \
    -e 's/^\(    title: \)\(.*\)/\1"\2 \\e[2J"/' \
    "$M" >"$R/$B/minutes.yaml"
# The status was confirmed; these minutes are a draft, never tagged.
sed -i -e '/^confirmed:$/,/^  by: /d' -e 's/^status: .*/status: draft/' "$R/$B/minutes.yaml"
git -C "$R" add "$B" && git -C "$R" commit -qm "minutes with escapes" || exit 2
run check "$R/$B/minutes.yaml"
expect "check refuses the escapes, showing them visibly" '[ $rc -ne 0 ] && shown'
safe "check of minutes with YAML escapes"
for f in text yaml markdown html; do
	run -C "$R" show $B --format $f
	expect "show --format $f refuses the minutes" '[ $rc -ne 0 ] && shown'
	safe "show --format $f of minutes with YAML escapes"
done
run -C "$R" log $B
safe "log of minutes with YAML escapes"
run -C "$R" blame $B
safe "blame of minutes with YAML escapes"
run -C "$R" list
safe "list with minutes holding YAML escapes"

# Every form of the good minutes, and of each revision.
for f in text yaml markdown html; do
	run -C "$R" show $ID --format $f
	expect "show --format $f of the confirmed minutes" '[ $rc -eq 0 ]'
	safe "show --format $f"
	run -C "$R" show $ID --format $f --rev HEAD~1
	safe "show --format $f --rev"
done

# (c) folders and file names holding escapes: skipped or refused, visibly.
EF="evil${TITLE}board"
mkdir -p "$R/$EF/2018-06-01" "$R/communities-board/2018-07-0${CLEAR}1"
cp "$R/$ID/minutes.yaml" "$R/$EF/2018-06-01/minutes.yaml"
cp "$R/$ID/minutes.yaml" "$R/communities-board/2018-07-0${CLEAR}1/minutes.yaml"
cp "$DATA/committee.yaml" "$R/$EF/committee.yaml"
git -C "$R" add -A && git -C "$R" commit -qm "folders named by another tool" || exit 2
run -C "$R" list
expect "list still lists the good meetings" '[ $rc -eq 0 ] && out_has "$ID"'
safe "list with hostile folder names"
run -C "$R" list --committee "$EF"
safe "list --committee with a hostile name"
for c in show log blame diff verify edit; do
	run -C "$R" $c "$EF/2018-06-01"
	expect "$c of a hostile meeting name is refused, visibly" '[ $rc -ne 0 ] && shown'
	safe "$c of a hostile meeting name"
	run -C "$R" $c "communities-board/2018-07-0${CLEAR}1"
	safe "$c of a hostile meeting date"
done
run -C "$R" verify
safe "verify with hostile folder names"
run -C "$R" export --format html --out "$TMP/site"
safe "export with hostile folder names"
run -C "$R" export --format html --out "$TMP/site$CLEAR"
safe "export to a hostile folder name"
run check "$R/$EF/2018-06-01/minutes.yaml" "$TMP/no${TITLE}such.yaml"
expect "check of a missing file with a hostile name says so visibly" '[ $rc -ne 0 ] && err_has "no^[]0;pwned^Gsuch.yaml"'
safe "check with hostile file names"
run -C "$TMP/no${CLEAR}where" list
expect "a hostile repository path is named visibly" '[ $rc -ne 0 ] && shown'
safe "-C with a hostile path"

# (d) an agenda with raw escape bytes, given to gavel new --agenda.
printf 'format: gavel-agenda/1\ncommittee: Communities Board\ndate: 2018-08-01\nitems:\n  - number: 1\n    title: "Apologies %s"\n  - number: 2\n    title: Raw %s here\n' \
	"$CLEAR" "$TITLE" >"$TMP/agenda.yaml"
run -C "$R" new "Communities Board" 2018-08-01 --agenda "$TMP/agenda.yaml"
expect "new refuses an agenda with raw escapes, visibly" '[ $rc -ne 0 ] && shown'
safe "new --agenda with raw escapes"
cp "$TMP/agenda.yaml" "$TMP/agenda${CLEAR}.yaml"
run -C "$R" new "Communities Board" 2018-08-01 --agenda "$TMP/agenda${CLEAR}.yaml"
safe "new --agenda with a hostile file name"
run check "$TMP/agenda.yaml"
expect "check refuses the agenda, visibly" '[ $rc -ne 0 ] && shown'
safe "check of an agenda with raw escapes"
run -C "$R" new "Board $TITLE" 2018-08-01
safe "new with a hostile committee name"
run -C "$R" confirm $B --by "Cllr $CLEAR"
safe "confirm --by with escapes"
run -C "$R" new "Communities Board" "2018-08-0${CLEAR}1"
safe "new with a hostile date"
run "no${TITLE}such-command"
expect "an unknown command is named visibly" '[ $rc -eq 2 ] && shown'
safe "an unknown command"
run list "--no${CLEAR}such-option"
safe "an unknown option"
finish
