#!/bin/sh
# gavel blame, gavel log and gavel's own trailer: a vote changed with
# plain git is blamed on that commit and marked as not made by gavel;
# commits gavel makes carry "Made-by: gavel VERSION" after any other
# trailer; a change that came in from another clone through gavel sync,
# or through a merge made by hand after a sync conflict, is blamed on the
# commit that made it, never on the merge.  Two clones of a bare
# repository; the git program is the witness.
. "$(dirname "$0")/lib.sh"

VERSION=$("$GAVEL" --version | sed 's/^gavel //')
ID=board/2020-01-01
"$GAVEL" init --bare "$TMP/hub.git" >/dev/null
git clone -q "$TMP/hub.git" "$TMP/a" && git clone -q "$TMP/hub.git" "$TMP/b"
"$GAVEL" -C "$TMP/a" new Board 2020-01-01 --venue "Room 1" >/dev/null

# The editor gavel edit starts: puts $NEXT in place of the minutes.
printf '#!/bin/sh\ncp "$NEXT" "$1"\n' >"$TMP/ed.sh" && chmod +x "$TMP/ed.sh"
export EDITOR="$TMP/ed.sh" NEXT="$TMP/next.yaml"
cat >"$NEXT" <<'EOF'
format: gavel-minutes/1
committee: Board
date: 2020-01-01
venue: Room 1
status: draft
items:
  - number: "1"
    title: Budget
    decision: Agreed.
    votes:
      for: 9
      against: 2
      abstained: 1
  - number: "2"
    title: Libraries
  - number: "3"
    title: Parks
EOF
run -C "$TMP/a" edit $ID -m "Votes recorded"
expect "gavel edit commits" '[ $rc -eq 0 ]'
GAVEL_REV=$(git -C "$TMP/a" rev-parse --short=7 HEAD)
expect "gavel's commit carries its trailer, Made-by: gavel VERSION, last" \
	'[ "$(git -C "$TMP/a" log -1 --format="%(trailers:key=Made-by,valueonly)")" = "gavel $VERSION" ] && [ "$(git -C "$TMP/a" log -1 --format=%B | sed "/^\$/d" | tail -1)" = "Made-by: gavel $VERSION" ]'
expect "after a blank line, below the message's own words" \
	'git -C "$TMP/a" log -1 --format=%B | grep -qx "Votes recorded" && [ "$(git -C "$TMP/a" log -1 --format=%B | sed -n 4p)" = "" ]'

# The votes changed with plain git, from 9-2-1 to 10-1-1.
M="$TMP/a/$ID/minutes.yaml"
sed -i 's/for: 9/for: 10/; s/against: 2/against: 1/' "$M"
git -C "$TMP/a" commit -qam "votes" --author "Pat Plain <pat@example.org>"
PLAIN_REV=$(git -C "$TMP/a" rev-parse --short=7 HEAD)
run -C "$TMP/a" blame $ID
line() { grep -E "^[0-9a-f]{7} [0-9-]{10} .*  $1  " "$TMP/out"; }
expect "blame lists the votes and names the plain-git commit that changed them" \
	'[ $rc -eq 0 ] && line "item 1 votes" | grep -q "^$PLAIN_REV .*Pat Plain .*for 10, against 1, abstained 1$"'
expect "blame marks that commit's fields as not made by gavel" \
	'line "item 1 votes" | grep -qF "Pat Plain  *  item 1 votes" && out_has "* $PLAIN_REV was not made by gavel"'
expect "a field gavel's commit set is named and not marked" \
	'line "item 1 decision" | grep -q "^$GAVEL_REV .*Test Clerk    item 1 decision  Agreed\.$" && ! out_has "* $GAVEL_REV"'
run -C "$TMP/a" log $ID
expect "gavel log marks the plain-git commit" \
	'[ $rc -eq 0 ] && grep "^$PLAIN_REV " "$TMP/out" | grep -q "  (not made by gavel) Pat Plain  votes$"'
expect "and not gavel's own" \
	'grep "^$GAVEL_REV " "$TMP/out" | grep -q "[0-9]  Test Clerk  $ID: edited$"'

# A correction: the Correction: trailer stays a trailer, Made-by after it.
"$GAVEL" -C "$TMP/a" confirm $ID --date 2020-02-01 --by "Cllr Chair" >/dev/null 2>&1
cp "$M" "$NEXT" && sed -i 's/^venue: .*/venue: Room 9/' "$NEXT"
run -C "$TMP/a" edit $ID -m "The room was Room 9"
expect "a correction's trailers: Correction then Made-by, one paragraph" \
	'[ $rc -eq 0 ] && git -C "$TMP/a" log -1 --format=%B | git interpret-trailers --parse | tr "\n" "|" | grep -qx "Correction: The room was Room 9|Made-by: gavel $VERSION|"'
run -C "$TMP/a" verify $ID
expect "verify still counts the correction" '[ $rc -eq 0 ] && out_has "CORRECTED (1)"'
"$GAVEL" -C "$TMP/a" sync >/dev/null 2>&1
"$GAVEL" -C "$TMP/b" sync >/dev/null 2>&1
expect "the clones agree" '[ "$(git -C "$TMP/a" rev-parse HEAD)" = "$(git -C "$TMP/b" rev-parse HEAD)" ]'

# Through gavel sync: a's plain-git change of the decision, made earlier
# than b's two edits of the same meeting (the second undoing the first),
# comes in through sync's merge.
Ma="$TMP/a/$ID/minutes.yaml" Mb="$TMP/b/$ID/minutes.yaml"
sed -i 's/decision: Agreed\./decision: Agreed unanimously./' "$Ma"
GIT_AUTHOR_DATE=2021-01-01T10:00:00Z GIT_COMMITTER_DATE=2021-01-01T10:00:00Z \
	git -C "$TMP/a" commit -qam "decision" --author "Ann Other <ann@example.org>"
FROM_A=$(git -C "$TMP/a" rev-parse --short=7 HEAD)
"$GAVEL" -C "$TMP/a" sync >/dev/null 2>&1
cp "$Mb" "$TMP/b-before.yaml"
sed -i 's/title: Libraries/title: Libraries and museums/' "$Mb"
git -C "$TMP/b" commit -qam "b: libraries" --author "Bo Second <bo@example.org>"
cp "$TMP/b-before.yaml" "$Mb"
git -C "$TMP/b" commit -qam "b: libraries back" --author "Bo Second <bo@example.org>"
run -C "$TMP/b" sync
expect "b's sync merges a's change" '[ $rc -eq 0 ] && out_has "merged: 1 meeting came in ($ID)"'
MERGE=$(git -C "$TMP/b" rev-parse --short=7 HEAD)
run -C "$TMP/b" blame $ID
expect "blame shows the merged value and names the commit that made it" \
	'[ $rc -eq 0 ] && line "item 1 decision" | grep -q "^$FROM_A .*Ann Other .*Agreed unanimously\.$"'
expect "no field is blamed on the merge or on b's undone edit" \
	'! grep -q "^$MERGE " "$TMP/out" && ! grep -q "Bo Second" "$TMP/out"'
expect "the merge gavel made carries the trailer" \
	'[ "$(git -C "$TMP/b" log -1 --format="%(trailers:key=Made-by,valueonly)")" = "gavel $VERSION" ]'

# A merge made by hand after a sync conflict: a changed item 1's votes,
# b item 3's title; git merges the two, gavel sync carries the merge.
"$GAVEL" -C "$TMP/a" sync >/dev/null 2>&1
sed -i 's/for: 10/for: 11/' "$Ma"
git -C "$TMP/a" commit -qam "a: votes" --author "Ann Other <ann@example.org>"
VOTES=$(git -C "$TMP/a" rev-parse --short=7 HEAD)
"$GAVEL" -C "$TMP/a" sync >/dev/null 2>&1
sed -i 's/title: Parks/title: Parks and open spaces/' "$Mb"
git -C "$TMP/b" commit -qam "b: parks" --author "Bo Second <bo@example.org>"
TITLE=$(git -C "$TMP/b" rev-parse --short=7 HEAD)
run -C "$TMP/b" sync
expect "the same meeting changed in both clones is a sync conflict" '[ $rc -eq 1 ]'
git -C "$TMP/b" merge -q --no-edit origin/main >/dev/null 2>&1
HANDMERGE=$(git -C "$TMP/b" rev-parse --short=7 HEAD)
expect "git merges the two by hand" \
	'[ "$(git -C "$TMP/b" rev-list --parents -1 HEAD | wc -w)" = 3 ] && grep -q "for: 11" "$Mb" && grep -q "Parks and open spaces" "$Mb"'
"$GAVEL" -C "$TMP/b" sync >/dev/null 2>&1
run -C "$TMP/a" sync
expect "the merge travels back to a" '[ $rc -eq 0 ] && [ "$(git -C "$TMP/a" rev-parse --short=7 HEAD)" = "$HANDMERGE" ]'
run -C "$TMP/a" blame $ID
expect "each side's change is blamed on its own commit, not the merge" \
	'[ $rc -eq 0 ] && line "item 1 votes" | grep -q "^$VOTES .*for 11, against 1" && line "item 3 title" | grep -q "^$TITLE .*Parks and open spaces$" && ! grep -q "^$HANDMERGE " "$TMP/out"'
expect "fields neither side changed keep their first commit" \
	'line "item 2 title" | grep -q "^$GAVEL_REV " && line "item 1 decision" | grep -q "^$FROM_A "'
finish
