#!/bin/sh
# gavel sync carries the confirmation tags, and every clone is a witness:
# a tag confirmed in one clone reaches the others (verify OK there); a tag
# moved or deleted in one clone and pushed by hand makes every other
# clone's next sync exit 1, naming the meeting and both objects, with the
# remote's kept under refs/gavel/conflicts/, and verify says ALTERED; a
# non-bare origin is refused with one line saying what to do.  Three
# clones of a bare repository; the git program witnesses.
. "$(dirname "$0")/lib.sh"

M1=board/2020-01-01 M2=board/2020-02-02 M3=board/2020-03-03
T1=confirmed/$M1 T2=confirmed/$M2 T3=confirmed/$M3
tag_of() { git -C "$1" rev-parse -q --verify "refs/tags/$2" 2>/dev/null; }
state() {
	git -C "$1" rev-parse HEAD
	git -C "$1" for-each-ref
	git -C "$1" status --porcelain
}

"$GAVEL" init --bare "$TMP/hub.git" >/dev/null
for c in a b c; do git clone -q "$TMP/hub.git" "$TMP/$c"; done
for m in $M1 $M2 $M3; do "$GAVEL" -C "$TMP/a" new Board "${m#board/}" >/dev/null; done
"$GAVEL" -C "$TMP/a" sync >/dev/null 2>&1
"$GAVEL" -C "$TMP/b" sync >/dev/null 2>&1
"$GAVEL" -C "$TMP/c" sync >/dev/null 2>&1

# --- a confirmation travels ---
"$GAVEL" -C "$TMP/a" confirm $M1 --by "Cllr Alex Morgan" --date 2020-02-02 >/dev/null
run -C "$TMP/a" sync
expect "sync pushes the branch and the new tag" '[ $rc -eq 0 ] && out_has "pushed main to origin" && out_has "pushed the tag $T1 to origin" && [ "$(tag_of "$TMP/hub.git" $T1)" = "$(tag_of "$TMP/a" $T1)" ]'
run -C "$TMP/b" sync
expect "the other clone receives the tag with the branch" '[ $rc -eq 0 ] && out_has "received the tag $T1 from origin" && [ "$(tag_of "$TMP/b" $T1)" = "$(tag_of "$TMP/a" $T1)" ]'
run -C "$TMP/b" verify
expect "and verify says OK there" '[ $rc -eq 0 ] && out_has "$M1  OK"'
"$GAVEL" -C "$TMP/c" sync >/dev/null 2>&1
run -C "$TMP/c" verify
expect "in the third clone too" '[ $rc -eq 0 ] && out_has "$M1  OK"'
run -C "$TMP/b" sync
expect "a second sync is up to date" '[ $rc -eq 0 ] && out_has "up to date with origin"'
expect "no scratch refs are left behind" '[ -z "$(git -C "$TMP/b" for-each-ref refs/gavel/fetching)" ]'

# A tag on the remote for minutes its branch does not confirm is not taken.
git -C "$TMP/a" tag -a -m "no" confirmed/$M2 HEAD && git -C "$TMP/a" push -q origin confirmed/$M2
run -C "$TMP/b" sync
expect "a remote tag for draft minutes is not taken" '[ $rc -eq 0 ] && out_has "not taken: origin has the tag $T2" && [ -z "$(tag_of "$TMP/b" $T2)" ]'
git -C "$TMP/a" tag -d $T2 >/dev/null && git -C "$TMP/a" push -q origin ":refs/tags/$T2"

# --- a tag moved in one clone and pushed by hand ---
"$GAVEL" -C "$TMP/a" confirm $M3 --by "Cllr Alex Morgan" --date 2020-04-04 >/dev/null
for c in a b c; do "$GAVEL" -C "$TMP/$c" sync >/dev/null 2>&1; done
echo "venue: Elsewhere" >>"$TMP/a/$M1/minutes.yaml"
git -C "$TMP/a" commit -qam "quietly"
orig=$(tag_of "$TMP/b" $T1)
git -C "$TMP/a" tag -f -a -m "moved" $T1 HEAD >/dev/null
git -C "$TMP/a" push -q origin main && git -C "$TMP/a" push -q -f origin $T1
moved=$(tag_of "$TMP/a" $T1)
for c in b c; do
	run -C "$TMP/$c" sync
	expect "$c: the next sync exits 1 naming the meeting and both objects" '[ $rc -eq 1 ] && err_has "$M1: the confirmation tag differs from origin'\''s" && err_has "$orig" && err_has "$moved"'
	expect "$c: the remote's tag is kept under refs/gavel/conflicts/" '[ "$(git -C "$TMP/$c" rev-parse refs/gavel/conflicts/origin/$T1)" = "$moved" ] && err_has "refs/gavel/conflicts/origin/$T1"'
	expect "$c: its own tag stays, and the remote's is not replaced" '[ "$(tag_of "$TMP/$c" $T1)" = "$orig" ] && [ "$(tag_of "$TMP/hub.git" $T1)" = "$moved" ]'
	expect "$c: the branch still syncs" '[ "$(git -C "$TMP/$c" rev-parse HEAD)" = "$(git -C "$TMP/a" rev-parse HEAD)" ]'
	run -C "$TMP/$c" verify $M1
	expect "$c: verify says ALTERED: the tag differs from origin's" '[ $rc -eq 1 ] && out_has "$M1  ALTERED" && out_has "confirmation tag differs from origin'\''s"'
done
run -C "$TMP/b" sync
expect "a second sync says it again" '[ $rc -eq 1 ] && err_has "$M1" && [ "$(git -C "$TMP/b" for-each-ref refs/gavel/conflicts | wc -l)" = 1 ]'

# Settled: the confirmed tag put back on the remote.
git -C "$TMP/b" push -q -f origin $T1
run -C "$TMP/b" sync
expect "once the tags agree, sync exits 0 and drops the kept one" '[ $rc -eq 0 ] && out_has "settled: the tags $T1 agree again" && [ -z "$(git -C "$TMP/b" for-each-ref refs/gavel/conflicts)" ]'
run -C "$TMP/a" sync
expect "now the clerk's moved tag is refused in the clerk's clone" '[ $rc -eq 1 ] && err_has "$M1" && err_has "$moved" && err_has "$orig" && [ "$(tag_of "$TMP/hub.git" $T1)" = "$orig" ]'
git -C "$TMP/a" tag -f $T1 "$orig" >/dev/null

# A clerk moving a tag and syncing is refused; nothing of it is pushed.
git -C "$TMP/c" tag -f -a -m "moved in c" $T3 HEAD >/dev/null
run -C "$TMP/c" sync
expect "a moved local tag is not pushed over the remote's" '[ $rc -eq 1 ] && err_has "$M3: the confirmation tag differs" && [ "$(tag_of "$TMP/hub.git" $T3)" = "$(tag_of "$TMP/b" $T3)" ]'

# --- a deleted tag ---
git -C "$TMP/a" tag -d $T3 >/dev/null && git -C "$TMP/a" push -q origin ":refs/tags/$T3"
run -C "$TMP/b" sync
expect "a tag deleted here and on the remote: the others' sync exits 1 naming it" '[ $rc -eq 1 ] && err_has "$M3: the confirmation tag differs from origin'\''s" && err_has "origin'\''s none (deleted)" && err_has "$(tag_of "$TMP/b" $T3)"'
expect "its tag stays, and is not pushed back" '[ -n "$(tag_of "$TMP/b" $T3)" ] && [ -z "$(tag_of "$TMP/hub.git" $T3)" ] && git -C "$TMP/b" cat-file -p refs/gavel/conflicts/origin/$T3 | grep -q "deleted there"'
run -C "$TMP/b" verify $M3
expect "verify says ALTERED there" '[ $rc -eq 1 ] && out_has "$M3  ALTERED" && out_has "confirmation tag differs from origin'\''s (origin has none"'
run -C "$TMP/a" verify $M3
expect "and in the clone that deleted it" '[ $rc -eq 1 ] && out_has "$M3  ALTERED"'
# The reverse: gone here while the remote has it.
git -C "$TMP/b" tag -d $T1 >/dev/null
run -C "$TMP/b" sync
expect "a tag deleted only here is not taken back silently" '[ $rc -eq 1 ] && err_has "$M1: the confirmation tag differs" && err_has "here none (deleted)" && [ -z "$(tag_of "$TMP/b" $T1)" ]'
run -C "$TMP/b" verify $M1
expect "and verify says ALTERED" '[ $rc -eq 1 ] && out_has "confirmation tag differs from origin'\''s"'

# --- a non-bare origin ---
"$GAVEL" init "$TMP/plain" >/dev/null
git clone -q "$TMP/plain" "$TMP/d"
"$GAVEL" -C "$TMP/d" new Board 2021-01-01 >/dev/null
before=$(state "$TMP/d")
run -C "$TMP/d" sync
expect "a non-bare origin: exit 2, one line naming gavel init --bare" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "not a bare repository" && err_has "gavel init --bare"'
expect "and nothing changed here" '[ "$(state "$TMP/d")" = "$before" ]'
git -C "$TMP/d" remote set-url origin "file://$TMP/plain"
run -C "$TMP/d" sync
expect "also by a file:// URL" '[ $rc -eq 2 ] && err_has "gavel init --bare" && [ "$(state "$TMP/d")" = "$before" ]'
expect "every repository is consistent" 'for r in a b c hub.git; do git -C "$TMP/$r" fsck --strict --no-progress >/dev/null 2>&1 || exit 1; done'
finish
