/*
 * test_open_actions: which actions of earlier meetings are still open
 * (open_actions_of): an update's status by meeting date, the last one
 * winning; in progress stays open with its note; format 1's done: date
 * is done; actions without an id are not listed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "minutes/model/open_actions.h"
#include "tui/edit/form_arising.h"

static struct action *act(struct minutes_item *it, const char *id, const char *text)
{
	struct action *a = minutes_item_add_action(it, text, "Ann Lee", "2018-06-01");
	if (id)
		a->id = strdup(id);
	return a;
}

static void test_latest_update_by_date(void **state)
{
	(void)state;
	struct minutes *m1 = minutes_new("Board", "2018-03-14");
	struct minutes *m2 = minutes_new("Board", "2018-04-18");
	struct minutes *m3 = minutes_new("Board", "2018-05-16");
	struct minutes_item *i1 = minutes_add_item(m1, "4", "Budget");
	act(i1, "2018-03-14/1", "Circulate the budget");
	act(i1, "2018-03-14/2", "Book the hall");
	act(i1, "2018-03-14/3", "Write to the council");
	act(i1, NULL, "A format-1 action without an id");
	struct action *d = act(i1, "2018-03-14/4", "Done in format 1");
	strcpy(d->done, "2018-03-20");
	struct minutes_item *i2 = minutes_add_item(m2, "5", "Matters arising");
	minutes_item_add_update(i2, "2018-03-14/1", UPDATE_DONE, NULL);
	minutes_item_add_update(i2, "2018-03-14/2", UPDATE_IN_PROGRESS, "Quotes asked");
	minutes_item_add_update(i2, "2018-03-14/3", UPDATE_DONE, "Sent");
	act(i2, "2018-04-18/1", "Order chairs");
	/* The third meeting, given first: the date orders them.  It opens
	 * the third again (in progress) and drops the second. */
	struct minutes_item *i3 = minutes_add_item(m3, "5", "Matters arising");
	minutes_item_add_update(i3, "2018-03-14/3", UPDATE_IN_PROGRESS, "No answer yet");
	minutes_item_add_update(i3, "2018-03-14/2", UPDATE_IN_PROGRESS, "first");
	minutes_item_add_update(i3, "2018-03-14/2", UPDATE_DROPPED, NULL);
	struct open_actions_meeting v[] = {
		{ "2018-05-16", m3 }, { "2018-03-14", m1 }, { "2018-04-18", m2 },
	};
	struct open_action *o;
	size_t n;
	open_actions_of(v, 2, &o, &n);
	/* m1 and m3 without m2: m3 drops the second and opens the third. */
	assert_int_equal(n, 2);
	assert_string_equal(o[0].id, "2018-03-14/1");
	assert_string_equal(o[1].id, "2018-03-14/3");
	assert_true(o[1].in_progress);
	open_actions_free(o, n);

	open_actions_of(v + 1, 2, &o, &n);
	assert_int_equal(n, 2);
	assert_string_equal(o[0].id, "2018-03-14/2");
	assert_true(o[0].in_progress);
	assert_string_equal(o[0].note, "Quotes asked");
	assert_string_equal(o[0].updated, "2018-04-18");
	assert_string_equal(o[0].folder, "2018-03-14");
	assert_string_equal(o[0].item, "4");
	assert_string_equal(o[0].owner, "Ann Lee");
	assert_string_equal(o[0].due, "2018-06-01");
	assert_string_equal(o[1].id, "2018-04-18/1");
	assert_false(o[1].in_progress);
	assert_null(o[1].note);
	open_actions_free(o, n);

	open_actions_of(v, 3, &o, &n);
	assert_int_equal(n, 2);
	assert_string_equal(o[0].id, "2018-03-14/3");
	assert_true(o[0].in_progress);
	assert_string_equal(o[0].note, "No answer yet");
	assert_string_equal(o[1].id, "2018-04-18/1");
	open_actions_free(o, n);
	minutes_free(m1);
	minutes_free(m2);
	minutes_free(m3);
}

static void test_nothing(void **state)
{
	(void)state;
	struct open_action *o = (void *)1;
	size_t n = 7;
	open_actions_of(NULL, 0, &o, &n);
	assert_int_equal(n, 0);
	open_actions_free(o, n);
}

/* The item the clerk's screen calls matters arising. */
static void test_arising_title(void **state)
{
	(void)state;
	assert_true(arising_title("Matters arising"));
	assert_true(arising_title("MATTERS ARISING"));
	assert_true(arising_title("Matters arising from the minutes"));
	assert_false(arising_title("Matters arising elsewhere"));
	assert_false(arising_title("Minutes of the previous meeting"));
	assert_false(arising_title(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_update_by_date),
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_arising_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
