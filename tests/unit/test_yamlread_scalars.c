/*
 * test_yamlread_scalars: FORMAT.md's reading rules about the scalars and
 * the bytes they are made of: dates and times, control characters, CRLF
 * line ends, escapes in double quotes, invalid UTF-8 and byte order marks.
 * Each refusal is checked for the exact line and column (columns in
 * characters); the helpers are in yamlread_fixture.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/yamlread_fixture.h"

/* ---- a bad date or time ---- */

static void test_bad_dates(void **state)
{
	(void)state;
	static const char *const bad[] = { "2018-02-30", "2018-3-4", "14/03/2018",
					   "2019-02-29", "2018-13-01", "2018-00-10",
					   "18-03-14", "2018-03-14T10:00" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[200], phrase[100];
		snprintf(text, sizeof(text), "format: gavel-minutes/1\ncommittee: C\n"
			 "date: %s\nitems: []\n", bad[i]);
		snprintf(phrase, sizeof(phrase), "expected a date written YYYY-MM-DD "
			 "(such as 2018-03-14), found '%s'", bad[i]);
		refused(text, 3, 7, phrase);
	}
	accepted("format: gavel-minutes/1\ncommittee: C\ndate: 2020-02-29\nitems: []\n");
	accepted("format: gavel-minutes/1\ncommittee: C\ndate: \"2018-03-14\"\nitems: []\n");
	refused(ITEM "    actions:\n      - {text: a, due: 2018-04-31}\n", 8, 24,
		"expected a date written YYYY-MM-DD");
}

static void test_bad_times(void **state)
{
	(void)state;
	const char *f = HEAD "start: \"25:00\"\nend: \"9:5\"\nitems: []\n";
	refused(f, 4, 8, "expected a 24-hour time written \"HH:MM\" (such as \"11:00\"), found '25:00'");
	refused(f, 5, 6, "expected a 24-hour time written \"HH:MM\"");
	refused(f, 5, 6, "found '9:5'");
	refused(ITEM "    started: \"12:60\"\n", 7, 14, "expected a 24-hour time");
	refused(ITEM "    ended: \"24:00\"\n", 7, 12, "expected a 24-hour time");
	accepted(HEAD "start: \"00:00\"\nend: 23:59\nitems: []\n");
}

/* ---- control characters in the bytes ---- */

static void test_raw_controls(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *phrase;
	} c[] = {
		{ "\x1b", 1, "U+001B (ESC) is not allowed" },
		{ "\0", 1, "U+0000 (NUL) is not allowed" },
		{ "\x7f", 1, "U+007F (DEL) is not allowed" },
		{ "\x07", 1, "U+0007 (BEL)" },
		{ "\x0b", 1, "U+000B (VT)" },
		{ "\x0c", 1, "U+000C (FF)" },
		{ "\xc2\x85", 2, "U+0085 (NEL, next line) is not allowed" },
		{ "\xc2\x9b", 2, "U+009B (C1 control)" },
		{ "\xe2\x80\xa8", 3, "U+2028 (line separator) is not allowed" },
		{ "\xe2\x80\xa9", 3, "U+2029 (paragraph separator) is not allowed" },
		{ "\xef\xbf\xbe", 3, "U+FFFE" },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		/* "venue: ab" then the character at line 4, column 10. */
		struct buf b = BUF_INIT;
		buf_addstr(&b, HEAD "venue: ab");
		buf_add(&b, c[i].bytes, c[i].len);
		buf_addstr(&b, "c\nitems: []\n");
		refused_n(b.data, b.len, 4, 10, c[i].phrase);
		refused_n(b.data, b.len, 4, 10, "expected text without control characters");
		buf_free(&b);
	}
}

static void test_raw_controls_columns_in_characters(void **state)
{
	(void)state;
	/* Columns count characters, not bytes: é, 会 and 議 are one each. */
	refused(HEAD "venue: é会議\x1b\nitems: []\n", 4, 11, "U+001B (ESC)");
	refused(HEAD "venue: Zoë\xe2\x80\xa8\nitems: []\n", 4, 11, "U+2028");
	/* In a comment and in a key, too. */
	refused(HEAD "items: [] # a\x7f\n", 4, 14, "U+007F (DEL)");
	refused(HEAD "ve\xc2\x85nue: x\nitems: []\n", 4, 3, "U+0085");
	/* Positions that libyaml reports count characters too. */
	refused(ITEM "    votes: {for: 会, against: x}\n", 7, 30, "found 'x'");
	/* A NUL in the first byte of a later line. */
	refused_n(HEAD "items: []\n\0\n", sizeof(HEAD "items: []\n\0\n") - 1, 5, 1, "U+0000 (NUL)");
}

static void test_lone_cr_refused(void **state)
{
	(void)state;
	refused(HEAD "venue: ab\rc\nitems: []\n", 4, 10,
		"a carriage return (CR) not followed by a line feed; lines must end in LF or CRLF");
	/* At the very end of the file. */
	refused(HEAD "items: []\r", 4, 10, "a carriage return (CR)");
	/* Old Mac line ends. */
	refused("format: gavel-minutes/1\rcommittee: C\r", 1, 24, "a carriage return (CR)");
	/* CR CR LF: the first CR stands alone. */
	refused(HEAD "items: []\r\r\n", 4, 10, "a carriage return (CR)");
}

/* ---- CRLF line ends ---- */

static char *to_crlf(const char *s, size_t len, size_t *out_len)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			buf_addch(&b, '\r');
		buf_addch(&b, s[i]);
	}
	return buf_detach(&b, out_len);
}

static void test_crlf_same_model(void **state)
{
	(void)state;
	size_t len, crlf_len;
	char *lf = slurp("tests/data/minutes-full.yaml", &len);
	char *crlf = to_crlf(lf, len, &crlf_len);
	assert_true(crlf_len > len);
	char *a = written(lf, len);
	char *b = written(crlf, crlf_len);
	assert_string_equal(a, b);
	assert_null(strchr(b, '\r'));
	/* The literal block's lines end in LF in the model. */
	struct loaded l;
	load_n(&l, crlf, crlf_len, YAMLFILE_MINUTES);
	expect_ok_l(&l);
	assert_string_equal(l.doc.minutes->items[0]->summary,
			    "The strategy builds on the Casey Review and sets out eight themes.\n"
			    "The consultation would run until 5 June.\n");
	unload(&l);
	free(a);
	free(b);
	free(crlf);
	free(lf);
}

static void test_crlf_positions(void **state)
{
	(void)state;
	/* Lines and columns are those of the LF file. */
	refused("format: gavel-minutes/1\r\ncommittee: C\r\ndate: 2018-02-30\r\nitems: []\r\n",
		3, 7, "expected a date written YYYY-MM-DD");
	refused("format: gavel-minutes/1\r\ncommittee: C\r\ndate: 2018-03-14\r\n"
		"venue: ab\x1b\r\nitems: []\r\n", 4, 10, "U+001B (ESC)");
	/* Inside a double-quoted text that spans lines, too. */
	accepted(HEAD "venue: \"Town\r\n  Hall\"\r\nitems: []\r\n");
}

static void test_chunk_boundaries(void **state)
{
	(void)state;
	/* The input is checked 64 KiB at a time: a CRLF or a character cut
	 * in two by the end of a chunk is still read whole, and positions
	 * after it are right. */
	const char *head = "format: gavel-minutes/1\r\ncommittee: C\r\ndate: 2018-03-14\r\n"
			   "items: []\r\n# ";
	size_t hl = strlen(head);
	struct buf b = BUF_INIT;
	buf_addstr(&b, head);
	while (b.len < 65535)
		buf_addch(&b, 'x');
	buf_addstr(&b, "\r\nvenue: ab\x1b\r\n");     /* the CR is byte 65535 */
	assert_true(hl < 65535);
	refused_n(b.data, b.len, 6, 10, "U+001B (ESC)");

	buf_reset(&b);
	buf_addstr(&b, head);
	while (b.len < 65535)
		buf_addch(&b, 'x');
	buf_addstr(&b, "é\r\nvenue: é\x1b\r\n");       /* é is bytes 65535 and 65536 */
	refused_n(b.data, b.len, 6, 9, "U+001B (ESC)");

	/* Valid the same way: loads. */
	buf_reset(&b);
	buf_addstr(&b, head);
	while (b.len < 65535)
		buf_addch(&b, 'x');
	buf_addstr(&b, "é\r\nvenue: é\r\n");
	struct loaded l;
	load_n(&l, b.data, b.len, YAMLFILE_ANY);
	expect_ok_l(&l);
	assert_string_equal(l.doc.minutes->venue, "é");
	unload(&l);
	buf_free(&b);
}

/* ---- escapes in double quotes ---- */

static void test_escapes_refused(void **state)
{
	(void)state;
	static const struct {
		const char *esc;
		const char *phrase;
	} c[] = {
		{ "\\e", "U+001B (ESC)" },
		{ "\\0", "U+0000 (NUL)" },
		{ "\\x07", "U+0007 (BEL)" },
		{ "\\a", "U+0007 (BEL)" },
		{ "\\u2028", "U+2028 (line separator)" },
		{ "\\L", "U+2028 (line separator)" },
		{ "\\P", "U+2029 (paragraph separator)" },
		{ "\\N", "U+0085 (NEL, next line)" },
		{ "\\x85", "U+0085 (NEL, next line)" },
		{ "\\r", "U+000D (CR)" },
		{ "\\uFEFF", "U+FEFF (byte order mark)" },
		{ "\\x7F", "U+007F (DEL)" },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char text[200];
		/* The problem is placed at the start of the text, line 4 column 8. */
		snprintf(text, sizeof(text), HEAD "venue: \"ab%sc\"\nitems: []\n", c[i].esc);
		refused(text, 4, 8, c[i].phrase);
		refused(text, 4, 8, "(written as an escape)");
	}
	/* In a key, too. */
	refused(HEAD "\"ven\\eue\": x\nitems: []\n", 4, 1, "U+001B (ESC)");
}

static void test_escapes_allowed(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, HEAD "venue: \"a\\tb\\nc\\\\d\\\"e\\u00e9\\x41\"\nitems: []\n");
	expect_ok_l(&l);
	assert_string_equal(l.doc.minutes->venue, "a\tb\nc\\d\"e\xc3\xa9" "A");
	unload(&l);
}

/* ---- invalid UTF-8 ---- */

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *phrase;
	} c[] = {
		{ "\xc0\x80", 2, "invalid UTF-8 (byte 0xC0)" },        /* overlong NUL */
		{ "\xe0\x80\xaf", 3, "invalid UTF-8 (byte 0xE0)" },    /* overlong '/' */
		{ "\xed\xa0\x80", 3, "invalid UTF-8 (byte 0xED)" },    /* surrogate D800 */
		{ "\xf5\x80\x80\x80", 4, "invalid UTF-8 (byte 0xF5)" },
		{ "\xf4\x90\x80\x80", 4, "invalid UTF-8 (byte 0xF4)" }, /* past U+10FFFF */
		{ "\x80", 1, "invalid UTF-8 (byte 0x80)" },            /* lone continuation */
		{ "\xe2\x82", 2, "invalid UTF-8 (byte 0xE2)" },        /* cut short mid-file */
		{ "\xff", 1, "invalid UTF-8 (byte 0xFF)" },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct buf b = BUF_INIT;
		buf_addstr(&b, HEAD "venue: ab");
		buf_add(&b, c[i].bytes, c[i].len);
		buf_addstr(&b, "c\nitems: []\n");
		refused_n(b.data, b.len, 4, 10, c[i].phrase);
		refused_n(b.data, b.len, 4, 10, "expected text in UTF-8");
		buf_free(&b);
	}
}

static void test_truncated_utf8_at_eof(void **state)
{
	(void)state;
	refused(HEAD "items: []\nvenue: ab\xe2\x82", 5, 10,
		"the file ends in the middle of a UTF-8 character");
	refused(HEAD "items: []\nvenue: ab\xf0\x9f\x98", 5, 10,
		"expected text in UTF-8");
	refused(HEAD "items: []\n# \xc3", 5, 3, "the file ends in the middle of a UTF-8 character");
}

/* ---- byte order marks ---- */

static void test_bom_at_start_accepted(void **state)
{
	(void)state;
	const char *plain = HEAD "venue: Town Hall\nitems: []\n";
	const char *bom = "\xef\xbb\xbf" HEAD "venue: Town Hall\nitems: []\n";
	char *a = written(plain, strlen(plain));
	char *b = written(bom, strlen(bom));
	assert_string_equal(a, b);
	assert_memory_equal(b, "format:", 7);  /* dropped, not written back */
	free(a);
	free(b);
	/* Positions after it are those of the file without it. */
	refused("\xef\xbb\xbf" "format: gavel-minutes/1\ncommittee: C\ndate: 2018-3-4\nitems: []\n",
		3, 7, "expected a date");
	refused("\xef\xbb\xbf" "venue: \x1b", 1, 8, "U+001B");
}

static void test_bom_elsewhere_refused(void **state)
{
	(void)state;
	refused(HEAD "venue: a\xef\xbb\xbf" "b\nitems: []\n", 4, 9,
		"U+FEFF (byte order mark) is not allowed");
	refused(HEAD "\xef\xbb\xbf" "items: []\n", 4, 1, "U+FEFF (byte order mark)");
	/* A second BOM right after the first: the first is dropped, the
	 * second is the file's first character. */
	refused("\xef\xbb\xbf\xef\xbb\xbf" HEAD "items: []\n", 1, 1, "U+FEFF (byte order mark)");
	refused(" \xef\xbb\xbf" HEAD "items: []\n", 1, 2, "U+FEFF (byte order mark)");
}

static void test_utf16_refused(void **state)
{
	(void)state;
	/* UTF-16 with its BOM: the encoding is UTF-8, whatever the BOM says. */
	const char *text = HEAD "items: []\n";
	struct buf le = BUF_INIT, be = BUF_INIT;
	buf_add(&le, "\xff\xfe", 2);
	buf_add(&be, "\xfe\xff", 2);
	for (const char *p = text; *p; p++) {
		buf_addch(&le, *p);
		buf_addch(&le, '\0');
		buf_addch(&be, '\0');
		buf_addch(&be, *p);
	}
	refused_n(le.data, le.len, 1, 1, "invalid UTF-8 (byte 0xFF); expected text in UTF-8");
	refused_n(be.data, be.len, 1, 1, "invalid UTF-8 (byte 0xFE); expected text in UTF-8");
	/* Without a BOM, the NUL of the first character is refused. */
	refused_n(le.data + 2, le.len - 2, 1, 2, "U+0000 (NUL)");
	refused_n(be.data + 2, be.len - 2, 1, 1, "U+0000 (NUL)");

	char path[4200];
	tmp_path(path, sizeof(path), "utf16.yaml");
	write_file(path, le.data, le.len);
	struct loaded l;
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, path, 1, 1, "expected text in UTF-8");
	unload(&l);
	buf_free(&le);
	buf_free(&be);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_bad_times),
		cmocka_unit_test(test_raw_controls),
		cmocka_unit_test(test_raw_controls_columns_in_characters),
		cmocka_unit_test(test_lone_cr_refused),
		cmocka_unit_test(test_crlf_same_model),
		cmocka_unit_test(test_crlf_positions),
		cmocka_unit_test(test_chunk_boundaries),
		cmocka_unit_test(test_escapes_refused),
		cmocka_unit_test(test_escapes_allowed),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_truncated_utf8_at_eof),
		cmocka_unit_test(test_bom_at_start_accepted),
		cmocka_unit_test(test_bom_elsewhere_refused),
		cmocka_unit_test(test_utf16_refused),
	};
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
