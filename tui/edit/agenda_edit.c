/* agenda_edit: the agenda screen's model (see agenda_edit.h). */
#include "tui/edit/agenda_edit.h"

#include "minutes/base/utf8.h"
#include "minutes/format/slug.h"
#include "minutes/format/yamlread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* ---- a new agenda ---- */

static const struct standard_item default_items[] = {
	{ "Apologies for absence", NULL, STANDARD_APOLOGIES },
	{ "Declarations of interest", NULL, STANDARD_DECLARATIONS },
	{ "Minutes of the previous meeting", NULL, STANDARD_MINUTES },
	{ "Matters arising", NULL, STANDARD_MATTERS_ARISING },
	{ "Any other business", NULL, STANDARD_AOB },
};

struct agenda *agenda_edit_start(const char *committee, const char *date,
				 const struct committee *c, const char *previous)
{
	struct agenda *a = agenda_new(committee, date);
	const struct standard_item *v = default_items;
	size_t n = sizeof(default_items) / sizeof(*default_items);
	if (c && c->nstandard) {
		v = c->standard_items;
		n = c->nstandard;
	}
	unsigned k = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == STANDARD_MINUTES && !previous)
			continue;
		char num[16];
		snprintf(num, sizeof(num), "%u", ++k);
		struct agenda_item *it = agenda_add_item(a, num, v[i].title);
		if (v[i].purpose && *v[i].purpose)
			it->purpose = xstrdup(v[i].purpose);
		if (v[i].kind == STANDARD_MINUTES)
			it->confirms = xstrdup(previous);
	}
	return a;
}

/* ---- matching the minutes ---- */

bool agenda_edit_item_has_minutes(const struct minutes_item *it)
{
	return !minutes_item_untaken(it);
}

static size_t minutes_index(const struct minutes *m, const char *number)
{
	for (size_t i = 0; m && i < m->nitems; i++)
		if (m->items[i]->number && !strcmp(m->items[i]->number, number))
			return i;
	return (size_t)-1;
}

struct minutes_item *agenda_edit_minutes_item(const struct agenda_edit *e,
					      const char *number)
{
	size_t i = minutes_index(e->minutes, number);
	return i == (size_t)-1 ? NULL : e->minutes->items[i];
}

static ssize_t agenda_index(const struct agenda *a, const char *number)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (!strcmp(a->items[i].number, number))
			return (ssize_t)i;
	return -1;
}

/* Puts the minutes' items in the agenda's order: each agenda item's
 * minutes item, followed by the items not on the agenda that followed it
 * before; those before every agenda item stay first. */
static void order_minutes(struct agenda_edit *e)
{
	struct minutes *m = e->minutes;
	if (!m || m->nitems < 2)
		return;
	size_t n = m->nitems;
	struct minutes_item **out = xcalloc(n, sizeof(*out));
	bool *used = xcalloc(n, sizeof(*used));
	size_t k = 0;
	/* Leading items not on the agenda. */
	for (size_t i = 0; i < n && agenda_index(e->agenda, m->items[i]->number) < 0; i++) {
		out[k++] = m->items[i];
		used[i] = true;
	}
	for (size_t j = 0; j < e->agenda->nitems; j++) {
		size_t i = minutes_index(m, e->agenda->items[j].number);
		if (i == (size_t)-1 || used[i])
			continue;
		out[k++] = m->items[i];
		used[i] = true;
		for (size_t f = i + 1; f < n && !used[f] &&
		     agenda_index(e->agenda, m->items[f]->number) < 0; f++) {
			out[k++] = m->items[f];
			used[f] = true;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!used[i])
			out[k++] = m->items[i];
	memcpy(m->items, out, n * sizeof(*out));
	free(out);
	free(used);
}

/* The minutes' item for agenda item `ai`, added when missing. */
static struct minutes_item *minutes_for(struct agenda_edit *e, const struct agenda_item *ai)
{
	if (!e->minutes)
		return NULL;
	struct minutes_item *it = agenda_edit_minutes_item(e, ai->number);
	if (it)
		return it;
	it = minutes_add_item(e->minutes, ai->number, ai->title);
	people_copy(&it->presenters, &ai->presenters);
	documents_copy(&it->documents, &ai->documents);
	if (ai->exempt)
		it->exempt = xstrdup(ai->exempt);
	return it;
}

/* ---- checks ---- */

static bool text_ok(const char *s, const char *what, bool required, struct buf *err)
{
	if (!s || !*s) {
		if (required)
			buf_addf(err, "%s cannot be empty", what);
		return !required;
	}
	size_t len = strlen(s);
	if (!utf8_clean(s, len, NULL) || strchr(s, '\n')) {
		buf_addf(err, "%s must be one line of text without control characters", what);
		return false;
	}
	if (s[0] == ' ' || s[len - 1] == ' ') {
		buf_addf(err, "%s cannot start or end with a space", what);
		return false;
	}
	return true;
}

bool agenda_edit_ref_valid(const char *ref, struct buf *err)
{
	if (!ref || !*ref)
		return true;
	if (!text_ok(ref, "the document's reference", false, err))
		return false;
	if (!strncmp(ref, "http://", 7) || !strncmp(ref, "https://", 8))
		return strlen(ref) > 8 + (ref[4] == 's');
	if (strstr(ref, "://")) {
		buf_addf(err, "'%s': a URL must start with http:// or https://", ref);
		return false;
	}
	if (ref[0] == '/' || !strcmp(ref, "..") || !strncmp(ref, "../", 3) ||
	    strstr(ref, "/../") || (strlen(ref) >= 3 && !strcmp(ref + strlen(ref) - 3, "/.."))) {
		buf_addf(err, "'%s': expected a path inside the repository (no leading /, "
			 "no ..) or a URL", ref);
		return false;
	}
	return true;
}

bool agenda_edit_check(const struct agenda_edit *e, size_t i, enum agenda_field f,
		       const char *value, struct buf *err)
{
	buf_reset(err);
	switch (f) {
	case AF_NUMBER: {
		if (!text_ok(value, "an item's number", true, err))
			return false;
		ssize_t j = agenda_index(e->agenda, value);
		if (j >= 0 && (size_t)j != i) {
			buf_addf(err, "item %s is on the agenda already (\"%s\")", value,
				 e->agenda->items[j].title);
			return false;
		}
		/* An urgent item of the minutes may hold the number too. */
		struct minutes_item *it = agenda_edit_minutes_item(e, value);
		if (it && j < 0 && i < e->agenda->nitems &&
		    strcmp(e->agenda->items[i].number, value)) {
			buf_addf(err, "the minutes have an item %s already (\"%s\")", value,
				 it->title);
			return false;
		}
		return true;
	}
	case AF_TITLE:
		return text_ok(value, "the title", true, err);
	case AF_PURPOSE:
		return text_ok(value, "the purpose", false, err);
	case AF_EXEMPT:
		return text_ok(value, "the reason for exemption", false, err);
	case AF_CONFIRMS: {
		if (!value || !*value)
			return true;
		if (!slug_meeting_id_valid(value)) {
			buf_addf(err, "'%s' is not a meeting id; expected committee/YYYY-MM-DD", value);
			return false;
		}
		const char *slash = strchr(value, '/');
		if (e->minutes && !strcmp(slash + 1, e->agenda->date)) {
			buf_addf(err, "a meeting cannot confirm its own minutes");
			return false;
		}
		if (strcmp(slash + 1, e->agenda->date) > 0) {
			buf_addf(err, "%s is after this meeting (%s)", value, e->agenda->date);
			return false;
		}
		return true;
	}
	}
	return false;
}

/* ---- changes ---- */

#define REFUSE(err, ...) (buf_reset(err), buf_addf(err, __VA_ARGS__), -1)

#define say(what, ...) do { if (what) buf_addf((what), __VA_ARGS__); } while (0)

/* Every reference to item number `from` in the minutes becomes `to`. */
static void minutes_renumber(struct minutes *m, const char *from, const char *to)
{
	if (!m)
		return;
	size_t mi = minutes_index(m, from);
	if (mi != (size_t)-1)
		record_text_set(&m->items[mi]->number, to);
	for (size_t i = 0; i < m->ndeclarations; i++)
		if (m->declarations[i].item && !strcmp(m->declarations[i].item, from))
			record_text_set(&m->declarations[i].item, to);
	struct people *lists[] = { &m->present, &m->apologies, &m->in_attendance, &m->absent };
	for (size_t l = 0; l < sizeof(lists) / sizeof(*lists); l++)
		for (size_t p = 0; p < lists[l]->n; p++) {
			struct person *pe = &lists[l]->v[p];
			if (pe->arrived_during && !strcmp(pe->arrived_during, from))
				record_text_set(&pe->arrived_during, to);
			if (pe->left_during && !strcmp(pe->left_during, from))
				record_text_set(&pe->left_during, to);
		}
}

/* The whole number a number starts with ("3", "3a": 3), with *rest after
 * its digits; false when it starts with none (or one too large to be an
 * item's). */
static bool leading_number(const char *s, unsigned long *v, const char **rest)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	unsigned long n = 0;
	while (*s >= '0' && *s <= '9' && n < 100000)
		n = n * 10 + (unsigned long)(*s++ - '0');
	*v = n;
	*rest = s;
	return n < 100000;
}

/* One past the highest whole number of the agenda and the minutes. */
static unsigned long past_highest(const struct agenda_edit *e)
{
	unsigned long top = 0, v;
	const char *rest;
	for (size_t i = 0; i < e->agenda->nitems; i++)
		if (leading_number(e->agenda->items[i].number, &v, &rest) && v > top)
			top = v;
	for (size_t i = 0; e->minutes && i < e->minutes->nitems; i++)
		if (leading_number(e->minutes->items[i]->number, &v, &rest) && v > top)
			top = v;
	return top + 1;
}

/* A number to change: agenda item `i` (or the minutes' item `mi`, not on
 * the agenda, when i is -1) from `from` to `to`. */
struct shift {
	ssize_t i;
	char *from, to[40];
};

/* Makes room for a new item numbered k at position `at`: every agenda
 * item from `at` on, and every item of the minutes not on the agenda
 * (urgent business, "3a"), whose number starts with k or more goes one
 * up, keeping its letters ("3a" -> "4a").  Returns how many numbers
 * changed, or -1 when the numbers are not in order around `at` (an
 * earlier item numbered k or more), so shifting would not keep them
 * unique. */
static ssize_t make_room(struct agenda_edit *e, size_t at, unsigned long k)
{
	struct agenda *a = e->agenda;
	struct minutes *m = e->minutes;
	unsigned long v;
	const char *rest;
	for (size_t i = 0; i < at; i++)
		if (leading_number(a->items[i].number, &v, &rest) && v >= k)
			return -1;
	size_t cap = a->nitems + (m ? m->nitems : 0), n = 0;
	struct shift *sh = xcalloc(cap ? cap : 1, sizeof(*sh));
	for (size_t i = at; i < a->nitems; i++)
		if (leading_number(a->items[i].number, &v, &rest) && v >= k) {
			sh[n].i = (ssize_t)i;
			sh[n].from = a->items[i].number;
			snprintf(sh[n++].to, sizeof(sh->to), "%lu%s", v + 1, rest);
		}
	for (size_t j = 0; m && j < m->nitems; j++) {
		const char *num = m->items[j]->number;
		if (agenda_index(a, num ? num : "") < 0 && leading_number(num, &v, &rest) &&
		    v >= k) {
			sh[n].i = -1;
			sh[n].from = m->items[j]->number;
			snprintf(sh[n++].to, sizeof(sh->to), "%lu%s", v + 1, rest);
		}
	}
	/* Every new number must be free: held by nothing, or by an item that
	 * moves on itself. */
	char knum[24];
	snprintf(knum, sizeof(knum), "%lu", k);
	for (size_t s = 0; s <= n; s++) {
		const char *want = s < n ? sh[s].to : knum;
		bool held = agenda_index(a, want) >= 0 || minutes_index(m, want) != (size_t)-1;
		for (size_t t = 0; held && t < n; t++)
			held = strcmp(sh[t].from, want) != 0;
		if (held) {
			free(sh);
			return -1;
		}
	}
	/* Through temporary numbers, so that 3 -> 4 and 4 -> 5 never meet. */
	for (size_t s = 0; s < n; s++) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "\x01%zu", s);
		char *from = xstrdup(sh[s].from);
		minutes_renumber(m, from, tmp);
		if (sh[s].i >= 0)
			record_text_set(&a->items[sh[s].i].number, tmp);
		free(from);
	}
	for (size_t s = 0; s < n; s++) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "\x01%zu", s);
		minutes_renumber(m, tmp, sh[s].to);
		if (sh[s].i >= 0)
			record_text_set(&a->items[sh[s].i].number, sh[s].to);
	}
	free(sh);
	return (ssize_t)n;
}

int agenda_edit_add(struct agenda_edit *e, size_t at, const char *title,
		    struct buf *what, struct buf *err)
{
	buf_reset(err);
	if (!text_ok(title, "the title", true, err))
		return -1;
	struct agenda *a = e->agenda;
	if (at > a->nitems)
		at = a->nitems;
	/* Numbered by its place: one past the item before it. */
	unsigned long k = 1, v;
	const char *rest;
	if (at > 0 && leading_number(a->items[at - 1].number, &v, &rest))
		k = v + 1;
	ssize_t moved = make_room(e, at, k);
	if (moved < 0)
		k = past_highest(e);
	char num[24];
	snprintf(num, sizeof(num), "%lu", k);
	agenda_add_item(a, num, title);
	if (at < a->nitems - 1) {
		struct agenda_item tmp = a->items[a->nitems - 1];
		memmove(&a->items[at + 1], &a->items[at], (a->nitems - 1 - at) * sizeof(tmp));
		a->items[at] = tmp;
	}
	minutes_for(e, &a->items[at]);
	order_minutes(e);
	say(what, "item %s added: %s", num, title);
	if (moved > 0)
		say(what, " (the %s after it renumbered)", moved == 1 ? "item" : "items");
	return 0;
}

int agenda_edit_remove(struct agenda_edit *e, size_t i, struct buf *what,
		       struct buf *err)
{
	struct agenda *a = e->agenda;
	buf_reset(err);
	if (i >= a->nitems)
		return REFUSE(err, "there is no item to remove");
	struct agenda_item *ai = &a->items[i];
	size_t mi = minutes_index(e->minutes, ai->number);
	if (mi != (size_t)-1 && agenda_edit_item_has_minutes(e->minutes->items[mi]))
		return REFUSE(err, "item %s (%s) already has minutes and cannot be removed; "
			      "in gavel run, mark it withdrawn or deferred instead",
			      ai->number, ai->title);
	if (what)
		buf_addf(what, "item %s removed: %s", ai->number, ai->title);
	if (mi != (size_t)-1) {
		struct minutes *m = e->minutes;
		minutes_free_item(m->items[mi]);
		memmove(&m->items[mi], &m->items[mi + 1], (m->nitems - mi - 1) * sizeof(*m->items));
		m->nitems--;
	}
	agenda_item_clear(ai);
	memmove(&a->items[i], &a->items[i + 1], (a->nitems - i - 1) * sizeof(*a->items));
	a->nitems--;
	return 0;
}

int agenda_edit_move(struct agenda_edit *e, size_t i, int delta, struct buf *what,
		     struct buf *err)
{
	struct agenda *a = e->agenda;
	buf_reset(err);
	if (i >= a->nitems || (delta < 0 && i == 0) || (delta > 0 && i + 1 >= a->nitems))
		return REFUSE(err, delta < 0 ? "the item is first already"
			      : "the item is last already");
	size_t j = delta < 0 ? i - 1 : i + 1;
	struct agenda_item tmp = a->items[i];
	a->items[i] = a->items[j];
	a->items[j] = tmp;
	order_minutes(e);
	say(what, "item %s moved %s", a->items[j].number, delta < 0 ? "up" : "down");
	return 0;
}

int agenda_edit_renumber(struct agenda_edit *e, struct buf *what, struct buf *err)
{
	struct agenda *a = e->agenda;
	buf_reset(err);
	size_t n = a->nitems, changed = 0;
	char (*want)[24] = xcalloc(n ? n : 1, sizeof(*want));
	for (size_t i = 0; i < n; i++) {
		snprintf(want[i], sizeof(*want), "%zu", i + 1);
		changed += strcmp(a->items[i].number, want[i]) != 0;
	}
	/* A new number held by an item of the minutes that is not on the
	 * agenda would make two items one. */
	for (size_t i = 0; e->minutes && i < n; i++) {
		struct minutes_item *it = agenda_edit_minutes_item(e, want[i]);
		if (it && agenda_index(a, want[i]) < 0) {
			free(want);
			return REFUSE(err, "the minutes have an item %s not on the agenda (%s); "
				      "renumber by hand", it->number, it->title);
		}
	}
	if (!changed) {
		free(want);
		return 0;
	}
	/* Through temporary numbers, so that 2 -> 3 and 3 -> 2 never meet. */
	for (size_t i = 0; i < n; i++) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "\x01%zu", i);
		minutes_renumber(e->minutes, a->items[i].number, tmp);
		record_text_set(&a->items[i].number, tmp);
	}
	for (size_t i = 0; i < n; i++) {
		minutes_renumber(e->minutes, a->items[i].number, want[i]);
		record_text_set(&a->items[i].number, want[i]);
	}
	free(want);
	if (what)
		buf_addf(what, "items renumbered 1 to %zu", n);
	return 0;
}

static const char *const field_names[] = {
	[AF_NUMBER] = "number", [AF_TITLE] = "title", [AF_PURPOSE] = "purpose",
	[AF_CONFIRMS] = "confirms", [AF_EXEMPT] = "exemption",
};

int agenda_edit_set(struct agenda_edit *e, size_t i, enum agenda_field f,
		    const char *value, struct buf *what, struct buf *err)
{
	if (i >= e->agenda->nitems)
		return REFUSE(err, "there is no item %zu", i + 1);
	if (!agenda_edit_check(e, i, f, value, err))
		return -1;
	struct agenda_item *ai = &e->agenda->items[i];
	const char *v = value && *value ? value : NULL;
	char **slot = f == AF_NUMBER ? &ai->number : f == AF_TITLE ? &ai->title
		      : f == AF_PURPOSE ? &ai->purpose : f == AF_CONFIRMS ? &ai->confirms
		      : &ai->exempt;
	if ((!*slot && !v) || (*slot && v && !strcmp(*slot, v)))
		return 0;
	struct minutes_item *it = agenda_edit_minutes_item(e, ai->number);
	if (what) {
		if (f == AF_NUMBER)
			buf_addf(what, "item %s renumbered %s", ai->number, v);
		else
			buf_addf(what, "item %s: %s %s", ai->number, field_names[f],
				 v ? "set" : "cleared");
	}
	if (f == AF_NUMBER)
		minutes_renumber(e->minutes, ai->number, v);
	else if (it && f == AF_TITLE)
		record_text_set(&it->title, v);
	else if (it && f == AF_EXEMPT)
		record_text_set(&it->exempt, v);
	record_text_set(slot, v);
	return 0;
}

/* ---- presenters and documents ---- */

static bool same_people(const struct people *a, const struct people *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, b->v[i].name))
			return false;
	return true;
}

int agenda_edit_add_presenter(struct agenda_edit *e, size_t i, const char *name,
			      const char *role, struct buf *what, struct buf *err)
{
	buf_reset(err);
	if (i >= e->agenda->nitems)
		return REFUSE(err, "there is no item %zu", i + 1);
	if (!text_ok(name, "the presenter's name", true, err) ||
	    !text_ok(role, "the presenter's role", false, err))
		return -1;
	struct agenda_item *ai = &e->agenda->items[i];
	for (size_t p = 0; p < ai->presenters.n; p++)
		if (!strcmp(ai->presenters.v[p].name, name))
			return REFUSE(err, "%s presents item %s already", name, ai->number);
	struct minutes_item *it = agenda_edit_minutes_item(e, ai->number);
	/* The minutes' presenters follow the agenda's while the clerk has not
	 * changed them. */
	bool follow = it && same_people(&it->presenters, &ai->presenters);
	people_add(&ai->presenters, name, role && *role ? role : NULL);
	if (follow)
		people_add(&it->presenters, name, role && *role ? role : NULL);
	say(what, "item %s: presenter %s added", ai->number, name);
	return 0;
}

int agenda_edit_remove_presenter(struct agenda_edit *e, size_t i, size_t p,
				 struct buf *what, struct buf *err)
{
	buf_reset(err);
	if (i >= e->agenda->nitems || p >= e->agenda->items[i].presenters.n)
		return REFUSE(err, "there is no presenter to remove");
	struct agenda_item *ai = &e->agenda->items[i];
	struct minutes_item *it = agenda_edit_minutes_item(e, ai->number);
	bool follow = it && same_people(&it->presenters, &ai->presenters);
	say(what, "item %s: presenter %s removed", ai->number, ai->presenters.v[p].name);
	people_remove(&ai->presenters, p);
	if (follow)
		people_remove(&it->presenters, p);
	return 0;
}

static bool same_documents(const struct documents *a, const struct documents *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].title, b->v[i].title))
			return false;
	return true;
}

int agenda_edit_add_document(struct agenda_edit *e, size_t i, const char *title,
			     const char *ref, struct buf *what, struct buf *err)
{
	buf_reset(err);
	if (i >= e->agenda->nitems)
		return REFUSE(err, "there is no item %zu", i + 1);
	if (!text_ok(title, "the document's title", true, err) || !agenda_edit_ref_valid(ref, err))
		return -1;
	struct agenda_item *ai = &e->agenda->items[i];
	struct minutes_item *it = agenda_edit_minutes_item(e, ai->number);
	bool follow = it && same_documents(&it->documents, &ai->documents);
	documents_add(&ai->documents, title, ref && *ref ? ref : NULL);
	if (follow)
		documents_add(&it->documents, title, ref && *ref ? ref : NULL);
	say(what, "item %s: document added: %s", ai->number, title);
	return 0;
}

int agenda_edit_remove_document(struct agenda_edit *e, size_t i, size_t k,
				struct buf *what, struct buf *err)
{
	buf_reset(err);
	if (i >= e->agenda->nitems || k >= e->agenda->items[i].documents.n)
		return REFUSE(err, "there is no document to remove");
	struct agenda_item *ai = &e->agenda->items[i];
	struct minutes_item *it = agenda_edit_minutes_item(e, ai->number);
	bool follow = it && same_documents(&it->documents, &ai->documents);
	say(what, "item %s: document removed: %s", ai->number, ai->documents.v[k].title);
	documents_remove(&ai->documents, k);
	if (follow)
		documents_remove(&it->documents, k);
	return 0;
}

/* ---- the meeting ---- */

int agenda_edit_set_meeting(struct agenda_edit *e, enum agenda_meeting_field f,
			    const char *value, struct buf *what, struct buf *err)
{
	struct agenda *a = e->agenda;
	buf_reset(err);
	const char *v = value && *value ? value : NULL;
	if (f == AM_START) {
		if (v && !yr_time_valid(v, strlen(v)))
			return REFUSE(err, "'%s' is not a time; expected a 24-hour HH:MM, "
				      "such as 18:30", v);
		if (!strcmp(a->start, v ? v : ""))
			return 0;
		snprintf(a->start, sizeof(a->start), "%s", v ? v : "");
		if (e->minutes)
			snprintf(e->minutes->start, sizeof(e->minutes->start), "%s", v ? v : "");
		say(what, "start %s%s", v ? "set to " : "cleared", v ? v : "");
		return 0;
	}
	if (!text_ok(v, f == AM_VENUE ? "the venue" : "the chair", false, err))
		return -1;
	char **slot = f == AM_VENUE ? &a->venue : &a->chair;
	if ((!*slot && !v) || (*slot && v && !strcmp(*slot, v)))
		return 0;
	record_text_set(slot, v);
	if (f == AM_VENUE && e->minutes)
		record_text_set(&e->minutes->venue, v);
	say(what, "%s %s", f == AM_VENUE ? "venue" : "chair", v ? "set" : "cleared");
	return 0;
}

/* ---- the whole agenda ---- */

size_t agenda_edit_sync(struct agenda_edit *e)
{
	struct minutes *m = e->minutes;
	size_t changed = 0;
	if (!m)
		return 0;
	for (size_t i = 0; i < m->nitems;) {
		struct minutes_item *it = m->items[i];
		if (agenda_index(e->agenda, it->number) < 0 && !it->urgent &&
		    !agenda_edit_item_has_minutes(it)) {
			minutes_free_item(it);
			memmove(&m->items[i], &m->items[i + 1], (m->nitems - i - 1) * sizeof(*m->items));
			m->nitems--;
			changed++;
			continue;
		}
		i++;
	}
	for (size_t j = 0; j < e->agenda->nitems; j++)
		if (!agenda_edit_minutes_item(e, e->agenda->items[j].number)) {
			minutes_for(e, &e->agenda->items[j]);
			changed++;
		}
	order_minutes(e);
	return changed;
}

size_t agenda_edit_presenter_choices(const struct agenda_edit *e,
				     const struct committee *c,
				     const struct people *earlier,
				     const struct person ***out)
{
	size_t n = 0, cap = 0;
	const struct person **v = NULL;
	const struct people *lists[2];
	size_t nl = 0;
	if (c)
		lists[nl++] = &c->members;
	if (earlier)
		lists[nl++] = earlier;
	for (size_t l = 0; l < nl + e->agenda->nitems; l++) {
		const struct people *pl = l < nl ? lists[l] : &e->agenda->items[l - nl].presenters;
		for (size_t p = 0; p < pl->n; p++) {
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = !strcmp(v[k]->name, pl->v[p].name);
			if (seen)
				continue;
			xgrow((void **)&v, &cap, n + 1, sizeof(*v));
			v[n++] = &pl->v[p];
		}
	}
	*out = v;
	return n;
}
