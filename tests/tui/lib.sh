# Helpers for end-to-end tests of the clerk's screen: each test drives the
# real ./gavel inside tmux, on a tmux server of its own (gavel-test-PID),
# in the pinned environment of the command-line tests, and reads what a
# clerk would see with capture-pane.  The server is killed when the test
# ends, however it ends.
#
# A test sets SIZE (default 80x24) before sourcing this file, then:
#   make_demo                  a demo repository in $REPO (meeting $MEETING)
#   start NAME ARGS...         gavel ARGS in a tmux window NAME, which
#                              becomes the window keys go to ($WIN)
#   keys KEY...                tmux key names: Enter, Tab, C-n, Escape...
#   type_text TEXT             TEXT typed literally
#   wait_for TEXT [SECONDS]    polls the screen until TEXT shows (also
#                              wait_match, wait_gone, screen_has/_lacks)
#   wait_log TEXT              polls until the newest commit mentions TEXT
#   wait_exit NAME [SECONDS]   waits for window NAME's gavel to end; sets $rc
#   choice_key TEXT            the key a sheet's list shows before TEXT
#   check DESCRIPTION CMD...   ok when CMD succeeds
#   committed_has TEXT, same_as EXPECTED, log_has, clean_tree, no_journal
#                              the repository, with git as the witness
# and finishes with tui_finish.
. "$(cd "$(dirname "$0")/.." && pwd)/cli/lib.sh"

DATA="$ROOT/tests/tui/data"
if ! command -v tmux >/dev/null 2>&1; then
	echo "not ok - tmux is installed (the screen tests run gavel inside it)"
	rm -rf "$TMP"
	exit 1
fi
SIZE=${SIZE:-80x24}
SOCK="gavel-test-$$"
MEETING="communities-board/2018-03-14"
MINUTES="$MEETING/minutes.yaml"
WIN=
broken=0

export TMPDIR="$TMP/tmp"
mkdir -p "$TMPDIR"
unset TMUX TMUX_PANE NO_COLOR GAVEL_THEME VISUAL EDITOR
# The server's socket in the test's own folder, removed with it (a socket
# path must stay short: otherwise tmux's usual folder).
if [ ${#TMP} -lt 60 ]; then
	export TMUX_TMPDIR="$TMP"
else
	unset TMUX_TMPDIR
fi

tmux_() { tmux -L "$SOCK" "$@"; }

cleanup() {
	tmux_ kill-server >/dev/null 2>&1
	return 0
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM HUP

# Kept for a failure's report: the last screen a wait looked at, a diff.
diag="$TMP/diag"
: >"$diag"

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	if [ -s "$diag" ]; then
		sed 's/^/#   /' "$diag" | head -60
		: >"$diag"
	fi
	return 0
}

# check DESCRIPTION CMD...: passes when CMD succeeds (no eval, so
# arguments with spaces stay whole).
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# q WORD: WORD quoted for sh.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# make_demo: the demo repository, made by `gavel demo --no-run`.
make_demo() {
	run demo --no-run
	REPO=$(sed -n 's/^The demo repository is \(.*\) (meeting .*$/\1/p' "$TMP/out")
	rm -f "$TMP/out" "$TMP/err"
	[ "$rc" -eq 0 ] && [ -d "$REPO/.git" ]
}

# start NAME [VAR=VALUE...] ARGS...: runs `gavel ARGS` in a fresh tmux
# window NAME, in a pinned environment (VAR=VALUE pairs added to it).
# Its process id is written to $TMP/NAME.pid; when it ends, its exit
# status to $TMP/NAME.rc, and the window stays to be read.
start() {
	name=$1
	shift
	rm -f "$TMP/$name.pid" "$TMP/$name.rc"
	extra=
	while [ $# -gt 0 ]; do
		case $1 in
		*=*) extra="$extra $(q "$1")"; shift ;;
		*) break ;;
		esac
	done
	{
		echo '#!/bin/sh'
		printf 'echo $$ >%s\n' "$(q "$TMP/$name.pid")"
		printf 'exec env -i PATH=%s HOME=%s TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8' \
			"$(q "$PATH")" "$(q "$HOME")"
		printf ' TMPDIR=%s TERM=xterm-256color' "$(q "$TMPDIR")"
		# Under make check SANITIZE=1 the reports go to files that
		# tui_finish looks for: on the screen nobody would read them.
		printf ' ASAN_OPTIONS=%s UBSAN_OPTIONS=%s LSAN_OPTIONS=%s' \
			"$(q "$ASAN_OPTIONS:log_path=$TMP/sanitizer")" \
			"$(q "$UBSAN_OPTIONS:log_path=$TMP/sanitizer")" \
			"$(q "$LSAN_OPTIONS")"
		printf '%s %s' "$extra" "$(q "$GAVEL")"
		for a in "$@"; do
			printf ' %s' "$(q "$a")"
		done
		echo
	} >"$TMP/$name.run"
	cmd="cd $(q "$TMP") && sh $(q "$TMP/$name.run"); echo \$? >$(q "$TMP/$name.rc")"
	if ! tmux_ has-session -t gavel 2>/dev/null; then
		w=${SIZE%x*}
		h=${SIZE#*x}
		{
			echo "set -g status off"
			echo "set -g remain-on-exit on"
			echo "set -g default-size $SIZE"
			echo "set -g history-limit 100"
		} >"$TMP/tmux.conf"
		tmux_ -f "$TMP/tmux.conf" new-session -d -s gavel -n "$name" \
			-x "$w" -y "$h" "$cmd"
	else
		tmux_ new-window -d -t gavel: -n "$name" "$cmd"
	fi
	WIN="gavel:$name"
	# The process id, once the window's shell has written it.
	_i=0
	while [ ! -s "$TMP/$name.pid" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
}

# on NAME: keys and waits go to window NAME from now on.
on() { WIN="gavel:$1"; }

pid_of() { cat "$TMP/$1.pid"; }

# choice_key TEXT: the key (1-9, a-z) an open sheet shows before the
# choice TEXT; empty when none shows.
choice_key() {
	screen | sed -n "s/^ *\([1-9a-z]\)  *$1\( .*\)\{0,1\}\$/\1/p" | head -1
}

keys() { tmux_ send-keys -t "$WIN" "$@"; }

type_text() { tmux_ send-keys -t "$WIN" -l -- "$1"; }

# screen [-e]: the window's text as it shows now (lines that wrap joined),
# and, once gavel has left its full screen, what it printed on leaving.
screen() { tmux_ capture-pane -p -J -S - "$@" -t "$WIN"; }

# screen_has TEXT: TEXT shows now (no waiting).
screen_has() {
	screen | grep -qF -- "$1" && return 0
	{ echo "not on the screen: $1"; screen | sed -e 's/^/|/' -e '/^|$/d'; } >"$diag"
	return 1
}

# screen_lacks TEXT: TEXT does not show now.
screen_lacks() {
	screen | grep -qF -- "$1" || return 0
	{ echo "on the screen: $1"; screen | sed -e 's/^/|/' -e '/^|$/d'; } >"$diag"
	return 1
}

# wait_for TEXT [SECONDS]: polls the screen until TEXT shows (10 s at
# most; once a wait has failed, later ones give up after 1 s so that a
# broken run ends soon).  Keeps the last screen for the report.
# wait_match REGEX [SECONDS]: the same for an extended regular expression.
wait_for() { grep_mode=-F; wait_screen "$@"; }
wait_match() { grep_mode=-E; wait_screen "$@"; }
wait_screen() {
	_secs=${2:-10}
	[ "$broken" -eq 1 ] && _secs=1
	_n=$((_secs * 20))
	_i=0
	while :; do
		if screen | grep -q "$grep_mode" -- "$1"; then
			return 0
		fi
		[ $_i -ge $_n ] && break
		sleep 0.05
		_i=$((_i + 1))
	done
	broken=1
	{
		echo "waited for: $1"
		echo "screen ($WIN):"
		screen | sed -e 's/^/|/' -e '/^|$/d'
	} >"$diag"
	return 1
}

# wait_gone TEXT [SECONDS]: polls the screen until TEXT no longer shows.
wait_gone() {
	_secs=${2:-10}
	_n=$((_secs * 20))
	_i=0
	while screen | grep -qF -- "$1"; do
		if [ $_i -ge $_n ]; then
			{ echo "waited for this to go: $1"; screen | sed 's/^/|/'; } >"$diag"
			return 1
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 0
}

# wait_log TEXT [SECONDS]: polls until the newest commit's subject has TEXT.
wait_log() {
	_secs=${2:-10}
	[ "$broken" -eq 1 ] && _secs=1
	_n=$((_secs * 20))
	_i=0
	while ! git -C "$REPO" log -1 --format=%s 2>/dev/null | grep -qF -- "$1"; do
		if [ $_i -ge $_n ]; then
			broken=1
			{ echo "no commit says: $1"; git -C "$REPO" log --format=%s | head;
			  echo "screen:"; screen | sed 's/^/|/'; } >"$diag"
			return 1
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 0
}

# wait_exit NAME [SECONDS]: waits for window NAME's gavel to end; its
# exit status in $rc (empty when it did not end).
wait_exit() {
	_secs=${2:-10}
	_n=$((_secs * 20))
	_i=0
	rc=
	while [ ! -s "$TMP/$1.rc" ]; do
		if [ $_i -ge $_n ]; then
			{ echo "gavel in window $1 did not end"; screen | sed 's/^/|/'; } >"$diag"
			return 1
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	rc=$(cat "$TMP/$1.rc")
	return 0
}

# wait_file_has FILE-OR-DIR TEXT [SECONDS]: polls until TEXT is in it.
wait_file_has() {
	_secs=${3:-10}
	_n=$((_secs * 20))
	_i=0
	while ! grep -rqF -- "$2" "$1" 2>/dev/null; do
		if [ $_i -ge $_n ]; then
			echo "never found in $1: $2" >"$diag"
			return 1
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 0
}

# committed: the minutes as the last commit holds them.
committed() { git -C "$REPO" show "HEAD:$MINUTES"; }

# normalised: stdin with the stamped times (start, end, started, ended)
# made "HH:MM", so a file can be compared with an expected one.
normalised() {
	sed -E 's/^([[:space:]]*(start|end|started|ended): )"[0-9][0-9]:[0-9][0-9]"$/\1"HH:MM"/'
}

# same_as EXPECTED: the committed minutes, times normalised, are EXPECTED.
same_as() {
	committed | normalised >"$TMP/got.yaml" || return 1
	diff -u "$1" "$TMP/got.yaml" >"$diag" 2>&1 && : >"$diag"
}

# log_has TEXT: some commit's subject names TEXT.
log_has() {
	git -C "$REPO" log --format=%s >"$TMP/log" 2>&1 &&
		grep -qF -- "$1" "$TMP/log" ||
		{ { echo "git log:"; cat "$TMP/log"; } >"$diag"; return 1; }
}

# committed_has TEXT: the committed minutes hold TEXT (exact bytes).
committed_has() {
	committed >"$TMP/got.yaml" 2>&1 && grep -qF -- "$1" "$TMP/got.yaml" ||
		{ { echo "wanted: $1"; cat "$TMP/got.yaml"; } >"$diag"; return 1; }
}

# committed_lacks TEXT: the committed minutes do not hold TEXT.
committed_lacks() {
	committed >"$TMP/got.yaml" 2>&1 && ! grep -qF -- "$1" "$TMP/got.yaml" ||
		{ { echo "unwanted: $1"; cat "$TMP/got.yaml"; } >"$diag"; return 1; }
}

clean_tree() {
	s=$(git -C "$REPO" status --porcelain 2>&1)
	[ -z "$s" ] || { echo "$s" >"$diag"; return 1; }
}

no_journal() {
	j=$(find "$REPO/.git/gavel/journal" -type f 2>/dev/null)
	[ -z "$j" ] || { echo "$j" >"$diag"; return 1; }
}

fsck_clean() {
	git -C "$REPO" fsck --strict >"$diag" 2>&1 && : >"$diag"
}

alive() { kill -0 "$(pid_of "$1")" 2>/dev/null; }

tui_finish() {
	cleanup
	if ls "$TMP"/sanitizer.* >/dev/null 2>&1; then
		cat "$TMP"/sanitizer.* >"$diag"
		not_ok "no sanitizer reports (make check SANITIZE=1)"
	fi
	trap - EXIT INT TERM HUP
	finish
}
