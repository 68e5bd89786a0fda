/*
 * test_numbering: minute numbers through a committee's year
 * (minutes/model/numbering.c): where the year starts, which dates share
 * it, the next number continuing from earlier meetings, and that a
 * withdrawn or deferred item gets none.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_start),
		cmocka_unit_test(test_same_year),
		cmocka_unit_test(test_next_and_assign),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
