/* form_roll: the attendance list of the clerk's screen. */
#include "tui/edit/form_roll.h"

#include "tui/edit/form.h"
#include "tui/edit/speaker_match.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/* `s` past its titles ("Cllr Simon Blackburn" gives "Simon Blackburn"). */
static const char *past_titles(const char *s)
{
	for (;;) {
		while (*s == ' ')
			s++;
		size_t n = strcspn(s, " ");
		if (!s[n] || !speaker_is_title(s, n))
			return s;
		s += n;
	}
}

/* The one on the list who is `name` written with or without a title (the
 * agenda's "Cllr Simon Blackburn" is the member "Simon Blackburn"). */
static struct form_person *roll_same_person(struct form_roll *r, const char *name)
{
	struct form_person *k = form_roll_find(r, name);
	if (k)
		return k;
	const char *bare = past_titles(name);
	for (size_t i = 0; i < r->n; i++)
		if (!strcasecmp(past_titles(r->v[i].name), bare))
			return &r->v[i];
	return NULL;
}

/* The agenda's chair and presenters: one already on the list under their
 * name without (or with) a title is not listed a second time. */
static void roll_add_agenda_person(struct form_roll *r, const char *name, const char *role)
{
	if (has(name) && !roll_same_person(r, name))
		form_roll_add(r, name, role, FORM_ABSENT);
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
	memset(k, 0, sizeof(*k));
	k->name = xstrdup(name);
	k->role = has(role) ? xstrdup(role) : NULL;
	k->state = state;
}

/* The attendance a person of the minutes brings to the list. */
static void take_times(struct form_person *k, const struct person *p)
{
	record_text_set(&k->substitute_for, p->substitute_for);
	record_text_set(&k->arrived_during, p->arrived_during);
	record_text_set(&k->left_during, p->left_during);
	memcpy(k->arrived, p->arrived, sizeof(k->arrived));
	memcpy(k->left, p->left, sizeof(k->left));
}

void form_roll_load(struct form_roll *r, const struct committee *com,
		    const struct agenda *ag, const struct minutes *m)
{
	const struct people *lists[] = { &m->present, &m->apologies, &m->in_attendance };
	const enum form_presence states[] = { FORM_PRESENT, FORM_APOLOGIES,
					      FORM_IN_ATTENDANCE };
	if (com)
		for (size_t i = 0; i < com->members.n; i++) {
			form_roll_add(r, com->members.v[i].name, com->members.v[i].role,
				      FORM_ABSENT);
			struct form_person *k = form_roll_find(r, com->members.v[i].name);
			if (k)
				k->member = true;
		}
	if (ag) {
		roll_add_agenda_person(r, ag->chair, NULL);
		for (size_t i = 0; i < ag->nitems; i++)
			for (size_t j = 0; j < ag->items[i].presenters.n; j++)
				roll_add_agenda_person(r, ag->items[i].presenters.v[j].name,
						       ag->items[i].presenters.v[j].role);
	}
	for (size_t i = 0; i < m->absent.n; i++)
		form_roll_add(r, m->absent.v[i].name, m->absent.v[i].role, FORM_ABSENT);
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++)
			form_roll_add(r, lists[l]->v[i].name, lists[l]->v[i].role, states[l]);
	/* Roles and times as the minutes have them. */
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			struct form_person *k = form_roll_find(r, lists[l]->v[i].name);
			if (k && has(lists[l]->v[i].role))
				record_text_set(&k->role, lists[l]->v[i].role);
			if (k)
				take_times(k, &lists[l]->v[i]);
		}
}

static void person_clear(struct form_person *k)
{
	free(k->name);
	free(k->role);
	free(k->substitute_for);
	free(k->arrived_during);
	free(k->left_during);
}

void form_roll_free(struct form_roll *r)
{
	for (size_t i = 0; i < r->n; i++)
		person_clear(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

void form_roll_store(const struct form_roll *r, struct minutes *m)
{
	struct people *lists[] = { &m->absent, &m->present, &m->apologies,
				   &m->in_attendance };
	for (size_t l = 0; l < 4; l++)
		people_free(lists[l]);
	for (size_t i = 0; i < r->n; i++) {
		const struct form_person *k = &r->v[i];
		/* Absent: only the committee's members were expected. */
		if (k->state == FORM_ABSENT && !k->member)
			continue;
		struct person *p = people_add(lists[k->state], k->name, k->role);
		if (k->state != FORM_PRESENT && k->state != FORM_IN_ATTENDANCE)
			continue;
		record_text_set(&p->substitute_for, k->substitute_for);
		record_text_set(&p->arrived_during, k->arrived_during);
		record_text_set(&p->left_during, k->left_during);
		memcpy(p->arrived, k->arrived, sizeof(p->arrived));
		memcpy(p->left, k->left, sizeof(p->left));
	}
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

static void now_hhmm(char out[6])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 6, "%H:%M", &tm);
}

/* The item in hand once the meeting is under way, else NULL. */
static const struct minutes_item *under_way(const struct form *f)
{
	return f->entered ? form_item(f) : NULL;
}

bool form_roll_belongs_present(const struct form *f, const struct form_person *k)
{
	return minutes_belongs_present(session_committee(f->s), k->name, k->substitute_for);
}

bool form_roll_settle(struct form *f, struct form_person *k)
{
	if (k->state == FORM_PRESENT && !form_roll_belongs_present(f, k)) {
		k->state = FORM_IN_ATTENDANCE;
		return true;
	}
	if (k->state == FORM_IN_ATTENDANCE && has(k->substitute_for)) {
		k->state = FORM_PRESENT;
		return true;
	}
	return false;
}

void form_roll_mark(struct form *f, enum form_presence p)
{
	if (form_refuse_read_only(f) || f->sel >= f->roll.n)
		return;
	struct form_person *k = &f->roll.v[f->sel];
	/* Present is the committee's members (and their substitutes): an
	 * officer, a presenter or a guest marked present is in attendance,
	 * in the minutes as on the list. */
	bool not_member = p == FORM_PRESENT && !form_roll_belongs_present(f, k);
	if (not_member) {
		p = FORM_IN_ATTENDANCE;
		form_say(f, false, "%s is not a member of the committee: in attendance, "
			 "unless named as a member's substitute", k->name);
	}
	if (k->state != p) {
		const struct minutes_item *it = under_way(f);
		bool arriving = p == FORM_PRESENT || p == FORM_IN_ATTENDANCE;
		bool was_there = k->state == FORM_PRESENT || k->state == FORM_IN_ATTENDANCE;
		k->state = p;
		if (arriving && !was_there && it && !*k->arrived) {
			now_hhmm(k->arrived);
			record_text_set(&k->arrived_during, it->number);
			form_say(f, false, "%s arrived at %s, during item %s%s.", k->name,
				 k->arrived, it->number,
				 not_member ? " (not a member: in attendance)" : "");
		}
		if (!arriving) {
			k->arrived[0] = k->left[0] = 0;
			record_text_set(&k->arrived_during, NULL);
			record_text_set(&k->left_during, NULL);
		}
		form_roll_store(&f->roll, f->m);
		form_changed(f, NULL, "attendance recorded");
	}
	if (f->sel + 1 < f->roll.n)
		f->sel++;
}

void form_roll_leave(struct form *f)
{
	if (form_refuse_read_only(f) || f->sel >= f->roll.n)
		return;
	struct form_person *k = &f->roll.v[f->sel];
	if (k->state != FORM_PRESENT && k->state != FORM_IN_ATTENDANCE) {
		form_say(f, true, "%s is not here: only someone present can leave", k->name);
		return;
	}
	if (*k->left) {
		k->left[0] = 0;
		record_text_set(&k->left_during, NULL);
		form_say(f, false, "%s is back: the departure is cleared", k->name);
		form_changed(f, NULL, "%s back", k->name);
	} else {
		const struct minutes_item *it = under_way(f);
		now_hhmm(k->left);
		record_text_set(&k->left_during, it ? it->number : NULL);
		if (it)
			form_say(f, false, "%s left at %s, during item %s.", k->name, k->left,
				 it->number);
		else
			form_say(f, false, "%s left at %s.", k->name, k->left);
		form_changed(f, NULL, "%s left", k->name);
	}
	form_roll_store(&f->roll, f->m);
	unsigned have, need;
	if (form_roll_inquorate(f, &have, &need))
		buf_addf(&f->msg, "  NO QUORUM: %u members present, %u needed.", have, need);
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

unsigned form_roll_voting(const struct form *f)
{
	unsigned n = 0;
	for (size_t i = 0; i < f->roll.n; i++) {
		const struct form_person *k = &f->roll.v[i];
		if (k->state == FORM_PRESENT && !*k->left && form_roll_belongs_present(f, k))
			n++;
	}
	return n;
}

bool form_roll_inquorate(const struct form *f, unsigned *have, unsigned *need)
{
	const struct committee *c = session_committee(f->s);
	unsigned q = c ? c->quorum : 0, h = form_roll_voting(f);
	if (have)
		*have = h;
	if (need)
		*need = q;
	return q && h < q;
}
