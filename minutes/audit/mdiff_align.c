/* mdiff_align: lining up two versions' lists and items (see mdiff.h). */
#include "minutes/audit/mdiff.h"
#include "minutes/audit/mdiff_priv.h"

#include <stdlib.h>
#include <string.h>

/* ---- aligning lists ---- */

/*
 * Aligns a list of na entries with one of nb: equal entries along a
 * longest common subsequence, then, between two such, an entry of b with
 * the first unpaired one of a that `pair` accepts (all of them, in order,
 * when both sides of the gap hold as many).  b_to_a gets the result.
 */
void mdiff_align(size_t na, size_t nb, mdiff_eq_fn eq, mdiff_eq_fn pair, const void *ctx,
		  size_t *b_to_a)
{
	mdiff_lcs(na, nb, eq, ctx, b_to_a);
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
	return mdiff_same_text(p[0]->comments[i].text, p[1]->comments[j].text);
}

static bool comment_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return mdiff_alike(p[0]->comments[i].text, p[1]->comments[j].text) >= 0.5;
}

void mdiff_match_comments(const struct minutes_item *a, const struct minutes_item *b,
			  size_t *b_to_a)
{
	const struct minutes_item *p[2] = { a, b };
	mdiff_align(a->ncomments, b->ncomments, comment_eq, comment_pair, p, b_to_a);
}

static bool action_eq(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return mdiff_same_text(p[0]->actions[i].text, p[1]->actions[j].text);
}

static bool action_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return mdiff_same_text(p[0]->actions[i].owner, p[1]->actions[j].owner) ||
	       mdiff_alike(p[0]->actions[i].text, p[1]->actions[j].text) >= 0.5;
}

void mdiff_match_actions(const struct minutes_item *a, const struct minutes_item *b,
			 size_t *b_to_a)
{
	const struct minutes_item *p[2] = { a, b };
	mdiff_align(a->nactions, b->nactions, action_eq, action_pair, p, b_to_a);
}

static bool decl_eq(const void *ctx, size_t i, size_t j)
{
	const struct minutes *const *p = ctx;
	const struct declaration *x = &p[0]->declarations[i], *y = &p[1]->declarations[j];
	return mdiff_same_text(x->member, y->member) && mdiff_same_text(x->item, y->item);
}

static bool decl_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes *const *p = ctx;
	return mdiff_same_text(p[0]->declarations[i].member, p[1]->declarations[j].member);
}

void mdiff_match_declarations(const struct minutes *a, const struct minutes *b,
			      size_t *b_to_a)
{
	const struct minutes *p[2] = { a, b };
	mdiff_align(a->ndeclarations, b->ndeclarations, decl_eq, decl_pair, p, b_to_a);
}

bool mdiff_person_eq(const void *ctx, size_t i, size_t j)
{
	const struct people *const *p = ctx;
	return mdiff_same_text(p[0]->v[i].name, p[1]->v[j].name);
}

bool mdiff_document_eq(const void *ctx, size_t i, size_t j)
{
	const struct documents *const *p = ctx;
	return mdiff_same_text(p[0]->v[i].title, p[1]->v[j].title);
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
		keys[n++] = (struct key){ pass == 2 ? "" : mdiff_str(it->number),
					  pass == 3 ? "" : mdiff_str(it->title), i };
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (size_t j = 0; j < b->nitems; j++) {
		if (b_to_a[j] != MDIFF_NONE)
			continue;
		const struct minutes_item *it = b->items[j];
		struct key want = { pass == 2 ? "" : mdiff_str(it->number),
				    pass == 3 ? "" : mdiff_str(it->title), 0 };
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
void mdiff_in_order(const size_t *b_to_a, size_t nb, bool *kept)
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

/* ---- attendees, matched by name ---- */

const char *const mdiff_list_names[4] = { "present", "apologies", "in attendance", "absent" };

static int attendee_cmp(const void *x, const void *y)
{
	const struct mdiff_attendee *p = x, *q = y;
	int c = strcmp(p->name, q->name);
	return c ? c : (p->idx < q->idx ? -1 : p->idx > q->idx);
}

struct mdiff_attendee *mdiff_attendees(const struct minutes *m, size_t *n, bool sorted)
{
	const struct people *l[4] = { &m->present, &m->apologies, &m->in_attendance, &m->absent };
	*n = 0;
	for (int k = 0; k < 4; k++)
		*n += l[k]->n;
	struct mdiff_attendee *v = xmalloc((*n + 1) * sizeof(*v));
	size_t at = 0;
	for (int k = 0; k < 4; k++)
		for (size_t i = 0; i < l[k]->n; i++, at++)
			v[at] = (struct mdiff_attendee){ mdiff_str(l[k]->v[i].name), &l[k]->v[i], k, at };
	if (sorted)
		qsort(v, *n, sizeof(*v), attendee_cmp);
	return v;
}

/* The first attendee named `name` in the sorted list, or NULL. */
const struct mdiff_attendee *mdiff_find_attendee(const struct mdiff_attendee *v, size_t n,
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

/* ---- format 2's procedure as text ---- */

static void add_names(struct buf *b, const char *way, const struct names *l)
{
	if (!l->n)
		return;
	buf_addf(b, "; %s: ", way);
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
}

void mdiff_votes_text(struct buf *b, unsigned n_for, unsigned n_against,
		      unsigned n_abstained, const struct recorded_vote *rec)
{
	if (!n_for && !n_against && !n_abstained && !minutes_recorded_any(rec))
		return;
	buf_addf(b, "for %u, against %u, abstained %u", n_for, n_against, n_abstained);
	if (!minutes_recorded_any(rec))
		return;
	buf_addstr(b, "; recorded");
	add_names(b, "for", &rec->voted_for);
	add_names(b, "against", &rec->against);
	add_names(b, "abstained", &rec->abstained);
}

void mdiff_attendance_text(struct buf *b, const struct person *p)
{
	const char *sep = "";
	if (p->substitute_for && *p->substitute_for) {
		buf_addf(b, "substituting for %s", p->substitute_for);
		sep = ", ";
	}
	if (p->arrived[0] || (p->arrived_during && *p->arrived_during)) {
		buf_addf(b, "%sarrived", sep);
		if (p->arrived[0])
			buf_addf(b, " %s", p->arrived);
		if (p->arrived_during && *p->arrived_during)
			buf_addf(b, " during item %s", p->arrived_during);
		sep = ", ";
	}
	if (p->left[0] || (p->left_during && *p->left_during)) {
		buf_addf(b, "%sleft", sep);
		if (p->left[0])
			buf_addf(b, " %s", p->left);
		if (p->left_during && *p->left_during)
			buf_addf(b, " during item %s", p->left_during);
	}
}

void mdiff_declaration_text(struct buf *b, const struct declaration *d)
{
	const char *kind = minutes_declaration_kind_name(d->kind);
	if (kind)
		buf_addstr(b, kind);
	if (d->left_room)
		buf_addf(b, "%sleft the room", kind ? ", " : "");
}

void mdiff_moved_text(struct buf *b, const char *text, const char *mover,
		      const char *seconder)
{
	buf_addstr(b, mdiff_str(text));
	if (mover && *mover && seconder && *seconder)
		buf_addf(b, " (moved by %s, seconded by %s)", mover, seconder);
	else if (mover && *mover)
		buf_addf(b, " (moved by %s)", mover);
	else if (seconder && *seconder)
		buf_addf(b, " (seconded by %s)", seconder);
}
