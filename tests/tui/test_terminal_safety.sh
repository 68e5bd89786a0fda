#!/bin/sh
# Terminal safety on the screens: a repository written by other tools
# holds escape sequences in author names, commit messages and folder
# names and the repository's path; the home screen, the history view and blame show them visibly
# (^[) and never send them, so the terminal's window title stays as it was
# and nothing is cleared.
SIZE=120x30
. "$(dirname "$0")/lib.sh"

TITLE=$(printf '\033]0;pwned\007')
CLEAR=$(printf '\033[2J')
CSI1=$(printf '\302\23331m')
EVIL="A${TITLE}B${CLEAR}C${CSI1}D"

check "gavel demo --no-run makes the demo repository" make_demo
F="$REPO/$MEETING/minutes.yaml"
sed -i 's/^venue: .*/venue: Council Chamber/' "$F"
git -C "$REPO" -c user.name="Eve $EVIL" -c user.email=eve@example.org \
	commit -q --cleanup=verbatim -am "venue $EVIL" || exit 2
# A committee folder and a meeting folder named by another tool.
mkdir -p "$REPO/evil${TITLE}board/2018-06-01" "$REPO/communities-board/2018-07-0${CLEAR}1"
cp "$F" "$REPO/evil${TITLE}board/2018-06-01/minutes.yaml"
cp "$F" "$REPO/communities-board/2018-07-0${CLEAR}1/minutes.yaml"
git -C "$REPO" add -A && git -C "$REPO" -c user.name="Mallory $EVIL" \
	-c user.email=m@example.org commit -q --cleanup=verbatim -m "folders $EVIL" || exit 2
# The repository's own path, shown in the header, holds one too.
mv "$REPO" "$TMP/demo${TITLE}x" || exit 2
REPO="$TMP/demo${TITLE}x"

# title: the pane's title, which an OSC 0 sequence would have set.
title_kept() {
	t=$(tmux_ display -p -t "$WIN" '#{pane_title}')
	case $t in
	*pwned*) echo "the pane's title became: $t" >"$diag"; return 1 ;;
	esac
	return 0
}

start home -C "$REPO" browse
check "the home screen lists the committee" wait_for "Communities Board"
check "the home screen leaves the window title alone" title_kept
check "the repository's path shows visibly in the header" screen_has "demo^[]0;pwned^Gx"
keys Enter
check "Enter lists its meetings" wait_for "2018-03-14"
keys h
check "h opens the meeting's history" wait_for "History of $MEETING"
check "the hostile commit message shows visibly" wait_for "venue A^[]0;pwned^GB^[[2JC"
check "the author's name shows visibly" screen_has "Eve A^["
check "the title was not changed by the history" title_kept
check "the screen was not cleared: the history's heading is still there" screen_has "History of $MEETING"
check "the C1 control shows visibly, never raw" sh -c '! tmux -L "$1" capture-pane -p -t "$2" | LC_ALL=C grep -q -P "\xc2[\x80-\x9f]"' - "$SOCK" "$WIN"
keys b
check "b shows blame" wait_for "who last changed each field"
check "blame names the hostile author visibly" wait_for "Eve A^["
check "the title was not changed by blame" title_kept
keys Escape
check "Esc goes back to the home screen" wait_for "r take minutes"
keys q
check "q leaves" wait_exit home
check "gavel exits 0" [ "$rc" = 0 ]
check "the title was never changed" title_kept
check "the screen as left holds no pwned title" screen_lacks "pwned${TITLE}"
tui_finish
