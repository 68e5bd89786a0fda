#!/bin/sh
# Signals during gavel run, with text typed in a comment that was never
# stored: SIGTERM, SIGHUP and SIGINT (sent with kill: in raw mode ^C is a
# key) each make gavel store the field, commit and exit (128 + the
# signal), leaving no journal and no lock.  A terminal that vanishes:
# the tmux window or the whole tmux server killed under gavel; and a pty
# closed under a gavel that gets no SIGHUP (it runs in its own session,
# so only its reads fail).  Each time gavel ends within a few seconds,
# the work is committed or journaled, and git fsck is clean.
. "$(dirname "$0")/lib.sh"

LOCKS=".git/gavel/locks"
no_lock() {
	l=$(find "$REPO/$LOCKS" -type f 2>/dev/null)
	[ -z "$l" ] || { echo "$l" >"$diag"; return 1; }
}
# gone PID [SECONDS]: the process has ended within SECONDS (5).
gone() {
	_n=$((${2:-5} * 20))
	_i=0
	while kill -0 "$1" 2>/dev/null; do
		[ $_i -ge "$_n" ] && { echo "process $1 is still running" >"$diag"; return 1; }
		sleep 0.05
		_i=$((_i + 1))
	done
}
# The comment as typed, or in the journal when it could not be committed.
kept() {
	committed_has "$1" 2>/dev/null && return 0
	grep -rqF -- "$1" "$REPO/.git/gavel/journal" 2>/dev/null && return 0
	echo "neither committed nor journaled: $1" >"$diag"
	return 1
}

# open_item NAME [GAVEL]: a fresh demo repository, gavel run on it in
# window NAME, on the first item's comment field.
open_item() {
	make_demo || return 1
	start "$1" -C "$REPO" run "$MEETING"
	wait_for "Cllr Ruth Dombey" || return 1
	keys Enter
	wait_for "Declaration" || return 1
	keys C-n
	wait_for "Welcome, apologies and declarations" || return 1
	keys Tab
}

for case in TERM:143 HUP:129 INT:130; do
	sig=${case%:*}
	want=${case#*:}
	name=$(echo "$sig" | tr A-Z a-z)
	text="Typed but not stored before SIG$sig"
	check "SIG$sig: gavel run is on the first item" open_item "$name"
	type_text "$text"
	check "SIG$sig: the text shows" wait_for "$text"
	kill -s "$sig" "$(pid_of "$name")"
	check "SIG$sig: gavel ends" wait_exit "$name"
	check "SIG$sig: it exits $want (128 + the signal)" [ "$rc" = "$want" ]
	check "SIG$sig: the typed text is committed" committed_has "      - $text"
	check "SIG$sig: no journal is left" no_journal
	check "SIG$sig: the meeting's lock is released" no_lock
	check "SIG$sig: git status is clean" clean_tree
	check "SIG$sig: git fsck is clean" fsck_clean
done

# SIGTERM at once, on the attendance list, before anything was typed.
check "SIGTERM at the start: a fresh demo repository" make_demo
start early -C "$REPO" run "$MEETING"
check "SIGTERM at the start: gavel run opens" wait_for "Cllr Ruth Dombey"
kill -s TERM "$(pid_of early)"
check "SIGTERM at the start: gavel ends" wait_exit early
check "SIGTERM at the start: exit status 143" [ "$rc" = 143 ]
check "SIGTERM at the start: no journal, no lock" sh -c "[ -z \"\$(find '$REPO/.git/gavel' -type f 2>/dev/null)\" ]"
check "SIGTERM at the start: git fsck is clean" fsck_clean

# The window closed under gavel: tmux closes the pty and hangs up.
text="Typed before the window was closed"
check "window closed: gavel run is on the first item" open_item closed
type_text "$text"
check "window closed: the text shows" wait_for "$text"
pid=$(pid_of closed)
tmux_ kill-window -t gavel:closed
check "window closed: gavel ends within 5 seconds" gone "$pid"
check "window closed: the typed text is committed or journaled" kept "$text"
check "window closed: no lock is left" no_lock
check "window closed: git fsck is clean" fsck_clean

# The whole tmux server killed under gavel.
text="Typed before the server was killed"
check "server killed: gavel run is on the first item" open_item server
type_text "$text"
check "server killed: the text shows" wait_for "$text"
pid=$(pid_of server)
tmux_ kill-server
check "server killed: gavel ends within 5 seconds" gone "$pid"
check "server killed: the typed text is committed or journaled" kept "$text"
check "server killed: no lock is left" no_lock
check "server killed: git fsck is clean" fsck_clean

# A pty closed with no SIGHUP: gavel in a session of its own (setsid), so
# the pty is not its controlling terminal and only its reads and writes
# fail when tmux closes it.
if command -v setsid >/dev/null 2>&1; then
	printf '#!/bin/sh\nexec setsid %s "$@"\n' "$(q "$ROOT/gavel")" >"$TMP/setsid-gavel"
	chmod +x "$TMP/setsid-gavel"
	GAVEL="$TMP/setsid-gavel"
	text="Typed before the pty vanished"
	check "pty vanished: gavel run is on the first item" open_item vanish
	type_text "$text"
	check "pty vanished: the text shows" wait_for "$text"
	pid=$(pid_of vanish)
	check "pty vanished: gavel leads a session of its own (so no SIGHUP)" \
		[ "$(ps -o sid= -p "$pid" | tr -d ' ')" = "$pid" ]
	tmux_ kill-window -t gavel:vanish
	check "pty vanished: gavel ends within 5 seconds" gone "$pid"
	check "pty vanished: the typed text is committed or journaled" kept "$text"
	check "pty vanished: no lock is left" no_lock
	check "pty vanished: git fsck is clean" fsck_clean
	GAVEL="$ROOT/gavel"
else
	echo "ok - pty vanished without SIGHUP # skip setsid is not installed"
fi
tui_finish
