/* query: parsing `gavel search` queries (see query.h for the syntax). */
#include "minutes/search/query.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <stdlib.h>
#include <string.h>

enum filter { F_NONE, F_COMMITTEE, F_TITLE, F_DECISION, F_BY, F_SINCE, F_UNTIL };

static const struct {
	const char *name;
	enum filter f;
} filters[] = {
	{ "committee", F_COMMITTEE }, { "title", F_TITLE },
	{ "decision", F_DECISION }, { "by", F_BY },
	{ "since", F_SINCE }, { "until", F_UNTIL },
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The filter named by the `len` bytes at s, or F_NONE. */
static enum filter filter_named(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		const char *n = filters[i].name;
		if (strlen(n) != len)
			continue;
		size_t j = 0;
		while (j < len && lower(s[j]) == n[j])
			j++;
		if (j == len)
			return filters[i].f;
	}
	return F_NONE;
}

/* True when the text holds something a tokenizer would keep: an ASCII
 * letter or digit, or any character beyond ASCII (letters with accents,
 * other scripts; the index decides about the rest). */
static bool has_word(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c >= 0x80)
			return true;
	}
	return false;
}

static void add_term(struct query_term **v, size_t *n, const char *s,
		     size_t len, bool phrase)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].text = xstrndup(s, len);
	(*v)[*n].phrase = phrase;
	(*n)++;
}

static int fail(struct diags *err, const char *what, size_t len,
		const char *expected)
{
	diags_add(err, NULL, 0, 0, "%.*s: %s", (int)(len > 80 ? 80 : len), what,
		  expected);
	return -1;
}

static void terms_free(struct query_term *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

void query_free(struct query *q)
{
	terms_free(q->terms, q->nterms);
	terms_free(q->by, q->nby);
	for (size_t i = 0; i < q->ncommittees; i++)
		free(q->committees[i]);
	free(q->committees);
	memset(q, 0, sizeof(*q));
}

/* Reads a value at s[*i]: "a phrase" or up to the next space.  Sets
 * *start, *vlen and *quoted; -1 for an unterminated quote. */
static int read_value(const char *s, size_t len, size_t *i, size_t *start,
		      size_t *vlen, bool *quoted)
{
	*quoted = *i < len && s[*i] == '"';
	if (*quoted) {
		const char *end = memchr(s + *i + 1, '"', len - *i - 1);
		if (!end)
			return -1;
		*start = *i + 1;
		*vlen = (size_t)(end - s) - *start;
		*i = (size_t)(end - s) + 1;
		return 0;
	}
	*start = *i;
	while (*i < len && !is_space(s[*i]) && s[*i] != '"')
		(*i)++;
	*vlen = *i - *start;
	return 0;
}

static int parse_filter(enum filter f, const char *tok, size_t toklen,
			const char *v, size_t vlen, bool quoted, struct query *q,
			struct diags *err)
{
	char *slug;
	switch (f) {
	case F_COMMITTEE:
		slug = xstrndup(v, vlen);
		for (char *p = slug; *p; p++)
			*p = lower(*p);
		if (quoted || !slug_valid(slug, vlen)) {
			free(slug);
			return fail(err, tok, toklen, "expected a committee's folder "
				    "name, such as committee:communities-board");
		}
		q->committees = xrealloc(q->committees,
					 (q->ncommittees + 1) * sizeof(*q->committees));
		q->committees[q->ncommittees++] = slug;
		return 0;
	case F_SINCE:
	case F_UNTIL: {
		char *date = f == F_SINCE ? q->since : q->until;
		if (vlen != 10 || quoted || !yr_date_valid(v, vlen))
			return fail(err, tok, toklen, "expected a date YYYY-MM-DD");
		if (*date)
			return fail(err, tok, toklen, f == F_SINCE ? "since: is given twice"
				    : "until: is given twice");
		memcpy(date, v, 10);
		date[10] = '\0';
		return 0;
	}
	case F_TITLE:
	case F_DECISION:
		if (!has_word(v, vlen))
			return fail(err, tok, toklen, f == F_TITLE
				    ? "expected a word or a \"phrase\" after title:"
				    : "expected a word or a \"phrase\" after decision:");
		q->kinds |= f == F_TITLE ? QUERY_KIND_TITLE : QUERY_KIND_DECISION;
		add_term(&q->terms, &q->nterms, v, vlen, quoted);
		return 0;
	case F_BY:
		if (!has_word(v, vlen))
			return fail(err, tok, toklen, "expected a name after by:, such as "
				    "by:reid or by:\"Jo Reid\"");
		add_term(&q->by, &q->nby, v, vlen, quoted);
		return 0;
	case F_NONE:
		break;
	}
	return 0;
}

int query_parse(const char *text, size_t len, struct query *q,
		struct diags *err)
{
	return query_parse_filters(text, len, q, false, err);
}

int query_parse_filters(const char *text, size_t len, struct query *q,
			bool filters_only_ok, struct diags *err)
{
	memset(q, 0, sizeof(*q));
	size_t bad;
	if (len > QUERY_MAX_LEN) {
		diags_add(err, NULL, 0, 0, "the query is too long (more than %d bytes)",
			  QUERY_MAX_LEN);
		return -1;
	}
	if (!utf8_clean(text, len, &bad)) {
		diags_add(err, NULL, 0, 0, "the query holds a control character or is "
			  "not UTF-8 (at byte %zu)", bad + 1);
		return -1;
	}
	size_t i = 0;
	while (i < len) {
		if (is_space(text[i])) {
			i++;
			continue;
		}
		if (q->nterms + q->nby + q->ncommittees >= QUERY_MAX_TERMS) {
			diags_add(err, NULL, 0, 0, "the query has too many terms (at most %d)",
				  QUERY_MAX_TERMS);
			goto fail;
		}
		size_t tok = i, start, vlen;
		bool quoted;
		if (text[i] == '"') {
			if (read_value(text, len, &i, &start, &vlen, &quoted) < 0) {
				fail(err, text + tok, len - tok, "this phrase has no closing \"");
				goto fail;
			}
			if (!has_word(text + start, vlen)) {
				fail(err, text + tok, i - tok, "expected words between the quotes");
				goto fail;
			}
			add_term(&q->terms, &q->nterms, text + start, vlen, true);
			continue;
		}
		/* A filter's name: letters, then a colon. */
		size_t j = i;
		while (j < len && ((text[j] >= 'a' && text[j] <= 'z') ||
				   (text[j] >= 'A' && text[j] <= 'Z')))
			j++;
		enum filter f = j < len && text[j] == ':' ? filter_named(text + i, j - i)
			: F_NONE;
		if (f != F_NONE) {
			i = j + 1;
			if (read_value(text, len, &i, &start, &vlen, &quoted) < 0) {
				fail(err, text + tok, len - tok, "this phrase has no closing \"");
				goto fail;
			}
			if (vlen == 0 && !quoted) {
				fail(err, text + tok, j + 1 - tok, "expected a value right after "
				     "the colon, with no space");
				goto fail;
			}
			if (parse_filter(f, text + tok, i - tok, text + start, vlen, quoted,
					 q, err) < 0)
				goto fail;
			continue;
		}
		read_value(text, len, &i, &start, &vlen, &quoted);
		if (has_word(text + start, vlen))
			add_term(&q->terms, &q->nterms, text + start, vlen, false);
	}
	if (q->nterms == 0 && q->nby == 0 && !filters_only_ok) {
		diags_add(err, NULL, 0, 0, "nothing to search for: give a word, a "
			  "\"phrase\", by:NAME, title:WORD or decision:WORD");
		goto fail;
	}
	return 0;
fail:
	query_free(q);
	return -1;
}

/* `"text"`, with any double quote in it doubled (FTS5's string syntax). */
static void add_quoted(struct buf *out, const char *s)
{
	buf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(out, '"');
		buf_addch(out, *s);
	}
	buf_addch(out, '"');
}

void query_match(const struct query *q, const char *text_cols,
		 const char *by_col, struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < q->nterms + q->nby; i++) {
		bool by = i >= q->nterms;
		const struct query_term *t = by ? &q->by[i - q->nterms] : &q->terms[i];
		if (n++)
			buf_addstr(out, " AND ");
		buf_addf(out, "{%s} : ", by ? by_col : text_cols);
		add_quoted(out, t->text);
	}
}
