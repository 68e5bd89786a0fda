/*
 * test_yamlread: FORMAT.md's reading rules, one or more tests a rule.
 *
 * Each refusal is checked for the exact line and column (1-based, columns
 * in characters), the file's name and a phrase saying what was expected.
 * Files are loaded through yamlfile_load_mem, or yamlfile_load for the rules
 * about the file itself (temporary files under $TMPDIR or /tmp).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"
#include "minutes/format/yamlread.h"

#define NAME "t.yaml"

/* The first three lines of most cases below. */
#define HEAD "format: gavel-minutes/1\ncommittee: C\ndate: 2018-03-14\n"
/* ... and an item on lines 4 to 6 (its keys at column 5): what
 * follows starts on line 7. */
#define ITEM HEAD "items:\n  - number: \"5\"\n    title: T\n"

struct loaded {
	struct diags d;
	struct yamlfile doc;
	int rc;
};

static void load_n(struct loaded *l, const char *text, size_t len,
		   enum yamlfile_kind want)
{
	diags_init(&l->d);
	l->rc = yamlfile_load_mem(&l->doc, NAME, text, len, want, &l->d);
}

static void load(struct loaded *l, const char *text)
{
	load_n(l, text, strlen(text), YAMLFILE_ANY);
}

static void load_path(struct loaded *l, const char *path)
{
	diags_init(&l->d);
	l->rc = yamlfile_load(&l->doc, path, YAMLFILE_ANY, &l->d);
}

static void unload(struct loaded *l)
{
	yamlfile_free(&l->doc);
	diags_free(&l->d);
}

static void dump(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		print_error("  found: %s\n", s);
		free(s);
	}
}

/* The problem at line:col whose message holds `phrase`, or NULL. */
static const struct diag *find(const struct diags *d, unsigned line,
			       unsigned col, const char *phrase)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, phrase))
			return &d->v[i];
	return NULL;
}

/* True when some problem's message holds `phrase`. */
static bool mentions(const struct diags *d, const char *phrase)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, phrase))
			return true;
	return false;
}

static void expect_at(const struct diags *d, const char *file, unsigned line,
		      unsigned col, const char *phrase)
{
	const struct diag *x = find(d, line, col, phrase);
	if (!x) {
		dump(d);
		fail_msg("expected a problem at %u:%u saying \"%s\"", line, col, phrase);
	}
	assert_non_null(x->file);
	assert_string_equal(x->file, file);
}

static void expect_no(const struct diags *d, const char *phrase)
{
	if (mentions(d, phrase)) {
		dump(d);
		fail_msg("expected no problem saying \"%s\"", phrase);
	}
}

static void expect_ok_l(struct loaded *l)
{
	if (l->rc != YAMLFILE_OK || diags_count(&l->d)) {
		dump(&l->d);
		fail_msg("expected the file to load (rc %d, %zu problems)", l->rc,
			 diags_count(&l->d));
	}
}

/* Loads `len` bytes and expects them refused with this problem. */
static void refused_n(const char *text, size_t len, unsigned line,
		      unsigned col, const char *phrase)
{
	struct loaded l;
	load_n(&l, text, len, YAMLFILE_ANY);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	expect_at(&l.d, NAME, line, col, phrase);
	unload(&l);
}

static void refused(const char *text, unsigned line, unsigned col,
		    const char *phrase)
{
	refused_n(text, strlen(text), line, col, phrase);
}

static void accepted(const char *text)
{
	struct loaded l;
	load(&l, text);
	expect_ok_l(&l);
	unload(&l);
}

/* The written form of a minutes file's model. */
static char *written(const char *text, size_t len)
{
	struct loaded l;
	struct buf b = BUF_INIT;
	load_n(&l, text, len, YAMLFILE_ANY);
	expect_ok_l(&l);
	assert_non_null(l.doc.minutes);
	minutes_write(l.doc.minutes, &b);
	unload(&l);
	return buf_detach(&b, NULL);
}

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

/* ---- temporary files ---- */

static char tmpdir[4096];

static int make_tmpdir(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/gavel-test-yamlread.XXXXXX",
		 t && *t ? t : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	const char *names[] = { "big", "exact", "fifo", "utf16.yaml", "ok.yaml", NULL };
	char path[4200];
	for (int i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	return rmdir(tmpdir);
}

static void tmp_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/* ---- an unknown key ---- */

static void test_unknown_key_top(void **state)
{
	(void)state;
	refused(HEAD "items: []\nbogus: 1\n", 5, 1, "unknown key 'bogus'");
	refused(HEAD "items: []\nbogus: 1\n", 5, 1, "expected one of: format, committee, date");
}

static void test_unknown_key_item(void **state)
{
	(void)state;
	refused(ITEM "    colour: red\n", 7, 5, "unknown key 'colour' in an item");
	refused(ITEM "    votes: {for: 1, four: 2}\n", 7, 21, "unknown key 'four'");
}

static void test_unknown_key_agenda_committee(void **state)
{
	(void)state;
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems: []\n"
		"minutes: x\n", 5, 1, "unknown key 'minutes' in an agenda");
	refused("format: gavel-committee/1\nname: C\nchair: X\n", 3, 1,
		"unknown key 'chair' in a committee file");
}

/* ---- a wrong type ---- */

static void test_wrong_type_mapping_for_text(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - number: \"5\"\n    title: {a: b}\n", 6, 12,
		"expected the item's title, found a mapping");
	refused(HEAD "venue: [a]\nitems: []\n", 4, 8, "expected the venue, found a list");
}

static void test_wrong_type_text_for_list(void **state)
{
	(void)state;
	refused(ITEM "    comments: hello\n", 7, 15,
		"expected a list of comments, found 'hello'");
	refused(HEAD "items: 5\n", 4, 8, "expected a list of items, found '5'");
	refused(ITEM "    presenters: Peter Fenn\n", 7, 17, "expected a list of people");
}

static void test_wrong_type_votes(void **state)
{
	(void)state;
	const char *f = ITEM "    votes: {for: x, against: -1, abstained: 1.5}\n";
	refused(f, 7, 18, "expected a whole number");
	refused(f, 7, 30, "expected a whole number (0 or more, below 10,000,000), found '-1'");
	refused(f, 7, 45, "expected a whole number (0 or more, below 10,000,000), found '1.5'");
	refused(ITEM "    votes:\n      for: 12345678\n", 8, 12, "expected a whole number");
}

static void test_wrong_type_urgent(void **state)
{
	(void)state;
	refused(ITEM "    urgent: maybe\n", 7, 13, "expected true or false, found 'maybe'");
	refused(ITEM "    urgent: 1\n", 7, 13, "expected true or false");
	refused(ITEM "    urgent: [true]\n", 7, 13, "expected true or false, found a list");
}

static void test_wrong_type_root(void **state)
{
	(void)state;
	refused("- a\n- b\n", 1, 1, "expected a mapping starting with format:");
	refused("", 1, 1, "the file is empty");
}

/* ---- a missing required key ---- */

static void test_missing_format(void **state)
{
	(void)state;
	refused("committee: C\ndate: 2018-03-14\nitems: []\n", 1, 1,
		"missing key 'format'; expected format: gavel-agenda/1");
}

static void test_missing_committee(void **state)
{
	(void)state;
	refused("format: gavel-minutes/1\ndate: 2018-03-14\nitems: []\n", 1, 1,
		"missing key 'committee' in minutes; expected the committee's name");
	refused("format: gavel-agenda/1\ndate: 2018-03-14\nitems: []\n", 1, 1,
		"missing key 'committee' in an agenda");
	refused("format: gavel-committee/1\nmembers: []\n", 1, 1,
		"missing key 'name' in a committee file");
}

static void test_missing_date(void **state)
{
	(void)state;
	refused("format: gavel-minutes/1\ncommittee: C\nitems: []\n", 1, 1,
		"missing key 'date' in minutes; expected the meeting's date, YYYY-MM-DD");
	refused("format: gavel-agenda/1\ncommittee: C\nitems: []\n", 1, 1,
		"missing key 'date' in an agenda");
	/* A date that is there but null is no date either. */
	refused("format: gavel-minutes/1\ncommittee: C\ndate: ~\nitems: []\n", 3, 7,
		"expected the meeting's date, YYYY-MM-DD, found nothing");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: null\nitems: []\n", 3, 7,
		"expected the meeting's date");
	refused(HEAD "items: []\nstatus: confirmed\nconfirmed:\n  date:\n  by: X\n", 7, 8,
		"expected the date of the meeting that confirmed them");
}

static void test_missing_items(void **state)
{
	(void)state;
	refused(HEAD, 1, 1, "missing key 'items' in minutes; expected a list of items");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\n", 1, 1,
		"missing key 'items' in an agenda");
}

static void test_missing_item_number(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - title: T\n", 5, 5,
		"missing key 'number' in an item; expected the item's number");
	refused(HEAD "items:\n  - number: \"\"\n    title: T\n", 5, 13,
		"expected the item's number (such as \"5\" or \"3a\"), found empty text");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		"  - {title: T}\n", 5, 5, "missing key 'number' in an agenda item");
}

static void test_missing_item_title(void **state)
{
	(void)state;
	refused(HEAD "items:\n  - number: \"5\"\n", 5, 5,
		"missing key 'title' in an item; expected the item's title");
	refused(HEAD "items:\n  - number: \"5\"\n    title:\n", 6, 11,
		"expected the item's title, found nothing");
	refused("format: gavel-agenda/1\ncommittee: C\ndate: 2018-03-14\nitems:\n"
		"  - number: \"5\"\n", 5, 5, "missing key 'title' in an agenda item");
}

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

/* ---- anchors, aliases, tags, documents ---- */

static void test_anchor_refused(void **state)
{
	(void)state;
	refused(HEAD "venue: &v Town Hall\nitems: []\n", 4, 8, "anchors are not allowed (found &'v')");
	refused(HEAD "attendance: &a\n  present: []\nitems: []\n", 4, 13, "anchors are not allowed");
}

static void test_alias_refused(void **state)
{
	(void)state;
	const char *f = HEAD "items:\n  - number: &n \"5\"\n    title: *n\n";
	refused(f, 5, 13, "anchors are not allowed");
	refused(f, 6, 12, "aliases are not allowed (found *'n')");
}

static void test_tag_refused(void **state)
{
	(void)state;
	refused(HEAD "venue: !!str Town Hall\nitems: []\n", 4, 8, "tags are not allowed");
	refused(HEAD "venue: !local Town Hall\nitems: []\n", 4, 8, "tags are not allowed (found '!local')");
	refused(HEAD "items: !!seq []\n", 4, 8, "tags are not allowed");
	refused(HEAD "attendance: !!map {}\nitems: []\n", 4, 13, "tags are not allowed");
	/* The non-specific tag is a tag too, even where libyaml calls it implicit. */
	refused(HEAD "venue: ! Town Hall\nitems: []\n", 4, 8, "tags are not allowed (found '!')");
	refused(HEAD "venue: ! \"Town Hall\"\nitems: []\n", 4, 8, "tags are not allowed");
}

static void test_second_document_refused(void **state)
{
	(void)state;
	refused(HEAD "items: []\n---\nformat: gavel-minutes/1\n", 5, 1,
		"a second document starts here; expected one document per file");
	refused(HEAD "items: []\n...\n---\n", 6, 1, "a second document");
	refused("---\n" HEAD "items: []\n--- x\n", 6, 1, "a second document");
	accepted("---\n" HEAD "items: []\n...\n");
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

/* ---- duplicate keys ---- */

static void test_duplicate_key(void **state)
{
	(void)state;
	refused(HEAD "items: []\ncommittee: D\n", 5, 1,
		"duplicate key 'committee' in minutes (first at line 2, column 1)");
	refused(ITEM "    title: U\n", 7, 5,
		"duplicate key 'title' in an item (first at line 6, column 5)");
	refused(ITEM "    votes: {for: 1, against: 2, for: 3}\n", 7, 33,
		"duplicate key 'for' in the votes (for, against, abstained) (first at line 7, column 13)");
	refused(HEAD "items: []\nformat: gavel-minutes/1\n", 5, 1,
		"duplicate key 'format' in minutes (first at line 1, column 1)");
	/* Written differently, the same key. */
	refused(HEAD "items: []\n\"date\": 2018-03-15\n", 5, 1,
		"duplicate key 'date' in minutes (first at line 3, column 1)");
}

static void test_duplicate_key_format_late(void **state)
{
	(void)state;
	/* `format:` met late: found by a first pass, counted once. */
	refused("committee: C\nformat: gavel-minutes/1\ndate: 2018-03-14\nitems: []\n"
		"committee: D\n", 5, 1, "duplicate key 'committee' in minutes (first at line 1, column 1)");
	struct loaded l;
	load(&l, "committee: C\nformat: gavel-minutes/1\ndate: 2018-03-14\nitems: []\n"
	     "committee: D\n");
	assert_int_equal(diags_count(&l.d), 1);
	unload(&l);
}

/* ---- the file's size ---- */

static void test_file_over_16_mib(void **state)
{
	(void)state;
	char path[4200];
	tmp_path(path, sizeof(path), "big");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)YR_MAX_FILE + 1), 0);   /* sparse */
	close(fd);
	struct loaded l;
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	expect_at(&l.d, path, 0, 0, "the file is 16777217 bytes; gavel reads files of at most 16 MiB");
	assert_int_equal(diags_count(&l.d), 1);
	unload(&l);
	unlink(path);

	/* From memory, too. */
	char *mem = calloc(YR_MAX_FILE + 1, 1);
	assert_non_null(mem);
	load_n(&l, mem, YR_MAX_FILE + 1, YAMLFILE_ANY);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 0, 0, "larger than 16 MiB");
	unload(&l);
	free(mem);
}

static void test_file_of_exactly_16_mib(void **state)
{
	(void)state;
	/* A valid file of exactly 16 MiB: a long comment fills it. */
	const char *head = HEAD "items: []\n# ";
	size_t hl = strlen(head);
	char *data = malloc(YR_MAX_FILE);
	assert_non_null(data);
	memcpy(data, head, hl);
	memset(data + hl, 'x', YR_MAX_FILE - hl - 1);
	data[YR_MAX_FILE - 1] = '\n';
	char path[4200];
	tmp_path(path, sizeof(path), "exact");
	write_file(path, data, YR_MAX_FILE);
	struct loaded l;
	load_path(&l, path);
	expect_ok_l(&l);
	unload(&l);
	unlink(path);

	load_n(&l, data, YR_MAX_FILE, YAMLFILE_ANY);
	expect_ok_l(&l);
	unload(&l);

	/* Sparse (all NUL): refused for its first byte, not for its size. */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)YR_MAX_FILE), 0);
	close(fd);
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, path, 1, 1, "U+0000 (NUL)");
	expect_no(&l.d, "16 MiB");
	unload(&l);
	unlink(path);
	free(data);
}

/* ---- nesting ---- */

/* HEAD, items, then "x: " and `brackets` nested flow lists: the root
 * mapping is level 1, so the deepest list is level brackets + 1. */
static char *nested(size_t brackets, bool close)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, HEAD "items: []\nx: ");
	for (size_t i = 0; i < brackets; i++)
		buf_addch(&b, '[');
	for (size_t i = 0; close && i < brackets; i++)
		buf_addch(&b, ']');
	buf_addch(&b, '\n');
	return buf_detach(&b, NULL);
}

static void test_nesting_64_levels_allowed(void **state)
{
	(void)state;
	char *text = nested(YR_MAX_DEPTH - 1, true);
	struct loaded l;
	load(&l, text);
	/* The unknown key is a problem; the depth is not. */
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 5, 1, "unknown key 'x'");
	expect_no(&l.d, "nesting");
	assert_int_equal(diags_count(&l.d), 1);
	unload(&l);
	free(text);
}

static void test_nesting_65_levels_refused(void **state)
{
	(void)state;
	char *text = nested(YR_MAX_DEPTH, true);
	struct loaded l;
	load(&l, text);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	/* "x: " is 3 columns; the 64th '[' opens level 65 at column 67. */
	expect_at(&l.d, NAME, 5, 67, "nesting deeper than 64 levels");
	unload(&l);
	free(text);

	/* In block style, under a known key. */
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM "    comments:\n");
	for (int i = 0; i < YR_MAX_DEPTH; i++) {
		for (int k = 0; k < 6 + 2 * i; k++)
			buf_addch(&b, ' ');
		buf_addstr(&b, "-\n");
	}
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "nesting deeper than 64 levels"));
	unload(&l);
	buf_free(&b);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_million_brackets_refused_quickly(void **state)
{
	(void)state;
	char *text = nested(1000000, false);
	struct loaded l;
	double t0 = now();
	load(&l, text);
	double t = now() - t0;
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 5, 67, "nesting deeper than 64 levels");
	assert_true(t < 2.0);
	unload(&l);
	free(text);

	/* Under a known key. */
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM "    comments: ");
	for (int i = 0; i < 1000000; i++)
		buf_addch(&b, '[');
	t0 = now();
	load(&l, b.data);
	t = now() - t0;
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "nesting deeper than 64 levels"));
	assert_true(t < 2.0);
	unload(&l);
	buf_free(&b);
}

/* ---- how many entries ---- */

/* An item with `n` comments, in flow style to keep it small. */
static char *comments(size_t n)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM "    comments: [");
	for (size_t i = 0; i < n; i++)
		buf_addstr(&b, i ? ",a" : "a");
	buf_addstr(&b, "]\n");
	return buf_detach(&b, NULL);
}

static void test_entries_most_accepted(void **state)
{
	(void)state;
	/* Exactly 100,000 comments: at the bound, accepted. */
	char *text = comments(YR_MAX_ENTRIES);
	struct loaded l;
	load(&l, text);
	expect_ok_l(&l);
	assert_int_equal(l.doc.minutes->items[0]->ncomments, YR_MAX_ENTRIES);
	unload(&l);
	free(text);
}

static void test_entries_100001_comments_refused(void **state)
{
	(void)state;
	/* Just past the bound: the last comment is refused where it starts. */
	char *text = comments(YR_MAX_ENTRIES + 1);
	struct loaded l;
	load(&l, text);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	size_t col = strlen("    comments: [") + 2 * YR_MAX_ENTRIES + 1;
	expect_at(&l.d, NAME, 7, (unsigned)col, "too many comments: a file holds at most 100000");
	unload(&l);
	free(text);
}

/* A file with `n` attendees present (each an empty mapping). */
static void attendees(struct buf *b, size_t n)
{
	buf_reset(b);
	buf_addstr(b, HEAD "items: []\nattendance: {present: [");
	for (size_t i = 0; i < n; i++)
		buf_addstr(b, i ? ",{}" : "{}");
	buf_addstr(b, "]}\n");
}

static void test_entries_limit_of_each_kind(void **state)
{
	(void)state;
	struct loaded l;
	struct buf b = BUF_INIT;

	attendees(&b, YR_MAX_ENTRIES);
	load(&l, b.data);
	expect_ok_l(&l);
	assert_int_equal(l.doc.minutes->present.n, YR_MAX_ENTRIES);
	unload(&l);

	attendees(&b, YR_MAX_ENTRIES + 1);
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "too many attendees"));
	unload(&l);

	/* Each kind has its own bound, and all together have one too, so
	 * that no mixture can make gavel use much memory. */
	buf_reset(&b);
	buf_addstr(&b, HEAD "attendance: {present: [");
	for (size_t i = 0; i < YR_MAX_ENTRIES; i++)
		buf_addstr(&b, i ? ",{}" : "{}");
	buf_addstr(&b, "]}\nitems: [{number: '1', title: t, documents: [");
	for (size_t i = 0; i <= YR_MAX_TOTAL - 2 * YR_MAX_ENTRIES; i++)
		buf_addstr(&b, i ? ",{}" : "{}");
	buf_addstr(&b, "]}");
	for (size_t i = 1; i < YR_MAX_ENTRIES; i++)
		buf_addstr(&b, ",{number: '1', title: t}");
	buf_addstr(&b, "]\n");
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "too many list entries: a file holds at most 250000"));
	unload(&l);
	buf_free(&b);
}

/* ---- not a regular file ---- */

static void test_not_regular_file(void **state)
{
	(void)state;
	struct loaded l;

	load_path(&l, tmpdir);
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, tmpdir, 0, 0, "a folder, not a regular file");
	unload(&l);

	load_path(&l, "/dev/null");
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, "/dev/null", 0, 0, "a character device, not a regular file");
	unload(&l);

	char path[4200];
	tmp_path(path, sizeof(path), "fifo");
	assert_int_equal(mkfifo(path, 0600), 0);
	double t0 = now();
	load_path(&l, path);       /* no writer: must not wait for one */
	assert_true(now() - t0 < 2.0);
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, path, 0, 0, "a pipe (FIFO), not a regular file");
	unload(&l);
	unlink(path);

	tmp_path(path, sizeof(path), "missing.yaml");
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, path, 0, 0, "cannot open");
	unload(&l);
}

static void test_regular_file_loads(void **state)
{
	(void)state;
	char path[4200];
	const char *text = HEAD "items: []\nbogus: 1\n";
	tmp_path(path, sizeof(path), "ok.yaml");
	write_file(path, text, strlen(text));
	struct loaded l;
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	/* The problem names the file by its path. */
	expect_at(&l.d, path, 5, 1, "unknown key 'bogus'");
	unload(&l);
	unlink(path);
}

/* ---- the format ---- */

static void test_format_not_first(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, "committee: Communities Board\nvenue: Town Hall\nformat: gavel-minutes/1\n"
	     "date: 2018-03-14\nitems: []\n");
	expect_ok_l(&l);
	assert_int_equal(l.doc.kind, YAMLFILE_MINUTES);
	assert_int_equal(l.doc.version, 1);
	assert_string_equal(l.doc.minutes->committee, "Communities Board");
	assert_string_equal(l.doc.minutes->venue, "Town Hall");
	assert_string_equal(l.doc.minutes->date, "2018-03-14");
	unload(&l);

	load(&l, "name: C\nformat: gavel-committee/1\n");
	expect_ok_l(&l);
	assert_int_equal(l.doc.kind, YAMLFILE_COMMITTEE);
	unload(&l);

	/* Problems found on the way to a late `format:` are said once. */
	load(&l, "bogus: 1\nvenue: !t V\nformat: gavel-minutes/1\ncommittee: C\n"
	     "date: 2018-03-14\nitems: []\n");
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 1, 1, "unknown key 'bogus'");
	expect_at(&l.d, NAME, 2, 8, "tags are not allowed");
	assert_int_equal(diags_count(&l.d), 2);
	unload(&l);
}

static void test_format_not_first_many_problems(void **state)
{
	(void)state;
	/* More problems than the list keeps: still each counted once. */
	struct buf b = BUF_INIT;
	for (int i = 0; i < 150; i++)
		buf_addf(&b, "k%d: !t v\n", i);
	buf_addstr(&b, HEAD "items: []\n");
	struct loaded l;
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_int_equal(l.d.n, DIAG_MAX);
	assert_int_equal(diags_count(&l.d), 300);      /* 150 unknown keys, 150 tags */
	unload(&l);
	buf_free(&b);
}

static void test_format_unknown(void **state)
{
	(void)state;
	refused("format: gavel-minutes/2\ncommittee: C\ndate: 2018-03-14\nitems: []\n", 1, 9,
		"this file's format is newer or other than this gavel reads; expected format: "
		"gavel-agenda/1, gavel-minutes/1 or gavel-committee/1");
	refused("committee: C\nformat: gavel-agenda/7\n", 2, 9, "newer or other than this gavel reads");
	refused("format: something/1\ncommittee: C\ndate: 2018-03-14\nitems: []\n", 1, 9,
		"expected format: gavel-agenda/1, gavel-minutes/1 or gavel-committee/1, found 'something/1'");
	refused("format: gavel-minutes\n", 1, 9, "found 'gavel-minutes'");
	refused("format:\ncommittee: C\n", 1, 8, "found nothing");
	refused("format: [gavel-minutes/1]\n", 1, 9, "found a list");
	/* A hostile value is shown safely. */
	refused("format: \"a\\x1bb\"\n", 1, 9, "found 'a^[b'");
}

static void test_kind_mismatch(void **state)
{
	(void)state;
	struct loaded l;
	const char *m = HEAD "items: []\n";
	load_n(&l, m, strlen(m), YAMLFILE_AGENDA);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	expect_at(&l.d, NAME, 1, 9, "expected format: gavel-agenda/1, found gavel-minutes/1 (minutes)");
	unload(&l);

	const char *c = "name: C\nformat: gavel-committee/1\n";
	load_n(&l, c, strlen(c), YAMLFILE_MINUTES);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 2, 9, "expected format: gavel-minutes/1, found gavel-committee/1");
	unload(&l);

	load_n(&l, m, strlen(m), YAMLFILE_MINUTES);
	expect_ok_l(&l);
	assert_int_equal(l.doc.kind, YAMLFILE_MINUTES);
	unload(&l);
}

/* ---- problems go on being found ---- */

static void test_content_problems_all_reported(void **state)
{
	(void)state;
	const char *f = HEAD "start: \"25:00\"\nbogus: 1\nitems:\n  - number: \"5\"\n"
			"    title: T\n    urgent: maybe\n";
	struct loaded l;
	load(&l, f);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 4, 8, "expected a 24-hour time");
	expect_at(&l.d, NAME, 5, 1, "unknown key 'bogus'");
	expect_at(&l.d, NAME, 9, 13, "expected true or false");
	assert_int_equal(diags_count(&l.d), 3);
	unload(&l);
}

static void test_syntax_error_position(void **state)
{
	(void)state;
	refused(HEAD "items: [a\n", 5, 1, "expected valid YAML");
	refused(HEAD "items: []\n  bad: indent\n", 5, 3, "expected valid YAML");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_key_top),
		cmocka_unit_test(test_unknown_key_item),
		cmocka_unit_test(test_unknown_key_agenda_committee),
		cmocka_unit_test(test_wrong_type_mapping_for_text),
		cmocka_unit_test(test_wrong_type_text_for_list),
		cmocka_unit_test(test_wrong_type_votes),
		cmocka_unit_test(test_wrong_type_urgent),
		cmocka_unit_test(test_wrong_type_root),
		cmocka_unit_test(test_missing_format),
		cmocka_unit_test(test_missing_committee),
		cmocka_unit_test(test_missing_date),
		cmocka_unit_test(test_missing_items),
		cmocka_unit_test(test_missing_item_number),
		cmocka_unit_test(test_missing_item_title),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_bad_times),
		cmocka_unit_test(test_anchor_refused),
		cmocka_unit_test(test_alias_refused),
		cmocka_unit_test(test_tag_refused),
		cmocka_unit_test(test_second_document_refused),
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
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_format_late),
		cmocka_unit_test(test_file_over_16_mib),
		cmocka_unit_test(test_file_of_exactly_16_mib),
		cmocka_unit_test(test_nesting_64_levels_allowed),
		cmocka_unit_test(test_nesting_65_levels_refused),
		cmocka_unit_test(test_million_brackets_refused_quickly),
		cmocka_unit_test(test_entries_most_accepted),
		cmocka_unit_test(test_entries_100001_comments_refused),
		cmocka_unit_test(test_entries_limit_of_each_kind),
		cmocka_unit_test(test_not_regular_file),
		cmocka_unit_test(test_regular_file_loads),
		cmocka_unit_test(test_format_not_first),
		cmocka_unit_test(test_format_not_first_many_problems),
		cmocka_unit_test(test_format_unknown),
		cmocka_unit_test(test_kind_mismatch),
		cmocka_unit_test(test_content_problems_all_reported),
		cmocka_unit_test(test_syntax_error_position),
	};
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
