/*
 * test_yamlread: FORMAT.md's reading rules about a file's structure, one
 * or more tests a rule: keys unknown, missing or given twice, wrong types,
 * anchors, aliases, tags and second documents, the format line, and
 * problems that go on being found.  The scalars and the bytes they are
 * made of: test_yamlread_scalars.c; the limits and hostile files:
 * test_yamlread_limits.c; the helpers they share: yamlread_fixture.h.
 *
 * Each refusal is checked for the exact line and column (1-based, columns
 * in characters), the file's name and a phrase saying what was expected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"

/* ---- an unknown key ---- */

static void test_unknown_key_top(void **state)
{
	(void)state;
	refused(HEAD "items: []\nbogus: 1\n", 5, 1, "unknown key 'bogus'");
	refused(HEAD "items: []\nbogus: 1\n", 5, 1, "expected one of: format, committee, date");
}

static void test_unknown_key_item(void **state)
{
	(void)state;
	refused(ITEM "    colour: red\n", 7, 5, "unknown key 'colour' in an item");
	refused(ITEM "    votes: {for: 1, four: 2}\n", 7, 21, "unknown key 'four'");
}

static void test_unknown_key_agenda_committee(void **state)
{
	(void)state;
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems: []\n"
		"minutes: x\n", 5, 1, "unknown key 'minutes' in an agenda");
	refused("format: gavel-committee/1\nname: C\nchair: X\n", 3, 1,
		"unknown key 'chair' in a committee file");
}

/* ---- a wrong type ---- */

static void test_wrong_type_mapping_for_text(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - number: \"5\"\n    title: {a: b}\n", 6, 12,
		"expected the item's title, found a mapping");
	refused(HEAD "venue: [a]\nitems: []\n", 4, 8, "expected the venue, found a list");
}

static void test_wrong_type_text_for_list(void **state)
{
	(void)state;
	refused(ITEM "    comments: hello\n", 7, 15,
		"expected a list of comments, found 'hello'");
	refused(HEAD "items: 5\n", 4, 8, "expected a list of items, found '5'");
	refused(ITEM "    presenters: Peter Fenn\n", 7, 17, "expected a list of people");
}

static void test_wrong_type_votes(void **state)
{
	(void)state;
	const char *f = ITEM "    votes: {for: x, against: -1, abstained: 1.5}\n";
	refused(f, 7, 18, "expected a whole number");
	refused(f, 7, 30, "expected a whole number (0 or more, below 10,000,000), found '-1'");
	refused(f, 7, 45, "expected a whole number (0 or more, below 10,000,000), found '1.5'");
	refused(ITEM "    votes:\n      for: 12345678\n", 8, 12, "expected a whole number");
}

static void test_wrong_type_urgent(void **state)
{
	(void)state;
	refused(ITEM "    urgent: maybe\n", 7, 13, "expected true or false, found 'maybe'");
	refused(ITEM "    urgent: 1\n", 7, 13, "expected true or false");
	refused(ITEM "    urgent: [true]\n", 7, 13, "expected true or false, found a list");
}

static void test_wrong_type_root(void **state)
{
	(void)state;
	refused("- a\n- b\n", 1, 1, "expected a mapping starting with format:");
	refused("", 1, 1, "the file is empty");
}

/* ---- a missing required key ---- */

static void test_missing_format(void **state)
{
	(void)state;
	refused("committee: C\ndate: 2018-03-14\nitems: []\n", 1, 1,
		"missing key 'format'; expected format: gavel-agenda, gavel-minutes or gavel-committee, version 1 or 2");
}

static void test_missing_committee(void **state)
{
	(void)state;
	refused("format: gavel-minutes/1\ndate: 2018-03-14\nitems: []\n", 1, 1,
		"missing key 'committee' in minutes; expected the committee's name");
	refused("format: gavel-agenda/1\ndate: 2018-03-14\nitems: []\n", 1, 1,
		"missing key 'committee' in an agenda");
	refused("format: gavel-committee/1\nmembers: []\n", 1, 1,
		"missing key 'name' in a committee file");
}

static void test_missing_date(void **state)
{
	(void)state;
	refused("format: gavel-minutes/1\ncommittee: C\nitems: []\n", 1, 1,
		"missing key 'date' in minutes; expected the meeting's date, YYYY-MM-DD");
	refused("format: gavel-agenda/1\ncommittee: C\nitems: []\n", 1, 1,
		"missing key 'date' in an agenda");
	/* A date that is there but null is no date either. */
	refused("format: gavel-minutes/1\ncommittee: C\ndate: ~\nitems: []\n", 3, 7,
		"expected the meeting's date, YYYY-MM-DD, found nothing");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: null\nitems: []\n", 3, 7,
		"expected the meeting's date");
	refused(HEAD "items: []\nstatus: confirmed\nconfirmed:\n  date:\n  by: X\n", 7, 8,
		"expected the date of the meeting that confirmed them");
}

static void test_missing_items(void **state)
{
	(void)state;
	refused(HEAD, 1, 1, "missing key 'items' in minutes; expected a list of items");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\n", 1, 1,
		"missing key 'items' in an agenda");
}

static void test_missing_item_number(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - title: T\n", 5, 5,
		"missing key 'number' in an item; expected the item's number");
	refused(HEAD "items:\n  - number: \"\"\n    title: T\n", 5, 13,
		"expected the item's number (such as \"5\" or \"3a\"), found empty text");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		"  - {title: T}\n", 5, 5, "missing key 'number' in an agenda item");
}

static void test_missing_item_title(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - number: \"5\"\n", 5, 5,
		"missing key 'title' in an item; expected the item's title");
	refused(HEAD "items:\n  - number: \"5\"\n    title:\n", 6, 11,
		"expected the item's title, found nothing");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		"  - number: \"5\"\n", 5, 5, "missing key 'title' in an agenda item");
}

/* ---- anchors, aliases, tags, documents ---- */

static void test_anchor_refused(void **state)
{
	(void)state;
	refused(HEAD "venue: &v Town Hall\nitems: []\n", 4, 8, "anchors are not allowed (found &'v')");
	refused(HEAD "attendance: &a\n  present: []\nitems: []\n", 4, 13, "anchors are not allowed");
}

static void test_alias_refused(void **state)
{
	(void)state;
	const char *f = HEAD "items:\n  - number: &n \"5\"\n    title: *n\n";
	refused(f, 5, 13, "anchors are not allowed");
	refused(f, 6, 12, "aliases are not allowed (found *'n')");
}

static void test_tag_refused(void **state)
{
	(void)state;
	refused(HEAD "venue: !!str Town Hall\nitems: []\n", 4, 8, "tags are not allowed");
	refused(HEAD "venue: !local Town Hall\nitems: []\n", 4, 8, "tags are not allowed (found '!local')");
	refused(HEAD "items: !!seq []\n", 4, 8, "tags are not allowed");
	refused(HEAD "attendance: !!map {}\nitems: []\n", 4, 13, "tags are not allowed");
	/* The non-specific tag is a tag too, even where libyaml calls it implicit. */
	refused(HEAD "venue: ! Town Hall\nitems: []\n", 4, 8, "tags are not allowed (found '!')");
	refused(HEAD "venue: ! \"Town Hall\"\nitems: []\n", 4, 8, "tags are not allowed");
}

static void test_second_document_refused(void **state)
{
	(void)state;
	refused(HEAD "items: []\n---\nformat: gavel-minutes/1\n", 5, 1,
		"a second document starts here; expected one document per file");
	refused(HEAD "items: []\n...\n---\n", 6, 1, "a second document");
	refused("---\n" HEAD "items: []\n--- x\n", 6, 1, "a second document");
	accepted("---\n" HEAD "items: []\n...\n");
}

/* ---- duplicate keys ---- */

static void test_duplicate_key(void **state)
{
	(void)state;
	refused(HEAD "items: []\ncommittee: D\n", 5, 1,
		"duplicate key 'committee' in minutes (first at line 2, column 1)");
	refused(ITEM "    title: U\n", 7, 5,
		"duplicate key 'title' in an item (first at line 6, column 5)");
	refused(ITEM "    votes: {for: 1, against: 2, for: 3}\n", 7, 33,
		"duplicate key 'for' in the votes (for, against, abstained) (first at line 7, column 13)");
	refused(HEAD "items: []\nformat: gavel-minutes/1\n", 5, 1,
		"duplicate key 'format' in minutes (first at line 1, column 1)");
	/* Written differently, the same key. */
	refused(HEAD "items: []\n\"date\": 2018-03-15\n", 5, 1,
		"duplicate key 'date' in minutes (first at line 3, column 1)");
}

static void test_duplicate_key_format_late(void **state)
{
	(void)state;
	/* `format:` met late: found by a first pass, counted once. */
	refused("committee: C\nformat: gavel-minutes/1\ndate: 2018-03-14\nitems: []\n"
		"committee: D\n", 5, 1, "duplicate key 'committee' in minutes (first at line 1, column 1)");
	struct loaded l;
	load(&l, "committee: C\nformat: gavel-minutes/1\ndate: 2018-03-14\nitems: []\n"
	     "committee: D\n");
	assert_int_equal(diags_count(&l.d), 1);
	unload(&l);
}

/* ---- the format ---- */

static void test_format_not_first(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, "committee: Communities Board\nvenue: Town Hall\nformat: gavel-minutes/1\n"
	     "date: 2018-03-14\nitems: []\n");
	expect_ok_l(&l);
	assert_int_equal(l.doc.kind, YAMLFILE_MINUTES);
	assert_int_equal(l.doc.version, 1);
	assert_string_equal(l.doc.minutes->committee, "Communities Board");
	assert_string_equal(l.doc.minutes->venue, "Town Hall");
	assert_string_equal(l.doc.minutes->date, "2018-03-14");
	unload(&l);

	load(&l, "name: C\nformat: gavel-committee/1\n");
	expect_ok_l(&l);
	assert_int_equal(l.doc.kind, YAMLFILE_COMMITTEE);
	unload(&l);

	/* Problems found on the way to a late `format:` are said once. */
	load(&l, "bogus: 1\nvenue: !t V\nformat: gavel-minutes/1\ncommittee: C\n"
	     "date: 2018-03-14\nitems: []\n");
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 1, 1, "unknown key 'bogus'");
	expect_at(&l.d, NAME, 2, 8, "tags are not allowed");
	assert_int_equal(diags_count(&l.d), 2);
	unload(&l);
}

static void test_format_not_first_many_problems(void **state)
{
	(void)state;
	/* More problems than the list keeps: still each counted once. */
	struct buf b = BUF_INIT;
	for (int i = 0; i < 150; i++)
		buf_addf(&b, "k%d: !t v\n", i);
	buf_addstr(&b, HEAD "items: []\n");
	struct loaded l;
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_int_equal(l.d.n, DIAG_MAX);
	assert_int_equal(diags_count(&l.d), 300);      /* 150 unknown keys, 150 tags */
	unload(&l);
	buf_free(&b);
}

static void test_format_unknown(void **state)
{
	(void)state;
	/* A newer format names the file's format and the newest this gavel
	 * reads (FORMAT.md's bump rule). */
	refused("format: gavel-minutes/3\ncommittee: C\ndate: 2018-03-14\nitems: []\n", 1, 9,
		"this file's format, gavel-minutes/3, is newer than this gavel reads; the "
		"newest it reads is gavel-minutes/2");
	refused("committee: C\nformat: gavel-agenda/7\n", 2, 9,
		"gavel-agenda/7, is newer than this gavel reads; the newest it reads is gavel-agenda/2");
	refused("format: gavel-committee/12\n", 1, 9, "the newest it reads is gavel-committee/2");
	refused("format: gavel-minutes/x\n", 1, 9, "newer or other than this gavel reads");
	refused("format: gavel-minutes/0\n", 1, 9, "newer or other than this gavel reads");
	refused("format: something/1\ncommittee: C\ndate: 2018-03-14\nitems: []\n", 1, 9,
		"expected format: gavel-agenda, gavel-minutes or gavel-committee, version 1 or 2 (such as gavel-minutes/1), found 'something/1'");
	refused("format: gavel-minutes\n", 1, 9, "found 'gavel-minutes'");
	refused("format:\ncommittee: C\n", 1, 8, "found nothing");
	refused("format: [gavel-minutes/1]\n", 1, 9, "found a list");
	/* A hostile value is shown safely. */
	refused("format: \"a\\x1bb\"\n", 1, 9, "found 'a^[b'");
}

static void test_kind_mismatch(void **state)
{
	(void)state;
	struct loaded l;
	const char *m = HEAD "items: []\n";
	load_n(&l, m, strlen(m), YAMLFILE_AGENDA);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	expect_at(&l.d, NAME, 1, 9, "expected format: gavel-agenda/1 or gavel-agenda/2, found gavel-minutes/1 (minutes)");
	unload(&l);

	const char *c = "name: C\nformat: gavel-committee/1\n";
	load_n(&l, c, strlen(c), YAMLFILE_MINUTES);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 2, 9, "expected format: gavel-minutes/1 or gavel-minutes/2, found gavel-committee/1");
	unload(&l);

	load_n(&l, m, strlen(m), YAMLFILE_MINUTES);
	expect_ok_l(&l);
	assert_int_equal(l.doc.kind, YAMLFILE_MINUTES);
	unload(&l);
}

/* ---- problems go on being found ---- */

static void test_content_problems_all_reported(void **state)
{
	(void)state;
	const char *f = HEAD "start: \"25:00\"\nbogus: 1\nitems:\n  - number: \"5\"\n"
			"    title: T\n    urgent: maybe\n";
	struct loaded l;
	load(&l, f);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 4, 8, "expected a 24-hour time");
	expect_at(&l.d, NAME, 5, 1, "unknown key 'bogus'");
	expect_at(&l.d, NAME, 9, 13, "expected true or false");
	assert_int_equal(diags_count(&l.d), 3);
	unload(&l);
}

static void test_syntax_error_position(void **state)
{
	(void)state;
	refused(HEAD "items: [a\n", 5, 1, "expected valid YAML");
	refused(HEAD "items: []\n  bad: indent\n", 5, 3, "expected valid YAML");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_key_top),
		cmocka_unit_test(test_unknown_key_item),
		cmocka_unit_test(test_unknown_key_agenda_committee),
		cmocka_unit_test(test_wrong_type_mapping_for_text),
		cmocka_unit_test(test_wrong_type_text_for_list),
		cmocka_unit_test(test_wrong_type_votes),
		cmocka_unit_test(test_wrong_type_urgent),
		cmocka_unit_test(test_wrong_type_root),
		cmocka_unit_test(test_missing_format),
		cmocka_unit_test(test_missing_committee),
		cmocka_unit_test(test_missing_date),
		cmocka_unit_test(test_missing_items),
		cmocka_unit_test(test_missing_item_number),
		cmocka_unit_test(test_missing_item_title),
		cmocka_unit_test(test_anchor_refused),
		cmocka_unit_test(test_alias_refused),
		cmocka_unit_test(test_tag_refused),
		cmocka_unit_test(test_second_document_refused),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_format_late),
		cmocka_unit_test(test_format_not_first),
		cmocka_unit_test(test_format_not_first_many_problems),
		cmocka_unit_test(test_format_unknown),
		cmocka_unit_test(test_kind_mismatch),
		cmocka_unit_test(test_content_problems_all_reported),
		cmocka_unit_test(test_syntax_error_position),
	};
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
