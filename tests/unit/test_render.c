/* The published forms of a contested planning meeting built in memory:
 * the set phrases of council minutes, and exempt business kept out of
 * every public form unless asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tui/render/render.h"

#define PLANTED "Zanzibarquux"

static void set(char **dst, const char *s)
{
	record_text_set(dst, s);
}

static struct minutes *planning(void)
{
	struct minutes *m = minutes_new("Planning Committee", "2018-06-12");
	strcpy(m->start, "18:02");
	strcpy(m->end, "20:41");
	people_add(&m->present, "Cllr Alex Morgan", "Chair");
	struct person *p = people_add(&m->present, "Cllr Tariq Jabbar", NULL);
	strcpy(p->arrived, "18:25");
	set(&p->arrived_during, "3");
	strcpy(p->left, "20:05");
	set(&p->left_during, "9");
	p = people_add(&m->present, "Cllr Dombey", NULL);
	set(&p->substitute_for, "Cllr Jo Reid");
	people_add(&m->present, "Cllr Zoë Ní Bhriain", NULL);
	people_add(&m->apologies, "Cllr Jo Reid", NULL);
	people_add(&m->absent, "Cllr Sam Patel", NULL);
	people_add(&m->in_attendance, "Rebecca Cox", "Head of Planning");
	struct declaration *d = minutes_add_declaration(m, "Cllr Tariq Jabbar", "9",
							"Owns land adjoining the site");
	d->kind = DECL_PECUNIARY;
	d->left_room = true;

	struct minutes_item *it = minutes_add_item(m, "3", "Minutes of the previous meeting");
	it->minute = 41;
	set(&it->decision, "RESOLVED: that the minutes be approved as a correct record.");
	it = minutes_add_item(m, "5", "Matters arising");
	it->minute = 43;
	minutes_item_add_update(it, "2018-05-15/2", UPDATE_DONE, "Circulated on 1 June.");
	it = minutes_add_item(m, "5a", "Street naming, Orchard Way");
	it->minute = 44;
	it->urgent = true;
	set(&it->decision, "RESOLVED: that the name Orchard Way be approved.");
	it = minutes_add_item(m, "7", "Tree preservation order, Elm Road");
	it->status = ITEM_DEFERRED;
	set(&it->reason, "Awaiting the arboricultural report");
	it = minutes_add_item(m, "8", "Land at Station Road");
	it->minute = 45;
	set(&it->summary, "The officer presented the report.\n\nMembers debated the height.");
	struct motion *mo = minutes_item_add_motion(it, "That planning permission be refused.",
						    "Cllr Sam Patel", "Cllr Alex Morgan");
	struct amendment *a = minutes_motion_add_amendment(
		mo, "That the decision be deferred for a site visit.", "Cllr Dombey",
		"Cllr Tariq Jabbar");
	a->votes.n_for = 1;
	a->votes.n_against = 2;
	names_add(&a->votes.recorded.voted_for, "Cllr Dombey");
	names_add(&a->votes.recorded.against, "Cllr Alex Morgan");
	names_add(&a->votes.recorded.against, "Cllr Zoë Ní Bhriain");
	a->outcome = OUTCOME_LOST;
	mo->votes.n_for = 3;
	mo->votes.n_against = 0;
	mo->votes.n_abstained = 1;
	mo->outcome = OUTCOME_CARRIED;
	set(&it->decision, "RESOLVED: that planning permission be refused.");
	minutes_item_add_action(it, "Issue the decision notice.", "Rebecca Cox", "2018-06-19");
	it = minutes_add_item(m, "9", "Land at Mill Lane");
	it->minute = 46;
	set(&it->exempt, "Local Government Act 1972, Schedule 12A, paragraph 3");
	set(&it->summary, "The valuer's figure was " PLANTED ".");
	minutes_item_add_comment(it, "Secret " PLANTED, "Cllr Alex Morgan");
	set(&it->decision, "RESOLVED: " PLANTED);
	minutes_item_add_action(it, "Negotiate " PLANTED, "Rebecca Cox", NULL);
	return m;
}

static const struct render_origin origin = { "0123456789abcdef0123456789abcdef01234567",
					      "2018-06-13T09:00:00+01:00" };

static char *text_of(const struct minutes *m, const struct render_opts *o, int form)
{
	struct buf b = BUF_INIT;
	if (form == 0)
		render_text(m, NULL, &origin, o, 200, &b);
	else if (form == 1)
		render_markdown(m, NULL, &origin, o, &b);
	else
		render_html(m, NULL, &origin, NULL, o, &b);
	return buf_detach(&b, NULL);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("missing: %s\nin:\n%s", needle, hay);
}

static void phrases(void **state)
{
	(void)state;
	struct minutes *m = planning();
	char *t = text_of(m, NULL, 0);
	assert_has(t, "Minutes of the meeting held on Tuesday 12 June 2018, 18:02 to 20:41");
	assert_has(t, "Present: Cllr Alex Morgan (Chair), Cllr Tariq Jabbar, Cllr Dombey "
		   "(substituting for Cllr Jo Reid), Cllr Zoë Ní Bhriain");
	assert_has(t, "Apologies: Cllr Jo Reid\nAbsent: Cllr Sam Patel\n"
		   "In attendance: Rebecca Cox (Head of Planning)\n");
	assert_has(t, "Cllr Jabbar arrived at 18:25, during item 3.\n"
		   "Cllr Jabbar left at 20:05, during item 9.\n");
	assert_has(t, "Cllr Tariq Jabbar, item 9 (Land at Mill Lane): Owns land adjoining "
		   "the site. A disclosable pecuniary interest. Cllr Jabbar left the room "
		   "for the item.");
	assert_has(t, "\n41. Minutes of the previous meeting\n(agenda item 3)\n");
	assert_has(t, "\n44. Street naming, Orchard Way (urgent business)\n(agenda item 5a)\n");
	assert_has(t, "Action 2018-05-15/2: done \xe2\x80\x94 Circulated on 1 June.");
	assert_has(t, "\nTree preservation order, Elm Road\n(agenda item 7)\n\nThis item was deferred. "
		   "Reason: Awaiting the arboricultural report.\n");
	assert_has(t, "Motion: That planning permission be refused.\n\n"
		   "Amendment: That the decision be deferred for a site visit.\n"
		   "The amendment, moved by Cllr Dombey and seconded by Cllr Jabbar, was put "
		   "to the vote and LOST (1 for, 2 against).\n"
		   "A recorded vote was taken.\nFor: Cllr Dombey\n"
		   "Against: Cllr Alex Morgan, Cllr Zoë Ní Bhriain\n\n"
		   "The substantive motion, moved by Cllr Patel and seconded by Cllr Morgan, "
		   "was put to the vote and CARRIED (3 for, 0 against, 1 abstention).\n");
	assert_has(t, "RESOLVED: that planning permission be refused.\n\n"
		   "Action: Issue the decision notice (Rebecca Cox, by 19 June 2018).\n");
	assert_has(t, "\n46. Land at Mill Lane\n(agenda item 9)\n\nExempt from publication: "
		   "Local Government Act 1972, Schedule 12A, paragraph 3.\n\n"
		   "Exempt item: minute not for publication.\n");
	assert_null(strstr(t, "introduced"));
	free(t);
	minutes_free(m);
}

static void exempt_kept_out(void **state)
{
	(void)state;
	struct minutes *m = planning();
	for (int form = 0; form < 3; form++) {
		char *t = text_of(m, NULL, form);
		assert_null(strstr(t, PLANTED));
		assert_has(t, "Exempt item: minute not for publication.");
		assert_has(t, "Schedule 12A, paragraph 3");
		free(t);
		struct render_opts o = { .include_exempt = true };
		t = text_of(m, &o, form);
		assert_non_null(strstr(t, PLANTED));
		assert_null(strstr(t, "Exempt item: minute not for publication."));
		free(t);
	}
	/* The agenda's word is enough: an item whose minutes lack it. */
	free(m->items[5]->exempt);
	m->items[5]->exempt = NULL;
	struct agenda *ag = agenda_new("Planning Committee", "2018-06-12");
	struct agenda_item *ai = agenda_add_item(ag, "9", "Land at Mill Lane");
	record_text_set(&ai->exempt, "Paragraph 3");
	struct buf b = BUF_INIT;
	render_html(m, ag, &origin, NULL, NULL, &b);
	assert_null(strstr(b.data, PLANTED));
	buf_free(&b);
	agenda_free(ag);
	minutes_free(m);
}

static void html_paragraphs(void **state)
{
	(void)state;
	struct minutes *m = planning();
	char *t = text_of(m, NULL, 2);
	assert_has(t, "<p>The officer presented the report.</p>\n"
		   "<p>Members debated the height.</p>\n");
	assert_has(t, "<p>Action: Issue the decision notice (Rebecca Cox, by 19 June 2018).</p>");
	free(t);
	t = text_of(m, NULL, 1);
	assert_has(t, "The officer presented the report.\n\nMembers debated the height.\n");
	assert_has(t, "\n## 46. Land at Mill Lane\n");
	free(t);
	minutes_free(m);
}

static void short_names(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "Cllr Abdul Jabbar", "Cllr Jabbar" },
		{ "Cllr Zoë Ní Bhriain", "Cllr Ní Bhriain" },
		{ "Councillor Jo van der Berg", "Councillor van der Berg" },
		{ "Cllr Dombey", "Cllr Dombey" },
		{ "Peter Fenn", "Peter Fenn" },
		{ "Mr Peter Fenn", "Mr Fenn" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct buf b = BUF_INIT;
		render_short_name(&b, cases[i][0]);
		assert_string_equal(b.data, cases[i][1]);
		buf_free(&b);
	}
}

/* An item never taken says so, whatever part of the record would have
 * made it taken; deferred and withdrawn items keep their own words. */
static void untaken(void **state)
{
	(void)state;
	struct minutes *m = minutes_new("Board", "2018-06-12");
	struct minutes_item *it = minutes_add_item(m, "4", "Tackling loneliness");
	people_add(&it->presenters, "Peter Fenn", NULL);
	set(&it->exempt, "Paragraph 1");
	assert_true(minutes_item_untaken(it));
	struct buf b = BUF_INIT;
	/* Minutes not yet begun (made from the agenda) say nothing of it. */
	assert_false(minutes_under_way(m));
	assert_false(render_item_fate(&b, m, it));
	assert_int_equal(b.len, 0);
	/* Once the meeting has ended, it was not taken. */
	strcpy(m->end, "12:30");
	assert_true(minutes_under_way(m));
	assert_true(render_item_fate(&b, m, it));
	assert_string_equal(b.data, RENDER_UNTAKEN_LINE);
	buf_reset(&b);
	/* Each part of the record alone makes the item taken. */
	for (int k = 0; k < 8; k++) {
		struct minutes_item *t = minutes_add_item(m, "9", "Taken");
		switch (k) {
		case 0: strcpy(t->started, "11:00"); break;
		case 1: strcpy(t->ended, "11:10"); break;
		case 2: t->minute = 3; break;
		case 3: set(&t->summary, "Said."); break;
		case 4: minutes_item_add_comment(t, "A comment.", NULL); break;
		case 5: set(&t->decision, "Noted."); break;
		case 6: t->votes_against = 1; break;
		default: minutes_item_add_action(t, "Act.", NULL, NULL); break;
		}
		assert_false(minutes_item_untaken(t));
		assert_false(render_item_fate(&b, m, t));
		assert_int_equal(b.len, 0);
	}
	it->status = ITEM_DEFERRED;
	assert_false(minutes_item_untaken(it));
	assert_true(render_item_fate(&b, m, it));
	assert_string_equal(b.data, "This item was deferred.");
	buf_free(&b);
	it->status = ITEM_TAKEN;
	for (int form = 0; form < 3; form++) {
		char *t = text_of(m, NULL, form);
		assert_has(t, RENDER_UNTAKEN_LINE);
		assert_has(t, RENDER_EXEMPT_LINE);
		/* Once, under the one item never taken. */
		assert_null(strstr(strstr(t, RENDER_UNTAKEN_LINE) + 1, RENDER_UNTAKEN_LINE));
		free(t);
	}
	minutes_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phrases),
		cmocka_unit_test(exempt_kept_out),
		cmocka_unit_test(html_paragraphs),
		cmocka_unit_test(short_names),
		cmocka_unit_test(untaken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
