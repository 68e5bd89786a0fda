#!/bin/sh
# gavel search: words, phrases, every filter, accents, exit codes, and the
# index (derived data in the git folder) kept up to date with commits made
# by git itself, rebuilt when deleted or damaged.
. "$(dirname "$0")/lib.sh"

R="$TMP/minutes"
IDX="$R/.git/gavel/search.sqlite"
"$GAVEL" init "$R" >/dev/null 2>&1

# Minutes written by another tool and committed with git.
minutes() { # COMMITTEE-SLUG DATE COMMITTEE-NAME: writes the file on stdin
	mkdir -p "$R/$1/$2"
	cat >"$R/$1/$2/minutes.yaml"
	git -C "$R" add "$1/$2/minutes.yaml"
	git -C "$R" commit -qm "$1/$2: minutes"
}

minutes communities-board 2018-03-14 <<'YAML'
format: gavel-minutes/1
committee: Communities Board
date: 2018-03-14
venue: Town Hall, Committee Room 2
status: draft
attendance:
  present:
    - name: Cllr Zoë Reid
    - name: Cllr Sam Patel
declarations:
  - member: Cllr Sam Patel
    item: "5"
    interest: Trustee of a refugee support charity
items:
  - number: "5"
    title: Integrated Communities Strategy
    summary: |
      The strategy builds on the Casey Review.
      The consultation would run until 5 June.
    comments:
      - Some building blocks of integration had closed through funding cuts.
      - text: Asked for a register of home-schooled children.
        by: Cllr Zoë Reid
      - text: Asked whether the figures were up to date.
        by: Cllr Sam Patel
    decision: Members noted the presentation.
    actions:
      - text: Publish information about the strategy in Councillors' News.
        owner: Peter Fenn
YAML
minutes planning-committee 2019-01-09 <<'YAML'
format: gavel-minutes/1
committee: Planning Committee
date: 2019-01-09
status: draft
items:
  - number: "1"
    title: Local Plan Review
    summary: Children's play areas were discussed; the children of Mill Lane wrote in.
    comments:
      - text: Welcomed the strategy for the town centre.
        by: Cllr José Álvarez
    decision: "RESOLVED: that the strategy be approved."
  - number: "2"
    title: Café Quarter strategy
    decision: Deferred.
YAML

lines() { wc -l <"$TMP/out" | tr -d ' '; }

run -C "$R" search strategy
expect "a word finds every field holding it, newest meeting first" '[ $rc -eq 0 ] && [ "$(lines)" = 6 ] && head -1 "$TMP/out" | grep -q "^planning-committee/2019-01-09  item 1  comment 1  Cllr José Álvarez: Welcomed" && tail -1 "$TMP/out" | grep -q "^communities-board/2018-03-14  item 5  action 1  Peter Fenn: "'
expect "the index is under the git folder, not in the work tree" '[ -f "$IDX" ] && [ -z "$(git -C "$R" status --porcelain)" ]'
expect "hits within a meeting keep the order of the minutes" '[ "$(grep "^communities-board" "$TMP/out" | grep -o "item 5  [a-z]*" | tr "\n" "|")" = "item 5  title|item 5  summary|item 5  action|" ]'
expect "hits read meeting, item, field, snippet" 'grep -qx "communities-board/2018-03-14  item 5  title  Integrated Communities Strategy" "$TMP/out"'

run -C "$R" search home-schooled
expect "a comment hit names its number and speaker" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = "communities-board/2018-03-14  item 5  comment 2  Cllr Zoë Reid: Asked for a register of home-schooled children." ]'

run -C "$R" search zoe
expect "zoe finds Zoë (accents and case do not matter)" '[ $rc -eq 0 ] && out_has "present 1  Cllr Zoë Reid" && out_has "comment 2  Cllr Zoë Reid:"'
run -C "$R" search JOSE alvarez
expect "JOSE alvarez finds José Álvarez" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "Cllr José Álvarez: Welcomed"'
run -C "$R" search cafe
expect "cafe finds Café" '[ $rc -eq 0 ] && out_has "item 2  title  Café Quarter strategy"'

run -C "$R" search children register
expect "all words must match, in one field" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "comment 2"'
run -C "$R" search '"register of home-schooled children"'
expect "a phrase matches words in order" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ]'
run -C "$R" search '"children of home-schooled"'
expect "a phrase out of order does not match" '[ $rc -eq 1 ] && [ ! -s "$TMP/out" ]'
run -C "$R" search '"the' 'strategy"'
expect "several arguments are joined into one query" '[ $rc -eq 0 ] && out_has "RESOLVED: that the strategy be approved" && out_has "Welcomed the strategy"'

run -C "$R" search strategy committee:communities-board
expect "committee: keeps one committee" '[ $rc -eq 0 ] && [ "$(lines)" = 3 ] && ! out_has planning-committee'
run -C "$R" search strategy committee:Planning-Committee committee:communities-board
expect "committee: twice keeps either" '[ $rc -eq 0 ] && [ "$(lines)" = 6 ]'
run -C "$R" search strategy committee:licensing
expect "committee: of no meeting finds nothing" '[ $rc -eq 1 ]'

run -C "$R" search title:strategy
expect "title: keeps item titles" '[ $rc -eq 0 ] && [ "$(lines)" = 2 ] && [ "$(grep -c "  title  " "$TMP/out")" = 2 ]'
run -C "$R" search title:"\"quarter strategy\""
expect "title: takes a phrase" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "Café Quarter"'
run -C "$R" search decision:strategy
expect "decision: keeps decisions" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = "planning-committee/2019-01-09  item 1  decision  RESOLVED: that the strategy be approved." ]'
run -C "$R" search decision:noted presentation
expect "decision: with another word" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "Members noted the presentation."'

run -C "$R" search by:zoe
expect "by: finds what a speaker said, accents aside" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "comment 2  Cllr Zoë Reid:"'
run -C "$R" search by:fenn
expect "by: finds what a member owns" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "action 1  Peter Fenn:"'
run -C "$R" search by:patel
expect "by: finds what a member said and declared" '[ $rc -eq 0 ] && [ "$(lines)" = 2 ] && out_has "declaration 1  Cllr Sam Patel: Trustee" && out_has "comment 3  Cllr Sam Patel:"'
run -C "$R" search 'by:"Sam Patel"' figures
expect "by: with a phrase and a word" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ] && out_has "comment 3"'
run -C "$R" search by:reid funding
expect "by: and a word the speaker did not say" '[ $rc -eq 1 ]'

run -C "$R" search strategy since:2019-01-01
expect "since: keeps meetings on or after the date" '[ $rc -eq 0 ] && [ "$(lines)" = 3 ] && ! out_has communities-board'
run -C "$R" search strategy since:2019-01-09
expect "since: includes the day itself" '[ $rc -eq 0 ] && [ "$(lines)" = 3 ]'
run -C "$R" search strategy until:2018-03-14
expect "until: keeps meetings on or before the date" '[ $rc -eq 0 ] && [ "$(lines)" = 3 ] && ! out_has planning-committee'
run -C "$R" search strategy since:2018-03-15 until:2019-01-08
expect "since: and until: together" '[ $rc -eq 1 ]'

run -C "$R" search --count strategy
expect "--count prints the number of hits" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ]'
run -C "$R" search --count strategy committee:planning-committee
expect "--count with a committee" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 3 ]'
run -C "$R" search --count xylophone
expect "--count of nothing prints 0 and exits 1" '[ $rc -eq 1 ] && [ "$(cat "$TMP/out")" = 0 ]'
run -C "$R" search xylophone
expect "nothing matched: exit 1, no output" '[ $rc -eq 1 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]'

run -C "$R" search since:2018-13-01 strategy
expect "a bad date: exit 2, one line saying what was expected" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "since:2018-13-01: expected a date YYYY-MM-DD"'
run -C "$R" search '"integrated communities'
expect "an unclosed phrase: exit 2" '[ $rc -eq 2 ] && err_has "no closing"'
run -C "$R" search
expect "no query: usage error" '[ $rc -eq 2 ] && err_has "usage: gavel search"'
run -C "$R" search committee:planning-committee
expect "filters alone: exit 2" '[ $rc -eq 2 ] && err_has "nothing to search for"'
run search --help
expect "--help documents the syntax" '[ $rc -eq 0 ] && out_has "usage: gavel search" && out_has "by:NAME" && out_has "since:YYYY-MM-DD"'

# --- freshness: a commit made a moment ago by another tool ---
sed -i 's/Deferred\./Deferred to the xylophone review./' "$R/planning-committee/2019-01-09/minutes.yaml"
git -C "$R" commit -qam "A correction, made with git"
run -C "$R" search xylophone
expect "a fresh commit by git is found at once" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = "planning-committee/2019-01-09  item 2  decision  Deferred to the xylophone review." ]'
run -C "$R" search deferred
expect "the old text of a changed meeting is gone" '[ $rc -eq 0 ] && [ "$(lines)" = 1 ]'
git -C "$R" rm -rq communities-board && git -C "$R" commit -qm "Remove a meeting"
run -C "$R" search --count strategy
expect "a meeting removed by git is no longer found" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 3 ]'
git -C "$R" reset -q --hard HEAD~1
run -C "$R" search --count strategy
expect "going back in history finds it again" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ]'
run -C "$R" search xylophone
expect "... and no longer what was undone" '[ $rc -eq 0 ]'

# --- a missing, damaged or foreign index is built again ---
rm -f "$IDX"
run -C "$R" search --count strategy
expect "a deleted index is rebuilt" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ] && [ -f "$IDX" ] && [ ! -s "$TMP/err" ]'
head -c 20000 /dev/urandom >"$IDX"
run -C "$R" search --count strategy
expect "an index full of garbage is rebuilt" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ] && [ ! -s "$TMP/err" ]'
dd if=/dev/zero of="$IDX" bs=1024 seek=8 count=64 conv=notrunc 2>/dev/null
run -C "$R" search --count strategy
expect "an index with pages zeroed is rebuilt" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ]'
# The schema's version is SQLite's user_version: bytes 60-63 of the file.
printf '\000\000\000\143' | dd of="$IDX" bs=1 seek=60 conv=notrunc 2>/dev/null
run -C "$R" search --count strategy
expect "an index of another version is rebuilt" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ] && [ "$(od -An -tu1 -j60 -N4 "$IDX" | tr -s " ")" != " 0 0 0 99" ]'
expect "nothing of the index reaches git" '[ -z "$(git -C "$R" status --porcelain --ignored)" ]'

# --- hostile text is shown, not obeyed; a bare clone works ---
git clone -q --bare "$R" "$TMP/bare.git"
run -C "$TMP/bare.git" search --count strategy
expect "a bare clone is searched, its index in the git folder" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ] && [ -f "$TMP/bare.git/gavel/search.sqlite" ]'
chmod a-w "$TMP/bare.git"
rm -f "$TMP/bare.git/gavel/search.sqlite"; chmod a-w "$TMP/bare.git/gavel"
if [ "$(id -u)" != 0 ]; then
	run -C "$TMP/bare.git" search --count strategy
	expect "a read-only git folder: searched with an index in memory" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = 6 ] && err_has "in memory"'
fi
chmod u+w "$TMP/bare.git" "$TMP/bare.git/gavel"

finish
