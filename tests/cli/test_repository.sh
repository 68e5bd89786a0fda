#!/bin/sh
# Which repository gavel uses: -C, then GAVEL_REPO, then the minutes
# repository enclosing the current folder, then the default, created on
# first use.  It never writes into an unrelated git repository.
. "$(dirname "$0")/lib.sh"

"$GAVEL" init "$TMP/a" >/dev/null && "$GAVEL" init "$TMP/b" >/dev/null
run -C "$TMP/a" new "Board" 2020-01-01
expect "-C names the repository" '[ $rc -eq 0 ] && [ -f "$TMP/a/board/2020-01-01/minutes.yaml" ]'

GAVEL_REPO="$TMP/b" run new "Board" 2020-01-02
expect "GAVEL_REPO is used when there is no -C" '[ -f "$TMP/b/board/2020-01-02/minutes.yaml" ]'
GAVEL_REPO="$TMP/b" run -C "$TMP/a" new "Board" 2020-01-03
expect "-C wins over GAVEL_REPO" '[ -f "$TMP/a/board/2020-01-03/minutes.yaml" ] && [ ! -e "$TMP/b/board/2020-01-03" ]'

(cd "$TMP/a/board" && "$GAVEL" list >"$TMP/out" 2>"$TMP/err")
expect "the minutes repository enclosing the current folder is found" 'out_has board/2020-01-03'

git init -q "$TMP/code" && git -C "$TMP/code" commit -q --allow-empty -m "unrelated"
(cd "$TMP/code" && "$GAVEL" new "Board" 2020-02-02 >"$TMP/out" 2>"$TMP/err")
expect "an unrelated git repository is never written to" '[ "$(git -C "$TMP/code" rev-list --count HEAD)" = 1 ] && [ -z "$(git -C "$TMP/code" status --porcelain)" ]'
expect "without a minutes repository, the default is created and used" '[ -f "$HOME/.local/share/gavel/minutes/.gavel" ] && [ -f "$HOME/.local/share/gavel/minutes/board/2020-02-02/minutes.yaml" ]'

export XDG_DATA_HOME="$TMP/xdg"
(cd "$TMP" && "$GAVEL" list >"$TMP/out" 2>"$TMP/err")
expect "XDG_DATA_HOME moves the default" '[ -f "$TMP/xdg/gavel/minutes/.gavel" ]'
unset XDG_DATA_HOME

# A bare repository: nothing is written to a work tree.
run init --bare "$TMP/bare.git"
expect "init --bare creates a bare repository" '[ $rc -eq 0 ] && [ "$(git --git-dir="$TMP/bare.git" rev-parse --is-bare-repository)" = true ]'
run -C "$TMP/bare.git" new "Board" 2021-06-01 --venue "Room 1"
expect "new works in a bare repository" '[ $rc -eq 0 ] && git --git-dir="$TMP/bare.git" show HEAD:board/2021-06-01/minutes.yaml | grep -q "^venue: Room 1$"'
run -C "$TMP/bare.git" show board/2021-06-01 --format yaml
expect "show reads from a bare repository" '[ $rc -eq 0 ] && out_has "venue: Room 1"'
expect "a bare repository stays consistent" 'git --git-dir="$TMP/bare.git" fsck --strict --no-progress >/dev/null 2>&1'

# No user.name in git's configuration: a fallback author and a warning.
mv "$HOME/.gitconfig" "$HOME/.gitconfig.off"
run -C "$TMP/a" new "Board" 2020-03-03
expect "without user.name, gavel warns once and still commits" '[ $rc -eq 0 ] && [ "$(grep -c "user.name" "$TMP/err")" = 1 ] && [ -f "$TMP/a/board/2020-03-03/minutes.yaml" ]'
# As for git, GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL name the author, with no configuration.
GIT_AUTHOR_NAME="Ada Clerk" GIT_AUTHOR_EMAIL=ada@example.org run -C "$TMP/a" new "Board" 2020-03-10
expect "GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL name the author, and nothing is warned" '[ $rc -eq 0 ] && ! grep -q "user.name" "$TMP/err" && [ "$(git -C "$TMP/a" log -1 --format="%an <%ae>|%cn")" = "Ada Clerk <ada@example.org>|Ada Clerk" ]'
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
mv "$HOME/.gitconfig.off" "$HOME/.gitconfig"
# With a configuration, the environment still wins, as it does for git.
GIT_AUTHOR_NAME="Bea Deputy" run -C "$TMP/a" new "Board" 2020-03-17
expect "GIT_AUTHOR_NAME wins over user.name, the configured email kept" '[ $rc -eq 0 ] && [ "$(git -C "$TMP/a" log -1 --format="%an <%ae>")" = "Bea Deputy <$(git config --global user.email)>" ]'
unset GIT_AUTHOR_NAME

# A lock held by another program.
touch "$TMP/a/.git/index.lock"
run -C "$TMP/a" new "Board" 2020-04-04
expect "a held index.lock is reported by path and left alone" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "index.lock" && [ -e "$TMP/a/.git/index.lock" ]'
rm -f "$TMP/a/.git/index.lock"
finish
