#!/bin/sh
# cairo and pango are loaded when a PDF is made (tui/print/pdf_libs.c),
# not linked: gavel starts without them, a PDF is still made with them,
# and when one cannot be loaded the PDF fails with a message naming the
# library and the Debian package, and nothing else is touched.  The
# missing library is made with pdf_libs.h's test hook (GAVEL_PDF_LIB*:
# the file loaded in place of the library).
. "$(dirname "$0")/lib.sh"

# gavel itself, not the valgrind wrapper (make valgrind).
if command -v objdump >/dev/null 2>&1; then
	objdump -p "$ROOT/gavel" >"$TMP/elf" 2>&1
else
	readelf -d "$ROOT/gavel" >"$TMP/elf" 2>&1
fi
expect "gavel needs neither cairo nor pango to start (they are not linked)" \
	'grep -q "NEEDED.*libc\.so" "$TMP/elf" && ! grep -Eq "NEEDED.*(cairo|pango|gobject|glib|harfbuzz|fontconfig)" "$TMP/elf"'

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Communities Board" 2018-03-14   # commits the meeting
M=communities-board/2018-03-14

"$GAVEL" -C "$R" show $M --format pdf >"$TMP/m.pdf" 2>"$TMP/err"
rc=$?
expect "with the libraries where they are, show --format pdf makes a PDF" \
	'[ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && head -c 5 "$TMP/m.pdf" | grep -q "%PDF-"'

GAVEL_PDF_LIBPANGOCAIRO=/nonexistent/libpangocairo-1.0.so.0 \
	"$GAVEL" -C "$R" show $M --format pdf >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "without libpangocairo, show --format pdf fails (2), naming the library and its package, and writes nothing" \
	'[ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && [ "$(err_lines)" -eq 1 ] && err_has "gavel: cannot make a PDF: cannot load /nonexistent/libpangocairo-1.0.so.0 (install the Debian package libpangocairo-1.0-0): " && err_has "No such file"'

GAVEL_PDF_LIBCAIRO=/nonexistent/libcairo.so.2 \
	"$GAVEL" -C "$R" show $M --format pdf >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "without libcairo, the message names cairo's package" \
	'[ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && err_has "cannot load /nonexistent/libcairo.so.2 (install the Debian package libcairo2)"'

# A library that loads but is not cairo (gavel links zlib itself).
GAVEL_PDF_LIBCAIRO=libz.so.1 "$GAVEL" -C "$R" show $M --format pdf >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "a library without cairo's functions: the first one missing is named" \
	'[ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && err_has "gavel: cannot make a PDF: libz.so.1 has no cairo_create (install the Debian package libcairo2, a version that has it)"'

GAVEL_PDF_LIBPANGOCAIRO=/nonexistent/libpangocairo-1.0.so.0 \
	"$GAVEL" -C "$R" export --format pdf --out "$TMP/site" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "export --format pdf fails the same way and writes no PDF" \
	'[ $rc -ne 0 ] && err_has "cannot load /nonexistent/libpangocairo-1.0.so.0 (install the Debian package libpangocairo-1.0-0)" && [ -z "$(find "$TMP/site" -name "*.pdf" 2>/dev/null)" ]'

export GAVEL_PDF_LIBPANGOCAIRO=/nonexistent/libpangocairo-1.0.so.0
run -C "$R" show $M
expect "without libpangocairo, the other formats are untouched" \
	'[ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && out_has "Communities Board"'
run --version
expect "and gavel --version answers" '[ $rc -eq 0 ] && out_has "gavel 0"'
unset GAVEL_PDF_LIBPANGOCAIRO

finish
