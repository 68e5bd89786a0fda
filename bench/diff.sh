#!/bin/sh
# bench/diff.sh: `gavel diff` of a 100-item meeting between two revisions.
# Run by `make bench` (after bench/run.sh), which builds ./gavel and
# bench/bigmeeting; or on its own after `make gavel bench/bigmeeting`.
#
#   the structured diff of BENCH_ITEMS (100) items     target: < 20 ms
#   beside it, `gavel diff --yaml`, `gavel blame` and `git diff` of the
#   same two revisions.
#
# Environment: BENCH_ITEMS (100), BENCH_RUNS (60), BENCH_DIR
# (${TMPDIR:-/tmp}/gavel-bench-diff, emptied first).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ITEMS=${BENCH_ITEMS:-100}
RUNS=${BENCH_RUNS:-60}
W=${BENCH_DIR:-${TMPDIR:-/tmp}/gavel-bench-diff}
GAVEL=$ROOT/gavel
BIG=$ROOT/bench/bigmeeting

for t in git hyperfine; do
	command -v $t >/dev/null 2>&1 || { echo "bench: $t is needed (make deps)" >&2; exit 1; }
done
for b in "$GAVEL" "$BIG"; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make gavel bench/bigmeeting" >&2; exit 1; }
done
case $W in /|"") echo "bench: refusing to use '$W'" >&2; exit 1;; esac
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$W"

R=$W/minutes
ID=communities-board/2018-03-14
"$GAVEL" init "$R" >/dev/null 2>&1
git -C "$R" config user.name "Bench Clerk"
git -C "$R" config user.email clerk@bench.invalid
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 >/dev/null 2>&1
for v in 1 2; do
	"$BIG" "$ITEMS" $v >"$R/$ID/minutes.yaml"
	git -C "$R" add "$ID/minutes.yaml"
	git -C "$R" commit -qm "$ID: version $v"
done
"$GAVEL" check "$R/$ID/minutes.yaml" || { echo "bench: the meeting does not load" >&2; exit 1; }
set +e
"$GAVEL" -C "$R" diff "$ID" >"$W/diff.txt"
[ $? -eq 1 ] || { echo "bench: gavel diff did not find the changes" >&2; exit 1; }
set -e
echo "bench: $ITEMS items, $(wc -l <"$R/$ID/minutes.yaml") lines of YAML;" \
     "gavel diff reports $(grep -c '^[^ ]' "$W/diff.txt") lines of changes" \
     "(git diff: $(git -C "$R" diff HEAD~1 HEAD | grep -c '^[-+][^-+]') lines)"

echo
echo "== the structured diff of a $ITEMS-item meeting between two revisions"
hyperfine -N --style basic --ignore-failure --warmup 5 --runs "$RUNS" --export-csv "$W/diff.csv" \
	-n "gavel diff" "$GAVEL -C $R diff $ID" \
	-n "gavel diff, two named revisions" "$GAVEL -C $R diff $ID HEAD~1 HEAD" \
	-n "gavel log (start-up, no YAML)" "$GAVEL -C $R log $ID" \
	-n "gavel diff --yaml" "$GAVEL -C $R diff --yaml $ID" \
	-n "gavel blame" "$GAVEL -C $R blame $ID" \
	-n "git diff" "git -C $R diff HEAD~1 HEAD -- $ID/minutes.yaml"
awk -F, 'NR == 2 { t = $2 * 1000; printf "\ngavel diff: %.1f ms (target < 20 ms: %s)\n", t, t < 20 ? "met" : "NOT met" }' \
	"$W/diff.csv"
