#!/bin/sh
# Typing accented, CJK and emoji text: the screen shows it, editing
# takes whole characters, and the committed minutes have the exact bytes.
. "$(dirname "$0")/lib.sh"

# "café" with a combining acute accent (e, U+0301) rather than é.
CAFE=$(printf 'cafe\314\201')

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "^N opens the first item" wait_for "Welcome, apologies and declarations"

# The summary: accents and CJK.
type_text "Zoë and José read the 議事録 of a naïve plan."
check "accented and CJK text shows as typed" wait_for "Zoë and José read the 議事録 of a naïve plan."
keys Tab

# A comment with a speaker whose name has accents, CJK, a combining
# accent and emoji; Backspace erases the last emoji whole.
type_text "Zoë Ní Bhriain: José liked the $CAFE 議事録 🙂🙂"
check "the emoji show" wait_for "議事録 🙂🙂"
keys BSpace
check "Backspace erases one whole emoji" wait_gone "🙂🙂"
check "the other emoji stays" wait_for "議事録 🙂"
keys Enter
check "the comment is stored and committed" wait_log "comment 1 recorded"
check "the stored comment shows with its speaker" wait_for "Cllr Zoë Ní Bhriain: José liked"
keys C-x
check "^X quits" wait_exit clerk
check "gavel run exits 0" [ "$rc" = 0 ]

check "the summary's bytes are committed exactly" \
	committed_has "    summary: Zoë and José read the 議事録 of a naïve plan."
check "the comment's bytes are committed exactly (combining accent too)" \
	committed_has "      - text: José liked the $CAFE 議事録 🙂"
check "the speaker is recognised by an accented name" \
	committed_has "        by: Cllr Zoë Ní Bhriain"
check "nothing of the erased emoji is left" \
	committed_lacks "🙂🙂"
check "the committed minutes are valid UTF-8" \
	sh -c 'git -C "$1" show "HEAD:$2" | iconv -f UTF-8 -t UTF-8 >/dev/null' - "$REPO" "$MINUTES"
check "gavel check accepts the minutes" sh -c '"$1" check "$2" >/dev/null 2>&1' - "$GAVEL" "$REPO/$MINUTES"
check "git status is clean" clean_tree
tui_finish
