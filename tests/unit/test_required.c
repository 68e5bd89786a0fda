/*
 * test_required: FORMAT.md's required keys, each refused when left out,
 * null (`~`, `null`, nothing, nothing but a comment) or empty text, with
 * the file, line, column and what was expected; and an optional key
 * holding null, which is the same as the key left out.  One case or more
 * for each mapping of the format: a comment, an action, a presenter, an
 * attendee, a committee member, a document, a declaration, the confirmed
 * block.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"

static void test_comment_text(void **state)
{
	(void)state;
	refused(ITEM "    comments:\n      - by: Cllr Jo Reid\n", 8, 9,
		"missing key 'text' in a comment (text, or a mapping with text and by); "
		"expected the comment's text");
	refused(ITEM "    comments:\n      - text:\n        by: Cllr Jo Reid\n", 8, 14,
		"expected the comment's text, found nothing");
	refused(ITEM "    comments:\n      - text: \"\"\n        by: Cllr Jo Reid\n", 8, 15,
		"expected the comment's text, found empty text");
	refused(ITEM "    comments:\n      - text: ~ # said nothing\n", 8, 15,
		"expected the comment's text, found nothing");
	refused(ITEM "    comments:\n      - ~\n", 8, 9, "expected a comment, found nothing");
	refused(ITEM "    comments:\n      -\n      - Said.\n", 8, 8, "expected a comment, found nothing");
}

static void test_action_text(void **state)
{
	(void)state;
	refused(ITEM "    actions:\n      - owner: Peter Fenn\n", 8, 9,
		"missing key 'text' in an action (text, owner, due, done); expected what is to be done");
	refused(ITEM "    actions:\n      - text:\n        owner: Peter Fenn\n", 8, 14,
		"expected what is to be done, found nothing");
	refused(ITEM "    actions:\n      - text: null\n", 8, 15, "expected what is to be done, found nothing");
	refused(ITEM "    actions:\n      - {}\n", 8, 9, "missing key 'text' in an action");
}

static void test_person_name(void **state)
{
	(void)state;
	/* A presenter. */
	refused(ITEM "    presenters:\n      - role: Adviser\n", 8, 9,
		"missing key 'name' in a person (name and role); expected the person's name");
	refused(ITEM "    presenters:\n      - name: ~\n        role: Adviser\n", 8, 15,
		"expected a person's name, found nothing");
	refused(ITEM "    presenters:\n      - name: # to follow\n        role: Adviser\n", 8, 14,
		"expected a person's name, found nothing");
	refused(ITEM "    presenters:\n      - name: ''\n", 8, 15, "expected a person's name, found empty text");
	/* An attendee, in each list. */
	refused(HEAD "items: []\nattendance:\n  present:\n    - role: Chair\n", 7, 7,
		"missing key 'name' in a person");
	refused(HEAD "items: []\nattendance:\n  apologies:\n    - name:\n", 7, 12,
		"expected a person's name, found nothing");
	refused(HEAD "items: []\nattendance:\n  in_attendance: [{}]\n", 6, 19,
		"missing key 'name' in a person");
	/* A committee member, and an agenda's presenter. */
	refused("format: gavel-committee/1\nname: C\nmembers:\n  - role: Chair\n", 4, 5,
		"missing key 'name' in a person");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		"  - number: \"1\"\n    title: T\n    presenters:\n      - name: ~\n", 8, 15,
		"expected a person's name, found nothing");
}

static void test_document_title(void **state)
{
	(void)state;
	refused(ITEM "    documents:\n      - ref: paper.pdf\n", 8, 9,
		"missing key 'title' in a document (title and ref); expected the document's title");
	refused(ITEM "    documents:\n      - title:\n        ref: paper.pdf\n", 8, 15,
		"expected a document's title, found nothing");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		"  - number: \"1\"\n    title: T\n    documents:\n      - title: \"\"\n", 8, 16,
		"expected a document's title, found empty text");
}

static void test_declaration(void **state)
{
	(void)state;
	refused(HEAD "items: []\ndeclarations:\n  - item: \"5\"\n    interest: Trustee\n", 6, 5,
		"missing key 'member' in a declaration (member, item, interest); expected the "
		"name of the member who declared it");
	refused(HEAD "items: []\ndeclarations:\n  - member: Cllr Sam Patel\n    item: \"5\"\n", 6, 5,
		"missing key 'interest' in a declaration (member, item, interest); expected the "
		"interest declared");
	refused(HEAD "items: []\ndeclarations:\n  - member: ~\n    interest: Trustee\n", 6, 13,
		"expected the member's name, found nothing");
	refused(HEAD "items: []\ndeclarations:\n  - member: Cllr Sam Patel\n    interest:\n", 7, 14,
		"expected the interest declared, found nothing");
	/* The item is optional: null is the same as left out. */
	accepted(HEAD "items: []\ndeclarations:\n  - member: Cllr Sam Patel\n    item: ~\n"
		 "    interest: Trustee\n");
}

static void test_confirmed_block(void **state)
{
	(void)state;
	const char *h = HEAD "status: confirmed\nitems: []\nconfirmed:\n";
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s  by: Cllr Alex Morgan\n", h);
	refused(b.data, 7, 3, "missing key 'date' in the confirmation (date and by)");
	buf_reset(&b);
	buf_addf(&b, "%s  date: 2018-04-11\n", h);
	refused(b.data, 7, 3, "missing key 'by' in the confirmation (date and by)");
	buf_reset(&b);
	buf_addf(&b, "%s  date: ~\n  by: Cllr Alex Morgan\n", h);
	refused(b.data, 7, 9, "expected the date of the meeting that confirmed them, YYYY-MM-DD, found nothing");
	buf_reset(&b);
	buf_addf(&b, "%s  date: 2018-04-11\n  by: # nobody\n", h);
	refused(b.data, 8, 6, "expected who signed the minutes, found nothing");
	buf_reset(&b);
	buf_addf(&b, "%s  date: \"\"\n  by: Cllr Alex Morgan\n", h);
	refused(b.data, 7, 9, "expected a date written YYYY-MM-DD");
	buf_free(&b);
}

/* An optional key holding null is the same as the key left out: it loads,
 * and is written without it. */
static void test_optional_null_is_absent(void **state)
{
	(void)state;
	const char *with_nulls = HEAD "start: ~\nend:\nvenue: null\nstatus: draft\n"
		"attendance:\n  present:\n    - name: Cllr Alex Morgan\n      role: ~\n"
		"  apologies: ~\n"
		"declarations: ~\n"
		"items:\n  - number: \"5\"\n    title: T\n    status: ~\n    urgent: ~\n"
		"    started: ~\n    summary:\n    presenters: ~\n"
		"    comments:\n      - text: Said.\n        by: ~\n"
		"    decision: ~\n    votes: ~\n"
		"    actions:\n      - text: Do it.\n        owner:\n        due: ~\n        done: ~\n"
		"    documents:\n      - title: Paper\n        ref: ~\n";
	const char *plain = HEAD "status: draft\n"
		"attendance:\n  present:\n    - name: Cllr Alex Morgan\n"
		"items:\n  - number: \"5\"\n    title: T\n"
		"    comments:\n      - Said.\n"
		"    actions:\n      - text: Do it.\n"
		"    documents:\n      - title: Paper\n";
	char *w = written(with_nulls, strlen(with_nulls));
	assert_string_equal(w, plain);
	free(w);
	/* The top-level status, and a vote's count, likewise. */
	const char *more = HEAD "status: ~\nitems:\n  - number: \"5\"\n    title: T\n"
		"    votes:\n      for: 3\n      against: ~\n";
	w = written(more, strlen(more));
	assert_string_equal(w, HEAD "status: draft\nitems:\n  - number: \"5\"\n    title: T\n"
			    "    votes:\n      for: 3\n      against: 0\n      abstained: 0\n");
	free(w);
}

/* What the clerk has not finished is not written: an entry without its
 * required keys could not be read back. */
static void test_unfinished_entries_not_written(void **state)
{
	(void)state;
	struct minutes *m = minutes_new("C", "2018-03-14");
	minutes_add_declaration(m, "Cllr Sam Patel", "5", NULL);
	struct minutes_item *it = minutes_add_item(m, "5", "T");
	minutes_item_add_comment(it, "", "Cllr Jo Reid");
	minutes_item_add_action(it, NULL, "Peter Fenn", NULL);
	people_add(&it->presenters, NULL, "Adviser");
	documents_add(&it->documents, "", "paper.pdf");
	struct buf b = BUF_INIT;
	minutes_write(m, &b);
	assert_string_equal(b.data, HEAD "status: draft\nitems:\n  - number: \"5\"\n    title: T\n");
	accepted(b.data);
	buf_free(&b);
	minutes_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comment_text),
		cmocka_unit_test(test_action_text),
		cmocka_unit_test(test_person_name),
		cmocka_unit_test(test_document_title),
		cmocka_unit_test(test_declaration),
		cmocka_unit_test(test_confirmed_block),
		cmocka_unit_test(test_optional_null_is_absent),
		cmocka_unit_test(test_unfinished_entries_not_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
