/* minutes: the minutes model, reading minutes.yaml and writing it back. */
#include "minutes/model/minutes.h"
#include "minutes/format/slug.h"

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

const char *minutes_status_name(enum minutes_status s)
{
	return s == MINUTES_CONFIRMED ? "confirmed" : "draft";
}

/* ---- reading ---- */

enum {
	M_FORMAT, M_COMMITTEE, M_DATE, M_START, M_END, M_VENUE, M_STATUS,
	M_ATTENDANCE, M_DECLARATIONS, M_ITEMS, M_CONFIRMED,
};
const char *const minutes_keys[] = {
	"format", "committee", "date", "start", "end", "venue", "status",
	"attendance", "declarations", "items", "confirmed", NULL,
};

/* In FORMAT.md's order; the format-2 keys (marked) are read only from a
 * format-2 file. */
enum {
	I_NUMBER, I_TITLE, I_STATUS, I_URGENT, I_STARTED, I_ENDED, I_PRESENTERS,
	I_SUMMARY, I_COMMENTS, I_CONFIRMED_MINUTES /* 2 */, I_DECISION, I_VOTES,
	I_ACTIONS, I_DOCUMENTS,
};
static const char *const item_keys[] = {
	"number", "title", "status", "urgent", "started", "ended", "presenters",
	"summary", "comments", "confirmed_minutes", "decision", "votes", "actions",
	"documents", NULL,
};

static const char *const attendance_keys[] = { "present", "apologies", "in_attendance", NULL };
static const char *const declaration_keys[] = { "member", "item", "interest", NULL };
static const char *const comment_keys[] = { "text", "by", NULL };
static const char *const vote_keys[] = { "for", "against", "abstained", NULL };
static const char *const action_keys[] = { "text", "owner", "due", "done", NULL };
static const char *const confirmed_keys[] = { "date", "by", NULL };
static const char *const link_keys[] = { "meeting", "blob", NULL };

/* Reads a scalar naming one of `names` (NULL-terminated) into *out. */
static void read_choice(struct yr *r, const struct yr_node *v,
			const char *const *names, int *out, const char *what)
{
	if (yr_is_null(v))
		return;         /* optional: null is the default, as left out */
	if (v->type == YR_SCALAR)
		for (int i = 0; names[i]; i++)
			if (strlen(names[i]) == v->len && memcmp(names[i], v->value, v->len) == 0) {
				*out = i;
				return;
			}
	struct buf b = BUF_INIT;
	buf_addf(&b, "expected %s: ", what);
	for (int i = 0; names[i]; i++)
		buf_addf(&b, "%s%s", i ? " or " : "", names[i]);
	yr_error(r, v, "%s", b.data);
	buf_free(&b);
	yr_skip(r, v);
}

static void read_attendance(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, attendance_keys, "the attendance (present, apologies, in_attendance)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		struct people *l = k == 0 ? &m->present : k == 1 ? &m->apologies : &m->in_attendance;
		people_read(r, &v, l, "attendees");
	}
}

static void read_declarations(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of declarations of interest"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "declarations"))
			break;
		if (!yr_map_begin(r, &map, &e, declaration_keys, "a declaration (member, item, interest)"))
			continue;
		struct declaration *d = minutes_add_declaration(m, NULL, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			if (k == 0)
				d->member = yr_text(r, &v, "the member's name", true);
			else if (k == 1)
				d->item = yr_text(r, &v, "an item number (such as \"5\")", false);
			else
				d->interest = yr_text(r, &v, "the interest declared", true);
		}
		yr_map_require(r, &map, 0, "the name of the member who declared it");
		yr_map_require(r, &map, 2, "the interest declared");
	}
}

static void read_comments(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of comments"))
		return;
	while (yr_next(r, &e) != YR_END) {
		if (!yr_count_entry(r, &e, "comments"))
			break;
		if (e.type == YR_SCALAR) {
			struct comment *c = minutes_item_add_comment(it, NULL, NULL);
			c->text = yr_text(r, &e, "a comment", true);
			continue;
		}
		struct yr_map map;
		int k;
		if (!yr_map_begin(r, &map, &e, comment_keys, "a comment (text, or a mapping with text and by)"))
			continue;
		struct comment *c = minutes_item_add_comment(it, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			if (k == 0)
				c->text = yr_text(r, &v, "the comment's text", true);
			else
				c->by = yr_text(r, &v, "who made the comment", false);
		}
		yr_map_require(r, &map, 0, "the comment's text");
	}
}

static void read_votes(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (yr_is_null(n) || !yr_map_begin(r, &map, n, vote_keys, "the votes (for, against, abstained)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		unsigned *dst = k == 0 ? &it->votes_for : k == 1 ? &it->votes_against : &it->votes_abstained;
		if (!yr_is_null(&v))    /* null: none, as left out */
			yr_count(r, &v, dst);
	}
}

static void read_actions(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of actions"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "actions"))
			break;
		if (!yr_map_begin(r, &map, &e, action_keys, "an action (text, owner, due, done)"))
			continue;
		struct action *a = minutes_item_add_action(it, NULL, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			switch (k) {
			case 0: a->text = yr_text(r, &v, "what is to be done", true); break;
			case 1: a->owner = yr_text(r, &v, "who is to do it", false); break;
			case 2: yr_date(r, &v, a->due); break;
			case 3: yr_date(r, &v, a->done); break;
			}
		}
		yr_map_require(r, &map, 0, "what is to be done (text)");
	}
}

/* confirmed_minutes (format 2): a meeting id and a 40-hex blob id. */
static void read_link(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, link_keys, "the confirmed minutes (meeting and blob)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		if (k == 0) {
			char *id = yr_text(r, &v, "the confirmed meeting's id (committee/YYYY-MM-DD)", true);
			if (id && !slug_meeting_id_valid(id)) {
				struct buf b = BUF_INIT;
				yr_quote(&b, id, strlen(id));
				yr_error(r, &v, "expected the confirmed meeting's id "
					 "(committee/YYYY-MM-DD), found %s", b.data);
				buf_free(&b);
				free(id);
				id = NULL;
			}
			free(it->confirmed_meeting);
			it->confirmed_meeting = id;
			continue;
		}
		char *blob = yr_text(r, &v, "the git blob id of its minutes.yaml (40 hex digits)", true);
		if (blob && (strlen(blob) != 40 || strspn(blob, "0123456789abcdef") != 40)) {
			struct buf b = BUF_INIT;
			yr_quote(&b, blob, strlen(blob));
			yr_error(r, &v, "expected the git blob id of its minutes.yaml (40 "
				 "lower-case hex digits), found %s", b.data);
			buf_free(&b);
		} else if (blob) {
			memcpy(it->confirmed_blob, blob, 41);
		}
		free(blob);
	}
	yr_map_require(r, &map, 0, "the confirmed meeting's id (committee/YYYY-MM-DD)");
	yr_map_require(r, &map, 1, "the git blob id of its minutes.yaml as confirmed");
}

static void read_item(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	static const char *const statuses[] = { "taken", "withdrawn", "deferred", NULL };
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, item_keys, "an item"))
		return;
	struct minutes_item *it = minutes_add_item(m, NULL, NULL);
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		switch (k) {
		case I_NUMBER:
			it->number = yr_text(r, &v, "the item's number (such as \"5\" or \"3a\")", true);
			break;
		case I_TITLE:
			it->title = yr_text(r, &v, "the item's title", true);
			break;
		case I_STATUS: {
			int s = ITEM_TAKEN;
			read_choice(r, &v, statuses, &s, "the item's status");
			it->status = (enum item_status)s;
			break;
		}
		case I_URGENT:
			if (!yr_is_null(&v))
				yr_bool(r, &v, &it->urgent);
			break;
		case I_STARTED:
			yr_time(r, &v, it->started);
			break;
		case I_ENDED:
			yr_time(r, &v, it->ended);
			break;
		case I_PRESENTERS:
			people_read(r, &v, &it->presenters, "presenters");
			break;
		case I_SUMMARY:
			it->summary = yr_text(r, &v, "the summary", false);
			break;
		case I_COMMENTS:
			read_comments(r, &v, it);
			break;
		case I_CONFIRMED_MINUTES:
			if (yr_map_since(r, &map, k, &v, 2) && !yr_is_null(&v))
				read_link(r, &v, it);
			break;
		case I_DECISION:
			it->decision = yr_text(r, &v, "the decision", false);
			break;
		case I_VOTES:
			read_votes(r, &v, it);
			break;
		case I_ACTIONS:
			read_actions(r, &v, it);
			break;
		case I_DOCUMENTS:
			documents_read(r, &v, &it->documents);
			break;
		}
	}
	yr_map_require(r, &map, I_NUMBER, "the item's number, such as \"5\"");
	yr_map_require(r, &map, I_TITLE, "the item's title");
}

static void read_confirmed(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, confirmed_keys, "the confirmation (date and by)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		if (k == 0)
			yr_required_date(r, &v, "the date of the meeting that confirmed them",
					 m->confirmed_date);
		else
			m->confirmed_by = yr_text(r, &v, "who signed the minutes", true);
	}
	yr_map_require(r, &map, 0, "the date of the meeting that confirmed them");
	yr_map_require(r, &map, 1, "who signed them as a correct record");
}

struct minutes *minutes_read(struct yr *r, struct yr_map *map)
{
	static const char *const statuses[] = { "draft", "confirmed", NULL };
	struct minutes *m = minutes_new(NULL, NULL);
	struct yr_node v, e, confirmed_at = { 0 };
	int k;
	while ((k = yr_map_next(r, map, &v)) >= 0) {
		switch (k) {
		case M_FORMAT:
			break;  /* checked by the caller */
		case M_COMMITTEE:
			m->committee = yr_text(r, &v, "the committee's name", true);
			break;
		case M_DATE:
			yr_required_date(r, &v, "the meeting's date", m->date);
			break;
		case M_START:
			yr_time(r, &v, m->start);
			break;
		case M_END:
			yr_time(r, &v, m->end);
			break;
		case M_VENUE:
			m->venue = yr_text(r, &v, "the venue", false);
			break;
		case M_STATUS: {
			int s = MINUTES_DRAFT;
			read_choice(r, &v, statuses, &s, "the minutes' status");
			m->status = (enum minutes_status)s;
			break;
		}
		case M_ATTENDANCE:
			if (!yr_is_null(&v))
				read_attendance(r, &v, m);
			break;
		case M_DECLARATIONS:
			read_declarations(r, &v, m);
			break;
		case M_ITEMS:
			if (!yr_seq_begin(r, &v, "a list of items"))
				break;
			while (yr_next(r, &e) != YR_END) {
				if (!yr_count_entry(r, &e, "items"))
					break;
				read_item(r, &e, m);
			}
			break;
		case M_CONFIRMED:
			confirmed_at = v;
			read_confirmed(r, &v, m);
			break;
		}
	}
	yr_map_require(r, map, M_COMMITTEE, "the committee's name");
	yr_map_require(r, map, M_DATE, "the meeting's date, YYYY-MM-DD");
	yr_map_require(r, map, M_ITEMS, "a list of items (items: [] when there are none yet)");
	if (yr_map_has(map, M_CONFIRMED) && m->status != MINUTES_CONFIRMED)
		yr_error(r, &confirmed_at, "a 'confirmed' block belongs only to minutes "
			 "with status: confirmed (these are draft)");
	if (m->status == MINUTES_CONFIRMED && !yr_map_has(map, M_CONFIRMED) && !yr_stopped(r)) {
		struct yr_node at = { .line = map->line, .col = map->col };
		yr_error(r, &at, "missing key 'confirmed' (date and by) for minutes with status: confirmed");
	}
	return m;
}

/* ---- writing ---- */

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

static void write_item(struct emit *e, const struct minutes_item *it)
{
	emit_entry(e);
	if (it->number && *it->number)
		emit_quoted(e, "number", it->number);
	else
		emit_text_always(e, "number", "");
	emit_text_always(e, "title", it->title);
	if (it->status != ITEM_TAKEN)
		emit_raw(e, "status", minutes_item_status_name(it->status));
	if (it->urgent)
		emit_raw(e, "urgent", "true");
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
	emit_text(e, "decision", it->decision);
	if (it->votes_for || it->votes_against || it->votes_abstained) {
		emit_open(e, "votes");
		emit_uint(e, "for", it->votes_for);
		emit_uint(e, "against", it->votes_against);
		emit_uint(e, "abstained", it->votes_abstained);
		emit_close(e);
	}
	if (written(it->actions, it->nactions, sizeof(*it->actions), action_ok)) {
		emit_open(e, "actions");
		for (size_t i = 0; i < it->nactions; i++) {
			const struct action *a = &it->actions[i];
			if (!action_ok(a))
				continue;
			emit_entry(e);
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

int minutes_format(const struct minutes *m)
{
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->confirmed_meeting && *m->items[i]->confirmed_meeting)
			return 2;
	return 1;
}

void minutes_write(const struct minutes *m, struct buf *out)
{
	struct emit e;
	emit_init(&e, out);
	emit_raw(&e, "format", minutes_format(m) >= 2 ? MINUTES_FORMAT_2 : MINUTES_FORMAT);
	emit_text_always(&e, "committee", m->committee);
	emit_raw(&e, "date", m->date);
	emit_quoted(&e, "start", m->start);
	emit_quoted(&e, "end", m->end);
	emit_text(&e, "venue", m->venue);
	emit_raw(&e, "status", minutes_status_name(m->status));
	if (m->present.n || m->apologies.n || m->in_attendance.n) {
		emit_open(&e, "attendance");
		people_write(&e, "present", &m->present);
		people_write(&e, "apologies", &m->apologies);
		people_write(&e, "in_attendance", &m->in_attendance);
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
