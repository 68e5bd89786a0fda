/* linediff: the unified diff of two texts, line by line (Myers). */
#include "minutes/audit/linediff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Edit distances past this are not searched: the middle is replaced. */
#define MAX_EDITS 1000

struct line {
	const char *s;
	size_t len;             /* without the line break */
	bool nl;                /* ends with a line break */
	uint64_t hash;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void split(const char *s, size_t len, struct lines *out)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		struct line *l = &out->v[out->n++];
		l->s = s + i;
		l->len = end - i;
		l->nl = nl != NULL;
		l->hash = hash_bytes(l->s, l->len) ^ (l->nl ? 0 : 0x9e3779b97f4a7c15ULL);
		i = nl ? end + 1 : len;
	}
}

static bool same(const struct line *x, const struct line *y)
{
	return x->hash == y->hash && x->len == y->len && x->nl == y->nl &&
	       memcmp(x->s, y->s, x->len) == 0;
}

/* One line of the edit script: ' ' kept, '-' removed, '+' added, with
 * its line in a (for ' ' and '-') or b ('+'). */
struct op {
	char kind;
	size_t ai, bi;          /* lines of a and b at this point */
};

struct script {
	struct op *v;
	size_t n, cap;
};

static void push(struct script *s, char kind, size_t ai, size_t bi)
{
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = (struct op){ kind, ai, bi };
}

/*
 * The shortest edit script of a[0..n) to b[0..m) by Myers' greedy
 * algorithm, keeping each round's furthest reaches to trace the path
 * back.  Returns false (leaving `s` alone) when it needs more than
 * MAX_EDITS edits.
 */
static bool myers(const struct line *a, size_t n, const struct line *b, size_t m,
		  size_t a0, size_t b0, struct script *s)
{
	long N = (long)n, M = (long)m, max = N + M;
	if (max > MAX_EDITS)
		max = MAX_EDITS;
	long width = 2 * max + 3;
	long *v = xcalloc((size_t)width, sizeof(long));
	long **trace = xcalloc((size_t)max + 1, sizeof(long *));
	long off = max + 1, found = -1;
	for (long d = 0; d <= max && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			long y = x - k;
			while (x < N && y < M && same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= N && y >= M) {
				found = d;
				break;
			}
		}
		/* Round d's reaches, k from -d to d. */
		trace[d] = xmalloc((size_t)(2 * d + 1) * sizeof(long));
		memcpy(trace[d], v + off - d, (size_t)(2 * d + 1) * sizeof(long));
	}
	bool ok = found >= 0;
	if (ok) {
		/* Back from (N, M): each round is one edit after a snake. */
		struct script rev = { NULL, 0, 0 };
		long x = N, y = M;
		for (long d = found; d >= 0; d--) {
			long k = x - y, px = 0, py = 0, ex = 0, ey = 0;
			bool down = false;
			if (d > 0) {
				const long *pv = trace[d - 1];   /* k' at pv[k' + d - 1] */
				down = k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]);
				long pk = down ? k + 1 : k - 1;
				px = pv[pk + d - 1];
				py = px - pk;
				ex = down ? px : px + 1;
				ey = down ? py + 1 : py;
			}
			while (x > ex && y > ey) {
				push(&rev, ' ', a0 + (size_t)x - 1, b0 + (size_t)y - 1);
				x--;
				y--;
			}
			if (d > 0)
				push(&rev, down ? '+' : '-', a0 + (size_t)px, b0 + (size_t)py);
			x = px;
			y = py;
		}
		for (size_t i = rev.n; i-- > 0;)
			push(s, rev.v[i].kind, rev.v[i].ai, rev.v[i].bi);
		free(rev.v);
	}
	for (long d = 0; d <= max; d++)
		free(trace[d]);     /* NULL past the last round */
	free(trace);
	free(v);
	return ok;
}

/* The whole script: common start, the middle by myers() (or replaced
 * when that gives up), common end. */
static void edit_script(const struct lines *A, const struct lines *B, struct script *s)
{
	size_t pre = 0, n = A->n, m = B->n;
	while (pre < n && pre < m && same(&A->v[pre], &B->v[pre]))
		pre++;
	size_t suf = 0;
	while (suf < n - pre && suf < m - pre && same(&A->v[n - 1 - suf], &B->v[m - 1 - suf]))
		suf++;
	for (size_t i = 0; i < pre; i++)
		push(s, ' ', i, i);
	size_t an = n - pre - suf, bn = m - pre - suf;
	if (!myers(A->v + pre, an, B->v + pre, bn, pre, pre, s)) {
		for (size_t i = 0; i < an; i++)
			push(s, '-', pre + i, pre);
		for (size_t j = 0; j < bn; j++)
			push(s, '+', pre + an, pre + j);
	}
	for (size_t i = 0; i < suf; i++)
		push(s, ' ', n - suf + i, m - suf + i);
}

static void add_line(struct buf *out, char kind, const struct line *l)
{
	buf_addch(out, kind);
	buf_add(out, l->s, l->len);
	buf_addch(out, '\n');
	if (!l->nl)
		buf_addstr(out, "\\ No newline at end of file\n");
}

/* "-START,COUNT" as diff -u writes it: a range of no lines names the
 * line before it. */
static void add_range(struct buf *out, char sign, size_t start, size_t count)
{
	if (count == 0)
		buf_addf(out, "%c%zu,0", sign, start);
	else if (count == 1)
		buf_addf(out, "%c%zu", sign, start + 1);
	else
		buf_addf(out, "%c%zu,%zu", sign, start + 1, count);
}

bool linediff_unified(const char *a, size_t alen, const char *b, size_t blen,
		      const char *label_a, const char *label_b, unsigned context,
		      struct buf *out)
{
	struct lines A = { NULL, 0, 0 }, B = { NULL, 0, 0 };
	struct script s = { NULL, 0, 0 };
	split(a, alen, &A);
	split(b, blen, &B);
	edit_script(&A, &B, &s);
	bool differ = false;
	size_t i = 0;
	while (i < s.n) {
		/* The next change, and the hunk around it. */
		while (i < s.n && s.v[i].kind == ' ')
			i++;
		if (i == s.n)
			break;
		if (!differ)
			buf_addf(out, "--- %s\n+++ %s\n", label_a, label_b);
		differ = true;
		size_t start = i > context ? i - context : 0, end = i;
		/* Extend over changes closer than 2 * context lines. */
		for (;;) {
			while (end < s.n && s.v[end].kind != ' ')
				end++;
			size_t k = end;
			while (k < s.n && s.v[k].kind == ' ' && k - end < 2 * (size_t)context + 1)
				k++;
			if (k < s.n && s.v[k].kind != ' ') {
				end = k;
				continue;
			}
			end = end + context < s.n ? end + context : s.n;
			break;
		}
		size_t na = 0, nb = 0;
		for (size_t j = start; j < end; j++) {
			na += s.v[j].kind != '+';
			nb += s.v[j].kind != '-';
		}
		size_t a_at = s.v[start].ai, b_at = s.v[start].bi;
		buf_addstr(out, "@@ ");
		add_range(out, '-', a_at, na);
		buf_addch(out, ' ');
		add_range(out, '+', b_at, nb);
		buf_addstr(out, " @@\n");
		for (size_t j = start; j < end; j++) {
			const struct op *o = &s.v[j];
			add_line(out, o->kind, o->kind == '+' ? &B.v[o->bi] : &A.v[o->ai]);
		}
		i = end;
	}
	free(A.v);
	free(B.v);
	free(s.v);
	return differ;
}
