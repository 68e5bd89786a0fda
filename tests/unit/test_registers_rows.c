/*
 * test_registers_rows: the attendance register's rows
 * (registers_attendance_rows), which gavel attendance, the export's
 * attendance page and the home screen's view all print: members first in
 * committee.yaml's order, expected since the first meeting that names
 * them; anyone else expected where named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "minutes/base/buf.h"
#include "minutes/search/registers.h"

struct rows {
	struct buf b;
};

static void row(void *ctx, const char *name, const size_t n[4])
{
	struct rows *r = ctx;
	buf_addf(&r->b, "%s %zu %zu %zu %zu\n", name, n[0], n[1], n[2], n[3]);
}

static void test_members_first(void **state)
{
	(void)state;
	char *dates[] = { "2018-07-10", "2018-06-12", "2018-05-15" };
	struct reg_attendee v[] = {
		{ "Cllr Jo Reid", "2018-06-12", 1, 1, 0 },        /* joined in June */
		{ "Cllr Dombey", "2018-06-12", 1, 0, 0 },         /* a substitute */
		{ "Cllr Alex Morgan", "2018-05-15", 3, 0, 0 },
	};
	struct reg_attendance r = { 3, dates, v, 3 };
	struct committee *com = committee_new("Planning Committee");
	people_add(&com->members, "Cllr Alex Morgan", "Chair");
	people_add(&com->members, "Cllr Jo Reid", NULL);
	people_add(&com->members, "Cllr Never Named", NULL);
	struct rows out = { BUF_INIT };
	registers_attendance_rows(&r, com, row, &out);
	assert_string_equal(out.b.data,
			    "Cllr Alex Morgan 3 3 0 0\n"
			    "Cllr Jo Reid 2 1 1 0\n"
			    "Cllr Never Named 3 0 0 3\n"
			    "Cllr Dombey 1 1 0 0\n");
	buf_free(&out.b);
	committee_free(com);
}

static void test_no_committee_file(void **state)
{
	(void)state;
	char *dates[] = { "2018-05-15" };
	struct reg_attendee v[] = { { "Cllr Patel", "2018-05-15", 0, 0, 1 } };
	struct reg_attendance r = { 1, dates, v, 1 };
	struct rows out = { BUF_INIT };
	registers_attendance_rows(&r, NULL, row, &out);
	assert_string_equal(out.b.data, "Cllr Patel 1 0 0 1\n");
	buf_free(&out.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members_first),
		cmocka_unit_test(test_no_committee_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
