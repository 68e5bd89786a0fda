#!/bin/sh
# bench/run.sh: gavel beside git's own tools and a bare libyaml scan.
# Run by `make bench`, which builds ./gavel and bench/{gen,yamlscan,commit}.
#
#   a. committing one changed minutes.yaml in a work tree of BENCH_N
#      meetings: bench/commit (archive_commit) against
#      `git add F && git commit`, plain and with core.fsync=all, since
#      gavel fsyncs what it writes.                  target: <= 1/3 of git
#   b. the same commit in bare repositories of BENCH_N_SMALL and BENCH_N
#      meetings: does the cost grow with the archive?   target: <= 1.5x
#   c. `gavel check` of every minutes.yaml of the BENCH_N repository
#      against bench/yamlscan, libyaml's events alone.   target: <= 2x
#
# Environment: BENCH_N (10000), BENCH_N_SMALL (100), BENCH_EDITS (200
# correction commits after the meetings), BENCH_RUNS (30 runs of each
# commit), BENCH_CHECK_RUNS (5 runs of each check), BENCH_DIR
# (${TMPDIR:-/tmp}/gavel-bench, emptied first).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${BENCH_N:-10000}
N_SMALL=${BENCH_N_SMALL:-100}
EDITS=${BENCH_EDITS:-200}
RUNS=${BENCH_RUNS:-30}
CHECK_RUNS=${BENCH_CHECK_RUNS:-5}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/gavel-bench}
GEN=$ROOT/bench/gen
COMMIT=$ROOT/bench/commit
SCAN=$ROOT/bench/yamlscan
GAVEL=$ROOT/gavel

for t in git hyperfine; do
	command -v $t >/dev/null 2>&1 || { echo "bench: $t is needed (make deps)" >&2; exit 1; }
done
for b in "$GAVEL" "$GEN" "$COMMIT" "$SCAN"; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench" >&2; exit 1; }
done

case $W in /|"") echo "bench: refusing to use '$W'" >&2; exit 1;; esac
rm -rf "$W"
mkdir -p "$W"
# The repositories' own configuration only: none of the user's hooks,
# templates or global settings change what is measured.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$W"

# build N: $W/rN (work tree) and $W/rN.git (bare clone), both with an author.
build() {
	n=$1
	r=$W/r$n
	start=$(date +%s)
	git init -q -b main "$r"
	verify=
	[ "$n" -le 1000 ] && verify=--verify   # gen loads and rewrites each file
	"$GEN" $verify "$n" "$EDITS" | git -C "$r" fast-import --quiet
	git -C "$r" reset -q --hard
	git clone -q --bare "$r" "$r.git"
	for d in "$r" "$r.git"; do
		git -C "$d" config user.name "Bench Clerk"
		git -C "$d" config user.email clerk@bench.invalid
		git -C "$d" config gc.auto 0
	done
	echo "bench: $n meetings, $EDITS corrections: $(git -C "$r" ls-files | wc -l) files," \
	     "$(git -C "$r" rev-list --count HEAD) commits, built in $(( $(date +%s) - start ))s"
}

# A meeting in the middle of the repository: "<committee>/<date>".
pick() {
	git -C "$1" ls-files '*/minutes.yaml' | sort | sed -n "$(( ($2 + 1) / 2 ))p" |
		sed 's|/minutes.yaml$||'
}

# mean_of NAME ROW: the mean time (seconds) of the ROW-th command in
# $W/NAME.csv, hyperfine's export.
mean_of() {
	awk -F, -v row="$2" 'NR == row + 1 { print $2 }' "$W/$1.csv"
}

build "$N_SMALL"
build "$N"
BIG=$W/r$N
SMALL=$W/r$N_SMALL
ID=$(pick "$BIG" "$N")
ID_SMALL=$(pick "$SMALL" "$N_SMALL")
F=$ID/minutes.yaml

# Every file gen wrote must pass gavel check.
(cd "$BIG" && git ls-files '*.yaml' | xargs "$GAVEL" check) ||
	{ echo "bench: gavel check finds problems in the generated repository" >&2; exit 1; }
echo "bench: gavel check finds all $(git -C "$BIG" ls-files '*.yaml' | wc -l) files of the $N-meeting repository valid"

HF="hyperfine --style basic --warmup 3"

echo
echo "== a. commit one changed minutes.yaml, $N meetings, work tree ($ID)"
$HF --runs "$RUNS" --export-csv "$W/a.csv" \
	-n "gavel (bench/commit)" --prepare true "$COMMIT $BIG $ID" \
	-n "git add && git commit" \
	--prepare "$COMMIT $BIG $ID --write-only" \
	"git -C $BIG add $F && git -C $BIG commit -q -m x" \
	-n "git (core.fsync=all)" \
	--prepare "$COMMIT $BIG $ID --write-only" \
	"git -C $BIG -c core.fsync=all add $F && git -C $BIG -c core.fsync=all commit -q -m x"
[ -z "$(git -C "$BIG" status --porcelain)" ] ||
	{ echo "bench: the work tree is not clean after committing" >&2; exit 1; }

echo
echo "== b. commit one changed minutes.yaml, bare, $N_SMALL against $N meetings"
$HF --runs "$RUNS" --export-csv "$W/b.csv" \
	-n "bare $N_SMALL meetings" "$COMMIT $SMALL.git $ID_SMALL" \
	-n "bare $N meetings" "$COMMIT $BIG.git $ID"

echo
echo "== c. check every minutes.yaml of $N meetings"
git -C "$BIG" ls-files '*/minutes.yaml' > "$W/minutes.list"
$HF --runs "$CHECK_RUNS" --export-csv "$W/c.csv" \
	-n "gavel check" "cd $BIG && xargs $GAVEL check < $W/minutes.list" \
	-n "libyaml scan (bench/yamlscan)" "cd $BIG && xargs $SCAN < $W/minutes.list"

ga=$(mean_of a 1); gi=$(mean_of a 2); gf=$(mean_of a 3)
bs=$(mean_of b 1); bb=$(mean_of b 2)
cg=$(mean_of c 1); cy=$(mean_of c 2)

echo
echo "== results ($(nproc 2>/dev/null || echo ?) cores, $(date +%Y-%m-%d))"
awk -v ga="$ga" -v gi="$gi" -v gf="$gf" -v bs="$bs" -v bb="$bb" \
    -v cg="$cg" -v cy="$cy" -v n="$N" -v ns="$N_SMALL" 'BEGIN {
	fmt = "%-44s %10s %10s %7s %8s %s\n"
	printf fmt, "measurement", "gavel", "baseline", "ratio", "target", ""
	row("a. commit, " n " meetings, vs git", ga, gi, 1/3, "<= 0.33")
	row("a. commit, " n " meetings, vs git fsync=all", ga, gf, 1/3, "<= 0.33")
	row("b. bare commit, " n " vs " ns " meetings", bb, bs, 1.5, "<= 1.5")
	row("c. gavel check vs libyaml scan", cg, cy, 2, "<= 2")
}
function ms(s) { return sprintf("%.1f ms", s * 1000) }
function row(name, g, b, lim, t,   r) {
	r = g / b
	printf fmt, name, ms(g), ms(b), sprintf("%.2f", r), t, (r <= lim ? "met" : "NOT met")
}'
echo "(hyperfine means; CSV in $W/{a,b,c}.csv)"

echo
sh "$ROOT/bench/search.sh"
