# Helpers for command-line tests: each test runs the real ./gavel in a
# pinned environment (its own HOME, TZ, locale) and checks what a user
# would see, using the git program as an independent witness.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GAVEL="$ROOT/gavel"
DATA="$ROOT/tests/cli/data"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gavel-test.XXXXXX")
export HOME="$TMP/home" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
unset GAVEL_REPO XDG_DATA_HOME XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE \
      GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
mkdir -p "$HOME"
# Under make check SANITIZE=1: the known leaks of the libraries, not ours;
# any finding of UBSan stops gavel with a stack, failing the test.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0:suppressions=$ROOT/tests/lsan.supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:verify_asan_link_order=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# make valgrind: GAVEL_WRAP is a command line put before gavel (valgrind
# and its options); every test then runs gavel through it, by a script so
# that "$GAVEL" stays one word.
if [ -n "${GAVEL_WRAP:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$GAVEL_WRAP" "$ROOT/gavel" >"$TMP/gavel-wrapped"
	chmod +x "$TMP/gavel-wrapped"
	GAVEL="$TMP/gavel-wrapped"
fi
git config --global user.name "Test Clerk"
git config --global user.email "clerk@example.org"
git config --global init.defaultBranch main
cd "$TMP" || exit 2

passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -s "$TMP/out" ] && sed 's/^/#   out: /' "$TMP/out" | head -20
	[ -s "$TMP/err" ] && sed 's/^/#   err: /' "$TMP/err" | head -20
	return 0
}

# run ARGS...: runs gavel; sets $rc, with stdout in $TMP/out, stderr in $TMP/err.
run() {
	"$GAVEL" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
}

# expect DESCRIPTION CONDITION...: passes when the shell condition holds.
expect() {
	desc=$1
	shift
	if eval "$*"; then ok "$desc"; else not_ok "$desc"; fi
}

out_has() { grep -qF -- "$1" "$TMP/out"; }
err_has() { grep -qF -- "$1" "$TMP/err"; }
err_lines() { wc -l <"$TMP/err" | tr -d ' '; }

finish() {
	echo "# $passed passed, $failed failed"
	cd / && rm -rf "$TMP"
	[ "$failed" -eq 0 ]
}
