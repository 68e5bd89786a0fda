#!/bin/sh
# The committee screen (gavel committee edit; e on a committee in the
# home screen): a quorum larger than the membership and a year start that
# is not in every year refused as typed; a member added, a duplicate
# refused, a member removed, a phrase added, each committed; the agenda
# screen reached from the home screen with e, and + making a meeting whose
# agenda starts from the usual items with the minutes item confirming the
# latest unconfirmed meeting.
SIZE=100x30
. "$(dirname "$0")/lib.sh"

REPO="$TMP/minutes"
run init "$REPO"
mkdir -p "$REPO/communities-board"
cp "$ROOT/tests/cli/data/committee.yaml" "$REPO/communities-board/"
git -C "$REPO" add -A && git -C "$REPO" commit -qm "committee" || exit 2
C=communities-board/committee.yaml
committee_has() {
	git -C "$REPO" show "HEAD:$C" >"$TMP/c.yaml" 2>&1 && grep -qF -- "$1" "$TMP/c.yaml" ||
		{ { echo "wanted: $1"; cat "$TMP/c.yaml"; } >"$diag"; return 1; }
}

start cm -C "$REPO" committee edit communities-board
check "the committee screen opens on the committee" wait_for "Committee: Communities Board"
check "it lists the members with their roles" wait_for "Cllr Alex Morgan, Chairman"
keys Tab
type_text "9"
check "a quorum larger than the membership is refused as typed" wait_for "a quorum of 9 is more than the 3 members"
keys BSpace Tab
type_text "02-29"
check "a year start that is not in every year is refused" wait_for "'02-29' is not a day of every year"
keys C-u Tab Tab Tab Tab
type_text "Cllr Ruth Dombey, Vice-Chair"
keys Enter
check "a member typed on the Add row is committed" wait_log "Committee communities-board: member Cllr Ruth Dombey added"
check "with the role" committee_has "    role: Vice-Chair"
type_text "Cllr Sam Patel"
check "a member twice is refused" wait_for "Cllr Sam Patel is a member already"
keys C-u Up Up
check "Up reaches Cllr Zoë Reid" wait_for "Cllr Ruth Dombey, Vice-Chair"
keys C-x
check "^X removes the member in hand, committed" wait_log "member Cllr Zoë Reid removed"
check "she is gone from the file" sh -c '! git -C "$1" show "HEAD:$2" | grep -q "Zoë"' _ "$REPO" "$C"
keys Down Down Down
type_text "RESOLVED: that the report be approved."
keys Enter
check "a phrase is committed" wait_log "phrase added: RESOLVED: that the report be approved."
check "written quoted, as the format says" committee_has '  - "RESOLVED: that the report be approved."'
keys Escape
check "Esc leaves" wait_exit cm
check "gavel committee edit exits 0" test "$rc" -eq 0
check "gavel check accepts the file" "$GAVEL" check "$REPO/$C"

run -C "$REPO" committee edit no-such-committee
check "a committee that does not exist is refused, saying so, before any screen" \
	sh -c '[ "$1" -eq 1 ] && grep -q "there is no committee no-such-committee" "$2"' _ "$rc" "$TMP/err"

# From the home screen: e on the committee, then + for a meeting.
run -C "$REPO" new "Communities Board" 2018-02-07
start home -C "$REPO" browse
check "the home screen lists the committee" wait_for "Communities Board"
keys e
check "e on a committee opens its screen" wait_for "Committee: Communities Board"
keys Escape
check "Esc comes back to the home screen" wait_for "all committed"
keys +
check "+ asks for the committee" wait_for "Committee"
keys Enter
keys C-u
type_text "2018-03-14"
keys Enter
check "+ opens the new meeting's agenda" wait_for "Agenda: Communities Board, 2018-03-14"
check "started from the usual items" wait_for "Minutes of the previous meeting"
check "committed as such" wait_log "started from the usual items"
check "the minutes item confirms the latest unconfirmed meeting" sh -c \
	'git -C "$1" show HEAD:communities-board/2018-03-14/agenda.yaml | grep -q "confirms: communities-board/2018-02-07"' _ "$REPO"
check "the minutes have the same five items" sh -c \
	'[ "$(git -C "$1" show HEAD:communities-board/2018-03-14/minutes.yaml | grep -c "^  - number:")" = 5 ]' _ "$REPO"
keys q
check "q comes back to the home screen" wait_for "items, all committed"
keys q
check "the home screen leaves" wait_exit home
check "the work tree is clean" clean_tree

tui_finish
