/* form_roll: the attendance list of the clerk's screen. */
#include "tui/edit/form_roll.h"

#include "tui/edit/form.h"

#include <stdlib.h>
#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

struct form_person *form_roll_find(struct form_roll *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

void form_roll_add(struct form_roll *r, const char *name, const char *role,
		   enum form_presence state)
{
	if (!has(name))
		return;
	struct form_person *k = form_roll_find(r, name);
	if (k) {
		if (state != FORM_ABSENT)
			k->state = state;
		if (!k->role && has(role))
			k->role = xstrdup(role);
		return;
	}
	xgrow((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v));
	k = &r->v[r->n++];
	k->name = xstrdup(name);
	k->role = has(role) ? xstrdup(role) : NULL;
	k->state = state;
}

void form_roll_load(struct form_roll *r, const struct committee *com,
		    const struct agenda *ag, const struct minutes *m)
{
	const struct people *lists[] = { &m->present, &m->apologies, &m->in_attendance };
	const enum form_presence states[] = { FORM_PRESENT, FORM_APOLOGIES,
					      FORM_IN_ATTENDANCE };
	if (com)
		for (size_t i = 0; i < com->members.n; i++)
			form_roll_add(r, com->members.v[i].name, com->members.v[i].role,
				      FORM_ABSENT);
	if (ag) {
		if (has(ag->chair))
			form_roll_add(r, ag->chair, NULL, FORM_ABSENT);
		for (size_t i = 0; i < ag->nitems; i++)
			for (size_t j = 0; j < ag->items[i].presenters.n; j++)
				form_roll_add(r, ag->items[i].presenters.v[j].name,
					      ag->items[i].presenters.v[j].role, FORM_ABSENT);
	}
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++)
			form_roll_add(r, lists[l]->v[i].name, lists[l]->v[i].role, states[l]);
	/* Roles as the minutes have them. */
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			struct form_person *k = form_roll_find(r, lists[l]->v[i].name);
			if (k && has(lists[l]->v[i].role))
				record_text_set(&k->role, lists[l]->v[i].role);
		}
}

void form_roll_free(struct form_roll *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].role);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

void form_roll_store(const struct form_roll *r, struct minutes *m)
{
	struct people *lists[] = { NULL, &m->present, &m->apologies, &m->in_attendance };
	for (size_t l = 1; l < 4; l++)
		people_free(lists[l]);
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].state != FORM_ABSENT)
			people_add(lists[r->v[i].state], r->v[i].name, r->v[i].role);
}

const char *form_roll_state_name(enum form_presence p)
{
	switch (p) {
	case FORM_PRESENT: return "present";
	case FORM_APOLOGIES: return "apologies";
	case FORM_IN_ATTENDANCE: return "in attendance";
	default: return "absent";
	}
}

void form_roll_mark(struct form *f, enum form_presence p)
{
	if (form_refuse_read_only(f) || f->sel >= f->roll.n)
		return;
	struct form_person *k = &f->roll.v[f->sel];
	if (k->state != p) {
		k->state = p;
		form_roll_store(&f->roll, f->m);
		form_changed(f, NULL, "attendance recorded");
	}
	if (f->sel + 1 < f->roll.n)
		f->sel++;
}

void form_roll_add_person(struct form *f, const char *name, const char *role)
{
	if (form_roll_find(&f->roll, name)) {
		form_say(f, true, "%s is on the list already", name);
		return;
	}
	form_roll_add(&f->roll, name, role, FORM_IN_ATTENDANCE);
	form_roll_store(&f->roll, f->m);
	form_changed(f, NULL, "%s in attendance", name);
	f->sel = f->roll.n - 1;
}
