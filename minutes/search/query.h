/*
 * query: what `gavel search` is asked for, parsed from the text a member
 * types.  No I/O: the parser turns text into a struct query, and
 * query_match writes the full-text part as an SQLite FTS5 expression.
 *
 * The syntax (terms separated by spaces; all of them must match):
 *
 *   word              a word, anywhere in the field's text or its speaker
 *   "a phrase"        these words, next to each other, in this order
 *   committee:SLUG    only that committee's meetings (given twice: either)
 *   title:WORD        only item titles, which must hold WORD (or "a phrase")
 *   decision:WORD     only decisions, which must hold WORD (or "a phrase")
 *   by:NAME           only what NAME said, owns or declared (by:"Jo Reid")
 *   since:YYYY-MM-DD  only meetings on or after that date
 *   until:YYYY-MM-DD  only meetings on or before that date
 *
 * Filter names are case-insensitive; a word with a colon whose first part
 * is no filter's name ("10:30", "re:budget") is an ordinary word.  Words
 * are compared without regard to case or accents (the index does that; a
 * word made only of punctuation is left out).
 */
#ifndef GAVEL_QUERY_H
#define GAVEL_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

/* Limits that keep a hostile query small. */
#define QUERY_MAX_LEN 4096
#define QUERY_MAX_TERMS 64

/* Field kinds a query can be limited to (title:, decision:). */
#define QUERY_KIND_TITLE 1u
#define QUERY_KIND_DECISION 2u

struct query_term {
	char *text;             /* UTF-8, no control characters, never empty */
	bool phrase;            /* given in double quotes */
};

struct query {
	struct query_term *terms;    /* must all be in the text (or speaker) */
	size_t nterms;
	struct query_term *by;       /* must all be in the speaker's name */
	size_t nby;
	char **committees;           /* slugs, lower case; any of them */
	size_t ncommittees;
	unsigned kinds;              /* QUERY_KIND_*; 0: every field */
	char since[11];              /* "YYYY-MM-DD" or "" */
	char until[11];
};

/* Parses `len` bytes of `text` (the words of the command line joined by
 * spaces).  Returns 0 with `q` filled, or -1 with one diagnostic in `err`
 * that says what is wrong and what was expected (such as "since:2018-13-01:
 * expected a date YYYY-MM-DD"); `q` then holds nothing. */
int query_parse(const char *text, size_t len, struct query *q,
		struct diags *err);
/* The same; with `filters_only_ok`, a query of filters alone (or empty)
 * is one too (the registers list everything it lets through). */
int query_parse_filters(const char *text, size_t len, struct query *q,
			bool filters_only_ok, struct diags *err);
void query_free(struct query *q);

/* Appends the FTS5 MATCH expression for the query's words, phrases and
 * names to `out`, over the columns named `text_cols` (such as "text by")
 * for words and `by_col` for by:.  Every term is quoted, so nothing in it
 * is FTS5 syntax.  Appends nothing when the query has no term at all. */
void query_match(const struct query *q, const char *text_cols,
		 const char *by_col, struct buf *out);

#endif
