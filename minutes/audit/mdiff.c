/* mdiff: the changes between two versions of minutes, field by field. */
#include "minutes/audit/mdiff.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Longest-common-subsequence tables past this many cells are not built:
 * the middle is taken as replaced instead. */
#define LCS_MAX_CELLS (4u << 20)

static const char *str(const char *s)
{
	return s ? s : "";
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(str(a), str(b)) == 0;
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
static void tokenize(const char *s, struct toks *out)
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
typedef bool (*eq_fn)(const void *ctx, size_t i, size_t j);

static void lcs(size_t na, size_t nb, eq_fn eq, const void *ctx, size_t *b_to_a)
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
	tokenize(str(old), &a);
	tokenize(str(new), &b);
	const struct toks *pair[2] = { &a, &b };
	size_t *b_to_a = xmalloc((b.n + 1) * sizeof(*b_to_a));
	lcs(a.n, b.n, toks_eq, pair, b_to_a);
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
static double alike(const char *x, const char *y)
{
	struct toks a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	tokenize(str(x), &a);
	tokenize(str(y), &b);
	const struct toks *pair[2] = { &a, &b };
	size_t *b_to_a = xmalloc((b.n + 1) * sizeof(*b_to_a));
	lcs(a.n, b.n, toks_eq, pair, b_to_a);
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

/* ---- aligning lists ---- */

/*
 * Aligns a list of na entries with one of nb: equal entries along a
 * longest common subsequence, then, between two such, an entry of b with
 * the first unpaired one of a that `pair` accepts (all of them, in order,
 * when both sides of the gap hold as many).  b_to_a gets the result.
 */
static void align(size_t na, size_t nb, eq_fn eq, eq_fn pair, const void *ctx,
		  size_t *b_to_a)
{
	lcs(na, nb, eq, ctx, b_to_a);
	size_t i = 0, j = 0;
	while (j < nb || i < na) {
		size_t j1 = j;
		while (j1 < nb && b_to_a[j1] == MDIFF_NONE)
			j1++;
		size_t i1 = j1 < nb ? b_to_a[j1] : na;
		/* The gap: a[i..i1) against b[j..j1). */
		if (i1 - i == j1 - j) {
			for (size_t k = 0; k < j1 - j; k++)
				b_to_a[j + k] = i + k;
		} else {
			size_t next = i;
			for (size_t k = j; k < j1; k++)
				for (size_t q = next; q < i1; q++)
					if (pair(ctx, q, k)) {
						b_to_a[k] = q;
						next = q + 1;
						break;
					}
		}
		if (j1 >= nb)
			break;
		i = i1 + 1;
		j = j1 + 1;
	}
}

static bool comment_eq(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return same_text(p[0]->comments[i].text, p[1]->comments[j].text);
}

static bool comment_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return alike(p[0]->comments[i].text, p[1]->comments[j].text) >= 0.5;
}

void mdiff_match_comments(const struct minutes_item *a, const struct minutes_item *b,
			  size_t *b_to_a)
{
	const struct minutes_item *p[2] = { a, b };
	align(a->ncomments, b->ncomments, comment_eq, comment_pair, p, b_to_a);
}

static bool action_eq(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return same_text(p[0]->actions[i].text, p[1]->actions[j].text);
}

static bool action_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return same_text(p[0]->actions[i].owner, p[1]->actions[j].owner) ||
	       alike(p[0]->actions[i].text, p[1]->actions[j].text) >= 0.5;
}

void mdiff_match_actions(const struct minutes_item *a, const struct minutes_item *b,
			 size_t *b_to_a)
{
	const struct minutes_item *p[2] = { a, b };
	align(a->nactions, b->nactions, action_eq, action_pair, p, b_to_a);
}

static bool decl_eq(const void *ctx, size_t i, size_t j)
{
	const struct minutes *const *p = ctx;
	const struct declaration *x = &p[0]->declarations[i], *y = &p[1]->declarations[j];
	return same_text(x->member, y->member) && same_text(x->item, y->item);
}

static bool decl_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes *const *p = ctx;
	return same_text(p[0]->declarations[i].member, p[1]->declarations[j].member);
}

void mdiff_match_declarations(const struct minutes *a, const struct minutes *b,
			      size_t *b_to_a)
{
	const struct minutes *p[2] = { a, b };
	align(a->ndeclarations, b->ndeclarations, decl_eq, decl_pair, p, b_to_a);
}

static bool person_eq(const void *ctx, size_t i, size_t j)
{
	const struct people *const *p = ctx;
	return same_text(p[0]->v[i].name, p[1]->v[j].name);
}

static bool document_eq(const void *ctx, size_t i, size_t j)
{
	const struct documents *const *p = ctx;
	return same_text(p[0]->v[i].title, p[1]->v[j].title);
}

/* ---- matching items ---- */

struct key {
	const char *k1, *k2;
	size_t idx;
};

static int key_cmp(const void *x, const void *y)
{
	const struct key *p = x, *q = y;
	int c = strcmp(p->k1, q->k1);
	if (!c)
		c = strcmp(p->k2, q->k2);
	if (!c)
		c = p->idx < q->idx ? -1 : p->idx > q->idx;
	return c;
}

/* One pass: each unmatched item of b takes the first unmatched item of a
 * with the same key (number and title, title, or number). */
static void match_pass(const struct minutes *a, const struct minutes *b, int pass,
		       size_t *b_to_a, bool *used)
{
	struct key *keys = xmalloc((a->nitems + 1) * sizeof(*keys));
	size_t n = 0;
	for (size_t i = 0; i < a->nitems; i++) {
		if (used[i])
			continue;
		const struct minutes_item *it = a->items[i];
		keys[n++] = (struct key){ pass == 2 ? "" : str(it->number),
					  pass == 3 ? "" : str(it->title), i };
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (size_t j = 0; j < b->nitems; j++) {
		if (b_to_a[j] != MDIFF_NONE)
			continue;
		const struct minutes_item *it = b->items[j];
		struct key want = { pass == 2 ? "" : str(it->number),
				    pass == 3 ? "" : str(it->title), 0 };
		size_t lo = 0, hi = n;      /* the first key not below `want` */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (key_cmp(&keys[mid], &want) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && !strcmp(keys[lo].k1, want.k1) && !strcmp(keys[lo].k2, want.k2); lo++)
			if (!used[keys[lo].idx]) {
				used[keys[lo].idx] = true;
				b_to_a[j] = keys[lo].idx;
				break;
			}
	}
	free(keys);
}

void mdiff_match_items(const struct minutes *a, const struct minutes *b, size_t *b_to_a)
{
	bool *used = xcalloc(a->nitems + 1, sizeof(*used));
	for (size_t j = 0; j < b->nitems; j++)
		b_to_a[j] = MDIFF_NONE;
	for (int pass = 1; pass <= 3; pass++)
		match_pass(a, b, pass, b_to_a, used);
	free(used);
}

/* Marks in `kept` the matched items of b that stay in order: a longest
 * increasing run of their places in a.  The others moved. */
static void in_order(const size_t *b_to_a, size_t nb, bool *kept)
{
	size_t *tail = xmalloc((nb + 1) * sizeof(*tail));   /* b indices */
	size_t *prev = xmalloc((nb + 1) * sizeof(*prev));
	size_t len = 0;
	for (size_t j = 0; j < nb; j++) {
		kept[j] = false;
		if (b_to_a[j] == MDIFF_NONE)
			continue;
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (b_to_a[tail[mid]] < b_to_a[j])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[j] = lo ? tail[lo - 1] : MDIFF_NONE;
		tail[lo] = j;
		if (lo == len)
			len++;
	}
	for (size_t j = len ? tail[len - 1] : MDIFF_NONE; j != MDIFF_NONE; j = prev[j])
		kept[j] = true;
	free(tail);
	free(prev);
}

/* ---- recording changes ---- */

struct ctx {
	struct mdiff *out;
	enum mdiff_area area;
	const struct minutes_item *item;    /* the item being compared */
};

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static void add(struct ctx *c, enum mdiff_kind kind, const char *field, size_t index,
		const char *old, const char *new, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
static void add(struct ctx *c, enum mdiff_kind kind, const char *field, size_t index,
		const char *old, const char *new, const char *fmt, ...)
{
	struct mdiff *d = c->out;
	xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	struct mdiff_change *ch = &d->v[d->n++];
	memset(ch, 0, sizeof(*ch));
	ch->kind = kind;
	ch->area = c->area;
	if (c->item) {
		ch->number = xstrdup(str(c->item->number));
		ch->title = xstrdup(str(c->item->title));
	}
	ch->field = xstrdup(field);
	ch->index = index;
	ch->old_text = dup_or_null(old);
	ch->new_text = dup_or_null(new);
	struct buf b = BUF_INIT;
	if (c->item)
		buf_addf(&b, "item %s %s: ", str(c->item->number), str(c->item->title));
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	ch->label = buf_detach(&b, NULL);
}

/* A short value that reads well inline: "start: 11:00 -> 11:02". */
static void short_field(struct ctx *c, const char *name, const char *old, const char *new)
{
	if (same_text(old, new))
		return;
	add(c, MDIFF_CHANGED, name, 0, NULL, NULL, "%s: %s -> %s", name,
	    *str(old) ? old : "(none)", *str(new) ? new : "(none)");
}

/* Text, shown below the line: "decision changed", "summary added". */
static void text_field(struct ctx *c, const char *name, size_t index,
		       const char *prefix, const char *old, const char *new)
{
	if (same_text(old, new))
		return;
	enum mdiff_kind k = !*str(old) ? MDIFF_ADDED : !*str(new) ? MDIFF_REMOVED : MDIFF_CHANGED;
	add(c, k, name, index, old, new, "%s%s %s", prefix, name,
	    k == MDIFF_ADDED ? "added" : k == MDIFF_REMOVED ? "removed" : "changed");
}

/* ---- comparing ---- */

static const char *const list_names[3] = { "present", "apologies", "in attendance" };

struct attendee {
	const char *name;
	const struct person *p;
	int list;
	size_t idx;             /* order within the minutes */
};

static int attendee_cmp(const void *x, const void *y)
{
	const struct attendee *p = x, *q = y;
	int c = strcmp(p->name, q->name);
	return c ? c : (p->idx < q->idx ? -1 : p->idx > q->idx);
}

static struct attendee *attendees(const struct minutes *m, size_t *n, bool sorted)
{
	const struct people *l[3] = { &m->present, &m->apologies, &m->in_attendance };
	*n = 0;
	for (int k = 0; k < 3; k++)
		*n += l[k]->n;
	struct attendee *v = xmalloc((*n + 1) * sizeof(*v));
	size_t at = 0;
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < l[k]->n; i++, at++)
			v[at] = (struct attendee){ str(l[k]->v[i].name), &l[k]->v[i], k, at };
	if (sorted)
		qsort(v, *n, sizeof(*v), attendee_cmp);
	return v;
}

/* The first attendee named `name` in the sorted list, or NULL. */
static const struct attendee *find_attendee(const struct attendee *v, size_t n,
					    const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(v[lo].name, name) ? &v[lo] : NULL;
}

static void compare_attendance(struct ctx *c, const struct minutes *a, const struct minutes *b)
{
	size_t na, nb;
	struct attendee *va = attendees(a, &na, false), *sa = attendees(a, &na, true);
	struct attendee *vb = attendees(b, &nb, false), *sb = attendees(b, &nb, true);
	c->area = MDIFF_ATTENDANCE;
	for (size_t i = 0; i < na; i++) {
		const struct attendee *x = &va[i], *y = find_attendee(sb, nb, x->name);
		if (!y)
			add(c, MDIFF_REMOVED, x->name, 0, x->p->role, NULL, "%s: removed from %s",
			    x->name, list_names[x->list]);
	}
	for (size_t j = 0; j < nb; j++) {
		const struct attendee *y = &vb[j], *x = find_attendee(sa, na, y->name);
		if (!x) {
			add(c, MDIFF_ADDED, y->name, 0, NULL, y->p->role, "%s: added to %s",
			    y->name, list_names[y->list]);
			continue;
		}
		if (x->list != y->list)
			add(c, MDIFF_MOVED, y->name, 0, NULL, NULL, "%s: %s -> %s", y->name,
			    list_names[x->list], list_names[y->list]);
		if (!same_text(x->p->role, y->p->role)) {
			struct buf pre = BUF_INIT;
			buf_addf(&pre, "%s: ", y->name);
			text_field(c, "role", 0, pre.data, x->p->role, y->p->role);
			buf_free(&pre);
		}
	}
	free(va);
	free(sa);
	free(vb);
	free(sb);
}

static void compare_declarations(struct ctx *c, const struct minutes *a, const struct minutes *b)
{
	size_t *b_to_a = xmalloc((b->ndeclarations + 1) * sizeof(*b_to_a));
	bool *taken = xcalloc(a->ndeclarations + 1, sizeof(*taken));
	mdiff_match_declarations(a, b, b_to_a);
	c->area = MDIFF_DECLARATIONS;
	for (size_t j = 0; j < b->ndeclarations; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < a->ndeclarations; i++) {
		const struct declaration *x = &a->declarations[i];
		if (!taken[i])
			add(c, MDIFF_REMOVED, "declaration", i + 1, x->interest, NULL,
			    "declaration removed: %s, item %s", str(x->member), str(x->item));
	}
	for (size_t j = 0; j < b->ndeclarations; j++) {
		const struct declaration *y = &b->declarations[j];
		if (b_to_a[j] == MDIFF_NONE) {
			add(c, MDIFF_ADDED, "declaration", j + 1, NULL, y->interest,
			    "declaration added: %s, item %s", str(y->member), str(y->item));
			continue;
		}
		const struct declaration *x = &a->declarations[b_to_a[j]];
		struct buf pre = BUF_INIT;
		buf_addf(&pre, "declaration by %s", str(y->member));
		if (!same_text(x->item, y->item))
			add(c, MDIFF_CHANGED, "declaration item", b_to_a[j] + 1, NULL, NULL,
			    "%s: item %s -> %s", pre.data, str(x->item), str(y->item));
		buf_addf(&pre, ", item %s: ", str(y->item));
		text_field(c, "interest", b_to_a[j] + 1, pre.data, x->interest, y->interest);
		buf_free(&pre);
	}
	free(b_to_a);
	free(taken);
}

/* Entries of a list, aligned: `changed` reports a pair, `label` names
 * an entry ("comment"), `text` gives an entry's text. */
struct list_ops {
	const char *label;
	size_t na, nb;
	const size_t *b_to_a;
	const char *(*text)(const struct minutes_item *it, size_t i);
	void (*changed)(struct ctx *c, size_t i, size_t j, const struct minutes_item *x,
			const struct minutes_item *y);
};

static void compare_list(struct ctx *c, const struct list_ops *o,
			 const struct minutes_item *x, const struct minutes_item *y)
{
	bool *taken = xcalloc(o->na + 1, sizeof(*taken));
	for (size_t j = 0; j < o->nb; j++)
		if (o->b_to_a[j] != MDIFF_NONE)
			taken[o->b_to_a[j]] = true;
	/* In the order of b, with removals where they were. */
	size_t i = 0;
	for (size_t j = 0; j <= o->nb; j++) {
		size_t upto = j < o->nb && o->b_to_a[j] != MDIFF_NONE ? o->b_to_a[j]
			    : j == o->nb ? o->na : i;
		for (; i < upto; i++)
			if (!taken[i])
				add(c, MDIFF_REMOVED, o->label, i + 1, o->text(x, i), NULL,
				    "%s %zu removed", o->label, i + 1);
		if (j == o->nb)
			break;
		size_t m = o->b_to_a[j];
		if (m == MDIFF_NONE) {
			if (j == 0)
				add(c, MDIFF_ADDED, o->label, j + 1, NULL, o->text(y, j),
				    "%s 1 added", o->label);
			else
				add(c, MDIFF_ADDED, o->label, j + 1, NULL, o->text(y, j),
				    "%s added after %s %zu", o->label, o->label, j);
			continue;
		}
		if (m >= i)
			i = m + 1;
		o->changed(c, m, j, x, y);
	}
	free(taken);
}

/* "comment 3" or "comment 3 (now 4)". */
static void entry_name(struct buf *b, const char *label, size_t i, size_t j)
{
	buf_addf(b, "%s %zu", label, i + 1);
	if (i != j)
		buf_addf(b, " (now %zu)", j + 1);
}

static const char *comment_text(const struct minutes_item *it, size_t i)
{
	return it->comments[i].text;
}

static void comment_changed(struct ctx *c, size_t i, size_t j, const struct minutes_item *x,
			    const struct minutes_item *y)
{
	const struct comment *p = &x->comments[i], *q = &y->comments[j];
	struct buf name = BUF_INIT;
	entry_name(&name, "comment", i, j);
	if (!same_text(p->text, q->text))
		add(c, MDIFF_CHANGED, "comment", i + 1, p->text, q->text, "%s changed", name.data);
	if (!same_text(p->by, q->by)) {
		buf_addstr(&name, " ");
		text_field(c, "speaker", i + 1, name.data, p->by, q->by);
	}
	buf_free(&name);
}

static const char *action_text(const struct minutes_item *it, size_t i)
{
	return it->actions[i].text;
}

static void action_changed(struct ctx *c, size_t i, size_t j, const struct minutes_item *x,
			   const struct minutes_item *y)
{
	const struct action *p = &x->actions[i], *q = &y->actions[j];
	struct buf name = BUF_INIT;
	entry_name(&name, "action", i, j);
	if (!same_text(p->text, q->text))
		add(c, MDIFF_CHANGED, "action", i + 1, p->text, q->text, "%s changed", name.data);
	buf_addstr(&name, " ");
	text_field(c, "owner", i + 1, name.data, p->owner, q->owner);
	struct buf f = BUF_INIT;
	buf_addf(&f, "%sdue", name.data);
	short_field(c, f.data, p->due, q->due);
	buf_reset(&f);
	buf_addf(&f, "%sdone", name.data);
	short_field(c, f.data, p->done, q->done);
	buf_free(&f);
	buf_free(&name);
}

static void compare_people(struct ctx *c, const char *what, const struct people *a,
			   const struct people *b)
{
	const struct people *p[2] = { a, b };
	size_t *b_to_a = xmalloc((b->n + 1) * sizeof(*b_to_a));
	bool *taken = xcalloc(a->n + 1, sizeof(*taken));
	lcs(a->n, b->n, person_eq, p, b_to_a);
	for (size_t j = 0; j < b->n; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < a->n; i++)
		if (!taken[i])
			add(c, MDIFF_REMOVED, what, i + 1, a->v[i].role, NULL, "%s removed: %s",
			    what, str(a->v[i].name));
	for (size_t j = 0; j < b->n; j++) {
		if (b_to_a[j] == MDIFF_NONE) {
			add(c, MDIFF_ADDED, what, j + 1, NULL, b->v[j].role, "%s added: %s",
			    what, str(b->v[j].name));
			continue;
		}
		struct buf pre = BUF_INIT;
		buf_addf(&pre, "%s %s: ", what, str(b->v[j].name));
		text_field(c, "role", b_to_a[j] + 1, pre.data, a->v[b_to_a[j]].role, b->v[j].role);
		buf_free(&pre);
	}
	free(b_to_a);
	free(taken);
}

static void compare_documents(struct ctx *c, const struct documents *a,
			      const struct documents *b)
{
	const struct documents *p[2] = { a, b };
	size_t *b_to_a = xmalloc((b->n + 1) * sizeof(*b_to_a));
	bool *taken = xcalloc(a->n + 1, sizeof(*taken));
	lcs(a->n, b->n, document_eq, p, b_to_a);
	for (size_t j = 0; j < b->n; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < a->n; i++)
		if (!taken[i])
			add(c, MDIFF_REMOVED, "document", i + 1, a->v[i].ref, NULL,
			    "document removed: %s", str(a->v[i].title));
	for (size_t j = 0; j < b->n; j++) {
		if (b_to_a[j] == MDIFF_NONE) {
			add(c, MDIFF_ADDED, "document", j + 1, NULL, b->v[j].ref,
			    "document added: %s", str(b->v[j].title));
			continue;
		}
		struct buf pre = BUF_INIT;
		buf_addf(&pre, "document %s: ", str(b->v[j].title));
		text_field(c, "reference", b_to_a[j] + 1, pre.data, a->v[b_to_a[j]].ref, b->v[j].ref);
		buf_free(&pre);
	}
	free(b_to_a);
	free(taken);
}

static void votes_text(struct buf *b, const struct minutes_item *it)
{
	if (!it->votes_for && !it->votes_against && !it->votes_abstained)
		buf_addstr(b, "(none)");
	else
		buf_addf(b, "for %u, against %u, abstained %u", it->votes_for,
			 it->votes_against, it->votes_abstained);
}

static void compare_item(struct ctx *c, const struct minutes_item *x, const struct minutes_item *y)
{
	c->item = y;
	if (!same_text(x->number, y->number))
		add(c, MDIFF_CHANGED, "number", 0, NULL, NULL, "number %s -> %s",
		    str(x->number), str(y->number));
	text_field(c, "title", 0, "", x->title, y->title);
	if (x->status != y->status)
		short_field(c, "status", item_status_name(x->status), item_status_name(y->status));
	if (x->urgent != y->urgent)
		short_field(c, "urgent", x->urgent ? "yes" : "no", y->urgent ? "yes" : "no");
	short_field(c, "started", x->started, y->started);
	short_field(c, "ended", x->ended, y->ended);
	compare_people(c, "presenter", &x->presenters, &y->presenters);
	text_field(c, "summary", 0, "", x->summary, y->summary);

	size_t *b_to_a = xmalloc((y->ncomments + y->nactions + 1) * sizeof(*b_to_a));
	mdiff_match_comments(x, y, b_to_a);
	struct list_ops co = { "comment", x->ncomments, y->ncomments, b_to_a,
			       comment_text, comment_changed };
	compare_list(c, &co, x, y);

	text_field(c, "decision", 0, "", x->decision, y->decision);
	if (x->votes_for != y->votes_for || x->votes_against != y->votes_against ||
	    x->votes_abstained != y->votes_abstained) {
		struct buf o = BUF_INIT, n = BUF_INIT;
		votes_text(&o, x);
		votes_text(&n, y);
		add(c, MDIFF_CHANGED, "votes", 0, NULL, NULL, "votes: %s -> %s", o.data, n.data);
		buf_free(&o);
		buf_free(&n);
	}

	mdiff_match_actions(x, y, b_to_a);
	struct list_ops ao = { "action", x->nactions, y->nactions, b_to_a,
			       action_text, action_changed };
	compare_list(c, &ao, x, y);
	free(b_to_a);
	compare_documents(c, &x->documents, &y->documents);
	c->item = NULL;
}

static void compare_items(struct ctx *c, const struct minutes *a, const struct minutes *b)
{
	size_t *b_to_a = xmalloc((b->nitems + 1) * sizeof(*b_to_a));
	bool *kept = xmalloc((b->nitems + 1) * sizeof(*kept));
	bool *taken = xcalloc(a->nitems + 1, sizeof(*taken));
	mdiff_match_items(a, b, b_to_a);
	in_order(b_to_a, b->nitems, kept);
	c->area = MDIFF_ITEM;
	for (size_t j = 0; j < b->nitems; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < a->nitems; i++)
		if (!taken[i]) {
			c->item = a->items[i];
			add(c, MDIFF_REMOVED, "item", i + 1, NULL, NULL, "removed");
			c->item = NULL;
		}
	for (size_t j = 0; j < b->nitems; j++) {
		size_t i = b_to_a[j];
		if (i == MDIFF_NONE) {
			c->item = b->items[j];
			add(c, MDIFF_ADDED, "item", j + 1, NULL, NULL, "added at position %zu", j + 1);
			c->item = NULL;
			continue;
		}
		if (!kept[j]) {
			c->item = b->items[j];
			add(c, MDIFF_MOVED, "item", i + 1, NULL, NULL,
			    "moved from position %zu to %zu", i + 1, j + 1);
			c->item = NULL;
		}
		compare_item(c, a->items[i], b->items[j]);
	}
	free(b_to_a);
	free(kept);
	free(taken);
}

void mdiff_compare(const struct minutes *a, const struct minutes *b, struct mdiff *out)
{
	struct ctx c = { out, MDIFF_MEETING, NULL };
	text_field(&c, "committee", 0, "", a->committee, b->committee);
	short_field(&c, "date", a->date, b->date);
	short_field(&c, "start", a->start, b->start);
	short_field(&c, "end", a->end, b->end);
	text_field(&c, "venue", 0, "", a->venue, b->venue);
	if (a->status != b->status)
		short_field(&c, "status", minutes_status_name(a->status),
			    minutes_status_name(b->status));
	short_field(&c, "confirmed date", a->confirmed_date, b->confirmed_date);
	text_field(&c, "confirmed by", 0, "", a->confirmed_by, b->confirmed_by);
	compare_attendance(&c, a, b);
	compare_declarations(&c, a, b);
	compare_items(&c, a, b);
}

void mdiff_free(struct mdiff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct mdiff_change *ch = &d->v[i];
		free(ch->number);
		free(ch->title);
		free(ch->field);
		free(ch->label);
		free(ch->old_text);
		free(ch->new_text);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* ---- blame ---- */

/* The revision that last set each field of one item. */
struct bitem {
	size_t title, summary, decision;
	size_t *comments, *actions;
};

struct mdiff_blame {
	struct minutes *m;      /* the last minutes added */
	size_t meeting[5];      /* start, end, venue, status, confirmed */
	size_t *attendees;      /* in the order of attendees(m, ..., false) */
	size_t *declarations;
	struct bitem *items;
};

struct mdiff_blame *mdiff_blame_new(void)
{
	return xcalloc(1, sizeof(struct mdiff_blame));
}

static void blame_clear(struct mdiff_blame *bl)
{
	if (bl->m)
		for (size_t i = 0; i < bl->m->nitems; i++) {
			free(bl->items[i].comments);
			free(bl->items[i].actions);
		}
	free(bl->items);
	free(bl->attendees);
	free(bl->declarations);
	minutes_free(bl->m);
}

void mdiff_blame_free(struct mdiff_blame *bl)
{
	if (!bl)
		return;
	blame_clear(bl);
	free(bl);
}

/* `was` when the value is the same as before, else `rev`. */
#define KEEP(same, was, rev) ((same) ? (was) : (rev))

static bool confirmed_same(const struct minutes *a, const struct minutes *b)
{
	return !strcmp(a->confirmed_date, b->confirmed_date) &&
	       same_text(a->confirmed_by, b->confirmed_by);
}

static void blame_item(const struct bitem *old, const struct minutes_item *x,
		       struct bitem *now, const struct minutes_item *y, size_t rev)
{
	now->comments = xmalloc((y->ncomments + 1) * sizeof(size_t));
	now->actions = xmalloc((y->nactions + 1) * sizeof(size_t));
	if (!old) {
		now->title = now->summary = now->decision = rev;
		for (size_t k = 0; k < y->ncomments; k++)
			now->comments[k] = rev;
		for (size_t k = 0; k < y->nactions; k++)
			now->actions[k] = rev;
		return;
	}
	now->title = KEEP(same_text(x->title, y->title) && same_text(x->number, y->number),
			  old->title, rev);
	now->summary = KEEP(same_text(x->summary, y->summary), old->summary, rev);
	now->decision = KEEP(same_text(x->decision, y->decision), old->decision, rev);
	size_t *map = xmalloc((y->ncomments + y->nactions + 1) * sizeof(*map));
	mdiff_match_comments(x, y, map);
	for (size_t k = 0; k < y->ncomments; k++) {
		size_t i = map[k];
		bool same = i != MDIFF_NONE && same_text(x->comments[i].text, y->comments[k].text) &&
			    same_text(x->comments[i].by, y->comments[k].by);
		now->comments[k] = same ? old->comments[i] : rev;
	}
	mdiff_match_actions(x, y, map);
	for (size_t k = 0; k < y->nactions; k++) {
		size_t i = map[k];
		const struct action *p = i != MDIFF_NONE ? &x->actions[i] : NULL, *q = &y->actions[k];
		bool same = p && same_text(p->text, q->text) && same_text(p->owner, q->owner) &&
			    !strcmp(p->due, q->due) && !strcmp(p->done, q->done);
		now->actions[k] = same ? old->actions[i] : rev;
	}
	free(map);
}

void mdiff_blame_add(struct mdiff_blame *bl, struct minutes *m, size_t rev)
{
	struct mdiff_blame next;
	const struct minutes *a = bl->m;
	memset(&next, 0, sizeof(next));
	next.m = m;
	next.meeting[0] = KEEP(a && !strcmp(a->start, m->start), bl->meeting[0], rev);
	next.meeting[1] = KEEP(a && !strcmp(a->end, m->end), bl->meeting[1], rev);
	next.meeting[2] = KEEP(a && same_text(a->venue, m->venue), bl->meeting[2], rev);
	next.meeting[3] = KEEP(a && a->status == m->status, bl->meeting[3], rev);
	next.meeting[4] = KEEP(a && confirmed_same(a, m), bl->meeting[4], rev);

	/* Attendees by name: the same list and role keep their revision. */
	size_t nb, na = 0;
	struct attendee *vb = attendees(m, &nb, false), *sa = NULL;
	if (a)
		sa = attendees(a, &na, true);
	next.attendees = xmalloc((nb + 1) * sizeof(size_t));
	for (size_t j = 0; j < nb; j++) {
		const struct attendee *x = sa ? find_attendee(sa, na, vb[j].name) : NULL;
		bool same = x && x->list == vb[j].list && same_text(x->p->role, vb[j].p->role);
		next.attendees[j] = same ? bl->attendees[x->idx] : rev;
	}
	free(vb);
	free(sa);

	next.declarations = xmalloc((m->ndeclarations + 1) * sizeof(size_t));
	size_t *map = xmalloc((m->ndeclarations + m->nitems + 1) * sizeof(*map));
	if (a)
		mdiff_match_declarations(a, m, map);
	for (size_t j = 0; j < m->ndeclarations; j++) {
		size_t i = a ? map[j] : MDIFF_NONE;
		bool same = i != MDIFF_NONE &&
			    same_text(a->declarations[i].interest, m->declarations[j].interest) &&
			    same_text(a->declarations[i].item, m->declarations[j].item);
		next.declarations[j] = same ? bl->declarations[i] : rev;
	}

	next.items = xcalloc(m->nitems + 1, sizeof(*next.items));
	if (a)
		mdiff_match_items(a, m, map);
	for (size_t j = 0; j < m->nitems; j++) {
		size_t i = a ? map[j] : MDIFF_NONE;
		blame_item(i != MDIFF_NONE ? &bl->items[i] : NULL,
			   i != MDIFF_NONE ? a->items[i] : NULL, &next.items[j], m->items[j], rev);
	}
	free(map);
	blame_clear(bl);
	*bl = next;
}

struct fields {
	struct mdiff_blame_field *v;
	size_t n, cap;
};

/* Adds a field when it has a value; line breaks become spaces. */
static void field(struct fields *f, size_t rev, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void field(struct fields *f, size_t rev, const char *text, const char *fmt, ...)
{
	if (!text || !*text)
		return;
	xgrow((void **)&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	struct mdiff_blame_field *x = &f->v[f->n++];
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	x->label = buf_detach(&b, NULL);
	x->text = xstrdup(text);
	for (char *p = x->text; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	x->rev = rev;
}

void mdiff_blame_fields(const struct mdiff_blame *bl, struct mdiff_blame_field **out,
			size_t *n)
{
	struct fields f = { NULL, 0, 0 };
	const struct minutes *m = bl->m;
	struct buf t = BUF_INIT;
	*out = NULL;
	*n = 0;
	if (!m)
		return;
	field(&f, bl->meeting[0], m->start, "start");
	field(&f, bl->meeting[1], m->end, "end");
	field(&f, bl->meeting[2], m->venue, "venue");
	field(&f, bl->meeting[3], minutes_status_name(m->status), "status");
	if (m->confirmed_date[0] || m->confirmed_by) {
		buf_addf(&t, "%s %s", m->confirmed_date, str(m->confirmed_by));
		field(&f, bl->meeting[4], t.data, "confirmed");
	}
	size_t na;
	struct attendee *va = attendees(m, &na, false);
	for (size_t j = 0; j < na; j++) {
		buf_reset(&t);
		buf_addstr(&t, va[j].name);
		if (va[j].p->role)
			buf_addf(&t, ", %s", va[j].p->role);
		field(&f, bl->attendees[j], t.data, "%s", list_names[va[j].list]);
	}
	free(va);
	for (size_t j = 0; j < m->ndeclarations; j++) {
		const struct declaration *d = &m->declarations[j];
		buf_reset(&t);
		buf_addf(&t, "%s, item %s: %s", str(d->member), str(d->item), str(d->interest));
		field(&f, bl->declarations[j], t.data, "declaration %zu", j + 1);
	}
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		const struct bitem *b = &bl->items[i];
		const char *num = str(it->number);
		field(&f, b->title, it->title ? it->title : "", "item %s title", num);
		field(&f, b->summary, it->summary, "item %s summary", num);
		for (size_t k = 0; k < it->ncomments; k++) {
			buf_reset(&t);
			if (it->comments[k].by)
				buf_addf(&t, "%s: ", it->comments[k].by);
			buf_addstr(&t, str(it->comments[k].text));
			field(&f, b->comments[k], t.data, "item %s comment %zu", num, k + 1);
		}
		field(&f, b->decision, it->decision, "item %s decision", num);
		for (size_t k = 0; k < it->nactions; k++) {
			const struct action *ac = &it->actions[k];
			buf_reset(&t);
			buf_addstr(&t, str(ac->text));
			if (ac->owner || ac->due[0])
				buf_addf(&t, " (%s%s%s)", str(ac->owner),
					 ac->owner && ac->due[0] ? ", due " : ac->due[0] ? "due " : "",
					 ac->due);
			field(&f, b->actions[k], t.data, "item %s action %zu", num, k + 1);
		}
	}
	buf_free(&t);
	*out = f.v;
	*n = f.n;
}

void mdiff_blame_fields_free(struct mdiff_blame_field *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].text);
	}
	free(v);
}
