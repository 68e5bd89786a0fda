# Speakers as clerks type them (issue 12, point 2), through the binary:
# "Cllr Reid:", "Councillor Reid:", "Chair:", "Vice-Chair:", "Mr Fenn:"
# resolve; a member with apologies resolves and the clerk is told; a name
# that names nobody is stored as typed and flagged, and F2 then picks its
# speaker (its row marked "?" until then); F2 replaces a typed name;
# gavel search by:Reid finds them.
# Sourced by test_speakers_80x24.sh and test_speakers_120x40.sh.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# comment_by TEXT BY: the committed comment TEXT is said by BY.
comment_by() {
	committed | grep -A1 -xF -- "      - text: $1" | grep -qxF -- "        by: $2" ||
		{ { echo "no comment \"$1\" by $2:"; committed; } >"$diag"; return 1; }
}

# say TEXT: a comment typed and stored with Enter; waits for its commit.
n=0
say() {
	n=$((n + 1))
	type_text "$1"
	keys Enter
	wait_log "comment $n recorded"
}

check "gavel demo --no-run makes the demo repository" make_demo
start clerk -C "$REPO" run "$MEETING"
check "gavel run opens on the attendance list" wait_for "Cllr Ruth Dombey"
keys j j j j j j a
check "Cllr Sam Patel sends apologies" wait_match "apologies +Cllr Sam Patel"
keys b Enter
check "the opening" wait_for "Declaration"
keys C-n C-n C-n
check "item 3 opens" wait_for "Integrated Communities Strategy"
keys Tab
check "Cllr Reid: resolves" say "Cllr Reid: The strategy must reach rural areas."
check "Councillor Reid: resolves" say "Councillor Reid: Libraries matter as much."
check "Chair: resolves to the Chairman" say "Chair: I raised home schooling with the minister."
check "Vice-Chair: resolves" say "Vice-Chair: Training on unconscious bias is needed."
check "Mr Fenn: resolves" say "Mr Fenn: Five councils will co-design the strategies."
check "nothing was flagged so far" screen_lacks "F2 picks the speaker"
check "Cllr Patel: resolves, with apologies" say "Cllr Patel: A note was read out."
check "... and the clerk is told so" wait_for "Cllr Sam Patel is marked apologies"
check "Cllr Reidd: is stored as typed" say "Cllr Reidd: A name mistyped."
check "... and flagged at once" wait_for "\"Cllr Reidd\" is nobody here; stored as typed: F2"
check "... and its row marked ? in the margin" wait_match "^\?Comment 7 +Cllr Reidd: A name"
check "... the rows of resolved speakers are not" wait_match "^ Comment 6 +Cllr Sam Patel:"
keys F2
check "F2 lists the speakers for the flagged comment" wait_for "Who spoke?"
check "... Cllr Jo Reid seventh" wait_match " 7  Cllr Jo Reid"
keys 7
check "picked, the comment is stored again" wait_log "comment 7 changed"
check "... as Cllr Jo Reid's" wait_match "Comment 7 +Cllr Jo Reid: A name mistyped."
check "... and the mark is gone" wait_match "^ Comment 7 +Cllr Jo Reid: A name mistyped."
type_text "Chair: Thank you both."
keys F2
check "F2 on a typed name lists the speakers" wait_for "Who spoke?"
keys 1
check "F2 replaces the typed name" wait_match "Comment \+ +Peter Fenn: Thank you both."
keys Enter
check "stored" wait_log "comment 8 recorded"
keys C-x
check "^X quits" wait_exit clerk

for c in "Cllr Jo Reid|The strategy must reach rural areas." \
	 "Cllr Jo Reid|Libraries matter as much." \
	 "Cllr Simon Blackburn|I raised home schooling with the minister." \
	 "Cllr Sue Woodward|Training on unconscious bias is needed." \
	 "Peter Fenn|Five councils will co-design the strategies." \
	 "Cllr Sam Patel|A note was read out." \
	 "Cllr Jo Reid|A name mistyped." \
	 "Peter Fenn|Thank you both."; do
	by=${c%%|*}
	text=${c#*|}
	check "committed: \"$text\" by $by" comment_by "$text" "$by"
done

run -C "$REPO" search by:Reid
check "gavel search by:Reid exits 0" [ "$rc" = 0 ]
check "... finds Cllr Reid's comment" grep -qF "The strategy must reach rural areas." "$TMP/out"
check "... and Councillor Reid's" grep -qF "Libraries matter as much." "$TMP/out"
check "... and the one F2 fixed" grep -qF "A name mistyped." "$TMP/out"
check "... and nobody else's" eval '! grep -qF "Thank you both." "$TMP/out"'
check "git status is clean" clean_tree
tui_finish
