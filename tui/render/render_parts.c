/*
 * render_parts: the set phrases of published council minutes, as plain
 * text every form (text, Markdown, HTML) lays out and escapes in its own
 * way: a member's short name ("Cllr Jabbar"), arrivals and departures,
 * declarations, motions and amendments put to the vote, actions and their
 * progress, exempt business.
 */
#include "tui/render/render.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool has(const char *s)
{
	return s && *s;
}

/* Titles a name may start with; the short name keeps the title. */
static const char *const titles[] = {
	"Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof",
	"Professor", "Sir", "Dame", "Lord", "Lady", "Rev", "Revd", "Alderman",
};

/* Words that belong to the surname after them ("Ní Bhriain", "van Dyk"). */
static const char *const particles[] = {
	"de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von",
	"St", "Ní", "Nic", "Ó", "Ua", "Mac", "bin", "al",
};

static bool word_in(const char *w, size_t n, const char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++)
		if (strlen(v[i]) == n && !strncmp(w, v[i], n))
			return true;
	return false;
}

void render_short_name(struct buf *b, const char *name)
{
	if (!has(name)) {
		buf_addstr(b, "(no name)");
		return;
	}
	size_t tl = strcspn(name, " ");
	bool titled = name[tl] == ' ' &&
		      word_in(name, tl, titles, sizeof(titles) / sizeof(*titles));
	if (!titled) {
		buf_addstr(b, name);
		return;
	}
	/* The surname: the last word, with the particles before it. */
	const char *rest = name + tl + 1;
	const char *sur = strrchr(rest, ' ');
	sur = sur ? sur + 1 : rest;
	while (sur > rest + 1) {
		const char *w = sur - 1;         /* the space before */
		const char *s = w;
		while (s > rest && s[-1] != ' ')
			s--;
		if (!word_in(s, (size_t)(w - s), particles,
			     sizeof(particles) / sizeof(*particles)))
			break;
		sur = s;
	}
	buf_add(b, name, tl);
	buf_addch(b, ' ');
	buf_addstr(b, sur);
}

void render_person(struct buf *b, const struct person *p)
{
	buf_addstr(b, has(p->name) ? p->name : "(no name)");
	if (has(p->role) && has(p->substitute_for))
		buf_addf(b, " (%s; substituting for %s)", p->role, p->substitute_for);
	else if (has(p->role))
		buf_addf(b, " (%s)", p->role);
	else if (has(p->substitute_for))
		buf_addf(b, " (substituting for %s)", p->substitute_for);
}

/* " at 11:25, during item 3" or the half that is known. */
static void when(struct buf *b, const char *time, const char *during)
{
	if (time[0])
		buf_addf(b, " at %s", time);
	if (has(during))
		buf_addf(b, "%sduring item %s", time[0] ? ", " : " ", during);
}

struct movement {
	const struct person *p;
	bool left;
	const char *time;       /* "HH:MM" or "" */
	size_t order;           /* the list's order, for equal times */
};

static int by_time(const void *x, const void *y)
{
	const struct movement *a = x, *b = y;
	/* Those without a time after those with one. */
	if (!a->time[0] != !b->time[0])
		return a->time[0] ? -1 : 1;
	int c = strcmp(a->time, b->time);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

bool render_movements(struct buf *b, const struct people *present,
		      const struct people *others)
{
	const struct people *lists[] = { present, others };
	struct movement *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; lists[k] && i < lists[k]->n; i++) {
			const struct person *p = &lists[k]->v[i];
			for (int left = 0; left < 2; left++) {
				const char *t = left ? p->left : p->arrived;
				const char *d = left ? p->left_during : p->arrived_during;
				if (!t[0] && !has(d))
					continue;
				xgrow((void **)&v, &cap, n + 1, sizeof(*v));
				v[n] = (struct movement){ p, left, t, n };
				n++;
			}
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), by_time);
	for (size_t i = 0; i < n; i++) {
		if (b->len)
			buf_addch(b, '\n');
		render_short_name(b, v[i].p->name);
		buf_addstr(b, v[i].left ? " left" : " arrived");
		when(b, v[i].time, v[i].left ? v[i].p->left_during : v[i].p->arrived_during);
		buf_addch(b, '.');
	}
	free(v);
	return n > 0;
}

/* The item of these minutes numbered `number`, or NULL. */
static const struct minutes_item *item_numbered(const struct minutes *m, const char *number)
{
	for (size_t i = 0; number && i < m->nitems; i++)
		if (has(m->items[i]->number) && !strcmp(m->items[i]->number, number))
			return m->items[i];
	return NULL;
}

/* Adds a full stop unless the text ends with one (or ? or !). */
static void full_stop(struct buf *b)
{
	if (b->len && !strchr(".?!", b->data[b->len - 1]))
		buf_addch(b, '.');
}

static const char *kind_words(enum declaration_kind k)
{
	switch (k) {
	case DECL_PECUNIARY: return "a disclosable pecuniary interest";
	case DECL_OTHER_REGISTRABLE: return "an other registrable interest";
	case DECL_NON_REGISTRABLE: return "a non-registrable interest";
	default: return NULL;
	}
}

void render_declaration(struct buf *b, const struct minutes *m, const struct declaration *d)
{
	buf_addstr(b, has(d->member) ? d->member : "(no name)");
	if (has(d->item)) {
		const struct minutes_item *it = item_numbered(m, d->item);
		buf_addf(b, ", item %s", d->item);
		if (it && has(it->title))
			buf_addf(b, " (%s)", it->title);
	}
	if (has(d->interest))
		buf_addf(b, ": %s", d->interest);
	full_stop(b);
	const char *k = kind_words(d->kind);
	if (k) {
		buf_addf(b, " %c%s.", k[0] - 'a' + 'A', k + 1);
	}
	if (d->left_room) {
		buf_addch(b, ' ');
		render_short_name(b, d->member);
		buf_addstr(b, " left the room for the item.");
	}
}

/* Do the minutes give minute numbers (then an item without one, deferred
 * or withdrawn, is known by its agenda number alone)? */
static bool numbered(const struct minutes *m)
{
	for (size_t i = 0; m && i < m->nitems; i++)
		if (m->items[i]->minute)
			return true;
	return false;
}

void render_item_heading(struct buf *b, const struct minutes *m, const struct minutes_item *it)
{
	if (it->minute)
		buf_addf(b, "%u. ", it->minute);
	else if (has(it->number) && !numbered(m))
		buf_addf(b, "%s. ", it->number);
	buf_addstr(b, has(it->title) ? it->title : "(untitled)");
	if (it->urgent)
		buf_addstr(b, " (urgent business)");
}

bool render_item_times(struct buf *b, const struct minutes *m, const struct minutes_item *it)
{
	bool agenda = has(it->number) && numbered(m);
	if (!agenda && !it->started[0] && !it->ended[0])
		return false;
	buf_addstr(b, "(");
	if (agenda)
		buf_addf(b, "agenda item %s%s", it->number,
			 it->started[0] || it->ended[0] ? "; " : "");
	if (it->started[0])
		buf_addf(b, "started %s", it->started);
	if (it->started[0] && it->ended[0])
		buf_addstr(b, ", ");
	if (it->ended[0])
		buf_addf(b, "ended %s", it->ended);
	buf_addstr(b, ")");
	return true;
}

bool render_item_fate(struct buf *b, const struct minutes *m, const struct minutes_item *it)
{
	/* An item never taken says so, or a reader cannot tell it from one
	 * whose minutes are missing; minutes not yet begun say nothing. */
	if (minutes_item_untaken(it)) {
		if (!minutes_under_way(m))
			return false;
		buf_addstr(b, RENDER_UNTAKEN_LINE);
		return true;
	}
	if (it->status == ITEM_TAKEN)
		return false;
	buf_addstr(b, it->status == ITEM_WITHDRAWN ? "This item was withdrawn."
		   : "This item was deferred.");
	if (has(it->reason)) {
		buf_addf(b, " Reason: %s", it->reason);
		full_stop(b);
	}
	return true;
}

const char *render_exempt(const struct agenda *ag, const struct minutes_item *it)
{
	if (has(it->exempt))
		return it->exempt;
	for (size_t i = 0; ag && i < ag->nitems; i++)
		if (has(ag->items[i].number) && has(it->number) &&
		    !strcmp(ag->items[i].number, it->number) && has(ag->items[i].exempt))
			return ag->items[i].exempt;
	return NULL;
}

/* "For: A, B" */
static void names_line(struct buf *b, const char *label, const struct names *l)
{
	if (!l->n)
		return;
	buf_addf(b, "\n%s: ", label);
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
}

static void recorded(struct buf *b, const struct recorded_vote *r)
{
	if (!minutes_recorded_any(r))
		return;
	buf_addstr(b, "\nA recorded vote was taken.");
	names_line(b, "For", &r->voted_for);
	names_line(b, "Against", &r->against);
	names_line(b, "Abstained", &r->abstained);
}

/* "(3 for, 6 against, 1 abstention)" */
static void counts(struct buf *b, unsigned f, unsigned a, unsigned ab)
{
	buf_addf(b, "(%u for, %u against", f, a);
	if (ab)
		buf_addf(b, ", %u abstention%s", ab, ab == 1 ? "" : "s");
	buf_addch(b, ')');
}

bool render_votes(struct buf *b, const struct minutes_item *it)
{
	if (!it->votes_for && !it->votes_against && !it->votes_abstained &&
	    !minutes_recorded_any(&it->recorded))
		return false;
	buf_addf(b, "Votes: %u for, %u against, %u abstained.", it->votes_for,
		 it->votes_against, it->votes_abstained);
	recorded(b, &it->recorded);
	return true;
}

/* "The amendment, moved by Cllr Patel and seconded by Cllr Reid, was put
 * to the vote and LOST (3 for, 6 against)." */
static void put(struct buf *b, const char *what, const char *mover, const char *seconder,
		const struct votes *v, enum outcome o)
{
	bool voted = v->n_for || v->n_against || v->n_abstained;
	buf_addstr(b, what);
	if (has(mover) || has(seconder)) {
		buf_addstr(b, ", ");
		if (has(mover)) {
			buf_addstr(b, "moved by ");
			render_short_name(b, mover);
		}
		if (has(mover) && has(seconder))
			buf_addstr(b, " and ");
		if (has(seconder)) {
			buf_addstr(b, "seconded by ");
			render_short_name(b, seconder);
		}
		buf_addch(b, ',');
	}
	if (o == OUTCOME_WITHDRAWN) {
		buf_addstr(b, " was withdrawn");
	} else if (voted || o != OUTCOME_UNSAID) {
		buf_addstr(b, " was put to the vote");
		if (o == OUTCOME_CARRIED)
			buf_addstr(b, " and CARRIED");
		else if (o == OUTCOME_LOST)
			buf_addstr(b, " and LOST");
		if (voted) {
			buf_addch(b, ' ');
			counts(b, v->n_for, v->n_against, v->n_abstained);
		}
	} else {
		buf_addstr(b, " was put");
	}
	buf_addch(b, '.');
	recorded(b, &v->recorded);
}

void render_motion(struct buf *b, const struct motion *mo)
{
	buf_addstr(b, "Motion: ");
	buf_addstr(b, has(mo->text) ? mo->text : "(no text)");
	full_stop(b);
	for (size_t i = 0; i < mo->namendments; i++) {
		const struct amendment *a = &mo->amendments[i];
		buf_addstr(b, "\n\nAmendment: ");
		buf_addstr(b, has(a->text) ? a->text : "(no text)");
		full_stop(b);
		buf_addch(b, '\n');
		put(b, "The amendment", a->mover, a->seconder, &a->votes, a->outcome);
	}
	buf_addstr(b, mo->namendments ? "\n\n" : "\n");
	put(b, mo->namendments ? "The substantive motion" : "The motion", mo->mover,
	    mo->seconder, &mo->votes, mo->outcome);
}

/* The text without its final full stop, so a parenthesis can follow. */
static void without_stop(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	buf_add(b, s, n);
}

void render_action(struct buf *b, const struct action *a)
{
	buf_addstr(b, "Action: ");
	without_stop(b, has(a->text) ? a->text : "(no text)");
	if (has(a->owner) || a->due[0] || a->done[0]) {
		buf_addstr(b, " (");
		if (has(a->owner))
			buf_addstr(b, a->owner);
		if (a->due[0]) {
			buf_addstr(b, has(a->owner) ? ", by " : "by ");
			render_short_date(b, a->due);
		}
		if (a->done[0]) {
			buf_addstr(b, has(a->owner) || a->due[0] ? "; done " : "done ");
			render_short_date(b, a->done);
		}
		buf_addch(b, ')');
	}
	buf_addch(b, '.');
}

void render_update(struct buf *b, const struct action_update *u, const char *text)
{
	static const char *const words[] = { "done", "in progress", "dropped" };
	buf_addf(b, "Action %s", has(u->action) ? u->action : "(no id)");
	if (has(text)) {
		buf_addstr(b, " (");
		without_stop(b, text);
		buf_addch(b, ')');
	}
	buf_addf(b, ": %s", (unsigned)u->status < 3 ? words[u->status] : "?");
	if (has(u->note))
		buf_addf(b, " \xe2\x80\x94 %s", u->note);
	full_stop(b);
}
