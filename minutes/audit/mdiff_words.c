/* mdiff_words: the words that changed within a text, and the longest
 * common subsequence the rest of mdiff aligns with (see mdiff.h). */
#include "minutes/audit/mdiff.h"
#include "minutes/audit/mdiff_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Longest-common-subsequence tables past this many cells are not built:
 * the middle is taken as replaced instead. */
#define LCS_MAX_CELLS (4u << 20)

const char *mdiff_str(const char *s)
{
	return s ? s : "";
}

bool mdiff_same_text(const char *a, const char *b)
{
	return strcmp(mdiff_str(a), mdiff_str(b)) == 0;
}

/* ---- words ---- */

struct tok {
	const char *s;
	size_t len;
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Words and the runs of white space between them, each a token. */
static void mdiff_tokenize(const char *s, struct toks *out)
{
	size_t i = 0, n = strlen(s);
	while (i < n) {
		size_t j = i;
		bool sp = is_space(s[i]);
		while (j < n && is_space(s[j]) == sp)
			j++;
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = (struct tok){ s + i, j - i };
		i = j;
	}
}

static bool tok_eq(const struct tok *a, const struct tok *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/*
 * The generic alignment of two sequences: for each element of b, its
 * equal in a along a longest common subsequence, or MDIFF_NONE.  Common
 * ends are matched first; the table covers only the middle.
 */

void mdiff_lcs(size_t na, size_t nb, mdiff_eq_fn eq, const void *ctx, size_t *b_to_a)
{
	for (size_t j = 0; j < nb; j++)
		b_to_a[j] = MDIFF_NONE;
	size_t pre = 0;
	while (pre < na && pre < nb && eq(ctx, pre, pre)) {
		b_to_a[pre] = pre;
		pre++;
	}
	size_t suf = 0;
	while (suf < na - pre && suf < nb - pre && eq(ctx, na - 1 - suf, nb - 1 - suf)) {
		b_to_a[nb - 1 - suf] = na - 1 - suf;
		suf++;
	}
	size_t n = na - pre - suf, m = nb - pre - suf;
	if (n == 0 || m == 0 || (uint64_t)(n + 1) * (m + 1) > LCS_MAX_CELLS)
		return;
	/* t[i][j]: the LCS of a[pre+i..] and b[pre+j..]. */
	uint32_t *t = xcalloc((n + 1) * (m + 1), sizeof(*t));
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = eq(ctx, pre + i, pre + j) ? T(i + 1, j + 1) + 1
			        : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	size_t i = 0, j = 0;
	while (i < n && j < m) {
		if (eq(ctx, pre + i, pre + j)) {
			b_to_a[pre + j] = pre + i;
			i++;
			j++;
		} else if (T(i + 1, j) >= T(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef T
	free(t);
}

static bool toks_eq(const void *ctx, size_t i, size_t j)
{
	const struct toks *const *t = ctx;
	return tok_eq(&t[0]->v[i], &t[1]->v[j]);
}

/* One change: what a lost and what b gained there. */
struct change {
	const char *del;
	size_t dlen;
	const char *ins;
	size_t ilen;
};

/* White space at the start (or, with `end`, the end) of s[0..len), when
 * s holds more than white space. */
static size_t edge_space(const char *s, size_t len, bool end)
{
	size_t k = 0;
	while (k < len && is_space(end ? s[len - 1 - k] : s[k]))
		k++;
	return k < len ? k : 0;
}

/* The white space both sides of a change start (end) with, which reads
 * better outside the marks: "noted {+and welcomed+} the". */
static size_t shared_space(const struct change *c, bool end)
{
	size_t d = c->dlen ? edge_space(c->del, c->dlen, end) : SIZE_MAX;
	size_t i = c->ilen ? edge_space(c->ins, c->ilen, end) : SIZE_MAX;
	if (d == SIZE_MAX && i == SIZE_MAX)
		return 0;
	if (d == SIZE_MAX || i == SIZE_MAX)
		return d == SIZE_MAX ? i : d;
	if (d != i)
		return 0;
	const char *x = end ? c->del + c->dlen - d : c->del, *y = end ? c->ins + c->ilen - i : c->ins;
	return memcmp(x, y, d) ? 0 : d;
}

static void put_change(struct change *c, mdiff_put_fn put, void *ctx)
{
	if (!c->dlen && !c->ilen)
		return;
	size_t lead = shared_space(c, false);
	if (lead) {
		put(ctx, MDIFF_SAME, c->dlen ? c->del : c->ins, lead);
		if (c->dlen) {
			c->del += lead;
			c->dlen -= lead;
		}
		if (c->ilen) {
			c->ins += lead;
			c->ilen -= lead;
		}
	}
	size_t trail = shared_space(c, true);
	if (c->dlen)
		put(ctx, MDIFF_DEL, c->del, c->dlen - trail);
	if (c->ilen)
		put(ctx, MDIFF_INS, c->ins, c->ilen - trail);
	if (trail)
		put(ctx, MDIFF_SAME, c->ilen ? c->ins + c->ilen - trail : c->del + c->dlen - trail,
		    trail);
}

void mdiff_words(const char *old, const char *new, mdiff_put_fn put, void *ctx)
{
	struct toks a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	mdiff_tokenize(mdiff_str(old), &a);
	mdiff_tokenize(mdiff_str(new), &b);
	const struct toks *pair[2] = { &a, &b };
	size_t *b_to_a = xmalloc((b.n + 1) * sizeof(*b_to_a));
	mdiff_lcs(a.n, b.n, toks_eq, pair, b_to_a);
	/* White space kept between two changes joins them: "[-a b-]{+c d+}"
	 * rather than "[-a-]{+c+} [-b-]{+d+}". */
	for (size_t j = 0; j < b.n; j++) {
		size_t i = b_to_a[j];
		if (i == MDIFF_NONE || !is_space(b.v[j].s[0]) || j == 0 || j + 1 == b.n)
			continue;
		bool before = b_to_a[j - 1] == MDIFF_NONE || i == 0 || b_to_a[j - 1] != i - 1;
		bool after = b_to_a[j + 1] == MDIFF_NONE || b_to_a[j + 1] != i + 1;
		if (before && after)
			b_to_a[j] = MDIFF_NONE;
	}
	/* Walk both: runs of kept tokens, and between them what a lost and
	 * b gained (contiguous in each text). */
	size_t i = 0, j = 0;
	while (i < a.n || j < b.n) {
		size_t i0 = i, j0 = j;
		while (j < b.n && b_to_a[j] == MDIFF_NONE)
			j++;
		size_t stop = j < b.n ? b_to_a[j] : a.n;
		i = stop;
		struct change ch = { NULL, 0, NULL, 0 };
		if (i > i0)
			ch = (struct change){ a.v[i0].s,
				(size_t)(a.v[i - 1].s + a.v[i - 1].len - a.v[i0].s), NULL, 0 };
		if (j > j0) {
			ch.ins = b.v[j0].s;
			ch.ilen = (size_t)(b.v[j - 1].s + b.v[j - 1].len - b.v[j0].s);
		}
		put_change(&ch, put, ctx);
		size_t k = j;
		while (k < b.n && b_to_a[k] != MDIFF_NONE && b_to_a[k] == i + (k - j))
			k++;
		if (k > j) {
			put(ctx, MDIFF_SAME, b.v[j].s,
			    (size_t)(b.v[k - 1].s + b.v[k - 1].len - b.v[j].s));
			i += k - j;
			j = k;
		}
	}
	free(b_to_a);
	free(a.v);
	free(b.v);
}

static void put_marked(void *ctx, enum mdiff_span kind, const char *s, size_t len)
{
	struct buf *out = ctx;
	if (kind == MDIFF_DEL)
		buf_addstr(out, "[-");
	else if (kind == MDIFF_INS)
		buf_addstr(out, "{+");
	buf_add(out, s, len);
	if (kind == MDIFF_DEL)
		buf_addstr(out, "-]");
	else if (kind == MDIFF_INS)
		buf_addstr(out, "+}");
}

void mdiff_words_marked(const char *old, const char *new, struct buf *out)
{
	mdiff_words(old, new, put_marked, out);
}

/* How alike two texts are: words in common (in order) against the
 * words of both, 0 to 1. */
double mdiff_alike(const char *x, const char *y)
{
	struct toks a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	mdiff_tokenize(mdiff_str(x), &a);
	mdiff_tokenize(mdiff_str(y), &b);
	const struct toks *pair[2] = { &a, &b };
	size_t *b_to_a = xmalloc((b.n + 1) * sizeof(*b_to_a));
	mdiff_lcs(a.n, b.n, toks_eq, pair, b_to_a);
	size_t common = 0, words = 0;
	for (size_t j = 0; j < b.n; j++)
		if (!is_space(b.v[j].s[0]))
			common += b_to_a[j] != MDIFF_NONE;
	for (size_t i = 0; i < a.n; i++)
		words += !is_space(a.v[i].s[0]);
	for (size_t j = 0; j < b.n; j++)
		words += !is_space(b.v[j].s[0]);
	free(b_to_a);
	free(a.v);
	free(b.v);
	return words ? 2.0 * (double)common / (double)words : 1.0;
}

