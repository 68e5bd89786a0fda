/*
 * yamlread_values: the typed readers over yamlread's node stream: mappings
 * with their known keys, sequences, text, dates, times, booleans and
 * counts, each reporting a wrong type where the file has it.  They use
 * only the reader's public calls (yamlread.h); the events and the input
 * filter stay in yamlread.c.
 */
#include "minutes/format/yamlread.h"
#include "minutes/base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- values ---- */

const char *yr_describe(const struct yr_node *n)
{
	switch (n->type) {
	case YR_MAP: return "a mapping";
	case YR_SEQ: return "a list";
	case YR_SCALAR: return yr_is_null(n) ? "nothing" : "text";
	default: return "the end";
	}
}

bool yr_is_null(const struct yr_node *n)
{
	if (n->type != YR_SCALAR || !n->plain)
		return false;
	return n->len == 0 || (n->len == 1 && n->value[0] == '~') ||
	       (n->len == 4 && strncasecmp(n->value, "null", 4) == 0);
}

static void wrong(struct yr *r, const struct yr_node *n, const char *expected)
{
	if (n->type == YR_SCALAR && !yr_is_null(n)) {
		struct buf b = BUF_INIT;
		yr_quote(&b, n->value, n->len);
		yr_error(r, n, "expected %s, found %s", expected, b.data);
		buf_free(&b);
	} else {
		yr_error(r, n, "expected %s, found %s", expected, yr_describe(n));
	}
	yr_skip(r, n);
}

bool yr_map_begin(struct yr *r, struct yr_map *m, const struct yr_node *n,
		  const char *const *keys, const char *what)
{
	memset(m, 0, sizeof(*m));
	m->keys = keys;
	m->what = what;
	m->line = n->line;
	m->col = n->col;
	if (n->type != YR_MAP) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s (a mapping of keys to values)", what);
		wrong(r, n, b.data);
		buf_free(&b);
		return false;
	}
	return true;
}

static int key_index(const char *const *keys, const char *s, size_t len)
{
	for (int i = 0; i < YR_MAP_KEYS && keys[i]; i++)
		if (strlen(keys[i]) == len && memcmp(keys[i], s, len) == 0)
			return i;
	return -1;
}

int yr_map_next(struct yr *r, struct yr_map *m, struct yr_node *val)
{
	for (;;) {
		struct yr_node key;
		if (yr_next(r, &key) == YR_END)
			return -1;
		if (key.type != YR_SCALAR) {
			yr_error(r, &key, "expected a key (a word such as '%s') in %s, found %s",
				 m->keys[0], m->what, yr_describe(&key));
			yr_skip(r, &key);
			if (yr_next(r, val) != YR_END)
				yr_skip(r, val);
			continue;
		}
		int i = key_index(m->keys, key.value, key.len);
		if (i < 0) {
			struct buf b = BUF_INIT;
			yr_quote(&b, key.value, key.len);
			buf_addf(&b, " in %s; expected one of: ", m->what);
			for (int k = 0; m->keys[k]; k++)
				buf_addf(&b, "%s%s", k ? ", " : "", m->keys[k]);
			yr_error(r, &key, "unknown key %s", b.data);
			buf_free(&b);
		} else if (m->seen_line[i]) {
			yr_error(r, &key, "duplicate key '%s' in %s (first at line %u, column %u)",
				 m->keys[i], m->what, m->seen_line[i], m->seen_col[i]);
			i = -1;
		} else {
			m->seen_line[i] = key.line;
			m->seen_col[i] = key.col;
		}
		if (yr_next(r, val) == YR_END)
			return -1;
		if (i >= 0)
			return i;
		yr_skip(r, val);
	}
}

bool yr_map_has(const struct yr_map *m, int key)
{
	return m->seen_line[key] != 0;
}

void yr_map_require(struct yr *r, const struct yr_map *m, int key,
		    const char *expected)
{
	if (m->seen_line[key] || yr_stopped(r))
		return;
	struct yr_node at = { .line = m->line, .col = m->col };
	yr_error(r, &at, "missing key '%s' in %s; expected %s", m->keys[key],
		 m->what, expected);
}

bool yr_seq_begin(struct yr *r, const struct yr_node *n, const char *what)
{
	if (n->type == YR_SEQ)
		return true;
	if (yr_is_null(n))
		return false;   /* `comments:` with nothing is an empty list */
	wrong(r, n, what);
	return false;
}

char *yr_text(struct yr *r, const struct yr_node *n, const char *what,
	      bool required)
{
	if (n->type != YR_SCALAR) {
		wrong(r, n, what);
		return NULL;
	}
	if (yr_is_null(n) || n->len == 0) {
		if (required)
			yr_error(r, n, "expected %s, found %s", what,
				 yr_is_null(n) ? "nothing" : "empty text");
		return NULL;
	}
	return yr_take(r, n);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool yr_date_valid(const char *s, size_t len)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	int y = atoi(s), m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

bool yr_time_valid(const char *s, size_t len)
{
	if (len != 5 || s[2] != ':' || !digits(s, 2) || !digits(s + 3, 2))
		return false;
	return (s[0] - '0') * 10 + s[1] - '0' < 24 && s[3] < '6';
}

bool yr_date(struct yr *r, const struct yr_node *n, char out[11])
{
	out[0] = '\0';
	if (yr_is_null(n))
		return true;
	if (n->type != YR_SCALAR || !yr_date_valid(n->value, n->len)) {
		wrong(r, n, "a date written YYYY-MM-DD (such as 2018-03-14)");
		return false;
	}
	memcpy(out, n->value, 10);
	out[10] = '\0';
	return true;
}

bool yr_time(struct yr *r, const struct yr_node *n, char out[6])
{
	out[0] = '\0';
	if (yr_is_null(n))
		return true;
	if (n->type != YR_SCALAR || !yr_time_valid(n->value, n->len)) {
		wrong(r, n, "a 24-hour time written \"HH:MM\" (such as \"11:00\")");
		return false;
	}
	memcpy(out, n->value, 5);
	out[5] = '\0';
	return true;
}

bool yr_bool(struct yr *r, const struct yr_node *n, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "y", NULL };
	static const char *const no[] = { "false", "no", "off", "n", NULL };
	if (n->type == YR_SCALAR) {
		for (int i = 0; yes[i]; i++)
			if (n->len == strlen(yes[i]) && strncasecmp(n->value, yes[i], n->len) == 0)
				return *out = true;
		for (int i = 0; no[i]; i++)
			if (n->len == strlen(no[i]) && strncasecmp(n->value, no[i], n->len) == 0) {
				*out = false;
				return true;
			}
	}
	wrong(r, n, "true or false");
	return false;
}

bool yr_count(struct yr *r, const struct yr_node *n, unsigned *out)
{
	if (n->type == YR_SCALAR && n->len > 0 && n->len <= 7 && digits(n->value, n->len)) {
		*out = (unsigned)atoi(n->value);
		return true;
	}
	wrong(r, n, "a whole number (0 or more, below 10,000,000)");
	return false;
}

bool yr_required_date(struct yr *r, const struct yr_node *n, const char *what,
		      char out[11])
{
	if (yr_is_null(n)) {
		yr_error(r, n, "expected %s, YYYY-MM-DD, found nothing", what);
		return false;
	}
	return yr_date(r, n, out);
}
