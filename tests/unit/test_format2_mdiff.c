/*
 * test_format2_mdiff: `gavel diff` and `gavel blame` see format 2's keys.
 * Starting from FORMAT.md's format-2 example, each change a clerk can
 * make to the procedure (attendance times, a substitute, a declaration's
 * kind, a reason, a minute number, an exemption, a motion, an amendment
 * and its votes, a recorded vote, an action update, an action id) gives
 * exactly its line in the diff, and blame credits exactly those fields to
 * the revision that changed them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"
#include "minutes/audit/mdiff.h"

static struct minutes *example(void)
{
	struct loaded l;
	load_path(&l, "tests/data/minutes-format2.yaml");
	expect_ok_l(&l);
	struct minutes *m = l.doc.minutes;
	l.doc.minutes = NULL;
	unload(&l);
	return m;
}

/* Every change the clerk makes below, to `m`. */
static void change(struct minutes *m)
{
	struct person *j = &m->present.v[1];
	memcpy(j->arrived, "18:30", 6);
	record_text_set(&j->left_during, "7");
	record_text_set(&m->present.v[2].substitute_for, "Cllr Sam Patel");
	m->declarations[0].kind = DECL_OTHER_REGISTRABLE;
	m->declarations[0].left_room = false;
	m->items[0]->minute = 42;
	record_text_set(&m->items[2]->reason, "Awaiting the tree officer.");
	struct minutes_item *it = m->items[3];
	record_text_set(&it->exempt, "Schedule 12A, paragraph 1");
	struct motion *mo = &it->motions[0];
	record_text_set(&mo->seconder, "Cllr Dombey");
	mo->outcome = OUTCOME_LOST;
	mo->amendments[0].votes.n_against = 1;
	free(mo->amendments[0].votes.recorded.against.v[1]);
	mo->amendments[0].votes.recorded.against.n = 1;
	minutes_motion_add_amendment(mo, "That a condition be added.", "Cllr Alex Morgan", NULL);
	minutes_item_add_motion(it, "That the site be visited.", "Cllr Dombey", "Cllr Sam Patel");
	names_add(&it->recorded.abstained, "Cllr Tariq Jabbar");
	it->votes_abstained = 1;
	m->items[1]->updates[0].status = UPDATE_IN_PROGRESS;
	record_text_set(&m->items[1]->updates[0].note, "Half circulated.");
	minutes_item_add_update(m->items[1], "2018-05-15/3", UPDATE_DROPPED, NULL);
	record_text_set(&it->actions[0].id, "2018-06-12/2");
}

static void test_diff_sees_format2(void **state)
{
	(void)state;
	struct minutes *a = example(), *b = example();
	change(b);
	struct mdiff d = { 0 };
	mdiff_compare(a, b, &d);
	static const char *const want[] = {
		"Cllr Tariq Jabbar arrived: 18:25 -> 18:30",
		"Cllr Tariq Jabbar left during item: 9 -> 7",
		"Cllr Dombey substitute for: Cllr Jo Reid -> Cllr Sam Patel",
		"declaration by Cllr Tariq Jabbar, item 9: kind: pecuniary, left the room -> other-registrable",
		"item 3 Minutes of the previous meeting: minute: 41 -> 42",
		"item 5 Matters arising: action 2018-05-15/2: done -> in-progress",
		"item 5 Matters arising: action 2018-05-15/2 note changed",
		"item 5 Matters arising: action 2018-05-15/3: dropped",
		"item 7 Tree preservation order, Elm Road: reason changed",
		"item 9 Land at Mill Lane: exempt changed",
		"item 9 Land at Mill Lane: motion 1 seconder changed",
		"item 9 Land at Mill Lane: motion 1 outcome: carried -> lost",
		"item 9 Land at Mill Lane: motion 1 amendment 1 votes: for 1, against 2, abstained 0; "
		"recorded; for: Cllr Dombey; against: Cllr Alex Morgan, Cllr Sam Patel -> "
		"for 1, against 1, abstained 0; recorded; for: Cllr Dombey; against: Cllr Alex Morgan",
		"item 9 Land at Mill Lane: motion 1 amendment 2 added",
		"item 9 Land at Mill Lane: motion 2 added",
		"item 9 Land at Mill Lane: votes: for 2, against 1, abstained 0; recorded; for: "
		"Cllr Alex Morgan, Cllr Sam Patel; against: Cllr Dombey -> for 2, against 1, "
		"abstained 1; recorded; for: Cllr Alex Morgan, Cllr Sam Patel; against: Cllr Dombey; "
		"abstained: Cllr Tariq Jabbar",
		"item 9 Land at Mill Lane: action 1 id: 2018-06-12/1 -> 2018-06-12/2",
	};
	size_t n = sizeof(want) / sizeof(*want);
	bool ok = d.n == n;
	for (size_t i = 0; ok && i < n; i++)
		ok = !strcmp(d.v[i].label, want[i]);
	if (!ok) {
		for (size_t i = 0; i < d.n; i++)
			print_error("  got: %s\n", d.v[i].label);
		fail_msg("expected %zu changes, in order", n);
	}
	/* The added motion carries its text with mover and seconder. */
	assert_string_equal(d.v[14].new_text,
			    "That the site be visited. (moved by Cllr Dombey, seconded by Cllr Sam Patel)");
	/* The same minutes give no change at all. */
	mdiff_free(&d);
	mdiff_compare(a, a, &d);
	assert_int_equal(d.n, 0);
	mdiff_free(&d);
	minutes_free(a);
	minutes_free(b);
}

static size_t rev_of(const struct mdiff_blame_field *f, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].label, label))
			return f[i].rev;
	fail_msg("no field %s", label);
	return 0;
}

static void test_blame_sees_format2(void **state)
{
	(void)state;
	struct mdiff_blame *bl = mdiff_blame_new();
	mdiff_blame_add(bl, example(), 1);
	struct minutes *b = example();
	change(b);
	mdiff_blame_add(bl, b, 2);
	struct mdiff_blame_field *f;
	size_t n;
	mdiff_blame_fields(bl, &f, &n);
	static const char *const changed[] = {
		"item 3 minute", "item 7 reason", "item 9 exempt", "item 9 motion 1",
		"item 9 motion 1 outcome", "item 9 motion 1 amendment 1 votes",
		"item 9 motion 1 amendment 2", "item 9 motion 2", "item 9 votes",
		"item 5 action update 1", "item 5 action update 2", "item 9 action 1 id",
		"declaration 1",
	};
	static const char *const kept[] = {
		"item 9 title", "item 9 motion 1 votes", "item 9 motion 1 amendment 1",
		"item 9 motion 1 amendment 1 outcome", "item 9 decision", "item 7 status",
		"item 9 action 1",
	};
	for (size_t i = 0; i < sizeof(changed) / sizeof(*changed); i++)
		if (rev_of(f, n, changed[i]) != 2)
			fail_msg("%s: expected revision 2", changed[i]);
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++)
		if (rev_of(f, n, kept[i]) != 1)
			fail_msg("%s: expected revision 1", kept[i]);
	/* Attendees: Jabbar's and Dombey's lines changed, Morgan's did not. */
	size_t changed_present = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(f[i].label, "present"))
			continue;
		bool moved = strstr(f[i].text, "Jabbar") || strstr(f[i].text, "Dombey");
		assert_int_equal(f[i].rev, moved ? 2 : 1);
		changed_present += moved;
		if (strstr(f[i].text, "Jabbar"))
			assert_string_equal(f[i].text, "Cllr Tariq Jabbar (arrived 18:30 during item 3, "
					    "left 20:05 during item 7)");
	}
	assert_int_equal(changed_present, 2);
	mdiff_blame_fields_free(f, n);
	mdiff_blame_free(bl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_sees_format2),
		cmocka_unit_test(test_blame_sees_format2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
