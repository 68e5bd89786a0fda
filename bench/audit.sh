#!/bin/sh
# bench/audit.sh: gavel verify and gavel log beside git's own tools.
# Run by `make bench-audit`, which builds ./gavel and bench/gen.
#
#   d. `gavel verify` of BENCH_AUDIT_N (1000) confirmed meetings, each
#      tagged, with BENCH_EDITS (200) corrections after.   target: < 2 s
#      (beside it, git's own `git tag -l 'confirmed/*'` and a
#      `git log --oneline` of the whole history, for scale)
#   e. `gavel log MEETING` in a repository of BENCH_N (10000) confirmed
#      meetings (about 20,000 commits) against
#      `git log --oneline -- MEETING`.                  target: <= 1x
#      Warm: with the log cache (a table of GITDIR/gavel/search.sqlite)
#      as the first log left it; cold: the file removed before each run
#      (which then makes and writes the cache).
#
# Environment: BENCH_AUDIT_N, BENCH_N, BENCH_EDITS, BENCH_RUNS (10),
# BENCH_DIR (${TMPDIR:-/tmp}/gavel-bench-audit, emptied first).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NA=${BENCH_AUDIT_N:-1000}
N=${BENCH_N:-10000}
EDITS=${BENCH_EDITS:-200}
RUNS=${BENCH_RUNS:-10}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/gavel-bench-audit}
GEN=$ROOT/bench/gen
GAVEL=$ROOT/gavel

for t in git hyperfine; do
	command -v $t >/dev/null 2>&1 || { echo "bench: $t is needed (make deps)" >&2; exit 1; }
done
for b in "$GAVEL" "$GEN"; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench-audit" >&2; exit 1; }
done
case $W in /|"") echo "bench: refusing to use '$W'" >&2; exit 1;; esac
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$W"

# build N: $W/rN, every meeting confirmed and tagged, then the corrections.
build() {
	r=$W/r$1
	start=$(date +%s)
	git init -q -b main "$r"
	"$GEN" --confirm "$1" "$EDITS" | git -C "$r" fast-import --quiet
	git -C "$r" reset -q --hard
	git -C "$r" config gc.auto 0
	echo "bench: $1 confirmed meetings, $EDITS corrections: $(git -C "$r" rev-list --count HEAD)" \
	     "commits, $(git -C "$r" tag -l 'confirmed/*' | wc -l) tags, built in $(( $(date +%s) - start ))s"
}

mean_of() {
	awk -F, -v row="$2" 'NR == row + 1 { print $2 }' "$W/$1.csv"
}

build "$NA"
build "$N"
SMALL=$W/r$NA
BIG=$W/r$N
ID=$(git -C "$BIG" ls-files '*/minutes.yaml' | sort | sed -n "$(( (N + 1) / 2 ))p" | sed 's|/minutes.yaml$||')

"$GAVEL" -C "$SMALL" verify >"$W/verify.out" ||
	{ echo "bench: gavel verify finds the generated repository altered" >&2; exit 1; }
echo "bench: gavel verify: $(grep -c ' OK$' "$W/verify.out") OK," \
     "$(grep -c ' CORRECTED ' "$W/verify.out") CORRECTED, of $(wc -l <"$W/verify.out")"
[ "$("$GAVEL" -C "$BIG" log "$ID" | wc -l)" = "$(git -C "$BIG" log --oneline -- "$ID" | wc -l)" ] ||
	{ echo "bench: gavel log and git log disagree on $ID" >&2; exit 1; }

HF="hyperfine --style basic --warmup 2 --runs $RUNS"

echo
echo "== d. verify $NA confirmed meetings"
$HF --export-csv "$W/d.csv" \
	-n "gavel verify" "$GAVEL -C $SMALL verify" \
	-n "git tag -l 'confirmed/*'" "git -C $SMALL tag -l 'confirmed/*'" \
	-n "git log --oneline (all)" "git -C $SMALL log --oneline"

echo
echo "== e. log of one meeting ($ID), $N meetings"
$HF --export-csv "$W/e.csv" \
	-n "gavel log" "$GAVEL -C $BIG log $ID" \
	-n "git log --oneline -- PATH" "git -C $BIG log --oneline -- $ID"
$HF --export-csv "$W/e-cold.csv" --prepare "rm -f $BIG/.git/gavel/search.sqlite" \
	-n "gavel log cold (no cache)" "$GAVEL -C $BIG log $ID"

dv=$(mean_of d 1)
el=$(mean_of e 1); eg=$(mean_of e 2); ec=$(mean_of e-cold 1)
echo
echo "== results ($(nproc 2>/dev/null || echo ?) cores, $(date +%Y-%m-%d))"
awk -v dv="$dv" -v el="$el" -v eg="$eg" -v ec="$ec" -v na="$NA" -v n="$N" 'BEGIN {
	printf "d. gavel verify, %d confirmed meetings: %.1f ms (target < 2000 ms: %s)\n",
		na, dv * 1000, dv < 2 ? "met" : "NOT met"
	printf "e. gavel log vs git log -- PATH, %d meetings: %.1f ms vs %.1f ms, ratio %.2f (target <= 1: %s)\n",
		n, el * 1000, eg * 1000, el / eg, el <= eg ? "met" : "NOT met"
	printf "e. the same, cold (no log cache): %.1f ms, ratio %.2f\n", ec * 1000, ec / eg
}'
echo "(hyperfine means; CSV in $W/{d,e,e-cold}.csv)"
