/*
 * mdiff_blame: which revision last set each field (see mdiff.h).
 *
 * A revision's blame is the list of its minutes' fields ("slots"), each
 * with the revision that last set it.  A slot is named by what it is
 * (the meeting's venue, item i's decision, item i's action k's owner,
 * attendee k in list l...) with the indices of its own minutes; to take
 * a parent's revision for it, the indices are carried to the parent's
 * minutes by mdiff's matching (items by number and title, comments and
 * actions aligned, attendees by name, presenters and documents by name
 * and title), and the slot found there keeps its revision when its value
 * is the same.
 */
#include "minutes/audit/mdiff.h"
#include "minutes/audit/mdiff_priv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What a slot is; the order is the order of the minutes. */
enum slot_kind {
	SK_MEETING,             /* sub: enum meeting_field */
	SK_ATTENDEE,            /* entry: in mdiff_attendees order; sub: its list */
	SK_DECLARATION,
	SK_ITEM,                /* item; sub: enum item_field */
	SK_PRESENTER,           /* item, entry */
	SK_COMMENT,
	SK_ACTION,              /* item, entry; sub: enum action_field */
	SK_DOCUMENT,
	SK_MOTION,              /* item, entry; sub: amendment (0 the motion) * 4 + field */
	SK_UPDATE,              /* item, entry: an action update */
};

enum meeting_field {
	MF_FORMAT, MF_COMMITTEE, MF_DATE, MF_START, MF_END, MF_VENUE, MF_STATUS,
	MF_CONFIRMED_DATE, MF_CONFIRMED_BY,
};
enum item_field {
	IF_TITLE, IF_STATUS, IF_URGENT, IF_STARTED, IF_ENDED, IF_SUMMARY,
	IF_DECISION, IF_VOTES, IF_CONFIRMED_MINUTES, IF_MINUTE, IF_REASON, IF_EXEMPT,
};
enum action_field { AF_TEXT, AF_OWNER, AF_DUE, AF_DONE, AF_ID };
enum motion_field { MOF_TEXT, MOF_VOTES, MOF_OUTCOME };

struct slot {
	unsigned kind, sub;
	size_t item, entry;     /* indices in its own minutes (0 when none) */
	char *label;            /* "item 5 action 1 owner" */
	char *text;             /* the value, one line */
	char *same;             /* what must be equal besides the text, or NULL */
	size_t rev;
};

struct keyed;

struct mdiff_blame {
	struct minutes *m;
	struct slot *v;
	size_t n, cap;
	struct keyed *order;    /* v's keys sorted, made when first asked */
};

struct mdiff_blame *mdiff_blame_new(void)
{
	return xcalloc(1, sizeof(struct mdiff_blame));
}

static void blame_clear(struct mdiff_blame *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		free(bl->v[i].label);
		free(bl->v[i].text);
		free(bl->v[i].same);
	}
	free(bl->v);
	free(bl->order);
	minutes_free(bl->m);
	memset(bl, 0, sizeof(*bl));
}

void mdiff_blame_free(struct mdiff_blame *bl)
{
	if (!bl)
		return;
	blame_clear(bl);
	free(bl);
}

/* ---- the fields of one version ---- */

/* Adds a slot when `text` has a value; line breaks become spaces. */
static void slot(struct mdiff_blame *bl, unsigned kind, unsigned sub, size_t item, size_t entry,
		 const char *text, const char *same, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
static void slot(struct mdiff_blame *bl, unsigned kind, unsigned sub, size_t item, size_t entry,
		 const char *text, const char *same, const char *fmt, ...)
{
	if (!text || !*text)
		return;
	xgrow((void **)&bl->v, &bl->cap, bl->n + 1, sizeof(*bl->v));
	struct slot *s = &bl->v[bl->n++];
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	*s = (struct slot){ kind, sub, item, entry, buf_detach(&b, NULL), xstrdup(text),
			    same ? xstrdup(same) : NULL, 0 };
	for (char *p = s->text; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

/* Cuts b back to `len` bytes. */
static void cut(struct buf *b, size_t len)
{
	b->len = len;
	b->data[len] = '\0';
}

/* "Name, role" or "Name". */
static const char *person_text(struct buf *t, const struct person *p)
{
	buf_reset(t);
	buf_addstr(t, mdiff_str(p->name));
	if (p->role && *p->role)
		buf_addf(t, ", %s", p->role);
	return t->data;
}

/* A motion's (amendment a = 0) or its amendment a's text, votes and outcome. */
static void moved_slots(struct mdiff_blame *bl, size_t i, size_t k, size_t a,
			const char *text, const char *mover, const char *seconder,
			const struct votes *v, enum outcome o, struct buf *t, const char *name)
{
	unsigned sub = (unsigned)a * 4;
	buf_reset(t);
	mdiff_moved_text(t, text, mover, seconder);
	slot(bl, SK_MOTION, sub + MOF_TEXT, i, k, t->data, NULL, "%s", name);
	buf_reset(t);
	mdiff_votes_text(t, v->n_for, v->n_against, v->n_abstained, &v->recorded);
	slot(bl, SK_MOTION, sub + MOF_VOTES, i, k, t->data, NULL, "%s votes", name);
	slot(bl, SK_MOTION, sub + MOF_OUTCOME, i, k, minutes_outcome_name(o), NULL,
	     "%s outcome", name);
}

static void procedure_slots(struct mdiff_blame *bl, size_t i, struct buf *t)
{
	const struct minutes_item *it = bl->m->items[i];
	const char *num = mdiff_str(it->number);
	struct buf name = BUF_INIT;
	for (size_t k = 0; k < it->nupdates; k++) {
		const struct action_update *u = &it->updates[k];
		buf_reset(t);
		buf_addf(t, "%s: %s", mdiff_str(u->action), minutes_update_status_name(u->status));
		if (u->note && *u->note)
			buf_addf(t, ", %s", u->note);
		slot(bl, SK_UPDATE, 0, i, k, t->data, NULL, "item %s action update %zu", num, k + 1);
	}
	for (size_t k = 0; k < it->nmotions; k++) {
		const struct motion *mo = &it->motions[k];
		buf_reset(&name);
		buf_addf(&name, "item %s motion %zu", num, k + 1);
		moved_slots(bl, i, k, 0, mo->text, mo->mover, mo->seconder, &mo->votes,
			    mo->outcome, t, name.data);
		for (size_t a = 0; a < mo->namendments; a++) {
			const struct amendment *am = &mo->amendments[a];
			buf_reset(&name);
			buf_addf(&name, "item %s motion %zu amendment %zu", num, k + 1, a + 1);
			moved_slots(bl, i, k, a + 1, am->text, am->mover, am->seconder,
				    &am->votes, am->outcome, t, name.data);
		}
	}
	buf_free(&name);
}

static void item_slots(struct mdiff_blame *bl, size_t i, struct buf *t)
{
	const struct minutes_item *it = bl->m->items[i];
	const char *num = mdiff_str(it->number);
	slot(bl, SK_ITEM, IF_TITLE, i, 0, it->title ? it->title : "", num, "item %s title", num);
	if (it->minute) {
		buf_reset(t);
		buf_addf(t, "%u", it->minute);
		slot(bl, SK_ITEM, IF_MINUTE, i, 0, t->data, NULL, "item %s minute", num);
	}
	if (it->status != ITEM_TAKEN) {
		slot(bl, SK_ITEM, IF_STATUS, i, 0, minutes_item_status_name(it->status), NULL,
		     "item %s status", num);
		slot(bl, SK_ITEM, IF_REASON, i, 0, it->reason, NULL, "item %s reason", num);
	}
	if (it->urgent)
		slot(bl, SK_ITEM, IF_URGENT, i, 0, "yes", NULL, "item %s urgent", num);
	slot(bl, SK_ITEM, IF_EXEMPT, i, 0, it->exempt, NULL, "item %s exempt", num);
	slot(bl, SK_ITEM, IF_STARTED, i, 0, it->started, NULL, "item %s started", num);
	slot(bl, SK_ITEM, IF_ENDED, i, 0, it->ended, NULL, "item %s ended", num);
	for (size_t k = 0; k < it->presenters.n; k++)
		slot(bl, SK_PRESENTER, 0, i, k, person_text(t, &it->presenters.v[k]), NULL,
		     "item %s presenter %zu", num, k + 1);
	slot(bl, SK_ITEM, IF_SUMMARY, i, 0, it->summary, NULL, "item %s summary", num);
	for (size_t k = 0; k < it->ncomments; k++) {
		buf_reset(t);
		if (it->comments[k].by)
			buf_addf(t, "%s: ", it->comments[k].by);
		buf_addstr(t, mdiff_str(it->comments[k].text));
		slot(bl, SK_COMMENT, 0, i, k, t->data, NULL, "item %s comment %zu", num, k + 1);
	}
	if (it->confirmed_meeting) {
		buf_reset(t);
		buf_addf(t, "%s, minutes %.7s", it->confirmed_meeting, it->confirmed_blob);
		slot(bl, SK_ITEM, IF_CONFIRMED_MINUTES, i, 0, t->data, NULL,
		     "item %s confirmed minutes", num);
	}
	procedure_slots(bl, i, t);
	slot(bl, SK_ITEM, IF_DECISION, i, 0, it->decision, NULL, "item %s decision", num);
	buf_reset(t);
	mdiff_votes_text(t, it->votes_for, it->votes_against, it->votes_abstained, &it->recorded);
	slot(bl, SK_ITEM, IF_VOTES, i, 0, t->data, NULL, "item %s votes", num);
	for (size_t k = 0; k < it->nactions; k++) {
		const struct action *ac = &it->actions[k];
		slot(bl, SK_ACTION, AF_ID, i, k, ac->id, NULL, "item %s action %zu id", num, k + 1);
		slot(bl, SK_ACTION, AF_TEXT, i, k, ac->text, NULL, "item %s action %zu", num, k + 1);
		slot(bl, SK_ACTION, AF_OWNER, i, k, ac->owner, NULL, "item %s action %zu owner", num, k + 1);
		slot(bl, SK_ACTION, AF_DUE, i, k, ac->due, NULL, "item %s action %zu due", num, k + 1);
		slot(bl, SK_ACTION, AF_DONE, i, k, ac->done, NULL, "item %s action %zu done", num, k + 1);
	}
	for (size_t k = 0; k < it->documents.n; k++) {
		const struct document *d = &it->documents.v[k];
		buf_reset(t);
		buf_addstr(t, mdiff_str(d->title));
		if (d->ref && *d->ref)
			buf_addf(t, " (%s)", d->ref);
		slot(bl, SK_DOCUMENT, 0, i, k, t->data, NULL, "item %s document %zu", num, k + 1);
	}
}

/* Every field of bl->m, in the order of the minutes. */
static void make_slots(struct mdiff_blame *bl)
{
	const struct minutes *m = bl->m;
	struct buf t = BUF_INIT;
	buf_addf(&t, "gavel-minutes/%d", m->version);
	slot(bl, SK_MEETING, MF_FORMAT, 0, 0, t.data, NULL, "format");
	slot(bl, SK_MEETING, MF_COMMITTEE, 0, 0, m->committee, NULL, "committee");
	slot(bl, SK_MEETING, MF_DATE, 0, 0, m->date, NULL, "date");
	slot(bl, SK_MEETING, MF_START, 0, 0, m->start, NULL, "start");
	slot(bl, SK_MEETING, MF_END, 0, 0, m->end, NULL, "end");
	slot(bl, SK_MEETING, MF_VENUE, 0, 0, m->venue, NULL, "venue");
	slot(bl, SK_MEETING, MF_STATUS, 0, 0, minutes_status_name(m->status), NULL, "status");
	slot(bl, SK_MEETING, MF_CONFIRMED_DATE, 0, 0, m->confirmed_date, NULL, "confirmed date");
	slot(bl, SK_MEETING, MF_CONFIRMED_BY, 0, 0, m->confirmed_by, NULL, "confirmed by");
	size_t na;
	struct mdiff_attendee *va = mdiff_attendees(m, &na, false);
	for (size_t j = 0; j < na; j++) {
		person_text(&t, va[j].p);
		size_t before = t.len;
		buf_addstr(&t, " (");
		mdiff_attendance_text(&t, va[j].p);
		if (t.len == before + 2)
			cut(&t, before);
		else
			buf_addch(&t, ')');
		slot(bl, SK_ATTENDEE, (unsigned)va[j].list, 0, j, t.data, NULL,
		     "%s", mdiff_list_names[va[j].list]);
	}
	free(va);
	for (size_t j = 0; j < m->ndeclarations; j++) {
		const struct declaration *d = &m->declarations[j];
		buf_reset(&t);
		buf_addf(&t, "%s, item %s: %s", mdiff_str(d->member), mdiff_str(d->item),
			 mdiff_str(d->interest));
		size_t before = t.len;
		buf_addstr(&t, " (");
		mdiff_declaration_text(&t, d);
		if (t.len == before + 2)
			cut(&t, before);
		else
			buf_addch(&t, ')');
		slot(bl, SK_DECLARATION, 0, 0, j, t.data, NULL, "declaration %zu", j + 1);
	}
	for (size_t i = 0; i < m->nitems; i++)
		item_slots(bl, i, &t);
	buf_free(&t);
}

/* ---- carrying a slot to a parent ---- */

static int key_cmp(const struct slot *x, const struct slot *y)
{
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	if (x->sub != y->sub)
		return x->sub < y->sub ? -1 : 1;
	return 0;
}

struct keyed {
	struct slot key;        /* only its kind, sub, item and entry */
	size_t at;              /* its index in v */
};

static int keyed_cmp(const void *a, const void *b)
{
	return key_cmp(&((const struct keyed *)a)->key, &((const struct keyed *)b)->key);
}

/* The parent's slot with the key of `want`, or NULL. */
static const struct slot *find_slot(struct mdiff_blame *p, const struct slot *want)
{
	if (!p->order) {
		p->order = xmalloc((p->n + 1) * sizeof(*p->order));
		for (size_t i = 0; i < p->n; i++)
			p->order[i] = (struct keyed){ p->v[i], i };
		qsort(p->order, p->n, sizeof(*p->order), keyed_cmp);
	}
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = key_cmp(&p->order[mid].key, want);
		if (c == 0)
			return &p->v[p->order[mid].at];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The matching of one version (b) to a parent's (a). */
struct carry {
	const struct minutes *a, *b;
	size_t *items, *decls;          /* b's index -> a's, or MDIFF_NONE */
	struct mdiff_attendee *sa;      /* a's attendees by name */
	size_t na;
	struct mdiff_attendee *vb;      /* b's in order */
	size_t item;                    /* the item the lists below are for */
	size_t *comments, *actions, *presenters, *documents;
};

static void carry_item(struct carry *c, size_t j)
{
	free(c->comments);
	free(c->actions);
	free(c->presenters);
	free(c->documents);
	c->comments = c->actions = c->presenters = c->documents = NULL;
	c->item = j;
	if (c->items[j] == MDIFF_NONE)
		return;
	const struct minutes_item *x = c->a->items[c->items[j]], *y = c->b->items[j];
	c->comments = xmalloc((y->ncomments + 1) * sizeof(size_t));
	c->actions = xmalloc((y->nactions + 1) * sizeof(size_t));
	c->presenters = xmalloc((y->presenters.n + 1) * sizeof(size_t));
	c->documents = xmalloc((y->documents.n + 1) * sizeof(size_t));
	mdiff_match_comments(x, y, c->comments);
	mdiff_match_actions(x, y, c->actions);
	const struct people *pp[2] = { &x->presenters, &y->presenters };
	mdiff_lcs(x->presenters.n, y->presenters.n, mdiff_person_eq, pp, c->presenters);
	const struct documents *dd[2] = { &x->documents, &y->documents };
	mdiff_lcs(x->documents.n, y->documents.n, mdiff_document_eq, dd, c->documents);
}

/* `s` (of b) with its indices in a; false when it has no place there. */
static bool carry_slot(struct carry *c, const struct slot *s, struct slot *out)
{
	*out = *s;
	switch (s->kind) {
	case SK_MEETING:
		return true;
	case SK_ATTENDEE: {
		const struct mdiff_attendee *x = mdiff_find_attendee(c->sa, c->na, c->vb[s->entry].name);
		if (!x)
			return false;
		out->entry = x->idx;
		return true;
	}
	case SK_DECLARATION:
		out->entry = c->decls[s->entry];
		return out->entry != MDIFF_NONE;
	default:
		break;
	}
	out->item = c->items[s->item];
	if (out->item == MDIFF_NONE)
		return false;
	if (s->kind == SK_ITEM || s->kind == SK_MOTION || s->kind == SK_UPDATE)
		return true;    /* format 2's lists: carried by position */
	if (c->item != s->item)
		carry_item(c, s->item);
	const size_t *map = s->kind == SK_PRESENTER ? c->presenters : s->kind == SK_COMMENT ? c->comments
			  : s->kind == SK_ACTION ? c->actions : c->documents;
	out->entry = map[s->entry];
	return out->entry != MDIFF_NONE;
}

/* Gives each slot of `bl` the revision of its equal in `parent`, where
 * it has none yet (`taken`). */
static void from_parent(struct mdiff_blame *bl, struct mdiff_blame *parent, bool *taken)
{
	struct carry c;
	memset(&c, 0, sizeof(c));
	c.a = parent->m;
	c.b = bl->m;
	c.items = xmalloc((c.b->nitems + 1) * sizeof(size_t));
	c.decls = xmalloc((c.b->ndeclarations + 1) * sizeof(size_t));
	mdiff_match_items(c.a, c.b, c.items);
	mdiff_match_declarations(c.a, c.b, c.decls);
	size_t nb;
	c.sa = mdiff_attendees(c.a, &c.na, true);
	c.vb = mdiff_attendees(c.b, &nb, false);
	c.item = MDIFF_NONE;
	for (size_t i = 0; i < bl->n; i++) {
		struct slot want;
		if (taken[i] || !carry_slot(&c, &bl->v[i], &want))
			continue;
		const struct slot *x = find_slot(parent, &want);
		if (x && !strcmp(x->text, bl->v[i].text) && mdiff_same_text(x->same, bl->v[i].same)) {
			bl->v[i].rev = x->rev;
			taken[i] = true;
		}
	}
	free(c.items);
	free(c.decls);
	free(c.sa);
	free(c.vb);
	free(c.comments);
	free(c.actions);
	free(c.presenters);
	free(c.documents);
}

struct mdiff_blame *mdiff_blame_of(struct minutes *m, size_t rev,
				   struct mdiff_blame *const *parents, size_t nparents)
{
	struct mdiff_blame *bl = mdiff_blame_new();
	bl->m = m;
	make_slots(bl);
	bool *taken = xcalloc(bl->n + 1, sizeof(bool));
	for (size_t p = 0; p < nparents; p++)
		if (parents[p] && parents[p]->m)
			from_parent(bl, parents[p], taken);
	for (size_t i = 0; i < bl->n; i++)
		if (!taken[i])
			bl->v[i].rev = rev;
	free(taken);
	return bl;
}

void mdiff_blame_add(struct mdiff_blame *bl, struct minutes *m, size_t rev)
{
	struct mdiff_blame *next = mdiff_blame_of(m, rev, &bl, 1);
	blame_clear(bl);
	*bl = *next;
	free(next);
}

void mdiff_blame_fields(const struct mdiff_blame *bl, struct mdiff_blame_field **out,
			size_t *n)
{
	*out = xmalloc((bl->n + 1) * sizeof(**out));
	*n = bl->n;
	for (size_t i = 0; i < bl->n; i++)
		(*out)[i] = (struct mdiff_blame_field){ xstrdup(bl->v[i].label),
							 xstrdup(bl->v[i].text), bl->v[i].rev };
}

void mdiff_blame_fields_free(struct mdiff_blame_field *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].text);
	}
	free(v);
}
