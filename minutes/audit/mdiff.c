/* mdiff: the changes between two versions of minutes, field by field. */
#include "minutes/audit/mdiff.h"
#include "minutes/audit/mdiff_priv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		ch->number = xstrdup(mdiff_str(c->item->number));
		ch->title = xstrdup(mdiff_str(c->item->title));
	}
	ch->field = xstrdup(field);
	ch->index = index;
	ch->old_text = dup_or_null(old);
	ch->new_text = dup_or_null(new);
	struct buf b = BUF_INIT;
	if (c->item)
		buf_addf(&b, "item %s %s: ", mdiff_str(c->item->number), mdiff_str(c->item->title));
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	ch->label = buf_detach(&b, NULL);
}

/* A short value that reads well inline: "start: 11:00 -> 11:02". */
static void short_field(struct ctx *c, const char *name, const char *old, const char *new)
{
	if (mdiff_same_text(old, new))
		return;
	add(c, MDIFF_CHANGED, name, 0, NULL, NULL, "%s: %s -> %s", name,
	    *mdiff_str(old) ? old : "(none)", *mdiff_str(new) ? new : "(none)");
}

/* Text, shown below the line: "decision changed", "summary added". */
static void text_field(struct ctx *c, const char *name, size_t index,
		       const char *prefix, const char *old, const char *new)
{
	if (mdiff_same_text(old, new))
		return;
	enum mdiff_kind k = !*mdiff_str(old) ? MDIFF_ADDED : !*mdiff_str(new) ? MDIFF_REMOVED : MDIFF_CHANGED;
	add(c, k, name, index, old, new, "%s%s %s", prefix, name,
	    k == MDIFF_ADDED ? "added" : k == MDIFF_REMOVED ? "removed" : "changed");
}

/* ---- comparing ---- */

/* Format 2's arrivals, departures and substitutes of one attendee. */
static void compare_attendee_times(struct ctx *c, const char *name, const struct person *x,
				   const struct person *y)
{
	static const char *const what[] = {
		"substitute for", "arrived", "arrived during item", "left", "left during item",
	};
	const char *old[] = { x->substitute_for, x->arrived, x->arrived_during, x->left,
			      x->left_during };
	const char *new[] = { y->substitute_for, y->arrived, y->arrived_during, y->left,
			      y->left_during };
	struct buf f = BUF_INIT;
	for (size_t k = 0; k < sizeof(what) / sizeof(*what); k++) {
		buf_reset(&f);
		buf_addf(&f, "%s %s", name, what[k]);
		short_field(c, f.data, old[k], new[k]);
	}
	buf_free(&f);
}

static void compare_attendance(struct ctx *c, const struct minutes *a, const struct minutes *b)
{
	size_t na, nb;
	struct mdiff_attendee *va = mdiff_attendees(a, &na, false), *sa = mdiff_attendees(a, &na, true);
	struct mdiff_attendee *vb = mdiff_attendees(b, &nb, false), *sb = mdiff_attendees(b, &nb, true);
	c->area = MDIFF_ATTENDANCE;
	for (size_t i = 0; i < na; i++) {
		const struct mdiff_attendee *x = &va[i], *y = mdiff_find_attendee(sb, nb, x->name);
		if (!y)
			add(c, MDIFF_REMOVED, x->name, 0, x->p->role, NULL, "%s: removed from %s",
			    x->name, mdiff_list_names[x->list]);
	}
	for (size_t j = 0; j < nb; j++) {
		const struct mdiff_attendee *y = &vb[j], *x = mdiff_find_attendee(sa, na, y->name);
		if (!x) {
			add(c, MDIFF_ADDED, y->name, 0, NULL, y->p->role, "%s: added to %s",
			    y->name, mdiff_list_names[y->list]);
			continue;
		}
		if (x->list != y->list)
			add(c, MDIFF_MOVED, y->name, 0, NULL, NULL, "%s: %s -> %s", y->name,
			    mdiff_list_names[x->list], mdiff_list_names[y->list]);
		if (!mdiff_same_text(x->p->role, y->p->role)) {
			struct buf pre = BUF_INIT;
			buf_addf(&pre, "%s: ", y->name);
			text_field(c, "role", 0, pre.data, x->p->role, y->p->role);
			buf_free(&pre);
		}
		compare_attendee_times(c, y->name, x->p, y->p);
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
			    "declaration removed: %s, item %s", mdiff_str(x->member), mdiff_str(x->item));
	}
	for (size_t j = 0; j < b->ndeclarations; j++) {
		const struct declaration *y = &b->declarations[j];
		if (b_to_a[j] == MDIFF_NONE) {
			add(c, MDIFF_ADDED, "declaration", j + 1, NULL, y->interest,
			    "declaration added: %s, item %s", mdiff_str(y->member), mdiff_str(y->item));
			continue;
		}
		const struct declaration *x = &a->declarations[b_to_a[j]];
		struct buf pre = BUF_INIT;
		buf_addf(&pre, "declaration by %s", mdiff_str(y->member));
		if (!mdiff_same_text(x->item, y->item))
			add(c, MDIFF_CHANGED, "declaration item", b_to_a[j] + 1, NULL, NULL,
			    "%s: item %s -> %s", pre.data, mdiff_str(x->item), mdiff_str(y->item));
		buf_addf(&pre, ", item %s: ", mdiff_str(y->item));
		text_field(c, "interest", b_to_a[j] + 1, pre.data, x->interest, y->interest);
		if (x->kind != y->kind || x->left_room != y->left_room) {
			struct buf o = BUF_INIT, n = BUF_INIT;
			mdiff_declaration_text(&o, x);
			mdiff_declaration_text(&n, y);
			add(c, MDIFF_CHANGED, "declaration kind", b_to_a[j] + 1, NULL, NULL,
			    "%skind: %s -> %s", pre.data, o.len ? o.data : "(none)",
			    n.len ? n.data : "(none)");
			buf_free(&o);
			buf_free(&n);
		}
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
	if (!mdiff_same_text(p->text, q->text))
		add(c, MDIFF_CHANGED, "comment", i + 1, p->text, q->text, "%s changed", name.data);
	if (!mdiff_same_text(p->by, q->by)) {
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
	if (!mdiff_same_text(p->text, q->text))
		add(c, MDIFF_CHANGED, "action", i + 1, p->text, q->text, "%s changed", name.data);
	buf_addstr(&name, " ");
	text_field(c, "owner", i + 1, name.data, p->owner, q->owner);
	struct buf f = BUF_INIT;
	buf_addf(&f, "%sid", name.data);
	short_field(c, f.data, p->id, q->id);
	buf_reset(&f);
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
	mdiff_lcs(a->n, b->n, mdiff_person_eq, p, b_to_a);
	for (size_t j = 0; j < b->n; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < a->n; i++)
		if (!taken[i])
			add(c, MDIFF_REMOVED, what, i + 1, a->v[i].role, NULL, "%s removed: %s",
			    what, mdiff_str(a->v[i].name));
	for (size_t j = 0; j < b->n; j++) {
		if (b_to_a[j] == MDIFF_NONE) {
			add(c, MDIFF_ADDED, what, j + 1, NULL, b->v[j].role, "%s added: %s",
			    what, mdiff_str(b->v[j].name));
			continue;
		}
		struct buf pre = BUF_INIT;
		buf_addf(&pre, "%s %s: ", what, mdiff_str(b->v[j].name));
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
	mdiff_lcs(a->n, b->n, mdiff_document_eq, p, b_to_a);
	for (size_t j = 0; j < b->n; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < a->n; i++)
		if (!taken[i])
			add(c, MDIFF_REMOVED, "document", i + 1, a->v[i].ref, NULL,
			    "document removed: %s", mdiff_str(a->v[i].title));
	for (size_t j = 0; j < b->n; j++) {
		if (b_to_a[j] == MDIFF_NONE) {
			add(c, MDIFF_ADDED, "document", j + 1, NULL, b->v[j].ref,
			    "document added: %s", mdiff_str(b->v[j].title));
			continue;
		}
		struct buf pre = BUF_INIT;
		buf_addf(&pre, "document %s: ", mdiff_str(b->v[j].title));
		text_field(c, "reference", b_to_a[j] + 1, pre.data, a->v[b_to_a[j]].ref, b->v[j].ref);
		buf_free(&pre);
	}
	free(b_to_a);
	free(taken);
}

static void votes_text(struct buf *b, unsigned n_for, unsigned n_against,
		       unsigned n_abstained, const struct recorded_vote *rec)
{
	mdiff_votes_text(b, n_for, n_against, n_abstained, rec);
	if (!b->len)
		buf_addstr(b, "(none)");
}

/* "votes: for 9, ... -> ...", prefixed, when they differ. */
static void compare_votes(struct ctx *c, const char *prefix, const struct votes *x,
			  const struct votes *y)
{
	struct buf o = BUF_INIT, n = BUF_INIT;
	votes_text(&o, x->n_for, x->n_against, x->n_abstained, &x->recorded);
	votes_text(&n, y->n_for, y->n_against, y->n_abstained, &y->recorded);
	if (strcmp(o.data, n.data))
		add(c, MDIFF_CHANGED, "votes", 0, NULL, NULL, "%svotes: %s -> %s", prefix,
		    o.data, n.data);
	buf_free(&o);
	buf_free(&n);
}

static bool motion_eq(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	const struct motion *x = &p[0]->motions[i], *y = &p[1]->motions[j];
	return mdiff_same_text(x->text, y->text) && mdiff_same_text(x->mover, y->mover) &&
	       mdiff_same_text(x->seconder, y->seconder);
}

static bool motion_pair(const void *ctx, size_t i, size_t j)
{
	const struct minutes_item *const *p = ctx;
	return mdiff_alike(p[0]->motions[i].text, p[1]->motions[j].text) >= 0.5;
}

/* Text, mover, seconder, votes and outcome of a motion or an amendment;
 * `name` is "motion 1" or "motion 1 amendment 2". */
static void compare_moved(struct ctx *c, const char *name, size_t index,
			  const char *xt, const char *xm, const char *xs,
			  const struct votes *xv, enum outcome xo,
			  const char *yt, const char *ym, const char *ys,
			  const struct votes *yv, enum outcome yo)
{
	struct buf pre = BUF_INIT;
	buf_addf(&pre, "%s ", name);
	if (!mdiff_same_text(xt, yt))
		add(c, MDIFF_CHANGED, "motion", index, xt, yt, "%s changed", name);
	text_field(c, "mover", index, pre.data, xm, ym);
	text_field(c, "seconder", index, pre.data, xs, ys);
	compare_votes(c, pre.data, xv, yv);
	struct buf f = BUF_INIT;
	buf_addf(&f, "%soutcome", pre.data);
	short_field(c, f.data, minutes_outcome_name(xo), minutes_outcome_name(yo));
	buf_free(&f);
	buf_free(&pre);
}

static void moved_line(struct buf *b, const char *text, const char *mover, const char *seconder)
{
	buf_reset(b);
	mdiff_moved_text(b, text, mover, seconder);
}

static void compare_amendments(struct ctx *c, const char *motion, const struct motion *x,
			       const struct motion *y)
{
	struct buf name = BUF_INIT, t = BUF_INIT;
	size_t n = x->namendments > y->namendments ? x->namendments : y->namendments;
	for (size_t k = 0; k < n; k++) {
		buf_reset(&name);
		buf_addf(&name, "%s amendment %zu", motion, k + 1);
		if (k >= y->namendments) {
			const struct amendment *a = &x->amendments[k];
			moved_line(&t, a->text, a->mover, a->seconder);
			add(c, MDIFF_REMOVED, "amendment", k + 1, t.data, NULL, "%s removed", name.data);
		} else if (k >= x->namendments) {
			const struct amendment *a = &y->amendments[k];
			moved_line(&t, a->text, a->mover, a->seconder);
			add(c, MDIFF_ADDED, "amendment", k + 1, NULL, t.data, "%s added", name.data);
		} else {
			const struct amendment *p = &x->amendments[k], *q = &y->amendments[k];
			compare_moved(c, name.data, k + 1, p->text, p->mover, p->seconder, &p->votes,
				      p->outcome, q->text, q->mover, q->seconder, &q->votes, q->outcome);
		}
	}
	buf_free(&name);
	buf_free(&t);
}

static void compare_motions(struct ctx *c, const struct minutes_item *x,
			    const struct minutes_item *y)
{
	const struct minutes_item *p[2] = { x, y };
	size_t *b_to_a = xmalloc((y->nmotions + 1) * sizeof(*b_to_a));
	bool *taken = xcalloc(x->nmotions + 1, sizeof(*taken));
	mdiff_align(x->nmotions, y->nmotions, motion_eq, motion_pair, p, b_to_a);
	struct buf t = BUF_INIT, name = BUF_INIT;
	for (size_t j = 0; j < y->nmotions; j++)
		if (b_to_a[j] != MDIFF_NONE)
			taken[b_to_a[j]] = true;
	for (size_t i = 0; i < x->nmotions; i++)
		if (!taken[i]) {
			const struct motion *mo = &x->motions[i];
			moved_line(&t, mo->text, mo->mover, mo->seconder);
			add(c, MDIFF_REMOVED, "motion", i + 1, t.data, NULL, "motion %zu removed", i + 1);
		}
	for (size_t j = 0; j < y->nmotions; j++) {
		const struct motion *q = &y->motions[j];
		if (b_to_a[j] == MDIFF_NONE) {
			moved_line(&t, q->text, q->mover, q->seconder);
			add(c, MDIFF_ADDED, "motion", j + 1, NULL, t.data, "motion %zu added", j + 1);
			continue;
		}
		size_t i = b_to_a[j];
		const struct motion *mo = &x->motions[i];
		buf_reset(&name);
		entry_name(&name, "motion", i, j);
		compare_moved(c, name.data, i + 1, mo->text, mo->mover, mo->seconder, &mo->votes,
			      mo->outcome, q->text, q->mover, q->seconder, &q->votes, q->outcome);
		compare_amendments(c, name.data, mo, q);
	}
	buf_free(&t);
	buf_free(&name);
	free(b_to_a);
	free(taken);
}

/* Action updates, matched by the action they update. */
static void compare_updates(struct ctx *c, const struct minutes_item *x,
			    const struct minutes_item *y)
{
	struct buf o = BUF_INIT, n = BUF_INIT;
	for (size_t j = 0; j < y->nupdates; j++) {
		const struct action_update *q = &y->updates[j], *p = NULL;
		for (size_t i = 0; i < x->nupdates && !p; i++)
			if (mdiff_same_text(x->updates[i].action, q->action))
				p = &x->updates[i];
		buf_reset(&n);
		buf_addstr(&n, minutes_update_status_name(q->status));
		if (!p) {
			add(c, MDIFF_ADDED, "action update", j + 1, NULL, q->note,
			    "action %s: %s", mdiff_str(q->action), n.data);
			continue;
		}
		buf_reset(&o);
		buf_addstr(&o, minutes_update_status_name(p->status));
		if (strcmp(o.data, n.data))
			add(c, MDIFF_CHANGED, "action update", j + 1, NULL, NULL,
			    "action %s: %s -> %s", mdiff_str(q->action), o.data, n.data);
		buf_reset(&o);
		buf_addf(&o, "action %s ", mdiff_str(q->action));
		text_field(c, "note", j + 1, o.data, p->note, q->note);
	}
	for (size_t i = 0; i < x->nupdates; i++) {
		bool kept = false;
		for (size_t j = 0; j < y->nupdates && !kept; j++)
			kept = mdiff_same_text(x->updates[i].action, y->updates[j].action);
		if (!kept)
			add(c, MDIFF_REMOVED, "action update", i + 1, x->updates[i].note, NULL,
			    "action %s: update removed", mdiff_str(x->updates[i].action));
	}
	buf_free(&o);
	buf_free(&n);
}

static void compare_item(struct ctx *c, const struct minutes_item *x, const struct minutes_item *y)
{
	c->item = y;
	if (!mdiff_same_text(x->number, y->number))
		add(c, MDIFF_CHANGED, "number", 0, NULL, NULL, "number %s -> %s",
		    mdiff_str(x->number), mdiff_str(y->number));
	text_field(c, "title", 0, "", x->title, y->title);
	if (x->minute != y->minute) {
		char o[16] = "", n[16] = "";
		if (x->minute)
			snprintf(o, sizeof(o), "%u", x->minute);
		if (y->minute)
			snprintf(n, sizeof(n), "%u", y->minute);
		short_field(c, "minute", o, n);
	}
	if (x->status != y->status)
		short_field(c, "status", minutes_item_status_name(x->status), minutes_item_status_name(y->status));
	text_field(c, "reason", 0, "", x->reason, y->reason);
	if (x->urgent != y->urgent)
		short_field(c, "urgent", x->urgent ? "yes" : "no", y->urgent ? "yes" : "no");
	text_field(c, "exempt", 0, "", x->exempt, y->exempt);
	short_field(c, "started", x->started, y->started);
	short_field(c, "ended", x->ended, y->ended);
	compare_people(c, "presenter", &x->presenters, &y->presenters);
	text_field(c, "summary", 0, "", x->summary, y->summary);

	size_t *b_to_a = xmalloc((y->ncomments + y->nactions + 1) * sizeof(*b_to_a));
	mdiff_match_comments(x, y, b_to_a);
	struct list_ops co = { "comment", x->ncomments, y->ncomments, b_to_a,
			       comment_text, comment_changed };
	compare_list(c, &co, x, y);

	compare_updates(c, x, y);
	compare_motions(c, x, y);
	text_field(c, "decision", 0, "", x->decision, y->decision);
	struct votes xv = { x->votes_for, x->votes_against, x->votes_abstained, x->recorded };
	struct votes yv = { y->votes_for, y->votes_against, y->votes_abstained, y->recorded };
	compare_votes(c, "", &xv, &yv);

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
	mdiff_in_order(b_to_a, b->nitems, kept);
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
