#!/bin/sh
# A committee meets at one time and place: the next meeting's agenda,
# made with gavel new and no --start or --venue, starts with the time,
# venue and chair of the committee's last meeting, and so do its minutes;
# what the clerk gives on the command line wins.
SIZE=80x24
. "$(dirname "$0")/lib.sh"

REPO="$TMP/minutes"
run init "$REPO"
"$GAVEL" -C "$REPO" committee new "Planning Committee" --member "Cllr Ann Hale, Chair" \
	--member "Cllr Tom Reid" >/dev/null 2>&1 || exit 2
"$GAVEL" -C "$REPO" new planning-committee 2024-01-10 --start 18:30 --venue "Town Hall" \
	</dev/null >/dev/null 2>&1 || exit 2
A=planning-committee/2024-02-14
agenda_has() {
	git -C "$REPO" show "HEAD:$A/$1" >"$TMP/f.yaml" 2>&1 && grep -qF -- "$2" "$TMP/f.yaml" ||
		{ { echo "wanted in $1: $2"; cat "$TMP/f.yaml"; } >"$diag"; return 1; }
}

start next -C "$REPO" new planning-committee 2024-02-14
check "gavel new opens the agenda screen" wait_for "Agenda: Planning Committee, 2024-02-14"
check "the header has the last meeting's time and venue" wait_for "Start 18:30   Venue Town Hall"
check "the message says where they came from" wait_for "time and venue as last time"
check "committed" wait_log "time and venue as last time"
check "the agenda has the start" agenda_has agenda.yaml 'start: "18:30"'
check "and the venue" agenda_has agenda.yaml "venue: Town Hall"
check "the minutes have the start" agenda_has minutes.yaml 'start: "18:30"'
check "and the venue" agenda_has minutes.yaml "venue: Town Hall"
keys q
check "q leaves" wait_exit next

# Given on the command line: that, not the last meeting's.
A=planning-committee/2024-03-13
start given -C "$REPO" new planning-committee 2024-03-13 --venue "Library, Room 2"
check "the venue given is kept" wait_for "Venue Library, Room 2"
check "the start not given is the last meeting's" wait_for "Start 18:30"
check "the agenda has the venue given" agenda_has agenda.yaml "venue: Library, Room 2"
keys q
check "q leaves" wait_exit given
check "the work tree is clean" clean_tree

tui_finish
