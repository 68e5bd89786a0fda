#!/bin/sh
# "Minutes of the previous meeting": the item's agenda entry confirms the
# meeting before; the decision is one key, and F5 confirms those minutes
# there and then, signed by the chair and dated this meeting.
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter C-n C-n
check "^N twice reaches item 2" wait_for "Minutes of the previous meeting"
keys Tab Tab
check "the decision offers the confirmation as its first phrase" \
	wait_for "1  RESOLVED: that the minutes of the meeting held on 17 January"
keys 1
check "picking it says F5 confirms the earlier minutes" wait_for "F5 confirms"
check "the decision is committed" wait_log "decision recorded"
keys F5
check "F5 says the minutes are confirmed and by whom" \
	wait_for "confirmed as a correct record, signed by Cllr"
keys C-x
check "^X quits" wait_exit clerk
check "gavel run exits 0" [ "$rc" = 0 ]
check "the decision is the confirmation" committed_has \
	"    decision: \"RESOLVED: that the minutes of the meeting held on 17 January 2018 be confirmed as a correct record.\""
check "the earlier meeting is tagged as confirmed" \
	[ -n "$(git -C "$REPO" tag -l confirmed/communities-board/2018-01-17)" ]
check "its minutes say confirmed, on this meeting's date, by the chair" \
	sh -c "git -C '$REPO' show HEAD:communities-board/2018-01-17/minutes.yaml | grep -q 'by: Cllr Simon Blackburn' && git -C '$REPO' show HEAD:communities-board/2018-01-17/minutes.yaml | grep -q 'date: 2018-03-14'"
check "the confirming item records what it confirmed (format 2)" committed_has \
	"      meeting: communities-board/2018-01-17"
check "gavel verify finds it OK through the tag and the chain link" sh -c \
	"'$GAVEL' -C '$REPO' verify | grep -q '2018-01-17  OK  checked: tag, .*; chain link from communities-board/2018-03-14 item 2'"
check "git status is clean" clean_tree
check "git fsck is clean" fsck_clean
tui_finish
