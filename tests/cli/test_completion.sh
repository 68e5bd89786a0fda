#!/bin/sh
# Shell completion: completion/gavel.bash sourced into a real bash, its
# function called as bash calls it on <TAB>, and its answers checked:
# commands, a command's options, an option's values, committee slugs and
# meeting ids from the repository (gavel show comm<TAB>), nothing (file
# names) where a file is wanted.
. "$(dirname "$0")/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	not_ok "bash is installed"
	finish
	exit 1
fi
mkdir -p "$TMP/bin"
ln -s "$GAVEL" "$TMP/bin/gavel"

# comp WORD...: what <TAB> offers with the words typed so far, the last
# being the one under the cursor; one a line, sorted.
comp() {
	PATH="$TMP/bin:$PATH" bash -c '
		. "$1" || exit 9
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_gavel gavel "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$ROOT/completion/gavel.bash" "$@" | sort
}
words() { printf '%s\n' "$@" | sort; }

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Communities Board" 2018-03-14
run -C "$R" new "Communities Board" 2018-04-11
run -C "$R" new "Planning Committee" 2019-01-09
cd "$R" || exit 2

expect "the script registers _gavel for gavel, falling back on file names" \
	'bash -c ". \"$ROOT/completion/gavel.bash\"; complete -p gavel" | grep -q -- "-o default.* -F _gavel gavel"'
expect "gavel s<TAB>: the commands that begin with s" '[ "$(comp gavel s)" = "$(words search show sync)" ]'
expect "gavel <TAB>: every command of gavel --help" \
	'[ "$(comp gavel "" | tr "\n" " ")" = "$("$GAVEL" --help | sed -n "s/^  \([a-z][a-z]*\) .*/\1/p" | sort | tr "\n" " ")" ]'
expect "gavel show comm<TAB>: the meetings of communities-board" \
	'[ "$(comp gavel show comm)" = "$(words communities-board/2018-03-14 communities-board/2018-04-11)" ]'
expect "gavel log <TAB>: every meeting id" '[ "$(comp gavel log "" | wc -l)" = 3 ] && comp gavel log "" | grep -qx planning-committee/2019-01-09'
expect "gavel -C DIR show pl<TAB>: the repository named by -C" \
	'(cd / && [ "$(comp gavel -C "$R" show pl)" = planning-committee/2019-01-09 ])'
expect "gavel list --committee <TAB>: the committee slugs, each once" \
	'[ "$(comp gavel list --committee "")" = "$(words communities-board planning-committee)" ]'
expect "gavel new <TAB>: the committee slugs" '[ "$(comp gavel new pla)" = planning-committee ]'
expect "gavel show MEETING --<TAB>: show's options" \
	'[ "$(comp gavel show x --)" = "$(words --agenda --rev --format --include-exempt --akn-country --help)" ]'
expect "gavel show MEETING --format <TAB>: every format show takes" \
	'[ "$(comp gavel show x --format "")" = "$(words text yaml json markdown html pdf akn)" ]'
expect "gavel export --format <TAB>: every format export takes" \
	'[ "$(comp gavel export --format "")" = "$(words html pdf json akn csv ics)" ]'
expect "gavel edit -<TAB>: short and long options" '[ "$(comp gavel edit -)" = "$(words -m --message --help)" ]'
expect "gavel -<TAB>: the global options" '[ "$(comp gavel -)" = "$(words -C --repo --help --version)" ]'
expect "gavel check <TAB> and export --out <TAB>: nothing from gavel, so bash offers file names" \
	'[ -z "$(comp gavel check "")" ] && [ -z "$(comp gavel export --out "")" ] && [ -z "$(comp gavel -C "")" ]'
cd "$TMP" || exit 2
expect "outside a repository, a meeting completes to nothing, silently" \
	'[ -z "$(comp gavel show c 2>&1)" ]'

finish
