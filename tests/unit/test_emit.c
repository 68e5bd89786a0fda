/*
 * test_emit: FORMAT.md's written form.  The style each text is given
 * (plain, double-quoted or a literal block), the exact bytes of literal
 * blocks, awkward texts through the whole minutes model and back, and
 * the stability of the written form (same content, same bytes; one
 * change, one line).
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
#include "minutes/base/diag.h"
#include "minutes/model/yamlfile.h"
#include "minutes/format/emit.h"
#include "minutes/model/minutes.h"

#define FULL "tests/data/minutes-full.yaml"

static const char *style_name(enum emit_style s)
{
	switch (s) {
	case EMIT_PLAIN: return "plain";
	case EMIT_QUOTED: return "double-quoted";
	case EMIT_LITERAL: return "a literal block";
	}
	return "?";
}

static void expect_style(const char *s, enum emit_style want)
{
	enum emit_style got = emit_style_of(s, strlen(s));
	if (got != want)
		fail_msg("\"%s\": expected %s, got %s", s, style_name(want), style_name(got));
	if (!strchr(s, '\n') && emit_plain_ok(s, strlen(s)) != (want == EMIT_PLAIN))
		fail_msg("\"%s\": emit_plain_ok disagrees with emit_style_of", s);
}

static void plain(const char *s) { expect_style(s, EMIT_PLAIN); }
static void quoted(const char *s) { expect_style(s, EMIT_QUOTED); }

/* ---- plain or double-quoted ---- */

static void test_style_empty(void **state)
{
	(void)state;
	quoted("");
	assert_false(emit_plain_ok("", 0));
	assert_int_equal(emit_style_of("", 0), EMIT_QUOTED);
}

static void test_style_spaces_at_ends(void **state)
{
	(void)state;
	quoted(" leading");
	quoted("trailing ");
	quoted(" ");
	quoted("  both  ");
	plain("inner space");
}

static void test_style_tab(void **state)
{
	(void)state;
	quoted("a\tb");
	quoted("\tleading");
	quoted("trailing\t");
	quoted("\t");
}

static void test_style_leading_indicators(void **state)
{
	(void)state;
	const char *indicators = "-?:,[]{}#&*!|>'\"%@`";
	for (const char *p = indicators; *p; p++) {
		char one[2] = { *p, '\0' };
		char word[8];
		char spaced[8];
		snprintf(word, sizeof(word), "%cword", *p);
		snprintf(spaced, sizeof(spaced), "%c word", *p);
		quoted(one);
		quoted(word);
		quoted(spaced);
	}
	/* The same characters inside a text are no trouble. */
	plain("a-b?c,d[e]f{g}h&i*j!k|l>m'n\"o%p@q`r");
	plain("x#y");
}

static void test_style_colon_and_hash(void **state)
{
	(void)state;
	quoted("a: b");
	quoted("RESOLVED: that the recommendations be approved.");
	quoted("a :b: c");
	quoted("see note #3");
	quoted("a #");
	quoted("ends with a colon:");
	quoted("a:");
	plain("a:b");
	plain("12:30pm");
	plain("https://example.org/a#b");
	plain("no#1 here");
}

static void test_style_reserved_words(void **state)
{
	(void)state;
	static const char *const words[] = {
		"true", "True", "TRUE", "tRuE", "false", "False", "FALSE",
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
		"off", "Off", "OFF", "y", "Y", "n", "N", "null", "Null",
		"NULL", "nUlL", "~",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		quoted(words[i]);
	plain("yesterday");
	plain("nothing");
	plain("trueish");
	plain("Nope");
	plain("~tilde");
	plain("a~");
}

static void test_style_numbers_dates_times(void **state)
{
	(void)state;
	static const char *const numbers[] = {
		"12", "0", "007", "1.5", "0x1F", "0xff", ".inf", "-.Inf", "+.INF",
		".NaN", ".nan", "12:30", "1:20:30", "2018-03-14", "2018-3-4",
		"2018-03-14T10:00:00Z", "2018-03-14 10:00:00", "1_000", "0o17",
		"0b101", "1e3", "1.5E-3", "+12", "-12", "1.", ".5", "3.14159",
	};
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		quoted(numbers[i]);
	/* Not numbers under either YAML version. */
	plain("12 Downing Street");
	plain("5a");
	plain("3a");
	plain("12.1a");
	plain("0x");
	plain("inf");
	plain("nan");
	plain("2018-03-14 meeting");
	plain("+");
}

static void test_style_ordinary_text_plain(void **state)
{
	(void)state;
	plain("Members noted the presentation.");
	plain("Members noted the report.");
	plain("Zoë");
	plain("会议");
	plain("RESOLVED that the recommendations be approved.");
	plain("Town Hall, Committee Room 2");
	plain("Cllr Alex Morgan");
	plain("Councillors' News");
	plain("Ministry of Housing, Communities and Local Government");
	plain("مرحبا");
	plain("שלום");
	plain("a");
}

/* ---- literal blocks ---- */

/* `key: text` as emit_text writes it at the top level. */
static char *emitted(const char *key, const char *text)
{
	struct buf b = BUF_INIT;
	struct emit e;
	emit_init(&e, &b);
	emit_text(&e, key, text);
	return buf_detach(&b, NULL);
}

static void expect_emitted(const char *text, const char *want)
{
	char *got = emitted("summary", text);
	assert_string_equal(got, want);
	free(got);
}

static void test_literal_clip(void **state)
{
	(void)state;
	assert_int_equal(emit_style_of("a\nb\n", 4), EMIT_LITERAL);
	expect_emitted("a\nb\n", "summary: |\n  a\n  b\n");
	expect_emitted("one line\n", "summary: |\n  one line\n");
	expect_emitted("a: b\n# c\n- d\n", "summary: |\n  a: b\n  # c\n  - d\n");
}

static void test_literal_strip(void **state)
{
	(void)state;
	expect_emitted("a\nb", "summary: |-\n  a\n  b\n");
	expect_emitted("a\n\nb", "summary: |-\n  a\n\n  b\n");
}

static void test_literal_keep(void **state)
{
	(void)state;
	expect_emitted("a\nb\n\n", "summary: |+\n  a\n  b\n\n");
	expect_emitted("a\n\n\n", "summary: |+\n  a\n\n\n");
}

static void test_literal_indentation_indicator(void **state)
{
	(void)state;
	expect_emitted(" a\nb\n", "summary: |2\n   a\n  b\n");
	expect_emitted("  a\nb", "summary: |2-\n    a\n  b\n");
	expect_emitted(" a\n\n", "summary: |2+\n   a\n\n");
	/* The first line with text decides, after empty lines. */
	expect_emitted("\n a\n", "summary: |2\n\n   a\n");
	expect_emitted("\na\n", "summary: |\n\n  a\n");
	/* Later lines may start with spaces without it. */
	expect_emitted("a\n  b\n", "summary: |\n  a\n    b\n");
}

static void test_literal_impossible_is_quoted(void **state)
{
	(void)state;
	/* A line of spaces only. */
	quoted("a\n  \nb");
	quoted("a\n \n");
	quoted("  \nb");
	expect_emitted("a\n  \nb", "summary: \"a\\n  \\nb\"\n");
	/* A first line starting with TAB. */
	quoted("\ta\nb");
	quoted("\n\ta\n");
	expect_emitted("\ta\nb\n", "summary: \"\\ta\\nb\\n\"\n");
	/* Nothing but line breaks. */
	quoted("\n");
	quoted("\n\n\n");
	expect_emitted("\n", "summary: \"\\n\"\n");
	expect_emitted("\n\n", "summary: \"\\n\\n\"\n");
	/* A TAB later on is fine in a literal block. */
	expect_style("a\n\tb\n", EMIT_LITERAL);
	expect_style("a\tb\nc", EMIT_LITERAL);
}

static void test_quoted_escapes_only_four(void **state)
{
	(void)state;
	char *got = emitted("decision", "\"q\" \\ \ttab é 会");
	assert_string_equal(got, "decision: \"\\\"q\\\" \\\\ \\ttab é 会\"\n");
	free(got);
	got = emitted("decision", "a: b");
	assert_string_equal(got, "decision: \"a: b\"\n");
	free(got);
	got = emitted("decision", "Members noted the presentation.");
	assert_string_equal(got, "decision: Members noted the presentation.\n");
	free(got);
	/* Empty text is left out, or written "" when it must be there. */
	got = emitted("decision", "");
	assert_string_equal(got, "");
	free(got);
	struct buf b = BUF_INIT;
	struct emit e;
	emit_init(&e, &b);
	emit_text_always(&e, "title", "");
	assert_string_equal(b.data, "title: \"\"\n");
	buf_free(&b);
}

static void test_literal_nested_indent(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct emit e;
	emit_init(&e, &b);
	emit_open(&e, "items");
	emit_entry(&e);
	emit_quoted(&e, "number", "5");
	emit_text(&e, "summary", " x\ny\n");
	emit_open(&e, "comments");
	emit_list_text(&e, "p\nq");
	emit_entry(&e);
	emit_text(&e, "text", "r\n");
	emit_text(&e, "by", "S");
	emit_entry_end(&e);
	emit_close(&e);
	emit_entry_end(&e);
	emit_close(&e);
	assert_string_equal(b.data,
			    "items:\n"
			    "  - number: \"5\"\n"
			    "    summary: |2\n"
			    "       x\n"
			    "      y\n"
			    "    comments:\n"
			    "      - |-\n"
			    "        p\n"
			    "        q\n"
			    "      - text: |\n"
			    "          r\n"
			    "        by: S\n");
	buf_free(&b);
}

/* ---- round trips through the minutes model ---- */

enum field { F_TITLE, F_SUMMARY, F_COMMENT, F_COMMENT_BY, F_DECISION, NFIELDS };
static const char *const field_names[] = {
	"title", "summary", "comment", "comment with by", "decision",
};

/* Minutes with two items; `text` in one field of the first, fixed texts
 * around it so that whatever follows the text must still read right. */
static struct minutes *model_with(enum field f, const char *text)
{
	struct minutes *m = minutes_new("Communities Board", "2018-03-14");
	struct minutes_item *it = minutes_add_item(m, "5", f == F_TITLE ? text : "Strategy");
	snprintf(it->started, sizeof(it->started), "11:40");
	record_text_set(&it->summary, f == F_SUMMARY ? text : "Summary.");
	if (f == F_COMMENT)
		minutes_item_add_comment(it, text, NULL);
	else if (f == F_COMMENT_BY)
		minutes_item_add_comment(it, text, "Cllr Jo Reid");
	minutes_item_add_comment(it, "Last comment.", NULL);
	record_text_set(&it->decision, f == F_DECISION ? text : "Noted.");
	it->votes_for = 3;
	minutes_add_item(m, "6", "Any other business");
	return m;
}

static const char *field_of(const struct minutes *m, enum field f)
{
	const struct minutes_item *it = m->items[0];
	switch (f) {
	case F_TITLE: return it->title;
	case F_SUMMARY: return it->summary;
	case F_COMMENT:
	case F_COMMENT_BY: return it->comments[0].text;
	case F_DECISION: return it->decision;
	default: return NULL;
	}
}

static struct minutes *read_back(const char *data, size_t len)
{
	struct diags d;
	struct yamlfile doc;
	diags_init(&d);
	int rc = yamlfile_load_mem(&doc, "rt.yaml", data, len, YAMLFILE_MINUTES, &d);
	if (rc != YAMLFILE_OK) {
		for (size_t i = 0; i < d.n; i++) {
			char *s = diag_format(&d.v[i]);
			print_error("  %s\n", s);
			free(s);
		}
		print_error("--- written:\n%.2000s\n---\n", data);
		diags_free(&d);
		fail_msg("the written form did not read back");
	}
	diags_free(&d);
	return doc.minutes;
}

static void round_trip(const char *text)
{
	for (int f = 0; f < NFIELDS; f++) {
		struct minutes *m = model_with((enum field)f, text);
		struct buf first = BUF_INIT, second = BUF_INIT;
		minutes_write(m, &first);
		struct minutes *back = read_back(first.data, first.len);
		const char *got = field_of(back, (enum field)f);
		if (!got || strcmp(got, text) != 0) {
			print_error("--- written:\n%.2000s\n---\n", first.data);
			fail_msg("%s: \"%.80s\" came back as \"%.80s\"", field_names[f],
				 text, got ? got : "(null)");
		}
		/* What is around it is intact. */
		const struct minutes_item *it = back->items[0];
		assert_int_equal(back->nitems, 2);
		assert_string_equal(it->number, "5");
		assert_string_equal(it->started, "11:40");
		assert_int_equal(it->ncomments, f == F_COMMENT || f == F_COMMENT_BY ? 2 : 1);
		assert_string_equal(it->comments[it->ncomments - 1].text, "Last comment.");
		if (f == F_COMMENT_BY)
			assert_string_equal(it->comments[0].by, "Cllr Jo Reid");
		assert_int_equal(it->votes_for, 3);
		assert_string_equal(back->items[1]->title, "Any other business");
		/* Written again: the same bytes. */
		minutes_write(back, &second);
		assert_int_equal(first.len, second.len);
		assert_memory_equal(first.data, second.data, first.len);
		minutes_free(back);
		minutes_free(m);
		buf_free(&first);
		buf_free(&second);
	}
}

static void test_round_trip_colons(void **state)
{
	(void)state;
	round_trip("RESOLVED: that the recommendations be approved.");
	round_trip("a: b");
	round_trip("a:b");
	round_trip("ends with a colon:");
	round_trip(":");
	round_trip("::");
	round_trip("key: value\nother: value\n");
}

static void test_round_trip_hash(void **state)
{
	(void)state;
	round_trip("# not a comment");
	round_trip("item #5");
	round_trip("a#b");
	round_trip("#");
	round_trip("first\n# second line\n");
}

static void test_round_trip_leading_indicators(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"- a dash", "-", "--", "---", "--- x", "...", "... x", "-5",
		"'single quoted'", "\"double quoted\"", "'", "\"",
		"? question", "[not a list]", "{not: a map}", "& amp", "*star",
		"!bang", "%YAML 1.2", "@at", "`tick`", ", comma", "> folded",
		"| pipe", "|", "|-", "<<", "=",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		round_trip(texts[i]);
}

static void test_round_trip_pipe_at_line_start(void **state)
{
	(void)state;
	round_trip("first\n| second\n");
	round_trip("| first\nsecond");
	round_trip("|\n|\n");
	round_trip("a\n---\nb\n");
	round_trip("a\n...\nb\n");
}

static void test_round_trip_spaces(void **state)
{
	(void)state;
	round_trip("trailing spaces   ");
	round_trip("   leading spaces");
	round_trip(" ");
	round_trip("   ");
	round_trip("a   \nb  \n");
	round_trip("  first line indented\nsecond\n");
	round_trip(" first\n  second\n   third");
	round_trip("a\n  \nb");
	round_trip("a\n \n");
	round_trip("  \n");
}

static void test_round_trip_empty_lines(void **state)
{
	(void)state;
	round_trip("Paragraph one.\n\nParagraph two.\n");
	round_trip("a\n\n\n\nb");
	round_trip("\nstarts with an empty line\n");
	round_trip("\n\nstarts with two");
	round_trip("\n  indented after an empty line\n");
	round_trip("\n");
	round_trip("\n\n\n");
}

static void test_round_trip_final_breaks(void **state)
{
	(void)state;
	round_trip("no final break");
	round_trip("two lines\nno final break");
	round_trip("one final break\n");
	round_trip("two lines\none final break\n");
	round_trip("three final breaks\n\n\n");
	round_trip("a\nb\n\n\n");
}

static void test_round_trip_long_line(void **state)
{
	(void)state;
	size_t n = 100 * 1024;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = "The quick brown fox: jumps # over "[i % 34];
	s[n - 1] = '.';
	s[n] = '\0';
	round_trip(s);
	/* And as one line of a block. */
	s[n / 2] = '\n';
	round_trip(s);
	free(s);
}

static void test_round_trip_scripts(void **state)
{
	(void)state;
	round_trip("Zoë Åsa, Ñandú, Straße, Œuvre");
	round_trip("会议纪要：预算报告已通过。");
	round_trip("委員会\n議事録\n");
	round_trip("مرحبا بالعالم");
	round_trip("שלום עולם");
	round_trip("Mixed עברית and العربية: 12 items");
	round_trip("\xe2\x80\x8f" "rtl mark first");           /* U+200F */
	round_trip("emoji \xf0\x9f\x97\xb3\xef\xb8\x8f vote");
	round_trip("\xc2\xa0nbsp at the start");
	round_trip("nbsp at the end\xc2\xa0");
}

static void test_round_trip_tabs_backslashes_quotes(void **state)
{
	(void)state;
	round_trip("tab\tinside");
	round_trip("\tleading tab");
	round_trip("trailing tab\t");
	round_trip("\tfirst line\nsecond\n");
	round_trip("\n\tafter an empty line\n");
	round_trip("first\n\tsecond starts with a tab\n");
	round_trip("a\n\t\nb");
	round_trip("back\\slash");
	round_trip("C:\\Users\\clerk\\");
	round_trip("\\n is not a line break");
	round_trip("say \"hello\"");
	round_trip("\"quoted\" at the start");
	round_trip("it's");
	round_trip("line one\nsay \"two\" \\ three\n");
}

static void test_round_trip_look_alikes(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"true", "False", "yes", "NO", "on", "Off", "y", "N", "null", "~",
		"12", "1.5", "0x1F", ".inf", "-.Inf", ".NaN", "12:30", "2018-03-14",
		"1_000", "0o17", "1e3", "+12", "007", "3a", "12.1",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		round_trip(texts[i]);
}

/* ---- the written form of a whole file ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

static void test_full_file_same_bytes(void **state)
{
	(void)state;
	size_t len;
	char *data = slurp(FULL, &len);
	struct minutes *m = read_back(data, len);
	struct buf out = BUF_INIT;
	minutes_write(m, &out);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.data, data, len);
	minutes_free(m);
	buf_free(&out);
	free(data);
}

/* Splits at LF; the pieces point into s, which is changed. */
static size_t split_lines(char *s, char **lines, size_t max)
{
	size_t n = 0;
	char *p = s;
	while (*p && n < max) {
		lines[n++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/* Writes the full file with one change made by `change`; expects exactly
 * the line `want_old` to have become `want_new`. */
static void expect_one_line_changed(void (*change)(struct minutes *),
				    const char *want_old, const char *want_new)
{
	size_t len;
	char *data = slurp(FULL, &len);
	struct minutes *m = read_back(data, len);
	change(m);
	struct buf out = BUF_INIT;
	minutes_write(m, &out);
	char *a[200], *b[200];
	size_t na = split_lines(data, a, 200);
	size_t nb = split_lines(out.data, b, 200);
	assert_int_equal(na, nb);
	size_t changed = 0;
	for (size_t i = 0; i < na; i++) {
		if (strcmp(a[i], b[i]) == 0)
			continue;
		changed++;
		assert_string_equal(a[i], want_old);
		assert_string_equal(b[i], want_new);
	}
	assert_int_equal(changed, 1);
	minutes_free(m);
	buf_free(&out);
	free(data);
}

static void change_comment(struct minutes *m)
{
	record_text_set(&m->items[0]->comments[0].text,
		 "Some building blocks of integration had closed through cuts.");
}

static void change_comment_by(struct minutes *m)
{
	record_text_set(&m->items[0]->comments[1].text, "Asked for a register.");
}

static void change_decision(struct minutes *m)
{
	record_text_set(&m->items[0]->decision, "Members noted the report.");
}

static void test_one_change_one_line(void **state)
{
	(void)state;
	expect_one_line_changed(change_comment,
		"      - Some building blocks of integration had closed through funding cuts.",
		"      - Some building blocks of integration had closed through cuts.");
	expect_one_line_changed(change_comment_by,
		"      - text: Asked for a register of home-schooled children.",
		"      - text: Asked for a register.");
	expect_one_line_changed(change_decision,
		"    decision: Members noted the presentation.",
		"    decision: Members noted the report.");
}

static void test_written_form_basics(void **state)
{
	(void)state;
	/* Dates plain, times and numbers quoted, final newline, no BOM,
	 * status always, votes left out when all zero. */
	struct minutes *m = minutes_new("Communities Board", "2018-03-14");
	snprintf(m->start, sizeof(m->start), "11:02");
	struct minutes_item *it = minutes_add_item(m, "3a", "Minutes");
	minutes_item_add_action(it, "Publish", "Peter Fenn", "2018-04-30");
	struct buf out = BUF_INIT;
	minutes_write(m, &out);
	assert_string_equal(out.data,
			    "format: gavel-minutes/1\n"
			    "committee: Communities Board\n"
			    "date: 2018-03-14\n"
			    "start: \"11:02\"\n"
			    "status: draft\n"
			    "items:\n"
			    "  - number: \"3a\"\n"
			    "    title: Minutes\n"
			    "    actions:\n"
			    "      - text: Publish\n"
			    "        owner: Peter Fenn\n"
			    "        due: 2018-04-30\n");
	minutes_free(m);
	buf_free(&out);

	m = minutes_new("C", "2018-03-14");
	minutes_write(m, &out);
	assert_string_equal(out.data, "format: gavel-minutes/1\ncommittee: C\n"
			    "date: 2018-03-14\nstatus: draft\nitems: []\n");
	minutes_free(m);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_style_empty),
		cmocka_unit_test(test_style_spaces_at_ends),
		cmocka_unit_test(test_style_tab),
		cmocka_unit_test(test_style_leading_indicators),
		cmocka_unit_test(test_style_colon_and_hash),
		cmocka_unit_test(test_style_reserved_words),
		cmocka_unit_test(test_style_numbers_dates_times),
		cmocka_unit_test(test_style_ordinary_text_plain),
		cmocka_unit_test(test_literal_clip),
		cmocka_unit_test(test_literal_strip),
		cmocka_unit_test(test_literal_keep),
		cmocka_unit_test(test_literal_indentation_indicator),
		cmocka_unit_test(test_literal_impossible_is_quoted),
		cmocka_unit_test(test_quoted_escapes_only_four),
		cmocka_unit_test(test_literal_nested_indent),
		cmocka_unit_test(test_round_trip_colons),
		cmocka_unit_test(test_round_trip_hash),
		cmocka_unit_test(test_round_trip_leading_indicators),
		cmocka_unit_test(test_round_trip_pipe_at_line_start),
		cmocka_unit_test(test_round_trip_spaces),
		cmocka_unit_test(test_round_trip_empty_lines),
		cmocka_unit_test(test_round_trip_final_breaks),
		cmocka_unit_test(test_round_trip_long_line),
		cmocka_unit_test(test_round_trip_scripts),
		cmocka_unit_test(test_round_trip_tabs_backslashes_quotes),
		cmocka_unit_test(test_round_trip_look_alikes),
		cmocka_unit_test(test_full_file_same_bytes),
		cmocka_unit_test(test_one_change_one_line),
		cmocka_unit_test(test_written_form_basics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
