/*
 * test_blame: blame covers every key of format 1's minutes.yaml
 * (docs/FORMAT.md): each is changed alone in one revision, and blame must
 * name that revision for its field and the first for every other; a
 * merge's fields are credited to the side that made them; gavel's
 * Made-by trailer joins a message's trailers without disturbing them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/audit/mdiff.h"
#include "minutes/base/buf.h"
#include "minutes/git/archive.h"
#include "minutes/model/minutes.h"

/* Minutes with every key of the format given a value. */
static struct minutes *full(void)
{
	struct minutes *m = minutes_new("Communities Board", "2018-03-14");
	snprintf(m->start, sizeof(m->start), "11:02");
	snprintf(m->end, sizeof(m->end), "12:58");
	m->venue = xstrdup("Town Hall, Committee Room 2");
	people_add(&m->present, "Cllr Alex Morgan", "Chairman");
	people_add(&m->present, "Cllr Sam Patel", NULL);
	people_add(&m->apologies, "Cllr Jo Reid", NULL);
	people_add(&m->in_attendance, "Peter Fenn", "Ministry of Housing");
	minutes_add_declaration(m, "Cllr Sam Patel", "5", "Trustee of a refugee charity");
	struct minutes_item *it = minutes_add_item(m, "5", "Integrated Communities Strategy");
	snprintf(it->started, sizeof(it->started), "11:40");
	snprintf(it->ended, sizeof(it->ended), "12:15");
	people_add(&it->presenters, "Peter Fenn", "Ministry of Housing");
	it->summary = xstrdup("The strategy builds on the Casey Review.");
	minutes_item_add_comment(it, "Some building blocks had closed.", NULL);
	minutes_item_add_comment(it, "Asked for a register.", "Cllr Jo Reid");
	it->decision = xstrdup("Members noted the presentation.");
	it->votes_for = 9;
	it->votes_against = 2;
	it->votes_abstained = 1;
	struct action *ac = minutes_item_add_action(it, "Publish it in Councillors' News.", "Peter Fenn",
						    "2018-04-30");
	snprintf(ac->done, sizeof(ac->done), "2018-04-20");
	documents_add(&it->documents, "Green paper", "green-paper.pdf");
	it = minutes_add_item(m, "6", "Any other business");
	it->status = ITEM_DEFERRED;
	return m;
}

static struct minutes_item *item5(struct minutes *m) { return m->items[0]; }

static void set(char **p, const char *v)
{
	free(*p);
	*p = v ? xstrdup(v) : NULL;
}

/* One key of the format changed, and the field blame must credit. */
struct key_change {
	const char *key;            /* as FORMAT.md names it */
	const char *label;          /* the blame field it shows in */
	const char *text;           /* its value after the change */
	void (*change)(struct minutes *m);
};

static void c_format(struct minutes *m) { m->version = 2; }
static void c_committee(struct minutes *m) { set(&m->committee, "Communities Committee"); }
static void c_date(struct minutes *m) { snprintf(m->date, sizeof(m->date), "2018-03-15"); }
static void c_start(struct minutes *m) { snprintf(m->start, sizeof(m->start), "11:05"); }
static void c_end(struct minutes *m) { snprintf(m->end, sizeof(m->end), "13:00"); }
static void c_venue(struct minutes *m) { set(&m->venue, "Council Chamber"); }
static void c_status(struct minutes *m) { m->status = MINUTES_CONFIRMED; }
static void c_cdate(struct minutes *m) { snprintf(m->confirmed_date, sizeof(m->confirmed_date), "2018-04-11"); }
static void c_cby(struct minutes *m) { set(&m->confirmed_by, "Cllr Alex Morgan"); }
static void c_present(struct minutes *m) { set(&m->present.v[0].role, "Chair"); }
static void c_apologies(struct minutes *m) { set(&m->apologies.v[0].role, "Ward member"); }
static void c_in_att(struct minutes *m) { set(&m->in_attendance.v[0].name, "Penny Hobman"); }
static void c_moved(struct minutes *m)
{
	people_remove(&m->present, 1);
	people_add(&m->apologies, "Cllr Sam Patel", NULL);
}
static void c_d_member(struct minutes *m) { set(&m->declarations[0].member, "Cllr Alex Morgan"); }
static void c_d_item(struct minutes *m) { set(&m->declarations[0].item, "6"); }
static void c_d_interest(struct minutes *m) { set(&m->declarations[0].interest, "Volunteer"); }
static void c_number(struct minutes *m) { set(&m->items[1]->number, "7"); }
static void c_title(struct minutes *m) { set(&m->items[1]->title, "Urgent business"); }
static void c_istatus(struct minutes *m) { m->items[1]->status = ITEM_WITHDRAWN; }
static void c_urgent(struct minutes *m) { m->items[1]->urgent = true; }
static void c_started(struct minutes *m) { snprintf(item5(m)->started, 6, "11:41"); }
static void c_ended(struct minutes *m) { snprintf(item5(m)->ended, 6, "12:16"); }
static void c_p_name(struct minutes *m) { set(&item5(m)->presenters.v[0].name, "Penny Hobman"); }
static void c_p_role(struct minutes *m) { set(&item5(m)->presenters.v[0].role, "MHCLG"); }
static void c_summary(struct minutes *m) { set(&item5(m)->summary, "It builds on the review."); }
static void c_c_text(struct minutes *m) { set(&item5(m)->comments[0].text, "Some building blocks closed."); }
static void c_c_by(struct minutes *m) { set(&item5(m)->comments[1].by, "Cllr Sam Patel"); }
static void c_decision(struct minutes *m) { set(&item5(m)->decision, "Members approved it."); }
static void c_v_for(struct minutes *m) { item5(m)->votes_for = 10; }
static void c_v_against(struct minutes *m) { item5(m)->votes_against = 1; }
static void c_v_abst(struct minutes *m) { item5(m)->votes_abstained = 0; }
static void c_a_text(struct minutes *m) { set(&item5(m)->actions[0].text, "Publish it in the newsletter."); }
static void c_a_owner(struct minutes *m) { set(&item5(m)->actions[0].owner, "Penny Hobman"); }
static void c_a_due(struct minutes *m) { snprintf(item5(m)->actions[0].due, 11, "2018-05-31"); }
static void c_a_done(struct minutes *m) { snprintf(item5(m)->actions[0].done, 11, "2018-05-01"); }
static void c_doc_title(struct minutes *m) { set(&item5(m)->documents.v[0].title, "White paper"); }
static void c_doc_ref(struct minutes *m) { set(&item5(m)->documents.v[0].ref, "white-paper.pdf"); }

static const struct key_change changes[] = {
	{ "format", "format", "gavel-minutes/2", c_format },
	{ "committee", "committee", "Communities Committee", c_committee },
	{ "date", "date", "2018-03-15", c_date },
	{ "start", "start", "11:05", c_start },
	{ "end", "end", "13:00", c_end },
	{ "venue", "venue", "Council Chamber", c_venue },
	{ "status", "status", "confirmed", c_status },
	{ "confirmed.date", "confirmed date", "2018-04-11", c_cdate },
	{ "confirmed.by", "confirmed by", "Cllr Alex Morgan", c_cby },
	{ "attendance.present[].role", "present", "Cllr Alex Morgan, Chair", c_present },
	{ "attendance.apologies[].role", "apologies", "Cllr Jo Reid, Ward member", c_apologies },
	{ "attendance.in_attendance[].name", "in attendance", "Penny Hobman, Ministry of Housing", c_in_att },
	{ "attendance: present -> apologies", "apologies", "Cllr Sam Patel", c_moved },
	{ "declarations[].member", "declaration 1", "Cllr Alex Morgan, item 5: Trustee of a refugee charity", c_d_member },
	{ "declarations[].item", "declaration 1", "Cllr Sam Patel, item 6: Trustee of a refugee charity", c_d_item },
	{ "declarations[].interest", "declaration 1", "Cllr Sam Patel, item 5: Volunteer", c_d_interest },
	{ "items[].number", "item 7 title", "Any other business", c_number },
	{ "items[].title", "item 6 title", "Urgent business", c_title },
	{ "items[].status", "item 6 status", "withdrawn", c_istatus },
	{ "items[].urgent", "item 6 urgent", "yes", c_urgent },
	{ "items[].started", "item 5 started", "11:41", c_started },
	{ "items[].ended", "item 5 ended", "12:16", c_ended },
	{ "items[].presenters[].name", "item 5 presenter 1", "Penny Hobman, Ministry of Housing", c_p_name },
	{ "items[].presenters[].role", "item 5 presenter 1", "Peter Fenn, MHCLG", c_p_role },
	{ "items[].summary", "item 5 summary", "It builds on the review.", c_summary },
	{ "items[].comments[].text", "item 5 comment 1", "Some building blocks closed.", c_c_text },
	{ "items[].comments[].by", "item 5 comment 2", "Cllr Sam Patel: Asked for a register.", c_c_by },
	{ "items[].decision", "item 5 decision", "Members approved it.", c_decision },
	{ "items[].votes.for", "item 5 votes", "for 10, against 2, abstained 1", c_v_for },
	{ "items[].votes.against", "item 5 votes", "for 9, against 1, abstained 1", c_v_against },
	{ "items[].votes.abstained", "item 5 votes", "for 9, against 2, abstained 0", c_v_abst },
	{ "items[].actions[].text", "item 5 action 1", "Publish it in the newsletter.", c_a_text },
	{ "items[].actions[].owner", "item 5 action 1 owner", "Penny Hobman", c_a_owner },
	{ "items[].actions[].due", "item 5 action 1 due", "2018-05-31", c_a_due },
	{ "items[].actions[].done", "item 5 action 1 done", "2018-05-01", c_a_done },
	{ "items[].documents[].title", "item 5 document 1", "White paper (green-paper.pdf)", c_doc_title },
	{ "items[].documents[].ref", "item 5 document 1", "Green paper (white-paper.pdf)", c_doc_ref },
};

/* Revision 0 the full minutes, 1 with one key changed, 2 the same as 1:
 * the changed field is credited to 1, every other to 0. */
static void test_every_key(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(changes) / sizeof(changes[0]); c++) {
		const struct key_change *k = &changes[c];
		struct mdiff_blame *bl = mdiff_blame_new();
		mdiff_blame_add(bl, full(), 0);
		struct minutes *m = full();
		k->change(m);
		mdiff_blame_add(bl, m, 1);
		m = full();
		k->change(m);
		mdiff_blame_add(bl, m, 2);
		struct mdiff_blame_field *f;
		size_t n;
		mdiff_blame_fields(bl, &f, &n);
		bool found = false;
		for (size_t i = 0; i < n; i++) {
			bool it = !strcmp(f[i].label, k->label) && !strcmp(f[i].text, k->text);
			found = found || it;
			if (f[i].rev != (it ? 1u : 0u))
				fail_msg("%s changed: \"%s  %s\" credited to revision %zu", k->key,
					 f[i].label, f[i].text, f[i].rev);
		}
		if (!found) {
			for (size_t i = 0; i < n; i++)
				print_error("  %s  %s\n", f[i].label, f[i].text);
			fail_msg("%s changed: no field \"%s  %s\"", k->key, k->label, k->text);
		}
		mdiff_blame_fields_free(f, n);
		mdiff_blame_free(bl);
	}
}

static const char *rev_of(const struct mdiff_blame_field *f, size_t n, const char *label,
			  size_t *rev)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].label, label)) {
			*rev = f[i].rev;
			return f[i].text;
		}
	fail_msg("no field %s", label);
	return NULL;
}

/* Revision 0; 1 and 2 change different fields on two branches; 3 merges
 * them.  Each field is credited to the side that changed it; a field the
 * merge itself set (neither side's value) to the merge. */
static void test_merge(void **state)
{
	(void)state;
	struct mdiff_blame *r0 = mdiff_blame_of(full(), 0, NULL, 0);
	struct minutes *m = full();
	c_v_for(m);
	struct mdiff_blame *r1 = mdiff_blame_of(m, 1, &r0, 1);
	m = full();
	c_decision(m);
	c_venue(m);
	struct mdiff_blame *r2 = mdiff_blame_of(m, 2, &r0, 1);
	m = full();
	c_v_for(m);
	c_decision(m);
	set(&m->venue, "The Guildhall");
	struct mdiff_blame *parents[2] = { r1, r2 };
	struct mdiff_blame *r3 = mdiff_blame_of(m, 3, parents, 2);
	struct mdiff_blame_field *f;
	size_t n, rev;
	mdiff_blame_fields(r3, &f, &n);
	assert_string_equal(rev_of(f, n, "item 5 votes", &rev), "for 10, against 2, abstained 1");
	assert_int_equal(rev, 1);
	assert_string_equal(rev_of(f, n, "item 5 decision", &rev), "Members approved it.");
	assert_int_equal(rev, 2);
	assert_string_equal(rev_of(f, n, "venue", &rev), "The Guildhall");
	assert_int_equal(rev, 3);
	rev_of(f, n, "item 5 summary", &rev);
	assert_int_equal(rev, 0);
	mdiff_blame_fields_free(f, n);
	mdiff_blame_free(r0);
	mdiff_blame_free(r1);
	mdiff_blame_free(r2);
	mdiff_blame_free(r3);
}

/* The trailer: a paragraph of its own, or the last line of the message's
 * trailer paragraph; never twice; recognised only as a trailer. */
static void test_made_by(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "board/2020-01-01: edited\n", "board/2020-01-01: edited\n\nMade-by: gavel " GAVEL_VERSION "\n" },
		{ "board/2020-01-01: edited\n\nRoom changed\n",
		  "board/2020-01-01: edited\n\nRoom changed\n\nMade-by: gavel " GAVEL_VERSION "\n" },
		{ "x: corrected\n\nThe room.\n\nCorrection: The room.\n",
		  "x: corrected\n\nThe room.\n\nCorrection: The room.\nMade-by: gavel " GAVEL_VERSION "\n" },
		{ "Summary: not a trailer\n", "Summary: not a trailer\n\nMade-by: gavel " GAVEL_VERSION "\n" },
		{ "x\n\nMade-by: gavel 0.0.1\n", "x\n\nMade-by: gavel 0.0.1\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		buf_addstr(&b, cases[i].in);
		assert_false(i < 4 && archive_made_by_gavel(b.data));
		archive_add_made_by(&b);
		assert_string_equal(b.data, cases[i].out);
		assert_true(archive_made_by_gavel(b.data));
		buf_free(&b);
	}
	assert_false(archive_made_by_gavel("Made-by: gavel 0.1.0\n"));  /* a summary */
	assert_false(archive_made_by_gavel("x\n\nMade-by: gavel 0.1.0\n\nmore words\n"));
	assert_false(archive_made_by_gavel("x\n\nMade-by: someone else\n"));
	assert_false(archive_made_by_gavel(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_made_by),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
