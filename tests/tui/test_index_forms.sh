#!/bin/sh
# gavel run in a repository whose index git has split (git update-index
# --split-index), which gavel cannot update: the commit is refused before
# anything is committed, the screen says why and what to run, and the
# journal keeps what the clerk typed; once the index is whole again (the
# advice), ^S commits it all and git status is clean.
# (gavel edit and new with every index form: tests/cli/test_index_forms.sh.)
. "$(dirname "$0")/lib.sh"

check "gavel demo --no-run makes the demo repository" make_demo
git -C "$REPO" update-index --split-index
head=$(git -C "$REPO" rev-parse HEAD)

start split -C "$REPO" run "$MEETING"
check "split index: gavel run opens" wait_for "Cllr Ruth Dombey"
keys Enter
check "split index: Enter leads on to the opening" wait_for "Declaration"
keys C-n
check "split index: ^N opens the first item" wait_for "Welcome, apologies and declarations"
keys Tab
type_text "Stored while the index was split"
keys Enter
check "split index: the header says NOT COMMITTED" wait_for "NOT COMMITTED"
check "split index: the message names the setting" wait_for "core.splitIndex"
type_text "Typed while the index was split"
check "split index: the journal keeps the stored comment" \
	wait_file_has "$REPO/.git/gavel/journal" "Stored while the index was split"
check "split index: the journal keeps the half-typed one" \
	wait_file_has "$REPO/.git/gavel/journal" "Typed while the index was split"
check "split index: nothing was committed" [ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
check "split index: the minutes in the work tree are as committed" \
	git -C "$REPO" diff --quiet HEAD -- "$MINUTES"

# The advice of the message, then ^S.
git -C "$REPO" config core.splitIndex false
git -C "$REPO" update-index --no-split-index
keys C-s
check "split index undone: ^S commits" wait_for "committed "
check "split index undone: the header no longer says NOT COMMITTED" wait_gone "NOT COMMITTED"
check "split index undone: the stored comment is committed" \
	committed_has "Stored while the index was split"
check "split index undone: the half-typed one too" committed_has "Typed while the index was split"
keys C-x
check "split index undone: ^X quits" wait_exit split
check "split index undone: exit status 0" [ "$rc" = 0 ]
check "split index undone: no journal is left" no_journal
check "split index undone: git status is clean" clean_tree
check "split index undone: git fsck is clean" fsck_clean

tui_finish
