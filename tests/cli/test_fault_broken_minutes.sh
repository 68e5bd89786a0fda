#!/bin/sh
# Someone else commits, with git, a minutes.yaml that does not load.  gavel
# list still lists every meeting, that one with its error (exit 0: the
# listing itself worked); show names the problem (exit 1, FILE:LINE:COL);
# the other meetings, older revisions and new meetings all still work;
# nothing gavel committed is touched.
# (The home screen with the same fault: tests/tui/test_fault_broken_minutes.sh.)
. "$(dirname "$0")/lib.sh"

run init repo
run -C repo new "Communities Board" 2026-05-01 --venue "Town Hall"
run -C repo new "Communities Board" 2026-05-02
run -C repo new "Planning Committee" 2026-05-03
expect "three meetings are committed" '[ "$rc" -eq 0 ] && [ "$(git -C repo rev-list --count HEAD)" -eq 4 ]'

# Someone else's commit: a flow list never closed.
printf 'format: gavel-minutes/1\ncommittee: [Communities Board\ndate: 2026-05-02\n' \
	>repo/communities-board/2026-05-02/minutes.yaml
git -C repo -c user.name="Someone Else" -c user.email=else@example.org \
	commit -q -am "Hand-edited the minutes"
broken=$(git -C repo rev-parse HEAD)

run -C repo list
expect "gavel list exits 0 with a meeting that does not load" '[ "$rc" -eq 0 ]'
expect "gavel list lists the broken meeting with its error (file, line)" \
	'grep -q "^communities-board/2026-05-02 .*error: communities-board/2026-05-02/minutes.yaml:2:" "$TMP/out"'
expect "gavel list lists the other meetings normally" \
	'grep -q "^communities-board/2026-05-01 .*Communities Board.*draft" "$TMP/out" &&
	 grep -q "^planning-committee/2026-05-03 .*Planning Committee.*draft" "$TMP/out"'
expect "gavel list: three lines, nothing on stderr" \
	'[ "$(wc -l <"$TMP/out")" -eq 3 ] && [ ! -s "$TMP/err" ]'
run -C repo list --committee communities-board
expect "gavel list --committee also lists it with its error" \
	'[ "$rc" -eq 0 ] && out_has "error:" && out_has "communities-board/2026-05-01"'

run -C repo show communities-board/2026-05-02
expect "gavel show of the broken meeting exits 1" '[ "$rc" -eq 1 ]'
expect "gavel show names the file, line and column" \
	'out_has "communities-board/2026-05-02/minutes.yaml:2:" || err_has "communities-board/2026-05-02/minutes.yaml:2:"'
run -C repo show communities-board/2026-05-02 --rev HEAD~1
expect "gavel show --rev of the meeting before the breakage works" \
	'[ "$rc" -eq 0 ] && out_has "2 May 2026"'
run -C repo show communities-board/2026-05-01
expect "gavel show of another meeting works" '[ "$rc" -eq 0 ] && out_has "1 May 2026"'
run -C repo log communities-board/2026-05-02
expect "gavel log of the broken meeting lists the other person's commit" \
	'[ "$rc" -eq 0 ] && out_has "Someone Else" && out_has "Hand-edited the minutes"'
run -C repo export --format html --out site
expect "gavel export goes on past the broken meeting and exits 1" \
	'[ "$rc" -eq 1 ] && [ -f site/communities-board/2026-05-01.html ] && [ -f site/planning-committee/2026-05-03.html ]'
run -C repo new "Communities Board" 2026-05-04
expect "gavel new in the same committee still works" '[ "$rc" -eq 0 ]'
expect "the other person's commit is still in the history" \
	'git -C repo merge-base --is-ancestor "$broken" HEAD'
expect "the broken file is left exactly as they committed it" \
	'git -C repo diff --quiet "$broken" HEAD -- communities-board/2026-05-02'

run -C repo search town hall
expect "gavel search still finds hits in the other meetings" \
	'[ "$rc" -eq 0 ] && out_has "communities-board/2026-05-01"'
expect "git fsck is clean" 'git -C repo fsck --strict >/dev/null 2>&1'
finish
