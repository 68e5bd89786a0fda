#!/bin/sh
# A second gavel on a meeting being minuted: refused with who holds it
# (exit 2) unless it looks read-only; a lock left by a killed gavel is
# taken over.
. "$(dirname "$0")/lib.sh"

USER_NAME=$(id -un)
HOST_NAME=$(uname -n)

check "gavel demo --no-run makes the demo repository" make_demo
start first -C "$REPO" run "$MEETING"
check "the first gavel run opens" wait_for "Cllr Ruth Dombey"
first=$(pid_of first)
head=$(git -C "$REPO" rev-parse HEAD)

# A second one, answering n to its question.
start second -C "$REPO" run "$MEETING"
check "a second gavel run asks whether to open read-only" wait_for "read-only? [y/N]"
check "it says who holds the meeting: user, host, process" \
	screen_has "held by $USER_NAME on $HOST_NAME (process $first)"
check "it says \"held by\" once" screen_lacks "held by held by"
keys n Enter
check "answered n, it ends" wait_exit second
check "answered n, it exits 2" [ "$rc" = 2 ]
check "answered n, it says it did not open" screen_has "not opened"

# Answered y, it opens read-only.
start third -C "$REPO" run "$MEETING"
check "a third gavel run asks too" wait_for "read-only? [y/N]"
keys y Enter
check "answered y, it opens READ-ONLY" wait_for "READ-ONLY"
keys q
check "the read-only one quits" wait_exit third
check "the read-only one exits 0" [ "$rc" = 0 ]

# With --read-only: no question; typing is refused.
start reader -C "$REPO" run --read-only "$MEETING"
check "gavel run --read-only opens" wait_for "READ-ONLY"
check "it shows the attendance list" wait_for "Cllr Ruth Dombey"
keys a
check "marking attendance is refused" wait_for "read-only"
keys Enter
check "Enter leads on to the opening" wait_for "Declaration"
type_text "Cllr Jo Reid"
check "typing a declaration is refused" wait_for "read-only: another gavel"
check "the refused text does not show" screen_lacks "Jo Reid"
keys C-x
check "the reader quits" wait_exit reader
check "the reader exits 0" [ "$rc" = 0 ]
check "the readers committed nothing" [ "$(git -C "$REPO" rev-parse HEAD)" = "$head" ]
check "the first gavel runs on" alive first

# The first is killed; a new run takes over its stale lock.
kill -9 "$first"
check "the first gavel is gone after kill -9" wait_exit first
start taker -C "$REPO" run "$MEETING"
check "a new gavel run takes over the stale lock and says so" wait_for "took over a lock"
check "it is not read-only" screen_lacks "READ-ONLY"
keys Escape
check "Esc opens the hub" wait_for "End the meeting"
keys q
check "the new one quits" wait_exit taker
check "the new one exits 0" [ "$rc" = 0 ]
check "no lock is left behind" \
	[ -z "$(find "$REPO/.git/gavel/locks" -type f 2>/dev/null)" ]
check "git status is clean" clean_tree
tui_finish
