#!/bin/sh
# bench/keystroke.sh: what one keystroke on the clerk's screen costs, from
# input to screen update, in a small meeting and a big one.
# Run by `make bench` (and `make bench-keys`), which build ./gavel and
# bench/{meeting,keys}.
#
# bench/meeting makes two meetings under way: small (KEYS_SMALL, "5 8":
# 5 items, 8 comments) and big (KEYS_BIG, "100 2000": 100 items, 2,000
# comments).  bench/keys runs `gavel -C REPO run MEETING` on an 80x24
# pseudo-terminal and types into it one key at a time: to the middle item
# (the prefix), then KEYS_K1 or KEYS_K2 blocks of 80 keys, each a comment
# typed with some corrections and stored with Enter (which commits), then
# ^X.  Per key is (X(K2) - X(K1)) / (keys(K2) - keys(K1)), which leaves out
# starting, loading the meeting and leaving; every run starts from a fresh
# copy of the repository.
#
#   Ir:  instructions under valgrind --tool=callgrind, one run each;
#        target: big <= 2x small
#   CPU: user + system time of gavel without valgrind (the median of
#        KEYS_RUNS runs);                      target: < 1 ms a key
#
# Environment: KEYS_K1 (2) and KEYS_K2 (12) blocks, KEYS_RUNS (5),
# KEYS_INTERVAL (2 ms at least between keys), KEYS_DIR
# (${TMPDIR:-/tmp}/gavel-keybench, emptied first).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
K1=${KEYS_K1:-2}
K2=${KEYS_K2:-12}
RUNS=${KEYS_RUNS:-5}
INTERVAL=${KEYS_INTERVAL:-2}
SMALL=${KEYS_SMALL:-"5 8"}
BIG=${KEYS_BIG:-"100 2000"}
W=${KEYS_DIR:-${TMPDIR:-/tmp}/gavel-keybench}
GAVEL=$ROOT/gavel
MEETING=$ROOT/bench/meeting
KEYS=$ROOT/bench/keys
ID=communities-board/2026-11-25

for t in git valgrind callgrind_annotate; do
	command -v $t >/dev/null 2>&1 || { echo "keystroke: $t is needed (make deps)" >&2; exit 1; }
done
for b in "$GAVEL" "$MEETING" "$KEYS"; do
	[ -x "$b" ] || { echo "keystroke: $b is missing; run make bench-keys" >&2; exit 1; }
done
[ "$K2" -gt "$K1" ] || { echo "keystroke: KEYS_K2 must be more than KEYS_K1" >&2; exit 1; }

case $W in /|"") echo "keystroke: refusing to use '$W'" >&2; exit 1;; esac
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$W"

# The two meetings as fast-import streams, each checked on the way.
"$MEETING" --verify $SMALL > "$W/small.fi"
"$MEETING" --verify $BIG > "$W/big.fi"

# fresh NAME: a new repository $W/repo holding meeting NAME.
fresh() {
	rm -rf "$W/repo"
	git init -q -b main "$W/repo"
	git -C "$W/repo" fast-import --quiet < "$W/$1.fi"
	git -C "$W/repo" reset -q --hard
	git -C "$W/repo" config user.name "Bench Clerk"
	git -C "$W/repo" config user.email clerk@bench.invalid
	git -C "$W/repo" config gc.auto 0
}

(fresh big && cd "$W/repo" && "$GAVEL" check "$ID/minutes.yaml" "$ID/agenda.yaml") ||
	{ echo "keystroke: gavel check finds problems in the big meeting" >&2; exit 1; }

# The way to the middle item from the hub (where a meeting under way
# opens, its first item selected): item 3 of 5, item 51 of 100.
prefix_of() {
	n=${1%% *}
	mid=$(( n / 2 ))
	p=""
	while [ "$mid" -ge 10 ]; do p="${p}pgdn,"; mid=$(( mid - 10 )); done
	[ "$mid" -gt 0 ] && p="${p}down*$mid,"
	echo "${p}enter"
}

# drive NAME BLOCKS CMD...: one run; prints bench/keys' line.
drive() {
	name=$1 blocks=$2
	shift 2
	fresh "$name"
	eval "spec=\$$(echo "$name" | tr a-z A-Z)"
	"$KEYS" -r "declarations," -p "$(prefix_of "$spec")" -n "$blocks" \
		-i "$INTERVAL" -- "$@" -C "$W/repo" run "$ID" ||
		{ echo "keystroke: gavel run failed ($name, $blocks blocks)" >&2; exit 1; }
}

field() {   # field NAME LINE: the number after NAME in bench/keys' line
	echo "$2" | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'
}

# parts FILE: inclusive Ir and calls of the parts of a key, from callgrind.
# (Run from / so that callgrind_annotate does not list a function twice,
# under its source file's absolute and relative names; the largest entry
# of each part is taken all the same.)
parts() {
	(cd / && callgrind_annotate --inclusive=yes --tree=caller --threshold=100 "$1" 2>/dev/null) |
	awk '
	/^ *$/ { calls = 0; next }
	/ < / { n = $0; sub(/.*\(/, "", n); sub(/x\).*/, "", n); gsub(/,/, "", n); calls += n; next }
	/ \* / {
		for (i = 1; i <= NF; i++) if ($i == "*") f = $(i + 1)
		sub(/.*\//, "", f)
		ir = $1; gsub(/,/, "", ir)
		key = ""
		# the screen update: clerk_draw.c:clerk_draw since the clerk was
		# split (clerk.c:draw before)
		if (f ~ /^clerk_draw\.c:clerk_draw(\.|$)/ || f ~ /^clerk\.c:draw(\.|$)/) key = "draw"
		else if (f == "session.c:session_commit" || f == "snapshot.c:session_commit") key = "commit"
		else if (f == "session.c:session_journal" || f == "snapshot.c:session_journal") key = "journal"
		else if (f == "minutes.c:minutes_write") key = "write"
		if (key != "" && ir + 0 > IR[key] + 0) { IR[key] = ir; N[key] = calls }
		calls = 0
	}
	END { for (k in IR) print k, IR[k], N[k] }'
}

echo "== keystrokes: $SMALL vs $BIG (items, comments); $K1 and $K2 blocks of 80 keys"
for name in small big; do
	for b in $K1 $K2; do
		out=$W/$name-$b
		line=$(drive "$name" "$b" valgrind --tool=callgrind --callgrind-out-file="$out.cg" \
			--log-file="$out.vg" "$GAVEL")
		ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$out.cg")
		echo "$line ir $ir" > "$out.ir"
		parts "$out.cg" > "$out.parts"
		(cd / && callgrind_annotate "$out.cg" 2>/dev/null) > "$out.self.txt"
		(cd / && callgrind_annotate --inclusive=yes "$out.cg" 2>/dev/null) > "$out.incl.txt"
		echo "callgrind $name, $b blocks: $(field keys "$line") keys, $ir Ir"
	done
	for b in $K1 $K2; do
		: > "$W/$name-$b.cpu"
		i=0
		while [ $i -lt "$RUNS" ]; do
			line=$(drive "$name" "$b" "$GAVEL")
			echo "$line" >> "$W/$name-$b.cpu"
			i=$((i + 1))
		done
		echo "cpu $name, $b blocks: $(awk '{ printf "%s ", ($6 + $8) / 1000 }' "$W/$name-$b.cpu")ms;" \
		     "slowest key $(awk '{ printf "%s ", $12 }' "$W/$name-$b.cpu")ms"
	done
done

# The results.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for name in small big; do
	for b in $K1 $K2; do
		f=$W/$name-$b
		keys=$(field keys "$(cat "$f.ir")")
		ir=$(field ir "$(cat "$f.ir")")
		cpu=$(awk '{ print $6 + $8 }' "$f.cpu" | median)
		slow=$(awk '{ print $12 }' "$f.cpu" | sort -n | tail -1)
		echo "$name $b $keys $ir $cpu $slow $(awk '{ printf "%s %s %s ", $1, $2, $3 }' "$f.parts")"
	done
done > "$W/results"

echo
echo "== results ($(nproc 2>/dev/null || echo ?) cores, $(date +%Y-%m-%d))"
awk -v k1="$K1" -v k2="$K2" '
{
	m = $1; b = ($2 == k1) ? 1 : 2
	keys[m, b] = $3; ir[m, b] = $4; cpu[m, b] = $5; slow[m, b] = $6
	for (i = 7; i + 2 <= NF; i += 3) { P[m, b, $i] = $(i + 1); C[m, b, $i] = $(i + 2) }
}
function per(m, v) { return v / (keys[m, 2] - keys[m, 1]) }
function part(m, k) { return per(m, P[m, 2, k] - P[m, 1, k]) }
function calls(m, k) { return C[m, 2, k] - C[m, 1, k] }
function each(m, k) { return calls(m, k) ? (P[m, 2, k] - P[m, 1, k]) / calls(m, k) : 0 }
END {
	for (mi = 1; mi <= 2; mi++) {
		m = mi == 1 ? "small" : "big"
		irk[m] = per(m, ir[m, 2] - ir[m, 1])
		cpuk[m] = per(m, cpu[m, 2] - cpu[m, 1])
	}
	fmt = "%-46s %12s %12s %7s\n"
	printf fmt, "per key (difference of the two runs)", "small", "big", "big/sm"
	row("instructions (Ir), all", irk["small"], irk["big"])
	row("  of which drawing the screen (draw)", part("small", "draw"), part("big", "draw"))
	row("  of which commits (session_commit)", part("small", "commit"), part("big", "commit"))
	row("  of which the journal (session_journal)", part("small", "journal"), part("big", "journal"))
	row("  the rest: reading and handling the key", \
	    irk["small"] - part("small", "draw") - part("small", "commit") - part("small", "journal"), \
	    irk["big"] - part("big", "draw") - part("big", "commit") - part("big", "journal"))
	row("  minutes_write (in commits and journal)", part("small", "write"), part("big", "write"))
	printf "%-46s %12.3f %12.3f %7.2f\n", "CPU ms (user+system, median, no valgrind)", \
	    cpuk["small"] / 1000, cpuk["big"] / 1000, cpuk["big"] / cpuk["small"]
	printf "\n%-46s %12s %12s\n", "per call", "small", "big"
	each_row("one screen update (draw)", "draw")
	each_row("one commit (session_commit)", "commit")
	each_row("one journal write (session_journal)", "journal")
	each_row("one minutes_write", "write")
	printf "%-46s %12s %12s\n", "calls in the extra keys: draw", calls("small", "draw"), calls("big", "draw")
	printf "%-46s %12s %12s\n", "  commit", calls("small", "commit"), calls("big", "commit")
	printf "%-46s %12s %12s\n", "  journal", calls("small", "journal"), calls("big", "journal")
	printf "%-46s %12s %12s\n", "slowest key, wall ms (no valgrind)", slow["small", 2], slow["big", 2]
	r = irk["big"] / irk["small"]
	printf "\nIr per key, big/small: %.2f (target <= 2): %s\n", r, r <= 2 ? "met" : "NOT met"
	printf "CPU per key, big: %.3f ms (target < 1 ms): %s\n", cpuk["big"] / 1000, \
	    cpuk["big"] < 1000 ? "met" : "NOT met"
}
function row(name, s, b) { printf "%-46s %12.0f %12.0f %7.2f\n", name, s, b, s ? b / s : 0 }
function each_row(name, k) { printf "%-46s %12.0f %12.0f\n", name, each("small", k), each("big", k) }
' "$W/results"

# hot NAME COUNT: the functions whose inclusive cost grows most from the
# short run to the long one, per extra key: where a key's instructions go.
hot() {
	k1=$(field keys "$(cat "$W/$1-$K1.ir")")
	k2=$(field keys "$(cat "$W/$1-$K2.ir")")
	for b in $K1 $K2; do
		awk -v b="$b" '
		/^-+$/ { dashes++; next }
		dashes >= 7 { exit }           # the annotated sources follow
		dashes == 6 && $2 ~ /^\(/ {
			ir = $1; gsub(/,/, "", ir)
			f = $0; sub(/^[ 0-9,]*\( *[0-9.]*%\) */, "", f); sub(/ \[.*/, "", f)
			sub(/.*\//, "", f)
			if (ir + 0 > V[f] + 0) V[f] = ir
		}
		END { for (f in V) printf "%s\t%s\t%s\n", b, f, V[f] }' "$W/$1-$b.incl.txt"
	done | awk -F '\t' -v k1="$K1" -v n="$(( k2 - k1 ))" '
		# Only named functions, from the main loop down.
		$2 ~ /^\?\?\?:0x|below main|:main$|:main@|__libc_start_main|:cmd_run$|:run_meeting$/ { next }
		$1 == k1 { A[$2] = $3; next }
		{ B[$2] = $3 }
		END { for (f in B) printf "%12.0f  %s\n", (B[f] - A[f]) / n, f }' |
	sort -rn | head -n "$2"
}
echo
echo "== where a key's instructions go, big meeting (inclusive Ir per extra key)"
hot big 30
echo
echo "== the same, small meeting"
hot small 12
echo
echo "(callgrind files and callgrind_annotate listings, self and inclusive, in $W)"
