/* plain: the clerk's screen as a line-based dialogue (plain.h). */
#include "tui/edit/plain.h"

#include "minutes/base/utf8.h"
#include "tui/edit/form_journal.h"
#include "tui/edit/form_nav.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_roll.h"
#include "tui/edit/form_sheet.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Writes text a line at a time, anything that could reach a terminal as
 * a control shown visibly (names and comments come from files). */
static void out_text(struct plain *p, const char *s)
{
	struct buf b = BUF_INIT;
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		buf_reset(&b);
		utf8_add_visible(&b, s, len);
		fputs(b.data ? b.data : "", p->out);
		fputc('\n', p->out);
		s = nl ? nl + 1 : s + len;
	}
	buf_free(&b);
	fflush(p->out);
}

static void say(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct plain *p, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	out_text(p, b.data);
	buf_free(&b);
}

/* The model's messages name the screen's keys; here, the commands. */
static const char *const key_words[][2] = {
	{ "F5 confirms", "confirm confirms" },
	{ "Esc, then Attendance, if they came", "attendance, then present NAME, if they came" },
	{ ": F2 picks the speaker", ": the name stays in its text" },
	{ "Enter on \"End the meeting\" ends it", "end ends it" },
	{ "u adds one", "urgent TITLE adds one" },
	{ "b begins", "begin begins" },
};

static void out_said(struct plain *p, const char *msg)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, msg);
	for (size_t k = 0; k < sizeof(key_words) / sizeof(*key_words); k++) {
		char *at = strstr(b.data, key_words[k][0]);
		if (!at)
			continue;
		struct buf o = BUF_INIT;
		buf_add(&o, b.data, (size_t)(at - b.data));
		buf_addstr(&o, key_words[k][1]);
		buf_addstr(&o, at + strlen(key_words[k][0]));
		buf_free(&b);
		b = o;
	}
	out_text(p, b.data);
	buf_free(&b);
}

/* The model's message, and what the committer did since the last look. */
static void out_messages(struct plain *p)
{
	struct form *f = &p->f;
	struct session *s = f->s;
	if (session_poll(s) && session_poll_said(s))
		form_say(f, true, "%s", session_poll_said(s));
	for (const char *notice; (notice = session_take_notice(s));)
		buf_addf(&f->msg, "%s%s", f->msg.len ? "\n" : "", notice);
	if (f->msg.len)
		out_said(p, f->msg.data);
	buf_reset(&f->msg);
}

void plain_init(struct plain *p, struct session *s, FILE *out)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	session_async(s);
	form_init(&p->f, s);
	p->f.correct_hint = "run gavel run MEETING --plain --correct REASON";
	const char *when;
	const char *ui = session_recovered(s, &when);
	form_nav_start(&p->f, ui, when);
	/* The screen's hints name its keys; here the words are said instead. */
	if (!ui)
		buf_reset(&p->f.msg);
	say(p, "gavel run %s, plain: one line for each thing said.  help lists the "
	    "commands; the end of input saves and leaves.", session_id(s));
	if (session_can_correct(s) && session_read_only(s))
		say(p, "Read-only: these minutes are %s.  A change is a correction: "
		    "gavel run %s --plain --correct REASON.", session_read_only_why(s),
		    session_id(s));
	else if (session_correction(s))
		say(p, "Correcting the confirmed minutes: every commit says Correction: %s",
		    session_correction(s));
	else if (session_read_only(s))
		say(p, "Read-only: %s.", session_read_only_why(s));
	if (!ui && p->f.view == FORM_HUB && p->f.entered) {
		/* A meeting begun earlier: straight back to the item in hand. */
		form_nav_item(&p->f, p->f.item);
		say(p, "Welcome back: the meeting was begun earlier.");
	} else if (!ui && p->f.view == FORM_HUB) {
		form_nav_enter(&p->f, FORM_ATTENDANCE);
	}
	out_messages(p);
}

void plain_free(struct plain *p)
{
	form_free(&p->f);
}

/* ---- where the clerk is ---- */

static size_t count_state(const struct form *f, enum form_presence st)
{
	size_t n = 0;
	for (size_t i = 0; i < f->roll.n; i++)
		n += f->roll.v[i].state == st;
	return n;
}

static void item_words(const struct form *f, struct buf *b)
{
	const struct minutes_item *it = form_item(f);
	if (!it)
		return;
	buf_addf(b, "Item %s (%zu of %zu), %s", it->number ? it->number : "?", f->item + 1,
		 f->m->nitems, it->title ? it->title : "untitled");
}

void plain_prompt(struct plain *p)
{
	struct form *f = &p->f;
	struct buf b = BUF_INIT;
	const char *ro = session_read_only(f->s) ? "Read-only.  " : "";
	switch (f->view) {
	case FORM_ATTENDANCE:
		buf_addf(&b, "%sAttendance: %zu present, %zu apologies, %zu listed. Type a "
			 "command: present, apologies, absent or attending with names or "
			 "numbers, list, add, begin, next, help", ro,
			 count_state(f, FORM_PRESENT), count_state(f, FORM_APOLOGIES),
			 f->roll.n);
		break;
	case FORM_OPENING:
		buf_addf(&b, "%sOpening: venue %s, %zu declarations of interest. Type a "
			 "command: venue, declare, next, back, help", ro,
			 f->m->venue && *f->m->venue ? f->m->venue : "not given",
			 f->m->ndeclarations);
		break;
	case FORM_ITEM: {
		const struct minutes_item *it = form_item(f);
		buf_addstr(&b, ro);
		item_words(f, &b);
		if (it && it->status != ITEM_TAKEN)
			buf_addf(&b, ", %s. Type a command: take, next, back, help",
				 minutes_item_status_name(it->status));
		else if (it)
			buf_addf(&b, ". Comment %zu. Type the comment, or a command: next, "
				 "back, decision, help", it->ncomments + 1);
		else
			buf_addstr(&b, "This meeting has no items. Type a command: end, help");
		break;
	}
	case FORM_HUB:
		buf_addf(&b, "%sAfter the last item. Type a command: end, back, item NUMBER, "
			 "help", ro);
		break;
	case FORM_END:
		buf_addf(&b, "%sThe meeting ended at %s. Type a command: quit, item NUMBER, "
			 "help", ro, f->m->end);
		break;
	}
	out_text(p, b.data);
	buf_free(&b);
}

/* ---- the commands ---- */

static const char *const help_lines[] = {
	"Commands (a line that starts with none of them is a comment on the item):",
	"  present, apologies, absent, attending NAMES  mark people; names or the",
	"        numbers list gives, separated by commas",
	"  list  the attendance list, numbered;  add NAME, ROLE  someone in attendance",
	"  begin  the meeting begins now",
	"  next, back  the next or previous item (attendance, opening, items)",
	"  item NUMBER  that agenda item;  opening, attendance  those parts",
	"  read  what is recorded where you are",
	"  summary TEXT  the item's summary (replaces it)",
	"  comment TEXT  a comment; \"Name: text\" names its speaker",
	"  decision  lists the phrases;  decision N [TEXT]  phrase N, then TEXT;",
	"        decision TEXT  the decision as typed",
	"  votes FOR AGAINST ABSTAINED  the vote's counts",
	"  action TEXT; OWNER; DUE  an action (owner and due date YYYY-MM-DD optional)",
	"  defer REASON, withdraw REASON, take  the item's status",
	"  confirm  confirms the minutes this item approves, once it has its decision",
	"  urgent TITLE  urgent business after the item in hand",
	"  venue TEXT;  declare MEMBER; ITEM; INTEREST  (the opening)",
	"  end  ends the meeting;  save  commits now;  quit  saves and leaves",
	"The end of input saves and leaves too.",
};

static bool writable(struct plain *p)
{
	if (form_refuse_read_only(&p->f)) {
		out_messages(p);
		return false;
	}
	return true;
}

static bool at_item(struct plain *p)
{
	if (p->f.view == FORM_ITEM && form_item(&p->f))
		return true;
	say(p, "Not at an item: type next, or item NUMBER, first.");
	return false;
}

/* Puts text in slot (kind, index) of the form on show and stores it, as
 * if typed there and left.  A refusal (a time that does not read) is
 * said, and the slot goes back to what it held. */
static bool set_slot(struct plain *p, enum form_slot_kind kind, size_t index,
		     const char *text)
{
	struct form *f = &p->f;
	f->focus = form_slot_find(f, kind, index);
	const struct form_slot *sl = form_focused(f);
	if (!sl || sl->kind != kind || sl->index != index) {
		say(p, "There is no such field here.");
		return false;
	}
	form_load(f);
	form_set_text(f, text);
	if (!form_move(f, 0)) {
		out_messages(p);
		form_load(f);
		return false;
	}
	return true;
}

/* After a change in an item: the focus back on a fresh comment, and what
 * is pending committed. */
static void item_settle(struct plain *p)
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

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Splits s at the first ';' (the rest, trimmed, or NULL). */
static char *split(char *s)
{
	char *semi = strchr(s, ';');
	if (!semi)
		return NULL;
	*semi = '\0';
	return trim(semi + 1);
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
static size_t person_find(struct plain *p, const char *want)
{
	struct form_roll *r = &p->f.roll;
	char *end;
	unsigned long n = strtoul(want, &end, 10);
	if (*want && !*end) {
		if (n >= 1 && n <= r->n)
			return n - 1;
		say(p, "No number %s on the attendance list: it has %zu names.", want, r->n);
		return SIZE_MAX;
	}
	for (size_t i = 0; i < r->n; i++)
		if (!strcasecmp(r->v[i].name, want))
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
		say(p, "'%s' fits %zu names; type more of the name, or its number.", want, count);
	else
		say(p, "'%s' is nobody on the attendance list; add puts a person on it.", want);
	return SIZE_MAX;
}

static void cmd_mark(struct plain *p, enum form_presence st, char *args)
{
	struct form *f = &p->f;
	if (!writable(p))
		return;
	if (!*args) {
		say(p, "Name the people: %s NAME, NAME or numbers from list.",
		    form_roll_state_name(st));
		return;
	}
	char *save = NULL;
	for (char *tok = strtok_r(args, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *name = trim(tok);
		if (!*name)
			continue;
		size_t i = person_find(p, name);
		if (i == SIZE_MAX)
			continue;
		f->sel = i;
		form_roll_mark(f, st);
		say(p, "%s: %s.", f->roll.v[i].name, form_roll_state_name(st));
	}
	/* The journal has it from now; the commit comes when the clerk moves
	 * on, as on the screen. */
	session_touch(f->s);
}

static void cmd_list(struct plain *p)
{
	const struct form_roll *r = &p->f.roll;
	if (!r->n)
		say(p, "Nobody is on the attendance list; add puts a person on it.");
	for (size_t i = 0; i < r->n; i++)
		say(p, "%zu. %s%s%s: %s", i + 1, r->v[i].name, r->v[i].role ? ", " : "",
		    r->v[i].role ? r->v[i].role : "", form_roll_state_name(r->v[i].state));
}

static void cmd_read(struct plain *p)
{
	struct form *f = &p->f;
	if (f->view == FORM_ATTENDANCE) {
		cmd_list(p);
		return;
	}
	if (f->view == FORM_HUB || f->view == FORM_END) {
		for (size_t i = 0; i < f->m->nitems; i++)
			say(p, "Item %s, %s: %s.", f->m->items[i]->number,
			    f->m->items[i]->title ? f->m->items[i]->title : "untitled",
			    form_nav_item_state(f->m->items[i]));
		if (f->view == FORM_END) {
			struct buf b = BUF_INIT;
			form_nav_missing(f, &b);
			out_text(p, b.data);
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
			say(p, "%s: %s", trim(label), text);
		free(text);
	}
}

static void cmd_decision(struct plain *p, char *args)
{
	struct form *f = &p->f;
	if (!at_item(p))
		return;
	const char *ph[FORM_PHRASES_MAX];
	/* The phrases are offered for an empty decision: look from there. */
	f->focus = form_slot_find(f, SLOT_DECISION, 0);
	form_load(f);
	size_t n = form_phrases(f, ph);
	if (!*args) {
		struct minutes_item *it = form_item(f);
		if (it->decision && *it->decision)
			say(p, "Decision: %s", it->decision);
		else
			say(p, "No decision yet.");
		for (size_t i = 0; i < n; i++)
			say(p, "Phrase %zu: %s", i + 1, ph[i]);
		say(p, "decision N [TEXT] records phrase N (then TEXT); decision TEXT records "
		    "it as typed.");
		item_settle(p);
		return;
	}
	if (!writable(p))
		return;
	char *end;
	unsigned long k = strtoul(args, &end, 10);
	struct buf b = BUF_INIT;
	if (end != args && (*end == '\0' || *end == ' ')) {
		if (k < 1 || k > n) {
			say(p, "There is no phrase %lu: decision alone lists %zu.", k, n);
			item_settle(p);
			buf_free(&b);
			return;
		}
		buf_addstr(&b, ph[k - 1]);
		const char *rest = trim(end);
		if (*rest && b.len && b.data[b.len - 1] != ' ')
			buf_addch(&b, ' ');
		buf_addstr(&b, rest);
	} else {
		buf_addstr(&b, args);
	}
	if (set_slot(p, SLOT_DECISION, 0, b.data))
		say(p, "Decision recorded: %s", form_item(f)->decision);
	buf_free(&b);
	item_settle(p);
}

static void cmd_votes(struct plain *p, char *args)
{
	unsigned a, b, c;
	char extra;
	if (!at_item(p) || !writable(p))
		return;
	if (sscanf(args, "%u %u %u %c", &a, &b, &c, &extra) != 3) {
		say(p, "Type votes FOR AGAINST ABSTAINED, three numbers: votes 7 2 1.");
		return;
	}
	char v[3][16];
	snprintf(v[0], sizeof(v[0]), "%u", a);
	snprintf(v[1], sizeof(v[1]), "%u", b);
	snprintf(v[2], sizeof(v[2]), "%u", c);
	if (set_slot(p, SLOT_VOTE_FOR, 0, v[0]) && set_slot(p, SLOT_VOTE_AGAINST, 0, v[1]) &&
	    set_slot(p, SLOT_VOTE_ABST, 0, v[2]))
		say(p, "Votes recorded: %u for, %u against, %u abstained.", a, b, c);
	item_settle(p);
}

static void cmd_action(struct plain *p, char *args)
{
	if (!at_item(p) || !writable(p))
		return;
	char *owner = split(args);
	char *due = owner ? split(owner) : NULL;
	args = trim(args);
	if (!*args) {
		say(p, "Type action TEXT; OWNER; DUE (owner and due date optional).");
		return;
	}
	size_t i = form_item(&p->f)->nactions;
	if (set_slot(p, SLOT_ACT_TEXT, i, args) &&
	    (!owner || !*owner || set_slot(p, SLOT_ACT_OWNER, i, owner)) &&
	    (!due || !*due || set_slot(p, SLOT_ACT_DUE, i, due)))
		say(p, "Action %zu recorded.", i + 1);
	item_settle(p);
}

static void cmd_comment(struct plain *p, const char *text)
{
	if (!at_item(p) || !writable(p))
		return;
	if (!*text) {
		say(p, "An empty comment is nothing to record.");
		return;
	}
	struct minutes_item *it = form_item(&p->f);
	size_t i = it->ncomments;
	if (set_slot(p, SLOT_COMMENT, i, text)) {
		const char *by = it->ncomments > i ? it->comments[i].by : NULL;
		if (by && *by)
			say(p, "Comment %zu recorded, said by %s.", i + 1, by);
		else
			say(p, "Comment %zu recorded.", i + 1);
	}
	out_messages(p);
	item_settle(p);
}

static void cmd_status(struct plain *p, enum item_status st, const char *reason)
{
	struct form *f = &p->f;
	if (!at_item(p) || !writable(p))
		return;
	f->sel = f->item + 2;
	form_nav_status(f, st, reason);
	say(p, "Item %s is %s%s%s.", form_item(f)->number, minutes_item_status_name(st),
	    st != ITEM_TAKEN && *reason ? ": " : "", st != ITEM_TAKEN ? reason : "");
}

/* Confirms the minutes the item approves; empty minutes only when the
 * clerk says so ("confirm yes"), as the screen asks. */
static void cmd_confirm(struct plain *p, const char *args)
{
	struct form *f = &p->f;
	if (!at_item(p) || !writable(p))
		return;
	const char *id = form_phrases_confirms(f);
	const struct minutes_item *it = form_item(f);
	if (id && it->decision && *it->decision && form_phrases_confirms_empty(f) &&
	    strcasecmp(args, "yes")) {
		say(p, "The minutes of %s hold nothing yet.  Type confirm yes to confirm "
		    "them all the same.", id);
		return;
	}
	form_phrases_confirm_now(f);
}

static void cmd_item(struct plain *p, const char *num)
{
	struct form *f = &p->f;
	for (size_t i = 0; i < f->m->nitems; i++)
		if (f->m->items[i]->number && !strcmp(f->m->items[i]->number, num)) {
			if (form_nav_leave(f))
				form_nav_item(f, i);
			return;
		}
	say(p, "There is no item %s; read at the end lists the items.", num);
}

static void cmd_opening(struct plain *p, const char *word, char *args)
{
	struct form *f = &p->f;
	if (f->view != FORM_OPENING) {
		say(p, "%s is part of the opening: type opening first.", word);
		return;
	}
	if (!writable(p))
		return;
	if (!strcmp(word, "venue")) {
		if (set_slot(p, SLOT_VENUE, 0, args))
			say(p, "Venue: %s.", args);
	} else {
		char *item = split(args);
		char *interest = item ? split(item) : NULL;
		size_t i = f->m->ndeclarations;
		if (!*trim(args)) {
			say(p, "Type declare MEMBER; ITEM; INTEREST.");
			return;
		}
		/* The member must be one present, the item one of the agenda. */
		if (sheet_declare(f, trim(args), item, interest))
			say(p, "Declaration %zu recorded.", i + 1);
		else
			out_messages(p);
	}
	if (session_pending(f->s))
		form_commit(f);
}

static void cmd_back(struct plain *p)
{
	struct form *f = &p->f;
	if (f->view == FORM_HUB || f->view == FORM_END)
		form_nav_back(f);
	else if (f->view == FORM_ATTENDANCE)
		say(p, "Attendance is the first part: nothing is before it.");
	else
		form_nav_prev(f);
	if (f->view == FORM_HUB && f->entered)
		form_nav_back(f);
}

static void cmd_end(struct plain *p)
{
	form_nav_end(&p->f);
	out_messages(p);
	if (p->f.view == FORM_END) {
		struct buf b = BUF_INIT;
		form_nav_missing(&p->f, &b);
		out_text(p, b.data);
		buf_free(&b);
	}
}

static void cmd_save(struct plain *p)
{
	struct form *f = &p->f;
	form_nav_save(f);
	buf_reset(&f->msg);
	session_flush(f->s);
	out_messages(p);
	if (session_save_error(f->s))
		say(p, "Not saved: %s", session_save_error(f->s));
	else
		say(p, "Saved: committed %s.", session_last_commit(f->s));
}

static void cmd_add(struct plain *p, char *args)
{
	if (!writable(p))
		return;
	char *role = strchr(args, ',');
	if (role)
		*role++ = '\0';
	char *name = trim(args);
	if (!*name) {
		say(p, "Type add NAME, ROLE (the role may be left out).");
		return;
	}
	form_roll_add_person(&p->f, name, role ? trim(role) : "");
	if (!p->f.msg.len)
		say(p, "%s added, in attendance.", name);
}

/* The word the line starts with, and its arguments. */
static bool word_is(char *line, const char *w, char **args)
{
	size_t n = strlen(w);
	if (strncasecmp(line, w, n) || (line[n] && line[n] != ' ' && line[n] != '\t'))
		return false;
	*args = trim(line + n);
	return true;
}

void plain_line(struct plain *p, const char *text)
{
	struct form *f = &p->f;
	char *copy = xstrdup(text);
	char *line = trim(copy);
	char *a = NULL;
	buf_reset(&f->msg);
	if (!*line) {
		free(copy);
		return;
	}
	if (word_is(line, "help", &a) || !strcmp(line, "?")) {
		for (size_t i = 0; i < sizeof(help_lines) / sizeof(*help_lines); i++)
			say(p, "%s", help_lines[i]);
	} else if (word_is(line, "quit", &a) || word_is(line, "exit", &a)) {
		p->quit = form_nav_leave(f);
	} else if (word_is(line, "present", &a)) {
		cmd_mark(p, FORM_PRESENT, a);
	} else if (word_is(line, "apologies", &a)) {
		cmd_mark(p, FORM_APOLOGIES, a);
	} else if (word_is(line, "absent", &a)) {
		cmd_mark(p, FORM_ABSENT, a);
	} else if (word_is(line, "attending", &a)) {
		cmd_mark(p, FORM_IN_ATTENDANCE, a);
	} else if (word_is(line, "list", &a)) {
		cmd_list(p);
	} else if (word_is(line, "add", &a)) {
		cmd_add(p, a);
	} else if (word_is(line, "begin", &a)) {
		form_nav_begin(f);
	} else if (word_is(line, "next", &a)) {
		if (f->view == FORM_HUB || f->view == FORM_END)
			say(p, "There is no item after the last: end ends the meeting, "
			    "item NUMBER goes back to one.");
		form_nav_next(f);
		if (f->view == FORM_HUB)
			buf_reset(&f->msg);
	} else if (word_is(line, "back", &a)) {
		cmd_back(p);
	} else if (word_is(line, "item", &a)) {
		cmd_item(p, a);
	} else if (word_is(line, "opening", &a)) {
		if (form_nav_leave(f))
			form_nav_enter(f, FORM_OPENING);
	} else if (word_is(line, "attendance", &a)) {
		if (form_nav_leave(f))
			form_nav_enter(f, FORM_ATTENDANCE);
	} else if (word_is(line, "read", &a) || word_is(line, "where", &a)) {
		cmd_read(p);
	} else if (word_is(line, "summary", &a)) {
		if (at_item(p) && writable(p) && set_slot(p, SLOT_SUMMARY, 0, a))
			say(p, "Summary recorded.");
		item_settle(p);
	} else if (word_is(line, "comment", &a)) {
		cmd_comment(p, a);
	} else if (word_is(line, "decision", &a)) {
		cmd_decision(p, a);
	} else if (word_is(line, "votes", &a)) {
		cmd_votes(p, a);
	} else if (word_is(line, "action", &a)) {
		cmd_action(p, a);
	} else if (word_is(line, "defer", &a)) {
		cmd_status(p, ITEM_DEFERRED, a);
	} else if (word_is(line, "withdraw", &a)) {
		cmd_status(p, ITEM_WITHDRAWN, a);
	} else if (word_is(line, "take", &a)) {
		cmd_status(p, ITEM_TAKEN, "");
	} else if (word_is(line, "confirm", &a)) {
		cmd_confirm(p, a);
	} else if (word_is(line, "urgent", &a)) {
		if (!writable(p))
			;
		else if (!*a)
			say(p, "Type urgent TITLE.");
		else
			form_nav_urgent(f, a);
	} else if (word_is(line, "venue", &a) || word_is(line, "declare", &a)) {
		cmd_opening(p, word_is(line, "venue", &a) ? "venue" : "declare", a);
	} else if (word_is(line, "end", &a)) {
		cmd_end(p);
	} else if (word_is(line, "save", &a)) {
		cmd_save(p);
	} else if (f->view == FORM_ITEM) {
		cmd_comment(p, line);
	} else {
		say(p, "'%s' is no command here; help lists them.", line);
	}
	form_journal_write(f, true);
	out_messages(p);
	free(copy);
}

bool plain_finish(struct plain *p)
{
	char *farewell = form_nav_finish(&p->f);
	out_messages(p);
	if (farewell)
		out_text(p, farewell);
	else if (!session_save_error(p->f.s) && session_last_commit(p->f.s))
		say(p, "%s: saved; the minutes are committed as %s.", session_id(p->f.s),
		    session_last_commit(p->f.s));
	free(farewell);
	return !session_save_error(p->f.s);
}
