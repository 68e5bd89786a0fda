/*
 * test_form_roll: the attendance list the clerk's screen starts from
 * (tui/edit/form_roll.c).  The agenda's chair and presenters are listed
 * once: "Cllr Simon Blackburn" in the agenda is the committee's member
 * "Simon Blackburn", not a second person marked absent in the minutes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/model/minutes.h"
#include "tui/edit/form_roll.h"

static bool listed(const struct people *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return true;
	return false;
}

static void test_chair_with_title_is_the_member(void **state)
{
	(void)state;
	struct committee *c = committee_new("Communities Board");
	people_add(&c->members, "Simon Blackburn", "Chair");
	people_add(&c->members, "Jo Reid", NULL);
	struct agenda *ag = agenda_new("Communities Board", "2018-03-14");
	ag->chair = strdup("Cllr Simon Blackburn");
	struct agenda_item *it = agenda_add_item(ag, "1", "Integrated Communities Strategy");
	people_add(&it->presenters, "Peter Fenn", "MHCLG");
	people_add(&it->presenters, "Councillor Jo Reid", NULL);
	struct minutes *m = minutes_new("Communities Board", "2018-03-14");
	people_add(&m->present, "Simon Blackburn", "Chair");
	people_add(&m->present, "Jo Reid", NULL);

	struct form_roll r = { 0 };
	form_roll_load(&r, c, ag, m);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.v[0].name, "Simon Blackburn");
	assert_string_equal(r.v[1].name, "Jo Reid");
	assert_string_equal(r.v[2].name, "Peter Fenn");

	form_roll_store(&r, m);
	assert_true(listed(&m->present, "Simon Blackburn"));
	assert_false(listed(&m->absent, "Cllr Simon Blackburn"));
	assert_false(listed(&m->present, "Cllr Simon Blackburn"));
	assert_false(listed(&m->absent, "Councillor Jo Reid"));

	form_roll_free(&r);
	minutes_free(m);
	agenda_free(ag);
	committee_free(c);
}

/* Two people who share a surname stay two: only the same name, with or
 * without a title, is the same person. */
static void test_different_people_stay_apart(void **state)
{
	(void)state;
	struct committee *c = committee_new("Board");
	people_add(&c->members, "Sam Fenn", NULL);
	struct agenda *ag = agenda_new("Board", "2020-01-01");
	ag->chair = strdup("Cllr Sam Fenn");
	struct agenda_item *it = agenda_add_item(ag, "1", "Report");
	people_add(&it->presenters, "Dr Peter Fenn", NULL);
	struct minutes *m = minutes_new("Board", "2020-01-01");
	struct form_roll r = { 0 };
	form_roll_load(&r, c, ag, m);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].name, "Sam Fenn");
	assert_string_equal(r.v[1].name, "Dr Peter Fenn");
	form_roll_free(&r);
	minutes_free(m);
	agenda_free(ag);
	committee_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chair_with_title_is_the_member),
		cmocka_unit_test(test_different_people_stay_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
