/*
 * test_slug: folder names from committee names (FORMAT.md "Layout"), and
 * the checks on slugs, meeting folders and meeting ids.  No name, however
 * hostile, may make a path outside its folder.
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
#include "minutes/format/slug.h"

/* Everything FORMAT.md promises of any slug. */
static void expect_safe(const char *slug)
{
	size_t len = strlen(slug);
	if (!slug_valid(slug, len))
		fail_msg("\"%s\" is not a valid slug", slug);
	assert_true(len >= 1 && len <= SLUG_MAX);
	assert_null(strchr(slug, '/'));
	assert_null(strchr(slug, '.'));
	assert_null(strchr(slug, '\\'));
	assert_null(strstr(slug, "--"));
	assert_true(slug[0] != '-');
	assert_true(slug[len - 1] != '-');
	for (const char *p = slug; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
}

static void expect_slug(const char *name, const char *want)
{
	char out[SLUG_MAX + 1];
	memset(out, 'X', sizeof(out));
	slug_make(name, out);
	if (strcmp(out, want) != 0)
		fail_msg("slug of \"%s\": expected \"%s\", got \"%s\"", name, want, out);
	expect_safe(out);
}

/* True for "committee-" and eight lower-case hex digits. */
static bool is_hashed(const char *s)
{
	if (strlen(s) != 18 || strncmp(s, "committee-", 10) != 0)
		return false;
	for (int i = 10; i < 18; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static void expect_hashed(const char *name, char out[SLUG_MAX + 1])
{
	slug_make(name, out);
	if (!is_hashed(out))
		fail_msg("slug of \"%s\": expected committee- and a hash, got \"%s\"", name, out);
	expect_safe(out);
	/* Stable: the same name always gives the same slug. */
	char again[SLUG_MAX + 1];
	slug_make(name, again);
	assert_string_equal(out, again);
}

/* ---- slug_make ---- */

static void test_slug_ascii(void **state)
{
	(void)state;
	expect_slug("Communities Board", "communities-board");
	expect_slug("communities-board", "communities-board");
	expect_slug("Planning & Licensing Committee", "planning-licensing-committee");
	expect_slug("  Audit   Panel  ", "audit-panel");
	expect_slug("Board 2018", "board-2018");
	expect_slug("--a--b--", "a-b");
	expect_slug("A_B.C", "a-b-c");
}

static void test_slug_accents_fold(void **state)
{
	(void)state;
	expect_slug("Équipe  Été", "equipe-ete");
	expect_slug("Zoë's Café", "zoe-s-cafe");
	expect_slug("Ñoño", "nono");
	expect_slug("ÀÉÎÕÜÝ àéîõüýÿ", "aeiouy-aeiouyy");
	expect_slug("Łódź Żółć", "lodz-zolc");
	expect_slug("Čeština Šárka", "cestina-sarka");
	expect_slug("Øresund Ærø", "oresund-aero");
	expect_slug("Þingvellir", "thingvellir");
	expect_slug("Œuvre", "oeuvre");
	expect_slug("Ĳsselmeer", "ijsselmeer");
	expect_slug("x×y÷z", "x-y-z");
}

static void test_slug_combining_accent(void **state)
{
	(void)state;
	expect_slug("Cafe\xcc\x81 Society", "cafe-society");       /* e + U+0301 */
	expect_slug("E\xcc\x81quipe e\xcc\x81te\xcc\x81", "equipe-ete");
	expect_slug("a\xcc\x88\xcc\x81" "b", "ab");                 /* two accents */
	expect_slug("\xcc\x81" "abc", "abc");                       /* nothing to sit on */
}

static void test_slug_sharp_s(void **state)
{
	(void)state;
	expect_slug("Straße", "strasse");
	expect_slug("STRASSE", "strasse");
	/* Capital sharp s (U+1E9E): FORMAT.md leaves it open; only safe. */
	char out[SLUG_MAX + 1];
	slug_make("STRAẞE", out);
	expect_safe(out);
	expect_slug("ſ", "s");
}

static void test_slug_hostile_paths(void **state)
{
	(void)state;
	char out[SLUG_MAX + 1];
	expect_slug("../../etc", "etc");
	expect_slug("../../etc/passwd", "etc-passwd");
	expect_slug("a/b", "a-b");
	expect_slug("a\\b", "a-b");
	expect_slug("C:\\Windows", "c-windows");
	expect_slug("./.git", "git");
	expect_slug(".gavel", "gavel");
	expect_slug("~root", "root");
	expect_slug("name\nwith\tcontrols\x1b[31m", "name-with-controls-31m");
	expect_hashed(".", out);
	expect_hashed("..", out);
	expect_hashed("", out);
	expect_hashed("/", out);
	expect_hashed("/../..//", out);
	expect_hashed("-", out);
	expect_hashed("   ", out);
	expect_hashed("\xff\xfe\xc0\x80", out);     /* not UTF-8 at all */
}

static void test_slug_non_latin_hashed(void **state)
{
	(void)state;
	char arabic[SLUG_MAX + 1], cjk[SLUG_MAX + 1], hebrew[SLUG_MAX + 1];
	char greek[SLUG_MAX + 1], cyrillic[SLUG_MAX + 1];
	expect_hashed("مجلس المجتمعات", arabic);
	expect_hashed("社区委员会", cjk);
	expect_hashed("ועדת הקהילות", hebrew);
	expect_hashed("Επιτροπή", greek);
	expect_hashed("Комитет", cyrillic);
	/* Different names, different slugs. */
	assert_string_not_equal(arabic, cjk);
	assert_string_not_equal(cjk, hebrew);
	assert_string_not_equal(greek, cyrillic);
	char other[SLUG_MAX + 1];
	expect_hashed("社区委员会乙", other);
	assert_string_not_equal(cjk, other);
	/* The hash of a fixed name never changes (it names folders in git). */
	expect_slug("", "committee-811c9dc5");
	/* Some Latin left: no hash. */
	expect_slug("社区 Board", "board");
}

static void test_slug_long_names(void **state)
{
	(void)state;
	char out[SLUG_MAX + 1];
	struct buf b = BUF_INIT;
	for (int i = 0; i < 20; i++)
		buf_addstr(&b, "Long Name ");
	slug_make(b.data, out);
	expect_safe(out);
	assert_string_equal(out, "long-name-long-name-long-name-long-name-long-name-long-name-long");
	buf_reset(&b);

	/* A hyphen would fall at the 64th character: it goes. */
	for (int i = 0; i < 63; i++)
		buf_addch(&b, 'a');
	buf_addstr(&b, " b");
	slug_make(b.data, out);
	expect_safe(out);
	assert_int_equal(strlen(out), 63);
	buf_reset(&b);

	/* Two letters folded from one, across the limit. */
	for (int i = 0; i < 63; i++)
		buf_addch(&b, 'a');
	buf_addstr(&b, "Æ");
	slug_make(b.data, out);
	expect_safe(out);
	assert_int_equal(strlen(out), 64);
	buf_reset(&b);

	/* Every length around the limit, with hyphens everywhere. */
	for (int n = 1; n < 200; n++) {
		buf_reset(&b);
		for (int i = 0; i < n; i++)
			buf_addstr(&b, i % 3 == 2 ? " " : "é");
		slug_make(b.data, out);
		expect_safe(out);
	}

	/* Very long, all non-Latin: the hash. */
	buf_reset(&b);
	for (int i = 0; i < 5000; i++)
		buf_addstr(&b, "会");
	expect_hashed(b.data, out);
	buf_free(&b);
}

static void test_slug_every_byte(void **state)
{
	(void)state;
	/* Each single byte and each two-byte character as a name, and
	 * around letters: always a safe slug. */
	char out[SLUG_MAX + 1];
	char name[16];
	for (int c = 1; c < 256; c++) {
		snprintf(name, sizeof(name), "%c", c);
		slug_make(name, out);
		expect_safe(out);
		snprintf(name, sizeof(name), "a%cb", c);
		slug_make(name, out);
		expect_safe(out);
	}
	for (uint32_t cp = 0x80; cp < 0x800; cp++) {
		snprintf(name, sizeof(name), "x%c%cy", (char)(0xC0 | (cp >> 6)),
			 (char)(0x80 | (cp & 0x3F)));
		slug_make(name, out);
		expect_safe(out);
	}
}

/* ---- slug_valid ---- */

static void test_slug_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"a", "communities-board", "board-2018", "2018", "a-b-c",
		"committee-811c9dc5",
	};
	static const char *const bad[] = {
		"", ".", "..", "-", "-a", "a-", "a--b", "A", "Communities-Board",
		"a b", "a/b", "a.b", "../x", "a_b", "é", "a\\b", "a\n",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!slug_valid(good[i], strlen(good[i])))
			fail_msg("\"%s\" should be a valid slug", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (slug_valid(bad[i], strlen(bad[i])))
			fail_msg("\"%s\" should not be a valid slug", bad[i]);

	char s[SLUG_MAX + 2];
	memset(s, 'a', sizeof(s));
	assert_true(slug_valid(s, SLUG_MAX));
	assert_false(slug_valid(s, SLUG_MAX + 1));
	/* The length given is the slug: what follows does not count. */
	assert_true(slug_valid("board/2018-03-14", 5));
	assert_false(slug_valid("board-", 6));
}

/* ---- meeting folders and ids ---- */

static void test_meeting_folder_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"2018-03-14", "2018-03-14-2", "2018-03-14-9", "2018-03-14-10",
		"2018-03-14-9999", "2020-02-29",
	};
	static const char *const bad[] = {
		"", "2018-03-14-1", "2018-03-14-0", "2018-03-14-01", "2018-03-14-",
		"2018-03-14-a", "2018-03-14-2a", "2018-03-14-99999", "2018-02-30",
		"2018-3-14", "14-03-2018", "../x", "..", ".", "2018-03-14/..",
		"2018-03-14 ", " 2018-03-14", "2018-03-14--2", "2019-02-29",
		"2018-03-14-+2", "2018-03-14--1",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!slug_meeting_folder_valid(good[i], strlen(good[i])))
			fail_msg("\"%s\" should be a valid meeting folder", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (slug_meeting_folder_valid(bad[i], strlen(bad[i])))
			fail_msg("\"%s\" should not be a valid meeting folder", bad[i]);
}

static void test_meeting_id_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"communities-board/2018-03-14", "communities-board/2018-03-14-2",
		"a/2018-03-14", "committee-811c9dc5/2018-02-07",
	};
	static const char *const bad[] = {
		"", "communities-board", "communities-board/", "/2018-03-14",
		"../2018-03-14", "../x", "communities-board/../x",
		"communities-board/2018-03-14/", "communities-board/2018-03-14/..",
		"a/b/2018-03-14", "Communities-Board/2018-03-14",
		"communities-board/2018-03-14-1", "communities-board/2018-03-14-0",
		"./2018-03-14", "communities-board//2018-03-14",
		"communities-board/2018-02-30",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!slug_meeting_id_valid(good[i]))
			fail_msg("\"%s\" should be a valid meeting id", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (slug_meeting_id_valid(bad[i]))
			fail_msg("\"%s\" should not be a valid meeting id", bad[i]);
}

static void test_slug_of_name_makes_a_valid_id(void **state)
{
	(void)state;
	static const char *const names[] = {
		"Communities Board", "../../etc", ".", "", "社区委员会", "Straße",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char slug[SLUG_MAX + 1], id[SLUG_MAX + 32];
		slug_make(names[i], slug);
		snprintf(id, sizeof(id), "%s/2018-03-14-2", slug);
		assert_true(slug_meeting_id_valid(id));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug_ascii),
		cmocka_unit_test(test_slug_accents_fold),
		cmocka_unit_test(test_slug_combining_accent),
		cmocka_unit_test(test_slug_sharp_s),
		cmocka_unit_test(test_slug_hostile_paths),
		cmocka_unit_test(test_slug_non_latin_hashed),
		cmocka_unit_test(test_slug_long_names),
		cmocka_unit_test(test_slug_every_byte),
		cmocka_unit_test(test_slug_valid),
		cmocka_unit_test(test_meeting_folder_valid),
		cmocka_unit_test(test_meeting_id_valid),
		cmocka_unit_test(test_slug_of_name_makes_a_valid_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
