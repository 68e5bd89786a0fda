/*
 * test_format2_keys: every key FORMAT.md's "Format 2" adds, read and
 * written.  A full format-2 file of each kind (FORMAT.md's examples)
 * loads with each value in its field and writes back to the same bytes;
 * each format-2 key in a format-1 file is refused naming the key; a file
 * gains format 2 with any one of those keys' content and goes back to
 * format 1, byte for byte, when it loses it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"

/* Loads a file, expects it valid, and that writing it gives its bytes. */
static struct yamlfile round_trip(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	struct yamlfile doc;
	struct diags d;
	diags_init(&d);
	if (yamlfile_load_mem(&doc, path, text, len, YAMLFILE_ANY, &d) != YAMLFILE_OK) {
		dump(&d);
		fail_msg("%s does not load", path);
	}
	assert_int_equal(doc.version, 2);
	struct buf b = BUF_INIT;
	switch (doc.kind) {
	case YAMLFILE_AGENDA: agenda_write(doc.agenda, &b); break;
	case YAMLFILE_MINUTES: minutes_write(doc.minutes, &b); break;
	default: committee_write(doc.committee, &b); break;
	}
	if (strcmp(b.data, text)) {
		print_error("%s written again:\n%s", path, b.data);
		fail_msg("%s: writing it again gives other bytes", path);
	}
	buf_free(&b);
	free(text);
	diags_free(&d);
	return doc;
}

static void test_minutes_full(void **state)
{
	(void)state;
	struct yamlfile doc = round_trip("tests/data/minutes-format2.yaml");
	const struct minutes *m = doc.minutes;
	assert_int_equal(minutes_format(m), 2);
	const struct person *j = &m->present.v[1];
	assert_string_equal(j->arrived, "18:25");
	assert_string_equal(j->arrived_during, "3");
	assert_string_equal(j->left, "20:05");
	assert_string_equal(j->left_during, "9");
	assert_string_equal(m->present.v[2].substitute_for, "Cllr Jo Reid");
	assert_int_equal(m->absent.n, 1);
	assert_string_equal(m->absent.v[0].name, "Cllr Lee Harper");
	assert_int_equal(m->declarations[0].kind, DECL_PECUNIARY);
	assert_true(m->declarations[0].left_room);
	assert_int_equal(m->items[0]->minute, 41);
	const struct minutes_item *ma = m->items[1];
	assert_int_equal(ma->nupdates, 1);
	assert_string_equal(ma->updates[0].action, "2018-05-15/2");
	assert_int_equal(ma->updates[0].status, UPDATE_DONE);
	assert_string_equal(ma->updates[0].note, "Circulated on 1 June.");
	assert_int_equal(m->items[2]->status, ITEM_DEFERRED);
	assert_string_equal(m->items[2]->reason, "Awaiting the arboricultural report.");
	assert_int_equal(m->items[2]->minute, 0);
	const struct minutes_item *it = m->items[3];
	assert_string_equal(it->exempt, "Local Government Act 1972, Schedule 12A, paragraph 3");
	assert_int_equal(it->nmotions, 1);
	const struct motion *mo = &it->motions[0];
	assert_string_equal(mo->mover, "Cllr Sam Patel");
	assert_string_equal(mo->seconder, "Cllr Alex Morgan");
	assert_int_equal(mo->outcome, OUTCOME_CARRIED);
	assert_int_equal(mo->votes.n_for, 2);
	assert_int_equal(mo->namendments, 1);
	const struct amendment *a = &mo->amendments[0];
	assert_int_equal(a->outcome, OUTCOME_LOST);
	assert_int_equal(a->votes.n_against, 2);
	assert_int_equal(a->votes.recorded.against.n, 2);
	assert_string_equal(a->votes.recorded.against.v[1], "Cllr Sam Patel");
	assert_int_equal(it->recorded.voted_for.n, 2);
	assert_string_equal(it->recorded.against.v[0], "Cllr Dombey");
	assert_string_equal(it->actions[0].id, "2018-06-12/1");
	yamlfile_free(&doc);
}

static void test_agenda_and_committee_full(void **state)
{
	(void)state;
	struct yamlfile doc = round_trip("tests/data/agenda-format2.yaml");
	assert_string_equal(doc.agenda->items[0].exempt,
			    "Local Government Act 1972, Schedule 12A, paragraph 3");
	/* The minutes begun from it copy the exemption. */
	struct minutes *m = minutes_from_agenda(doc.agenda, NULL);
	assert_string_equal(m->items[0]->exempt, doc.agenda->items[0].exempt);
	assert_int_equal(minutes_format(m), 2);
	minutes_free(m);
	yamlfile_free(&doc);

	doc = round_trip("tests/data/committee-format2.yaml");
	const struct committee *c = doc.committee;
	assert_int_equal(c->quorum, 3);
	assert_string_equal(c->year_starts, "05-01");
	assert_int_equal(c->nstandard, 5);
	assert_int_equal(c->standard_items[2].kind, STANDARD_MINUTES);
	assert_int_equal(c->standard_items[3].kind, STANDARD_MATTERS_ARISING);
	assert_int_equal(c->standard_items[0].kind, STANDARD_APOLOGIES);
	assert_int_equal(c->standard_items[4].kind, STANDARD_AOB);
	assert_string_equal(c->standard_items[4].purpose, "To note");
	yamlfile_free(&doc);
}

/* Each format-2 key, in a file that says format 1: refused, naming it. */
static void test_format1_refuses_each_key(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		unsigned line, col;
		const char *key;
	} cases[] = {
		{ ITEM "    minute: 4\n", 7, 5, "minute" },
		{ ITEM "    status: deferred\n    reason: Later.\n", 8, 5, "reason" },
		{ ITEM "    exempt: Para 3\n", 7, 5, "exempt" },
		{ ITEM "    action_updates:\n      - action: 2018-01-01/1\n        status: done\n",
		  7, 5, "action_updates" },
		{ ITEM "    motions:\n      - text: That.\n", 7, 5, "motions" },
		{ ITEM "    votes:\n      for: 1\n      recorded:\n        for: [A]\n", 9, 7,
		  "recorded" },
		{ ITEM "    actions:\n      - id: 2018-03-14/1\n        text: Do.\n", 8, 9, "id" },
		{ HEAD "items: []\nattendance:\n  absent:\n    - name: A\n", 6, 3, "absent" },
		{ HEAD "items: []\nattendance:\n  present:\n    - name: A\n      arrived: \"11:00\"\n",
		  8, 7, "arrived" },
		{ HEAD "items: []\nattendance:\n  present:\n    - name: A\n      left: \"11:00\"\n",
		  8, 7, "left" },
		{ HEAD "items: []\nattendance:\n  present:\n    - name: A\n      substitute_for: B\n",
		  8, 7, "substitute_for" },
		{ ITEM "attendance:\n  in_attendance:\n    - name: A\n      arrived_during: \"5\"\n",
		  10, 7, "arrived_during" },
		{ ITEM "attendance:\n  present:\n    - name: A\n      left_during: \"5\"\n",
		  10, 7, "left_during" },
		{ ITEM "declarations:\n  - member: A\n    interest: I\n    kind: pecuniary\n",
		  10, 5, "kind" },
		{ ITEM "declarations:\n  - member: A\n    interest: I\n    left_room: true\n",
		  10, 5, "left_room" },
		{ "format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		  "  - number: \"9\"\n    title: T\n    exempt: Para 3\n", 7, 5, "exempt" },
		{ "format: gavel-committee/1\nname: C\nquorum: 1\nmembers:\n  - name: A\n", 3, 1,
		  "quorum" },
		{ "format: gavel-committee/1\nname: C\nyear_starts: 05-01\n", 3, 1, "year_starts" },
		{ "format: gavel-committee/1\nname: C\nstandard_items:\n  - title: AOB\n", 3, 1,
		  "standard_items" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf want = BUF_INIT;
		buf_addf(&want, "the key '%s' arrived in format 2", cases[i].key);
		refused(cases[i].text, cases[i].line, cases[i].col, want.data);
		/* Said as format 2, the same file is valid. */
		struct buf two = BUF_INIT;
		const char *slash = strchr(cases[i].text, '/');
		buf_add(&two, cases[i].text, (size_t)(slash - cases[i].text));
		buf_addstr(&two, "/2");
		buf_addstr(&two, slash + 2);
		accepted(two.data);
		buf_free(&two);
		buf_free(&want);
	}
}

static char *write_minutes(const struct minutes *m)
{
	struct buf b = BUF_INIT;
	minutes_write(m, &b);
	return buf_detach(&b, NULL);
}

/* Each kind of format-2 content alone makes the file format 2; removing
 * it gives back the format-1 bytes. */
static void test_gain_and_lose_each(void **state)
{
	(void)state;
	struct minutes *m = minutes_new("C", "2018-03-14");
	struct minutes_item *it = minutes_add_item(m, "5", "T");
	people_add(&m->present, "A", NULL);
	minutes_add_declaration(m, "A", "5", "I");
	minutes_item_add_action(it, "Do.", NULL, NULL);
	char *v1 = write_minutes(m);
	assert_true(!strncmp(v1, "format: gavel-minutes/1\n", 24));
	struct person *p = &m->present.v[0];
	struct declaration *d = &m->declarations[0];
	struct action *a = &it->actions[0];
	for (int step = 0; step < 12; step++) {
		switch (step) {
		case 0: memcpy(p->arrived, "11:00", 6); break;
		case 1: p->left_during = xstrdup("5"); break;
		case 2: p->substitute_for = xstrdup("B"); break;
		case 3: people_add(&m->absent, "Z", NULL); break;
		case 4: d->kind = DECL_NON_REGISTRABLE; break;
		case 5: d->left_room = true; break;
		case 6: it->minute = 7; break;
		case 7: it->exempt = xstrdup("Para 3"); break;
		case 8: minutes_item_add_motion(it, "That.", NULL, NULL); break;
		case 9: minutes_item_add_update(it, "2018-01-01/1", UPDATE_DROPPED, NULL); break;
		case 10: names_add(&it->recorded.abstained, "A"); it->votes_abstained = 1; break;
		case 11: a->id = xstrdup("2018-03-14/1"); break;
		}
		assert_int_equal(minutes_format(m), 2);
		char *v2 = write_minutes(m);
		assert_true(!strncmp(v2, "format: gavel-minutes/2\n", 24));
		/* What is written reads back to the same bytes. */
		struct loaded l;
		load(&l, v2);
		expect_ok_l(&l);
		char *again = write_minutes(l.doc.minutes);
		assert_string_equal(again, v2);
		free(again);
		unload(&l);
		free(v2);
		switch (step) {
		case 0: p->arrived[0] = '\0'; break;
		case 1: record_text_set(&p->left_during, NULL); break;
		case 2: record_text_set(&p->substitute_for, NULL); break;
		case 3: people_remove(&m->absent, 0); break;
		case 4: d->kind = DECL_UNSAID; break;
		case 5: d->left_room = false; break;
		case 6: it->minute = 0; break;
		case 7: record_text_set(&it->exempt, NULL); break;
		case 8: minutes_item_remove_motion(it, 0); break;
		case 9: minutes_item_remove_update(it, 0); break;
		case 10: minutes_recorded_free(&it->recorded); it->votes_abstained = 0; break;
		case 11: record_text_set(&a->id, NULL); break;
		}
		char *back = write_minutes(m);
		assert_string_equal(back, v1);
		free(back);
	}
	/* A reason only counts with its status; a minute only when taken. */
	it->reason = xstrdup("Later.");
	assert_int_equal(minutes_format(m), 1);
	it->status = ITEM_DEFERRED;
	assert_int_equal(minutes_format(m), 2);
	free(v1);
	minutes_free(m);
}

static void test_committee_gain_and_lose(void **state)
{
	(void)state;
	struct committee *c = committee_new("C");
	people_add(&c->members, "A", NULL);
	struct buf b = BUF_INIT;
	committee_write(c, &b);
	assert_string_equal(b.data, "format: gavel-committee/1\nname: C\nmembers:\n  - name: A\n");
	c->quorum = 1;
	buf_reset(&b);
	committee_write(c, &b);
	assert_string_equal(b.data, "format: gavel-committee/2\nname: C\nquorum: 1\n"
			    "members:\n  - name: A\n");
	c->quorum = 0;
	committee_add_standard(c, "AOB", NULL, STANDARD_AOB);
	buf_reset(&b);
	committee_write(c, &b);
	assert_string_equal(b.data, "format: gavel-committee/2\nname: C\nmembers:\n  - name: A\n"
			    "standard_items:\n  - title: AOB\n    kind: aob\n");
	buf_free(&b);
	committee_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minutes_full),
		cmocka_unit_test(test_agenda_and_committee_full),
		cmocka_unit_test(test_format1_refuses_each_key),
		cmocka_unit_test(test_gain_and_lose_each),
		cmocka_unit_test(test_committee_gain_and_lose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
