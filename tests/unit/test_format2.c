/*
 * test_format2: FORMAT.md's bump rule.  gavel reads formats 1 and 2; a
 * format-1 file holding a format-2 key is refused naming the key; a file
 * newer than gavel knows is refused naming the newest it reads; the
 * writer picks the lowest format that holds the content, so every
 * format-1 fixture written again gives the same bytes, and a file that
 * gains format-2 content (confirmed_minutes) is written as format 2 and
 * goes back to format 1 when it loses it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"

#define BLOB "5b9d5b0e1c8e4e2a8f0c7d6b3a2f1e0d9c8b7a69"
#define LINK "    confirmed_minutes:\n      meeting: board/2018-02-07\n      blob: " BLOB "\n"

/* Loads bytes as any kind and writes them again in gavel's form. */
static char *rewrite(const char *name, const char *text, size_t len, int *version)
{
	struct yamlfile doc;
	struct diags d;
	struct buf b = BUF_INIT;
	diags_init(&d);
	int rc = yamlfile_load_mem(&doc, name, text, len, YAMLFILE_ANY, &d);
	if (rc != YAMLFILE_OK) {
		dump(&d);
		fail_msg("%s does not load", name);
	}
	if (version)
		*version = doc.version;
	switch (doc.kind) {
	case YAMLFILE_AGENDA: agenda_write(doc.agenda, &b); break;
	case YAMLFILE_MINUTES: minutes_write(doc.minutes, &b); break;
	default: committee_write(doc.committee, &b); break;
	}
	yamlfile_free(&doc);
	diags_free(&d);
	return buf_detach(&b, NULL);
}

/* Every format-1 fixture the tests use, written again: the same bytes
 * (for one in gavel's written form) or, for one written by hand in
 * another style, bytes that are themselves a fixed point and still
 * format 1. */
static void test_fixtures_round_trip(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		bool gavels;    /* in gavel's written form */
	} files[] = {
		{ "tests/data/agenda-full.yaml", true },
		{ "tests/data/committee-full.yaml", true },
		{ "tests/data/minutes-full.yaml", true },
		{ "tests/cli/data/agenda.yaml", false },
		{ "tests/cli/data/committee.yaml", true },
		{ "tests/cli/data/hostile-minutes.yaml", false },
		{ "tests/tui/data/meeting.yaml", true },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *text = slurp(files[i].path, &len);
		/* The screen tests' template holds "HH:MM" for times they fill in. */
		for (char *p = text; (p = strstr(p, "\"HH:MM\"")); p += 7)
			memcpy(p + 1, "11:02", 5);
		int version = 0;
		char *once = rewrite(files[i].path, text, len, &version);
		assert_int_equal(version, 1);
		if (files[i].gavels && strcmp(once, text)) {
			print_error("%s written again:\n%s", files[i].path, once);
			fail_msg("%s: writing it again gives other bytes", files[i].path);
		}
		char *twice = rewrite(files[i].path, once, strlen(once), NULL);
		assert_string_equal(twice, once);
		assert_true(strstr(once, "/1\n") != NULL);
		free(twice);
		free(once);
		free(text);
	}
}

/* Gaining confirmed_minutes writes format 2 with the link in its place;
 * losing it gives back the format-1 bytes. */
static void test_gain_and_lose_format2(void **state)
{
	(void)state;
	const char *v1 = HEAD "status: draft\nitems:\n  - number: \"3\"\n    title: Minutes\n"
			 "    decision: Confirmed.\n";
	const char *v2 = "format: gavel-minutes/2\ncommittee: C\ndate: 2018-03-14\n"
			 "status: draft\nitems:\n  - number: \"3\"\n    title: Minutes\n"
			 LINK "    decision: Confirmed.\n";
	struct loaded l;
	load(&l, v1);
	expect_ok_l(&l);
	struct minutes *m = l.doc.minutes;
	assert_int_equal(minutes_format(m), 1);
	m->items[0]->confirmed_meeting = xstrdup("board/2018-02-07");
	memcpy(m->items[0]->confirmed_blob, BLOB, 41);
	assert_int_equal(minutes_format(m), 2);
	struct buf b = BUF_INIT;
	minutes_write(m, &b);
	assert_string_equal(b.data, v2);
	free(m->items[0]->confirmed_meeting);
	m->items[0]->confirmed_meeting = NULL;
	buf_reset(&b);
	minutes_write(m, &b);
	assert_string_equal(b.data, v1);
	unload(&l);

	/* Format 2 read back: the link is there, and the bytes come back. */
	load(&l, v2);
	expect_ok_l(&l);
	assert_int_equal(l.doc.version, 2);
	assert_string_equal(l.doc.minutes->items[0]->confirmed_meeting, "board/2018-02-07");
	assert_string_equal(l.doc.minutes->items[0]->confirmed_blob, BLOB);
	buf_reset(&b);
	minutes_write(l.doc.minutes, &b);
	assert_string_equal(b.data, v2);
	unload(&l);
	buf_free(&b);
}

static void test_format1_with_format2_key(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - number: \"3\"\n    title: Minutes\n" LINK, 7, 5,
		"the key 'confirmed_minutes' arrived in format 2 (format: gavel-minutes/2); "
		"this file says format: gavel-minutes/1");
	/* The same file saying format 2 is valid. */
	accepted("format: gavel-minutes/2\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		 "  - number: \"3\"\n    title: Minutes\n" LINK);
}

static void test_link_values(void **state)
{
	(void)state;
	const char *h = "format: gavel-minutes/2\ncommittee: C\ndate: 2018-03-14\nitems:\n"
			"  - number: \"3\"\n    title: Minutes\n    confirmed_minutes:\n";
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s      meeting: board\n      blob: " BLOB "\n", h);
	refused(b.data, 8, 16, "expected the confirmed meeting's id (committee/YYYY-MM-DD), found 'board'");
	buf_reset(&b);
	buf_addf(&b, "%s      meeting: board/2018-02-07\n      blob: ABC\n", h);
	refused(b.data, 9, 13, "expected the git blob id of its minutes.yaml (40 lower-case hex digits)");
	buf_reset(&b);
	buf_addf(&b, "%s      meeting: board/2018-02-07\n", h);
	refused(b.data, 8, 7, "missing key 'blob' in the confirmed minutes");
	buf_reset(&b);
	buf_addf(&b, "%s      blob: " BLOB "\n      meeting: ~\n", h);
	refused(b.data, 9, 16, "expected the confirmed meeting's id (committee/YYYY-MM-DD), found nothing");
	/* Optional: null is absent, and the file is written as format 1. */
	buf_reset(&b);
	buf_addf(&b, "%s", h);
	char *w = written(b.data, b.len);
	assert_true(!strncmp(w, "format: gavel-minutes/1\n", 24));
	assert_null(strstr(w, "confirmed_minutes"));
	free(w);
	buf_free(&b);
}

/* Agenda and committee: format 2 is read (no new keys yet) and, holding
 * nothing of format 2, written as format 1. */
static void test_agenda_committee_format2(void **state)
{
	(void)state;
	const char *a2 = "format: gavel-agenda/2\ncommittee: C\ndate: 2018-03-14\nitems: []\n";
	int version = 0;
	char *w = rewrite("a.yaml", a2, strlen(a2), &version);
	assert_int_equal(version, 2);
	assert_string_equal(w, "format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems: []\n");
	free(w);
	const char *c2 = "format: gavel-committee/2\nname: C\n";
	w = rewrite("c.yaml", c2, strlen(c2), &version);
	assert_int_equal(version, 2);
	assert_string_equal(w, "format: gavel-committee/1\nname: C\n");
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_round_trip),
		cmocka_unit_test(test_gain_and_lose_format2),
		cmocka_unit_test(test_format1_with_format2_key),
		cmocka_unit_test(test_link_values),
		cmocka_unit_test(test_agenda_committee_format2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
