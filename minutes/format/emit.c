/*
 * emit: writes FORMAT.md's block style by hand.  The style of each text is
 * decided by emit_style_of, from the rules in FORMAT.md "The written form".
 */
#include "minutes/format/emit.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void emit_init(struct emit *e, struct buf *out)
{
	e->out = out;
	e->indent = 0;
	e->dash = false;
}

static void line_start(struct emit *e)
{
	if (e->dash) {
		e->dash = false;
		return;
	}
	for (unsigned i = 0; i < e->indent; i++)
		buf_addch(e->out, ' ');
}

void emit_open(struct emit *e, const char *key)
{
	line_start(e);
	buf_addstr(e->out, key);
	buf_addstr(e->out, ":\n");
	e->indent += 2;
}

void emit_close(struct emit *e)
{
	e->indent -= 2;
}

void emit_entry(struct emit *e)
{
	line_start(e);
	buf_addstr(e->out, "- ");
	e->dash = true;
	e->indent += 2;
}

void emit_entry_end(struct emit *e)
{
	e->indent -= 2;
	e->dash = false;
}

void emit_empty_entry(struct emit *e)
{
	line_start(e);
	buf_addstr(e->out, "- {}\n");
}

void emit_empty_list(struct emit *e, const char *key)
{
	line_start(e);
	buf_addf(e->out, "%s: []\n", key);
}

/* ---- choosing a style ---- */

static const char *const not_strings[] = {
	"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
	"<<", "=", NULL,
};

/* Numbers, dates and times under YAML 1.1 and 1.2 (core and 1.1 types). */
static const char *const number_res[] = {
	"^[-+]?[0-9][0-9_]*$",                                   /* ints */
	"^[-+]?0b[01_]+$",
	"^[-+]?0x[0-9a-fA-F_]+$",
	"^0o[0-7]+$",
	"^[-+]?([0-9][0-9_]*)?\\.[0-9._]*([eE][-+]?[0-9]+)?$",   /* floats */
	"^[-+]?[0-9][0-9_]*(\\.[0-9_]*)?[eE][-+]?[0-9]+$",
	"^[-+]?\\.(inf|Inf|INF)$",
	"^\\.(nan|NaN|NAN)$",
	"^[-+]?[0-9][0-9_]*(:[0-9][0-9_]*)+(\\.[0-9_]*)?$",      /* times, base 60 */
	"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"           /* dates */
	"(([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?"
	"([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?)?$",
	NULL,
};

static regex_t compiled[sizeof(number_res) / sizeof(number_res[0])];
static bool compiled_ready;

static bool looks_like_number(const char *s, size_t len)
{
	char c = s[0];
	if (!((c >= '0' && c <= '9') || c == '+' || c == '.'))
		return false;   /* every pattern starts with one of these ('-' is quoted anyway) */
	if (!compiled_ready) {
		for (int i = 0; number_res[i]; i++)
			if (regcomp(&compiled[i], number_res[i], REG_EXTENDED | REG_NOSUB))
				abort();
		compiled_ready = true;
	}
	char small[64];
	if (len >= sizeof(small))
		return false;   /* no number, date or time is that long */
	memcpy(small, s, len);
	small[len] = '\0';
	for (int i = 0; number_res[i]; i++)
		if (regexec(&compiled[i], small, 0, NULL, 0) == 0)
			return true;
	return false;
}

bool emit_plain_ok(const char *s, size_t len)
{
	if (len == 0 || s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':')
		return false;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t' || c == '\n' || c < 0x20 || c == 0x7F)
			return false;
		if (c == ':' && i + 1 < len && s[i + 1] == ' ')
			return false;
		if (c == ' ' && i + 1 < len && s[i + 1] == '#')
			return false;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
			return false;   /* C1 controls never appear unquoted */
	}
	for (int i = 0; not_strings[i]; i++)
		if (len == strlen(not_strings[i]) && strncasecmp(s, not_strings[i], len) == 0)
			return false;
	return !looks_like_number(s, len);
}

/* Can a literal block hold this multi-line text exactly? */
static bool literal_ok(const char *s, size_t len)
{
	bool only_breaks = true;
	size_t first = 0;           /* the first line that is not empty */
	while (first < len && s[first] == '\n')
		first++;
	if (first < len && s[first] == '\t')
		return false;       /* read back as indentation, not text */
	for (size_t i = 0; i < len; ) {
		size_t j = i;
		while (j < len && s[j] != '\n')
			j++;
		if (j > i) {
			only_breaks = false;
			size_t k = i;
			while (k < j && s[k] == ' ')
				k++;
			if (k == j)
				return false;   /* a line of spaces only */
		}
		i = j + 1;
	}
	return !only_breaks;
}

enum emit_style emit_style_of(const char *s, size_t len)
{
	if (memchr(s, '\n', len))
		return literal_ok(s, len) ? EMIT_LITERAL : EMIT_QUOTED;
	return emit_plain_ok(s, len) ? EMIT_PLAIN : EMIT_QUOTED;
}

/* ---- writing a text ---- */

static void add_quoted(struct buf *b, const char *s, size_t len)
{
	buf_addch(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_addstr(b, "\\\""); break;
		case '\\': buf_addstr(b, "\\\\"); break;
		case '\t': buf_addstr(b, "\\t"); break;
		case '\n': buf_addstr(b, "\\n"); break;
		default:
			/* Never in gavel's texts (they are refused on reading and
			 * filtered on input); escaped so the file stays readable. */
			if (c < 0x20 || c == 0x7F)
				buf_addf(b, "\\x%02X", c);
			else
				buf_addch(b, (char)c);
		}
	}
	buf_addch(b, '"');
}

static void add_literal(struct emit *e, const char *s, size_t len)
{
	size_t trailing = 0;
	while (trailing < len && s[len - 1 - trailing] == '\n')
		trailing++;
	size_t first = 0;           /* the first line that is not empty */
	while (s[first] == '\n')
		first++;
	buf_addch(e->out, '|');
	if (s[first] == ' ')
		buf_addch(e->out, '2');
	if (trailing == 0)
		buf_addch(e->out, '-');
	else if (trailing > 1)
		buf_addch(e->out, '+');
	buf_addch(e->out, '\n');
	/* Content lines; the final line break(s) are the chomping's. */
	size_t end = trailing ? len - 1 : len;
	for (size_t i = 0; i <= end; ) {
		size_t j = i;
		while (j < end && s[j] != '\n')
			j++;
		if (j > i) {
			for (unsigned k = 0; k < e->indent + 2; k++)
				buf_addch(e->out, ' ');
			buf_add(e->out, s + i, j - i);
		}
		buf_addch(e->out, '\n');
		i = j + 1;
		if (j >= end)
			break;
	}
}

static void add_value(struct emit *e, const char *s)
{
	size_t len = strlen(s);
	switch (emit_style_of(s, len)) {
	case EMIT_PLAIN:
		buf_add(e->out, s, len);
		buf_addch(e->out, '\n');
		break;
	case EMIT_QUOTED:
		add_quoted(e->out, s, len);
		buf_addch(e->out, '\n');
		break;
	case EMIT_LITERAL:
		add_literal(e, s, len);
		break;
	}
}

void emit_text_always(struct emit *e, const char *key, const char *text)
{
	line_start(e);
	buf_addstr(e->out, key);
	buf_addstr(e->out, ": ");
	add_value(e, text ? text : "");
}

void emit_text(struct emit *e, const char *key, const char *text)
{
	if (text && *text)
		emit_text_always(e, key, text);
}

void emit_list_text(struct emit *e, const char *text)
{
	line_start(e);
	buf_addstr(e->out, "- ");
	add_value(e, text);
}

void emit_quoted(struct emit *e, const char *key, const char *text)
{
	if (!text || !*text)
		return;
	line_start(e);
	buf_addstr(e->out, key);
	buf_addstr(e->out, ": ");
	add_quoted(e->out, text, strlen(text));
	buf_addch(e->out, '\n');
}

void emit_raw(struct emit *e, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	line_start(e);
	buf_addf(e->out, "%s: %s\n", key, value);
}

void emit_uint(struct emit *e, const char *key, unsigned value)
{
	line_start(e);
	buf_addf(e->out, "%s: %u\n", key, value);
}
