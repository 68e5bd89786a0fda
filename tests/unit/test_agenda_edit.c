/*
 * test_agenda_edit: the agenda screen's model with no terminal: a new
 * agenda from standard items, items added, removed, moved, renumbered,
 * fields checked, and the minutes kept in step with each change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/edit/agenda_edit.h"
#include "tui/edit/agenda_edit_committee.h"

static struct buf what = BUF_INIT, err = BUF_INIT;

static int teardown(void **state)
{
	(void)state;
	buf_free(&what);
	buf_free(&err);
	return 0;
}

/* An agenda of n items titled "Item N", numbered 1..n, and its minutes. */
static struct agenda_edit make(size_t n)
{
	struct agenda_edit e;
	e.agenda = agenda_new("Planning Committee", "2018-06-12");
	for (size_t i = 0; i < n; i++) {
		char num[8], title[16];
		snprintf(num, sizeof(num), "%zu", i + 1);
		snprintf(title, sizeof(title), "Item %zu", i + 1);
		agenda_add_item(e.agenda, num, title);
	}
	e.minutes = minutes_from_agenda(e.agenda, NULL);
	return e;
}

static void done(struct agenda_edit *e)
{
	agenda_free(e->agenda);
	minutes_free(e->minutes);
}

/* "1:Item 1,2:Item 2" for the agenda, and the same for the minutes. */
static const char *order(const struct agenda_edit *e, bool minutes)
{
	static struct buf b = BUF_INIT;
	buf_reset(&b);
	size_t n = minutes ? e->minutes->nitems : e->agenda->nitems;
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s:%s", i ? "," : "",
			 minutes ? e->minutes->items[i]->number : e->agenda->items[i].number,
			 minutes ? e->minutes->items[i]->title : e->agenda->items[i].title);
	return b.data ? b.data : "";
}

static void test_start_default(void **state)
{
	(void)state;
	struct agenda *a = agenda_edit_start("Board", "2018-06-12", NULL, "board/2018-05-15");
	assert_int_equal(a->nitems, 5);
	assert_string_equal(a->items[0].title, "Apologies for absence");
	assert_string_equal(a->items[2].number, "3");
	assert_string_equal(a->items[2].confirms, "board/2018-05-15");
	assert_string_equal(a->items[4].title, "Any other business");
	agenda_free(a);
	/* A first meeting has no minutes to confirm. */
	a = agenda_edit_start("Board", "2018-06-12", NULL, NULL);
	assert_int_equal(a->nitems, 4);
	assert_string_equal(a->items[2].title, "Matters arising");
	assert_string_equal(a->items[2].number, "3");
	agenda_free(a);
}

static void test_start_standard(void **state)
{
	(void)state;
	struct committee *c = committee_new("Board");
	committee_add_standard(c, "Welcome", "For information", STANDARD_PLAIN);
	committee_add_standard(c, "Last minutes", NULL, STANDARD_MINUTES);
	struct agenda *a = agenda_edit_start("Board", "2018-06-12", c, "board/2018-05-15");
	assert_int_equal(a->nitems, 2);
	assert_string_equal(a->items[0].purpose, "For information");
	assert_string_equal(a->items[1].confirms, "board/2018-05-15");
	agenda_free(a);
	committee_free(c);
}

static void test_add_numbers_and_places(void **state)
{
	(void)state;
	struct agenda_edit e = make(3);
	/* Numbered in its place: the items after it go one up. */
	assert_int_equal(agenda_edit_add(&e, 1, "Budget", &what, &err), 0);
	assert_string_equal(what.data, "item 2 added: Budget (the items after it renumbered)");
	assert_string_equal(order(&e, false), "1:Item 1,2:Budget,3:Item 2,4:Item 3");
	assert_string_equal(order(&e, true), "1:Item 1,2:Budget,3:Item 2,4:Item 3");
	buf_reset(&what);
	assert_int_equal(agenda_edit_add(&e, 99, "Last", &what, &err), 0);
	assert_string_equal(what.data, "item 5 added: Last");
	assert_string_equal(order(&e, true), "1:Item 1,2:Budget,3:Item 2,4:Item 3,5:Last");
	assert_int_equal(agenda_edit_add(&e, 0, "First", NULL, &err), 0);
	assert_string_equal(order(&e, false),
			    "1:First,2:Item 1,3:Budget,4:Item 2,5:Item 3,6:Last");
	assert_int_equal(agenda_edit_add(&e, 0, "", NULL, &err), -1);
	assert_string_equal(err.data, "the title cannot be empty");
	done(&e);
}

static void test_add_follows_references_and_urgent(void **state)
{
	(void)state;
	struct agenda_edit e = make(3);
	/* Urgent business taken after item 2, a declaration on item 3, a
	 * member who arrived during item 2, and a sub-item "3a". */
	struct minutes_item *u = minutes_insert_item(e.minutes, 2, "2a", "Flood");
	u->urgent = true;
	minutes_add_declaration(e.minutes, "Cllr Patel", "3", "Trustee");
	struct person *p = people_add(&e.minutes->present, "Cllr Reid", NULL);
	p->arrived_during = xstrdup("2");
	assert_int_equal(agenda_edit_add(&e, 3, "Sub", NULL, &err), 0);
	assert_int_equal(agenda_edit_set(&e, 3, AF_NUMBER, "3a", NULL, &err), 0);
	assert_int_equal(agenda_edit_add(&e, 1, "Budget", NULL, &err), 0);
	assert_string_equal(order(&e, false), "1:Item 1,2:Budget,3:Item 2,4:Item 3,4a:Sub");
	assert_string_equal(order(&e, true),
			    "1:Item 1,2:Budget,3:Item 2,3a:Flood,4:Item 3,4a:Sub");
	assert_string_equal(e.minutes->declarations[0].item, "4");
	assert_string_equal(e.minutes->present.v[0].arrived_during, "3");
	/* Numbers out of order before the place: one past the highest, as n
	 * will put right. */
	assert_int_equal(agenda_edit_move(&e, 0, 1, NULL, &err), 0);   /* 2, 1, 3... */
	buf_reset(&what);
	assert_int_equal(agenda_edit_add(&e, 2, "Late", &what, &err), 0);
	assert_string_equal(order(&e, false),
			    "2:Budget,1:Item 1,5:Late,3:Item 2,4:Item 3,4a:Sub");
	assert_string_equal(what.data, "item 5 added: Late");
	done(&e);
}

static void test_remove_refused_with_minutes(void **state)
{
	(void)state;
	struct agenda_edit e = make(3);
	e.minutes->items[1]->summary = xstrdup("Discussed.");
	assert_int_equal(agenda_edit_remove(&e, 1, &what, &err), -1);
	assert_non_null(strstr(err.data, "item 2 (Item 2) already has minutes"));
	assert_int_equal(e.agenda->nitems, 3);
	buf_reset(&what);
	assert_int_equal(agenda_edit_remove(&e, 2, &what, &err), 0);
	assert_string_equal(what.data, "item 3 removed: Item 3");
	assert_string_equal(order(&e, false), "1:Item 1,2:Item 2");
	assert_string_equal(order(&e, true), "1:Item 1,2:Item 2");
	/* Every kind of record counts. */
	struct minutes_item *it = e.minutes->items[0];
	it->status = ITEM_DEFERRED;
	assert_true(agenda_edit_item_has_minutes(it));
	it->status = ITEM_TAKEN;
	assert_false(agenda_edit_item_has_minutes(it));
	minutes_item_add_action(it, "Do it", NULL, NULL);
	assert_true(agenda_edit_item_has_minutes(it));
	done(&e);
}

static void test_move_keeps_urgent_in_place(void **state)
{
	(void)state;
	struct agenda_edit e = make(3);
	/* An urgent item taken after item 1. */
	struct minutes_item *u = minutes_insert_item(e.minutes, 1, "U", "Flood");
	u->urgent = true;
	assert_int_equal(agenda_edit_move(&e, 0, 1, &what, &err), 0);
	assert_string_equal(order(&e, false), "2:Item 2,1:Item 1,3:Item 3");
	assert_string_equal(order(&e, true), "2:Item 2,1:Item 1,U:Flood,3:Item 3");
	assert_int_equal(agenda_edit_move(&e, 0, -1, NULL, &err), -1);
	assert_string_equal(err.data, "the item is first already");
	assert_int_equal(agenda_edit_move(&e, 2, 1, NULL, &err), -1);
	done(&e);
}

static void test_renumber_follows_references(void **state)
{
	(void)state;
	struct agenda_edit e = make(3);
	agenda_edit_move(&e, 2, -1, NULL, &err);    /* 1, 3, 2 */
	minutes_add_declaration(e.minutes, "Cllr Patel", "3", "Trustee");
	struct person *p = people_add(&e.minutes->present, "Cllr Reid", NULL);
	p->arrived_during = xstrdup("2");
	buf_reset(&what);
	assert_int_equal(agenda_edit_renumber(&e, &what, &err), 0);
	assert_string_equal(what.data, "items renumbered 1 to 3");
	assert_string_equal(order(&e, false), "1:Item 1,2:Item 3,3:Item 2");
	assert_string_equal(order(&e, true), "1:Item 1,2:Item 3,3:Item 2");
	assert_string_equal(e.minutes->declarations[0].item, "2");
	assert_string_equal(e.minutes->present.v[0].arrived_during, "3");
	/* In order already: nothing to say. */
	buf_reset(&what);
	assert_int_equal(agenda_edit_renumber(&e, &what, &err), 0);
	assert_int_equal(what.len, 0);
	done(&e);
}

static void test_set_fields_checked(void **state)
{
	(void)state;
	struct agenda_edit e = make(2);
	assert_int_equal(agenda_edit_set(&e, 0, AF_NUMBER, "2", NULL, &err), -1);
	assert_string_equal(err.data, "item 2 is on the agenda already (\"Item 2\")");
	assert_int_equal(agenda_edit_set(&e, 0, AF_NUMBER, "1a", &what, &err), 0);
	assert_string_equal(e.minutes->items[0]->number, "1a");
	assert_int_equal(agenda_edit_set(&e, 0, AF_TITLE, "Budget 2019", NULL, &err), 0);
	assert_string_equal(e.minutes->items[0]->title, "Budget 2019");
	assert_int_equal(agenda_edit_set(&e, 0, AF_TITLE, " x", NULL, &err), -1);
	assert_int_equal(agenda_edit_set(&e, 1, AF_EXEMPT, "Schedule 12A, paragraph 3",
					 NULL, &err), 0);
	assert_string_equal(e.minutes->items[1]->exempt, "Schedule 12A, paragraph 3");
	assert_int_equal(agenda_edit_set(&e, 1, AF_CONFIRMS, "nonsense", NULL, &err), -1);
	assert_int_equal(agenda_edit_set(&e, 1, AF_CONFIRMS, "planning-committee/2019-01-01",
					 NULL, &err), -1);
	assert_int_equal(agenda_edit_set(&e, 1, AF_CONFIRMS, "planning-committee/2018-05-15",
					 NULL, &err), 0);
	assert_int_equal(agenda_edit_set(&e, 1, AF_PURPOSE, "For decision", NULL, &err), 0);
	assert_int_equal(agenda_edit_set(&e, 1, AF_PURPOSE, "", NULL, &err), 0);
	assert_null(e.agenda->items[1].purpose);
	assert_int_equal(agenda_edit_set_meeting(&e, AM_START, "25:00", NULL, &err), -1);
	assert_int_equal(agenda_edit_set_meeting(&e, AM_START, "18:30", NULL, &err), 0);
	assert_string_equal(e.minutes->start, "18:30");
	assert_int_equal(agenda_edit_set_meeting(&e, AM_VENUE, "Town Hall", NULL, &err), 0);
	assert_string_equal(e.minutes->venue, "Town Hall");
	done(&e);
}

static void test_presenters_and_documents(void **state)
{
	(void)state;
	struct agenda_edit e = make(1);
	assert_int_equal(agenda_edit_add_presenter(&e, 0, "Peter Fenn", "MHCLG", NULL, &err), 0);
	assert_int_equal(agenda_edit_add_presenter(&e, 0, "Peter Fenn", NULL, NULL, &err), -1);
	assert_int_equal(e.minutes->items[0]->presenters.n, 1);
	assert_int_equal(agenda_edit_add_document(&e, 0, "Green paper", "docs/green.pdf",
						  NULL, &err), 0);
	assert_int_equal(agenda_edit_add_document(&e, 0, "Site", "https://example.org/x",
						  NULL, &err), 0);
	assert_int_equal(agenda_edit_add_document(&e, 0, "Bad", "../etc/passwd", NULL, &err), -1);
	assert_int_equal(agenda_edit_add_document(&e, 0, "Bad", "/etc/passwd", NULL, &err), -1);
	assert_int_equal(agenda_edit_add_document(&e, 0, "Bad", "ftp://x/y", NULL, &err), -1);
	assert_int_equal(e.minutes->items[0]->documents.n, 2);
	assert_int_equal(agenda_edit_remove_document(&e, 0, 0, NULL, &err), 0);
	assert_string_equal(e.minutes->items[0]->documents.v[0].title, "Site");
	/* Presenters the clerk changed in the minutes are the clerk's. */
	people_add(&e.minutes->items[0]->presenters, "Penny Hobman", NULL);
	assert_int_equal(agenda_edit_remove_presenter(&e, 0, 0, NULL, &err), 0);
	assert_int_equal(e.agenda->items[0].presenters.n, 0);
	assert_int_equal(e.minutes->items[0]->presenters.n, 2);
	done(&e);
}

static void test_sync_whole(void **state)
{
	(void)state;
	struct agenda_edit e = make(3);
	e.minutes->items[2]->summary = xstrdup("Kept.");
	/* The agenda file changed some other way: 2 and 3 gone, 4 new. */
	struct agenda *a = agenda_new("Planning Committee", "2018-06-12");
	agenda_add_item(a, "4", "New");
	agenda_add_item(a, "1", "Item 1");
	agenda_free(e.agenda);
	e.agenda = a;
	assert_int_equal(agenda_edit_sync(&e), 2);
	/* Item 3 keeps its place after item 1, which it followed. */
	assert_string_equal(order(&e, true), "4:New,1:Item 1,3:Item 3");
	done(&e);
}

static void test_presenter_choices(void **state)
{
	(void)state;
	struct agenda_edit e = make(1);
	struct committee *c = committee_new("Board");
	people_add(&c->members, "Cllr Morgan", "Chair");
	struct people earlier = { 0 };
	people_add(&earlier, "Peter Fenn", "MHCLG");
	people_add(&earlier, "Cllr Morgan", NULL);
	agenda_edit_add_presenter(&e, 0, "Rebecca Cox", NULL, NULL, &err);
	const struct person **v;
	size_t n = agenda_edit_presenter_choices(&e, c, &earlier, &v);
	assert_int_equal(n, 3);
	assert_string_equal(v[0]->name, "Cllr Morgan");
	assert_string_equal(v[1]->name, "Peter Fenn");
	assert_string_equal(v[2]->name, "Rebecca Cox");
	free(v);
	people_free(&earlier);
	committee_free(c);
	done(&e);
}

static void test_committee_fields(void **state)
{
	(void)state;
	struct committee *c = committee_new("Board");
	buf_reset(&what);
	assert_int_equal(committee_edit_set(c, CF_MEMBER, 0, "Cllr Morgan, Chair", &what, &err), 0);
	assert_string_equal(what.data, "member Cllr Morgan added");
	assert_string_equal(c->members.v[0].role, "Chair");
	assert_int_equal(committee_edit_set(c, CF_MEMBER, 1, "Cllr Morgan", NULL, &err), -1);
	assert_string_equal(err.data, "Cllr Morgan is a member already");
	assert_int_equal(committee_edit_set(c, CF_MEMBER, 1, "Cllr Patel", NULL, &err), 0);
	assert_null(c->members.v[1].role);
	assert_int_equal(committee_edit_set(c, CF_QUORUM, 0, "3", NULL, &err), -1);
	assert_string_equal(err.data, "a quorum of 3 is more than the 2 members");
	assert_int_equal(committee_edit_set(c, CF_QUORUM, 0, "0", NULL, &err), -1);
	assert_int_equal(committee_edit_set(c, CF_QUORUM, 0, "2", NULL, &err), 0);
	assert_int_equal(c->quorum, 2);
	assert_int_equal(committee_edit_remove(c, CF_MEMBER, 1, NULL, &err), -1);
	assert_non_null(strstr(err.data, "lower it first"));
	assert_int_equal(committee_edit_set(c, CF_YEAR_STARTS, 0, "02-29", NULL, &err), -1);
	assert_int_equal(committee_edit_set(c, CF_YEAR_STARTS, 0, "13-01", NULL, &err), -1);
	assert_int_equal(committee_edit_set(c, CF_YEAR_STARTS, 0, "05-01", NULL, &err), 0);
	assert_string_equal(c->year_starts, "05-01");
	assert_int_equal(committee_edit_set(c, CF_PHRASE, 0, "Noted.", NULL, &err), 0);
	assert_int_equal(committee_edit_set(c, CF_PHRASE, 0, "", NULL, &err), -1);
	assert_int_equal(committee_edit_set(c, CF_STANDARD, 0, "Apologies", NULL, &err), 0);
	buf_reset(&what);
	assert_int_equal(committee_edit_next_kind(c, 0, &what, &err), 0);
	assert_string_equal(what.data, "standard item 1: kind minutes");
	assert_int_equal(c->standard_items[0].kind, STANDARD_MINUTES);
	for (int k = 0; k < 5; k++)
		committee_edit_next_kind(c, 0, NULL, &err);
	assert_int_equal(c->standard_items[0].kind, STANDARD_PLAIN);
	assert_int_equal(committee_edit_remove(c, CF_STANDARD, 0, NULL, &err), 0);
	assert_int_equal(c->nstandard, 0);
	char *v = committee_edit_value(c, CF_MEMBER, 0);
	assert_string_equal(v, "Cllr Morgan, Chair");
	free(v);
	assert_int_equal(committee_edit_set(c, CF_NAME, 0, "", NULL, &err), -1);
	committee_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_default),
		cmocka_unit_test(test_start_standard),
		cmocka_unit_test(test_add_numbers_and_places),
		cmocka_unit_test(test_add_follows_references_and_urgent),
		cmocka_unit_test(test_remove_refused_with_minutes),
		cmocka_unit_test(test_move_keeps_urgent_in_place),
		cmocka_unit_test(test_renumber_follows_references),
		cmocka_unit_test(test_set_fields_checked),
		cmocka_unit_test(test_presenters_and_documents),
		cmocka_unit_test(test_sync_whole),
		cmocka_unit_test(test_presenter_choices),
		cmocka_unit_test(test_committee_fields),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
