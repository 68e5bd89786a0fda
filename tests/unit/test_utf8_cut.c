/*
 * test_utf8_cut: text cut to a width at a word, room left for an
 * ellipsis (utf8_fit_words), as the screens' bars and lists cut it at
 * 80 columns: never in the middle of a word, never after a comma.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "minutes/base/utf8.h"

/* What is kept of s in `cols` columns, "+…" added when it was cut. */
static const char *fit(const char *s, unsigned cols)
{
	static char out[256];
	bool cut;
	size_t n = utf8_fit_words(s, strlen(s), cols, &cut);
	snprintf(out, sizeof(out), "%.*s%s", (int)n, s, cut ? "+…" : "");
	return out;
}

static void test_fits_whole(void **state)
{
	(void)state;
	assert_string_equal(fit("Smith Square", 12), "Smith Square");
	assert_string_equal(fit("Smith Square", 40), "Smith Square");
	assert_string_equal(fit("", 5), "");
}

static void test_cut_at_a_word(void **state)
{
	(void)state;
	const char *v = "18 Smith Square, Westminster, Meeting Room 1";
	assert_string_equal(fit(v, 12), "18 Smith+…");
	/* The comma before the cut goes with the space. */
	assert_string_equal(fit(v, 17), "18 Smith Square+…");
	assert_string_equal(fit(v, 16), "18 Smith+…");
	assert_string_equal(fit(v, 30), "18 Smith Square, Westminster+…");
	assert_string_equal(fit("Integrated Communities Strategy", 24),
			    "Integrated Communities+…");
	assert_string_equal(fit("Integrated Communities Strategy", 22), "Integrated+…");
	/* UTF-8 words are measured in columns, kept whole. */
	assert_string_equal(fit("Cllr Zoë Ní Bhriain", 13), "Cllr Zoë Ní+…");
	assert_string_equal(fit("Cllr Zoë Ní Bhriain", 12), "Cllr Zoë Ní+…");
	assert_string_equal(fit("Cllr Zoë Ní Bhriain", 11), "Cllr Zoë+…");
}

static void test_one_long_word(void **state)
{
	(void)state;
	/* Nothing but one word: cut at a character, still marked. */
	assert_string_equal(fit("Supercalifragilistic", 6), "Super+…");
	assert_string_equal(fit("Supercalifragilistic", 1), "+…");
	assert_string_equal(fit("Supercalifragilistic", 0), "+…");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fits_whole),
		cmocka_unit_test(test_cut_at_a_word),
		cmocka_unit_test(test_one_long_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
