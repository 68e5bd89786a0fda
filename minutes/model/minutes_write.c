/* minutes_write: the minutes in FORMAT.md's written form, in the lowest
 * format that holds their content (format 2 only when a format-2 key has
 * some; otherwise byte for byte format 1). */
#include "minutes/model/minutes.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* An entry is written only once it has its required keys: one without
 * could not be read back (FORMAT.md).  The clerk's screen keeps an
 * unfinished one (a declaration whose interest is still to come) in the
 * model until it is complete. */
static bool has(const char *s)
{
	return s && *s;
}

static bool comment_ok(const void *p)
{
	return has(((const struct comment *)p)->text);
}

static bool action_ok(const void *p)
{
	return has(((const struct action *)p)->text);
}

static bool declaration_ok(const void *p)
{
	const struct declaration *d = p;
	return has(d->member) && has(d->interest);
}

/* Whether any of the n entries of `size` bytes at v is to be written. */
static bool written(const void *v, size_t n, size_t size, bool (*ok)(const void *))
{
	for (size_t i = 0; i < n; i++)
		if (ok((const char *)v + i * size))
			return true;
	return false;
}

static bool amendment_ok(const struct amendment *a)
{
	return has(a->text);
}

static bool motion_ok(const void *p)
{
	return has(((const struct motion *)p)->text);
}

static bool update_ok(const void *p)
{
	return has(((const struct action_update *)p)->action);
}

static void write_names(struct emit *e, const char *key, const struct names *l)
{
	bool any = false;
	for (size_t i = 0; i < l->n && !any; i++)
		any = has(l->v[i]);
	if (!any)
		return;
	emit_open(e, key);
	for (size_t i = 0; i < l->n; i++)
		if (has(l->v[i]))
			emit_list_text(e, l->v[i]);
	emit_close(e);
}

/* `votes:` with its counts and, in format 2, the recorded vote; nothing
 * when all three counts are zero and nothing is recorded. */
static void write_votes(struct emit *e, unsigned n_for, unsigned n_against,
			unsigned n_abstained, const struct recorded_vote *rec)
{
	bool recorded = minutes_recorded_any(rec);
	if (!n_for && !n_against && !n_abstained && !recorded)
		return;
	emit_open(e, "votes");
	emit_uint(e, "for", n_for);
	emit_uint(e, "against", n_against);
	emit_uint(e, "abstained", n_abstained);
	if (recorded) {
		emit_open(e, "recorded");
		write_names(e, "for", &rec->voted_for);
		write_names(e, "against", &rec->against);
		write_names(e, "abstained", &rec->abstained);
		emit_close(e);
	}
	emit_close(e);
}

static void write_motions(struct emit *e, const struct minutes_item *it)
{
	if (!written(it->motions, it->nmotions, sizeof(*it->motions), motion_ok))
		return;
	emit_open(e, "motions");
	for (size_t i = 0; i < it->nmotions; i++) {
		const struct motion *mo = &it->motions[i];
		if (!motion_ok(mo))
			continue;
		emit_entry(e);
		emit_text(e, "text", mo->text);
		emit_text(e, "mover", mo->mover);
		emit_text(e, "seconder", mo->seconder);
		size_t nok = 0;
		for (size_t k = 0; k < mo->namendments; k++)
			nok += amendment_ok(&mo->amendments[k]);
		if (nok) {
			emit_open(e, "amendments");
			for (size_t k = 0; k < mo->namendments; k++) {
				const struct amendment *a = &mo->amendments[k];
				if (!amendment_ok(a))
					continue;
				emit_entry(e);
				emit_text(e, "text", a->text);
				emit_text(e, "mover", a->mover);
				emit_text(e, "seconder", a->seconder);
				write_votes(e, a->votes.n_for, a->votes.n_against,
					    a->votes.n_abstained, &a->votes.recorded);
				emit_text(e, "outcome", minutes_outcome_name(a->outcome));
				emit_entry_end(e);
			}
			emit_close(e);
		}
		write_votes(e, mo->votes.n_for, mo->votes.n_against, mo->votes.n_abstained,
			    &mo->votes.recorded);
		emit_text(e, "outcome", minutes_outcome_name(mo->outcome));
		emit_entry_end(e);
	}
	emit_close(e);
}

static void write_updates(struct emit *e, const struct minutes_item *it)
{
	if (!written(it->updates, it->nupdates, sizeof(*it->updates), update_ok))
		return;
	emit_open(e, "action_updates");
	for (size_t i = 0; i < it->nupdates; i++) {
		const struct action_update *u = &it->updates[i];
		if (!update_ok(u))
			continue;
		emit_entry(e);
		emit_text(e, "action", u->action);
		emit_raw(e, "status", minutes_update_status_name(u->status));
		emit_text(e, "note", u->note);
		emit_entry_end(e);
	}
	emit_close(e);
}

static void write_item(struct emit *e, const struct minutes_item *it)
{
	emit_entry(e);
	if (it->number && *it->number)
		emit_quoted(e, "number", it->number);
	else
		emit_text_always(e, "number", "");
	emit_text_always(e, "title", it->title);
	if (it->minute && it->status == ITEM_TAKEN)
		emit_uint(e, "minute", it->minute);
	if (it->status != ITEM_TAKEN) {
		emit_raw(e, "status", minutes_item_status_name(it->status));
		emit_text(e, "reason", it->reason);
	}
	if (it->urgent)
		emit_raw(e, "urgent", "true");
	emit_text(e, "exempt", it->exempt);
	emit_quoted(e, "started", it->started);
	emit_quoted(e, "ended", it->ended);
	people_write(e, "presenters", &it->presenters);
	emit_text(e, "summary", it->summary);
	if (written(it->comments, it->ncomments, sizeof(*it->comments), comment_ok)) {
		emit_open(e, "comments");
		for (size_t i = 0; i < it->ncomments; i++) {
			const struct comment *c = &it->comments[i];
			if (!comment_ok(c))
				continue;
			if (has(c->by)) {
				emit_entry(e);
				emit_text(e, "text", c->text);
				emit_text(e, "by", c->by);
				emit_entry_end(e);
			} else {
				emit_list_text(e, c->text);
			}
		}
		emit_close(e);
	}
	if (it->confirmed_meeting && *it->confirmed_meeting) {
		emit_open(e, "confirmed_minutes");
		emit_text(e, "meeting", it->confirmed_meeting);
		emit_raw(e, "blob", it->confirmed_blob);
		emit_close(e);
	}
	write_updates(e, it);
	write_motions(e, it);
	emit_text(e, "decision", it->decision);
	write_votes(e, it->votes_for, it->votes_against, it->votes_abstained, &it->recorded);
	if (written(it->actions, it->nactions, sizeof(*it->actions), action_ok)) {
		emit_open(e, "actions");
		for (size_t i = 0; i < it->nactions; i++) {
			const struct action *a = &it->actions[i];
			if (!action_ok(a))
				continue;
			emit_entry(e);
			emit_text(e, "id", a->id);
			emit_text(e, "text", a->text);
			emit_text(e, "owner", a->owner);
			emit_raw(e, "due", a->due);
			emit_raw(e, "done", a->done);
			emit_entry_end(e);
		}
		emit_close(e);
	}
	documents_write(e, "documents", &it->documents);
	emit_entry_end(e);
}

static bool people_have_attendance(const struct people *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (has(l->v[i].name) && person_has_attendance(&l->v[i]))
			return true;
	return false;
}

static bool item_needs_2(const struct minutes_item *it)
{
	if ((it->minute && it->status == ITEM_TAKEN) || has(it->exempt) ||
	    has(it->confirmed_meeting) || minutes_recorded_any(&it->recorded))
		return true;
	if (it->status != ITEM_TAKEN && has(it->reason))
		return true;
	if (written(it->updates, it->nupdates, sizeof(*it->updates), update_ok) ||
	    written(it->motions, it->nmotions, sizeof(*it->motions), motion_ok))
		return true;
	for (size_t i = 0; i < it->nactions; i++)
		if (action_ok(&it->actions[i]) && has(it->actions[i].id))
			return true;
	return false;
}

int minutes_format(const struct minutes *m)
{
	if (people_have_attendance(&m->present) || people_have_attendance(&m->in_attendance))
		return 2;
	for (size_t i = 0; i < m->absent.n; i++)
		if (has(m->absent.v[i].name))
			return 2;
	for (size_t i = 0; i < m->ndeclarations; i++) {
		const struct declaration *d = &m->declarations[i];
		if (declaration_ok(d) && (d->kind != DECL_UNSAID || d->left_room))
			return 2;
	}
	for (size_t i = 0; i < m->nitems; i++)
		if (item_needs_2(m->items[i]))
			return 2;
	return 1;
}

void minutes_write(const struct minutes *m, struct buf *out)
{
	struct emit e;
	int format = minutes_format(m);
	emit_init(&e, out);
	emit_raw(&e, "format", format >= 2 ? MINUTES_FORMAT_2 : MINUTES_FORMAT);
	emit_text_always(&e, "committee", m->committee);
	emit_raw(&e, "date", m->date);
	emit_quoted(&e, "start", m->start);
	emit_quoted(&e, "end", m->end);
	emit_text(&e, "venue", m->venue);
	emit_raw(&e, "status", minutes_status_name(m->status));
	if (m->present.n || m->apologies.n || m->absent.n || m->in_attendance.n) {
		emit_open(&e, "attendance");
		people_write_attendance(&e, "present", &m->present);
		people_write(&e, "apologies", &m->apologies);
		people_write(&e, "absent", &m->absent);
		people_write_attendance(&e, "in_attendance", &m->in_attendance);
		emit_close(&e);
	}
	if (written(m->declarations, m->ndeclarations, sizeof(*m->declarations),
		    declaration_ok)) {
		emit_open(&e, "declarations");
		for (size_t i = 0; i < m->ndeclarations; i++) {
			const struct declaration *d = &m->declarations[i];
			if (!declaration_ok(d))
				continue;
			emit_entry(&e);
			emit_text(&e, "member", d->member);
			emit_quoted(&e, "item", d->item);
			emit_text(&e, "interest", d->interest);
			emit_raw(&e, "kind", minutes_declaration_kind_name(d->kind));
			if (d->left_room)
				emit_raw(&e, "left_room", "true");
			emit_entry_end(&e);
		}
		emit_close(&e);
	}
	if (!m->nitems) {
		emit_empty_list(&e, "items");
	} else {
		emit_open(&e, "items");
		for (size_t i = 0; i < m->nitems; i++)
			write_item(&e, m->items[i]);
		emit_close(&e);
	}
	if (m->status == MINUTES_CONFIRMED) {
		emit_open(&e, "confirmed");
		emit_raw(&e, "date", m->confirmed_date);
		emit_text(&e, "by", m->confirmed_by);
		emit_close(&e);
	}
}
