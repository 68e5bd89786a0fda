/*
 * test_query: the `gavel search` query parser (query.h): words, phrases,
 * every filter, the errors a member sees, and the FTS5 expression, in
 * which nothing a member types may act as FTS5 syntax.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "minutes/search/query.h"

static int parse(const char *s, struct query *q, struct diags *d)
{
	diags_init(d);
	return query_parse(s, strlen(s), q, d);
}

/* The query must fail with a message holding `want`. */
static void expect_error(const char *s, const char *want)
{
	struct query q;
	struct diags d;
	if (parse(s, &q, &d) == 0)
		fail_msg("\"%s\" was accepted", s);
	assert_int_equal(d.n, 1);
	if (!strstr(d.v[0].msg, want))
		fail_msg("\"%s\": expected \"%s\" in \"%s\"", s, want, d.v[0].msg);
	assert_null(q.terms);
	diags_free(&d);
}

static void test_words_and_phrases(void **state)
{
	(void)state;
	struct query q;
	struct diags d;
	assert_int_equal(parse("  budget \"integrated communities\"\tZoë ", &q, &d), 0);
	assert_int_equal(q.nterms, 3);
	assert_string_equal(q.terms[0].text, "budget");
	assert_false(q.terms[0].phrase);
	assert_string_equal(q.terms[1].text, "integrated communities");
	assert_true(q.terms[1].phrase);
	assert_string_equal(q.terms[2].text, "Zoë");
	assert_int_equal(q.nby, 0);
	assert_int_equal(q.kinds, 0);
	assert_string_equal(q.since, "");
	query_free(&q);
	diags_free(&d);
}

static void test_filters(void **state)
{
	(void)state;
	struct query q;
	struct diags d;
	assert_int_equal(parse("committee:Communities-Board committee:planning "
			       "title:strategy decision:\"be approved\" by:reid "
			       "BY:\"Zoë Reid\" since:2018-01-01 until:2018-12-31", &q, &d), 0);
	assert_int_equal(q.ncommittees, 2);
	assert_string_equal(q.committees[0], "communities-board");
	assert_string_equal(q.committees[1], "planning");
	assert_int_equal(q.kinds, QUERY_KIND_TITLE | QUERY_KIND_DECISION);
	assert_int_equal(q.nterms, 2);
	assert_string_equal(q.terms[0].text, "strategy");
	assert_string_equal(q.terms[1].text, "be approved");
	assert_true(q.terms[1].phrase);
	assert_int_equal(q.nby, 2);
	assert_string_equal(q.by[0].text, "reid");
	assert_string_equal(q.by[1].text, "Zoë Reid");
	assert_true(q.by[1].phrase);
	assert_string_equal(q.since, "2018-01-01");
	assert_string_equal(q.until, "2018-12-31");
	query_free(&q);
	diags_free(&d);
}

static void test_colon_words(void **state)
{
	(void)state;
	struct query q;
	struct diags d;
	/* Not filters: ordinary words. */
	assert_int_equal(parse("10:30 re:budget", &q, &d), 0);
	assert_int_equal(q.nterms, 2);
	assert_string_equal(q.terms[0].text, "10:30");
	assert_string_equal(q.terms[1].text, "re:budget");
	query_free(&q);
	diags_free(&d);
	/* Punctuation alone is left out. */
	assert_int_equal(parse("- budget &", &q, &d), 0);
	assert_int_equal(q.nterms, 1);
	query_free(&q);
	diags_free(&d);
	/* by: alone is a query. */
	assert_int_equal(parse("by:reid", &q, &d), 0);
	assert_int_equal(q.nterms, 0);
	assert_int_equal(q.nby, 1);
	query_free(&q);
	diags_free(&d);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("since:2018-13-01", "since:2018-13-01: expected a date YYYY-MM-DD");
	expect_error("until:2018-02-30", "expected a date YYYY-MM-DD");
	expect_error("until:yesterday budget", "until:yesterday: expected a date");
	expect_error("since:2018-01-01 since:2019-01-01 x", "given twice");
	expect_error("\"integrated communities", "no closing \"");
	expect_error("by:\"Zoë", "no closing \"");
	expect_error("\"\" budget", "expected words between the quotes");
	expect_error("by: reid", "expected a value right after the colon");
	expect_error("committee:../etc budget", "expected a committee's folder name");
	expect_error("committee:\"communities board\" x", "expected a committee's folder name");
	expect_error("title:!!", "after title:");
	expect_error("", "nothing to search for");
	expect_error("committee:planning since:2018-01-01", "nothing to search for");
	expect_error("a\033[2Jb", "control character");
	expect_error("caf\xe9", "not UTF-8");
}

static void test_limits(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < QUERY_MAX_TERMS + 1; i++)
		buf_addstr(&b, "w ");
	expect_error(b.data, "too many terms");
	buf_reset(&b);
	for (int i = 0; i < QUERY_MAX_LEN + 1; i++)
		buf_addch(&b, 'x');
	expect_error(b.data, "too long");
	buf_free(&b);
}

static void test_match(void **state)
{
	(void)state;
	struct query q;
	struct diags d;
	struct buf b = BUF_INIT;
	assert_int_equal(parse("budget \"home-schooled children\" by:reid NEAR(x) AND", &q, &d), 0);
	query_match(&q, "text by", "by", &b);
	assert_string_equal(b.data, "{text by} : \"budget\" AND {text by} : \"home-schooled children\" "
			    "AND {text by} : \"NEAR(x)\" AND {text by} : \"AND\" AND {by} : \"reid\"");
	query_free(&q);
	diags_free(&d);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_phrases),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_colon_words),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
