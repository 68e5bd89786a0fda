#!/bin/sh
# The agenda screen: the seed meeting's agenda (the Communities Board's
# Integrated Communities Strategy item, its two presenters and its green
# paper) built from nothing, items added, reordered and renumbered, a
# presenter picked from the committee's members, a bad time refused as
# typed, each change committed with the minutes in step; an item that has
# minutes cannot be removed; one that has none is removed from both files;
# gavel new on a terminal opens the agenda started from the usual items;
# confirmed minutes show the agenda read-only.
SIZE=100x30
. "$(dirname "$0")/lib.sh"

REPO="$TMP/minutes"
M=communities-board/2018-03-14
MINUTES="$M/minutes.yaml"
run init "$REPO"
mkdir -p "$REPO/communities-board" "$REPO/$M"
cp "$ROOT/tests/cli/data/committee.yaml" "$REPO/communities-board/"
git -C "$REPO" add -A && git -C "$REPO" commit -qm "committee" || exit 2
# Not on a terminal: gavel new makes an empty agenda, as before.
run -C "$REPO" new "Communities Board" 2018-03-14
check "gavel new without a terminal makes an empty agenda" \
	test "$rc" -eq 0 -a "$(git -C "$REPO" show HEAD:$M/agenda.yaml | tail -1)" = "items: []"
printf '%%PDF-1.4\n' >"$REPO/$M/green-paper.pdf"
git -C "$REPO" add -A && git -C "$REPO" commit -qm "the green paper" || exit 2

agenda() { git -C "$REPO" show "HEAD:$M/agenda.yaml"; }
agenda_has() {
	agenda >"$TMP/agenda.yaml" 2>&1 && grep -qF -- "$1" "$TMP/agenda.yaml" ||
		{ { echo "wanted: $1"; cat "$TMP/agenda.yaml"; } >"$diag"; return 1; }
}

# items_read WANT: the numbers and titles of the items the screen lists,
# in order, as "1 Title|2 Title|".
items_read() {
	_got=$(screen | sed -nE 's/^ +([0-9][0-9a-z]*)\. (.*[^ ])( +\[minuted\])? *$/\1 \2/p' | tr '\n' '|')
	[ "$_got" = "$1" ] && return 0
	{ echo "wanted: $1"; echo "got:    $_got"; screen; } >"$diag"
	return 1
}

start ag -C "$REPO" agenda "$M"
check "the agenda screen opens on an empty agenda" wait_for "No items yet"
keys a
type_text "Integrated Communities Strategy"
keys Tab
check "the new item's title is committed" wait_log "item 1: title set"
type_text "For discussion"
keys Tab Tab Tab
check "the purpose is committed" wait_log "item 1: purpose set"
keys Enter
check "Enter on the Add row opens the picker" wait_for "Presenter (pick, or type"
type_text "Peter Fenn, Ministry of Housing, Communities and Local Government"
keys Enter
check "a typed presenter is committed" wait_log "presenter Peter Fenn added"
keys Enter
type_text "Penny Hobman, Ministry of Housing, Communities and Local Government"
keys Enter
check "a second presenter is committed" wait_log "presenter Penny Hobman added"
keys Down Enter
check "the document picker lists the files of the meeting" wait_for "green-paper.pdf"
keys Down Enter
check "a picked file asks for its title, named after it" wait_for "Title of the document: green-paper"
keys C-u
type_text "Integrated Communities Strategy green paper"
keys Enter
check "the document is committed" wait_log "document added: Integrated Communities Strategy green paper"
keys Escape
check "Esc goes back to the items" wait_for "a add"

cat >"$TMP/want.yaml" <<'EOF'
format: gavel-agenda/1
committee: Communities Board
date: 2018-03-14
items:
  - number: "1"
    title: Integrated Communities Strategy
    purpose: For discussion
    presenters:
      - name: Peter Fenn
        role: Ministry of Housing, Communities and Local Government
      - name: Penny Hobman
        role: Ministry of Housing, Communities and Local Government
    documents:
      - title: Integrated Communities Strategy green paper
        ref: green-paper.pdf
EOF
check "the committed agenda is the seed meeting's, byte for byte" \
	sh -c 'git -C "$1" show "HEAD:$2/agenda.yaml" | diff -u "$3" - >"$4"' _ "$REPO" "$M" "$TMP/want.yaml" "$diag"
check "the minutes' item followed: its presenters and document" \
	sh -c 'git -C "$1" show "HEAD:$2/minutes.yaml" | grep -q "name: Penny Hobman" && git -C "$1" show "HEAD:$2/minutes.yaml" | grep -q "ref: green-paper.pdf"' _ "$REPO" "$M"

# Two more items; the one added after the first is numbered in its place
# (the item after it goes one up), then moved up and renumbered with n.
keys a
type_text "Any other business"
keys Enter
check "a second item" wait_log "item 2: title set"
keys Escape
check "Esc, back to the items" wait_for "n renumber"
keys k a
check "an item added after the first is numbered 2, the one after it 3" \
	wait_log "item 2 added: New item (the item after it renumbered)"
type_text "Apologies for absence"
keys Enter
check "a third item, after the selected one" wait_log "item 2: title set"
keys Escape
check "Esc, back to the items once more" wait_for "n renumber"
check "the list reads in order: 1, 2, 3" items_read \
	"1 Integrated Communities Strategy|2 Apologies for absence|3 Any other business|"
check "the agenda and minutes hold the numbers in place" sh -c \
	'for f in agenda minutes; do git -C "$1" show "HEAD:$2/$f.yaml" | grep -E "^  - number|^    title" | tr -d "\n" | grep -qF "  - number: \"2\"    title: Apologies for absence  - number: \"3\"    title: Any other business" || exit 1; done' _ "$REPO" "$M"
keys K
check "K moves it up" wait_log "item 2 moved up"
check "the screen lists it first" wait_match "^ +2\. Apologies for absence"
keys n
check "n renumbers the items in order" wait_log "items renumbered 1 to 3"
check "the agenda is in the new order" agenda_has '  - number: "1"
    title: Apologies for absence'
check "the minutes follow the new order and numbers" sh -c \
	'git -C "$1" show "HEAD:$2/minutes.yaml" | grep -E "^  - number|^    title" | tr -d "\n" | grep -qF "  - number: \"1\"    title: Apologies for absence  - number: \"2\"    title: Integrated Communities Strategy  - number: \"3\"    title: Any other business"' _ "$REPO" "$M"

# A presenter picked from the committee's members.
keys Down Down Enter
check "Enter edits the selected item" wait_for "Item 3"
keys Tab Tab Tab Tab Tab Enter
type_text "patel"
check "typing narrows the picker to the members who match" wait_for "Cllr Sam Patel"
keys Down Enter
check "the picked member is committed" wait_log "item 3: presenter Cllr Sam Patel added"
keys Escape
check "Esc goes back to the items again" wait_for "n renumber"

# The meeting's own fields: a bad time is refused, a good one committed.
keys m
check "m edits the meeting" wait_for "The meeting"
type_text "25:00"
keys Enter
check "a time that is not one is refused, saying why" wait_for "'25:00' is not a time"
keys C-u
type_text "11:00"
keys Tab
check "a good time is committed" wait_log "start set to 11:00"
type_text "Town Hall"
keys Enter Escape
check "the venue is committed" wait_log "venue set"
check "the minutes have the start and venue too" committed_has 'start: "11:00"'

keys q
check "q leaves" wait_exit ag
check "gavel agenda exits 0" test "$rc" -eq 0

# An item with minutes cannot be removed; one without can, from both.
sed -i 's/^    title: Integrated Communities Strategy$/&\n    summary: The Board heard the strategy./' "$REPO/$MINUTES"
git -C "$REPO" commit -qam "minutes of item 2" || exit 2
HEAD=$(git -C "$REPO" rev-parse HEAD)
start ag2 -C "$REPO" agenda "$M"
check "the screen marks the item with minutes" wait_for "Integrated Communities Strategy  [minuted]"
keys j d
check "removing it is refused with a clear message" wait_for "item 2 (Integrated Communities Strategy) already has minutes and cannot be removed"
check "nothing was committed" test "$(git -C "$REPO" rev-parse HEAD)" = "$HEAD"
keys j d
check "removing an item without minutes asks first" wait_for "Remove item 3 (Any other business)? y or n"
keys y
check "y removes it, committed" wait_log "item 3 removed: Any other business"
check "it is gone from the agenda" sh -c '! git -C "$1" show "HEAD:$2/agenda.yaml" | grep -q "Any other business"' _ "$REPO" "$M"
check "and from the minutes" committed_lacks "Any other business"
check "the minuted item is still in the minutes" committed_has "summary: The Board heard the strategy."
keys q
check "q leaves again" wait_exit ag2
check "gavel check accepts both files" "$GAVEL" check "$REPO/$M/agenda.yaml" "$REPO/$MINUTES"
check "the work tree is clean" clean_tree

# gavel new on a terminal opens the agenda, started from the usual items;
# the earlier meeting is unconfirmed, so the minutes item confirms it.
start nw -C "$REPO" new "Communities Board" 2018-04-11
check "gavel new on a terminal opens the new meeting's agenda" wait_for "Agenda: Communities Board, 2018-04-11"
check "the minutes item confirms the meeting before" wait_log "started from the usual items"
check "confirms: the latest unconfirmed meeting" sh -c \
	'git -C "$1" show HEAD:communities-board/2018-04-11/agenda.yaml | grep -q "confirms: $2"' _ "$REPO" "$M"
keys q
check "q ends gavel new" wait_exit nw
check "gavel new exits 0 after the screen" test "$rc" -eq 0

# Confirmed minutes: the agenda is shown, not changed.
run -C "$REPO" confirm "$M" --by "Cllr Alex Morgan" --date 2018-04-11
HEAD=$(git -C "$REPO" rev-parse HEAD)
start ro -C "$REPO" agenda "$M"
check "confirmed minutes open the agenda read-only, saying why" wait_for "The minutes are confirmed"
keys a
check "a change is refused" wait_for "the agenda cannot change"
keys q
check "q leaves the read-only agenda" wait_exit ro
check "nothing was committed to confirmed minutes" test "$(git -C "$REPO" rev-parse HEAD)" = "$HEAD"

tui_finish
