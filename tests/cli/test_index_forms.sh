#!/bin/sh
# git's index in every form git writes it, each set up with git itself: a
# split index, an untracked cache, fsmonitor data, index version 4, a
# sparse index.  gavel edit and gavel new either commit with git status
# clean afterwards, or refuse before anything is committed (exit 2, one
# line naming the setting and how to change it, HEAD and the work tree as
# they were).  Never a commit followed by exit 2 and a changed-looking
# work tree.
. "$(dirname "$0")/lib.sh"

ID=communities-board/2018-03-14
ED="$TMP/editor"
printf '#!/bin/sh\nsed -i "s/^venue: .*/venue: Council Chamber/" "$1"\n' >"$ED"
chmod +x "$ED"
export EDITOR="$ED"
unset VISUAL
# An fsmonitor hook (protocol 2) that says "everything may have changed".
HOOK="$TMP/fsmonitor-hook"
printf '#!/bin/sh\nprintf "token\\0/\\0"\n' >"$HOOK"
chmod +x "$HOOK"

fsck_ok() { git -C "$1" fsck --strict >/dev/null 2>&1; }
clean() { [ -z "$(git -C "$1" status --porcelain)" ]; }
has_ext() { grep -qa "$2" "$1/.git/index"; }
index_version() { od -An -tu1 -j7 -N1 "$1/.git/index" | tr -d ' '; }

# repo NAME: a repository with the meeting, its index as git leaves it.
repo() {
	"$GAVEL" init "$1" >/dev/null &&
	"$GAVEL" -C "$1" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" >/dev/null
}

# handled NAME WHAT: gavel edit and gavel new commit, and git says all is
# in order afterwards.
handled() {
	r=$1
	what=$2
	before=$(git -C "$r" rev-parse HEAD)
	run -C "$r" edit $ID -m "The venue was the Council Chamber"
	expect "$what: gavel edit commits (exit 0)" '[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ]'
	expect "$what: the edit is one new commit" \
		'[ "$(git -C "$r" rev-parse HEAD~1)" = "$before" ]'
	expect "$what: the edit is in it" \
		'git -C "$r" show HEAD:$ID/minutes.yaml | grep -q "venue: Council Chamber"'
	expect "$what: git status is clean after gavel edit" 'clean "$r"'
	expect "$what: git fsck is clean after gavel edit" 'fsck_ok "$r"'
	run -C "$r" new "Communities Board" 2018-04-11
	expect "$what: gavel new commits (exit 0)" '[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ]'
	expect "$what: git status is clean after gavel new" 'clean "$r"'
	expect "$what: git knows the new meeting's files" \
		'[ "$(git -C "$r" ls-files communities-board/2018-04-11 | wc -l)" -eq 2 ]'
	expect "$what: git fsck is clean after gavel new" 'fsck_ok "$r"'
	# git keeps using the index as before.
	echo "untracked" >"$r/notes.txt"
	expect "$what: git status still sees an untracked file" \
		'[ "$(git -C "$r" status --porcelain)" = "?? notes.txt" ]'
	rm -f "$r/notes.txt"
}

# refused NAME WHAT SETTING ADVICE: gavel edit and gavel new exit 2 with
# one line naming SETTING and ADVICE, and change nothing.
refused() {
	r=$1
	what=$2
	setting=$3
	advice=$4
	before=$(git -C "$r" rev-parse HEAD)
	status_before=$(git -C "$r" status --porcelain)
	run -C "$r" edit $ID -m "The venue was the Council Chamber"
	expect "$what: gavel edit is refused (exit 2)" '[ "$rc" -eq 2 ]'
	expect "$what: in one line" '[ "$(err_lines)" -eq 1 ]'
	expect "$what: naming the setting ($setting)" 'err_has "$setting"'
	expect "$what: and how to change it ($advice)" 'err_has "$advice"'
	expect "$what: saying nothing was committed" 'err_has "nothing was committed"'
	expect "$what: no commit is made" '[ "$(git -C "$r" rev-parse HEAD)" = "$before" ]'
	expect "$what: the minutes in the work tree are as they were" \
		'git -C "$r" diff --quiet HEAD -- $ID'
	run -C "$r" new "Communities Board" 2018-04-11
	expect "$what: gavel new is refused (exit 2), in one line" \
		'[ "$rc" -eq 2 ] && [ "$(err_lines)" -eq 1 ] && err_has "$setting"'
	expect "$what: gavel new commits nothing" '[ "$(git -C "$r" rev-parse HEAD)" = "$before" ]'
	expect "$what: gavel new leaves no meeting folder" '[ ! -e "$r/communities-board/2018-04-11" ]'
	expect "$what: git status is as it was" \
		'[ "$(git -C "$r" status --porcelain)" = "$status_before" ]'
	expect "$what: no lock is left" '[ ! -e "$r/.git/index.lock" ]'
	expect "$what: git fsck is clean" 'fsck_ok "$r"'
}

# ---- a split index: refused, and after the advice, committed ----
repo split
git -C split update-index --split-index
expect "split index: git wrote one (the link extension)" 'has_ext split link'
refused split "split index" "core.splitIndex" "git update-index --no-split-index"
# gavel sync in it: refused before anything is fetched, in gavel's words.
"$GAVEL" init --bare hub >/dev/null
git -C split remote add origin ../hub
before=$(git -C split rev-parse HEAD)
hub_before=$(git -C hub rev-parse main)
run -C split sync
expect "split index: gavel sync refused, exit 2, naming the setting" \
	'[ "$rc" -eq 2 ] && err_has "core.splitIndex" && ! err_has "unsupported mandatory extension"'
expect "split index: gavel sync changed nothing here or on the remote" \
	'[ "$(git -C split rev-parse HEAD)" = "$before" ] && [ -z "$(git -C split status --porcelain)" ] && [ "$(git -C hub rev-parse main)" = "$hub_before" ] && ! git -C split rev-parse -q --verify refs/remotes/origin/main >/dev/null'
git -C split config core.splitIndex false && git -C split update-index --no-split-index
expect "split index: the advice makes a whole index" '! has_ext split link'
handled split "split index, undone as advised"

# core.splitIndex=true: git splits the index whenever it writes it.
repo splitcfg
git -C splitcfg config core.splitIndex true
git -C splitcfg update-index --add --remove --refresh >/dev/null 2>&1
git -C splitcfg update-index --split-index
expect "core.splitIndex: git wrote a split index" 'has_ext splitcfg link'
refused splitcfg "core.splitIndex=true" "core.splitIndex" "git config core.splitIndex false"

# ---- an untracked cache: kept, emptied; git fills it again ----
repo untr
git -C untr config core.untrackedCache true
git -C untr status --porcelain >/dev/null
expect "untracked cache: git wrote one (UNTR)" 'has_ext untr UNTR'
handled untr "untracked cache"
git -C untr status --porcelain >/dev/null
expect "untracked cache: git still keeps one" 'has_ext untr UNTR'

# ---- fsmonitor data: dropped; git makes it again ----
repo fsm
git -C fsm config core.fsmonitor "$HOOK"
git -C fsm status --porcelain >/dev/null
expect "fsmonitor: git wrote its data (FSMN)" 'has_ext fsm FSMN'
handled fsm "fsmonitor data"
git -C fsm status --porcelain >/dev/null
expect "fsmonitor: git writes its data again" 'has_ext fsm FSMN'

# ---- index version 4 (what feature.manyFiles sets) ----
repo v4
git -C v4 update-index --index-version 4
expect "version 4: git wrote one" '[ "$(index_version v4)" = 4 ]'
handled v4 "index version 4"
expect "version 4: the index is still version 4" '[ "$(index_version v4)" = 4 ]'

# feature.manyFiles: version 4 and an untracked cache together.
repo many
git -C many config feature.manyFiles true
git -C many update-index --index-version 4
git -C many status --porcelain >/dev/null
expect "feature.manyFiles: version 4 with an untracked cache" \
	'[ "$(index_version many)" = 4 ] && has_ext many UNTR'
handled many "feature.manyFiles"

# ---- a sparse index (sdir): refused, and after the advice, committed ----
repo sparse
"$GAVEL" -C sparse new "Other Board" 2018-03-14 >/dev/null
git -C sparse sparse-checkout set --cone --sparse-index communities-board 2>/dev/null
expect "sparse index: git wrote one (sdir)" 'has_ext sparse sdir'
refused sparse "sparse index" "index.sparse" "git sparse-checkout reapply --no-sparse-index"
git -C sparse sparse-checkout reapply --no-sparse-index
expect "sparse index: the advice makes a whole index" '! has_ext sparse sdir'
handled sparse "sparse index, undone as advised"

finish
