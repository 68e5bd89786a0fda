/*
 * A libFuzzer target for the `gavel search` query parser: any bytes as a
 * query.  Parsing must end with a query or with exactly one problem, never
 * a crash or a hang; a query that parses holds only what query.h promises,
 * and its FTS5 expression quotes every term (so nothing typed is FTS5
 * syntax).
 */
#include "minutes/search/query.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_term(const struct query_term *t)
{
	size_t len = strlen(t->text);
	if (len == 0 || !utf8_clean(t->text, len, NULL) || strchr(t->text, '"'))
		abort();
}

/* Outside quotes the expression holds only "{", column names, "}", " : ",
 * " AND " and the quoted terms. */
static void check_match(const char *m)
{
	bool in = false;
	for (const char *p = m; *p; p++) {
		if (*p == '"') {
			if (in && p[1] == '"') {
				p++;
				continue;
			}
			in = !in;
			continue;
		}
		if (!in && !strchr("{}: ANDtexby", *p))
			abort();
	}
	if (in)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct query q;
	struct diags d;
	diags_init(&d);
	int rc = query_parse((const char *)data, size, &q, &d);
	if ((rc == 0) != (diags_count(&d) == 0) || (rc != 0 && diags_count(&d) != 1))
		abort();        /* failure and one problem go together */
	if (rc == 0) {
		if (q.nterms + q.nby == 0 || q.nterms + q.nby + q.ncommittees > QUERY_MAX_TERMS)
			abort();
		for (size_t i = 0; i < q.nterms; i++)
			check_term(&q.terms[i]);
		for (size_t i = 0; i < q.nby; i++)
			check_term(&q.by[i]);
		for (size_t i = 0; i < q.ncommittees; i++)
			if (!slug_valid(q.committees[i], strlen(q.committees[i])))
				abort();
		if ((*q.since && !yr_date_valid(q.since, 10)) || (*q.until && !yr_date_valid(q.until, 10)))
			abort();
		if (q.kinds & ~(QUERY_KIND_TITLE | QUERY_KIND_DECISION))
			abort();
		struct buf m = BUF_INIT;
		query_match(&q, "text by", "by", &m);
		check_match(m.data);
		buf_free(&m);
		query_free(&q);
	}
	for (size_t i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	diags_free(&d);
	return 0;
}
