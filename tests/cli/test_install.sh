#!/bin/sh
# make install and uninstall, and the man page naming every command.
. "$(dirname "$0")/lib.sh"

P="$TMP/prefix"
(cd "$ROOT" && make -s install PREFIX="$P" >"$TMP/out" 2>"$TMP/err")
expect "make install puts the binary, man page and themes in place" '[ -x "$P/bin/gavel" ] && [ -f "$P/share/man/man1/gavel.1" ] && [ -f "$P/share/gavel/themes/default.theme" ]'
missing=""
for t in "$ROOT"/themes/*.theme; do
	[ -f "$P/share/gavel/themes/${t##*/}" ] || missing="$missing ${t##*/}"
done
expect "make install puts every shipped theme in place" '[ -z "$missing" ] && [ -f "$P/share/gavel/themes/mono.theme" ]'
"$P/bin/gavel" --version >"$TMP/out" 2>&1
expect "the installed binary runs" 'out_has "gavel "'
(cd "$ROOT" && make -s uninstall PREFIX="$P" >"$TMP/out" 2>"$TMP/err")
expect "make uninstall removes them" '[ ! -e "$P/bin/gavel" ] && [ ! -e "$P/share/man/man1/gavel.1" ] && [ ! -e "$P/share/gavel" ]'

missing=""
for c in $("$GAVEL" --help | awk '/^  [a-z]/ { print $1 }'); do
	grep -q "^\.B[IR]* \"*$c" "$ROOT/gavel.1" || missing="$missing $c"
done
expect "the man page documents every command gavel lists" '[ -z "$missing" ]'
expect "the man page names the exit codes and environment" 'grep -q "^.SH EXIT STATUS" "$ROOT/gavel.1" && grep -q "GAVEL_REPO" "$ROOT/gavel.1" && grep -q "XDG_DATA_HOME" "$ROOT/gavel.1"'
if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$ROOT/gavel.1" >"$TMP/out" 2>"$TMP/err"
	expect "the man page formats without warnings" '[ ! -s "$TMP/err" ]'
fi
finish
