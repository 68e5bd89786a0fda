#!/bin/sh
# The command line: version, help, exit codes, and one meeting from
# agenda to minutes, witnessed by git.
. "$(dirname "$0")/lib.sh"

run --version
expect "--version prints the version" '[ $rc -eq 0 ] && grep -qE "^gavel [0-9]+\.[0-9]+\.[0-9]+$" "$TMP/out"'

for c in init new list show log check; do
	run "$c" --help
	expect "gavel $c --help answers" '[ $rc -eq 0 ] && out_has "usage: gavel $c"'
done

run frobnicate
expect "an unknown command is a usage error, one line" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "not a gavel command"'

run show
expect "a missing argument is a usage error" '[ $rc -eq 2 ] && err_has "usage: gavel show"'

run -C "$TMP/nowhere" list
expect "a missing repository is a runtime error naming the path" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ] && err_has "$TMP/nowhere"'

# --- a repository and a meeting ---
R="$TMP/minutes"
run init "$R"
expect "init creates a repository" '[ $rc -eq 0 ] && [ -f "$R/.gavel" ] && [ "$(git -C "$R" rev-parse --abbrev-ref HEAD)" = main ]'
expect "init makes one commit holding the marker" '[ "$(git -C "$R" rev-list --count HEAD)" = 1 ] && git -C "$R" ls-files | grep -qx .gavel'

run init "$R"
expect "init refuses a repository that has the marker" '[ $rc -eq 2 ]'

mkdir -p "$R/communities-board" && cp "$DATA/committee.yaml" "$R/communities-board/"
git -C "$R" add communities-board/committee.yaml && git -C "$R" commit -qm "Add the committee"
echo "draft notes" >"$R/notes.txt"                      # untracked
echo "extra" >>"$R/.gavel" && git -C "$R" add .gavel  # staged, not committed
before=$(git -C "$R" status --porcelain)

run -C "$R" new "Communities Board" 2018-03-14 --agenda "$DATA/agenda.yaml" --venue "Council Chamber"
expect "new prints the meeting id" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = communities-board/2018-03-14 ]'
expect "new commits with a message naming the meeting" '[ "$(git -C "$R" log -1 --format=%s)" = "communities-board/2018-03-14: meeting created" ]'
expect "the commit holds only the meeting's two files" '[ "$(git -C "$R" show --name-only --format= HEAD | sort | tr "\n" " ")" = "communities-board/2018-03-14/agenda.yaml communities-board/2018-03-14/minutes.yaml " ]'
expect "the author comes from git's configuration" '[ "$(git -C "$R" log -1 --format="%an <%ae>")" = "Test Clerk <clerk@example.org>" ]'
expect "staged and untracked work of the user survives exactly" '[ "$(git -C "$R" status --porcelain)" = "$before" ]'
expect "the work tree holds what was committed" 'git -C "$R" diff --quiet HEAD -- communities-board/2018-03-14'
expect "git fsck is clean" 'git -C "$R" fsck --strict --no-progress >/dev/null 2>&1'

M="$R/communities-board/2018-03-14/minutes.yaml"
expect "minutes are seeded from the agenda and the committee" 'grep -q "^  - number: \"5\"$" "$M" && grep -q "Penny Hobman" "$M" && grep -q "green-paper.pdf" "$M" && grep -q "Cllr Zoë Reid" "$M" && grep -q "^venue: Council Chamber$" "$M" && grep -q "^start: \"11:00\"$" "$M" && grep -q "^status: draft$" "$M"'
expect "the agenda is written in gavel's form" 'grep -q "^  - number: \"3\"$" "$R/communities-board/2018-03-14/agenda.yaml" && grep -q "^    confirms: communities-board/2018-02-07$" "$R/communities-board/2018-03-14/agenda.yaml"'

run check "$M" "$R/communities-board/2018-03-14/agenda.yaml" "$R/communities-board/committee.yaml"
expect "gavel check accepts what gavel wrote" '[ $rc -eq 0 ] && [ ! -s "$TMP/out" ]'

run -C "$R" new communities-board 2018-03-14
expect "a second meeting on the same day gets -2" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = communities-board/2018-03-14-2 ]'
run -C "$R" new "Planning Committee" 2019-01-09 --start 18:30
expect "a new committee gets its slug" '[ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = planning-committee/2019-01-09 ]'

run -C "$R" new "Planning Committee" 2019-02-30
expect "new refuses a date that does not exist" '[ $rc -eq 2 ] && err_has "2019-02-30"'
run -C "$R" new "Communities Board" 2018-04-01 --agenda "$DATA/agenda.yaml"
expect "new refuses an agenda for another date" '[ $rc -eq 1 ] && out_has "not 2018-04-01"'

# --- list ---
run -C "$R" list
expect "list prints one line per meeting, newest first" '[ $rc -eq 0 ] && [ "$(cut -d" " -f1 "$TMP/out" | tr "\n" " ")" = "planning-committee/2019-01-09 communities-board/2018-03-14-2 communities-board/2018-03-14 " ]'
expect "list shows committee, status and items" 'grep -q "^communities-board/2018-03-14  *Communities Board  draft  3 items$" "$TMP/out"'
run -C "$R" list --committee planning-committee
expect "list --committee filters" '[ $rc -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 1 ] && out_has planning-committee/2019-01-09'

# --- show ---
run -C "$R" show communities-board/2018-03-14 --format yaml
expect "show --format yaml prints the minutes file" '[ $rc -eq 0 ] && cmp -s "$TMP/out" "$M"'
run -C "$R" show communities-board/2018-03-14
expect "show prints published-style text" '[ $rc -eq 0 ] && out_has "5. Integrated Communities Strategy" && ! out_has "The Chair introduced" && out_has "Supporting documents:" && out_has "Wednesday 14 March 2018"'
expect "show wraps to 80 columns when not a terminal" '! awk "length(\$0) > 80 { bad = 1 } END { exit !bad }" "$TMP/out"'
run -C "$R" show communities-board/2001-01-01
expect "show of a missing meeting is an error naming it" '[ $rc -eq 2 ] && err_has "no meeting communities-board/2001-01-01"'
run -C "$R" show ../../etc
expect "show refuses an id that is not one" '[ $rc -eq 1 ] || [ $rc -eq 2 ]'

# Another tool records a decision: a revision gavel did not make.
sed -i 's/^    title: Integrated Communities Strategy$/&\n    decision: Members noted the presentation./' "$M"
git -C "$R" commit -qam "communities-board/2018-03-14: item 5 decision recorded" --author "Jo Clerk <jo@example.org>"
run -C "$R" show communities-board/2018-03-14
expect "show reads the latest revision" 'out_has "Decision:" && out_has "Members noted the presentation."'
run -C "$R" show communities-board/2018-03-14 --rev HEAD~1
expect "show --rev reads an older revision" '[ $rc -eq 0 ] && ! out_has "Decision:"'
run -C "$R" show communities-board/2018-03-14 --rev nosuchrev
expect "show --rev of an unknown revision is an error" '[ $rc -eq 2 ] && [ "$(err_lines)" = 1 ]'

# --- log ---
run -C "$R" log communities-board/2018-03-14
expect "log lists the meeting's revisions, newest first" '[ $rc -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 2 ] && head -1 "$TMP/out" | grep -q "Jo Clerk  communities-board/2018-03-14: item 5 decision recorded$" && tail -1 "$TMP/out" | grep -q "Test Clerk  communities-board/2018-03-14: meeting created$"'
expect "log starts each line with the short id and date" '[ "$(head -1 "$TMP/out" | cut -c1-7)" = "$(git -C "$R" rev-parse --short=7 HEAD)" ] && head -1 "$TMP/out" | grep -qE "^[0-9a-f]{7}  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  "'

# --- a meeting that does not load ---
mkdir -p "$R/audit-committee/2017-05-05"
printf 'format: gavel-minutes/1\ncommittee: Audit\ndate: 2017-05-05\nitems: [\n' >"$R/audit-committee/2017-05-05/minutes.yaml"
git -C "$R" add audit-committee && git -C "$R" commit -qm "broken by another tool"
run -C "$R" list
expect "list shows a meeting that does not load with its error, and the rest" '[ $rc -eq 0 ] && grep -q "^audit-committee/2017-05-05  *error: audit-committee/2017-05-05/minutes.yaml:" "$TMP/out" && out_has planning-committee/2019-01-09'
run -C "$R" show audit-committee/2017-05-05
expect "show of an invalid file says where, exit 1" '[ $rc -eq 1 ] && grep -q "^audit-committee/2017-05-05/minutes.yaml:[0-9]*:[0-9]*: " "$TMP/out"'

expect "after all this git fsck is clean" 'git -C "$R" fsck --strict --no-progress >/dev/null 2>&1'
finish
