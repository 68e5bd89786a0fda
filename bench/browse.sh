#!/bin/sh
# bench/browse.sh: the home screen's first interactive frame, at several
# sizes.  For each N in BENCH_BROWSE_SIZES (1000 10000), a repository of N
# meetings over 30 committees (bench/gen N 0), then BENCH_BROWSE_RUNS (10)
# starts of `gavel browse` on a pseudo-terminal of 80x24 through
# bench/keys, which times the start to the first frame drawn with gavel
# waiting for a key, and reports the peak resident memory.
# Target (the members' issue): under 100 ms and under 50 MiB at 10,000.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${BENCH_BROWSE_SIZES:-1000 10000}
RUNS=${BENCH_BROWSE_RUNS:-10}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/gavel-bench}/browse
for b in "$ROOT/gavel" "$ROOT/bench/gen" "$ROOT/bench/keys"; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench" >&2; exit 1; }
done
case $W in /browse|browse) echo "bench: refusing to use '$W'" >&2; exit 1;; esac
rm -rf "$W"
mkdir -p "$W"

echo "home screen to its first interactive frame (median of $RUNS, and the worst)"
printf '%-10s %12s %12s %14s\n' meetings median_ms worst_ms peak_rss_MiB
for n in $SIZES; do
	r="$W/r$n"
	git init -q "$r"
	"$ROOT/bench/gen" "$n" 0 | git -C "$r" fast-import --quiet
	git -C "$r" checkout -q main 2>/dev/null || git -C "$r" reset -q --hard main
	: >"$W/times"
	rss=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		line=$("$ROOT/bench/keys" -r committees -n 0 -- "$ROOT/gavel" -C "$r" browse)
		echo "$line" | sed 's/.*ready_ms \([0-9.]*\).*/\1/' >>"$W/times"
		k=$(echo "$line" | sed 's/.*maxrss_kb \([0-9]*\).*/\1/')
		[ "$k" -gt "$rss" ] && rss=$k
		i=$((i + 1))
	done
	sort -n "$W/times" >"$W/sorted"
	median=$(sed -n "$(( (RUNS + 1) / 2 ))p" "$W/sorted")
	worst=$(tail -n 1 "$W/sorted")
	printf '%-10s %12s %12s %14s\n' "$n" "$median" "$worst" \
		"$(awk "BEGIN { printf \"%.1f\", $rss / 1024 }")"
done
