#!/bin/sh
# Someone else commits, with git, a minutes.yaml that does not load: the
# home screen (gavel browse) shows that meeting's error in the reading
# pane, still shows the other meetings and still navigates; nothing is
# changed in the repository.
# (gavel list and show with the same fault: tests/cli/test_fault_broken_minutes.sh.)
SIZE=120x40
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
run -C "$REPO" new "Communities Board" 2018-04-11
check "a second meeting of the committee is made" [ "$rc" = 0 ]
printf 'format: gavel-minutes/1\ncommittee: [Communities Board\ndate: 2018-04-11\n' \
	>"$REPO/communities-board/2018-04-11/minutes.yaml"
git -C "$REPO" -c user.name="Someone Else" -c user.email=else@example.org \
	commit -q -am "Hand-edited the minutes"
head=$(git -C "$REPO" rev-parse HEAD)

start home -C "$REPO" browse
check "gavel browse opens on the committees" wait_for "Communities Board"
keys Enter
check "Enter lists the meetings, the broken one among them" wait_for "2018-04-11"
check "the other meeting is listed too" screen_has "2018-03-14"
check "the reading pane says the broken meeting's minutes do not load" \
	wait_for "This meeting's minutes do not load"
check "the reading pane shows the error with its line" \
	screen_has "communities-board/2018-04-11/minutes.yaml:2:"
keys Enter
check "Enter on it says to see the reading pane, and stays" \
	wait_for "see the reading pane"
keys Down
check "Down moves to the other meeting, whose minutes show" \
	wait_for "Welcome, apologies and declarations"
keys Enter
check "Enter opens its items" wait_for "Integrated Communities Strategy"
keys Left Left
check "Left goes back to the committees" wait_gone "Integrated Communities Strategy"
keys q
check "q quits" wait_exit home
check "gavel browse exits 0" [ "$rc" = 0 ]
check "nothing was committed" [ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
check "git status is clean" clean_tree
check "git fsck is clean" fsck_clean
tui_finish
