/*
 * test_numbering: minute numbers through a committee's year
 * (minutes/model/numbering.c): where the year starts, which dates share
 * it, the next number continuing from earlier meetings, and that a
 * withdrawn or deferred item gets none; and the lookup of the committee's
 * earlier meetings' numbers in a repository (minutes/git/minute_lookup.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/git/minute_lookup.h"
#include "minutes/model/numbering.h"

static void test_year_start(void **state)
{
	(void)state;
	char s[11];
	/* No year_starts: the calendar year. */
	assert_true(numbering_year_start("2018-03-14", NULL, s));
	assert_string_equal(s, "2018-01-01");
	assert_true(numbering_year_start("2018-01-01", "", s));
	assert_string_equal(s, "2018-01-01");
	/* A municipal year from May: March belongs to the year begun last May. */
	assert_true(numbering_year_start("2018-03-14", "05-01", s));
	assert_string_equal(s, "2017-05-01");
	assert_true(numbering_year_start("2018-05-01", "05-01", s));
	assert_string_equal(s, "2018-05-01");
	assert_true(numbering_year_start("2018-04-30", "05-01", s));
	assert_string_equal(s, "2017-05-01");
	assert_true(numbering_year_start("2018-12-31", "05-01", s));
	assert_string_equal(s, "2018-05-01");
	/* What does not read. */
	assert_false(numbering_year_start("14/03/2018", NULL, s));
	assert_false(numbering_year_start("2018-03-14", "5-1", s));
	assert_false(numbering_year_start("2018-03-14", "13-01", s));
}

static void test_same_year(void **state)
{
	(void)state;
	assert_true(numbering_same_year("2018-01-10", "2018-12-31", NULL));
	assert_false(numbering_same_year("2017-12-31", "2018-01-10", NULL));
	assert_true(numbering_same_year("2017-12-31", "2018-01-10", "05-01"));
	assert_false(numbering_same_year("2018-04-30", "2018-05-01", "05-01"));
	assert_true(numbering_same_year("2018-05-01", "2019-04-30", "05-01"));
}

static void test_next_and_assign(void **state)
{
	(void)state;
	struct minutes *m = minutes_new("Planning Committee", "2018-06-12");
	struct minutes_item *a = minutes_add_item(m, "3", "Minutes");
	struct minutes_item *b = minutes_add_item(m, "7", "Elm Road");
	struct minutes_item *c = minutes_add_item(m, "9", "Mill Lane");
	/* The first of the year: 1; after earlier meetings reaching 40: 41. */
	assert_int_equal(numbering_next(m, 0), 1);
	assert_int_equal(numbering_next(m, 40), 41);
	assert_true(numbering_assign(m, a, 40));
	assert_int_equal(a->minute, 41);
	/* Given once: taking the item again keeps its number. */
	assert_false(numbering_assign(m, a, 40));
	assert_int_equal(a->minute, 41);
	/* A deferred item gets none. */
	b->status = ITEM_DEFERRED;
	assert_false(numbering_assign(m, b, 40));
	assert_int_equal(b->minute, 0);
	/* Numbers follow the order items are taken in, not the agenda's. */
	assert_true(numbering_assign(m, c, 40));
	assert_int_equal(c->minute, 42);
	assert_int_equal(numbering_highest(m), 42);
	/* Withdrawn after it had a number: the number goes. */
	c->status = ITEM_WITHDRAWN;
	assert_true(numbering_assign(m, c, 40));
	assert_int_equal(c->minute, 0);
	/* Earlier meetings' numbers never lower this meeting's. */
	assert_int_equal(numbering_next(m, 5), 42);
	minutes_free(m);
}

/* ---- the earlier meetings' numbers, from the repository ---- */

static const char *minutes_with(const char *date, unsigned minute)
{
	static char b[512];
	snprintf(b, sizeof(b), "format: gavel-minutes/2\ncommittee: Planning Committee\n"
		 "date: %s\nstatus: draft\nitems:\n  - number: \"3\"\n    title: Minutes\n"
		 "    minute: %u\n", date, minute);
	return b;
}

static void test_lookup_across_meetings_and_years(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	char root[4096];
	snprintf(root, sizeof(root), "%s/gavel-numbering.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(root));
	struct diags d;
	diags_init(&d);
	struct archive *a = NULL;
	assert_int_equal(archive_init(&a, root, false, &d), 0);
	/* Last municipal year's April meeting (97), this year's May and an
	 * earlier meeting the same day in June (40 and 41), a later one (60),
	 * and another committee's (80). */
	struct { const char *path, *date; unsigned minute; } files[] = {
		{ "planning/2018-04-10/minutes.yaml", "2018-04-10", 97 },
		{ "planning/2018-05-15/minutes.yaml", "2018-05-15", 40 },
		{ "planning/2018-06-12/minutes.yaml", "2018-06-12", 41 },
		{ "planning/2018-07-03/minutes.yaml", "2018-07-03", 60 },
		{ "licensing/2018-06-01/minutes.yaml", "2018-06-01", 80 },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const char *text = minutes_with(files[i].date, files[i].minute);
		struct archive_file f = { files[i].path, text, strlen(text) };
		assert_int_equal(archive_commit(a, &f, 1, "a meeting", NULL, &d), 0);
	}
	unsigned hi = 99;
	/* The second meeting of 12 June follows the first. */
	assert_int_equal(minute_lookup_earlier(a, "planning/2018-06-12-2", "05-01", &hi, &d), 0);
	assert_int_equal(hi, 41);
	assert_int_equal(minute_lookup_earlier(a, "planning/2018-06-12", "05-01", &hi, &d), 0);
	assert_int_equal(hi, 40);
	/* The year began on 1 May: April's 97 is last year's. */
	assert_int_equal(minute_lookup_earlier(a, "planning/2018-05-15", "05-01", &hi, &d), 0);
	assert_int_equal(hi, 0);
	/* A calendar year (no year_starts): April counts. */
	assert_int_equal(minute_lookup_earlier(a, "planning/2018-05-15", NULL, &hi, &d), 0);
	assert_int_equal(hi, 97);
	/* A committee with no earlier meeting. */
	assert_int_equal(minute_lookup_earlier(a, "licensing/2018-06-01", NULL, &hi, &d), 0);
	assert_int_equal(hi, 0);
	archive_free(a);
	diags_free(&d);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_start),
		cmocka_unit_test(test_same_year),
		cmocka_unit_test(test_next_and_assign),
		cmocka_unit_test(test_lookup_across_meetings_and_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
