#!/bin/sh
# zsh completion: completion/_gavel autoloaded into a real zsh (zsh -f:
# no user's configuration) from its folder on fpath, as compinit finds it,
# and called as the completion system calls it on <TAB>, with words and
# CURRENT set and compadd and _files stubbed to print what they are
# given.  Its answers are checked as test_completion.sh checks bash's:
# commands, options, their values, committee slugs and meeting ids, file
# names where a file is wanted.
. "$(dirname "$0")/lib.sh"

if ! command -v zsh >/dev/null 2>&1; then
	not_ok "zsh is installed (make deps installs it)"
	finish
	exit 1
fi
mkdir -p "$TMP/bin"
ln -s "$GAVEL" "$TMP/bin/gavel"

# comp WORD...: what <TAB> offers with the words typed so far, the last
# being the one under the cursor; one a line, sorted.  "<files>" when it
# leaves the word to zsh's file names.
comp() {
	PATH="$TMP/bin:$PATH" zsh -f -c '
		fpath=("$1" $fpath)
		autoload -Uz _gavel || exit 9
		shift
		compadd() {
			while (( $# )) && [[ $1 != -- ]]; do shift; done
			shift
			(( $# )) && print -rl -- "$@"
		}
		_files() { print -r -- "<files>" }
		words=("$@")
		CURRENT=$#
		_gavel' \
		_ "$ROOT/completion" "$@" | sort
}
words() { printf '%s\n' "$@" | sort; }

R="$TMP/minutes"
run init "$R"
run -C "$R" new "Communities Board" 2018-03-14
run -C "$R" new "Communities Board" 2018-04-11
run -C "$R" new "Planning Committee" 2019-01-09
cd "$R" || exit 2

expect "compinit finds _gavel on fpath by its #compdef line and binds it to gavel" \
	'[ "$(zsh -f -c "fpath=(\"$ROOT/completion\" \$fpath); autoload -Uz compinit; compinit -u -D; print -r -- \$_comps[gavel]")" = _gavel ]'
expect "gavel s<TAB>: the commands that begin with s" '[ "$(comp gavel s)" = "$(words search show sync)" ]'
expect "gavel <TAB>: every command of gavel --help" \
	'[ "$(comp gavel "" | tr "\n" " ")" = "$("$GAVEL" --help | sed -n "s/^  \([a-z][a-z]*\) .*/\1/p" | sort | tr "\n" " ")" ]'
expect "gavel show comm<TAB>: the meetings of communities-board" \
	'[ "$(comp gavel show comm)" = "$(words communities-board/2018-03-14 communities-board/2018-04-11)" ]'
expect "gavel log <TAB>: every meeting id" \
	'[ "$(comp gavel log "" | wc -l)" = 3 ] && comp gavel log "" | grep -qx planning-committee/2019-01-09'
expect "gavel -C DIR show pl<TAB>: the repository named by -C" \
	'(cd / && [ "$(comp gavel -C "$R" show pl)" = planning-committee/2019-01-09 ])'
expect "gavel list --committee <TAB>: the committee slugs, each once" \
	'[ "$(comp gavel list --committee "")" = "$(words communities-board planning-committee)" ]'
expect "gavel new pla<TAB>: the committee slug" '[ "$(comp gavel new pla)" = planning-committee ]'
expect "gavel show MEETING --<TAB>: show's options" \
	'[ "$(comp gavel show x --)" = "$(words --agenda --rev --format --include-exempt --akn-country --help)" ]'
expect "gavel show MEETING --format <TAB>: every format show takes" \
	'[ "$(comp gavel show x --format "")" = "$(words text yaml json markdown html pdf akn)" ]'
expect "gavel -<TAB>: the global options" '[ "$(comp gavel -)" = "$(words -C --repo --help --version)" ]'
expect "gavel check <TAB> and export --out <TAB>: file names" \
	'[ "$(comp gavel check "")" = "<files>" ] && [ "$(comp gavel export --out "")" = "<files>" ]'
cd "$TMP" || exit 2
expect "outside a repository, a meeting leaves zsh its file names, silently" \
	'[ "$(comp gavel show c 2>&1)" = "<files>" ]'

finish
