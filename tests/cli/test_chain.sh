#!/bin/sh
# The confirmation chain (FORMAT.md's format 2, confirmed_minutes): the
# next meeting, whose agenda item confirms the earlier one, records what
# it confirmed; gavel verify checks every link and the tag's commit, so a
# tag forged onto altered minutes is found.  And format 2 on disk: written
# only when the content needs it, refused in a file that says format 1.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
EARLIER=communities-board/2018-02-07
NEXT=communities-board/2018-03-14
M="$R/$EARLIER/minutes.yaml"
N="$R/$NEXT/minutes.yaml"
TAG=confirmed/$EARLIER
"$GAVEL" init "$R" >/dev/null
"$GAVEL" -C "$R" new "Communities Board" 2018-02-07 >/dev/null
# The next meeting's agenda item 3 confirms the earlier one.
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" >/dev/null
"$GAVEL" -C "$R" new "Communities Board" 2018-04-11 >/dev/null
cp "$N" "$TMP/next-before.yaml"

# --- gavel confirm records the link in the confirming meeting ---
run -C "$R" confirm $EARLIER --by "Cllr Alex Morgan" --date 2018-03-14
expect "confirm names the tag and the item that records the link" '[ $rc -eq 0 ] && out_has "tag $TAG" && out_has "$NEXT: item 3 records the confirmed minutes"'
blob=$(git -C "$R" rev-parse "$TAG^{commit}:$EARLIER/minutes.yaml")
expect "the tag stays on the confirmation commit, the link comes after it" '[ "$(git -C "$R" rev-parse "$TAG^{commit}")" = "$(git -C "$R" rev-parse HEAD~1)" ] && [ "$(git -C "$R" log -1 --format=%s)" = "$NEXT: item 3: confirmation of $EARLIER recorded" ]'
expect "the confirming minutes are format 2, with the meeting and the blob on item 3" 'head -n 1 "$N" | grep -qx "format: gavel-minutes/2" && grep -A3 "^  - number: \"3\"" "$N" | grep -q "^    confirmed_minutes:$" && grep -qx "      meeting: $EARLIER" "$N" && grep -qx "      blob: $blob" "$N"'
# Only the format line and the link changed: the rest is byte for byte.
git -C "$R" show "HEAD:$NEXT/minutes.yaml" | sed "1s|/2|/1|; /^    confirmed_minutes:\$/,+2d" >"$TMP/next-after.yaml"
expect "nothing else of the confirming minutes changed" 'cmp -s "$TMP/next-before.yaml" "$TMP/next-after.yaml"'
expect "the confirmed minutes stay format 1" 'head -n 1 "$M" | grep -qx "format: gavel-minutes/1"'
expect "the work tree is clean" '[ -z "$(git -C "$R" status --porcelain)" ]'
run check "$N" "$M"
expect "gavel check accepts both" '[ $rc -eq 0 ]'
run -C "$R" blame $NEXT
expect "blame names the commit that recorded the link" 'grep -q "^$(git -C "$R" rev-parse --short=7 HEAD) .*item 3 confirmed minutes  communities-board/20" "$TMP/out"'

run -C "$R" verify
expect "verify: OK through the tag and the chain link" '[ $rc -eq 0 ] && grep -qx "$EARLIER  OK  checked: tag, not signed; chain link from $NEXT item 3" "$TMP/out"'

# A meeting no agenda confirms: nothing recorded, and said so.
run -C "$R" confirm communities-board/2018-04-11 --by "Cllr Alex Morgan" --date 2018-05-09
expect "confirm with no confirming agenda item records no link and says so" '[ $rc -eq 0 ] && out_has "no agenda item confirms communities-board/2018-04-11: no chain link recorded"'
git -C "$R" tag -d confirmed/communities-board/2018-04-11 >/dev/null
git -C "$R" reset -q --hard HEAD~1

# --- a forged tag with a matching blob line on altered minutes ---
sed -i 's/^committee: .*/committee: Communities Board (as altered)/' "$M"
git -C "$R" commit -qam "tidy the committee's name"
altered=$(git -C "$R" rev-parse HEAD:$EARLIER/minutes.yaml)
git -C "$R" tag -f -a -m "$EARLIER: confirmed as a correct record

Confirmed on 2018-03-14 by Cllr Alex Morgan.

meeting: $EARLIER
minutes-blob: $altered" "$TAG" HEAD >/dev/null
run -C "$R" verify
expect "a forged tag on altered minutes: ALTERED, exit 1" '[ $rc -eq 1 ] && grep -q "^$EARLIER  ALTERED  " "$TMP/out"'
expect "verify says the tag is not on the confirmation commit" 'out_has "is not the confirmation commit"'
expect "verify says the chain link disagrees" 'out_has "the minutes $NEXT confirmed (item 3) were $(echo $blob | cut -c1-7)"'
run -C "$R" diff $EARLIER confirmed
expect "diff against the forged tag: exit 2, never \"no changes\"" '[ $rc -eq 2 ] && err_has "is not on the confirmation commit"'
run -C "$R" show $EARLIER --rev confirmed
expect "show --rev confirmed refuses the forged tag too, exit 2" '[ $rc -eq 2 ] && err_has "is not on the confirmation commit"'

# The tag forged onto a commit that made the minutes a draft and then
# confirmed them again: the commit passes, the chain does not.
git -C "$R" tag -d "$TAG" >/dev/null
sed -i '/^confirmed:$/,$d; s/^status: confirmed$/status: draft/' "$M"
git -C "$R" commit -qam "back to draft"
run -C "$R" verify $EARLIER
expect "confirmed minutes made a draft, their tag deleted: the chain still says ALTERED" '[ $rc -eq 1 ] && out_has "$NEXT records them as confirmed (item 3), yet they are a draft with no tag"'
run -C "$R" confirm $EARLIER --by "Cllr Alex Morgan" --date 2018-03-14
expect "confirming the altered minutes again does not replace the link, exit 1" '[ $rc -eq 1 ] && out_has "tag $TAG" && err_has "the link is not replaced" && grep -qx "      blob: $blob" "$N"'
run -C "$R" verify $EARLIER
expect "confirmed again with a new tag: the link still names the first minutes, ALTERED" '[ $rc -eq 1 ] && out_has "were $(echo $blob | cut -c1-7)"'

# --- format 2 on disk ---
printf 'format: gavel-minutes/1\ncommittee: Board\ndate: 2018-03-14\nitems:\n  - number: "3"\n    title: Minutes\n    confirmed_minutes:\n      meeting: board/2018-02-07\n      blob: %s\n' "$blob" >f1.yaml
run check f1.yaml
expect "a format-1 file with confirmed_minutes is refused naming the key and format 2" '[ $rc -eq 1 ] && out_has "f1.yaml:7:5: the key '"'"'confirmed_minutes'"'"' arrived in format 2 (format: gavel-minutes/2); this file says format: gavel-minutes/1"'
sed '1s|/1|/2|' f1.yaml >f2.yaml
run check f2.yaml
expect "the same file saying format 2 is valid" '[ $rc -eq 0 ]'
sed '1s|/1|/3|' f1.yaml >f3.yaml
run check f3.yaml
expect "a newer format is refused naming the file, its format and the newest read" '[ $rc -eq 1 ] && out_has "f3.yaml:1:9: this file'"'"'s format, gavel-minutes/3, is newer than this gavel reads; the newest it reads is gavel-minutes/2"'
finish
