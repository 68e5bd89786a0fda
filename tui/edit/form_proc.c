/* form_proc: minute numbers, the quorum, declared interests and votes. */
#include "tui/edit/form_proc.h"

#include "minutes/git/minute_lookup.h"
#include "minutes/model/numbering.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

/* Adds a sentence to the message; a warning makes it one. */
static void note(struct form *f, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note(struct form *f, bool warning, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (f->msg.len)
		buf_addstr(&f->msg, "  ");
	buf_vaddf(&f->msg, fmt, ap);
	va_end(ap);
	if (warning)
		f->msg_error = true;
}

const char *form_proc_kind_words(enum declaration_kind k)
{
	switch (k) {
	case DECL_PECUNIARY: return "disclosable pecuniary";
	case DECL_OTHER_REGISTRABLE: return "other registrable";
	case DECL_NON_REGISTRABLE: return "non-registrable";
	default: return "";
	}
}

unsigned form_proc_earlier_minute(const struct form *f)
{
	const struct committee *c = session_committee(f->s);
	unsigned hi = 0;
	struct diags d;
	diags_init(&d);
	if (minute_lookup_earlier(session_archive(f->s), session_id(f->s),
				  c ? c->year_starts : NULL, &hi, &d) < 0)
		hi = 0;
	diags_free(&d);
	return hi;
}

void form_proc_item_taken(struct form *f)
{
	struct minutes_item *it = form_item(f);
	if (!it)
		return;
	if (!session_read_only(f->s) && it->status == ITEM_TAKEN && !it->minute) {
		numbering_assign(f->m, it, form_proc_earlier_minute(f));
		form_changed(f, it, "minute %u", it->minute);
	}
	unsigned have, need;
	if (it->status == ITEM_TAKEN && form_roll_inquorate(f, &have, &need))
		note(f, true, "NO QUORUM: %u members present, %u needed.", have, need);
	for (size_t i = 0; i < f->m->ndeclarations; i++) {
		const struct declaration *d = &f->m->declarations[i];
		if (!has(d->item) || strcmp(d->item, it->number))
			continue;
		note(f, false, "Declared: %s%s%s%s%s.", d->member ? d->member : "?",
		     d->kind ? ", " : "", form_proc_kind_words(d->kind),
		     has(d->interest) ? ": " : "", has(d->interest) ? d->interest : "");
		if (d->left_room)
			note(f, false, "(left the room)");
		else if (d->kind == DECL_PECUNIARY)
			note(f, false, "(stayed in the room)");
	}
}

void form_proc_status_changed(struct form *f, struct minutes_item *it)
{
	if (it->status != ITEM_TAKEN && it->minute) {
		unsigned was = it->minute;
		numbering_assign(f->m, it, 0);
		form_changed(f, it, "minute %u taken back", was);
	}
}

const struct declaration *form_proc_left_room(const struct minutes *m, const char *member,
					      const char *number)
{
	for (size_t i = 0; member && number && i < m->ndeclarations; i++) {
		const struct declaration *d = &m->declarations[i];
		if (d->kind == DECL_PECUNIARY && d->left_room && has(d->member) &&
		    has(d->item) && !strcmp(d->member, member) && !strcmp(d->item, number))
			return d;
	}
	return NULL;
}

const struct declaration *form_proc_pecuniary(const struct minutes *m, const char *member,
					      const char *number)
{
	for (size_t i = 0; member && number && i < m->ndeclarations; i++) {
		const struct declaration *d = &m->declarations[i];
		if (d->kind == DECL_PECUNIARY && has(d->member) && has(d->item) &&
		    !strcmp(d->member, member) && !strcmp(d->item, number))
			return d;
	}
	return NULL;
}

/* Whether `name` is among those present and has not left. */
static bool in_room(const struct minutes *m, const char *name)
{
	for (size_t i = 0; i < m->present.n; i++)
		if (has(m->present.v[i].name) && !strcmp(m->present.v[i].name, name))
			return !m->present.v[i].left[0];
	return false;
}

void form_proc_vote_warnings(struct form *f, const struct minutes_item *it,
			     const struct votes *v, const char *voter)
{
	unsigned cast = v->n_for + v->n_against + v->n_abstained;
	unsigned here = form_roll_voting(f);
	buf_reset(&f->msg);
	f->msg_error = false;
	if (here && cast > here)
		note(f, true, "%u votes cast but only %u members present.", cast, here);
	if (!it)
		return;
	const struct declaration *d = voter ? form_proc_pecuniary(f->m, voter, it->number)
		: NULL;
	if (d && d->left_room)
		note(f, true, "%s declared a pecuniary interest in item %s and left the "
		     "room, but is named in the vote.", voter, it->number);
	else if (d)
		note(f, true, "%s declared a pecuniary interest in item %s and stayed in "
		     "the room, and is named in the vote.", voter, it->number);
	if (!cast || minutes_recorded_any(&v->recorded))
		return;
	/* Counts with no names: whoever stayed with a pecuniary interest may
	 * be in them. */
	for (size_t i = 0; i < f->m->ndeclarations; i++) {
		d = &f->m->declarations[i];
		if (d->kind == DECL_PECUNIARY && !d->left_room && has(d->item) &&
		    has(d->member) && !strcmp(d->item, it->number) && in_room(f->m, d->member))
			note(f, true, "%s declared a pecuniary interest in item %s and "
			     "stayed in the room: check the vote leaves them out.", d->member,
			     it->number);
	}
}

void form_proc_item_votes(struct form *f, struct minutes_item *it)
{
	if (minutes_recorded_any(&it->recorded)) {
		it->votes_for = (unsigned)it->recorded.voted_for.n;
		it->votes_against = (unsigned)it->recorded.against.n;
		it->votes_abstained = (unsigned)it->recorded.abstained.n;
		form_say(f, true, "the decision's named vote gives the counts (%u, %u, %u): "
			 "change it with F3", it->votes_for, it->votes_against,
			 it->votes_abstained);
		return;
	}
	struct votes v = { it->votes_for, it->votes_against, it->votes_abstained,
			   { { NULL, 0, 0 }, { NULL, 0, 0 }, { NULL, 0, 0 } } };
	form_proc_vote_warnings(f, it, &v, NULL);
}

bool form_proc_exempt_allowed(struct form *f, size_t i)
{
	if (i >= f->m->nitems) {
		form_say(f, true, "select an item first");
		return false;
	}
	if (!f->m->items[i]->urgent) {
		form_say(f, true, "item %s's exemption is the agenda's (its exempt: key); "
			 "only urgent business is made exempt here", f->m->items[i]->number);
		return false;
	}
	return true;
}

void form_proc_exempt(struct form *f, size_t i, const char *reason)
{
	if (i >= f->m->nitems || form_refuse_read_only(f))
		return;
	struct minutes_item *it = f->m->items[i];
	if (!strcmp(it->exempt ? it->exempt : "", reason))
		return;
	record_text_set(&it->exempt, *reason ? reason : NULL);
	form_changed(f, it, *reason ? "exempt: %s" : "public again%s", reason);
	form_commit(f);
	if (*reason)
		form_say(f, false, "item %s is exempt business: %s", it->number, reason);
	else
		form_say(f, false, "item %s is public business again", it->number);
}
