#!/bin/sh
# One parser for every command that takes a revision (show --rev, diff's
# REV_A and REV_B, blame --rev, export --rev): a commit id, a tag, a
# branch, git's syntax, confirmed and @YYYY-MM-DD mean the same to each.
# confirmed is checked as gavel verify checks the tag: moved, deleted or
# forged, it is an error that says so (exit 2), never "no changes".
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
ID=communities-board/2018-03-14
M="$R/$ID/minutes.yaml"
TAG=confirmed/$ID
"$GAVEL" init "$R" >/dev/null
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" \
	--venue "Smith Square" >/dev/null
"$GAVEL" -C "$R" confirm $ID --by "Cllr Chair" --date 2018-04-11 >/dev/null
CONFIRMED=$(git -C "$R" rev-parse HEAD)
BRANCH=$(git -C "$R" symbolic-ref --short HEAD)

run -C "$R" show $ID --rev confirmed
expect "show --rev confirmed reads the tagged minutes" \
	'[ $rc -eq 0 ] && out_has "Smith Square" && out_has "$CONFIRMED"'

# Altered with plain git, on a later day than any other commit.
sed -i 's/^venue: .*/venue: Room 9/' "$M"
git -C "$R" add "$ID/minutes.yaml"
GIT_AUTHOR_DATE=2035-01-01T12:00:00Z GIT_COMMITTER_DATE=2035-01-01T12:00:00Z \
	git -C "$R" commit -qm "venue" --author "Other <o@example.org>"
ALTERED=$(git -C "$R" rev-parse HEAD)

# --- show ---
run -C "$R" show $ID --rev confirmed
expect "show --rev confirmed: the confirmed minutes, not the alteration" \
	'[ $rc -eq 0 ] && out_has "Smith Square" && ! out_has "Room 9"'
run -C "$R" show $ID --rev @2034-12-31
expect "show --rev @DATE: the minutes at the end of that day" \
	'[ $rc -eq 0 ] && out_has "Smith Square" && ! out_has "Room 9"'
run -C "$R" show $ID --rev @2035-01-01
expect "show --rev @DATE of the alteration's day has it" '[ $rc -eq 0 ] && out_has "Room 9"'
run -C "$R" show $ID --rev @2001-01-01
expect "show --rev @DATE before the meeting is an error" \
	'[ $rc -eq 2 ] && err_has "no revision of $ID on or before 2001-01-01"'
run -C "$R" show $ID --rev @2018-02-30
expect "show --rev @DATE must be a day" '[ $rc -eq 2 ] && err_has "expected @YYYY-MM-DD"'
run -C "$R" show $ID --rev HEAD~1
expect "show --rev takes git's syntax" '[ $rc -eq 0 ] && out_has "Smith Square"'
run -C "$R" show $ID --rev "$BRANCH"
expect "show --rev takes a branch" '[ $rc -eq 0 ] && out_has "Room 9"'
run -C "$R" show $ID --rev nosuchrev
expect "show --rev of an unknown revision names the forms, exit 2" \
	'[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "no revision '"'"'nosuchrev'"'"'" && err_has "confirmed or @YYYY-MM-DD"'

# --- blame ---
run -C "$R" blame $ID
expect "blame: the venue as it is now, by the plain-git commit" \
	'[ $rc -eq 0 ] && grep -E "^${ALTERED%"${ALTERED#???????}"} .*venue +Room 9" "$TMP/out" >/dev/null'
run -C "$R" blame $ID --rev confirmed
expect "blame --rev confirmed: who wrote what was confirmed" \
	'[ $rc -eq 0 ] && grep -E "venue +Smith Square" "$TMP/out" >/dev/null && ! out_has "Room 9"'
run -C "$R" blame $ID --rev @2034-12-31
expect "blame --rev takes @DATE" '[ $rc -eq 0 ] && ! out_has "Room 9"'
run -C "$R" blame $ID --rev nosuchrev
expect "blame --rev of an unknown revision is an error" '[ $rc -eq 2 ] && err_has "no revision"'

# --- export ---
run -C "$R" export --format html --out "$TMP/site1" --rev HEAD~1
expect "export --rev takes git's syntax" \
	'[ $rc -eq 0 ] && grep -q "Smith Square" "$TMP/site1/$ID.html" && ! grep -q "Room 9" "$TMP/site1/$ID.html"'
run -C "$R" export --format html --out "$TMP/site2" --rev @2034-12-31
expect "export --rev takes @DATE: the archive at the end of that day" \
	'[ $rc -eq 0 ] && grep -q "$CONFIRMED" "$TMP/site2/$ID.html" && ! grep -q "Room 9" "$TMP/site2/$ID.html"'
run -C "$R" export --format html --out "$TMP/site3" --rev confirmed
expect "export --rev confirmed is refused: it names one meeting" \
	'[ $rc -eq 2 ] && err_has "confirmed names one meeting" && [ ! -e "$TMP/site3" ]'

# --- diff ---
run -C "$R" diff $ID confirmed
expect "diff MEETING confirmed shows the alteration" '[ $rc -eq 1 ] && out_has "Room 9"'

# A moved tag (git tag -f onto HEAD): an error, never "no changes".
git -C "$R" tag -f "$TAG" HEAD >/dev/null 2>&1
run -C "$R" diff $ID confirmed
expect "after git tag -f, diff MEETING confirmed is an error, exit 2" \
	'[ $rc -eq 2 ] && ! out_has "no changes" && err_has "confirmed cannot be trusted for $ID"'
run -C "$R" show $ID --rev confirmed
expect "and so is show --rev confirmed" '[ $rc -eq 2 ] && err_has "confirmed cannot be trusted"'
# Moved with its message kept (the confirmed blob recorded, another commit).
BLOB=$(git -C "$R" rev-parse "$CONFIRMED:$ID/minutes.yaml")
git -C "$R" tag -f -a "$TAG" -m "$ID: confirmed as a correct record" \
	-m "meeting: $ID
minutes-blob: $BLOB" HEAD >/dev/null
run -C "$R" diff $ID confirmed
expect "a tag moved with its message says it has moved" \
	'[ $rc -eq 2 ] && err_has "has moved" && err_has "does not hold the minutes that were confirmed"'
# The right blob on a commit outside HEAD's history.
OUTSIDE=$(git -C "$R" commit-tree "$CONFIRMED^{tree}" -m "a copy")
git -C "$R" tag -f -a "$TAG" -m "$ID: confirmed as a correct record" \
	-m "meeting: $ID
minutes-blob: $BLOB" "$OUTSIDE" >/dev/null
run -C "$R" diff $ID confirmed
expect "a tag on a commit outside HEAD's history is an error" \
	'[ $rc -eq 2 ] && err_has "not in the history of HEAD"'
# Deleted.
git -C "$R" tag -d "$TAG" >/dev/null
run -C "$R" diff $ID confirmed
expect "a deleted tag of minutes that say confirmed is an error that says so" \
	'[ $rc -eq 2 ] && err_has "its tag $TAG is missing"'
run -C "$R" blame $ID --rev confirmed
expect "and blame --rev confirmed says the same" '[ $rc -eq 2 ] && err_has "is missing"'
finish
