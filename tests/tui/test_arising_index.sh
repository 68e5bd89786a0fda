#!/bin/sh
# Matters arising answered from the registers (issue 13): the meetings of
# test_arising.sh, the index built first (gavel actions), then the first
# meeting's minutes blob taken out of the object store: F6 still lists
# its open action, which only the registers can know (reading the
# earlier meetings, as F6 does without an index, cannot load it), in the
# same order and with the same owner and due date.
SIZE=80x24
. "$(dirname "$0")/lib.sh"

. "$ROOT/tests/tui/lib_arising.sh"

run -C "$R" actions --open
check "the index is built (gavel actions)" [ "$rc" -eq 0 -a -f "$R/.git/gavel/search.sqlite" ]
blob=$(git -C "$R" rev-parse HEAD:$C/2018-05-15/minutes.yaml)
obj="$R/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
check "the first meeting's minutes are a loose object" [ -f "$obj" ]
rm -f "$obj"
check "... which git can no longer read" sh -c "! git -C '$R' cat-file -e $blob 2>/dev/null"

start run -C "$R" run $C/2018-07-10
wait_for "Planning Committee" 10
keys C-n
wait_for "Started"
keys C-n
wait_for "F6 lists the actions earlier meetings left open"
keys F6
wait_for "Open actions of earlier meetings: 2"
check "the sheet lists the open action of the unreadable first meeting" \
	screen_has "2018-05-15/2"
check "... and the one of the second" screen_has "2018-06-12/1"
check "... and not the one done at the second meeting" screen_lacks "2018-05-15/1"
check "... with its owner and due date" screen_has "Cllr Sam Patel  due 2018-06-30"
keys Escape
wait_gone "Open actions of earlier meetings"
keys C-x
wait_exit run 10
check "gavel run ends well" [ "$rc" -eq 0 ]
tui_finish
