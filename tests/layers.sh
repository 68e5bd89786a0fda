#!/bin/sh
# make layers: the house rules of gavel's source tree, checked from the
# code's own #include lines.
#
#   tests/layers.sh LAYER...      (the layers lowest first, as in the Makefile)
#
# 1. Every source file of minutes/, agenda/, themes/ and tui/ sits in a
#    layer folder.
# 2. A file includes gavel headers by their path from the top
#    ("minutes/base/buf.h"), and only headers of its own layer or of a
#    layer before it: never one after it, so no two layers include each
#    other.
# 3. <git2.h> belongs to minutes/git, <sqlite3.h> to minutes/search,
#    <curses.h> (and ncurses' other headers) to tui/screen, <yaml.h> to
#    minutes/format, <cairo.h> (and cairo's other headers) and pango's
#    headers to tui/print.
# 4. No source file is over 800 lines: the layers' files, gavel.c, and
#    every .c and .h under tests/ and bench/ (tests are source too).
#
# Each finding is printed as FILE:LINE: what is wrong; the exit status is 1
# when there is any.
set -u
# GAVEL_LAYERS_ROOT: another tree to check (tests/cli/test_layers.sh).
cd "${GAVEL_LAYERS_ROOT:-$(dirname "$0")/..}" || exit 2
[ $# -gt 0 ] || { echo "usage: tests/layers.sh LAYER..." >&2; exit 2; }

tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
rank=0
for l in "$@"; do
	rank=$((rank + 1))
	[ -d "$l" ] || { echo "$l: a layer named in the Makefile is not a folder" >>"$tmp"; continue; }
	echo "$l $rank"
done >"$tmp.ranks"
trap 'rm -f "$tmp" "$tmp.ranks"' EXIT

# 1: files outside any layer.
# (find, not git ls-files: a file not yet added counts too.)
for f in $(find minutes agenda themes tui -name '*.[ch]' 2>/dev/null | sort); do
	d=$(dirname "$f")
	grep -q "^$d " "$tmp.ranks" || echo "$f: not in a layer folder (the Makefile's LAYERS)" >>"$tmp"
done

# 2, 3, 4.
while read -r layer rank; do
	for f in "$layer"/*.[ch]; do
		[ -e "$f" ] || continue
		awk -v file="$f" -v layer="$layer" -v rank="$rank" -v ranks="$tmp.ranks" '
		BEGIN {
			while ((getline line < ranks) > 0) {
				split(line, p, " ")
				r[p[1]] = p[2]
			}
			own["git2.h"] = "minutes/git"
			own["sqlite3.h"] = "minutes/search"
			own["curses.h"] = "tui/screen"
			own["ncurses.h"] = "tui/screen"
			own["term.h"] = "tui/screen"
			own["panel.h"] = "tui/screen"
			own["menu.h"] = "tui/screen"
			own["form.h"] = "tui/screen"
			own["yaml.h"] = "minutes/format"
			own["cairo.h"] = "tui/print"
		}
		/^[ \t]*#[ \t]*include[ \t]*"/ {
			h = $0
			sub(/^[^"]*"/, "", h)
			sub(/".*/, "", h)
			if (h !~ /\//) {
				printf "%s:%d: #include \"%s\": write gavel headers with their folder (\"%s/%s\")\n", file, NR, h, layer, h
				next
			}
			hd = h
			sub(/\/[^\/]*$/, "", hd)
			if (!(hd in r)) {
				printf "%s:%d: #include \"%s\": %s is not a layer\n", file, NR, h, hd
				next
			}
			if (r[hd] + 0 > rank + 0)
				printf "%s:%d: #include \"%s\": %s is a layer above %s\n", file, NR, h, hd, layer
			if ((getline tmpl < h) < 0)
				printf "%s:%d: #include \"%s\": no such header\n", file, NR, h
			close(h)
			next
		}
		/^[ \t]*#[ \t]*include[ \t]*</ {
			h = $0
			sub(/^[^<]*</, "", h)
			sub(/>.*/, "", h)
			base = h
			sub(/^ncursesw\//, "", base)
			if (base ~ /^(cairo[-\/]|pango\/)/)
				base = "cairo.h"
			if ((base in own) && own[base] != layer)
				printf "%s:%d: #include <%s> belongs to %s alone\n", file, NR, h, own[base]
		}
		END {
			if (NR > 800)
				printf "%s: %d lines; a source file holds at most 800 (split it along its jobs)\n", file, NR
		}' "$f" >>"$tmp"
	done
done <"$tmp.ranks"

# 4 for the files outside the layers: gavel.c, the tests and the benchmarks.
# (find, not git ls-files: a file not yet added counts too.)
for f in gavel.c $(find tests bench -name '*.[ch]' 2>/dev/null | sort); do
	[ -e "$f" ] || continue
	n=$(wc -l <"$f")
	[ "$n" -le 800 ] ||
		echo "$f: $n lines; a source file holds at most 800 (split it along its jobs)" >>"$tmp"
done

if [ -s "$tmp" ]; then
	cat "$tmp" >&2
	echo "make layers: $(wc -l <"$tmp") finding(s)" >&2
	exit 1
fi
echo "layers: $# layers, every include points down, each library in its one layer"
