#!/bin/sh
# Confirming minutes, correcting them with reasons, and verifying that
# nothing else changed them: gavel confirm, edit and verify, witnessed by
# git (the tags, the commits) and tampered with by git as an auditor fears.
. "$(dirname "$0")/lib.sh"

for c in edit confirm verify; do
	run "$c" --help
	expect "gavel $c --help answers" '[ $rc -eq 0 ] && out_has "usage: gavel $c"'
done

R="$TMP/minutes"
ID=communities-board/2018-03-14
M="$R/$ID/minutes.yaml"
TAG=confirmed/$ID
"$GAVEL" init "$R" >/dev/null
"$GAVEL" -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" >/dev/null
"$GAVEL" -C "$R" new "Communities Board" 2018-04-11 >/dev/null

# An editor for the tests: a script that edits with sed, counting its calls.
ED="$TMP/editor"
cat >"$ED" <<'SH'
#!/bin/sh
n=$(cat "$EDITOR_COUNT" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" >"$EDITOR_COUNT"
case "${EDITOR_MODE:-venue}" in
venue) sed -i 's/^venue: .*/venue: Council Chamber/' "$1" ;;
bad-then-good)
	if [ "$n" -eq 1 ]; then sed -i 's/^status: .*/status: [oops/' "$1"
	else sed -i 's/^status: .*/status: draft/; s/^venue: .*/venue: Room 4/' "$1"; fi ;;
bad) sed -i 's/^status: .*/status: [oops/' "$1" ;;
none) : ;;
esac
SH
chmod +x "$ED"
export EDITOR="$ED" EDITOR_COUNT="$TMP/count"
unset VISUAL

# --- edit a draft ---
before=$(git -C "$R" rev-parse HEAD)
EDITOR_MODE=none run -C "$R" edit $ID
expect "edit with no change commits nothing" '[ $rc -eq 0 ] && out_has "no change" && [ "$(git -C "$R" rev-parse HEAD)" = "$before" ]'

rm -f "$TMP/count"
EDITOR_MODE=bad-then-good "$GAVEL" -C "$R" edit $ID -m "Room changed" >"$TMP/out" 2>"$TMP/err" <<IN
e
IN
rc=$?
expect "an invalid edit shows the problem under the real path, then edits again" '[ $rc -eq 0 ] && err_has "$M:" && err_has "What now?" && [ "$(cat "$TMP/count")" = 2 ]'
expect "the edit is committed with its reason" '[ "$(git -C "$R" log -1 --format=%s)" = "$ID: edited" ] && git -C "$R" log -1 --format=%b | grep -qx "Room changed" && grep -q "^venue: Room 4$" "$M"'
expect "the work tree is clean after edit" '[ -z "$(git -C "$R" status --porcelain)" ]'

before=$(git -C "$R" rev-parse HEAD)
rm -f "$TMP/count"
EDITOR_MODE=bad "$GAVEL" -C "$R" edit $ID >"$TMP/out" 2>"$TMP/err" <<IN
a
IN
rc=$?
expect "abandoning an invalid edit commits nothing, exit 1" '[ $rc -eq 1 ] && err_has "abandoned" && [ "$(git -C "$R" rev-parse HEAD)" = "$before" ] && grep -q "^venue: Room 4$" "$M"'
EDITOR_MODE=bad run -C "$R" edit $ID
expect "with no answer on standard input an invalid edit is abandoned" '[ $rc -eq 1 ] && err_has "abandoned" && [ "$(git -C "$R" rev-parse HEAD)" = "$before" ]'

# --- confirm ---
run -C "$R" confirm $ID
expect "confirm needs --by" '[ $rc -eq 2 ] && err_has "--by"'
run -C "$R" confirm communities-board/2001-01-01 --by "Cllr Alex Morgan"
expect "confirm of a missing meeting is an error naming it" '[ $rc -eq 2 ] && err_has "no meeting communities-board/2001-01-01"'
run -C "$R" confirm $ID --by "Cllr Alex Morgan" --date 2018-04-11
expect "confirm succeeds and names the tag" '[ $rc -eq 0 ] && out_has "$TAG"'
expect "the minutes say confirmed, with the confirmed block" 'grep -q "^status: confirmed$" "$M" && grep -q "^confirmed:$" "$M" && grep -q "^  date: 2018-04-11$" "$M" && grep -q "^  by: Cllr Alex Morgan$" "$M"'
expect "confirm commits" '[ "$(git -C "$R" log -1 --format=%s)" = "$ID: confirmed as a correct record" ] && [ -z "$(git -C "$R" status --porcelain)" ]'
expect "an annotated tag names the confirmation commit" '[ "$(git -C "$R" tag -l "confirmed/*")" = "$TAG" ] && [ "$(git -C "$R" cat-file -t "$TAG")" = tag ] && [ "$(git -C "$R" rev-parse "$TAG^{commit}")" = "$(git -C "$R" rev-parse HEAD)" ]'
expect "the tag records the blob of the confirmed minutes" 'git -C "$R" cat-file -p "$TAG" | grep -qx "minutes-blob: $(git -C "$R" rev-parse HEAD:$ID/minutes.yaml)" && git -C "$R" cat-file -p "$TAG" | grep -q "^tagger Test Clerk <clerk@example.org>"'
run -C "$R" confirm $ID --by "Someone Else"
expect "confirming again is refused, exit 1" '[ $rc -eq 1 ] && err_has "already confirmed"'
expect "git fsck is clean" 'git -C "$R" fsck --strict --no-progress >/dev/null 2>&1'

run -C "$R" verify
expect "verify: OK, and how it was checked" '[ $rc -eq 0 ] && grep -q "^$ID  OK  checked: tag, not signed; no chain link$" "$TMP/out" && [ "$(wc -l <"$TMP/out")" -eq 1 ]'
run -C "$R" verify communities-board/2018-04-11
expect "verify of a draft says so" '[ $rc -eq 0 ] && out_has "DRAFT"'

# --- corrections ---
before=$(git -C "$R" rev-parse HEAD)
run -C "$R" edit $ID
expect "edit of confirmed minutes without a reason: exit 2" '[ $rc -eq 2 ] && err_has "-m REASON" && [ "$(git -C "$R" rev-parse HEAD)" = "$before" ]'
EDITOR_MODE=venue run -C "$R" edit $ID -m "The venue was the Council Chamber"
expect "a correction is committed with a Correction: trailer" '[ $rc -eq 0 ] && git -C "$R" log -1 --format=%B | git interpret-trailers --parse | grep -qx "Correction: The venue was the Council Chamber" && grep -q "^venue: Council Chamber$" "$M"'
run -C "$R" verify
expect "verify: CORRECTED (1)" '[ $rc -eq 0 ] && grep -q "^$ID  CORRECTED (1)  checked: tag" "$TMP/out"'

# --- a plain edit of confirmed minutes ---
sed -i 's/^venue: .*/venue: Somewhere Else/' "$M"
git -C "$R" commit -qam "tidy the venue"
plain=$(git -C "$R" rev-parse --short=7 HEAD)
run -C "$R" verify
expect "a plain git commit to confirmed minutes: ALTERED naming it, exit 1" '[ $rc -eq 1 ] && out_has "$ID  ALTERED" && out_has "$plain"'
git -C "$R" reset -q --hard HEAD~1
run -C "$R" verify $ID
expect "back as corrected once the commit is gone" '[ $rc -eq 0 ] && out_has "CORRECTED (1)"'

# --- tags deleted, moved; history rewritten ---
git -C "$R" tag -d "$TAG" >/dev/null
run -C "$R" verify
expect "a deleted tag: ALTERED (tag missing)" '[ $rc -eq 1 ] && out_has "ALTERED" && out_has "$TAG is missing"'
confirm_commit=$(git -C "$R" rev-parse HEAD~1)
git -C "$R" tag -a -m "$(git -C "$R" log -1 --format=%B "$confirm_commit")" "$TAG" "$confirm_commit"
# (a hand-made tag without the blob line is itself a finding)
run -C "$R" verify
expect "a hand-made tag without the minutes' blob id: ALTERED" '[ $rc -eq 1 ] && out_has "minutes-blob"'
git -C "$R" tag -d "$TAG" >/dev/null
blob=$(git -C "$R" rev-parse "$confirm_commit:$ID/minutes.yaml")
git -C "$R" tag -a -m "confirmed
minutes-blob: $blob" "$TAG" "$confirm_commit"
run -C "$R" verify
expect "the tag re-made as gavel makes it: CORRECTED (1)" '[ $rc -eq 0 ] && out_has "CORRECTED (1)"'
git -C "$R" tag -f -a -m "confirmed
minutes-blob: $blob" "$TAG" HEAD >/dev/null
run -C "$R" verify
expect "a moved tag: ALTERED" '[ $rc -eq 1 ] && out_has "has moved"'
git -C "$R" tag -f -a -m "confirmed
minutes-blob: $blob" "$TAG" "$confirm_commit" >/dev/null

git -C "$R" branch -q keep HEAD
git -C "$R" reset -q --hard "$confirm_commit~1"
git -C "$R" commit -q --allow-empty -m "another start"
git -C "$R" checkout -q "$confirm_commit" -- "$ID/minutes.yaml"
git -C "$R" commit -qm "$ID: confirmed as a correct record"
run -C "$R" verify
expect "rewritten history (the tag not in HEAD's history): ALTERED" '[ $rc -eq 1 ] && out_has "history was rewritten"'
git -C "$R" reset -q --hard keep

# --- merges: each range walked on its own ---
git -C "$R" checkout -q -b side
git -C "$R" commit -q --allow-empty -m "side work"
git -C "$R" checkout -q main
git -C "$R" merge -q --no-ff -m "merge side" side
run -C "$R" verify
expect "a merge in the history changes nothing" '[ $rc -eq 0 ] && out_has "CORRECTED (1)"'

# --- signed tags ---
if command -v gpg >/dev/null 2>&1; then
	export GNUPGHOME="$TMP/gnupg"
	mkdir -p "$GNUPGHOME" && chmod 700 "$GNUPGHOME"
	gpg --batch --passphrase '' --quick-gen-key "Cllr Alex Morgan <chair@example.org>" default default never >/dev/null 2>&1
	key=$(gpg --batch --with-colons --list-keys chair@example.org 2>/dev/null | awk -F: '/^fpr:/ { print $10; exit }')
	git -C "$R" config user.signingkey "$key"
	S=communities-board/2018-04-11
	run -C "$R" confirm $S --by "Cllr Alex Morgan" --date 2018-05-09
	expect "with user.signingkey the tag is signed" '[ $rc -eq 0 ] && out_has "signed tag" && git -C "$R" cat-file -p "confirmed/$S" | grep -q "BEGIN PGP SIGNATURE"'
	expect "git itself verifies the signed tag" 'git -C "$R" tag -v "confirmed/$S" >/dev/null 2>&1'
	run -C "$R" verify $S
	expect "verify checks the signature and shows the signer" '[ $rc -eq 0 ] && out_has "OK" && out_has "signed by Cllr Alex Morgan <chair@example.org>"'
	git -C "$R" config --unset user.signingkey
else
	echo "ok - signed tags # skip gpg is not installed"
fi

finish
