/*
 * test_format2_checks: hostile format-2 files.  Each new key with a wrong
 * type, an unknown key beside it, a count that is negative or not whole,
 * a recorded vote that disagrees with its counts, a value outside its
 * set, a reason without its status, an item number that names no item,
 * a bad quorum or year, and FORMAT.md's limits: each refused with the
 * file, the line and column, and what was expected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"

#define HEAD2 "format: gavel-minutes/2\ncommittee: C\ndate: 2018-03-14\n"
/* An item on lines 4 to 6 (keys at column 5); what follows is line 7. */
#define ITEM2 HEAD2 "items:\n  - number: \"5\"\n    title: T\n"
/* ... and a motion opened on lines 7 and 8 (its keys at column 9). */
#define MOTION ITEM2 "    motions:\n      - text: That.\n"
#define COMMITTEE2 "format: gavel-committee/2\nname: C\nmembers:\n  - name: A\n  - name: B\n"

struct hostile {
	const char *text;
	unsigned line, col;
	const char *phrase;
};

static void refuse_all(const struct hostile *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		refused(cases[i].text, cases[i].line, cases[i].col, cases[i].phrase);
}
#define REFUSE_ALL(c) refuse_all(c, sizeof(c) / sizeof((c)[0]))

static void test_wrong_types(void **state)
{
	(void)state;
	static const struct hostile cases[] = {
		{ ITEM2 "    minute: [1]\n", 7, 13, "expected a whole number" },
		{ ITEM2 "    minute: 1.5\n", 7, 13, "expected a whole number (0 or more" },
		{ ITEM2 "    minute: 0\n", 7, 13, "a whole number from 1, found 0" },
		{ ITEM2 "    exempt: {a: b}\n", 7, 13, "expected why the item is exempt from publication" },
		{ ITEM2 "    motions: That.\n", 7, 14, "expected a list of motions" },
		{ ITEM2 "    motions:\n      - That.\n", 8, 9, "expected a motion (text, mover" },
		{ MOTION "        mover: [A]\n", 9, 16, "expected who moved it" },
		{ MOTION "        amendments: {}\n", 9, 21, "expected a list of amendments" },
		{ MOTION "        votes: 3\n", 9, 16, "expected the votes (for, against, abstained)" },
		{ ITEM2 "    votes:\n      for: 1\n      recorded: [A]\n", 9, 17,
		  "expected a recorded vote (for, against, abstained: lists of names)" },
		{ ITEM2 "    votes:\n      for: 1\n      recorded:\n        for: A\n", 10, 14,
		  "expected a list of names" },
		{ ITEM2 "    action_updates:\n      - 2018-01-01/1\n", 8, 9,
		  "expected an action update (action, status, note)" },
		{ HEAD2 "items: []\nattendance:\n  present:\n    - name: A\n      arrived: 11\n",
		  8, 16, "expected a 24-hour time written \"HH:MM\"" },
		{ HEAD2 "items: []\nattendance:\n  absent: A\n", 6, 11, "expected a list of people" },
		{ ITEM2 "declarations:\n  - member: A\n    interest: I\n    left_room: maybe\n",
		  10, 16, "expected true or false" },
		{ COMMITTEE2 "quorum: all\n", 6, 9, "expected a whole number" },
		{ COMMITTEE2 "standard_items: Apologies\n", 6, 17,
		  "expected a list of standard agenda items" },
		{ "format: gavel-agenda/2\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		  "  - number: \"9\"\n    title: T\n    exempt: [a]\n", 7, 13,
		  "expected why the item is exempt" },
	};
	REFUSE_ALL(cases);
}

static void test_unknown_keys(void **state)
{
	(void)state;
	static const struct hostile cases[] = {
		{ MOTION "        proposer: A\n", 9, 9, "unknown key 'proposer' in a motion" },
		{ MOTION "        amendments:\n          - text: X\n            moved: A\n", 11, 13,
		  "unknown key 'moved' in an amendment" },
		{ ITEM2 "    votes:\n      for: 1\n      recorded:\n        yes: [A]\n", 10, 9,
		  "unknown key 'yes' in a recorded vote" },
		{ ITEM2 "    action_updates:\n      - action: 2018-01-01/1\n        status: done\n"
		  "        by: A\n", 10, 9, "unknown key 'by' in an action update" },
		{ HEAD2 "items: []\nattendance:\n  apologies:\n    - name: A\n      arrived: \"11:00\"\n",
		  8, 7, "unknown key 'arrived' in a person (name and role)" },
		{ HEAD2 "items: []\nattendance:\n  present:\n    - name: A\n      came: \"11:00\"\n",
		  8, 7, "unknown key 'came' in a person (name, role, substitute_for" },
		{ COMMITTEE2 "standard_items:\n  - title: AOB\n    type: aob\n", 8, 5,
		  "unknown key 'type' in a standard item" },
	};
	REFUSE_ALL(cases);
}

static void test_counts(void **state)
{
	(void)state;
	static const struct hostile cases[] = {
		{ MOTION "        amendments:\n          - text: X\n            votes:\n"
		  "              for: -3\n", 12, 20, "expected a whole number (0 or more" },
		{ MOTION "        votes:\n          against: 2.0\n", 10, 20, "expected a whole number" },
		{ ITEM2 "    votes:\n      for: 2\n      recorded:\n        for: [A]\n", 8, 12,
		  "the votes for are 2 but the recorded vote names 1" },
		{ ITEM2 "    votes:\n      recorded:\n        against: [A, B]\n", 8, 7,
		  "the votes against are 0 but the recorded vote names 2" },
		{ MOTION "        votes:\n          abstained: 1\n          recorded:\n"
		  "            for: []\n", 10, 22, "the votes abstained are 1 but the recorded vote names 0" },
	};
	REFUSE_ALL(cases);
}

static void test_sets(void **state)
{
	(void)state;
	static const struct hostile cases[] = {
		{ MOTION "        outcome: passed\n", 9, 18,
		  "expected the outcome: carried or lost or withdrawn, found 'passed'" },
		{ MOTION "        amendments:\n          - text: X\n            outcome: yes\n", 11, 22,
		  "expected the outcome: carried or lost or withdrawn" },
		{ ITEM2 "declarations:\n  - member: A\n    interest: I\n    kind: personal\n", 10, 11,
		  "expected the kind of interest: pecuniary or other-registrable or non-registrable" },
		{ ITEM2 "    action_updates:\n      - action: 2018-01-01/1\n        status: finished\n",
		  9, 17, "expected the action's status: done or in-progress or dropped" },
		{ ITEM2 "    action_updates:\n      - action: 2018-01-01/1\n        status: ~\n",
		  9, 17, "expected the action's status: done or in-progress or dropped, found nothing" },
		{ ITEM2 "    action_updates:\n      - action: 2018-01-01/1\n", 8, 9,
		  "missing key 'status' in an action update" },
		{ ITEM2 "    action_updates:\n      - action: 18-01-01/1\n        status: done\n", 8, 17,
		  "expected an action id: the meeting's folder and a count from 1" },
		{ ITEM2 "    action_updates:\n      - action: 2018-01-01/0\n        status: done\n", 8, 17,
		  "expected an action id" },
		{ ITEM2 "    actions:\n      - id: 2018-03-14\n        text: Do.\n", 8, 13,
		  "expected an action id" },
		{ ITEM2 "    actions:\n      - id: 2018-03-14/1\n        text: Do.\n"
		  "      - id: 2018-03-14/1\n        text: Again.\n", 10, 13,
		  "the action id 2018-03-14/1 is given twice" },
		{ COMMITTEE2 "standard_items:\n  - title: AOB\n    kind: other\n", 8, 11,
		  "expected the kind of item: minutes or matters-arising or apologies or declarations or aob" },
	};
	REFUSE_ALL(cases);
}

static void test_cross_checks(void **state)
{
	(void)state;
	static const struct hostile cases[] = {
		{ ITEM2 "    reason: Late papers.\n", 7, 13,
		  "a 'reason' belongs only to an item with status: withdrawn or deferred" },
		{ ITEM2 "    status: withdrawn\n    minute: 4\n", 8, 13,
		  "a withdrawn or deferred item has no minute number" },
		{ ITEM2 "attendance:\n  present:\n    - name: A\n      arrived_during: \"12\"\n", 10, 23,
		  "'arrived_during' names item '12', which these minutes do not have" },
		{ ITEM2 "attendance:\n  in_attendance:\n    - name: A\n      left_during: \"5a\"\n", 10, 20,
		  "'left_during' names item '5a'" },
		{ ITEM2 "declarations:\n  - member: A\n    item: \"7\"\n    interest: I\n", 9, 11,
		  "'item' names item '7', which these minutes do not have" },
		{ COMMITTEE2 "quorum: 3\n", 6, 9, "expected a quorum from 1 to the number of members (2), found 3" },
		{ COMMITTEE2 "quorum: 0\n", 6, 9, "expected a quorum from 1 to the number of members" },
		{ COMMITTEE2 "year_starts: 02-29\n", 6, 14,
		  "expected the day the committee's year starts, MM-DD (a day in every year, so not 02-29), found '02-29'" },
		{ COMMITTEE2 "year_starts: 13-01\n", 6, 14, "MM-DD" },
		{ COMMITTEE2 "year_starts: 04-31\n", 6, 14, "MM-DD" },
		{ COMMITTEE2 "year_starts: 2018-05-01\n", 6, 14, "MM-DD" },
		{ COMMITTEE2 "year_starts: [05-01]\n", 6, 14, "found a list" },
	};
	REFUSE_ALL(cases);
	/* The same references, when the item is there, are fine; and a
	 * format-1 declaration naming no item stays valid (format 1 never
	 * asked it to name one). */
	accepted(ITEM2 "declarations:\n  - member: A\n    item: \"5\"\n    interest: I\n");
	accepted(HEAD "items: []\ndeclarations:\n  - member: A\n    item: \"7\"\n    interest: I\n");
	accepted(COMMITTEE2 "quorum: 2\nyear_starts: 12-31\n");
}

/* FORMAT.md's limits: 1,000 motions in an item, 1,000 amendments in a
 * motion, 100,000 names in all recorded votes of a file. */
static void test_limits(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM2 "    motions:\n");
	for (int i = 0; i < 1001; i++)
		buf_addstr(&b, "      - text: M\n");
	refused(b.data, 1008, 9, "too many motions: an item holds at most 1000");
	buf_reset(&b);
	buf_addstr(&b, MOTION "        amendments:\n");
	for (int i = 0; i < 1001; i++)
		buf_addstr(&b, "          - text: A\n");
	refused(b.data, 1010, 13, "too many amendments: a motion holds at most 1000");
	/* Exactly at the limit is fine. */
	buf_reset(&b);
	buf_addstr(&b, ITEM2 "    motions:\n");
	for (int i = 0; i < 1000; i++)
		buf_addstr(&b, "      - text: M\n");
	accepted(b.data);
	/* Names: spread over many votes, still counted together. */
	buf_reset(&b);
	buf_addstr(&b, ITEM2 "    motions:\n");
	for (int i = 0; i < 101; i++) {
		buf_addstr(&b, "      - text: M\n        votes:\n          for: 1000\n"
			   "          recorded:\n            for:\n");
		for (int k = 0; k < 1000; k++)
			buf_addstr(&b, "              - A\n");
	}
	struct loaded l;
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "too many names in recorded votes: a file holds at most 100000"));
	unload(&l);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_cross_checks),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
