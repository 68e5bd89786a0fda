/* mdiff_blame: which revision last set each field (see mdiff.h). */
#include "minutes/audit/mdiff.h"
#include "minutes/audit/mdiff_priv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- blame ---- */

/* The revision that last set each field of one item. */
struct bitem {
	size_t title, summary, decision;
	size_t *comments, *actions;
};

struct mdiff_blame {
	struct minutes *m;      /* the last minutes added */
	size_t meeting[5];      /* start, end, venue, status, confirmed */
	size_t *attendees;      /* in the order of mdiff_attendees(m, ..., false) */
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
	       mdiff_same_text(a->confirmed_by, b->confirmed_by);
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
	now->title = KEEP(mdiff_same_text(x->title, y->title) && mdiff_same_text(x->number, y->number),
			  old->title, rev);
	now->summary = KEEP(mdiff_same_text(x->summary, y->summary), old->summary, rev);
	now->decision = KEEP(mdiff_same_text(x->decision, y->decision), old->decision, rev);
	size_t *map = xmalloc((y->ncomments + y->nactions + 1) * sizeof(*map));
	mdiff_match_comments(x, y, map);
	for (size_t k = 0; k < y->ncomments; k++) {
		size_t i = map[k];
		bool same = i != MDIFF_NONE && mdiff_same_text(x->comments[i].text, y->comments[k].text) &&
			    mdiff_same_text(x->comments[i].by, y->comments[k].by);
		now->comments[k] = same ? old->comments[i] : rev;
	}
	mdiff_match_actions(x, y, map);
	for (size_t k = 0; k < y->nactions; k++) {
		size_t i = map[k];
		const struct action *p = i != MDIFF_NONE ? &x->actions[i] : NULL, *q = &y->actions[k];
		bool same = p && mdiff_same_text(p->text, q->text) && mdiff_same_text(p->owner, q->owner) &&
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
	next.meeting[2] = KEEP(a && mdiff_same_text(a->venue, m->venue), bl->meeting[2], rev);
	next.meeting[3] = KEEP(a && a->status == m->status, bl->meeting[3], rev);
	next.meeting[4] = KEEP(a && confirmed_same(a, m), bl->meeting[4], rev);

	/* Attendees by name: the same list and role keep their revision. */
	size_t nb, na = 0;
	struct mdiff_attendee *vb = mdiff_attendees(m, &nb, false), *sa = NULL;
	if (a)
		sa = mdiff_attendees(a, &na, true);
	next.attendees = xmalloc((nb + 1) * sizeof(size_t));
	for (size_t j = 0; j < nb; j++) {
		const struct mdiff_attendee *x = sa ? mdiff_find_attendee(sa, na, vb[j].name) : NULL;
		bool same = x && x->list == vb[j].list && mdiff_same_text(x->p->role, vb[j].p->role);
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
			    mdiff_same_text(a->declarations[i].interest, m->declarations[j].interest) &&
			    mdiff_same_text(a->declarations[i].item, m->declarations[j].item);
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
		buf_addf(&t, "%s %s", m->confirmed_date, mdiff_str(m->confirmed_by));
		field(&f, bl->meeting[4], t.data, "confirmed");
	}
	size_t na;
	struct mdiff_attendee *va = mdiff_attendees(m, &na, false);
	for (size_t j = 0; j < na; j++) {
		buf_reset(&t);
		buf_addstr(&t, va[j].name);
		if (va[j].p->role)
			buf_addf(&t, ", %s", va[j].p->role);
		field(&f, bl->attendees[j], t.data, "%s", mdiff_list_names[va[j].list]);
	}
	free(va);
	for (size_t j = 0; j < m->ndeclarations; j++) {
		const struct declaration *d = &m->declarations[j];
		buf_reset(&t);
		buf_addf(&t, "%s, item %s: %s", mdiff_str(d->member), mdiff_str(d->item), mdiff_str(d->interest));
		field(&f, bl->declarations[j], t.data, "declaration %zu", j + 1);
	}
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		const struct bitem *b = &bl->items[i];
		const char *num = mdiff_str(it->number);
		field(&f, b->title, it->title ? it->title : "", "item %s title", num);
		field(&f, b->summary, it->summary, "item %s summary", num);
		for (size_t k = 0; k < it->ncomments; k++) {
			buf_reset(&t);
			if (it->comments[k].by)
				buf_addf(&t, "%s: ", it->comments[k].by);
			buf_addstr(&t, mdiff_str(it->comments[k].text));
			field(&f, b->comments[k], t.data, "item %s comment %zu", num, k + 1);
		}
		field(&f, b->decision, it->decision, "item %s decision", num);
		for (size_t k = 0; k < it->nactions; k++) {
			const struct action *ac = &it->actions[k];
			buf_reset(&t);
			buf_addstr(&t, mdiff_str(ac->text));
			if (ac->owner || ac->due[0])
				buf_addf(&t, " (%s%s%s)", mdiff_str(ac->owner),
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
