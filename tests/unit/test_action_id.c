/*
 * test_action_id: the stable id an action gets when it is recorded
 * (minutes_action_id_assign): "<folder>/<n>", counting from 1 across the
 * meeting's items, never the id of another action of the minutes, and
 * never changing an id an action already has.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "minutes/model/action_id.h"

static void test_counts_across_items(void **state)
{
	(void)state;
	struct minutes *m = minutes_new("Board", "2018-06-12");
	struct minutes_item *a = minutes_add_item(m, "3", "Minutes");
	struct minutes_item *b = minutes_add_item(m, "9", "Mill Lane");
	struct action *x = minutes_item_add_action(a, "One", NULL, NULL);
	minutes_action_id_assign(m, x, "2018-06-12");
	assert_string_equal(x->id, "2018-06-12/1");
	struct action *y = minutes_item_add_action(b, "Two", NULL, NULL);
	minutes_action_id_assign(m, y, "2018-06-12");
	assert_string_equal(y->id, "2018-06-12/2");
	/* Already has one: kept. */
	minutes_action_id_assign(m, y, "2018-06-12");
	assert_string_equal(y->id, "2018-06-12/2");
	/* The first removed: the next is still 3, not 1 or 2 again. */
	minutes_item_remove_action(a, 0);
	struct action *z = minutes_item_add_action(a, "Three", NULL, NULL);
	minutes_action_id_assign(m, z, "2018-06-12");
	assert_string_equal(z->id, "2018-06-12/3");
	minutes_free(m);
}

static void test_second_meeting_of_the_day(void **state)
{
	(void)state;
	struct minutes *m = minutes_new("Board", "2018-06-12");
	struct minutes_item *a = minutes_add_item(m, "1", "Business");
	struct action *x = minutes_item_add_action(a, "Other", NULL, NULL);
	x->id = strdup("2018-06-12/7");        /* an id of another folder */
	struct action *y = minutes_item_add_action(a, "Mine", NULL, NULL);
	minutes_action_id_assign(m, y, "2018-06-12-2");
	assert_string_equal(y->id, "2018-06-12-2/1");
	minutes_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_across_items),
		cmocka_unit_test(test_second_meeting_of_the_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
