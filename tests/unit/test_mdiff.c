/*
 * test_mdiff: the structured diff of two versions of minutes (every kind
 * of field change, moves, comments inserted and removed, attendance
 * moving between lists), the word diff and its marks, and blame.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/base/buf.h"
#include "minutes/audit/mdiff.h"
#include "minutes/model/minutes.h"

/* The meeting both sides start from. */
static struct minutes *base(void)
{
	struct minutes *m = minutes_new("Communities Board", "2018-03-14");
	snprintf(m->start, sizeof(m->start), "11:00");
	m->venue = xstrdup("Town Hall, Committee Room 2");
	people_add(&m->present, "Cllr Alex Morgan", "Chairman");
	people_add(&m->present, "Cllr Sam Patel", NULL);
	people_add(&m->apologies, "Cllr Zoë Reid", NULL);
	people_add(&m->in_attendance, "Peter Fenn", "Ministry of Housing");
	minutes_add_declaration(m, "Cllr Sam Patel", "5", "Trustee of a refugee charity");
	minutes_add_item(m, "3", "Minutes of the previous meeting");
	struct minutes_item *it = minutes_add_item(m, "5", "Integrated Communities Strategy");
	it->summary = xstrdup("The strategy builds on the Casey Review.");
	minutes_item_add_comment(it, "Comment one.", NULL);
	minutes_item_add_comment(it, "Comment two.", NULL);
	minutes_item_add_comment(it, "Building blocks had closed through funding cuts.", NULL);
	minutes_item_add_comment(it, "Asked for a register.", "Cllr Jo Reid");
	it->decision = xstrdup("Members noted the presentation.");
	minutes_item_add_action(it, "Publish information in Councillors' News.", "Peter Fenn", "2018-04-30");
	minutes_item_add_action(it, "Report back in June.", "Penny Hobman", NULL);
	minutes_add_item(m, "6", "Any other business");
	return m;
}

static struct minutes_item *item(struct minutes *m, const char *number)
{
	for (size_t i = 0; i < m->nitems; i++)
		if (!strcmp(m->items[i]->number, number))
			return m->items[i];
	fail_msg("no item %s", number);
	return NULL;
}

static const struct mdiff_change *find(const struct mdiff *d, const char *label)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].label, label))
			return &d->v[i];
	return NULL;
}

static void dump(const struct mdiff *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_error("  %s\n", d->v[i].label);
}

/* Compares and checks that exactly `labels` (NULL-ended) came out. */
static void expect_changes(struct minutes *a, struct minutes *b, struct mdiff *d, ...)
{
	va_list ap;
	size_t n = 0;
	mdiff_compare(a, b, d);
	va_start(ap, d);
	for (const char *l; (l = va_arg(ap, const char *)) != NULL; n++)
		if (!find(d, l)) {
			dump(d);
			fail_msg("no change \"%s\"", l);
		}
	va_end(ap);
	if (d->n != n) {
		dump(d);
		fail_msg("%zu changes, expected %zu", d->n, n);
	}
}

static void test_same(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	expect_changes(a, b, &d, NULL);
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_meeting_fields(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	snprintf(b->start, sizeof(b->start), "11:02");
	snprintf(b->end, sizeof(b->end), "12:58");
	free(b->venue);
	b->venue = xstrdup("Town Hall, Committee Room 3");
	b->status = MINUTES_CONFIRMED;
	snprintf(b->confirmed_date, sizeof(b->confirmed_date), "2018-04-11");
	b->confirmed_by = xstrdup("Cllr Alex Morgan");
	expect_changes(a, b, &d, "start: 11:00 -> 11:02", "end: (none) -> 12:58",
		       "venue changed", "status: draft -> confirmed",
		       "confirmed date: (none) -> 2018-04-11", "confirmed by added", NULL);
	const struct mdiff_change *v = find(&d, "venue changed");
	assert_int_equal(v->kind, MDIFF_CHANGED);
	assert_int_equal(v->area, MDIFF_MEETING);
	assert_string_equal(v->old_text, "Town Hall, Committee Room 2");
	assert_string_equal(v->new_text, "Town Hall, Committee Room 3");
	assert_null(v->number);
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_attendance(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	people_remove(&b->apologies, 0);
	people_add(&b->present, "Cllr Zoë Reid", NULL);         /* apologies -> present */
	people_remove(&b->present, 1);                          /* Sam Patel gone */
	people_add(&b->apologies, "Cllr Kwame Okafor", NULL);   /* new */
	free(b->in_attendance.v[0].role);
	b->in_attendance.v[0].role = xstrdup("Ministry of Housing, Communities and Local Government");
	expect_changes(a, b, &d, "Cllr Zoë Reid: apologies -> present",
		       "Cllr Sam Patel: removed from present", "Cllr Kwame Okafor: added to apologies",
		       "Peter Fenn: role changed", NULL);
	const struct mdiff_change *c = find(&d, "Cllr Zoë Reid: apologies -> present");
	assert_int_equal(c->kind, MDIFF_MOVED);
	assert_int_equal(c->area, MDIFF_ATTENDANCE);
	assert_string_equal(c->field, "Cllr Zoë Reid");
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_declarations(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	free(b->declarations[0].interest);
	b->declarations[0].interest = xstrdup("Trustee of a refugee support charity");
	minutes_add_declaration(b, "Cllr Alex Morgan", "6", "Member of the board");
	expect_changes(a, b, &d, "declaration by Cllr Sam Patel, item 5: interest changed",
		       "declaration added: Cllr Alex Morgan, item 6", NULL);
	mdiff_free(&d);
	minutes_free(b);
	b = base();
	minutes_remove_declaration(b, 0);
	expect_changes(a, b, &d, "declaration removed: Cllr Sam Patel, item 5", NULL);
	assert_string_equal(d.v[0].old_text, "Trustee of a refugee charity");
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_item_fields(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	struct minutes_item *it = item(b, "5");
	free(it->decision);
	it->decision = xstrdup("Members approved the presentation.");
	free(it->summary);
	it->summary = NULL;
	it->status = ITEM_DEFERRED;
	it->urgent = true;
	snprintf(it->started, sizeof(it->started), "11:40");
	it->votes_for = 9;
	it->votes_against = 2;
	people_add(&it->presenters, "Penny Hobman", NULL);
	documents_add(&it->documents, "Green paper", "green-paper.pdf");
	item(b, "6")->summary = xstrdup("Nothing was raised.");
	expect_changes(a, b, &d,
		       "item 5 Integrated Communities Strategy: decision changed",
		       "item 5 Integrated Communities Strategy: summary removed",
		       "item 5 Integrated Communities Strategy: status: taken -> deferred",
		       "item 5 Integrated Communities Strategy: urgent: no -> yes",
		       "item 5 Integrated Communities Strategy: started: (none) -> 11:40",
		       "item 5 Integrated Communities Strategy: votes: (none) -> for 9, against 2, abstained 0",
		       "item 5 Integrated Communities Strategy: presenter added: Penny Hobman",
		       "item 5 Integrated Communities Strategy: document added: Green paper",
		       "item 6 Any other business: summary added", NULL);
	const struct mdiff_change *c = find(&d, "item 5 Integrated Communities Strategy: decision changed");
	assert_int_equal(c->area, MDIFF_ITEM);
	assert_string_equal(c->number, "5");
	assert_string_equal(c->title, "Integrated Communities Strategy");
	assert_string_equal(c->field, "decision");
	assert_string_equal(c->old_text, "Members noted the presentation.");
	assert_string_equal(c->new_text, "Members approved the presentation.");
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_comments(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	struct minutes_item *it = item(b, "5");
	/* In place: comment 3 reworded; comment 2 removed; one added at the end
	 * and one at the start. */
	free(it->comments[2].text);
	it->comments[2].text = xstrdup("Building blocks of integration had closed through funding cuts.");
	minutes_item_remove_comment(it, 1);
	minutes_item_add_comment(it, "A fifth comment.", NULL);
	expect_changes(a, b, &d,
		       "item 5 Integrated Communities Strategy: comment 2 removed",
		       "item 5 Integrated Communities Strategy: comment 3 (now 2) changed",
		       "item 5 Integrated Communities Strategy: comment added after comment 3", NULL);
	mdiff_free(&d);
	minutes_free(b);

	/* Inserting one in the middle changes no other. */
	b = base();
	it = item(b, "5");
	minutes_item_add_comment(it, "", NULL);
	free(it->comments[4].text);
	memmove(&it->comments[3], &it->comments[2], 2 * sizeof(*it->comments));
	it->comments[2].text = xstrdup("Inserted.");
	it->comments[2].by = NULL;
	free(it->comments[4].by);
	it->comments[4].by = xstrdup("Cllr Jo Reid-Smith");
	expect_changes(a, b, &d,
		       "item 5 Integrated Communities Strategy: comment added after comment 2",
		       "item 5 Integrated Communities Strategy: comment 4 (now 5) speaker changed", NULL);
	mdiff_free(&d);
	minutes_free(b);

	/* One added at the very start. */
	b = base();
	it = item(b, "5");
	minutes_item_add_comment(it, "", NULL);
	free(it->comments[4].text);
	memmove(&it->comments[1], &it->comments[0], 4 * sizeof(*it->comments));
	it->comments[0].text = xstrdup("First!");
	it->comments[0].by = NULL;
	expect_changes(a, b, &d, "item 5 Integrated Communities Strategy: comment 1 added", NULL);
	size_t map[8];
	mdiff_match_comments(item(a, "5"), it, map);
	assert_true(map[0] == MDIFF_NONE);
	for (size_t k = 1; k < 5; k++)
		assert_int_equal(map[k], k - 1);
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_actions(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	struct minutes_item *it = item(b, "5");
	free(it->actions[0].owner);
	it->actions[0].owner = xstrdup("Penny Hobman");
	snprintf(it->actions[1].due, sizeof(it->actions[1].due), "2018-06-30");
	snprintf(it->actions[1].done, sizeof(it->actions[1].done), "2018-06-01");
	minutes_item_add_action(it, "Write to the minister.", "Cllr Alex Morgan", NULL);
	expect_changes(a, b, &d,
		       "item 5 Integrated Communities Strategy: action 1 owner changed",
		       "item 5 Integrated Communities Strategy: action 2 due: (none) -> 2018-06-30",
		       "item 5 Integrated Communities Strategy: action 2 done: (none) -> 2018-06-01",
		       "item 5 Integrated Communities Strategy: action added after action 2", NULL);
	assert_string_equal(find(&d, "item 5 Integrated Communities Strategy: action 1 owner changed")->old_text,
			    "Peter Fenn");
	mdiff_free(&d);
	minutes_free(b);
	b = base();
	minutes_item_remove_action(item(b, "5"), 0);
	expect_changes(a, b, &d, "item 5 Integrated Communities Strategy: action 1 removed", NULL);
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static void test_items_moved_renumbered_retitled(void **state)
{
	(void)state;
	struct minutes *a = base(), *b = base();
	struct mdiff d = { 0 };
	/* Item 3 moved to the end. */
	struct minutes_item *first = b->items[0];
	b->items[0] = b->items[1];
	b->items[1] = b->items[2];
	b->items[2] = first;
	expect_changes(a, b, &d, "item 3 Minutes of the previous meeting: moved from position 1 to 3", NULL);
	assert_int_equal(d.v[0].kind, MDIFF_MOVED);
	mdiff_free(&d);
	minutes_free(b);

	/* Renumbered 5 -> 5a (matched by title), 6 retitled (matched by
	 * number), one added, none moved. */
	b = base();
	free(b->items[1]->number);
	b->items[1]->number = xstrdup("5a");
	free(b->items[2]->title);
	b->items[2]->title = xstrdup("Any other urgent business");
	minutes_add_item(b, "7", "Date of the next meeting");
	expect_changes(a, b, &d,
		       "item 5a Integrated Communities Strategy: number 5 -> 5a",
		       "item 6 Any other urgent business: title changed",
		       "item 7 Date of the next meeting: added at position 4", NULL);
	size_t map[4];
	mdiff_match_items(a, b, map);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 1);
	assert_int_equal(map[2], 2);
	assert_true(map[3] == MDIFF_NONE);
	mdiff_free(&d);
	minutes_free(b);

	/* Removed. */
	b = base();
	a->nitems--;    /* drop item 6 from a: then b has one more */
	expect_changes(a, b, &d, "item 6 Any other business: added at position 3", NULL);
	mdiff_free(&d);
	expect_changes(b, a, &d, "item 6 Any other business: removed", NULL);
	mdiff_free(&d);
	a->nitems++;
	minutes_free(a);
	minutes_free(b);
}

/* ---- the word diff ---- */

static char *marked(const char *old, const char *new)
{
	struct buf b = BUF_INIT;
	mdiff_words_marked(old, new, &b);
	return buf_detach(&b, NULL);
}

#define MARKED(old, new, want) do { \
	char *s_ = marked(old, new); \
	assert_string_equal(s_, want); \
	free(s_); \
} while (0)

static void test_words(void **state)
{
	(void)state;
	MARKED("Members noted the report.", "Members approved the report.",
	       "Members [-noted-]{+approved+} the report.");
	MARKED("same text", "same text", "same text");
	MARKED(NULL, "new text", "{+new text+}");
	MARKED("old text", "", "[-old text-]");
	MARKED("a b c", "a b c d", "a b c {+d+}");
	MARKED("Members noted the report.", "Members noted and welcomed the report.",
	       "Members noted {+and welcomed+} the report.");
	MARKED("one two three", "one three", "one [-two-] three");
	/* Punctuation stays with its word. */
	MARKED("funding cuts.", "funding cuts, mostly.", "funding [-cuts.-]{+cuts, mostly.+}");
	/* Two changed words in a row are one change. */
	MARKED("one two three four", "one five six four", "one [-two three-]{+five six+} four");
	/* UTF-8 words are whole. */
	MARKED("Cllr Zoë Reid spoke", "Cllr Zoé Reid spoke", "Cllr [-Zoë-]{+Zoé+} Reid spoke");
	MARKED("Ní Bhriain — café", "Ní Bhriain — caffè", "Ní Bhriain — [-café-]{+caffè+}");
	/* Line breaks are spaces between words. */
	MARKED("first line\nsecond line", "first line\nthird line", "first line\n[-second-]{+third+} line");
}

struct runs {
	struct buf b;
};

static void put_run(void *ctx, enum mdiff_span kind, const char *s, size_t len)
{
	struct runs *r = ctx;
	buf_addf(&r->b, "%c<%.*s>", kind == MDIFF_SAME ? '=' : kind == MDIFF_DEL ? '-' : '+',
		 (int)len, s);
}

static void test_word_callbacks(void **state)
{
	(void)state;
	struct runs r = { BUF_INIT };
	mdiff_words("the old cat sat", "the new cat sat down", put_run, &r);
	assert_string_equal(r.b.data, "=<the >-<old>+<new>=< cat sat>=< >+<down>");
	buf_free(&r.b);
}

/* ---- blame ---- */

static void test_blame(void **state)
{
	(void)state;
	struct mdiff_blame *bl = mdiff_blame_new();
	mdiff_blame_add(bl, base(), 0);
	/* Revision 1: a comment inserted before comment 3, the decision
	 * changed, Zoë Reid moved to present. */
	struct minutes *m = base();
	struct minutes_item *it = item(m, "5");
	minutes_item_add_comment(it, "", NULL);
	free(it->comments[4].text);
	memmove(&it->comments[3], &it->comments[2], 2 * sizeof(*it->comments));
	it->comments[2].text = xstrdup("Inserted.");
	it->comments[2].by = NULL;
	free(it->decision);
	it->decision = xstrdup("Members approved the presentation.");
	people_remove(&m->apologies, 0);
	people_add(&m->present, "Cllr Zoë Reid", NULL);
	mdiff_blame_add(bl, m, 1);
	/* Revision 2: only the venue. */
	struct minutes *m2 = base();
	it = item(m2, "5");
	minutes_item_add_comment(it, "", NULL);
	free(it->comments[4].text);
	memmove(&it->comments[3], &it->comments[2], 2 * sizeof(*it->comments));
	it->comments[2].text = xstrdup("Inserted.");
	it->comments[2].by = NULL;
	free(it->decision);
	it->decision = xstrdup("Members approved the presentation.");
	people_remove(&m2->apologies, 0);
	people_add(&m2->present, "Cllr Zoë Reid", NULL);
	free(m2->venue);
	m2->venue = xstrdup("Council Chamber");
	mdiff_blame_add(bl, m2, 2);

	struct mdiff_blame_field *f;
	size_t n;
	mdiff_blame_fields(bl, &f, &n);
	struct { const char *label, *text; size_t rev; } want[] = {
		{ "format", "gavel-minutes/1", 0 },
		{ "committee", "Communities Board", 0 },
		{ "date", "2018-03-14", 0 },
		{ "start", "11:00", 0 },
		{ "venue", "Council Chamber", 2 },
		{ "status", "draft", 0 },
		{ "present", "Cllr Alex Morgan, Chairman", 0 },
		{ "present", "Cllr Sam Patel", 0 },
		{ "present", "Cllr Zoë Reid", 1 },
		{ "in attendance", "Peter Fenn, Ministry of Housing", 0 },
		{ "declaration 1", "Cllr Sam Patel, item 5: Trustee of a refugee charity", 0 },
		{ "item 3 title", "Minutes of the previous meeting", 0 },
		{ "item 5 title", "Integrated Communities Strategy", 0 },
		{ "item 5 summary", "The strategy builds on the Casey Review.", 0 },
		{ "item 5 comment 1", "Comment one.", 0 },
		{ "item 5 comment 2", "Comment two.", 0 },
		{ "item 5 comment 3", "Inserted.", 1 },
		{ "item 5 comment 4", "Building blocks had closed through funding cuts.", 0 },
		{ "item 5 comment 5", "Cllr Jo Reid: Asked for a register.", 0 },
		{ "item 5 decision", "Members approved the presentation.", 1 },
		{ "item 5 action 1", "Publish information in Councillors' News.", 0 },
		{ "item 5 action 1 owner", "Peter Fenn", 0 },
		{ "item 5 action 1 due", "2018-04-30", 0 },
		{ "item 5 action 2", "Report back in June.", 0 },
		{ "item 5 action 2 owner", "Penny Hobman", 0 },
		{ "item 6 title", "Any other business", 0 },
	};
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(f[i].label, want[i].label);
		assert_string_equal(f[i].text, want[i].text);
		if (f[i].rev != want[i].rev)
			fail_msg("%s: revision %zu, expected %zu", f[i].label, f[i].rev, want[i].rev);
	}
	mdiff_blame_fields_free(f, n);
	mdiff_blame_free(bl);
}

/* A 100-item meeting with every item changed somewhere: all found, and
 * quickly (the command's target is 20 ms for the whole diff). */
static void test_big(void **state)
{
	(void)state;
	struct minutes *a = minutes_new("Board", "2018-03-14"), *b = minutes_new("Board", "2018-03-14");
	char num[16], text[128];
	for (int side = 0; side < 2; side++)
		for (int i = 0; i < 100; i++) {
			snprintf(num, sizeof(num), "%d", i + 1);
			snprintf(text, sizeof(text), "Item about topic %d", i);
			struct minutes_item *it = minutes_add_item(side ? b : a, num, text);
			for (int k = 0; k < 20; k++) {
				snprintf(text, sizeof(text), "Comment %d of item %d, %s.", k, i,
					 side && k == i % 20 ? "changed here" : "as it was");
				minutes_item_add_comment(it, text, NULL);
			}
		}
	struct mdiff d = { 0 };
	mdiff_compare(a, b, &d);
	assert_int_equal(d.n, 100);
	for (size_t i = 0; i < d.n; i++)
		assert_int_equal(d.v[i].kind, MDIFF_CHANGED);
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_meeting_fields),
		cmocka_unit_test(test_attendance),
		cmocka_unit_test(test_declarations),
		cmocka_unit_test(test_item_fields),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_items_moved_renumbered_retitled),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_word_callbacks),
		cmocka_unit_test(test_blame),
		cmocka_unit_test(test_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
