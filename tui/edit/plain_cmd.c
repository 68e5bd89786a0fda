/* plain_cmd: the dialogue's commands for attendance, the opening and the
 * item in hand (plain.h): each drives the form as the screen's keys do. */
#include "tui/edit/plain.h"
#include "tui/edit/plain_priv.h"

#include "minutes/base/utf8.h"
#include "tui/edit/form_journal.h"
#include "tui/edit/form_nav.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_roll.h"
#include "tui/edit/form_speakers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool plain_writable(struct plain *p)
{
	if (form_refuse_read_only(&p->f)) {
		plain_messages(p);
		return false;
	}
	return true;
}

bool plain_at_item(struct plain *p)
{
	if (p->f.view == FORM_ITEM && form_item(&p->f))
		return true;
	plain_say(p, "Not at an item: type next, or item NUMBER, first.");
	return false;
}

/* Puts text in slot (kind, index) of the form on show and stores it, as
 * if typed there and left.  A refusal (a time that does not read) is
 * said, and the slot goes back to what it held. */
bool plain_set_slot(struct plain *p, enum form_slot_kind kind, size_t index,
		     const char *text)
{
	struct form *f = &p->f;
	f->focus = form_slot_find(f, kind, index);
	const struct form_slot *sl = form_focused(f);
	if (!sl || sl->kind != kind || sl->index != index) {
		plain_say(p, "There is no such field here.");
		return false;
	}
	form_load(f);
	form_set_text(f, text);
	if (!form_move(f, 0)) {
		plain_messages(p);
		form_load(f);
		return false;
	}
	return true;
}

/* After a change in an item: the focus back on a fresh comment, and what
 * is pending committed. */
void plain_settle(struct plain *p)
{
	struct form *f = &p->f;
	struct minutes_item *it = form_item(f);
	if (it && f->view == FORM_ITEM) {
		f->focus = form_slot_find(f, SLOT_COMMENT, it->ncomments);
		form_load(f);
	}
	if (session_pending(f->s))
		form_commit(f);
}

char *plain_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Splits s at the first ';' (the rest, trimmed, or NULL). */
char *plain_split(char *s)
{
	char *semi = strchr(s, ';');
	if (!semi)
		return NULL;
	*semi = '\0';
	return plain_trim(semi + 1);
}

static bool ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* The person a name or a list number names, or SIZE_MAX after saying why
 * not: an exact name (any case), else the one name holding it. */
size_t plain_person(struct plain *p, const char *want)
{
	struct form_roll *r = &p->f.roll;
	char *end;
	unsigned long n = strtoul(want, &end, 10);
	if (*want && !*end) {
		if (n >= 1 && n <= r->n)
			return n - 1;
		plain_say(p, "No number %s on the attendance list: it has %zu names.", want, r->n);
		return SIZE_MAX;
	}
	for (size_t i = 0; i < r->n; i++)
		if (!strcasecmp(r->v[i].name, want))
			return i;
	/* As a speaker is named: "Cllr Reid", a surname, "Chair". */
	enum form_speaker_check how = FORM_SPEAKER_UNKNOWN;
	const char *who = form_speakers_match(&p->f, want, strlen(want), &how, NULL);
	for (size_t i = 0; who && i < r->n; i++)
		if (!strcmp(r->v[i].name, who))
			return i;
	size_t found = SIZE_MAX, count = 0;
	for (size_t i = 0; i < r->n; i++)
		if (ci_contains(r->v[i].name, want)) {
			found = i;
			count++;
		}
	if (count == 1)
		return found;
	if (count)
		plain_say(p, "'%s' fits %zu names; type more of the name, or its number.", want, count);
	else
		plain_say(p, "'%s' is nobody on the attendance list; add puts a person on it.", want);
	return SIZE_MAX;
}

void plain_cmd_mark(struct plain *p, enum form_presence st, char *args)
{
	struct form *f = &p->f;
	if (!plain_writable(p))
		return;
	if (!*args) {
		plain_say(p, "Name the people: %s NAME, NAME or numbers from list.",
		    form_roll_state_name(st));
		return;
	}
	char *save = NULL;
	for (char *tok = strtok_r(args, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *name = plain_trim(tok);
		if (!*name)
			continue;
		size_t i = plain_person(p, name);
		if (i == SIZE_MAX)
			continue;
		f->sel = i;
		form_roll_mark(f, st);
		/* The state it got: present for a non-member is in attendance. */
		plain_say(p, "%s: %s.", f->roll.v[i].name,
			  form_roll_state_name(f->roll.v[i].state));
	}
	/* The journal has it from now; the commit comes when the clerk moves
	 * on, as on the screen. */
	session_touch(f->s);
}

void plain_cmd_list(struct plain *p)
{
	const struct form_roll *r = &p->f.roll;
	if (!r->n)
		plain_say(p, "Nobody is on the attendance list; add puts a person on it.");
	for (size_t i = 0; i < r->n; i++)
		plain_say(p, "%zu. %s%s%s: %s", i + 1, r->v[i].name, r->v[i].role ? ", " : "",
		    r->v[i].role ? r->v[i].role : "", form_roll_state_name(r->v[i].state));
}

void plain_cmd_read(struct plain *p)
{
	struct form *f = &p->f;
	if (f->view == FORM_ATTENDANCE) {
		plain_cmd_list(p);
		return;
	}
	if (f->view == FORM_HUB || f->view == FORM_END) {
		for (size_t i = 0; i < f->m->nitems; i++)
			plain_say(p, "Item %s, %s: %s.", f->m->items[i]->number,
			    f->m->items[i]->title ? f->m->items[i]->title : "untitled",
			    form_nav_item_state(f->m->items[i]));
		if (f->view == FORM_END) {
			struct buf b = BUF_INIT;
			form_nav_missing(f, &b);
			plain_text(p, b.data);
			buf_free(&b);
		}
		return;
	}
	for (size_t i = 0; i < f->nslots; i++) {
		const struct form_slot *sl = &f->slots[i];
		if (form_slot_is_new(f, sl))
			continue;
		char label[64];
		form_slot_label(f, sl, label, sizeof(label));
		char *text = form_slot_text(f, sl);
		if (*text)
			plain_say(p, "%s: %s", plain_trim(label), text);
		free(text);
	}
}

void plain_cmd_decision(struct plain *p, char *args)
{
	struct form *f = &p->f;
	if (!plain_at_item(p))
		return;
	const char *ph[FORM_PHRASES_MAX];
	/* The phrases are offered for an empty decision: look from there. */
	f->focus = form_slot_find(f, SLOT_DECISION, 0);
	form_load(f);
	size_t n = form_phrases(f, ph);
	if (!*args) {
		struct minutes_item *it = form_item(f);
		if (it->decision && *it->decision)
			plain_say(p, "Decision: %s", it->decision);
		else
			plain_say(p, "No decision yet.");
		for (size_t i = 0; i < n; i++)
			plain_say(p, "Phrase %zu: %s", i + 1, ph[i]);
		plain_say(p, "decision N [TEXT] records phrase N (then TEXT); decision TEXT records "
		    "it as typed.");
		plain_settle(p);
		return;
	}
	if (!plain_writable(p))
		return;
	char *end;
	unsigned long k = strtoul(args, &end, 10);
	struct buf b = BUF_INIT;
	if (end != args && (*end == '\0' || *end == ' ')) {
		if (k < 1 || k > n) {
			plain_say(p, "There is no phrase %lu: decision alone lists %zu.", k, n);
			plain_settle(p);
			buf_free(&b);
			return;
		}
		buf_addstr(&b, ph[k - 1]);
		const char *rest = plain_trim(end);
		if (*rest && b.len && b.data[b.len - 1] != ' ')
			buf_addch(&b, ' ');
		buf_addstr(&b, rest);
	} else {
		buf_addstr(&b, args);
	}
	if (plain_set_slot(p, SLOT_DECISION, 0, b.data))
		plain_say(p, "Decision recorded: %s", form_item(f)->decision);
	buf_free(&b);
	plain_settle(p);
}

void plain_cmd_votes(struct plain *p, char *args)
{
	unsigned a, b, c;
	char extra;
	if (!plain_at_item(p) || !plain_writable(p))
		return;
	if (sscanf(args, "%u %u %u %c", &a, &b, &c, &extra) != 3) {
		plain_say(p, "Type votes FOR AGAINST ABSTAINED, three numbers: votes 7 2 1.");
		return;
	}
	char v[3][16];
	snprintf(v[0], sizeof(v[0]), "%u", a);
	snprintf(v[1], sizeof(v[1]), "%u", b);
	snprintf(v[2], sizeof(v[2]), "%u", c);
	if (plain_set_slot(p, SLOT_VOTE_FOR, 0, v[0]) && plain_set_slot(p, SLOT_VOTE_AGAINST, 0, v[1]) &&
	    plain_set_slot(p, SLOT_VOTE_ABST, 0, v[2]))
		plain_say(p, "Votes recorded: %u for, %u against, %u abstained.", a, b, c);
	plain_settle(p);
}

void plain_cmd_action(struct plain *p, char *args)
{
	if (!plain_at_item(p) || !plain_writable(p))
		return;
	char *owner = plain_split(args);
	char *due = owner ? plain_split(owner) : NULL;
	args = plain_trim(args);
	if (!*args) {
		plain_say(p, "Type action TEXT; OWNER; DUE (owner and due date optional).");
		return;
	}
	size_t i = form_item(&p->f)->nactions;
	if (plain_set_slot(p, SLOT_ACT_TEXT, i, args) &&
	    (!owner || !*owner || plain_set_slot(p, SLOT_ACT_OWNER, i, owner)) &&
	    (!due || !*due || plain_set_slot(p, SLOT_ACT_DUE, i, due)))
		plain_say(p, "Action %zu recorded.", i + 1);
	plain_settle(p);
}

void plain_cmd_comment(struct plain *p, const char *text)
{
	if (!plain_at_item(p) || !plain_writable(p))
		return;
	if (!*text) {
		plain_say(p, "An empty comment is nothing to record.");
		return;
	}
	struct minutes_item *it = form_item(&p->f);
	size_t i = it->ncomments;
	if (plain_set_slot(p, SLOT_COMMENT, i, text)) {
		const char *by = it->ncomments > i ? it->comments[i].by : NULL;
		if (by && *by)
			plain_say(p, "Comment %zu recorded, said by %s.", i + 1, by);
		else
			plain_say(p, "Comment %zu recorded.", i + 1);
	}
	plain_messages(p);
	plain_settle(p);
}

void plain_cmd_status(struct plain *p, enum item_status st, const char *reason)
{
	struct form *f = &p->f;
	if (!plain_at_item(p) || !plain_writable(p))
		return;
	f->sel = f->item + 2;
	form_nav_status(f, st, reason);
	plain_say(p, "Item %s is %s%s%s.", form_item(f)->number, minutes_item_status_name(st),
	    st != ITEM_TAKEN && *reason ? ": " : "", st != ITEM_TAKEN ? reason : "");
}

/* Confirms the minutes the item approves; empty minutes only when the
 * clerk says so ("confirm yes"), as the screen asks. */
void plain_cmd_confirm(struct plain *p, const char *args)
{
	struct form *f = &p->f;
	if (!plain_at_item(p) || !plain_writable(p))
		return;
	const char *id = form_phrases_confirms(f);
	const struct minutes_item *it = form_item(f);
	if (id && it->decision && *it->decision && form_phrases_confirms_empty(f) &&
	    strcasecmp(args, "yes")) {
		plain_say(p, "The minutes of %s hold nothing yet.  Type confirm yes to confirm "
		    "them all the same.", id);
		return;
	}
	form_phrases_confirm_now(f);
}

void plain_cmd_item(struct plain *p, const char *num)
{
	struct form *f = &p->f;
	for (size_t i = 0; i < f->m->nitems; i++)
		if (f->m->items[i]->number && !strcmp(f->m->items[i]->number, num)) {
			if (form_nav_leave(f))
				form_nav_item(f, i);
			return;
		}
	plain_say(p, "There is no item %s; read at the end lists the items.", num);
}

void plain_cmd_opening(struct plain *p, const char *word, char *args)
{
	struct form *f = &p->f;
	if (f->view != FORM_OPENING) {
		plain_say(p, "%s is part of the opening: type opening first.", word);
		return;
	}
	if (!plain_writable(p))
		return;
	if (plain_set_slot(p, SLOT_VENUE, 0, args))
		plain_say(p, "Venue: %s.", args);
	if (session_pending(f->s))
		form_commit(f);
}

void plain_cmd_back(struct plain *p)
{
	struct form *f = &p->f;
	if (f->view == FORM_HUB || f->view == FORM_END)
		form_nav_back(f);
	else if (f->view == FORM_ATTENDANCE)
		plain_say(p, "Attendance is the first part: nothing is before it.");
	else
		form_nav_prev(f);
	if (f->view == FORM_HUB && f->entered)
		form_nav_back(f);
}

void plain_cmd_end(struct plain *p)
{
	form_nav_end(&p->f);
	plain_messages(p);
	if (p->f.view == FORM_END) {
		struct buf b = BUF_INIT;
		form_nav_missing(&p->f, &b);
		plain_text(p, b.data);
		buf_free(&b);
	}
}

void plain_cmd_save(struct plain *p)
{
	struct form *f = &p->f;
	form_nav_save(f);
	buf_reset(&f->msg);
	session_flush(f->s);
	plain_messages(p);
	if (session_save_error(f->s))
		plain_say(p, "Not saved: %s", session_save_error(f->s));
	else
		plain_say(p, "Saved: committed %s.", session_last_commit(f->s));
}

void plain_cmd_add(struct plain *p, char *args)
{
	if (!plain_writable(p))
		return;
	char *role = strchr(args, ',');
	if (role)
		*role++ = '\0';
	char *name = plain_trim(args);
	if (!*name) {
		plain_say(p, "Type add NAME, ROLE (the role may be left out).");
		return;
	}
	form_roll_add_person(&p->f, name, role ? plain_trim(role) : "");
	if (!p->f.msg.len)
		plain_say(p, "%s added, in attendance.", name);
}
