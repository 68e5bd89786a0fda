#!/bin/sh
# Matters arising on the clerk's screen at 80x24: a committee with two
# earlier meetings carrying three actions (format 2, with ids; one done at
# the second meeting), the third meeting opened with gavel run: F6 in its
# matters arising lists only the two still open; one is marked done, the
# other in progress with a note.  The committed minutes hold them as that
# item's action_updates (python's yaml reads them), gavel actions --open
# then lists only the one in progress, gavel verify is OK and the earlier
# meetings' files are unchanged.
SIZE=80x24
. "$(dirname "$0")/lib.sh"

. "$ROOT/tests/tui/lib_arising.sh"
before=$(git -C "$R" rev-parse HEAD)

start run -C "$R" run $C/2018-07-10
wait_for "Planning Committee" 10
keys C-n
wait_for "Started"
keys C-n
wait_for "F6 lists the actions earlier meetings left open"
check "entering matters arising says what F6 does" screen_has "3 Matters arising"
keys F6
wait_for "Open actions of earlier meetings: 2"
check "the sheet lists the open action of the first meeting" screen_has "2018-05-15/2"
check "... and the one of the second" screen_has "2018-06-12/1"
check "... and not the one done at the second meeting" screen_lacks "2018-05-15/1"
check "... with its owner and due date" screen_has "Cllr Sam Patel  due 2018-06-30"
keys d
wait_for "now: done"
keys p
wait_for "Note:"
type_text "Quotes asked for."
keys Enter
wait_for "note: Quotes asked for."
keys Escape
wait_gone "Open actions of earlier meetings"
keys C-x
wait_exit run 10
check "gavel run ends well" [ "$rc" -eq 0 ]

git -C "$R" show HEAD:$C/2018-07-10/minutes.yaml >"$TMP/third.yaml"
check "the updates are the matters arising item's action_updates" python3 -c '
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
assert m["format"] == "gavel-minutes/2", m["format"]
it = [i for i in m["items"] if i["title"] == "Matters arising"][0]
u = it["action_updates"]
assert u == [{"action": "2018-05-15/2", "status": "done"},
             {"action": "2018-06-12/1", "status": "in-progress",
              "note": "Quotes asked for."}], u
assert not any("action_updates" in i for i in m["items"] if i is not it)
' "$TMP/third.yaml"
check "the earlier meetings' files are unchanged" \
	[ -z "$(git -C "$R" diff "$before" HEAD -- $C/2018-05-15 $C/2018-06-12)" ]
check "the changes were committed" [ "$(git -C "$R" rev-parse HEAD)" != "$before" ]
run -C "$R" actions --open
check "actions --open lists only the one in progress" \
	[ "$rc" -eq 0 -a "$(wc -l <"$TMP/out")" -eq 1 ]
check "... which is 2018-06-12/1" grep -q "^2018-06-12/1 .*in progress" "$TMP/out"
run -C "$R" verify
check "gavel verify is OK" [ "$rc" -eq 0 ]

# Again with the search index up to date: F6 answers from the registers
# (not reading every earlier meeting) and lists the same, this meeting's
# own updates not counting; a meeting added before it, with an action too
# long for 80 columns, cut at a word with an ellipsis.
"$GAVEL" -C "$R" new "Planning Committee" 2018-06-20 >/dev/null 2>&1 || exit 2
cat >"$R/$C/2018-06-20/minutes.yaml" <<'EOF'
format: gavel-minutes/2
committee: Planning Committee
date: 2018-06-20
status: draft
items:
  - number: "2"
    title: Drainage
    actions:
      - id: 2018-06-20/1
        text: Officers to circulate the revised drainage strategy to every member before the visit.
EOF
git -C "$R" add -A && git -C "$R" commit -qm "Minutes of 20 June" || exit 2
run -C "$R" search drainage
check "the index is brought up to date" [ "$rc" -eq 0 ]
start run2 -C "$R" run $C/2018-07-10
wait_for "3     Matters arising" 10
keys Enter
wait_for "F6 lists the actions earlier meetings left open"
keys F6
wait_for "Open actions of earlier meetings: 3"
check "from the registers: the open action of the first meeting" screen_has "2018-05-15/2"
check "... marked done at this meeting" screen_has "due 2018-06-30  now: done"
check "... the one of the second, in progress here" screen_has "due 2018-09-01  now: in progress"
check "... and the new meeting's" screen_has "2018-06-20/1"
check "... not the one done at the second meeting" screen_lacks "2018-05-15/1"
long_row_cut() { screen | grep -F "Officers to circulate" | grep -q "[a-z]…"; }
check "a long row is cut at a word with an ellipsis" long_row_cut
keys Escape
wait_gone "Open actions of earlier meetings"
keys C-x
wait_exit run2 10
check "gavel run ends well" [ "$rc" -eq 0 ]
tui_finish
