# bash completion for gavel: commands, options, their values, committee
# slugs and meeting ids.  gavel itself answers (gavel --complete CWORD
# WORD...), so this stays as the command table and the repository are;
# where it answers nothing, bash completes file names.
# Installed by make install as share/bash-completion/completions/gavel.
_gavel() {
	local IFS=$'\n'
	COMPREPLY=($(command "${1:-gavel}" --complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null))
}
complete -o default -o nosort -F _gavel gavel 2>/dev/null ||
	complete -o default -F _gavel gavel
