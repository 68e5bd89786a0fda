#!/bin/sh
# gavel sync between two clones through a bare repository: a meeting
# travels, edits of different meetings merge, the same meeting changed on
# both sides is reported and both versions kept, and a remote that cannot
# be reached changes nothing.  The git program sets up the clones and
# witnesses the result.
. "$(dirname "$0")/lib.sh"

# state DIR: everything a sync could change, in one string.
state() {
	git -C "$1" rev-parse HEAD
	git -C "$1" for-each-ref
	git -C "$1" status --porcelain
	find "$1" -path "$1/.git" -prune -o -type f -print | sort | xargs cat
}
clean() { [ -z "$(git -C "$1" status --porcelain)" ] && [ ! -e "$1/.git/MERGE_HEAD" ]; }
venue() { sed -i "s/^venue: .*/venue: $2/" "$1"; }

"$GAVEL" init --bare "$TMP/hub.git" >/dev/null
git clone -q "$TMP/hub.git" "$TMP/a" && git clone -q "$TMP/hub.git" "$TMP/b"

# A meeting travels from a to b.
"$GAVEL" -C "$TMP/a" new Board 2020-01-01 --venue "Room 1" >/dev/null
"$GAVEL" -C "$TMP/a" new Board 2020-02-02 --venue "Room 2" >/dev/null
run -C "$TMP/a" sync
expect "sync pushes the new meetings" '[ $rc -eq 0 ] && out_has "pushed main to origin" && [ "$(git -C "$TMP/hub.git" rev-parse main)" = "$(git -C "$TMP/a" rev-parse HEAD)" ]'
run -C "$TMP/b" sync
expect "the other clone receives them" '[ $rc -eq 0 ] && out_has "fetched 2 new commits from origin" && out_has "board/2020-01-01" && [ -f "$TMP/b/board/2020-02-02/minutes.yaml" ]'
expect "its work tree is clean and its history has them" 'clean "$TMP/b" && git -C "$TMP/b" log --format=%s | grep -q "board/2020-02-02: meeting created"'
run -C "$TMP/b" sync
expect "a second sync is up to date" '[ $rc -eq 0 ] && out_has "up to date"'

# Different meetings: merged without a conflict.
venue "$TMP/a/board/2020-01-01/minutes.yaml" "Hall A" && git -C "$TMP/a" commit -qam "a: meeting 1"
venue "$TMP/b/board/2020-02-02/minutes.yaml" "Hall B" && git -C "$TMP/b" commit -qam "b: meeting 2"
echo "scratch" >"$TMP/b/notes.txt"
run -C "$TMP/a" sync
run -C "$TMP/b" sync
expect "edits of different meetings merge" '[ $rc -eq 0 ] && out_has "merged: 1 meeting came in (board/2020-01-01)" && out_has "pushed main"'
run -C "$TMP/a" sync
expect "both clones then hold both edits" 'for d in a b; do grep -q "^venue: Hall A$" "$TMP/$d/board/2020-01-01/minutes.yaml" && grep -q "^venue: Hall B$" "$TMP/$d/board/2020-02-02/minutes.yaml" || exit 1; done; [ "$(git -C "$TMP/a" rev-parse HEAD)" = "$(git -C "$TMP/b" rev-parse HEAD)" ]'
expect "the merge commit has both parents" '[ "$(git -C "$TMP/b" rev-list --parents -1 HEAD | wc -w)" = 3 ]'
expect "an untracked file is left alone" '[ "$(cat "$TMP/b/notes.txt")" = scratch ] && [ "$(git -C "$TMP/b" status --porcelain)" = "?? notes.txt" ]'
rm -f "$TMP/b/notes.txt"
expect "every repository is consistent" 'for r in a b hub.git; do git -C "$TMP/$r" fsck --strict --no-progress >/dev/null 2>&1 || exit 1; done'

# The same meeting changed on both sides: reported, both kept.
venue "$TMP/a/board/2020-01-01/minutes.yaml" "Theirs" && git -C "$TMP/a" commit -qam "a: again"
venue "$TMP/b/board/2020-01-01/minutes.yaml" "Mine" && git -C "$TMP/b" commit -qam "b: again"
run -C "$TMP/a" sync
head_before=$(git -C "$TMP/b" rev-parse HEAD)
run -C "$TMP/b" sync
ref=$(sed -n 's/.*theirs saved as \(refs\/gavel\/conflicts\/origin\/[0-9T]*\).*/\1/p' "$TMP/err" | head -1)
expect "a conflict exits 1 naming the meeting and the ref" '[ $rc -eq 1 ] && err_has "board/2020-01-01: changed on both sides; yours kept" && [ -n "$ref" ]'
expect "their version is kept under that ref" 'git -C "$TMP/b" show "$ref:board/2020-01-01/minutes.yaml" | grep -q "^venue: Theirs$"'
expect "ours stays: HEAD and the file unchanged" '[ "$(git -C "$TMP/b" rev-parse HEAD)" = "$head_before" ] && grep -q "^venue: Mine$" "$TMP/b/board/2020-01-01/minutes.yaml"'
expect "nothing is half-merged" 'clean "$TMP/b"'
expect "nothing was pushed" '[ "$(git -C "$TMP/hub.git" rev-parse main)" = "$(git -C "$TMP/a" rev-parse HEAD)" ]'
run -C "$TMP/b" sync
expect "a second sync reuses the same ref" '[ $rc -eq 1 ] && err_has "$ref" && [ "$(git -C "$TMP/b" for-each-ref refs/gavel | wc -l)" = 1 ]'

# Settled by hand: the sync pushes and drops the ref.
(cd "$TMP/b" && git merge -q "$ref" >/dev/null 2>&1; git checkout -q --theirs board && git commit -qam "settle" >/dev/null)
run -C "$TMP/b" sync
expect "once merged by hand, sync pushes and drops the kept ref" '[ $rc -eq 0 ] && out_has "pushed main" && out_has "settled: $ref" && [ -z "$(git -C "$TMP/b" for-each-ref refs/gavel)" ]'
run -C "$TMP/a" sync

# An uncommitted change to a file the remote changed: refused, nothing changed.
venue "$TMP/b/board/2020-02-02/minutes.yaml" "Hall B2" && git -C "$TMP/b" commit -qam "b: meeting 2 again"
"$GAVEL" -C "$TMP/b" sync >/dev/null 2>&1
venue "$TMP/a/board/2020-02-02/minutes.yaml" "typing"
run -C "$TMP/a" sync
expect "uncommitted work in a file the remote changed is never overwritten" '[ $rc -eq 2 ] && err_has "board/2020-02-02/minutes.yaml has changes that are not committed" && grep -q "^venue: typing$" "$TMP/a/board/2020-02-02/minutes.yaml"'
expect "and the branch did not move" '[ "$(git -C "$TMP/a" rev-parse HEAD)" != "$(git -C "$TMP/b" rev-parse HEAD)" ] && git -C "$TMP/a" diff --quiet HEAD -- board/2020-01-01'
git -C "$TMP/a" checkout -q -- board
venue "$TMP/a/board/2020-01-01/agenda.yaml" "draft" ; echo "draft" >>"$TMP/a/board/2020-01-01/agenda.yaml"
run -C "$TMP/a" sync
expect "uncommitted work in other files stays" '[ $rc -eq 0 ] && grep -q "^venue: Hall B2$" "$TMP/a/board/2020-02-02/minutes.yaml" && [ "$(git -C "$TMP/a" status --porcelain)" = " M board/2020-01-01/agenda.yaml" ]'
git -C "$TMP/a" checkout -q -- board

# A remote that cannot be reached: exit 2, nothing changed.
git -C "$TMP/a" remote set-url origin /nonexistent
before=$(state "$TMP/a")
run -C "$TMP/a" sync
expect "an unreachable remote exits 2 with one clear line" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "no repository at /nonexistent"'
expect "and leaves the repository as it was" '[ "$(state "$TMP/a")" = "$before" ]'
git -C "$TMP/a" remote set-url origin "file://$TMP/nonexistent.git"
run -C "$TMP/a" sync
expect "a file:// URL is understood" '[ $rc -eq 2 ] && err_has "nonexistent.git" && [ "$(state "$TMP/a")" = "$before" ]'
git -C "$TMP/a" remote set-url origin "ssh://git@127.0.0.1:1/minutes.git"
run -C "$TMP/a" sync
expect "an ssh URL is accepted (the connection is refused, nothing changed)" '[ $rc -eq 2 ] && ! err_has "unsupported" && err_has "127.0.0.1" && [ "$(state "$TMP/a")" = "$before" ]'
git -C "$TMP/a" remote set-url origin "git@127.0.0.1:minutes.git"
run -C "$TMP/a" sync
expect "so is git's scp-like ssh form" '[ $rc -eq 2 ] && ! err_has "unsupported" && [ "$(state "$TMP/a")" = "$before" ]'
git -C "$TMP/a" remote set-url origin "file://$TMP/hub.git"
run -C "$TMP/a" sync upstream
expect "an unknown remote is named, with those there are" '[ $rc -eq 2 ] && err_has "no remote named '\''upstream'\''" && err_has "origin"'
run -C "$TMP/a" sync
expect "a file:// URL to the hub syncs" '[ $rc -eq 0 ]'

# A bare clone syncs without a work tree.
git clone -q --bare "$TMP/hub.git" "$TMP/mirror.git"
"$GAVEL" -C "$TMP/a" new Board 2020-03-03 >/dev/null && "$GAVEL" -C "$TMP/a" sync >/dev/null 2>&1
run -C "$TMP/mirror.git" sync
expect "a bare repository syncs too" '[ $rc -eq 0 ] && git -C "$TMP/mirror.git" show main:board/2020-03-03/minutes.yaml >/dev/null 2>&1 && git -C "$TMP/mirror.git" fsck --strict --no-progress >/dev/null 2>&1'
run sync --help
expect "sync --help describes it" '[ $rc -eq 0 ] && out_has "usage: gavel sync [REMOTE]"'
finish
