#!/bin/sh
# The history view, from the home screen: a meeting's revisions newest
# first, the structured diff between two marked ones with the changed
# words, and blame naming who changed a field.
SIZE=100x30
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
F="$REPO/$MEETING/minutes.yaml"
# Two revisions by other hands, as another tool would make them.
sed -i 's/^    title: Tackling loneliness$/    title: Tackling loneliness\n    summary: The Board heard how councils reach isolated residents./' "$F"
git -C "$REPO" -c user.name="Sam Auditor" -c user.email=sam@example.org \
	commit -qam "summary of item 4" || exit 2
sed -i 's/how councils reach isolated residents/how councils find and reach lonely residents/' "$F"
git -C "$REPO" -c user.name="Jo Editor" -c user.email=jo@example.org \
	commit -qam "item 4 summary reworded" || exit 2

start home -C "$REPO" browse
check "the home screen lists the committee" wait_for "Communities Board"
keys Enter
check "Enter lists its meetings" wait_for "2018-03-14"
keys h
check "h opens the meeting's history" wait_for "History of $MEETING"
check "the newest revision is listed first" wait_for "item 4 summary reworded"
check "the earlier ones are listed too" screen_has "summary of item 4"
check "the newest change is shown at once" wait_for "summary changed"
check "the old and the new words are there" screen_has "isolated lonely residents"
keys Down Space Down Down Space Enter
check "two marked revisions are compared" wait_for "changes from"
check "the comparison spans both edits" wait_for "summary added"
keys b
check "b shows blame" wait_for "who last changed each field"
check "blame names the author of the summary" screen_has "Jo Editor"
keys Escape
check "Esc goes back to the home screen" wait_for "r take minutes"
keys q
check "q leaves" wait_exit home
check "gavel exits 0" [ "$rc" = 0 ]
tui_finish
