/* minutes: the minutes model (minutes_read.c reads minutes.yaml into it,
 * minutes_write.c writes it back). */
#include "minutes/model/minutes.h"
#include "minutes/model/minutes_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_field(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

struct minutes *minutes_new(const char *committee, const char *date)
{
	struct minutes *m = xcalloc(1, sizeof(*m));
	m->version = 1;
	m->committee = committee ? xstrdup(committee) : NULL;
	copy_field(m->date, sizeof(m->date), date);
	return m;
}

void minutes_free_item(struct minutes_item *it)
{
	free(it->number);
	free(it->title);
	people_free(&it->presenters);
	free(it->summary);
	for (size_t i = 0; i < it->ncomments; i++) {
		free(it->comments[i].text);
		free(it->comments[i].by);
	}
	free(it->comments);
	free(it->decision);
	free(it->reason);
	free(it->exempt);
	minutes_recorded_free(&it->recorded);
	while (it->nmotions)
		minutes_item_remove_motion(it, it->nmotions - 1);
	free(it->motions);
	while (it->nupdates)
		minutes_item_remove_update(it, it->nupdates - 1);
	free(it->updates);
	for (size_t i = 0; i < it->nactions; i++) {
		free(it->actions[i].id);
		free(it->actions[i].text);
		free(it->actions[i].owner);
	}
	free(it->actions);
	documents_free(&it->documents);
	free(it->confirmed_meeting);
	free(it);
}

void minutes_free(struct minutes *m)
{
	if (!m)
		return;
	free(m->committee);
	free(m->venue);
	people_free(&m->present);
	people_free(&m->apologies);
	people_free(&m->in_attendance);
	people_free(&m->absent);
	for (size_t i = 0; i < m->ndeclarations; i++) {
		free(m->declarations[i].member);
		free(m->declarations[i].item);
		free(m->declarations[i].interest);
	}
	free(m->declarations);
	for (size_t i = 0; i < m->nitems; i++)
		minutes_free_item(m->items[i]);
	free(m->items);
	free(m->confirmed_by);
	free(m);
}

struct minutes_item *minutes_add_item(struct minutes *m, const char *number,
				      const char *title)
{
	xgrow((void **)&m->items, &m->items_cap, m->nitems + 1, sizeof(*m->items));
	struct minutes_item *it = xcalloc(1, sizeof(*it));
	it->number = number ? xstrdup(number) : NULL;
	it->title = title ? xstrdup(title) : NULL;
	m->items[m->nitems++] = it;
	return it;
}

struct comment *minutes_item_add_comment(struct minutes_item *it, const char *text,
				 const char *by)
{
	xgrow((void **)&it->comments, &it->comments_cap, it->ncomments + 1,
	      sizeof(*it->comments));
	struct comment *c = &it->comments[it->ncomments++];
	c->text = text ? xstrdup(text) : NULL;
	c->by = by ? xstrdup(by) : NULL;
	return c;
}

struct action *minutes_item_add_action(struct minutes_item *it, const char *text,
			       const char *owner, const char *due)
{
	xgrow((void **)&it->actions, &it->actions_cap, it->nactions + 1,
	      sizeof(*it->actions));
	struct action *a = &it->actions[it->nactions++];
	memset(a, 0, sizeof(*a));
	a->text = text ? xstrdup(text) : NULL;
	a->owner = owner ? xstrdup(owner) : NULL;
	copy_field(a->due, sizeof(a->due), due);
	return a;
}

struct declaration *minutes_add_declaration(struct minutes *m,
					    const char *member,
					    const char *item,
					    const char *interest)
{
	xgrow((void **)&m->declarations, &m->declarations_cap,
	      m->ndeclarations + 1, sizeof(*m->declarations));
	struct declaration *d = &m->declarations[m->ndeclarations++];
	/* Format 2's kind and left_room start unsaid, not as the heap was. */
	memset(d, 0, sizeof(*d));
	d->member = member ? xstrdup(member) : NULL;
	d->item = item ? xstrdup(item) : NULL;
	d->interest = interest ? xstrdup(interest) : NULL;
	return d;
}

/* Removes element i of an array of n elements of `size` bytes. */
static void remove_at(void *v, size_t *n, size_t i, size_t size)
{
	char *p = v;
	memmove(p + i * size, p + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

void minutes_item_remove_comment(struct minutes_item *it, size_t i)
{
	if (i >= it->ncomments)
		return;
	free(it->comments[i].text);
	free(it->comments[i].by);
	remove_at(it->comments, &it->ncomments, i, sizeof(*it->comments));
}

void minutes_item_remove_action(struct minutes_item *it, size_t i)
{
	if (i >= it->nactions)
		return;
	free(it->actions[i].id);
	free(it->actions[i].text);
	free(it->actions[i].owner);
	remove_at(it->actions, &it->nactions, i, sizeof(*it->actions));
}

void minutes_remove_declaration(struct minutes *m, size_t i)
{
	if (i >= m->ndeclarations)
		return;
	free(m->declarations[i].member);
	free(m->declarations[i].item);
	free(m->declarations[i].interest);
	remove_at(m->declarations, &m->ndeclarations, i, sizeof(*m->declarations));
}

struct minutes_item *minutes_insert_item(struct minutes *m, size_t at,
					 const char *number, const char *title)
{
	struct minutes_item *it = minutes_add_item(m, number, title);
	if (at >= m->nitems)
		return it;
	memmove(m->items + at + 1, m->items + at, (m->nitems - 1 - at) * sizeof(*m->items));
	m->items[at] = it;
	return it;
}

struct minutes *minutes_from_agenda(const struct agenda *a,
				    const struct committee *c)
{
	struct minutes *m = minutes_new(a->committee, a->date);
	copy_field(m->start, sizeof(m->start), a->start);
	m->venue = a->venue ? xstrdup(a->venue) : NULL;
	if (c)
		people_copy(&m->present, &c->members);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *ai = &a->items[i];
		struct minutes_item *it = minutes_add_item(m, ai->number, ai->title);
		if (ai->exempt && *ai->exempt)
			it->exempt = xstrdup(ai->exempt);
		people_copy(&it->presenters, &ai->presenters);
		documents_copy(&it->documents, &ai->documents);
	}
	return m;
}

const char *minutes_item_status_name(enum item_status s)
{
	switch (s) {
	case ITEM_WITHDRAWN: return "withdrawn";
	case ITEM_DEFERRED: return "deferred";
	default: return "taken";
	}
}

bool minutes_item_untaken(const struct minutes_item *it)
{
	bool said = it->started[0] || it->ended[0] || (it->summary && *it->summary) ||
		    it->ncomments || (it->decision && *it->decision) || it->votes_for ||
		    it->votes_against || it->votes_abstained || it->nmotions ||
		    it->nactions || it->nupdates || it->minute || it->confirmed_meeting ||
		    minutes_recorded_any(&it->recorded);
	return it->status == ITEM_TAKEN && !said;
}

bool minutes_under_way(const struct minutes *m)
{
	if (m->end[0])
		return true;
	for (size_t i = 0; i < m->nitems; i++)
		if (!minutes_item_untaken(m->items[i]))
			return true;
	return false;
}

bool minutes_belongs_present(const struct committee *c, const char *name,
			     const char *substitute_for)
{
	if (!c || !c->members.n || (substitute_for && *substitute_for))
		return true;
	for (size_t i = 0; name && i < c->members.n; i++)
		if (c->members.v[i].name && !strcmp(c->members.v[i].name, name))
			return true;
	return false;
}

const char *minutes_status_name(enum minutes_status s)
{
	return s == MINUTES_CONFIRMED ? "confirmed" : "draft";
}

/* ---- the set of ids ---- */

static size_t hash(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void ids_put(struct ids *s, char *id)
{
	size_t i = hash(id) & (s->cap - 1);
	while (s->slot[i])
		i = (i + 1) & (s->cap - 1);
	s->slot[i] = id;
	s->n++;
}

void ids_check(struct yr *r, struct ids *s, const struct yr_node *at, const char *id)
{
	if (s->cap) {
		for (size_t i = hash(id) & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
			if (strcmp(s->slot[i], id) == 0) {
				yr_error(r, at, "the action id %s is given twice; expected each "
					 "action's id to be its own", id);
				return;
			}
	}
	if (2 * (s->n + 1) > s->cap) {
		struct ids bigger = { xcalloc(s->cap ? 2 * s->cap : 64, sizeof(char *)), 0,
				      s->cap ? 2 * s->cap : 64 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i])
				ids_put(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	ids_put(s, xstrdup(id));
}

void ids_free(struct ids *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}
