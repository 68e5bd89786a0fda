#!/bin/sh
# bench/search.sh: `gavel search` beside `git grep -i -c`, at several sizes.
# Run by `make bench` after bench/run.sh (or by itself once ./gavel,
# bench/gen and bench/commit are built).
#
# For each size N in BENCH_SEARCH_SIZES (1000 10000 100000), a bare
# repository of N meetings (bench/gen N 200), then:
#   first   the first search, building the index from nothing (wall time
#           and peak memory, /usr/bin/time)
#   rare    `gavel search amended` (a word of a few dozen corrections),
#           warm index, against `git grep -i -c amended HEAD`
#   common  `gavel search absence` (once in every meeting: "Apologies for
#           absence"), and `gavel search --count absence`, against
#           `git grep -i -c absence HEAD`
#   report  `gavel search report` (about ten hits in every meeting)
#   commit  the next search after one new commit (bench/commit changes one
#           meeting's minutes through archive_commit before each run)
#   actions `gavel actions --open` and `gavel decisions` (every decision),
#   decisions  the registers answered from the same database
#   peaks   the peak memory of `search report`, `search absence`,
#           `actions` and `decisions` (the largest of the four)
# Target (the members' issue): gavel <= 1/10 of git grep; the first search
# within 10 s.  Issue 13: at 10,000 meetings actions --open and decisions
# under 50 ms; at 100,000 every query's peak under 64 MiB, the first build
# under 30 s.  Output goes to /dev/null; times are hyperfine means.
#
# Environment: BENCH_SEARCH_SIZES, BENCH_SEARCH_RUNS (10), BENCH_DIR
# (${TMPDIR:-/tmp}/gavel-bench; this script uses its search/ folder).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${BENCH_SEARCH_SIZES:-1000 10000 100000}
RUNS=${BENCH_SEARCH_RUNS:-10}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/gavel-bench}/search
GAVEL=$ROOT/gavel
GEN=$ROOT/bench/gen
COMMIT=$ROOT/bench/commit

for t in git hyperfine /usr/bin/time; do
	command -v $t >/dev/null 2>&1 || { echo "bench: $t is needed (make deps)" >&2; exit 1; }
done
for b in "$GAVEL" "$GEN" "$COMMIT"; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench" >&2; exit 1; }
done
case $W in /search|search) echo "bench: refusing to use '$W'" >&2; exit 1;; esac
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$W"

HF="hyperfine -N --style basic --warmup 2 --runs $RUNS"
mean_ms() { awk -F, 'NR == 2 { printf "%.1f", $2 * 1000 }' "$1"; }

printf '%s\n' "size meetings first_s first_MiB rare_ms grep_rare_ms common_ms count_ms grep_common_ms report_ms commit_ms search_MiB index_MiB actions_ms decisions_ms peak_MiB" >"$W/results"
for n in $SIZES; do
	r=$W/r$n.git
	start=$(date +%s)
	git init -q --bare -b main "$r"
	"$GEN" "$n" 200 | git -C "$r" fast-import --quiet
	git -C "$r" config user.name "Bench Clerk"
	git -C "$r" config user.email clerk@bench.invalid
	git -C "$r" config gc.auto 0
	echo "bench: $n meetings built in $(( $(date +%s) - start ))s"
	id=$(git -C "$r" ls-tree -r --name-only HEAD | grep '/minutes.yaml$' | sed -n 1p | sed 's|/minutes.yaml$||')

	/usr/bin/time -f "%e %M" -o "$W/first.$n" "$GAVEL" -C "$r" search --count amended >/dev/null
	read -r first_s first_kb <"$W/first.$n"
	idx_mib=$(du -m "$r/gavel/search.sqlite" | cut -f1)

	echo "== $n meetings"
	$HF --export-csv "$W/rare.$n.csv" "$GAVEL -C $r search amended" >/dev/null
	$HF --export-csv "$W/grep_rare.$n.csv" "git -C $r grep -i -c amended HEAD" >/dev/null
	$HF --export-csv "$W/common.$n.csv" "$GAVEL -C $r search absence" >/dev/null
	$HF --export-csv "$W/count.$n.csv" "$GAVEL -C $r search --count absence" >/dev/null
	$HF --export-csv "$W/grep_common.$n.csv" "git -C $r grep -i -c absence HEAD" >/dev/null
	$HF --export-csv "$W/report.$n.csv" "$GAVEL -C $r search report" >/dev/null
	/usr/bin/time -f "%M" -o "$W/mem.$n" "$GAVEL" -C "$r" search report >/dev/null
	$HF --export-csv "$W/actions.$n.csv" "$GAVEL -C $r actions --open" >/dev/null
	$HF --export-csv "$W/decisions.$n.csv" "$GAVEL -C $r decisions" >/dev/null
	peak=0
	for q in "search report" "search absence" "actions" "decisions"; do
		/usr/bin/time -f "%M" -o "$W/peak.$n" "$GAVEL" -C "$r" $q >/dev/null
		kb=$(cat "$W/peak.$n")
		[ "$kb" -gt "$peak" ] && peak=$kb
	done
	$HF --export-csv "$W/commit.$n.csv" --prepare "$COMMIT $r $id" \
		"$GAVEL -C $r search amended" >/dev/null
	printf '%s\n' "$n $(git -C "$r" rev-list --count HEAD) $first_s $((first_kb / 1024)) \
$(mean_ms "$W/rare.$n.csv") $(mean_ms "$W/grep_rare.$n.csv") $(mean_ms "$W/common.$n.csv") \
$(mean_ms "$W/count.$n.csv") $(mean_ms "$W/grep_common.$n.csv") $(mean_ms "$W/report.$n.csv") \
$(mean_ms "$W/commit.$n.csv") $(( $(cat "$W/mem.$n") / 1024 )) $idx_mib \
$(mean_ms "$W/actions.$n.csv") $(mean_ms "$W/decisions.$n.csv") $((peak / 1024))" >>"$W/results"
	tail -1 "$W/results"
done

echo
echo "== results ($(nproc 2>/dev/null || echo ?) cores, $(date +%Y-%m-%d)); times in ms unless marked"
column -t "$W/results" 2>/dev/null || cat "$W/results"
awk 'NR > 1 {
	printf "%s meetings: rare %.2f of git grep, absence %.2f (--count %.2f), after a commit %.2f; first search %ss %s\n",
		$1, $5 / $6, $7 / $9, $8 / $9, $11 / $6, $3, ($3 <= 10 ? "(met)" : "(NOT met)")
	printf "%s meetings: actions --open %s ms, decisions %s ms%s; peak of any query %s MiB%s; first build %ss%s\n",
		$1, $14, $15, ($1 == 10000 ? (($14 < 50 && $15 < 50) ? " (met: < 50 ms)" : " (NOT met: < 50 ms)") : ""),
		$16, ($1 == 100000 ? ($16 < 64 ? " (met: < 64 MiB)" : " (NOT met: < 64 MiB)") : ""),
		$3, ($1 == 100000 ? ($3 < 30 ? " (met: < 30 s)" : " (NOT met: < 30 s)") : "")
}' "$W/results"
