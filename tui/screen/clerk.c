/* clerk: the clerk's screen, live minute-taking. */
#include "tui/screen/clerk.h"

#include "tui/edit/field.h"
#include "tui/screen/field_draw.h"
#include "tui/screen/history.h"
#include "tui/render/render.h"
#include "tui/screen/ui.h"
#include "minutes/format/yamlread.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>

#define CTRL(c) ((c) & 0x1f)
#define LABEL_W 14              /* the column of field labels */
#define JOURNAL_INTERVAL 0.5    /* seconds between journal writes */
#define MAX_PHRASES 9

enum view {
	V_ATTENDANCE,   /* the tick list */
	V_OPENING,      /* start, venue, declarations */
	V_ITEM,         /* one agenda item's form */
	V_HUB,          /* the list of everything: parts and items */
	V_END,          /* the meeting's summary after it ended */
};

/* The fields of the forms.  Each is text in the minutes; `index` picks
 * the entry of a list, and index == the list's length is the fresh entry
 * at its end, where typing adds one. */
enum slot_kind {
	K_START, K_VENUE, K_DECL_MEMBER, K_DECL_ITEM, K_DECL_INTEREST,
	K_TITLE, K_STARTED, K_ENDED, K_PRES_NAME, K_PRES_ROLE, K_SUMMARY,
	K_COMMENT, K_DECISION, K_VOTE_FOR, K_VOTE_AGAINST, K_VOTE_ABST,
	K_ACT_TEXT, K_ACT_OWNER, K_ACT_DUE, K_DOC_TITLE, K_DOC_REF,
};

struct slot {
	enum slot_kind kind;
	size_t index;
};

/* One person on the attendance tick list. */
enum presence { ABSENT, PRESENT, APOLOGIES, IN_ATTENDANCE };
struct candidate {
	char *name;
	char *role;
	enum presence state;
};

/* A one-line question at the bottom of the screen (a name to add, the
 * title of urgent business). */
enum prompt_kind { P_NONE, P_PERSON_NAME, P_PERSON_ROLE, P_URGENT_TITLE };

struct clerk {
	struct session *s;
	struct minutes *m;
	enum view view;
	size_t item;                    /* the item in hand */
	bool entered;                   /* an item has been entered */

	struct slot *slots;             /* the form of the view */
	size_t nslots, slots_cap;
	size_t focus;
	struct field *field;            /* the editor of the focused slot */
	bool field_changed;             /* typed into since it was loaded */
	int scroll;                     /* first row of the form shown */

	struct candidate *cands;        /* attendance */
	size_t ncands, cands_cap;
	size_t sel;                     /* selection in list views */
	size_t hub_top;

	enum prompt_kind prompt;
	struct field *prompt_field;
	char *pending_name;

	bool picking;                   /* the speaker list is open */
	size_t pick_sel;
	bool help;
	size_t help_top;
	bool quit;
	bool ended;
	volatile sig_atomic_t *stop;
	int cursor_y, cursor_x;         /* where the form's cursor is, or -1 */

	char msg[512];
	bool msg_error;
	time_t clock_drawn;
};

/* ---- small things ---- */

static double now_seconds(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static void now_hhmm(char out[6])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 6, "%H:%M", &tm);
}

static void say(struct clerk *c, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct clerk *c, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	c->msg_error = error;
}

static bool has(const char *s)
{
	return s && *s;
}

static struct field *field_make(bool multiline)
{
	return field_new(multiline ? FIELD_MULTILINE | FIELD_ENTER_NEWLINE : 0);
}

static const char *ftext(const struct field *f)
{
	return field_text(f, NULL);
}

static void fset(struct field *f, const char *s)
{
	field_set_text(f, s, strlen(s));
}

static struct minutes_item *cur(struct clerk *c)
{
	return c->item < c->m->nitems ? c->m->items[c->item] : NULL;
}

/* "item 5 Integrated Communities Strategy", the scope of commit notes. */
static char *item_scope(const struct minutes_item *it)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "item %s %s", it->number ? it->number : "?",
		 it->title ? it->title : "");
	return buf_detach(&b, NULL);
}

static void changed(struct clerk *c, const struct minutes_item *it,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void changed(struct clerk *c, const struct minutes_item *it,
		    const char *fmt, ...)
{
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	char *scope = it ? item_scope(it) : NULL;
	session_changed(c->s, scope, "%s", what);
	free(scope);
	if (it)
		session_touch_item(c->s, it);
}

static void journal(struct clerk *c, bool force);

static void commit(struct clerk *c)
{
	struct diags d;
	diags_init(&d);
	char before[8];
	snprintf(before, sizeof(before), "%s", session_last_commit(c->s));
	int rc = session_commit(c->s, &d);
	/* The journal learns the new commit at once: one left behind it would
	 * hold less than the commit. */
	if (rc == 0 && strcmp(before, session_last_commit(c->s)))
		journal(c, true);
	if (rc < 0 && d.n) {
		char *msg = diag_format(&d.v[d.n - 1]);
		say(c, true, "not committed: %s (the journal keeps your work)", msg);
		free(msg);
	} else {
		const char *notice = session_take_notice(c->s);
		if (notice)
			say(c, false, "%s", notice);
	}
	diags_free(&d);
}

/* ---- the people in the meeting, for attendance and speakers ---- */

static struct candidate *cand_find(struct clerk *c, const char *name)
{
	for (size_t i = 0; i < c->ncands; i++)
		if (!strcmp(c->cands[i].name, name))
			return &c->cands[i];
	return NULL;
}

static void cand_add(struct clerk *c, const char *name, const char *role,
		     enum presence state)
{
	if (!has(name))
		return;
	struct candidate *k = cand_find(c, name);
	if (k) {
		if (state != ABSENT)
			k->state = state;
		if (!k->role && has(role))
			k->role = xstrdup(role);
		return;
	}
	xgrow((void **)&c->cands, &c->cands_cap, c->ncands + 1, sizeof(*c->cands));
	k = &c->cands[c->ncands++];
	k->name = xstrdup(name);
	k->role = has(role) ? xstrdup(role) : NULL;
	k->state = state;
}

/* The tick list: the committee's members and the agenda's people first,
 * then whoever the minutes already name. */
static void cands_load(struct clerk *c)
{
	const struct committee *com = session_committee(c->s);
	const struct agenda *ag = session_agenda(c->s);
	const struct people *lists[] = { &c->m->present, &c->m->apologies,
					 &c->m->in_attendance };
	const enum presence states[] = { PRESENT, APOLOGIES, IN_ATTENDANCE };
	if (com)
		for (size_t i = 0; i < com->members.n; i++)
			cand_add(c, com->members.v[i].name, com->members.v[i].role, ABSENT);
	if (ag) {
		if (has(ag->chair))
			cand_add(c, ag->chair, NULL, ABSENT);
		for (size_t i = 0; i < ag->nitems; i++)
			for (size_t j = 0; j < ag->items[i].presenters.n; j++)
				cand_add(c, ag->items[i].presenters.v[j].name,
					 ag->items[i].presenters.v[j].role, ABSENT);
	}
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++)
			cand_add(c, lists[l]->v[i].name, lists[l]->v[i].role, states[l]);
	/* Roles as the minutes have them. */
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			struct candidate *k = cand_find(c, lists[l]->v[i].name);
			if (k && has(lists[l]->v[i].role))
				text_set(&k->role, lists[l]->v[i].role);
		}
}

/* Writes the tick list back into the minutes' three lists. */
static void cands_store(struct clerk *c)
{
	struct people *lists[] = { NULL, &c->m->present, &c->m->apologies,
				   &c->m->in_attendance };
	for (size_t l = 1; l < 4; l++)
		people_free(lists[l]);
	for (size_t i = 0; i < c->ncands; i++)
		if (c->cands[i].state != ABSENT)
			people_add(lists[c->cands[i].state], c->cands[i].name, c->cands[i].role);
}

/* Everyone who may speak on the item in hand. */
static size_t speakers(struct clerk *c, const char **out, size_t max)
{
	size_t n = 0;
	struct minutes_item *it = cur(c);
	if (it)
		for (size_t i = 0; i < it->presenters.n && n < max; i++)
			if (has(it->presenters.v[i].name))
				out[n++] = it->presenters.v[i].name;
	for (size_t i = 0; i < c->ncands && n < max; i++) {
		if (c->cands[i].state == ABSENT || c->cands[i].state == APOLOGIES)
			continue;
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(out[j], c->cands[i].name);
		if (!dup)
			out[n++] = c->cands[i].name;
	}
	return n;
}

/* The speaker a comment's "Name: " names: a whole name, the name without
 * its title ("Jo Reid" for "Cllr Jo Reid"), or a surname only one person
 * has, all regardless of case.  NULL when nobody matches. */
static const char *speaker_match(struct clerk *c, const char *prefix, size_t len)
{
	const char *v[256];
	size_t n = speakers(c, v, 256);
	const char *found = NULL;
	int hits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i];
		if (strlen(name) == len && !strncasecmp(name, prefix, len))
			return name;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i];
		const char *sp = strchr(name, ' ');
		if (sp && strlen(sp + 1) == len && !strncasecmp(sp + 1, prefix, len))
			return name;
		const char *last = strrchr(name, ' ');
		last = last ? last + 1 : name;
		if (strlen(last) == len && !strncasecmp(last, prefix, len)) {
			found = name;
			hits++;
		}
	}
	return hits == 1 ? found : NULL;
}

/* Splits "Name: text" into a known speaker and the text. */
static const char *comment_split(struct clerk *c, const char *s, const char **by)
{
	*by = NULL;
	const char *colon = strstr(s, ": ");
	if (!colon || colon - s > 80 || colon == s)
		return s;
	const char *name = speaker_match(c, s, (size_t)(colon - s));
	if (!name)
		return s;
	*by = name;
	s = colon + 2;
	while (*s == ' ')
		s++;
	return s;
}

/* ---- the forms ---- */

static void slots_add(struct clerk *c, enum slot_kind k, size_t index)
{
	xgrow((void **)&c->slots, &c->slots_cap, c->nslots + 1, sizeof(*c->slots));
	c->slots[c->nslots++] = (struct slot){ k, index };
}

static void slots_build(struct clerk *c)
{
	c->nslots = 0;
	if (c->view == V_OPENING) {
		slots_add(c, K_START, 0);
		slots_add(c, K_VENUE, 0);
		for (size_t i = 0; i <= c->m->ndeclarations; i++) {
			slots_add(c, K_DECL_MEMBER, i);
			if (i < c->m->ndeclarations) {
				slots_add(c, K_DECL_ITEM, i);
				slots_add(c, K_DECL_INTEREST, i);
			}
		}
		return;
	}
	struct minutes_item *it = cur(c);
	if (c->view != V_ITEM || !it)
		return;
	slots_add(c, K_TITLE, 0);
	slots_add(c, K_STARTED, 0);
	slots_add(c, K_ENDED, 0);
	for (size_t i = 0; i <= it->presenters.n; i++) {
		slots_add(c, K_PRES_NAME, i);
		if (i < it->presenters.n)
			slots_add(c, K_PRES_ROLE, i);
	}
	slots_add(c, K_SUMMARY, 0);
	for (size_t i = 0; i <= it->ncomments; i++)
		slots_add(c, K_COMMENT, i);
	slots_add(c, K_DECISION, 0);
	slots_add(c, K_VOTE_FOR, 0);
	slots_add(c, K_VOTE_AGAINST, 0);
	slots_add(c, K_VOTE_ABST, 0);
	for (size_t i = 0; i <= it->nactions; i++) {
		slots_add(c, K_ACT_TEXT, i);
		if (i < it->nactions) {
			slots_add(c, K_ACT_OWNER, i);
			slots_add(c, K_ACT_DUE, i);
		}
	}
	for (size_t i = 0; i <= it->documents.n; i++) {
		slots_add(c, K_DOC_TITLE, i);
		if (i < it->documents.n)
			slots_add(c, K_DOC_REF, i);
	}
}

static size_t slot_find(struct clerk *c, enum slot_kind k, size_t index)
{
	for (size_t i = 0; i < c->nslots; i++)
		if (c->slots[i].kind == k && c->slots[i].index == index)
			return i;
	for (size_t i = 0; i < c->nslots; i++)
		if (c->slots[i].kind == k)
			return i;
	return 0;
}

static bool slot_multiline(enum slot_kind k)
{
	return k == K_SUMMARY;
}

static bool slot_is_new(struct clerk *c, const struct slot *sl)
{
	struct minutes_item *it = cur(c);
	switch (sl->kind) {
	case K_DECL_MEMBER: return sl->index >= c->m->ndeclarations;
	case K_PRES_NAME: return it && sl->index >= it->presenters.n;
	case K_COMMENT: return it && sl->index >= it->ncomments;
	case K_ACT_TEXT: return it && sl->index >= it->nactions;
	case K_DOC_TITLE: return it && sl->index >= it->documents.n;
	default: return false;
	}
}

static void slot_label(struct clerk *c, const struct slot *sl, char *out, size_t n)
{
	bool fresh = slot_is_new(c, sl);
	size_t k = sl->index + 1;
	switch (sl->kind) {
	case K_START: snprintf(out, n, "Started"); break;
	case K_VENUE: snprintf(out, n, "Venue"); break;
	case K_DECL_MEMBER:
		snprintf(out, n, fresh ? "Declaration +" : "Declaration %zu", k); break;
	case K_DECL_ITEM: snprintf(out, n, "  item"); break;
	case K_DECL_INTEREST: snprintf(out, n, "  interest"); break;
	case K_TITLE: snprintf(out, n, "Title"); break;
	case K_STARTED: snprintf(out, n, "Started"); break;
	case K_ENDED: snprintf(out, n, "Ended"); break;
	case K_PRES_NAME: snprintf(out, n, fresh ? "Presenter +" : "Presenter %zu", k); break;
	case K_PRES_ROLE: snprintf(out, n, "  role"); break;
	case K_SUMMARY: snprintf(out, n, "Summary"); break;
	case K_COMMENT: snprintf(out, n, fresh ? "Comment +" : "Comment %zu", k); break;
	case K_DECISION: snprintf(out, n, "Decision"); break;
	case K_VOTE_FOR: snprintf(out, n, "Votes for"); break;
	case K_VOTE_AGAINST: snprintf(out, n, "  against"); break;
	case K_VOTE_ABST: snprintf(out, n, "  abstained"); break;
	case K_ACT_TEXT: snprintf(out, n, fresh ? "Action +" : "Action %zu", k); break;
	case K_ACT_OWNER: snprintf(out, n, "  owner"); break;
	case K_ACT_DUE: snprintf(out, n, "  due"); break;
	case K_DOC_TITLE: snprintf(out, n, fresh ? "Document +" : "Document %zu", k); break;
	case K_DOC_REF: snprintf(out, n, "  ref"); break;
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

/* The text of a slot as it is in the minutes (malloc'd). */
static char *slot_get(struct clerk *c, const struct slot *sl)
{
	struct minutes *m = c->m;
	struct minutes_item *it = cur(c);
	size_t i = sl->index;
	if (slot_is_new(c, sl))
		return xstrdup("");
	switch (sl->kind) {
	case K_START: return xstrdup(m->start);
	case K_VENUE: return dup_or_empty(m->venue);
	case K_DECL_MEMBER: return dup_or_empty(m->declarations[i].member);
	case K_DECL_ITEM: return dup_or_empty(m->declarations[i].item);
	case K_DECL_INTEREST: return dup_or_empty(m->declarations[i].interest);
	default: break;
	}
	if (!it)
		return xstrdup("");
	switch (sl->kind) {
	case K_TITLE: return dup_or_empty(it->title);
	case K_STARTED: return xstrdup(it->started);
	case K_ENDED: return xstrdup(it->ended);
	case K_PRES_NAME: return dup_or_empty(it->presenters.v[i].name);
	case K_PRES_ROLE: return dup_or_empty(it->presenters.v[i].role);
	case K_SUMMARY: return dup_or_empty(it->summary);
	case K_COMMENT: {
		struct buf b = BUF_INIT;
		if (has(it->comments[i].by))
			buf_addf(&b, "%s: ", it->comments[i].by);
		buf_addstr(&b, it->comments[i].text ? it->comments[i].text : "");
		return buf_detach(&b, NULL);
	}
	case K_DECISION: return dup_or_empty(it->decision);
	case K_VOTE_FOR: return count_text(it->votes_for);
	case K_VOTE_AGAINST: return count_text(it->votes_against);
	case K_VOTE_ABST: return count_text(it->votes_abstained);
	case K_ACT_TEXT: return dup_or_empty(it->actions[i].text);
	case K_ACT_OWNER: return dup_or_empty(it->actions[i].owner);
	case K_ACT_DUE: return xstrdup(it->actions[i].due);
	case K_DOC_TITLE: return dup_or_empty(it->documents.v[i].title);
	case K_DOC_REF: return dup_or_empty(it->documents.v[i].ref);
	default: return xstrdup("");
	}
}

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
	text_set(dst, *v ? v : NULL);
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

static const char *confirms_of(struct clerk *c);

/* Stores the focused field's text into the minutes.  Returns false (with a
 * message, the field left as typed) when the text cannot be stored. */
static bool slot_store(struct clerk *c)
{
	if (!c->field || c->focus >= c->nslots || !c->field_changed)
		return true;
	if (session_read_only(c->s)) {
		c->field_changed = false;
		return true;
	}
	struct slot sl = c->slots[c->focus];
	struct minutes *m = c->m;
	struct minutes_item *it = cur(c);
	char *v = trimmed(ftext(c->field), slot_multiline(sl.kind));
	size_t i = sl.index;
	bool fresh = slot_is_new(c, &sl), ok = true, rebuild = false;
	char t[11];

	switch (sl.kind) {
	case K_START:
		if (!time_parse(v, t)) {
			say(c, true, "'%s' is not a time; expected HH:MM, such as 11:02", v);
			ok = false;
		} else if (set_fixed(m->start, sizeof(m->start), t))
			changed(c, NULL, "start time set");
		break;
	case K_VENUE:
		if (set_text(&m->venue, v))
			changed(c, NULL, "venue changed");
		break;
	case K_DECL_MEMBER:
		if (fresh && *v) {
			minutes_add_declaration(m, v, NULL, NULL);
			changed(c, NULL, "declaration %zu recorded", m->ndeclarations);
			rebuild = true;
		} else if (!fresh && !*v) {
			minutes_remove_declaration(m, i);
			changed(c, NULL, "declaration %zu removed", i + 1);
			rebuild = true;
		} else if (!fresh && set_text(&m->declarations[i].member, v))
			changed(c, NULL, "declaration %zu changed", i + 1);
		break;
	case K_DECL_ITEM:
		if (set_text(&m->declarations[i].item, v))
			changed(c, NULL, "declaration %zu changed", i + 1);
		break;
	case K_DECL_INTEREST:
		if (set_text(&m->declarations[i].interest, v))
			changed(c, NULL, "declaration %zu changed", i + 1);
		break;
	default:
		break;
	}
	if (it) switch (sl.kind) {
	case K_TITLE:
		if (!*v) {
			say(c, true, "an item needs a title; the old one is kept");
			ok = false;
		} else if (set_text(&it->title, v))
			changed(c, it, "title changed");
		break;
	case K_STARTED:
	case K_ENDED:
		if (!time_parse(v, t)) {
			say(c, true, "'%s' is not a time; expected HH:MM, such as 11:40", v);
			ok = false;
		} else if (set_fixed(sl.kind == K_STARTED ? it->started : it->ended, 6, t))
			changed(c, it, "%s time corrected",
				sl.kind == K_STARTED ? "start" : "end");
		break;
	case K_PRES_NAME:
		if (fresh && *v) {
			people_add(&it->presenters, v, NULL);
			changed(c, it, "presenter added");
			rebuild = true;
		} else if (!fresh && !*v) {
			people_remove(&it->presenters, i);
			changed(c, it, "presenter removed");
			rebuild = true;
		} else if (!fresh && set_text(&it->presenters.v[i].name, v))
			changed(c, it, "presenter changed");
		break;
	case K_PRES_ROLE:
		if (set_text(&it->presenters.v[i].role, v))
			changed(c, it, "presenter's role changed");
		break;
	case K_SUMMARY: {
		char *keep = trimmed(ftext(c->field), true);
		if (set_text(&it->summary, keep))
			changed(c, it, "summary recorded");
		free(keep);
		break;
	}
	case K_COMMENT: {
		const char *by;
		const char *text = comment_split(c, v, &by);
		if (fresh && *text) {
			item_add_comment(it, text, by);
			changed(c, it, "comment %zu recorded", it->ncomments);
			rebuild = true;
		} else if (!fresh && !*text) {
			item_remove_comment(it, i);
			changed(c, it, "comment %zu removed", i + 1);
			rebuild = true;
		} else if (!fresh) {
			bool a = set_text(&it->comments[i].text, text);
			bool b = set_text(&it->comments[i].by, by ? by : "");
			if (a || b)
				changed(c, it, "comment %zu changed", i + 1);
		}
		break;
	}
	case K_DECISION:
		if (set_text(&it->decision, v)) {
			changed(c, it, *v ? "decision recorded" : "decision removed");
			if (*v && confirms_of(c))
				say(c, false, "This item confirms %s: F5 confirms those minutes "
				    "now, signed by the chair.", confirms_of(c));
		}
		break;
	case K_VOTE_FOR:
	case K_VOTE_AGAINST:
	case K_VOTE_ABST: {
		unsigned n, *dst = sl.kind == K_VOTE_FOR ? &it->votes_for
			: sl.kind == K_VOTE_AGAINST ? &it->votes_against : &it->votes_abstained;
		if (!count_parse(v, &n)) {
			say(c, true, "'%s' is not a number of votes", v);
			ok = false;
		} else if (n != *dst) {
			*dst = n;
			changed(c, it, "votes recorded");
		}
		break;
	}
	case K_ACT_TEXT:
		if (fresh && *v) {
			item_add_action(it, v, NULL, NULL);
			changed(c, it, "action %zu recorded", it->nactions);
			rebuild = true;
		} else if (!fresh && !*v) {
			item_remove_action(it, i);
			changed(c, it, "action %zu removed", i + 1);
			rebuild = true;
		} else if (!fresh && set_text(&it->actions[i].text, v))
			changed(c, it, "action %zu changed", i + 1);
		break;
	case K_ACT_OWNER:
		if (set_text(&it->actions[i].owner, v))
			changed(c, it, "action %zu owner set", i + 1);
		break;
	case K_ACT_DUE:
		if (*v && !date_valid(v, strlen(v))) {
			say(c, true, "'%s' is not a date; expected YYYY-MM-DD, such as 2018-04-30", v);
			ok = false;
		} else if (set_fixed(it->actions[i].due, sizeof(it->actions[i].due), v))
			changed(c, it, "action %zu due date set", i + 1);
		break;
	case K_DOC_TITLE:
		if (fresh && *v) {
			documents_add(&it->documents, v, NULL);
			changed(c, it, "document added");
			rebuild = true;
		} else if (!fresh && !*v) {
			documents_remove(&it->documents, i);
			changed(c, it, "document removed");
			rebuild = true;
		} else if (!fresh && set_text(&it->documents.v[i].title, v))
			changed(c, it, "document changed");
		break;
	case K_DOC_REF:
		if (set_text(&it->documents.v[i].ref, v))
			changed(c, it, "document changed");
		break;
	default:
		break;
	}
	free(v);
	if (ok)
		c->field_changed = false;
	if (rebuild)
		slots_build(c);
	session_touch(c->s);
	return ok;
}

/* Loads the focused slot into the editor. */
static void focus_load(struct clerk *c)
{
	if (c->focus >= c->nslots) {
		field_delete(c->field);
		c->field = NULL;
		return;
	}
	const struct slot *sl = &c->slots[c->focus];
	char *text = slot_get(c, sl);
	field_delete(c->field);
	c->field = field_make(slot_multiline(sl->kind));
	fset(c->field, text);
	free(text);
	c->field_changed = false;
}

/* Moves the focus `delta` slots on (back when negative), storing the one
 * left first: the slots may change then (a fresh entry became a real
 * one, an emptied one went).  Stays when the text cannot be stored, so
 * nothing typed is thrown away. */
static bool focus_move(struct clerk *c, long delta)
{
	size_t to;
	struct slot was = c->focus < c->nslots ? c->slots[c->focus]
					       : (struct slot){ K_TITLE, 0 };
	size_t before = c->nslots;
	if (!slot_store(c))
		return false;
	bool commit_now = (was.kind == K_COMMENT || was.kind == K_DECISION) &&
			  session_pending(c->s);
	/* An emptied entry is gone with its fields: what followed it now
	 * stands where it stood.  (A fresh entry that became a real one keeps
	 * its place, its own fields next.) */
	if (c->nslots < before && delta > 0)
		to = c->focus;
	else if (delta < 0)
		to = (size_t)-delta > c->focus ? 0 : c->focus - (size_t)-delta;
	else
		to = c->focus + (size_t)delta;
	if (to >= c->nslots)
		to = c->nslots ? c->nslots - 1 : 0;
	c->focus = to;
	focus_load(c);
	if (commit_now)
		commit(c);
	return true;
}

/* ---- moving through the meeting ---- */

static void ui_state(struct clerk *c, struct buf *out);

static void view_enter(struct clerk *c, enum view v)
{
	c->view = v;
	c->scroll = 0;
	slots_build(c);
	c->focus = 0;
	focus_load(c);
}

/* The item in hand is done with: its end time, unless it has one. */
static void stamp_end(struct clerk *c)
{
	struct minutes_item *it = cur(c);
	if (!c->entered || !it || session_read_only(c->s))
		return;
	if (!*it->ended && *it->started && it->status == ITEM_TAKEN) {
		now_hhmm(it->ended);
		changed(c, it, "ended %s", it->ended);
	}
}

/* Leaves what is on screen: stores the field and commits. */
static bool leave_current(struct clerk *c)
{
	if (!slot_store(c))
		return false;
	bool rw = !session_read_only(c->s);
	if (c->view == V_ATTENDANCE && rw)
		cands_store(c);
	commit(c);
	return true;
}

/* Takes item i in hand; the one held before is ended (a look at the hub
 * in between does not end it) and the change committed. */
static void item_enter(struct clerk *c, size_t i)
{
	bool other = c->entered && c->item != i;
	if (other)
		stamp_end(c);
	c->item = i;
	c->entered = true;
	view_enter(c, V_ITEM);
	struct minutes_item *it = cur(c);
	if (!it)
		return;
	if (!*it->started && it->status == ITEM_TAKEN && !session_read_only(c->s)) {
		now_hhmm(it->started);
		changed(c, it, "started %s", it->started);
	}
	if (other)
		commit(c);
	/* Straight to where the clerk will type: the summary of an item not
	 * yet begun, else a fresh comment. */
	if (!has(it->summary) && !it->ncomments)
		c->focus = slot_find(c, K_SUMMARY, 0);
	else
		c->focus = slot_find(c, K_COMMENT, it->ncomments);
	focus_load(c);
}

static void go_next(struct clerk *c)
{
	if (!leave_current(c))
		return;
	switch (c->view) {
	case V_ATTENDANCE:
		view_enter(c, V_OPENING);
		c->focus = slot_find(c, K_DECL_MEMBER, c->m->ndeclarations);
		focus_load(c);
		break;
	case V_OPENING:
		if (c->m->nitems)
			item_enter(c, c->entered ? c->item : 0);
		else {
			view_enter(c, V_HUB);
			say(c, false, "this meeting has no items yet: u adds one");
		}
		break;
	case V_ITEM:
		if (c->item + 1 < c->m->nitems)
			item_enter(c, c->item + 1);
		else {
			view_enter(c, V_HUB);
			c->sel = c->m->nitems + 2;
			say(c, false, "that was the last item; Enter on \"End the meeting\" ends it");
		}
		break;
	default:
		break;
	}
}

static void go_prev(struct clerk *c)
{
	if (!leave_current(c))
		return;
	if (c->view == V_ITEM && c->item > 0)
		item_enter(c, c->item - 1);
	else if (c->view == V_ITEM)
		view_enter(c, V_OPENING);
	else if (c->view == V_OPENING)
		view_enter(c, V_ATTENDANCE);
}

/* The hub's rows: 0 attendance, 1 opening, 2.. items, last "end". */
static size_t hub_rows(struct clerk *c)
{
	return c->m->nitems + 3;
}

static void go_hub(struct clerk *c)
{
	if (!leave_current(c))
		return;
	enum view from = c->view;
	view_enter(c, V_HUB);
	c->sel = from == V_ATTENDANCE ? 0 : from == V_OPENING ? 1
		: c->entered ? c->item + 2 : 0;
}

static const char *item_state(const struct minutes_item *it)
{
	if (it->status == ITEM_WITHDRAWN)
		return "withdrawn";
	if (it->status == ITEM_DEFERRED)
		return "deferred";
	if (has(it->decision))
		return "decided";
	if (*it->started || has(it->summary) || it->ncomments)
		return "in progress";
	return "untouched";
}

static void meeting_end(struct clerk *c)
{
	if (!leave_current(c))
		return;
	if (!session_read_only(c->s)) {
		stamp_end(c);
		now_hhmm(c->m->end);
		changed(c, NULL, "meeting ended %s", c->m->end);
		commit(c);
	}
	c->ended = true;
	view_enter(c, V_END);
	c->help_top = 0;
}

/* What is left undone, for the end screen and the farewell. */
static void incomplete(struct clerk *c, struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < c->m->nitems; i++) {
		const struct minutes_item *it = c->m->items[i];
		if (it->status != ITEM_TAKEN)
			continue;
		if (!has(it->decision)) {
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
	if (!c->m->present.n) {
		buf_addstr(out, "attendance: nobody is marked present\n");
		n++;
	}
	if (!n)
		buf_addstr(out, "Nothing is missing: every item has its decision and every action its owner.\n");
}

/* ---- the speaker list and the decision phrases ---- */

/* The meeting the item in hand confirms (its agenda's `confirms:`), or
 * NULL. */
static const char *confirms_of(struct clerk *c)
{
	const struct minutes_item *it = cur(c);
	const struct agenda_item *ai = it ? session_agenda_item(c->s, it->number) : NULL;
	return ai && ai->confirms && *ai->confirms ? ai->confirms : NULL;
}

/* "RESOLVED: that the minutes of the meeting held on 17 January 2018 be
 * confirmed as a correct record." for an item that confirms a meeting. */
static const char *confirm_phrase(struct clerk *c)
{
	static char phrase[200];
	const char *id = confirms_of(c);
	const char *slash = id ? strchr(id, '/') : NULL;
	if (!slash)
		return NULL;
	char date[11];
	snprintf(date, sizeof(date), "%.10s", slash + 1);
	struct buf b = BUF_INIT;
	render_date(&b, date);
	/* "Wednesday 17 January 2018" -> "17 January 2018" */
	const char *sp = strchr(b.data, ' ');
	snprintf(phrase, sizeof(phrase), "RESOLVED: that the minutes of the meeting held "
		 "on %s be confirmed as a correct record.", sp ? sp + 1 : b.data);
	buf_free(&b);
	return phrase;
}

/* F5 on an item that confirms a meeting, once its decision is recorded:
 * confirms those minutes there and then, signed by the chair, dated
 * this meeting. */
static void confirm_now(struct clerk *c)
{
	const char *id = confirms_of(c);
	struct minutes_item *it = cur(c);
	if (!id) {
		say(c, true, "this item confirms no meeting (its agenda entry has no confirms:)");
		return;
	}
	if (!it || !it->decision || !*it->decision) {
		say(c, true, "record the decision first; then F5 confirms %s", id);
		return;
	}
	const char *chair = session_chair(c->s);
	if (!chair) {
		say(c, true, "nobody is named chair (the agenda's chair: or a member's role); "
		    "use gavel confirm %s --by NAME", id);
		return;
	}
	struct diags d;
	diags_init(&d);
	if (session_confirm_other(c->s, id, c->m->date, chair, &d) != 0) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not confirmed");
		say(c, true, "%s", m);
		free(m);
	} else {
		say(c, false, "%s confirmed as a correct record, signed by %s on %s "
		    "(tag confirmed/%s)", id, chair, c->m->date, id);
	}
	diags_free(&d);
}

static size_t phrases(struct clerk *c, const char **out)
{
	static const char *const builtin[] = {
		"Members noted the presentation.",
		"Members noted the report.",
		"RESOLVED: that ",
	};
	size_t n = 0;
	const char *confirm = confirm_phrase(c);
	if (confirm)
		out[n++] = confirm;
	const struct committee *com = session_committee(c->s);
	if (com)
		for (size_t i = 0; i < com->nphrases && n < MAX_PHRASES; i++)
			out[n++] = com->phrases[i];
	for (size_t i = 0; i < 3 && n < MAX_PHRASES; i++) {
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(out[j], builtin[i]);
		if (!dup)
			out[n++] = builtin[i];
	}
	return n;
}

static bool picking_phrase(struct clerk *c)
{
	return c->view == V_ITEM && c->focus < c->nslots &&
	       c->slots[c->focus].kind == K_DECISION && c->field &&
	       !*ftext(c->field) && !session_read_only(c->s);
}

static void speaker_set(struct clerk *c, const char *name)
{
	const char *text = ftext(c->field), *by;
	const char *rest = comment_split(c, text, &by);
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s: %s", name, rest);
	fset(c->field, b.data);
	buf_free(&b);
	c->field_changed = true;
	session_touch(c->s);
}

/* ---- the journal's picture of the screen ---- */

static void ui_state(struct clerk *c, struct buf *out)
{
	const struct slot *sl = c->focus < c->nslots ? &c->slots[c->focus] : NULL;
	buf_addf(out, "view %d\nitem %zu\nentered %d\n", (int)c->view, c->item,
		 c->entered ? 1 : 0);
	if (sl && c->field) {
		const char *t = ftext(c->field);
		buf_addf(out, "slot %d %zu\ncursor %zu\nchanged %d\ntext %zu\n",
			 (int)sl->kind, sl->index, field_cursor(c->field),
			 c->field_changed ? 1 : 0, strlen(t));
		buf_addstr(out, t);
	}
}

static void ui_restore(struct clerk *c, const char *s)
{
	int view = V_ATTENDANCE, kind = -1, entered = 0, chg = 0;
	size_t item = 0, index = 0, cursor = 0, len = 0;
	const char *text = NULL;
	for (const char *p = s; p && *p;) {
		if (sscanf(p, "view %d", &view) == 1 || sscanf(p, "item %zu", &item) == 1 ||
		    sscanf(p, "entered %d", &entered) == 1 ||
		    sscanf(p, "slot %d %zu", &kind, &index) == 2 ||
		    sscanf(p, "cursor %zu", &cursor) == 1 || sscanf(p, "changed %d", &chg) == 1) {
			/* taken */
		} else if (sscanf(p, "text %zu", &len) == 1) {
			const char *nl = strchr(p, '\n');
			if (nl && strlen(nl + 1) >= len)
				text = nl + 1;
			break;
		}
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	if (view < V_ATTENDANCE || view > V_HUB)
		view = V_HUB;
	c->entered = entered != 0;
	c->item = item < c->m->nitems ? item : 0;
	if (view == V_ITEM && !c->m->nitems)
		view = V_HUB;
	view_enter(c, (enum view)view);
	if (kind >= 0 && c->nslots) {
		for (size_t i = 0; i < c->nslots; i++)
			if ((int)c->slots[i].kind == kind && c->slots[i].index == index)
				c->focus = i;
		focus_load(c);
		if (text) {
			field_set_text(c->field, text, len);
			field_set_cursor(c->field, cursor);
			c->field_changed = chg != 0;
		}
	}
}

/* Writes the journal when it is due (or at once with `force`). */
static void journal(struct clerk *c, bool force)
{
	double now = now_seconds();
	if (!session_journal_due(c->s, now, force ? 0 : JOURNAL_INTERVAL))
		return;
	struct buf ui = BUF_INIT;
	struct diags d;
	diags_init(&d);
	ui_state(c, &ui);
	if (session_journal(c->s, ui.data, now, &d) < 0 && d.n) {
		char *msg = diag_format(&d.v[d.n - 1]);
		say(c, true, "the journal could not be written: %s", msg);
		free(msg);
	}
	diags_free(&d);
	buf_free(&ui);
}

/* ---- drawing ---- */

static void draw_header(struct clerk *c)
{
	struct minutes *m = c->m;
	struct buf left = BUF_INIT, right = BUF_INIT;
	char clock[16];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	buf_addf(&left, "%s  ", m->committee ? m->committee : "");
	render_date(&left, m->date);
	if (has(m->venue))
		buf_addf(&left, "  %s", m->venue);
	if (*m->start)
		buf_addf(&right, "began %s  ", m->start);
	buf_addstr(&right, clock);
	ui_bar(0, left.data, right.data, ui_attr(THEME_HEADER));

	buf_reset(&left);
	buf_reset(&right);
	switch (c->view) {
	case V_ATTENDANCE: buf_addstr(&left, "Attendance"); break;
	case V_OPENING: buf_addstr(&left, "Opening and declarations of interest"); break;
	case V_HUB: buf_addstr(&left, "The meeting: attendance, declarations, items"); break;
	case V_END: buf_addstr(&left, "The meeting has ended"); break;
	case V_ITEM:
		buf_addf(&left, "Item %zu of %zu: %s %s", c->item + 1, m->nitems,
			 cur(c)->number, cur(c)->title);
		if (cur(c)->status != ITEM_TAKEN)
			buf_addf(&left, " (%s)", item_status_name(cur(c)->status));
		break;
	}
	attr_t a = ui_attr(THEME_TITLE);
	if (session_read_only(c->s)) {
		buf_addstr(&right, "READ-ONLY");
		a = ui_attr(THEME_WARNING);
	} else if (session_journal_error(c->s)) {
		buf_addstr(&right, "NOT SAVED");
		a = ui_attr(THEME_ERROR);
	} else if (session_commit_error(c->s)) {
		/* Safe in the journal, not yet in git. */
		time_t st = session_saved_at(c->s);
		localtime_r(&st, &tm);
		strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
		buf_addf(&right, "saved %s, NOT COMMITTED", clock);
		a = ui_attr(THEME_WARNING);
	} else if (session_saved_at(c->s)) {
		time_t st = session_saved_at(c->s);
		localtime_r(&st, &tm);
		strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
		buf_addf(&right, "saved %s", clock);
		if (*session_last_commit(c->s))
			buf_addf(&right, "  %s", session_last_commit(c->s));
	} else if (*session_last_commit(c->s)) {
		buf_addf(&right, "at %s", session_last_commit(c->s));
	}
	ui_bar(1, left.data, right.data, a);
	buf_free(&left);
	buf_free(&right);
}

#define MSG_ROWS_MAX 3

/* The rows the message takes above the key line: 1, or up to 3 for a
 * long one, so nothing the clerk must read is cut off. */
static int message_rows(struct clerk *c)
{
	struct ui_span sp[MSG_ROWS_MAX];
	size_t n = ui_wrap(c->msg, strlen(c->msg), COLS - 2, sp, MSG_ROWS_MAX);
	return n > MSG_ROWS_MAX ? MSG_ROWS_MAX : (int)n;
}

static void draw_message(struct clerk *c, int rows)
{
	struct ui_span sp[MSG_ROWS_MAX];
	size_t n = ui_wrap(c->msg, strlen(c->msg), COLS - 2, sp, MSG_ROWS_MAX);
	for (int r = 0; r < rows; r++) {
		int y = LINES - 1 - rows + r;
		move(y, 0);
		clrtoeol();
		if (c->msg[0] && (size_t)r < n)
			ui_text(y, 1, COLS - 2, c->msg + sp[r].start, sp[r].end - sp[r].start,
				c->msg_error ? ui_attr(THEME_ERROR) : ui_attr(THEME_SAVED));
	}
}

static const char *const keys_item[] = {
	"Tab", "next field", "Enter", "store", "^N", "next item", "Esc", "hub",
	"F2", "speaker", "^O", "editor", "F1", "help", "^X", "quit", NULL };
static const char *const keys_summary[] = {
	"Tab", "next field", "Enter", "new line", "^N", "next item", "Esc", "hub",
	"^O", "editor", "^Z", "undo", "F1", "help", NULL };
static const char *const keys_decision[] = {
	"1-9", "pick phrase", "Tab", "next field", "Enter", "store", "^N", "next item",
	"Esc", "hub", "F1", "help", NULL };
static const char *const keys_opening[] = {
	"Tab", "next field", "Enter", "store", "^N", "first item", "Esc", "hub",
	"F1", "help", "^X", "quit", NULL };
static const char *const keys_attendance[] = {
	"p", "present", "a", "apologies", "x", "absent", "i", "attending",
	"+", "add", "Enter", "next", "Esc", "hub", "?", "help", "q", "quit", NULL };
static const char *const keys_hub[] = {
	"Enter", "open", "u", "urgent", "w", "withdrawn", "d", "deferred",
	"t", "taken", "E", "end", "h", "history", "?", "help", "q", "quit", NULL };
static const char *const keys_end[] = {
	"Esc", "back to the meeting", "q", "quit", NULL };
static const char *const keys_prompt[] = {
	"Enter", "accept", "Esc", "cancel", NULL };
static const char *const keys_pick[] = {
	"1-9", "pick", "Up/Down", "move", "Enter", "pick", "Esc", "cancel", NULL };
static const char *const keys_help[] = {
	"Up/Down", "scroll", "any other key", "back", NULL };

static const char *const help_lines[] = {
	"gavel run: taking the minutes of a meeting",
	"",
	"Everything you type is kept: a journal on disk catches it within a second,",
	"and a stored comment, a decision and leaving an item are committed to git.",
	"",
	"Anywhere",
	"  F1                this help (? on lists)",
	"  Esc, ^G           the meeting's hub: attendance, declarations, every item",
	"  ^N / ^P           next / previous step (attendance, opening, items)",
	"  ^S                commit now",
	"  ^X, ^Q            store, commit and leave (q on lists)",
	"",
	"In a form",
	"  Tab / Shift-Tab   next / previous field (Up and Down too)",
	"  PgDn / PgUp       several fields down / up",
	"  Enter             store the field and go on; in a fresh comment, store it",
	"                    and start the next one; in the summary, a new line",
	"  Name: text        in a comment, records who spoke (a name, a name",
	"                    without its title, or a surname)",
	"  F2                pick who spoke from a list",
	"  1-9               in an empty decision, pick a phrase",
	"  F5                on an item that confirms an earlier meeting's minutes",
	"                    (Minutes of the previous meeting), confirm them now,",
	"                    signed by the chair",
	"  ^O                edit the field in $VISUAL or $EDITOR",
	"  empty a field     and leave it: that comment, action, presenter,",
	"                    document or declaration is removed",
	"",
	"Editing text",
	"  Left/Right, ^B/^F        a character     ^Left/^Right, M-b/M-f  a word",
	"  Home/End, ^A/^E          start/end       Backspace, Delete      erase",
	"  ^W                       erase a word    ^K                     erase to end",
	"  ^U                       erase to start  ^Z, ^_                 undo",
	"",
	"Attendance",
	"  p  present    a  apologies    x  absent    i  in attendance",
	"  +  add someone (an officer, a guest) with a role",
	"",
	"The hub",
	"  Enter  open       u  add urgent business after the selected item",
	"  w  withdrawn      d  deferred      t  taken after all",
	"  E  end the meeting: stamps the end time, commits, shows what is missing",
	"  h  the meeting's history: its revisions, the changes between two, blame",
	"",
	"Times are stamped when you enter and leave an item; correct them in its",
	"Started and Ended fields.",
};

static const char *const *keys_for(struct clerk *c)
{
	if (c->help)
		return keys_help;
	if (c->prompt != P_NONE)
		return keys_prompt;
	if (c->picking)
		return keys_pick;
	switch (c->view) {
	case V_ATTENDANCE: return keys_attendance;
	case V_OPENING: return keys_opening;
	case V_HUB: return keys_hub;
	case V_END: return keys_end;
	case V_ITEM:
		if (picking_phrase(c))
			return keys_decision;
		if (c->focus < c->nslots && c->slots[c->focus].kind == K_SUMMARY)
			return keys_summary;
		return keys_item;
	}
	return keys_item;
}

/* One row of a form on screen. */
struct row {
	size_t slot;            /* which slot, or SIZE_MAX for a phrase line */
	size_t line;            /* which of its lines */
	struct ui_span span;
	const char *extra;      /* a phrase line's text */
	size_t extra_n;
};

#define MAX_ROWS 4096

static void draw_form(struct clerk *c, int top, int bottom)
{
	static struct row rows[MAX_ROWS];
	static struct ui_span spans[256];
	size_t nrows = 0;
	int tw = COLS - LABEL_W - 2;
	int focus_row = 0, cursor_row = 0;
	char **texts = xcalloc(c->nslots ? c->nslots : 1, sizeof(char *));
	int field_rows_n = 1, fcur_row = 0, fcur_col = 0;
	(void)field_rows_n;

	for (size_t i = 0; i < c->nslots && nrows < MAX_ROWS; i++) {
		if (i == c->focus && c->field) {
			field_layout(c->field, tw);
			field_rows_n = (int)c->field->nlines;
			fcur_row = c->field->cur_row;
			fcur_col = c->field->cur_col;
			focus_row = (int)nrows;
			cursor_row = (int)nrows + fcur_row;
			for (int l = 0; l < field_rows_n && nrows < MAX_ROWS; l++)
				rows[nrows++] = (struct row){ i, (size_t)l, { 0, 0 }, NULL, 0 };
			if (picking_phrase(c)) {
				const char *ph[MAX_PHRASES];
				size_t np = phrases(c, ph);
				for (size_t k = 0; k < np && nrows < MAX_ROWS; k++)
					rows[nrows++] = (struct row){ SIZE_MAX, k, { 0, 0 }, ph[k], k };
			}
			continue;
		}
		texts[i] = slot_get(c, &c->slots[i]);
		size_t n = ui_wrap(texts[i], strlen(texts[i]), tw, spans, 256);
		if (n > 256)
			n = 256;
		for (size_t l = 0; l < n && nrows < MAX_ROWS; l++)
			rows[nrows++] = (struct row){ i, l, spans[l], NULL, 0 };
	}
	int h = bottom - top;
	/* Keep the cursor's row in view, with a little context. */
	if (cursor_row < c->scroll + 1)
		c->scroll = cursor_row > 0 ? cursor_row - 1 : 0;
	if (cursor_row >= c->scroll + h - 1)
		c->scroll = cursor_row - h + 2;
	if (focus_row < c->scroll && cursor_row - focus_row < h - 1)
		c->scroll = focus_row;
	if (c->scroll < 0)
		c->scroll = 0;

	int cy = -1, cx = 0;
	for (int y = top; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
		size_t r = (size_t)(c->scroll + (y - top));
		if (r >= nrows)
			continue;
		struct row *row = &rows[r];
		if (row->slot == SIZE_MAX) {
			char num[8];
			snprintf(num, sizeof(num), "%zu", row->extra_n + 1);
			ui_text(y, LABEL_W + 2, 3, num, strlen(num), ui_attr(THEME_KEYS) | A_BOLD);
			ui_text(y, LABEL_W + 5, tw - 3, row->extra, strlen(row->extra),
				ui_attr(THEME_DECISION));
			continue;
		}
		const struct slot *sl = &c->slots[row->slot];
		bool focused = row->slot == c->focus;
		if (row->line == 0) {
			char label[32];
			slot_label(c, sl, label, sizeof(label));
			ui_text(y, 1, LABEL_W, label, strlen(label),
				focused ? ui_attr(THEME_SELECTED) : ui_attr(THEME_LABEL));
		}
		if (focused) {
			attr_t fa = ui_attr(THEME_FIELD_ACTIVE);
			const struct field_line *fl = &c->field->lines[row->line];
			move(y, LABEL_W + 2);
			attrset(fa);
			for (int x = 0; x < tw; x++)
				addch(' ');
			ui_text(y, LABEL_W + 2, tw, ftext(c->field) + fl->start, fl->end - fl->start, fa);
			if ((int)r == cursor_row) {
				cy = y;
				cx = LABEL_W + 2 + fcur_col;
			}
			continue;
		}
		const char *t = texts[row->slot];
		attr_t a = A_NORMAL;
		if (sl->kind == K_DECISION)
			a = ui_attr(THEME_DECISION);
		else if (sl->kind == K_TITLE)
			a = ui_attr(THEME_TITLE);
		if (sl->kind == K_COMMENT && row->line == 0 && !slot_is_new(c, sl)) {
			struct minutes_item *it = cur(c);
			const char *by = it->comments[sl->index].by;
			if (has(by)) {
				size_t bl = strlen(by) + 2;
				int w = ui_text(y, LABEL_W + 2, tw, t, bl < row->span.end ? bl : row->span.end,
						ui_attr(THEME_LABEL));
				ui_text(y, LABEL_W + 2 + w, tw - w, t + bl,
					row->span.end > bl ? row->span.end - bl : 0, a);
				continue;
			}
		}
		ui_text(y, LABEL_W + 2, tw, t + row->span.start, row->span.end - row->span.start, a);
	}
	for (size_t i = 0; i < c->nslots; i++)
		free(texts[i]);
	free(texts);
	c->cursor_y = cy;
	c->cursor_x = cx;
}

static const char *presence_mark(enum presence p)
{
	switch (p) {
	case PRESENT: return "present";
	case APOLOGIES: return "apologies";
	case IN_ATTENDANCE: return "in attendance";
	default: return "absent";
	}
}

/* A scrolled list of `n` rows, each drawn by `row`. */
static void draw_list(struct clerk *c, int top, int bottom, size_t n,
		      void (*row)(struct clerk *, size_t, int, attr_t))
{
	int h = bottom - top;
	if (c->sel >= n && n)
		c->sel = n - 1;
	if (c->sel < c->hub_top)
		c->hub_top = c->sel;
	if (c->sel >= c->hub_top + (size_t)h)
		c->hub_top = c->sel - (size_t)h + 1;
	for (int y = top; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
		size_t i = c->hub_top + (size_t)(y - top);
		if (i < n)
			row(c, i, y, i == c->sel ? ui_attr(THEME_SELECTED) : A_NORMAL);
	}
	curs_set(0);
}

static void attendance_row(struct clerk *c, size_t i, int y, attr_t a)
{
	const struct candidate *k = &c->cands[i];
	char line[64];
	snprintf(line, sizeof(line), " %-14s", presence_mark(k->state));
	move(y, 0);
	attrset(a);
	for (int x = 0; x < COLS; x++)
		addch(' ');
	ui_text(y, 1, 16, line, strlen(line),
		a ? a : k->state == ABSENT ? ui_attr(THEME_DIM) : ui_attr(THEME_LABEL));
	int w = ui_text(y, 18, COLS - 19, k->name, strlen(k->name), a);
	if (has(k->role)) {
		struct buf b = BUF_INIT;
		buf_addf(&b, ", %s", k->role);
		ui_text(y, 18 + w, COLS - 19 - w, b.data, b.len, a ? a : ui_attr(THEME_DIM));
		buf_free(&b);
	}
}

static void hub_row(struct clerk *c, size_t i, int y, attr_t a)
{
	struct buf b = BUF_INIT;
	const char *state = "";
	if (i == 0)
		buf_addf(&b, "Attendance: %zu present, %zu apologies, %zu in attendance",
			 c->m->present.n, c->m->apologies.n, c->m->in_attendance.n);
	else if (i == 1)
		buf_addf(&b, "Opening and declarations of interest (%zu)", c->m->ndeclarations);
	else if (i - 2 < c->m->nitems) {
		const struct minutes_item *it = c->m->items[i - 2];
		buf_addf(&b, "%-5s %s%s", it->number, it->title, it->urgent ? " (urgent)" : "");
		state = item_state(it);
	} else
		buf_addstr(&b, c->ended ? "End the meeting (ended)" : "End the meeting");
	move(y, 0);
	attrset(a);
	for (int x = 0; x < COLS; x++)
		addch(' ');
	bool here = c->entered && c->view == V_HUB && i - 2 == c->item && i >= 2;
	ui_text(y, 0, 2, here ? ">" : " ", 1, a);
	ui_text(y, 2, COLS - 18, b.data, b.len, a);
	ui_text(y, COLS - 14, 13, state, strlen(state),
		a ? a : !strcmp(state, "decided") ? ui_attr(THEME_DECISION) : ui_attr(THEME_DIM));
	buf_free(&b);
}

static void draw_end(struct clerk *c, int top, int bottom)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "The meeting ended at %s and the minutes are committed (%s).\n\n"
		 "Still to do (nothing is forced; you can go back with Esc):\n",
		 c->m->end, session_last_commit(c->s));
	incomplete(c, &b);
	int y = top;
	static struct ui_span spans[64];
	for (const char *p = b.data; *p && y < bottom;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t n = ui_wrap(p, len, COLS - 4, spans, 64);
		for (size_t l = 0; l < n && l < 64 && y < bottom; l++, y++) {
			move(y, 0);
			clrtoeol();
			ui_text(y, 2, COLS - 4, p + spans[l].start, spans[l].end - spans[l].start,
				A_NORMAL);
		}
		p = nl ? nl + 1 : p + len;
	}
	for (; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
	}
	buf_free(&b);
	curs_set(0);
}

static void draw_pick(struct clerk *c, int top, int bottom)
{
	const char *v[64];
	size_t n = speakers(c, v, 64);
	int h = (int)n + 2, w = 50;
	if (h > bottom - top)
		h = bottom - top;
	int y0 = top + 1, x0 = COLS - w - 2;
	ui_line(y0, x0, w, " Who spoke?", ui_attr(THEME_HEADER));
	for (int r = 1; r < h - 1 && (size_t)(r - 1) < n; r++) {
		char line[160];
		size_t i = (size_t)(r - 1);
		snprintf(line, sizeof(line), " %s%zu  %s", i < 9 ? "" : "", i + 1, v[i]);
		ui_line(y0 + r, x0, w, i < 9 ? line : line,
			i == c->pick_sel ? ui_attr(THEME_SELECTED) : ui_attr(THEME_FIELD));
	}
	if (!n)
		ui_line(y0 + 1, x0, w, " nobody is marked present", ui_attr(THEME_FIELD));
}

static void draw(struct clerk *c)
{
	if (ui_too_small()) {
		curs_set(0);
		refresh();
		return;
	}
	c->clock_drawn = time(NULL);
	if (c->help) {
		ui_page("gavel: keys", help_lines, sizeof(help_lines) / sizeof(help_lines[0]),
			c->help_top, keys_help);
		curs_set(0);
		refresh();
		return;
	}
	draw_header(c);
	int mrows = message_rows(c);
	int top = 2, bottom = LINES - 1 - mrows;
	switch (c->view) {
	case V_ATTENDANCE:
		draw_list(c, top, bottom, c->ncands, attendance_row);
		if (!c->ncands)
			ui_text(top + 1, 2, COLS - 4, "Nobody on the list yet: + adds a person.",
				40, ui_attr(THEME_DIM));
		break;
	case V_HUB:
		draw_list(c, top, bottom, hub_rows(c), hub_row);
		break;
	case V_END:
		draw_end(c, top, bottom);
		break;
	default:
		draw_form(c, top, bottom);
		if (c->picking)
			draw_pick(c, top, bottom);
		break;
	}
	draw_message(c, mrows);
	ui_keys(LINES - 1, keys_for(c));
	/* The terminal's cursor goes last where the typing goes. */
	bool form = c->view == V_ITEM || c->view == V_OPENING;
	if (form && !c->picking && c->cursor_y >= 0) {
		move(c->cursor_y, c->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	if (c->prompt != P_NONE) {
		const char *q = c->prompt == P_PERSON_NAME ? "Name: "
			: c->prompt == P_PERSON_ROLE ? "Role (may be empty): "
			: "Title of the urgent item: ";
		int y = LINES - 2, qw = (int)strlen(q);
		move(y, 0);
		clrtoeol();
		ui_text(y, 1, qw, q, (size_t)qw, ui_attr(THEME_LABEL));
		curs_set(1);
		field_draw(c->prompt_field, stdscr, y, qw + 1, 1, COLS - qw - 2,
			   ui_attr(THEME_FIELD_ACTIVE), 0, true);
	}
	refresh();
}

/* ---- keys ---- */

static bool is_key(int r, wint_t ch, int code)
{
	return r == KEY_CODE_YES && (int)ch == code;
}

static bool is_char(int r, wint_t ch, wint_t want)
{
	return r == OK && ch == want;
}

static bool readonly_refuse(struct clerk *c)
{
	if (!session_read_only(c->s))
		return false;
	say(c, true, "read-only: another gavel is taking these minutes");
	return true;
}

static bool field_key(struct clerk *c, struct field *f, int r, wint_t ch);

static void prompt_open(struct clerk *c, enum prompt_kind k)
{
	c->prompt = k;
	field_delete(c->prompt_field);
	c->prompt_field = field_make(false);
}

static void prompt_key(struct clerk *c, int r, wint_t ch)
{
	if (is_char(r, ch, 27)) {
		c->prompt = P_NONE;
		free(c->pending_name);
		c->pending_name = NULL;
		return;
	}
	if (!(is_char(r, ch, '\r') || is_char(r, ch, '\n') || is_key(r, ch, KEY_ENTER))) {
		field_key(c, c->prompt_field, r, ch);
		return;
	}
	char *v = trimmed(ftext(c->prompt_field), false);
	enum prompt_kind k = c->prompt;
	c->prompt = P_NONE;
	if (k == P_PERSON_NAME && *v) {
		free(c->pending_name);
		c->pending_name = v;
		prompt_open(c, P_PERSON_ROLE);
		return;
	}
	if (k == P_PERSON_ROLE && c->pending_name) {
		if (cand_find(c, c->pending_name))
			say(c, true, "%s is on the list already", c->pending_name);
		else {
			cand_add(c, c->pending_name, v, IN_ATTENDANCE);
			cands_store(c);
			changed(c, NULL, "%s in attendance", c->pending_name);
			c->sel = c->ncands - 1;
		}
		free(c->pending_name);
		c->pending_name = NULL;
	}
	if (k == P_URGENT_TITLE && *v) {
		/* After the selected item, numbered after the last item. */
		size_t at = c->sel >= 2 ? c->sel - 1 : c->m->nitems;
		if (at > c->m->nitems)
			at = c->m->nitems;
		unsigned long top = 0;
		for (size_t i = 0; i < c->m->nitems; i++) {
			unsigned long n = strtoul(c->m->items[i]->number, NULL, 10);
			if (n > top)
				top = n;
		}
		char num[24];
		snprintf(num, sizeof(num), "%lu", top + 1);
		struct minutes_item *it = minutes_insert_item(c->m, at, num, v);
		it->urgent = true;
		session_touch_all(c->s);
		changed(c, it, "added as urgent business");
		commit(c);
		c->sel = at + 2;
		say(c, false, "item %s added; Enter opens it", num);
	}
	free(v);
}

static void pick_key(struct clerk *c, int r, wint_t ch)
{
	const char *v[64];
	size_t n = speakers(c, v, 64);
	if (is_char(r, ch, 27) || is_key(r, ch, KEY_F(2))) {
		c->picking = false;
		return;
	}
	if (is_key(r, ch, KEY_UP) && c->pick_sel > 0)
		c->pick_sel--;
	else if (is_key(r, ch, KEY_DOWN) && c->pick_sel + 1 < n)
		c->pick_sel++;
	else if (r == OK && ch >= '1' && ch <= '9' && (size_t)(ch - '1') < n) {
		speaker_set(c, v[ch - '1']);
		c->picking = false;
	} else if ((is_char(r, ch, '\r') || is_char(r, ch, '\n')) && c->pick_sel < n) {
		speaker_set(c, v[c->pick_sel]);
		c->picking = false;
	}
}

static void external_edit(struct clerk *c)
{
	if (!c->field || readonly_refuse(c))
		return;
	char err[256];
	const char *tmp = getenv("TMPDIR");
	int rc = field_edit_external(c->field, tmp && *tmp ? tmp : NULL, err, sizeof(err));
	if (rc < 0)
		say(c, true, "%s", err);
	else if (rc > 0) {
		c->field_changed = true;
		session_touch(c->s);
	}
	clearok(stdscr, TRUE);
}

/* Gives a key to the focused field; true when the field used it. */
static bool field_key(struct clerk *c, struct field *f, int r, wint_t ch)
{
	unsigned long before = field_changes(f);
	int res = field_handle_key(f, r, ch);
	if (res == FIELD_KEY_EDITOR) {
		external_edit(c);
		return true;
	}
	if (field_changes(f) != before && f == c->field) {
		c->field_changed = true;
		session_touch(c->s);
	}
	return res == FIELD_KEY_USED;
}

static bool moves_only(int r, wint_t ch)
{
	return r == KEY_CODE_YES && (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_HOME ||
				     ch == KEY_END || ch == KEY_UP || ch == KEY_DOWN);
}

static void form_key(struct clerk *c, int r, wint_t ch)
{
	const struct slot *sl = c->focus < c->nslots ? &c->slots[c->focus] : NULL;
	if (!sl || !c->field)
		return;
	if (field_pasting(c->field)) {
		if (!session_read_only(c->s))
			field_key(c, c->field, r, ch);
		return;
	}
	bool enter = is_char(r, ch, '\r') || is_char(r, ch, '\n') || is_key(r, ch, KEY_ENTER);
	bool multi = slot_multiline(sl->kind);

	if (picking_phrase(c) && r == OK && ch >= '1' && ch <= '9') {
		const char *ph[MAX_PHRASES];
		size_t n = phrases(c, ph);
		if ((size_t)(ch - '1') < n) {
			const char *p = ph[ch - '1'];
			fset(c->field, p);
			c->field_changed = true;
			session_touch(c->s);
			/* A complete phrase is the decision, stored and committed
			 * at once; "RESOLVED: that " waits for the rest. */
			if (p[strlen(p) - 1] != ' ') {
				slot_store(c);
				commit(c);
			}
			return;
		}
	}
	if (is_char(r, ch, '\t') || (enter && !multi && sl->kind != K_COMMENT)) {
		focus_move(c, 1);
		return;
	}
	if (is_key(r, ch, KEY_BTAB)) {
		focus_move(c, -1);
		return;
	}
	if (enter && sl->kind == K_COMMENT) {
		/* Store, commit, and go on to a fresh comment. */
		if (!*ftext(c->field) && slot_is_new(c, sl))
			return;
		if (focus_move(c, 0)) {
			c->focus = slot_find(c, K_COMMENT, cur(c)->ncomments);
			focus_load(c);
		}
		return;
	}
	if (is_key(r, ch, KEY_F(5)) && c->view == V_ITEM) {
		if (!readonly_refuse(c) && slot_store(c)) {
			commit(c);
			confirm_now(c);
		}
		return;
	}
	if (is_key(r, ch, KEY_F(2)) && sl->kind == K_COMMENT) {
		if (readonly_refuse(c))
			return;
		c->picking = true;
		c->pick_sel = 0;
		return;
	}
	if (is_char(r, ch, CTRL('O'))) {
		external_edit(c);
		return;
	}
	if (session_read_only(c->s) && !moves_only(r, ch) &&
	    !is_key(r, ch, KEY_NPAGE) && !is_key(r, ch, KEY_PPAGE)) {
		readonly_refuse(c);
		return;
	}
	if (field_key(c, c->field, r, ch))
		return;
	/* What the field left: moving between fields. */
	if (is_key(r, ch, KEY_UP)) {
		focus_move(c, -1);
	} else if (is_key(r, ch, KEY_DOWN)) {
		focus_move(c, 1);
	} else if (is_key(r, ch, KEY_NPAGE) || is_key(r, ch, KEY_PPAGE)) {
		long step = LINES > 10 ? (LINES - 6) / 2 : 1;
		focus_move(c, is_key(r, ch, KEY_NPAGE) ? step : -step);
	}
}

static void attendance_key(struct clerk *c, int r, wint_t ch)
{
	if (is_key(r, ch, KEY_UP) || is_char(r, ch, 'k')) {
		if (c->sel > 0)
			c->sel--;
		return;
	}
	if (is_key(r, ch, KEY_DOWN) || is_char(r, ch, 'j')) {
		if (c->sel + 1 < c->ncands)
			c->sel++;
		return;
	}
	if (is_key(r, ch, KEY_HOME))
		c->sel = 0;
	else if (is_key(r, ch, KEY_END))
		c->sel = c->ncands ? c->ncands - 1 : 0;
	else if (is_key(r, ch, KEY_NPAGE))
		c->sel = c->sel + 10 < c->ncands ? c->sel + 10 : (c->ncands ? c->ncands - 1 : 0);
	else if (is_key(r, ch, KEY_PPAGE))
		c->sel = c->sel > 10 ? c->sel - 10 : 0;
	else if (r == OK && (ch == 'p' || ch == 'a' || ch == 'x' || ch == 'i')) {
		if (readonly_refuse(c) || c->sel >= c->ncands)
			return;
		enum presence p = ch == 'p' ? PRESENT : ch == 'a' ? APOLOGIES
			: ch == 'i' ? IN_ATTENDANCE : ABSENT;
		struct candidate *k = &c->cands[c->sel];
		if (k->state != p) {
			k->state = p;
			cands_store(c);
			changed(c, NULL, "attendance recorded");
		}
		if (c->sel + 1 < c->ncands)
			c->sel++;
	} else if (is_char(r, ch, '+')) {
		if (!readonly_refuse(c))
			prompt_open(c, P_PERSON_NAME);
	} else if (is_char(r, ch, '\r') || is_char(r, ch, '\n') || is_char(r, ch, '\t') ||
		   is_key(r, ch, KEY_RIGHT)) {
		go_next(c);
	}
}

static void hub_key(struct clerk *c, int r, wint_t ch)
{
	size_t n = hub_rows(c);
	if (is_key(r, ch, KEY_UP) || is_char(r, ch, 'k')) {
		if (c->sel > 0)
			c->sel--;
	} else if (is_key(r, ch, KEY_DOWN) || is_char(r, ch, 'j')) {
		if (c->sel + 1 < n)
			c->sel++;
	} else if (is_key(r, ch, KEY_HOME)) {
		c->sel = 0;
	} else if (is_key(r, ch, KEY_END)) {
		c->sel = n - 1;
	} else if (is_key(r, ch, KEY_NPAGE)) {
		c->sel = c->sel + 10 < n ? c->sel + 10 : n - 1;
	} else if (is_key(r, ch, KEY_PPAGE)) {
		c->sel = c->sel > 10 ? c->sel - 10 : 0;
	} else if (is_char(r, ch, '\r') || is_char(r, ch, '\n') || is_key(r, ch, KEY_RIGHT)) {
		if (c->sel == 0)
			view_enter(c, V_ATTENDANCE), c->sel = 0;
		else if (c->sel == 1)
			view_enter(c, V_OPENING);
		else if (c->sel - 2 < c->m->nitems)
			item_enter(c, c->sel - 2);
		else
			meeting_end(c);
	} else if (is_char(r, ch, 'E')) {
		meeting_end(c);
	} else if (is_char(r, ch, 'h')) {
		commit(c);
		history_run(session_archive(c->s), session_id(c->s), c->stop);
		clearok(stdscr, TRUE);
	} else if (is_char(r, ch, 'u')) {
		if (!readonly_refuse(c))
			prompt_open(c, P_URGENT_TITLE);
	} else if (r == OK && (ch == 'w' || ch == 'd' || ch == 't')) {
		if (readonly_refuse(c))
			return;
		if (c->sel < 2 || c->sel - 2 >= c->m->nitems) {
			say(c, true, "select an item first");
			return;
		}
		struct minutes_item *it = c->m->items[c->sel - 2];
		enum item_status st = ch == 'w' ? ITEM_WITHDRAWN : ch == 'd' ? ITEM_DEFERRED
			: ITEM_TAKEN;
		if (it->status != st) {
			it->status = st;
			changed(c, it, "%s", st == ITEM_TAKEN ? "taken" : item_status_name(st));
			commit(c);
		}
	}
}

static void quit(struct clerk *c)
{
	if (leave_current(c))
		c->quit = true;
}

static void handle_key(struct clerk *c, int r, wint_t ch)
{
	c->msg[0] = 0;
	if (c->help) {
		if (is_key(r, ch, KEY_DOWN) || is_key(r, ch, KEY_NPAGE))
			c->help_top += is_key(r, ch, KEY_NPAGE) ? 10 : 1;
		else if (is_key(r, ch, KEY_UP) && c->help_top)
			c->help_top--;
		else if (is_key(r, ch, KEY_PPAGE))
			c->help_top = c->help_top > 10 ? c->help_top - 10 : 0;
		else
			c->help = false;
		size_t n = sizeof(help_lines) / sizeof(help_lines[0]);
		if (c->help_top + 5 > n)
			c->help_top = n > 5 ? n - 5 : 0;
		return;
	}
	if (c->prompt != P_NONE) {
		prompt_key(c, r, ch);
		return;
	}
	if (c->picking) {
		pick_key(c, r, ch);
		return;
	}
	bool list = c->view == V_ATTENDANCE || c->view == V_HUB || c->view == V_END;
	if (is_key(r, ch, KEY_F(1)) || (list && is_char(r, ch, '?'))) {
		c->help = true;
		c->help_top = 0;
		return;
	}
	if (is_char(r, ch, CTRL('X')) || is_char(r, ch, CTRL('Q')) || is_char(r, ch, CTRL('C')) ||
	    (list && is_char(r, ch, 'q'))) {
		quit(c);
		return;
	}
	if (is_char(r, ch, CTRL('S'))) {
		if (slot_store(c)) {
			if (c->view == V_ATTENDANCE)
				cands_store(c);
			commit(c);
			if (!session_save_error(c->s))
				say(c, false, "committed %s", session_last_commit(c->s));
		}
		return;
	}
	if (is_char(r, ch, CTRL('N')) && c->view != V_HUB && c->view != V_END) {
		go_next(c);
		return;
	}
	if (is_char(r, ch, CTRL('P')) && c->view != V_HUB && c->view != V_END) {
		go_prev(c);
		return;
	}
	if (is_char(r, ch, 27) || is_char(r, ch, CTRL('G'))) {
		if (c->view == V_HUB) {
			if (c->entered)
				item_enter(c, c->item);
			else
				view_enter(c, V_ATTENDANCE);
		} else if (c->view == V_END) {
			view_enter(c, V_HUB);
			c->sel = hub_rows(c) - 1;
		} else {
			go_hub(c);
		}
		return;
	}
	switch (c->view) {
	case V_ATTENDANCE: attendance_key(c, r, ch); break;
	case V_HUB: hub_key(c, r, ch); break;
	case V_END: break;
	default: form_key(c, r, ch); break;
	}
}

/* ---- the whole ---- */

void clerk_say(struct clerk *c, const char *msg)
{
	say(c, true, "%s", msg);
}

struct clerk *clerk_new(struct session *s)
{
	struct clerk *c = xcalloc(1, sizeof(*c));
	c->s = s;
	c->m = session_minutes(s);
	cands_load(c);
	const char *when;
	const char *ui = session_recovered(s, &when);
	if (ui) {
		ui_restore(c, ui);
		say(c, false, "Found unsaved work (journal of %s) and restored it: nothing is lost.",
		    when ? when : "?");
	} else {
		/* A meeting begun earlier opens where it stood. */
		size_t last = SIZE_MAX;
		for (size_t i = 0; i < c->m->nitems; i++)
			if (*c->m->items[i]->started)
				last = i;
		if (last != SIZE_MAX) {
			view_enter(c, V_HUB);
			c->sel = last + 2;
			say(c, false, "Welcome back: Enter goes on with item %s.",
			    c->m->items[last]->number);
		} else {
			view_enter(c, V_ATTENDANCE);
			if (!session_read_only(s)) {
				char now[6];
				now_hhmm(now);
				snprintf(c->m->start, sizeof(c->m->start), "%s", now);
				changed(c, NULL, "meeting began %s", now);
			}
		}
	}
	/* Everything the session has to say, after what the screen said. */
	for (const char *notice; (notice = session_take_notice(s));) {
		size_t n = strlen(c->msg);
		snprintf(c->msg + n, sizeof(c->msg) - n, "%s%s", n ? "  " : "", notice);
	}
	return c;
}

void clerk_free(struct clerk *c)
{
	if (!c)
		return;
	field_delete(c->field);
	field_delete(c->prompt_field);
	for (size_t i = 0; i < c->ncands; i++) {
		free(c->cands[i].name);
		free(c->cands[i].role);
	}
	free(c->cands);
	free(c->slots);
	free(c->pending_name);
	free(c);
}

int clerk_run(struct clerk *c, volatile sig_atomic_t *stop, char **farewell)
{
	*farewell = NULL;
	c->stop = stop;
	timeout(250);
	draw(c);
	int quick_errors = 0;
	while (!c->quit && !*stop) {
		wint_t ch = 0;
		double before = now_seconds();
		int r = field_read_key(stdscr, &ch);
		if (r == ERR) {
			/* A terminal that has gone answers at once, forever. */
			if (now_seconds() - before < 0.05) {
				if (++quick_errors > 50)
					break;
			} else {
				quick_errors = 0;
			}
			journal(c, false);
			if (time(NULL) != c->clock_drawn)
				draw(c);
			continue;
		}
		quick_errors = 0;
		if (is_key(r, ch, KEY_RESIZE)) {
			clearok(stdscr, TRUE);
			draw(c);
			continue;
		}
		handle_key(c, r, ch);
		journal(c, false);
		draw(c);
	}
	/* Leaving, however it happens: store, journal, commit. */
	slot_store(c);
	if (c->view == V_ATTENDANCE && !session_read_only(c->s))
		cands_store(c);
	journal(c, true);
	commit(c);
	struct buf b = BUF_INIT;
	if (session_save_error(c->s))
		buf_addf(&b, "the last save failed: %s\nThe journal keeps your work; "
			 "gavel run %s restores it.\n", session_save_error(c->s),
			 session_id(c->s));
	else if (c->ended) {
		buf_addf(&b, "%s: the meeting ended at %s; minutes committed as %s.\n",
			 session_id(c->s), c->m->end, session_last_commit(c->s));
		incomplete(c, &b);
	}
	if (b.len)
		*farewell = buf_detach(&b, NULL);
	buf_free(&b);
	return session_save_error(c->s) ? -1 : 0;
}
