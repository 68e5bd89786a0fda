#!/bin/sh
# make layers (tests/layers.sh) on small trees made here: a clean one
# passes; an include pointing up a layer, a library header outside its
# layer, an include without its folder and a file over 800 lines each
# fail it with the file, the line and what is wrong.
. "$(dirname "$0")/lib.sh"

LAYERS="minutes/base minutes/git tui/print tui/screen"
T="$TMP/tree"
mkdir -p "$T/minutes/base" "$T/minutes/git" "$T/tui/print" "$T/tui/screen"
printf '#ifndef B_H\n#define B_H\n#endif\n' >"$T/minutes/base/buf.h"
printf '#include "minutes/base/buf.h"\n#include <git2.h>\n' >"$T/minutes/git/repo.c"
printf '#include "minutes/git/repo.h"\n' >"$T/minutes/git/x.h"
: >"$T/minutes/git/repo.h"
printf '#include "minutes/base/buf.h"\n#include "minutes/git/repo.h"\n#include <curses.h>\n' \
	>"$T/tui/screen/ui.c"

layers() {
	GAVEL_LAYERS_ROOT="$T" sh "$ROOT/tests/layers.sh" $LAYERS >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

layers
expect "a tree whose includes all point down passes" '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'

printf '#include "tui/screen/ui.h"\n' >"$T/minutes/git/up.c"
: >"$T/tui/screen/ui.h"
layers
expect "an include of a layer above fails, naming file and line" \
	'[ $rc -eq 1 ] && err_has "minutes/git/up.c:1: #include \"tui/screen/ui.h\": tui/screen is a layer above minutes/git"'
rm "$T/minutes/git/up.c"

printf '#include <sqlite3.h>\n#include <curses.h>\n' >"$T/minutes/base/lib.c"
layers
expect "sqlite3.h and curses.h outside their layers fail" \
	'[ $rc -eq 1 ] && err_has "minutes/base/lib.c:1: #include <sqlite3.h> belongs to minutes/search alone" && err_has "minutes/base/lib.c:2: #include <curses.h> belongs to tui/screen alone"'
rm "$T/minutes/base/lib.c"

printf '#include <cairo.h>\n#include <pango/pangocairo.h>\n' >"$T/tui/print/pdf.c"
layers
expect "cairo and pango in tui/print pass" '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'
printf '#include <cairo-pdf.h>\n#include <pango/pango.h>\n#include <cairo.h>\n' >"$T/tui/screen/draw.c"
layers
expect "cairo and pango headers outside tui/print fail" \
	'[ $rc -eq 1 ] && err_has "tui/screen/draw.c:1: #include <cairo-pdf.h> belongs to tui/print alone" && err_has "tui/screen/draw.c:2: #include <pango/pango.h> belongs to tui/print alone" && err_has "tui/screen/draw.c:3: #include <cairo.h> belongs to tui/print alone"'
rm "$T/tui/screen/draw.c" "$T/tui/print/pdf.c"

printf '#include "buf.h"\n' >"$T/minutes/base/bare.c"
layers
expect "an include without its folder fails" \
	'[ $rc -eq 1 ] && err_has "minutes/base/bare.c:1: #include \"buf.h\": write gavel headers with their folder"'
rm "$T/minutes/base/bare.c"

i=0
while [ $i -lt 801 ]; do echo ";"; i=$((i + 1)); done >"$T/minutes/base/big.c"
mkdir -p "$T/tests"
i=0
while [ $i -lt 801 ]; do echo ";"; i=$((i + 1)); done >"$T/tests/big_test.c"
layers
expect "a source file over 800 lines fails, in a layer and in tests/ alike" \
	'[ $rc -eq 1 ] && err_has "minutes/base/big.c: 801 lines" && err_has "tests/big_test.c: 801 lines"'
rm "$T/minutes/base/big.c" "$T/tests/big_test.c"

mkdir -p "$T/minutes/stray"
: >"$T/minutes/stray/lost.c"
layers
expect "a source file outside every layer fails" \
	'[ $rc -eq 1 ] && err_has "minutes/stray/lost.c: not in a layer folder"'

finish
