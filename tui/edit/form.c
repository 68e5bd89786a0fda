/* form: the clerk's form model: slots, storing and checking a field. */
#include "tui/edit/form.h"
#include "minutes/model/action_id.h"

#include "tui/edit/form_journal.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_proc.h"
#include "tui/edit/form_speakers.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static bool has(const char *s)
{
	return s && *s;
}

void form_init(struct form *f, struct session *s)
{
	memset(f, 0, sizeof(*f));
	f->msg = (struct buf)BUF_INIT;
	f->s = s;
	f->m = session_minutes(s);
	form_roll_load(&f->roll, session_committee(s), session_agenda(s), f->m);
	/* Begun in an earlier run: its start is not the agenda's, or an
	 * item has been taken. */
	const struct agenda *a = session_agenda(s);
	f->begun = *f->m->start && (!a || strcmp(a->start, f->m->start));
	for (size_t i = 0; i < f->m->nitems && !f->begun; i++)
		f->begun = *f->m->items[i]->started != 0;
}

void form_free(struct form *f)
{
	field_delete(f->field);
	f->field = NULL;
	form_roll_free(&f->roll);
	free(f->slots);
	f->slots = NULL;
	buf_free(&f->msg);
	f->nslots = f->slots_cap = 0;
}

void form_say(struct form *f, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_reset(&f->msg);
	buf_vaddf(&f->msg, fmt, ap);
	va_end(ap);
	f->msg_error = error;
}

bool form_refuse_read_only(struct form *f)
{
	if (!session_read_only(f->s))
		return false;
	const char *why = session_read_only_why(f->s);
	if (session_can_correct(f->s) && f->correct_hint)
		form_say(f, true, "read-only: %s; a change is a correction: %s", why,
			 f->correct_hint);
	else
		form_say(f, true, "read-only: %s", why);
	return true;
}

struct minutes_item *form_item(const struct form *f)
{
	return f->item < f->m->nitems ? f->m->items[f->item] : NULL;
}

/* "item 5 Integrated Communities Strategy", the scope of commit notes. */
static char *item_scope(const struct minutes_item *it)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "item %s %s", it->number ? it->number : "?",
		 it->title ? it->title : "");
	return buf_detach(&b, NULL);
}

void form_changed(struct form *f, const struct minutes_item *it, const char *fmt, ...)
{
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	char *scope = it ? item_scope(it) : NULL;
	session_changed(f->s, scope, "%s", what);
	free(scope);
	if (it)
		session_touch_item(f->s, it);
}

void form_commit(struct form *f)
{
	struct diags d;
	diags_init(&d);
	int rc = session_commit(f->s, &d);
	/* The journal learns the new commit (or the snapshot handed to be
	 * committed) at once: one left behind it would hold less than the
	 * commit.  (Nothing new: no write.) */
	if (rc == 0)
		form_journal_write(f, true);
	if (rc < 0 && d.n) {
		char *msg = diag_format(&d.v[d.n - 1]);
		form_say(f, true, "not committed: %s (the journal keeps your work)", msg);
		free(msg);
	} else {
		const char *notice = session_take_notice(f->s);
		if (notice)
			form_say(f, false, "%s", notice);
	}
	diags_free(&d);
}

/* ---- the slots ---- */

static void slots_add(struct form *f, enum form_slot_kind k, size_t index)
{
	xgrow((void **)&f->slots, &f->slots_cap, f->nslots + 1, sizeof(*f->slots));
	f->slots[f->nslots++] = (struct form_slot){ k, index };
}

static void build_opening(struct form *f)
{
	slots_add(f, SLOT_START, 0);
	slots_add(f, SLOT_VENUE, 0);
	/* Each declaration a row, and the last says how to make one: they
	 * are made and changed on the F4 sheet only, where every field is
	 * labelled and the member is picked from those present. */
	for (size_t i = 0; i <= f->m->ndeclarations; i++)
		slots_add(f, SLOT_DECL_MEMBER, i);
}

static void build_item(struct form *f, const struct minutes_item *it)
{
	slots_add(f, SLOT_TITLE, 0);
	slots_add(f, SLOT_STARTED, 0);
	slots_add(f, SLOT_ENDED, 0);
	for (size_t i = 0; i <= it->presenters.n; i++) {
		slots_add(f, SLOT_PRES_NAME, i);
		if (i < it->presenters.n)
			slots_add(f, SLOT_PRES_ROLE, i);
	}
	slots_add(f, SLOT_SUMMARY, 0);
	for (size_t i = 0; i <= it->ncomments; i++)
		slots_add(f, SLOT_COMMENT, i);
	slots_add(f, SLOT_DECISION, 0);
	slots_add(f, SLOT_VOTE_FOR, 0);
	slots_add(f, SLOT_VOTE_AGAINST, 0);
	slots_add(f, SLOT_VOTE_ABST, 0);
	for (size_t i = 0; i <= it->nactions; i++) {
		slots_add(f, SLOT_ACT_TEXT, i);
		if (i < it->nactions) {
			slots_add(f, SLOT_ACT_OWNER, i);
			slots_add(f, SLOT_ACT_DUE, i);
		}
	}
	for (size_t i = 0; i <= it->documents.n; i++) {
		slots_add(f, SLOT_DOC_TITLE, i);
		if (i < it->documents.n)
			slots_add(f, SLOT_DOC_REF, i);
	}
}

void form_build(struct form *f)
{
	f->nslots = 0;
	if (f->view == FORM_OPENING)
		build_opening(f);
	else if (f->view == FORM_ITEM && form_item(f))
		build_item(f, form_item(f));
}

size_t form_slot_find(const struct form *f, enum form_slot_kind k, size_t index)
{
	for (size_t i = 0; i < f->nslots; i++)
		if (f->slots[i].kind == k && f->slots[i].index == index)
			return i;
	for (size_t i = 0; i < f->nslots; i++)
		if (f->slots[i].kind == k)
			return i;
	return 0;
}

const struct form_slot *form_focused(const struct form *f)
{
	return f->focus < f->nslots ? &f->slots[f->focus] : NULL;
}

bool form_slot_multiline(enum form_slot_kind k)
{
	return k == SLOT_SUMMARY;
}

bool form_slot_readonly(enum form_slot_kind k)
{
	return k == SLOT_DECL_MEMBER || k == SLOT_DECL_ITEM || k == SLOT_DECL_INTEREST;
}

bool form_slot_is_new(const struct form *f, const struct form_slot *sl)
{
	const struct minutes_item *it = form_item(f);
	switch (sl->kind) {
	case SLOT_DECL_MEMBER: return sl->index >= f->m->ndeclarations;
	case SLOT_PRES_NAME: return it && sl->index >= it->presenters.n;
	case SLOT_COMMENT: return it && sl->index >= it->ncomments;
	case SLOT_ACT_TEXT: return it && sl->index >= it->nactions;
	case SLOT_DOC_TITLE: return it && sl->index >= it->documents.n;
	default: return false;
	}
}

void form_slot_label(const struct form *f, const struct form_slot *sl, char *out, size_t n)
{
	bool fresh = form_slot_is_new(f, sl);
	size_t k = sl->index + 1;
	switch (sl->kind) {
	case SLOT_START: snprintf(out, n, f->begun ? "Started" : "Scheduled"); break;
	case SLOT_VENUE: snprintf(out, n, "Venue"); break;
	case SLOT_DECL_MEMBER:
		snprintf(out, n, fresh ? "Declaration +" : "Declaration %zu", k); break;
	case SLOT_DECL_ITEM: case SLOT_DECL_INTEREST: snprintf(out, n, "  (unused)"); break;
	case SLOT_TITLE: snprintf(out, n, "Title"); break;
	case SLOT_STARTED: snprintf(out, n, "Started"); break;
	case SLOT_ENDED: snprintf(out, n, "Ended"); break;
	case SLOT_PRES_NAME:
		snprintf(out, n, fresh ? "Presenter +" : "Presenter %zu", k); break;
	case SLOT_PRES_ROLE: snprintf(out, n, "  role"); break;
	case SLOT_SUMMARY: snprintf(out, n, "Summary"); break;
	case SLOT_COMMENT: snprintf(out, n, fresh ? "Comment +" : "Comment %zu", k); break;
	case SLOT_DECISION: snprintf(out, n, "Decision"); break;
	case SLOT_VOTE_FOR: snprintf(out, n, "Votes for"); break;
	case SLOT_VOTE_AGAINST: snprintf(out, n, "  against"); break;
	case SLOT_VOTE_ABST: snprintf(out, n, "  abstained"); break;
	case SLOT_ACT_TEXT: snprintf(out, n, fresh ? "Action +" : "Action %zu", k); break;
	case SLOT_ACT_OWNER: snprintf(out, n, "  owner"); break;
	case SLOT_ACT_DUE: snprintf(out, n, "  due"); break;
	case SLOT_DOC_TITLE:
		snprintf(out, n, fresh ? "Document +" : "Document %zu", k); break;
	case SLOT_DOC_REF: snprintf(out, n, "  ref"); break;
	}
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static char *count_text(unsigned v)
{
	char b[16];
	if (!v)
		return xstrdup("");
	snprintf(b, sizeof(b), "%u", v);
	return xstrdup(b);
}

/* "Cllr Jo Reid, item 3: Trustee of a charity (disclosable pecuniary,
 * left the room)", a declaration as the opening lists it. */
static char *declaration_text(const struct declaration *d)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, has(d->member) ? d->member : "(no member)");
	if (has(d->item))
		buf_addf(&b, ", item %s", d->item);
	if (has(d->interest))
		buf_addf(&b, ": %s", d->interest);
	const char *kind = form_proc_kind_words(d->kind);
	if (*kind || d->left_room)
		buf_addf(&b, " (%s%s%s)", kind, *kind && d->left_room ? ", " : "",
			 d->left_room ? "left the room" : "");
	return buf_detach(&b, NULL);
}

static char *meeting_text(const struct minutes *m, const struct form_slot *sl)
{
	switch (sl->kind) {
	case SLOT_START: return xstrdup(m->start);
	case SLOT_VENUE: return dup_or_empty(m->venue);
	case SLOT_DECL_MEMBER: return declaration_text(&m->declarations[sl->index]);
	case SLOT_DECL_ITEM: case SLOT_DECL_INTEREST: return xstrdup("");
	default: return NULL;
	}
}

static char *item_text(const struct minutes_item *it, const struct form_slot *sl)
{
	size_t i = sl->index;
	switch (sl->kind) {
	case SLOT_TITLE: return dup_or_empty(it->title);
	case SLOT_STARTED: return xstrdup(it->started);
	case SLOT_ENDED: return xstrdup(it->ended);
	case SLOT_PRES_NAME: return dup_or_empty(it->presenters.v[i].name);
	case SLOT_PRES_ROLE: return dup_or_empty(it->presenters.v[i].role);
	case SLOT_SUMMARY: return dup_or_empty(it->summary);
	case SLOT_COMMENT: {
		struct buf b = BUF_INIT;
		if (has(it->comments[i].by))
			buf_addf(&b, "%s: ", it->comments[i].by);
		buf_addstr(&b, it->comments[i].text ? it->comments[i].text : "");
		return buf_detach(&b, NULL);
	}
	case SLOT_DECISION: return dup_or_empty(it->decision);
	case SLOT_VOTE_FOR: return count_text(it->votes_for);
	case SLOT_VOTE_AGAINST: return count_text(it->votes_against);
	case SLOT_VOTE_ABST: return count_text(it->votes_abstained);
	case SLOT_ACT_TEXT: return dup_or_empty(it->actions[i].text);
	case SLOT_ACT_OWNER: return dup_or_empty(it->actions[i].owner);
	case SLOT_ACT_DUE: return xstrdup(it->actions[i].due);
	case SLOT_DOC_TITLE: return dup_or_empty(it->documents.v[i].title);
	case SLOT_DOC_REF: return dup_or_empty(it->documents.v[i].ref);
	default: return xstrdup("");
	}
}

char *form_slot_text(const struct form *f, const struct form_slot *sl)
{
	if (sl->kind == SLOT_DECL_MEMBER && form_slot_is_new(f, sl))
		return xstrdup(FORM_DECLARE_HINT);
	if (form_slot_is_new(f, sl))
		return xstrdup("");
	char *t = meeting_text(f->m, sl);
	if (t)
		return t;
	const struct minutes_item *it = form_item(f);
	return it ? item_text(it, sl) : xstrdup("");
}

/* ---- storing ---- */

/* Trims spaces at both ends (and line breaks in single-line text). */
static char *trimmed(const char *s, bool multiline)
{
	while (*s == ' ' || (!multiline && *s == '\n'))
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* "9:5" and "0905" read as 09:05. */
static bool time_parse(const char *s, char out[6])
{
	unsigned h, mi;
	char extra;
	if (!*s) {
		out[0] = 0;
		return true;
	}
	if (sscanf(s, "%u:%u%c", &h, &mi, &extra) == 2 ||
	    (strlen(s) == 4 && sscanf(s, "%2u%2u%c", &h, &mi, &extra) == 2)) {
		if (h < 24 && mi < 60) {
			snprintf(out, 6, "%02u:%02u", h, mi);
			return true;
		}
	}
	return false;
}

static bool count_parse(const char *s, unsigned *v)
{
	unsigned long n = 0;
	if (!*s) {
		*v = 0;
		return true;
	}
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || n > 100000)
			return false;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	*v = (unsigned)n;
	return true;
}

static bool set_text(char **dst, const char *v)
{
	if (!strcmp(*dst ? *dst : "", v))
		return false;
	record_text_set(dst, *v ? v : NULL);
	return true;
}

static bool set_fixed(char *dst, size_t size, const char *v)
{
	if (!strcmp(dst, v))
		return false;
	size_t n = strlen(v);
	if (n >= size)
		n = size - 1;
	memcpy(dst, v, n);
	dst[n] = 0;
	return true;
}

/* What storing a slot did. */
struct stored {
	bool ok;                /* stored (or nothing to store) */
	bool rebuild;           /* an entry came or went: the slots change */
};

static struct stored store_meeting(struct form *f, const struct form_slot *sl,
				   const char *v)
{
	struct minutes *m = f->m;
	struct stored r = { true, false };
	char t[6];
	switch (sl->kind) {
	case SLOT_START:
		if (!time_parse(v, t)) {
			form_say(f, true, "'%s' is not a time; expected HH:MM, such as 11:02", v);
			r.ok = false;
		} else if (set_fixed(m->start, sizeof(m->start), t)) {
			form_changed(f, NULL, "start time set");
			f->begun = *t != 0;
		}
		break;
	case SLOT_VENUE:
		if (set_text(&m->venue, v))
			form_changed(f, NULL, "venue changed");
		break;
	default:
		break;
	}
	return r;
}

/* The lists of an item whose entries come and go with their first
 * field: presenters, comments, actions, documents. */
static struct stored store_entry(struct form *f, struct minutes_item *it,
				 const struct form_slot *sl, const char *v)
{
	struct stored r = { true, false };
	size_t i = sl->index;
	bool fresh = form_slot_is_new(f, sl);
	switch (sl->kind) {
	case SLOT_PRES_NAME:
		if (fresh && *v) {
			people_add(&it->presenters, v, NULL);
			form_changed(f, it, "presenter added");
			r.rebuild = true;
		} else if (!fresh && !*v) {
			people_remove(&it->presenters, i);
			form_changed(f, it, "presenter removed");
			r.rebuild = true;
		} else if (!fresh && set_text(&it->presenters.v[i].name, v))
			form_changed(f, it, "presenter changed");
		break;
	case SLOT_COMMENT: {
		const char *by;
		const char *text = form_speakers_split(f, v, &by);
		if (fresh && *text) {
			minutes_item_add_comment(it, text, by);
			form_changed(f, it, "comment %zu recorded", it->ncomments);
			form_speakers_note(f, it->ncomments - 1, v);
			r.rebuild = true;
		} else if (!fresh && !*text) {
			minutes_item_remove_comment(it, i);
			form_changed(f, it, "comment %zu removed", i + 1);
			f->speaker_flag = 0;
			r.rebuild = true;
		} else if (!fresh) {
			bool a = set_text(&it->comments[i].text, text);
			bool b = set_text(&it->comments[i].by, by ? by : "");
			if (a || b) {
				form_changed(f, it, "comment %zu changed", i + 1);
				form_speakers_note(f, i, v);
			}
		}
		break;
	}
	case SLOT_ACT_TEXT:
		if (fresh && *v) {
			/* The action's stable id, given as it is recorded. */
			minutes_action_id_assign(f->m, minutes_item_add_action(it, v, NULL, NULL),
						 strchr(session_id(f->s), '/') + 1);
			form_changed(f, it, "action %zu recorded", it->nactions);
			r.rebuild = true;
		} else if (!fresh && !*v) {
			minutes_item_remove_action(it, i);
			form_changed(f, it, "action %zu removed", i + 1);
			r.rebuild = true;
		} else if (!fresh && set_text(&it->actions[i].text, v))
			form_changed(f, it, "action %zu changed", i + 1);
		break;
	case SLOT_DOC_TITLE:
		if (fresh && *v) {
			documents_add(&it->documents, v, NULL);
			form_changed(f, it, "document added");
			r.rebuild = true;
		} else if (!fresh && !*v) {
			documents_remove(&it->documents, i);
			form_changed(f, it, "document removed");
			r.rebuild = true;
		} else if (!fresh && set_text(&it->documents.v[i].title, v))
			form_changed(f, it, "document changed");
		break;
	default:
		break;
	}
	return r;
}

static struct stored store_item(struct form *f, struct minutes_item *it,
				const struct form_slot *sl, const char *v)
{
	struct stored r = { true, false };
	size_t i = sl->index;
	char t[6];
	switch (sl->kind) {
	case SLOT_TITLE:
		if (!*v) {
			form_say(f, true, "an item needs a title; the old one is kept");
			r.ok = false;
		} else if (set_text(&it->title, v))
			form_changed(f, it, "title changed");
		break;
	case SLOT_STARTED:
	case SLOT_ENDED:
		if (!time_parse(v, t)) {
			form_say(f, true, "'%s' is not a time; expected HH:MM, such as 11:40", v);
			r.ok = false;
		} else if (set_fixed(sl->kind == SLOT_STARTED ? it->started : it->ended, 6, t))
			form_changed(f, it, "%s time corrected",
				     sl->kind == SLOT_STARTED ? "start" : "end");
		break;
	case SLOT_PRES_ROLE:
		if (set_text(&it->presenters.v[i].role, v))
			form_changed(f, it, "presenter's role changed");
		break;
	case SLOT_SUMMARY: {
		char *keep = trimmed(field_text(f->field, NULL), true);
		if (set_text(&it->summary, keep))
			form_changed(f, it, "summary recorded");
		free(keep);
		break;
	}
	case SLOT_DECISION: {
		char *tidy = form_phrases_tidy(f, v);
		bool changed = set_text(&it->decision, tidy);
		free(tidy);
		if (changed) {
			form_changed(f, it, *v ? "decision recorded" : "decision removed");
			const char *id = form_phrases_confirms(f);
			if (*v && id)
				form_say(f, false, "This item confirms %s: F5 confirms those "
					 "minutes now, signed by the chair.", id);
		}
		break;
	}
	case SLOT_VOTE_FOR:
	case SLOT_VOTE_AGAINST:
	case SLOT_VOTE_ABST: {
		unsigned n, *dst = sl->kind == SLOT_VOTE_FOR ? &it->votes_for
			: sl->kind == SLOT_VOTE_AGAINST ? &it->votes_against
			: &it->votes_abstained;
		if (!count_parse(v, &n)) {
			form_say(f, true, "'%s' is not a number of votes", v);
			r.ok = false;
		} else if (n != *dst) {
			*dst = n;
			form_changed(f, it, "votes recorded");
			form_proc_item_votes(f, it);
		}
		break;
	}
	case SLOT_ACT_OWNER:
		if (set_text(&it->actions[i].owner, v))
			form_changed(f, it, "action %zu owner set", i + 1);
		break;
	case SLOT_ACT_DUE:
		if (*v && !yr_date_valid(v, strlen(v))) {
			form_say(f, true, "'%s' is not a date; expected YYYY-MM-DD, "
				 "such as 2018-04-30", v);
			r.ok = false;
		} else if (set_fixed(it->actions[i].due, sizeof(it->actions[i].due), v))
			form_changed(f, it, "action %zu due date set", i + 1);
		break;
	case SLOT_DOC_REF:
		if (set_text(&it->documents.v[i].ref, v))
			form_changed(f, it, "document changed");
		break;
	default:
		return store_entry(f, it, sl, v);
	}
	return r;
}

bool form_store(struct form *f)
{
	const struct form_slot *focused = form_focused(f);
	if (!f->field || !focused || !f->field_changed)
		return true;
	if (session_read_only(f->s)) {
		f->field_changed = false;
		return true;
	}
	struct form_slot sl = *focused;
	struct minutes_item *it = form_item(f);
	char *v = trimmed(field_text(f->field, NULL), form_slot_multiline(sl.kind));
	struct stored r = { true, false };
	if (sl.kind <= SLOT_DECL_INTEREST)
		r = store_meeting(f, &sl, v);
	else if (it)
		r = store_item(f, it, &sl, v);
	free(v);
	if (r.ok)
		f->field_changed = false;
	if (r.rebuild)
		form_build(f);
	session_touch(f->s);
	return r.ok;
}

void form_load(struct form *f)
{
	const struct form_slot *sl = form_focused(f);
	field_delete(f->field);
	f->field = NULL;
	if (!sl)
		return;
	char *text = form_slot_text(f, sl);
	f->field = field_new(form_slot_multiline(sl->kind)
			     ? FIELD_MULTILINE | FIELD_ENTER_NEWLINE : 0);
	field_set_text(f->field, text, strlen(text));
	free(text);
	f->field_changed = false;
}

bool form_move(struct form *f, long delta)
{
	size_t to;
	struct form_slot was = form_focused(f) ? *form_focused(f)
					       : (struct form_slot){ SLOT_TITLE, 0 };
	size_t before = f->nslots;
	if (!form_store(f))
		return false;
	bool commit_now = (was.kind == SLOT_COMMENT || was.kind == SLOT_DECISION) &&
			  session_pending(f->s);
	/* An emptied entry is gone with its fields: what followed it now
	 * stands where it stood.  (A fresh entry that became a real one keeps
	 * its place, its own fields next.) */
	if (f->nslots < before && delta > 0)
		to = f->focus;
	else if (delta < 0)
		to = (size_t)-delta > f->focus ? 0 : f->focus - (size_t)-delta;
	else
		to = f->focus + (size_t)delta;
	if (to >= f->nslots)
		to = f->nslots ? f->nslots - 1 : 0;
	f->focus = to;
	form_load(f);
	if (commit_now)
		form_commit(f);
	return true;
}

void form_touched(struct form *f)
{
	/* A row only shown (a declaration: F4 changes it) is never stored. */
	const struct form_slot *sl = form_focused(f);
	if (sl && form_slot_readonly(sl->kind))
		return;
	f->field_changed = true;
	session_touch(f->s);
}

void form_set_text(struct form *f, const char *text)
{
	if (!f->field)
		return;
	field_set_text(f->field, text, strlen(text));
	form_touched(f);
}

bool form_typable(struct form *f, wint_t ch)
{
	const struct form_slot *sl = form_focused(f);
	if (!sl || (sl->kind != SLOT_VOTE_FOR && sl->kind != SLOT_VOTE_AGAINST &&
		    sl->kind != SLOT_VOTE_ABST) || (ch >= '0' && ch <= '9') || !iswprint(ch))
		return true;
	form_say(f, true, "a count is digits only: '%lc' not typed", ch);
	return false;
}
