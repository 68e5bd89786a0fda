/* form_nav: moving through the meeting on the clerk's screen. */
#include "tui/edit/form_nav.h"

#include "tui/edit/form.h"
#include "tui/edit/form_journal.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_proc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool has(const char *s)
{
	return s && *s;
}

static void now_hhmm(char out[6])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 6, "%H:%M", &tm);
}

void form_nav_start(struct form *f, const char *journal_state, const char *when)
{
	if (journal_state) {
		form_journal_restore(f, journal_state);
		form_journal_recovered(f, when);
		return;
	}
	/* A meeting begun earlier opens where it stood. */
	size_t last = SIZE_MAX;
	for (size_t i = 0; i < f->m->nitems; i++)
		if (*f->m->items[i]->started)
			last = i;
	if (last != SIZE_MAX) {
		form_nav_enter(f, FORM_HUB);
		f->sel = last + 2;
		/* That item is in hand again: E ends it, another item ends it. */
		f->item = last;
		f->entered = true;
		form_say(f, false, "Welcome back: Enter goes on with item %s.",
			 f->m->items[last]->number);
		return;
	}
	form_nav_enter(f, FORM_ATTENDANCE);
	if (!f->begun && !session_read_only(f->s) && *f->m->start)
		form_say(f, false, "Scheduled for %s: b begins the meeting.", f->m->start);
	else if (!f->begun && !session_read_only(f->s))
		form_say(f, false, "b begins the meeting.");
}

void form_nav_begin(struct form *f)
{
	if (form_refuse_read_only(f))
		return;
	if (f->begun) {
		form_say(f, false, "The meeting began at %s; the opening's Started field "
			 "corrects it.", f->m->start);
		return;
	}
	now_hhmm(f->m->start);
	f->begun = true;
	form_changed(f, NULL, "meeting began %s", f->m->start);
	form_roll_store(&f->roll, f->m);
	form_commit(f);
	form_say(f, false, "The meeting began at %s.", f->m->start);
}

void form_nav_enter(struct form *f, enum form_view v)
{
	f->view = v;
	f->entries++;
	f->speaker_flag = 0;
	form_build(f);
	f->focus = 0;
	form_load(f);
}

/* The item in hand is done with: its end time, unless it has one. */
static void stamp_end(struct form *f)
{
	struct minutes_item *it = form_item(f);
	if (!f->entered || !it || session_read_only(f->s))
		return;
	if (!*it->ended && *it->started && it->status == ITEM_TAKEN) {
		now_hhmm(it->ended);
		form_changed(f, it, "ended %s", it->ended);
	}
}

bool form_nav_leave(struct form *f)
{
	if (!form_store(f))
		return false;
	if (f->view == FORM_ATTENDANCE && !session_read_only(f->s))
		form_roll_store(&f->roll, f->m);
	form_commit(f);
	return true;
}

void form_nav_item(struct form *f, size_t i)
{
	bool other = f->entered && f->item != i;
	if (other)
		stamp_end(f);
	f->item = i;
	f->entered = true;
	form_nav_enter(f, FORM_ITEM);
	struct minutes_item *it = form_item(f);
	if (!it)
		return;
	bool first = false;
	if (!*it->started && it->status == ITEM_TAKEN && !session_read_only(f->s)) {
		now_hhmm(it->started);
		form_changed(f, it, "started %s", it->started);
		first = true;
	}
	if (first && !f->begun) {
		/* An item taken is a meeting going on; its start is what it
		 * says until the clerk corrects it. */
		f->begun = true;
		form_say(f, false, "The meeting was not begun with b: its start stays %s; "
			 "the opening's Started field corrects it.",
			 *f->m->start ? f->m->start : "unset");
	}
	/* Taken for the first time with presenters: the summary opens with
	 * the Chair introducing them, on screen, the clerk's to keep, edit or
	 * clear (the published minutes add nothing unseen).  It is the
	 * model's at once, in the same change as the start time, so that a
	 * crash keeps both or neither (and then the item is taken again). */
	bool intro = false;
	if (it->presenters.n && (first || has(it->summary))) {
		struct buf b = BUF_INIT;
		form_phrases_introduced(&it->presenters, &b);
		if (b.len && first && !has(it->summary)) {
			record_text_set(&it->summary, b.data);
			intro = true;
		} else if (b.len && has(it->summary)) {
			/* The opening alone, come back to: type on after it too. */
			intro = !strcmp(it->summary, b.data);
		}
		buf_free(&b);
	}
	/* After that note: the quorum and the interests declared matter more. */
	form_proc_item_taken(f);
	if (other)
		form_commit(f);
	/* Straight to where the clerk will type: the summary of an item not
	 * yet begun, else a fresh comment. */
	if ((intro || !has(it->summary)) && !it->ncomments)
		f->focus = form_slot_find(f, SLOT_SUMMARY, 0);
	else
		f->focus = form_slot_find(f, SLOT_COMMENT, it->ncomments);
	form_load(f);
	/* The clerk types on after the opening, in a paragraph of its own. */
	if (intro && form_focused(f) && form_focused(f)->kind == SLOT_SUMMARY) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s\n\n", it->summary);
		form_set_text(f, b.data);
		field_set_cursor(f->field, b.len);
		buf_free(&b);
	}
}

/* The first item from i on (step 1) or back (step -1) that is taken:
 * ^N and ^P step over withdrawn and deferred ones.  SIZE_MAX for none. */
static size_t taken_from(const struct form *f, size_t i, int step)
{
	for (; i < f->m->nitems; i += (size_t)(long)step)
		if (f->m->items[i]->status == ITEM_TAKEN)
			return i;
	return SIZE_MAX;
}

void form_nav_next(struct form *f)
{
	if (!form_nav_leave(f))
		return;
	switch (f->view) {
	case FORM_ATTENDANCE:
		form_nav_enter(f, FORM_OPENING);
		f->focus = form_slot_find(f, SLOT_DECL_MEMBER, f->m->ndeclarations);
		form_load(f);
		break;
	case FORM_OPENING:
		if (f->m->nitems) {
			size_t i = f->entered ? f->item : 0;
			if (!f->entered || f->m->items[i]->status != ITEM_TAKEN)
				i = taken_from(f, i, 1);
			form_nav_item(f, i < f->m->nitems ? i : 0);
		} else {
			form_nav_enter(f, FORM_HUB);
			form_say(f, false, "this meeting has no items yet: u adds one");
		}
		break;
	case FORM_ITEM:
		if (taken_from(f, f->item + 1, 1) < f->m->nitems) {
			form_nav_item(f, taken_from(f, f->item + 1, 1));
		} else {
			form_nav_enter(f, FORM_HUB);
			f->sel = f->m->nitems + 2;
			form_say(f, false, "that was the last item; Enter on \"End the "
				 "meeting\" ends it");
		}
		break;
	default:
		break;
	}
}

void form_nav_prev(struct form *f)
{
	if (!form_nav_leave(f))
		return;
	size_t back = f->item > 0 ? taken_from(f, f->item - 1, -1) : SIZE_MAX;
	if (f->view == FORM_ITEM && back < f->m->nitems)
		form_nav_item(f, back);
	else if (f->view == FORM_ITEM)
		form_nav_enter(f, FORM_OPENING);
	else if (f->view == FORM_OPENING)
		form_nav_enter(f, FORM_ATTENDANCE);
}

size_t form_nav_hub_rows(const struct form *f)
{
	return f->m->nitems + 3;
}

static void go_hub(struct form *f)
{
	if (!form_nav_leave(f))
		return;
	enum form_view from = f->view;
	form_nav_enter(f, FORM_HUB);
	f->sel = from == FORM_ATTENDANCE ? 0 : from == FORM_OPENING ? 1
		: f->entered ? f->item + 2 : 0;
}

void form_nav_back(struct form *f)
{
	if (f->view == FORM_HUB) {
		if (f->entered)
			form_nav_item(f, f->item);
		else
			form_nav_enter(f, FORM_ATTENDANCE);
	} else if (f->view == FORM_END) {
		form_nav_enter(f, FORM_HUB);
		f->sel = form_nav_hub_rows(f) - 1;
	} else {
		go_hub(f);
	}
}

void form_nav_open(struct form *f)
{
	if (f->sel == 0) {
		form_nav_enter(f, FORM_ATTENDANCE);
		f->sel = 0;
	} else if (f->sel == 1) {
		form_nav_enter(f, FORM_OPENING);
	} else if (f->sel - 2 < f->m->nitems) {
		form_nav_item(f, f->sel - 2);
	} else {
		form_nav_end(f);
	}
}

const char *form_nav_item_state(const struct minutes_item *it)
{
	if (it->status == ITEM_WITHDRAWN)
		return "withdrawn";
	if (it->status == ITEM_DEFERRED)
		return "deferred";
	if (minutes_item_decided(it))
		return "decided";       /* typed, or a motion carried (F3) */
	if (*it->ended)
		return "ended";         /* taken and left, with no decision */
	if (*it->started || has(it->summary) || it->ncomments)
		return "in progress";
	return "untouched";
}

struct minutes_item *form_nav_selected(const struct form *f)
{
	return f->sel >= 2 && f->sel - 2 < f->m->nitems ? f->m->items[f->sel - 2] : NULL;
}

void form_nav_status(struct form *f, enum item_status st, const char *reason)
{
	if (form_refuse_read_only(f))
		return;
	struct minutes_item *it = form_nav_selected(f);
	if (!it) {
		form_say(f, true, "select an item first");
		return;
	}
	const char *why = st == ITEM_TAKEN || !reason || !*reason ? NULL : reason;
	bool reason_changed = strcmp(why ? why : "", it->reason ? it->reason : "") != 0;
	if (it->status != st || reason_changed) {
		it->status = st;
		record_text_set(&it->reason, why);
		form_changed(f, it, "%s", st == ITEM_TAKEN ? "taken"
			     : !why ? minutes_item_status_name(st)
			     : st == ITEM_DEFERRED ? "deferred, with its reason"
			     : "withdrawn, with its reason");
		form_proc_status_changed(f, it);
		form_commit(f);
	}
}

/* The number without its letter: "5" of "5a". */
static size_t number_base(const char *n)
{
	size_t len = strlen(n);
	while (len > 1 && n[len - 1] >= 'a' && n[len - 1] <= 'z')
		len--;
	return len;
}

/* True when `n` is `base` (len bytes) and one letter. */
static bool lettered(const char *n, const char *base, size_t len)
{
	return strlen(n) == len + 1 && !strncmp(n, base, len) && n[len] >= 'a' &&
	       n[len] <= 'z';
}

char *form_nav_urgent_number(const struct minutes *m, size_t at)
{
	const char *n = at < m->nitems && m->items[at]->number ? m->items[at]->number : "";
	size_t len = number_base(n);
	char top = 0;
	for (size_t i = 0; i < m->nitems; i++) {
		const char *o = m->items[i]->number ? m->items[i]->number : "";
		if (lettered(o, n, len) && o[len] > top)
			top = o[len];
	}
	struct buf b = BUF_INIT;
	buf_add(&b, n, len);
	buf_addch(&b, top ? (char)(top < 'z' ? top + 1 : 'z') : 'a');
	return buf_detach(&b, NULL);
}

void form_nav_urgent(struct form *f, const char *title)
{
	struct minutes_item *sel = form_nav_selected(f);
	size_t anchor = f->entered && f->item < f->m->nitems ? f->item
		: sel ? f->sel - 2 : f->m->nitems;
	size_t at = f->m->nitems;
	char *num;
	if (anchor < f->m->nitems) {
		/* Right after the anchor and the urgent items already after it. */
		const char *an = f->m->items[anchor]->number ? f->m->items[anchor]->number : "";
		size_t len = number_base(an);
		at = anchor + 1;
		while (at < f->m->nitems && f->m->items[at]->number &&
		       lettered(f->m->items[at]->number, an, len))
			at++;
		num = form_nav_urgent_number(f->m, anchor);
	} else {
		unsigned long top = 0;
		for (size_t i = 0; i < f->m->nitems; i++) {
			unsigned long n = strtoul(f->m->items[i]->number, NULL, 10);
			if (n > top)
				top = n;
		}
		struct buf b = BUF_INIT;
		buf_addf(&b, "%lu", top + 1);
		num = buf_detach(&b, NULL);
	}
	struct minutes_item *it = minutes_insert_item(f->m, at, num, title);
	it->urgent = true;
	/* The rows after it move down a row: the selection and the item in
	 * hand stay on what they were. */
	if (f->sel >= 2 && f->sel - 2 >= at)
		f->sel++;
	if (f->entered && f->item >= at)
		f->item++;
	session_touch_all(f->s);
	form_changed(f, it, "added as urgent business");
	form_commit(f);
	form_say(f, false, "item %s added as urgent business; it is the row after "
		 "item %s", num, at ? f->m->items[at - 1]->number : "?");
	free(num);
}

void form_nav_save(struct form *f)
{
	if (!form_store(f))
		return;
	if (f->view == FORM_ATTENDANCE)
		form_roll_store(&f->roll, f->m);
	form_commit(f);
	if (session_save_error(f->s))
		return;
	if (session_commits_pending(f->s))
		form_say(f, false, "committing");
	else
		form_say(f, false, "committed %s", session_last_commit(f->s));
}

void form_nav_end(struct form *f)
{
	if (!form_nav_leave(f))
		return;
	if (!session_read_only(f->s)) {
		stamp_end(f);
		now_hhmm(f->m->end);
		form_changed(f, NULL, "meeting ended %s", f->m->end);
		form_commit(f);
	}
	f->ended = true;
	form_nav_enter(f, FORM_END);
}

void form_nav_missing(const struct form *f, struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < f->m->nitems; i++) {
		const struct minutes_item *it = f->m->items[i];
		if (it->status != ITEM_TAKEN)
			continue;
		if (!minutes_item_decided(it)) {
			buf_addf(out, "item %s %s: no decision\n", it->number, it->title);
			n++;
		}
		for (size_t j = 0; j < it->nactions; j++)
			if (!has(it->actions[j].owner)) {
				buf_addf(out, "item %s %s: action %zu has no owner\n",
					 it->number, it->title, j + 1);
				n++;
			}
	}
	if (!f->m->present.n) {
		buf_addstr(out, "attendance: nobody is marked present\n");
		n++;
	}
	if (!n)
		buf_addstr(out, "Nothing is missing: every item has its decision and "
			   "every action its owner.\n");
}

char *form_nav_finish(struct form *f)
{
	form_store(f);
	if (f->view == FORM_ATTENDANCE && !session_read_only(f->s))
		form_roll_store(&f->roll, f->m);
	form_journal_write(f, true);
	form_commit(f);
	session_flush(f->s);            /* the commits in flight land first */
	struct buf b = BUF_INIT;
	if (session_save_error(f->s)) {
		buf_addf(&b, "the last save failed: %s\nThe journal keeps your work; "
			 "gavel run %s restores it.\n", session_save_error(f->s),
			 session_id(f->s));
	} else if (f->ended) {
		buf_addf(&b, "%s: the meeting ended at %s; minutes committed as %s.\n",
			 session_id(f->s), f->m->end, session_last_commit(f->s));
		form_nav_missing(f, &b);
	}
	char *out = b.len ? buf_detach(&b, NULL) : NULL;
	buf_free(&b);
	return out;
}
