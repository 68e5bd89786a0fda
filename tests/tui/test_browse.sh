#!/bin/sh
# The home screen: committees, meetings, items and the reading pane; a
# search and its hits; the same topic followed through time; a meeting
# whose file does not load shows its error and the rest still works.
SIZE=100x30
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
# A later meeting that takes up the same topic, and a broken one, both
# committed by another tool.
mkdir -p "$REPO/communities-board/2018-06-13" "$REPO/communities-board/2018-09-12"
cat >"$REPO/communities-board/2018-06-13/minutes.yaml" <<'YAML'
format: gavel-minutes/1
committee: Communities Board
date: 2018-06-13
status: draft
items:
  - number: "4"
    title: Integrated Communities Strategy
    summary: The consultation on the green paper has closed.
    decision: Members noted the update.
YAML
printf 'format: gavel-minutes/1\ncommittee: [unclosed\n' \
	>"$REPO/communities-board/2018-09-12/minutes.yaml"
git -C "$REPO" add -A && git -C "$REPO" -c user.name=Other -c user.email=o@example.org \
	commit -qm "two meetings from another tool" || exit 2

start home -C "$REPO"
check "plain gavel on a terminal opens the home screen" wait_for "Communities Board"
keys Enter
check "Enter lists the meetings, newest first" wait_for "2018-09-12"
check "the broken meeting shows its error in the reading pane" \
	wait_for "do not load"
keys Down
check "the next meeting still opens" wait_for "The consultation on the green paper"
keys /
type_text "green paper"
keys Enter
check "a search lists its hits with meeting, item and field" \
	wait_for "2018-06-13  communities-board  item 4  summary"
check "the snippet shows the matched words" screen_has "green paper has closed"
keys Enter
check "Enter opens the hit's item" wait_for "hit 1 of"
keys n
check "n steps to the next hit" wait_for "hit 2 of"
keys Escape Escape Escape
check "Esc goes back" wait_for "Committees"
keys Enter Down Enter
check "a meeting's items are listed" wait_for "Integrated Communities Strategy"
keys t
check "t follows the topic through time" \
	wait_for "The same topic: Integrated Communities Strategy"
check "the topic's meetings are oldest first" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t '$WIN' | grep -n 'item' | head -1 | grep -q 2018-03-14"
keys q
check "q leaves" wait_exit home
check "gavel exits 0" [ "$rc" = 0 ]
tui_finish
