#!/bin/sh
# gavel search on format-2 minutes: motions, amendments and reasons are
# found; by: finds movers and seconders; a hit in exempt business says
# "(exempt)", a hit in public business does not.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
"$GAVEL" init "$R" >/dev/null 2>&1
mkdir -p "$R/planning-committee/2018-06-12"
cp "$ROOT/tests/data/minutes-format2.yaml" "$R/planning-committee/2018-06-12/minutes.yaml"
git -C "$R" add planning-committee
git -C "$R" commit -qm "planning-committee/2018-06-12: minutes"

run -C "$R" search "site visit"
expect "an amendment's text is found, in exempt business" \
	'[ $rc -eq 0 ] && out_has "planning-committee/2018-06-12  item 9  amendment 1 (exempt)  Cllr Dombey, seconded by Cllr Alex Morgan: "'
run -C "$R" search refused
expect "a motion's text is found, with its mover and seconder" \
	'out_has "item 9  motion 1 (exempt)  Cllr Sam Patel, seconded by Cllr Alex Morgan: That planning permission be"'
run -C "$R" search arboricultural
expect "a deferral's reason is found, not marked exempt" \
	'[ $rc -eq 0 ] && out_has "item 7  reason  " && ! out_has "(exempt)"'
run -C "$R" search by:Dombey
expect "by: finds the mover of an amendment" 'out_has "amendment 1 (exempt)  Cllr Dombey"'
run -C "$R" search by:Morgan deferred
expect "by: finds a seconder" 'out_has "amendment 1 (exempt)  Cllr Dombey, seconded by Cllr Alex Morgan"'
run -C "$R" search preservation
expect "a title in public business carries no mark" \
	'out_has "item 7  title  " && ! out_has "(exempt)"'
run -C "$R" search Mill Lane
expect "the title of an exempt item is marked" 'out_has "item 9  title (exempt)  "'
finish
