#!/bin/sh
# make install and uninstall.  What the man page says is tests/cli/test_man.sh's.
. "$(dirname "$0")/lib.sh"

P="$TMP/prefix"
(cd "$ROOT" && make -s install PREFIX="$P" >"$TMP/out" 2>"$TMP/err")
expect "make install puts the binary, man page and themes in place" '[ -x "$P/bin/gavel" ] && [ -f "$P/share/man/man1/gavel.1" ] && [ -f "$P/share/gavel/themes/default.theme" ]'
missing=""
for t in "$ROOT"/themes/*.theme; do
	[ -f "$P/share/gavel/themes/${t##*/}" ] || missing="$missing ${t##*/}"
done
expect "make install puts every shipped theme in place" '[ -z "$missing" ] && [ -f "$P/share/gavel/themes/mono.theme" ]'
expect "the installed man page is gavel.1" 'cmp -s "$P/share/man/man1/gavel.1" "$ROOT/gavel.1"'
expect "make install puts the bash and zsh completions where the shells look" \
	'cmp -s "$P/share/bash-completion/completions/gavel" "$ROOT/completion/gavel.bash" && cmp -s "$P/share/zsh/site-functions/_gavel" "$ROOT/completion/_gavel"'
"$P/bin/gavel" --version >"$TMP/out" 2>&1
expect "the installed binary runs" 'out_has "gavel "'
MANWIDTH=80 man -l "$P/share/man/man1/gavel.1" >"$TMP/out" 2>"$TMP/err"
expect "the installed man page renders" 'out_has "COMMANDS" && out_has "EXIT STATUS" && out_has "GAVEL_REPO" && out_has "XDG_DATA_HOME"'
(cd "$ROOT" && make -s uninstall PREFIX="$P" >"$TMP/out" 2>"$TMP/err")
expect "make uninstall removes them" '[ ! -e "$P/bin/gavel" ] && [ ! -e "$P/share/man/man1/gavel.1" ] && [ ! -e "$P/share/gavel" ] && [ ! -e "$P/share/bash-completion/completions/gavel" ] && [ ! -e "$P/share/zsh/site-functions/_gavel" ]'
finish
