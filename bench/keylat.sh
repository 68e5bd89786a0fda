#!/bin/sh
# bench/keylat.sh: how long each key of the clerk's screen takes, from
# its arrival to the screen's update, in archives of growing size: commits
# are made off the keys' way (minutes/session/committer.h), so no key
# should wait for git, whatever the archive holds.
# Run by `make bench` (and `make bench-keylat`).
#
# For each size N of KEYLAT_SIZES ("100 10000 100000" meetings), bench/gen
# makes an archive of N meetings (git fast-import, then checked out, so
# git's index holds every file), and the meeting under way of bench/meeting
# (KEYLAT_MEETING, "100 2000": 100 items, 2,000 comments) is committed on
# top.  bench/keys then runs `gavel -C REPO run MEETING` on an 80x24
# pseudo-terminal and types into it one key at a time: to the middle item,
# then KEYLAT_BLOCKS (10) blocks of 80 keys, each a comment typed with some
# corrections and stored with Enter, which commits it; then ^X.  A key's
# time runs from writing it to gavel having read it, drawn the screen and
# sat waiting for the next key again (tests/lib/ptyrun.c; the output is
# read all along).  Every key but the last (^X, which waits for the
# commits in flight and leaves) is counted: median, 99th percentile and
# slowest, per size.  Targets: the slowest under 16 ms at every size, and
# no more than 10% growth from the smallest archive to the largest.
#
# Environment: KEYLAT_SIZES, KEYLAT_MEETING, KEYLAT_BLOCKS, KEYLAT_DIR
# (${TMPDIR:-/tmp}/gavel-keylat; the archives are kept there between runs,
# keyed by size, as making 100,000 meetings takes minutes).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${KEYLAT_SIZES:-"100 10000 100000"}
MEET=${KEYLAT_MEETING:-"100 2000"}
BLOCKS=${KEYLAT_BLOCKS:-10}
W=${KEYLAT_DIR:-${TMPDIR:-/tmp}/gavel-keylat}
GAVEL=$ROOT/gavel
ID=communities-board/2026-11-25

for b in "$GAVEL" "$ROOT/bench/gen" "$ROOT/bench/meeting" "$ROOT/bench/keys"; do
	[ -x "$b" ] || { echo "keylat: $b is missing; run make bench-keylat" >&2; exit 1; }
done
case $W in /|"") echo "keylat: refusing to use '$W'" >&2; exit 1;; esac
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$W"

# The meeting under way, once.
if [ ! -d "$W/meeting" ]; then
	git init -q -b main "$W/meeting"
	"$ROOT/bench/meeting" $MEET | git -C "$W/meeting" fast-import --quiet
	git -C "$W/meeting" reset -q --hard
fi

# archive N: $W/archive-N, N meetings (made once and kept).
archive() {
	a="$W/archive-$1"
	[ -f "$a/.git/keylat-base" ] && return 0
	rm -rf "$a"
	git init -q -b main "$a"
	"$ROOT/bench/gen" "$1" 0 | git -C "$a" fast-import --quiet
	git -C "$a" reset -q --hard
	git -C "$a" config user.name "Bench Clerk"
	git -C "$a" config user.email clerk@bench.invalid
	git -C "$a" config gc.auto 0
	mkdir -p "$a/$ID"
	cp "$W/meeting/$ID/agenda.yaml" "$W/meeting/$ID/minutes.yaml" "$a/$ID/"
	cp "$W/meeting/communities-board/committee.yaml" "$a/communities-board/committee.yaml"
	git -C "$a" add -A communities-board
	git -C "$a" commit -q -m "$ID: the meeting under way"
	git -C "$a" rev-parse HEAD >"$a/.git/keylat-base"
}

# The way to the middle item from the hub (as bench/keystroke.sh).
n=${MEET%% *}
mid=$(( n / 2 ))
prefix=""
while [ "$mid" -ge 10 ]; do prefix="${prefix}pgdn,"; mid=$(( mid - 10 )); done
[ "$mid" -gt 0 ] && prefix="${prefix}down*$mid,"
prefix="${prefix}enter"

printf '%-9s %6s %9s %9s %9s %12s\n' meetings keys median_ms p99_ms slowest_ms commits
base=""
for N in $SIZES; do
	archive "$N"
	a="$W/archive-$N"
	# A fresh copy of the meeting's state each run: the work tree and
	# branch as made (earlier runs' commits dropped).
	git -C "$a" reset -q --hard "$(cat "$a/.git/keylat-base")"
	rm -rf "$a/.git/gavel"
	before=$(git -C "$a" rev-list --count HEAD)
	KEYS_TRACE=1 "$ROOT/bench/keys" -r "declarations," -p "$prefix" -n "$BLOCKS" \
		-- "$GAVEL" -C "$a" run "$ID" 2>"$W/trace-$N" >"$W/line-$N" ||
		{ echo "keylat: gavel run failed at $N meetings" >&2; exit 1; }
	commits=$(( $(git -C "$a" rev-list --count HEAD) - before ))
	total=$(grep -c '^key ' "$W/trace-$N")
	grep '^key ' "$W/trace-$N" | head -n $(( total - 1 )) |
		sed 's/.*: \([0-9.]*\) ms$/\1/' | sort -n >"$W/times-$N"
	k=$(wc -l <"$W/times-$N")
	med=$(sed -n "$(( (k + 1) / 2 ))p" "$W/times-$N")
	p99=$(sed -n "$(( (k * 99 + 99) / 100 ))p" "$W/times-$N")
	max=$(tail -n 1 "$W/times-$N")
	printf '%-9s %6s %9s %9s %9s %12s\n' "$N" "$k" "$med" "$p99" "$max" "$commits"
	[ -n "$base" ] || base="$med $p99 $max"
	last="$med $p99 $max"
done
echo "$base $last" | awk '{ if ($1 > 0) printf "growth, smallest to largest archive: median %+.1f%%, p99 %+.1f%%, slowest %+.1f%%\n", ($4 - $1) * 100 / $1, ($5 - $2) * 100 / $2, ($6 - $3) * 100 / $3 }'
