/*
 * test_field: the text field's model (tui/field.c): what gets into the
 * text, how the cursor moves over accents, wide characters and emoji,
 * how text wraps to a width, and undo.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/edit/field.h"
#include "minutes/base/utf8.h"

/* Types UTF-8 text a character at a time, as keys would. */
static void type(struct field *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len = strlen(s);
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		assert_true(n > 0);
		field_insert_wch(f, (wchar_t)cp);
		i += (size_t)n;
	}
}

static void expect_text(const struct field *f, const char *want)
{
	size_t len;
	const char *got = field_text(f, &len);
	if (len != strlen(want) || memcmp(got, want, len) != 0)
		fail_msg("text: expected \"%s\", got \"%s\"", want, got);
	assert_int_equal(got[len], '\0');
}

static void cmd(struct field *f, enum field_cmd c, int times)
{
	for (int i = 0; i < times; i++)
		field_command(f, c);
}

static void expect_cursor(struct field *f, int width, int row, int col)
{
	field_layout(f, width);
	if (f->cur_row != row || f->cur_col != col)
		fail_msg("cursor at %zu: expected row %d col %d, got row %d col %d",
			 field_cursor(f), row, col, f->cur_row, f->cur_col);
}

/* No visual line may be wider than the width (spaces hanging at the
 * end of a wrapped line aside); the lines cover the text in order. */
static void check_layout(struct field *f, int width)
{
	size_t len;
	const char *s = field_text(f, &len);
	field_layout(f, width);
	assert_true(f->nlines >= 1);
	assert_int_equal(f->lines[0].start, 0);
	for (size_t i = 0; i < f->nlines; i++) {
		const struct field_line *l = &f->lines[i];
		size_t end = l->end;
		while (end > l->start && s[end - 1] == ' ')
			end--;
		int cols = 0;
		for (size_t p = l->start; p < end;) {
			size_t q = field_next_cluster(s, len, p);
			cols += utf8_cluster_width(s + p, q - p);
			p = q;
		}
		if (cols > width)
			fail_msg("line %zu is %d columns wide at width %d", i, cols, width);
		if (i + 1 < f->nlines)
			assert_int_equal(f->lines[i + 1].start, l->soft ? l->end : l->end + 1);
		else
			assert_int_equal(l->end, len);
	}
}

static void test_ascii(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "hello");
	expect_text(&f, "hello");
	assert_int_equal(field_cursor(&f), 5);
	field_command(&f, FIELD_LEFT);
	type(&f, "X");
	expect_text(&f, "hellXo");
	assert_int_equal(field_cursor(&f), 5);
	expect_cursor(&f, 0, 0, 5);
	field_free(&f);
}

static void test_precomposed_accent(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "caf\xc3\xa9!");			/* café! */
	assert_int_equal(field_cursor(&f), 6);
	cmd(&f, FIELD_LEFT, 2);
	assert_int_equal(field_cursor(&f), 3);
	expect_cursor(&f, 0, 0, 3);
	field_command(&f, FIELD_RIGHT);
	field_command(&f, FIELD_BACKSPACE);
	expect_text(&f, "caf!");
	assert_int_equal(field_cursor(&f), 3);
	field_free(&f);
}

static void test_combining_accent(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "cafe\xcc\x81");			/* e + U+0301 */
	assert_int_equal(field_cursor(&f), 6);
	expect_cursor(&f, 0, 0, 4);
	field_command(&f, FIELD_LEFT);
	assert_int_equal(field_cursor(&f), 3);	/* before the e, not the mark */
	field_command(&f, FIELD_RIGHT);
	assert_int_equal(field_cursor(&f), 6);
	field_command(&f, FIELD_BACKSPACE);
	expect_text(&f, "caf");

	field_set_text(&f, "e\xcc\x81" "e\xcc\x81\xcc\xa3x", 9);
	field_set_cursor(&f, 0);
	field_command(&f, FIELD_DELETE);
	expect_text(&f, "e\xcc\x81\xcc\xa3x");
	field_command(&f, FIELD_RIGHT);
	assert_int_equal(field_cursor(&f), 5);
	/* A cursor put inside a cluster goes to its end. */
	field_set_cursor(&f, 1);
	assert_int_equal(field_cursor(&f), 5);
	/* A mark with nothing before it is a cluster of its own, shown on
	 * a space. */
	field_set_text(&f, "\xcc\x81", 2);
	expect_cursor(&f, 0, 0, 1);
	field_command(&f, FIELD_BACKSPACE);
	expect_text(&f, "");
	field_free(&f);
}

static void test_wide(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");	/* 日本語 */
	expect_cursor(&f, 0, 0, 6);
	field_command(&f, FIELD_LEFT);
	assert_int_equal(field_cursor(&f), 6);
	expect_cursor(&f, 0, 0, 4);
	field_command(&f, FIELD_END);
	/* At width 5 a third character would straddle the edge. */
	field_layout(&f, 5);
	assert_int_equal(f.nlines, 2);
	assert_int_equal(f.lines[0].end, 6);
	assert_int_equal(f.lines[0].cols, 4);
	expect_cursor(&f, 5, 1, 2);
	check_layout(&f, 5);
	field_free(&f);
}

static void test_emoji(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "a\xf0\x9f\x91\x8d" "b");		/* a 👍 b */
	expect_cursor(&f, 0, 0, 4);
	cmd(&f, FIELD_LEFT, 2);
	assert_int_equal(field_cursor(&f), 1);
	expect_cursor(&f, 0, 0, 1);
	field_command(&f, FIELD_DELETE);
	expect_text(&f, "ab");

	/* Thumbs up with a skin tone, and a ZWJ sequence: one step each. */
	field_set_text(&f, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 8);
	field_command(&f, FIELD_LEFT);
	assert_int_equal(field_cursor(&f), 0);
	field_set_text(&f, "x\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 12);
	field_command(&f, FIELD_BACKSPACE);
	expect_text(&f, "x");
	field_free(&f);
}

static void test_word_movement(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "the quick, brown  fox");
	field_command(&f, FIELD_WORD_LEFT);
	assert_int_equal(field_cursor(&f), 18);
	field_command(&f, FIELD_WORD_LEFT);
	assert_int_equal(field_cursor(&f), 11);
	field_command(&f, FIELD_WORD_LEFT);
	assert_int_equal(field_cursor(&f), 4);
	field_command(&f, FIELD_WORD_RIGHT);
	assert_int_equal(field_cursor(&f), 9);		/* before the comma */
	field_command(&f, FIELD_WORD_RIGHT);
	assert_int_equal(field_cursor(&f), 16);
	cmd(&f, FIELD_WORD_LEFT, 5);
	assert_int_equal(field_cursor(&f), 0);
	assert_false(field_command(&f, FIELD_WORD_LEFT));
	cmd(&f, FIELD_WORD_RIGHT, 5);
	assert_int_equal(field_cursor(&f), 21);
	assert_false(field_command(&f, FIELD_WORD_RIGHT));

	/* Accented words are words. */
	field_set_text(&f, "na\xc3\xafve r\xc3\xa9sum\xc3\xa9", 15);
	field_command(&f, FIELD_WORD_LEFT);
	assert_int_equal(field_cursor(&f), 7);

	/* ^W deletes back to the word's start. */
	field_set_text(&f, "motion carried", 14);
	field_command(&f, FIELD_DELETE_WORD_BACK);
	expect_text(&f, "motion ");
	field_command(&f, FIELD_DELETE_WORD_BACK);
	expect_text(&f, "");
	field_free(&f);
}

static void test_home_end(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "abc def");
	field_command(&f, FIELD_HOME);
	assert_int_equal(field_cursor(&f), 0);
	assert_false(field_command(&f, FIELD_HOME));
	field_command(&f, FIELD_END);
	assert_int_equal(field_cursor(&f), 7);
	field_free(&f);

	/* In wrapped text: the visual line, then the whole field. */
	field_init(&f, FIELD_MULTILINE);
	type(&f, "aaaa bbbb cccc");
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 2);
	field_command(&f, FIELD_HOME);
	assert_int_equal(field_cursor(&f), 10);
	field_command(&f, FIELD_HOME);
	assert_int_equal(field_cursor(&f), 0);
	field_command(&f, FIELD_END);
	assert_int_equal(field_cursor(&f), 9);	/* before the space the line
						 * wrapped at */
	field_command(&f, FIELD_END);
	assert_int_equal(field_cursor(&f), 14);

	/* Hard lines. */
	field_set_text(&f, "one\ntwo", 7);
	field_layout(&f, 10);
	field_command(&f, FIELD_HOME);
	assert_int_equal(field_cursor(&f), 4);
	field_command(&f, FIELD_UP);
	field_command(&f, FIELD_END);
	assert_int_equal(field_cursor(&f), 3);
	field_free(&f);
}

static void test_up_down(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, FIELD_MULTILINE);
	type(&f, "one two three four five six");
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 3);
	assert_int_equal(f.lines[1].start, 8);
	assert_int_equal(f.lines[2].start, 19);
	check_layout(&f, 10);

	field_set_cursor(&f, 5);
	expect_cursor(&f, 10, 0, 5);
	assert_true(field_command(&f, FIELD_DOWN));
	assert_int_equal(field_cursor(&f), 13);
	assert_true(field_command(&f, FIELD_DOWN));
	assert_int_equal(field_cursor(&f), 24);
	assert_false(field_command(&f, FIELD_DOWN));
	cmd(&f, FIELD_UP, 2);
	assert_int_equal(field_cursor(&f), 5);
	assert_false(field_command(&f, FIELD_UP));

	/* The column is kept across a shorter line. */
	field_set_text(&f, "abcdefgh\nab\nabcdefgh", 20);
	field_set_cursor(&f, 6);
	field_command(&f, FIELD_DOWN);
	assert_int_equal(field_cursor(&f), 11);
	field_command(&f, FIELD_DOWN);
	assert_int_equal(field_cursor(&f), 18);

	/* Over wide characters: never inside one. */
	field_set_text(&f, "abcd\n\xe6\x97\xa5\xe6\x9c\xac", 11);
	field_set_cursor(&f, 3);
	field_command(&f, FIELD_DOWN);
	assert_int_equal(field_cursor(&f), 8);
	expect_cursor(&f, 10, 1, 2);
	field_free(&f);
}

static void test_edges(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	assert_false(field_command(&f, FIELD_BACKSPACE));
	assert_false(field_command(&f, FIELD_DELETE));
	assert_false(field_command(&f, FIELD_LEFT));
	assert_false(field_command(&f, FIELD_RIGHT));
	assert_false(field_command(&f, FIELD_UNDO));
	type(&f, "ab");
	assert_false(field_command(&f, FIELD_DELETE));
	assert_false(field_command(&f, FIELD_RIGHT));
	cmd(&f, FIELD_LEFT, 2);
	assert_false(field_command(&f, FIELD_BACKSPACE));
	assert_true(field_command(&f, FIELD_DELETE));
	expect_text(&f, "b");
	assert_int_equal(field_cursor(&f), 0);
	field_free(&f);
}

static void test_controls_rejected(void **state)
{
	(void)state;
	static const wchar_t bad[] = {
		0x1B, 0x07, 0x00, 0x08, 0x7F, 0x85, 0x9B, 0x2028, 0x2029,
		0xFEFF, 0xFFFE, 0xD800, 0x110000, -1,
	};
	struct field f;
	field_init(&f, FIELD_MULTILINE);
	type(&f, "ok");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (field_insert_wch(&f, bad[i]))
			fail_msg("U+%04lX got in", (unsigned long)bad[i]);
	}
	expect_text(&f, "ok");

	/* TAB is a space, typed or pasted. */
	assert_true(field_insert_wch(&f, L'\t'));
	expect_text(&f, "ok ");
	field_set_text(&f, "", 0);
	field_insert(&f, "a\tb\x1b[31mc\x07" "d\x00" "e\xc2\x85" "f\xe2\x80\xa8g", 20);
	expect_text(&f, "a b[31mcdefg");
	/* Bytes that are not UTF-8 are dropped. */
	field_set_text(&f, "", 0);
	field_insert(&f, "a\xff\xc3z\xed\xa0\x80" "b", 8);
	expect_text(&f, "azb");
	assert_false(field_insert(&f, "\x1b\x07", 2));
	field_free(&f);

	/* A single-line field takes no line break. */
	field_init(&f, 0);
	assert_false(field_insert_wch(&f, L'\n'));
	assert_false(field_command(&f, FIELD_NEWLINE));
	expect_text(&f, "");
	field_free(&f);
}

static void test_paste_lines(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "[]");
	field_command(&f, FIELD_LEFT);
	field_insert(&f, "line one\r\nline two\rline three\n", 30);
	expect_text(&f, "[line one line two line three]");
	assert_int_equal(field_cursor(&f), 29);
	field_free(&f);

	field_init(&f, FIELD_MULTILINE);
	field_insert(&f, "line one\r\nline two\rline three\n", 30);
	expect_text(&f, "line one\nline two\nline three\n");
	field_free(&f);

	/* A bracketed paste arrives a key at a time and is one step. */
	field_init(&f, FIELD_MULTILINE);
	type(&f, "Summary: ");
	field_paste_begin(&f);
	assert_true(field_pasting(&f));
	const wchar_t keys[] = L"first\rsecond\x1b[A\tthird";
	for (size_t i = 0; keys[i]; i++)
		field_paste_wch(&f, keys[i]);
	assert_false(field_command(&f, FIELD_BACKSPACE));	/* no commands */
	expect_text(&f, "Summary: ");
	assert_true(field_paste_end(&f));
	assert_false(field_pasting(&f));
	expect_text(&f, "Summary: first\nsecond[A third");
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "Summary: ");
	assert_int_equal(field_cursor(&f), 9);
	field_free(&f);
}

static void test_undo(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);

	/* Typing: a step a word. */
	type(&f, "alpha beta");
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "alpha ");
	assert_int_equal(field_cursor(&f), 6);
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "");
	assert_int_equal(field_cursor(&f), 0);
	assert_false(field_command(&f, FIELD_UNDO));
	field_command(&f, FIELD_REDO);
	field_command(&f, FIELD_REDO);
	expect_text(&f, "alpha beta");
	assert_int_equal(field_cursor(&f), 10);
	assert_false(field_command(&f, FIELD_REDO));

	/* A move ends the step. */
	field_set_text(&f, "", 0);
	type(&f, "ab");
	field_command(&f, FIELD_LEFT);
	type(&f, "X");
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "ab");
	assert_int_equal(field_cursor(&f), 1);

	/* Delete and Backspace. */
	field_set_text(&f, "abcdef", 6);
	field_set_cursor(&f, 2);
	field_command(&f, FIELD_DELETE);
	expect_text(&f, "abdef");
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "abcdef");
	assert_int_equal(field_cursor(&f), 2);
	field_set_cursor(&f, 5);
	cmd(&f, FIELD_BACKSPACE, 3);
	expect_text(&f, "abf");
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "abcdef");
	assert_int_equal(field_cursor(&f), 5);

	/* A paste. */
	field_set_text(&f, "ab", 2);
	field_set_cursor(&f, 1);
	field_insert(&f, "XYZ", 3);
	expect_text(&f, "aXYZb");
	assert_int_equal(field_cursor(&f), 4);
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "ab");
	assert_int_equal(field_cursor(&f), 1);
	field_command(&f, FIELD_REDO);
	expect_text(&f, "aXYZb");
	assert_int_equal(field_cursor(&f), 4);

	/* Kill and yank. */
	field_set_text(&f, "keep this, drop that", 20);
	field_set_cursor(&f, 9);
	field_command(&f, FIELD_KILL_TO_END);
	expect_text(&f, "keep this");
	field_command(&f, FIELD_KILL_TO_START);
	expect_text(&f, "");
	field_command(&f, FIELD_YANK);
	expect_text(&f, "keep this");
	field_command(&f, FIELD_UNDO);
	field_command(&f, FIELD_UNDO);
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "keep this, drop that");
	assert_int_equal(field_cursor(&f), 9);

	/* An editor's result. */
	assert_true(field_replace(&f, "new text\n", 9));
	expect_text(&f, "new text");
	assert_false(field_replace(&f, "new text", 8));
	field_command(&f, FIELD_UNDO);
	expect_text(&f, "keep this, drop that");
	field_free(&f);
}

static void test_undo_limit(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	for (int i = 0; i < 150; i++) {
		type(&f, "x");
		field_command(&f, FIELD_LEFT);	/* every x its own step */
	}
	int undone = 0;
	while (field_command(&f, FIELD_UNDO))
		undone++;
	assert_int_equal(undone, FIELD_UNDO_MAX);
	size_t len;
	field_text(&f, &len);
	assert_int_equal(len, 150 - FIELD_UNDO_MAX);
	field_free(&f);
}

static void test_layout_long_word(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, FIELD_MULTILINE);
	type(&f, "abcdefghijklmnopqrstuvwxyz");
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 3);
	assert_int_equal(f.lines[0].end, 10);
	assert_int_equal(f.lines[1].end, 20);
	assert_int_equal(f.lines[2].cols, 6);
	check_layout(&f, 10);
	expect_cursor(&f, 10, 2, 6);

	/* Words move whole; spaces hang at the end of a line. */
	field_set_text(&f, "to be or not to be, that", 24);
	check_layout(&f, 10);
	for (size_t i = 0; i + 1 < f.nlines; i++) {
		char c = field_text(&f, NULL)[f.lines[i].end - 1];
		assert_int_equal(c, ' ');
	}
	field_free(&f);
}

static void test_layout_cjk(void **state)
{
	(void)state;
	/* 日本語のテキストを折り返す: 13 characters, 26 columns. */
	const char *jp = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86"
			 "\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88\xe3\x82\x92\xe6\x8a\x98"
			 "\xe3\x82\x8a\xe8\xbf\x94\xe3\x81\x99";
	struct field f;
	field_init(&f, FIELD_MULTILINE);
	field_set_text(&f, jp, strlen(jp));
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 3);
	assert_int_equal(f.lines[0].cols, 10);
	assert_int_equal(f.lines[2].cols, 6);
	check_layout(&f, 10);
	field_layout(&f, 9);
	assert_int_equal(f.nlines, 4);
	assert_int_equal(f.lines[0].cols, 8);
	check_layout(&f, 9);
	for (int w = 2; w <= 30; w++)
		check_layout(&f, w);

	/* Latin then CJK: the line may break before a wide character. */
	field_set_text(&f, "ab \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 12);
	field_layout(&f, 6);
	assert_int_equal(f.nlines, 2);
	assert_int_equal(f.lines[0].end, 6);
	check_layout(&f, 6);
	field_free(&f);
}

static void test_cursor_after_wrap(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	type(&f, "hello world");
	expect_cursor(&f, 8, 1, 5);
	field_set_cursor(&f, 6);
	expect_cursor(&f, 8, 1, 0);
	field_set_cursor(&f, 5);
	expect_cursor(&f, 8, 0, 5);

	/* A full last line: the cursor after it goes below. */
	field_set_text(&f, "abcdefghij", 10);
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 2);
	expect_cursor(&f, 10, 1, 0);
	/* Typing on wraps as it goes. */
	type(&f, "k");
	expect_cursor(&f, 10, 1, 1);
	field_free(&f);

	field_init(&f, FIELD_MULTILINE);
	field_set_text(&f, "abcdefghij\nk", 12);
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 3);
	field_set_cursor(&f, 10);
	expect_cursor(&f, 10, 1, 0);
	field_set_cursor(&f, 11);
	expect_cursor(&f, 10, 2, 0);
	/* Empty lines are lines. */
	field_set_text(&f, "a\n\n", 3);
	field_layout(&f, 10);
	assert_int_equal(f.nlines, 3);
	expect_cursor(&f, 10, 2, 0);
	field_free(&f);
}

static void test_set_text(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, 0);
	field_set_text(&f, "one\ntwo\n", 8);
	expect_text(&f, "one two");
	assert_int_equal(field_cursor(&f), 7);
	assert_false(field_command(&f, FIELD_UNDO));
	unsigned long before = field_changes(&f);
	type(&f, "!");
	assert_true(field_changes(&f) > before);
	field_free(&f);
}

/* A keystroke costs the field's own text, however big that is: 20,000
 * keys into one field would take minutes if it were quadratic in more. */
static void test_many_keys(void **state)
{
	(void)state;
	struct field f;
	field_init(&f, FIELD_MULTILINE);
	for (int i = 0; i < 2000; i++) {
		type(&f, i % 7 == 6 ? " " : "w");
		field_layout(&f, 40);
	}
	check_layout(&f, 40);
	size_t len;
	field_text(&f, &len);
	assert_int_equal(len, 2000);
	field_free(&f);
}

/* The one width rule (utf8.h) that the field, the screens and the
 * renderers share, whatever the locale: what a clerk sees line up. */
static void test_width_rule(void **state)
{
	(void)state;
	/* Controls shown as ^[ and ^?, C1 as \u009B, a bad byte as \xFF. */
	assert_int_equal(utf8_width("a\x1b" "b", 3), 4);
	assert_int_equal(utf8_width("\x7f", 1), 2);
	assert_int_equal(utf8_width("\xc2\x9b", 2), 6);
	assert_int_equal(utf8_width("\xff", 1), 4);
	assert_int_equal(utf8_width("\t", 1), 1);
	/* CJK 2, a combining accent 0, an emoji 2. */
	assert_int_equal(utf8_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);
	assert_int_equal(utf8_width("cafe\xcc\x81", 6), 4);
	assert_int_equal(utf8_width("\xf0\x9f\x99\x82", 4), 2);

	/* A flag is one cluster of two regional indicators; a ZWJ sequence
	 * and a skin tone are one cluster each, as wide as a terminal draws
	 * their parts. */
	const char *flag = "\xf0\x9f\x87\xac\xf0\x9f\x87\xa7x";	/* GB, x */
	assert_int_equal(utf8_cluster_next(flag, strlen(flag), 0), 8);
	assert_int_equal(utf8_cluster_prev(flag, strlen(flag), 8), 0);
	assert_false(utf8_cluster_boundary(flag, strlen(flag), 4));
	const char *zwj = "x\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbby";
	assert_int_equal(utf8_cluster_next(zwj, strlen(zwj), 1), 12);
	assert_int_equal(utf8_cluster_prev(zwj, strlen(zwj), 12), 1);
	assert_int_equal(utf8_cluster_width(zwj + 1, 11), 4);
	const char *tone = "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd";
	assert_int_equal(utf8_cluster_next(tone, 8, 0), 8);
	assert_int_equal(utf8_cluster_width(tone, 8), 4);
	/* A mark with no base is drawn on a space; LF stands alone. */
	assert_int_equal(utf8_cluster_width("\xcc\x81", 2), 1);
	assert_int_equal(utf8_cluster_next("a\n\xcc\x81", 4, 1), 2);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C.utf8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_precomposed_accent),
		cmocka_unit_test(test_combining_accent),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_word_movement),
		cmocka_unit_test(test_home_end),
		cmocka_unit_test(test_up_down),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_controls_rejected),
		cmocka_unit_test(test_paste_lines),
		cmocka_unit_test(test_undo),
		cmocka_unit_test(test_undo_limit),
		cmocka_unit_test(test_layout_long_word),
		cmocka_unit_test(test_layout_cjk),
		cmocka_unit_test(test_cursor_after_wrap),
		cmocka_unit_test(test_set_text),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_width_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
