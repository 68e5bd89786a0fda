#!/bin/sh
# Confirmed minutes on the clerk's screen: they open read-only and say
# why; typing commits nothing; a correction needs its reason first (^R,
# or gavel run --correct REASON), and then every commit carries the
# Correction: trailer, so gavel verify says CORRECTED.  The reason lives
# in the journal too: after a crash, the restart goes on correcting.
# The home screen's r opens them the same way.
SIZE=100x30
. "$(dirname "$0")/lib.sh"

REASON="The vote on item 3 was 9-2-1, not 9-1-2"
head_is() { [ "$(git -C "$REPO" rev-parse HEAD)" = "$1" ]; }
last_body_has() {
	git -C "$REPO" log -1 --format=%B >"$TMP/body" &&
		grep -qxF -- "$1" "$TMP/body" ||
		{ { echo "wanted the line: $1"; cat "$TMP/body"; } >"$diag"; return 1; }
}
# item1: from the attendance list or the hub, into item 1 (its summary
# while it has none and no comment, else a fresh comment).
item1() {
	if screen | grep -qF "The meeting: attendance"; then
		keys k k k k k k k k k k k k j j Enter
	else
		keys C-n C-n
	fi
	wait_for "Item 1 of 7"
}
verify_says() {
	"$GAVEL" -C "$REPO" verify "$MEETING" >"$TMP/verify" 2>&1
	grep -qF -- "$1" "$TMP/verify" || { cat "$TMP/verify" >"$diag"; return 1; }
}

check "gavel demo --no-run makes the demo repository" make_demo
check "gavel confirm confirms the meeting" \
	"$GAVEL" -C "$REPO" confirm "$MEETING" --by "Cllr Simon Blackburn" --date 2018-04-11
confirmed=$(git -C "$REPO" rev-parse HEAD)

# Read-only, with the banner.
start clerk -C "$REPO" run "$MEETING"
check "gavel run on confirmed minutes says they are read-only in the title bar" \
	wait_for "CONFIRMED: READ-ONLY (^R corrects)"
check "the message line says why and how to correct them" \
	screen_has "these minutes are confirmed on 2018-04-11 by Cllr Simon Blackburn"
check "the items can still be read" item1
keys Tab
type_text "Blackburn: Typed over the record."
check "typing is refused, with the reason" \
	wait_for "read-only: confirmed on 2018-04-11 by Cllr Simon Blackburn; a change"
check "and the key that corrects" screen_has "correction: ^R gives"
keys Enter
keys C-s
keys C-x
check "^X quits" wait_exit clerk
check "gavel run exits 0" [ "$rc" = 0 ]
check "nothing was committed (HEAD is the confirmation)" head_is "$confirmed"
check "the minutes still hold none of it" committed_lacks "Typed over the record"
check "gavel verify still says OK" verify_says "$MEETING  OK"
check "no journal is left behind" no_journal

# ^R: the reason first, then a commit with the trailer.
start again -C "$REPO" run "$MEETING"
check "the restart is read-only too" wait_for "CONFIRMED: READ-ONLY"
keys C-r
check "^R asks for the correction's reason" wait_for "Why are the confirmed minutes corrected?"
keys Enter
check "no reason: the minutes stay read-only" wait_for "no reason given"
keys C-r
type_text "$REASON"
keys Enter
check "with a reason, the screen says every commit carries it" \
	wait_for "every commit from now on says Correction: $REASON"
check "the title bar says CORRECTING" screen_has "CORRECTING"
check "item 1 opens" item1
keys Tab
type_text "Blackburn: The vote was recounted."
keys Enter
check "a comment is committed" wait_log "comment 1 recorded"
check "its commit carries the Correction trailer" last_body_has "Correction: $REASON"
keys C-x
check "^X quits" wait_exit again
check "gavel run exits 0" [ "$rc" = 0 ]
check "gavel verify says CORRECTED (1)" verify_says "$MEETING  CORRECTED (1)"

# gavel run --correct REASON, killed mid-comment: the restart (without
# --correct) goes on correcting for the same reason.
start third -C "$REPO" run "$MEETING" --correct "Cllr Reid's declaration was left out"
check "--correct opens the minutes for correcting" wait_for "CORRECTING"
check "--correct says every commit carries the reason" screen_has "every commit says Correction:"
check "item 1 opens" item1
type_text "Reid: Half a comment"
sleep 1.1
check "the journal holds the half comment and the reason" \
	wait_file_has "$REPO/.git/gavel/journal" "correction Cllr Reid's declaration was left out"
kill -9 "$(pid_of third)"
check "gavel is gone after kill -9" wait_exit third
start fourth -C "$REPO" run "$MEETING"
check "the restart goes on correcting" wait_for "CORRECTING"
check "the restart restores the half comment" screen_has "Half a comment"
keys Enter
check "the recovered comment is committed" wait_log "comment 2 recorded"
check "with the reason from before the crash" \
	last_body_has "Correction: Cllr Reid's declaration was left out"
keys C-x
check "^X quits" wait_exit fourth
check "gavel verify says CORRECTED (2)" verify_says "$MEETING  CORRECTED (2)"
check "no journal is left behind" no_journal

# The home screen's r.
start home -C "$REPO"
check "the home screen opens" wait_for "Communities Board"
keys Enter
check "the meetings are listed" wait_for "2018-03-14"
keys r
check "r on confirmed minutes opens them read-only with the banner" \
	wait_for "CONFIRMED: READ-ONLY (^R corrects)"
before=$(git -C "$REPO" rev-parse HEAD)
check "item 1 opens" item1
type_text "x"
check "typing is refused there too" wait_for "a change is a correction"
keys C-r
check "^R asks for the reason there too" wait_for "Why are the confirmed minutes corrected?"
keys Escape
check "Esc cancels the question" wait_gone "Why are the confirmed minutes corrected?"
keys C-x
check "^X goes back to the home screen" wait_for "take minutes"
check "nothing was committed" head_is "$before"
keys q
check "q leaves" wait_exit home
check "git status is clean" clean_tree
check "git fsck is clean" fsck_clean
tui_finish
