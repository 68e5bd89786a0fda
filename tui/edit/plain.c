/* plain: the clerk's screen as a line-based dialogue (plain.h). */
#include "tui/edit/plain.h"
#include "tui/edit/plain_priv.h"

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
void plain_text(struct plain *p, const char *s)
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

void plain_say(struct plain *p, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	plain_text(p, b.data);
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
	plain_text(p, b.data);
	buf_free(&b);
}

/* The model's message, and what the committer did since the last look. */
void plain_messages(struct plain *p)
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
	plain_say(p, "gavel run %s, plain: one line for each thing said.  help lists the "
	    "commands; the end of input saves and leaves.", session_id(s));
	if (session_can_correct(s) && session_read_only(s))
		plain_say(p, "Read-only: these minutes are %s.  A change is a correction: "
		    "gavel run %s --plain --correct REASON.", session_read_only_why(s),
		    session_id(s));
	else if (session_correction(s))
		plain_say(p, "Correcting the confirmed minutes: every commit says Correction: %s",
		    session_correction(s));
	else if (session_read_only(s))
		plain_say(p, "Read-only: %s.", session_read_only_why(s));
	if (!ui && p->f.view == FORM_HUB && p->f.entered) {
		/* A meeting begun earlier: straight back to the item in hand. */
		form_nav_item(&p->f, p->f.item);
		plain_say(p, "Welcome back: the meeting was begun earlier.");
	} else if (!ui && p->f.view == FORM_HUB) {
		form_nav_enter(&p->f, FORM_ATTENDANCE);
	}
	plain_messages(p);
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
	if (plain_asking(p)) {
		plain_ask_prompt(p);
		return;
	}
	struct buf b = BUF_INIT;
	const char *ro = session_read_only(f->s) ? "Read-only.  " : "";
	switch (f->view) {
	case FORM_ATTENDANCE:
		buf_addf(&b, "%sAttendance: %zu present, %zu apologies, %zu in attendance, "
			 "%zu listed as absent. Type a command: present, apologies, absent or "
			 "attending with names or numbers, list, add, begin, next, help", ro,
			 count_state(f, FORM_PRESENT), count_state(f, FORM_APOLOGIES),
			 count_state(f, FORM_IN_ATTENDANCE), count_state(f, FORM_ABSENT));
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
	if (p->brief) {
		/* After an empty line, only where the clerk is: the commands
		 * were said already. */
		char *cut = NULL;
		for (char *t = strstr(b.data, ". Type "); t; t = strstr(t + 1, ". Type "))
			cut = t;
		if (cut) {
			b.len = (size_t)(cut - b.data) + 1;
			b.data[b.len] = '\0';
		}
	}
	plain_text(p, b.data);
	buf_free(&b);
}

/* ---- the commands ---- */

static const char *const help_lines[] = {
	"Commands (a line that starts with none of them is a comment on the item):",
	"  present, apologies, absent, attending NAMES  mark people; names or the",
	"        numbers list gives, separated by commas",
	"  list  the attendance list, numbered;  add NAME, ROLE  someone in attendance",
	"  begin  the meeting begins now",
	"  next, back (b)  the next or previous item (attendance, opening, items)",
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
	"  venue TEXT  the venue (at the opening)",
	"A council's procedure (given alone, each asks for its parts one at a time;",
	"        cancel stops; names are those present, by name or number):",
	"  motion [TEXT; MOVER; SECONDER]  a motion on the item in hand; alone, it",
	"        asks for its words, mover, seconder, votes and outcome",
	"  amendment [TEXT; MOVER; SECONDER]  an amendment to the last motion",
	"  result [motion N | amendment N]  a motion's or amendment's votes (counts,",
	"        or named: who voted for, against, abstained) and its outcome",
	"        (carried, lost, withdrawn); alone, the one last put",
	"  named [motion N | amendment N | decision]  a named vote, then the outcome:",
	"        alone, on the motion or amendment in hand (as result), or the",
	"        item's decision when it has no motion;  motions  what is recorded",
	"  declare [MEMBER; ITEM; INTEREST; KIND; LEFT]  a declaration of interest;",
	"        KIND: pecuniary, other registrable or non-registrable; LEFT: yes",
	"        when the member left the room",
	"  arising  the actions earlier meetings left open, numbered;  arising N done,",
	"        arising N progress [NOTE], arising N dropped [NOTE]  progress on one,",
	"        recorded in the item in hand (matters arising);  arising N clear",
	"  leave NAME  leaves now, during the item in hand;  returned NAME  is back",
	"        (present NAME after an item was taken is an arrival, timed)",
	"  substitute NAME for MEMBER  NAME is present in MEMBER's place",
	"  end  ends the meeting;  save  commits now;  quit (q)  saves and leaves",
	"The end of input saves and leaves too; an empty line says where you are.",
};


/* The word the line starts with, and its arguments. */
static bool word_is(char *line, const char *w, char **args)
{
	size_t n = strlen(w);
	if (strncasecmp(line, w, n) || (line[n] && line[n] != ' ' && line[n] != '\t'))
		return false;
	*args = plain_trim(line + n);
	return true;
}

void plain_line(struct plain *p, const char *text)
{
	struct form *f = &p->f;
	char *copy = xstrdup(text);
	char *line = plain_trim(copy);
	char *a = NULL;
	buf_reset(&f->msg);
	p->brief = false;
	if (plain_asking(p) && plain_ask_line(p, line)) {
		/* answered */
	} else if (!*line) {
		p->brief = true;
		free(copy);
		return;
	} else if (word_is(line, "help", &a) || !strcmp(line, "?")) {
		for (size_t i = 0; i < sizeof(help_lines) / sizeof(*help_lines); i++)
			plain_say(p, "%s", help_lines[i]);
	} else if (word_is(line, "quit", &a) || word_is(line, "exit", &a) ||
		   !strcasecmp(line, "q")) {
		p->quit = form_nav_leave(f);
	} else if (word_is(line, "present", &a)) {
		plain_cmd_mark(p, FORM_PRESENT, a);
	} else if (word_is(line, "apologies", &a)) {
		plain_cmd_mark(p, FORM_APOLOGIES, a);
	} else if (word_is(line, "absent", &a)) {
		plain_cmd_mark(p, FORM_ABSENT, a);
	} else if (word_is(line, "attending", &a)) {
		plain_cmd_mark(p, FORM_IN_ATTENDANCE, a);
	} else if (word_is(line, "list", &a)) {
		plain_cmd_list(p);
	} else if (word_is(line, "add", &a)) {
		plain_cmd_add(p, a);
	} else if (word_is(line, "begin", &a)) {
		form_nav_begin(f);
	} else if (word_is(line, "next", &a)) {
		if (f->view == FORM_HUB || f->view == FORM_END)
			plain_say(p, "There is no item after the last: end ends the meeting, "
			    "item NUMBER goes back to one.");
		form_nav_next(f);
		if (f->view == FORM_HUB)
			buf_reset(&f->msg);
	} else if (word_is(line, "back", &a) || !strcasecmp(line, "b")) {
		plain_cmd_back(p);
	} else if (word_is(line, "item", &a)) {
		plain_cmd_item(p, a);
	} else if (word_is(line, "opening", &a)) {
		if (form_nav_leave(f))
			form_nav_enter(f, FORM_OPENING);
	} else if (word_is(line, "attendance", &a)) {
		if (form_nav_leave(f))
			form_nav_enter(f, FORM_ATTENDANCE);
	} else if (word_is(line, "read", &a) || word_is(line, "where", &a)) {
		plain_cmd_read(p);
	} else if (word_is(line, "summary", &a)) {
		if (plain_at_item(p) && plain_writable(p) && plain_set_slot(p, SLOT_SUMMARY, 0, a))
			plain_say(p, "Summary recorded.");
		plain_settle(p);
	} else if (word_is(line, "comment", &a)) {
		plain_cmd_comment(p, a);
	} else if (word_is(line, "decision", &a)) {
		plain_cmd_decision(p, a);
	} else if (word_is(line, "votes", &a) && strcasecmp(a, "named")) {
		plain_cmd_votes(p, a);
	} else if (word_is(line, "action", &a)) {
		plain_cmd_action(p, a);
	} else if (word_is(line, "defer", &a)) {
		plain_cmd_status(p, ITEM_DEFERRED, a);
	} else if (word_is(line, "withdraw", &a)) {
		plain_cmd_status(p, ITEM_WITHDRAWN, a);
	} else if (word_is(line, "take", &a)) {
		plain_cmd_status(p, ITEM_TAKEN, "");
	} else if (word_is(line, "confirm", &a)) {
		plain_cmd_confirm(p, a);
	} else if (word_is(line, "urgent", &a)) {
		if (!plain_writable(p))
			;
		else if (!*a)
			plain_say(p, "Type urgent TITLE.");
		else
			form_nav_urgent(f, a);
	} else if (word_is(line, "venue", &a)) {
		plain_cmd_opening(p, "venue", a);
	} else if (word_is(line, "declare", &a)) {
		plain_cmd_declare(p, a);
	} else if (word_is(line, "motion", &a)) {
		plain_cmd_motion(p, a);
	} else if (word_is(line, "amendment", &a)) {
		plain_cmd_amendment(p, a);
	} else if (word_is(line, "result", &a)) {
		plain_cmd_result(p, a);
	} else if (word_is(line, "named", &a)) {
		plain_cmd_named(p, a);
	} else if (!strcasecmp(line, "votes named")) {
		plain_cmd_named(p, "");
	} else if (word_is(line, "arising", &a)) {
		plain_cmd_arising(p, a);
	} else if (word_is(line, "motions", &a)) {
		plain_cmd_motions(p);
	} else if (word_is(line, "leave", &a) || word_is(line, "left", &a)) {
		plain_cmd_leave(p, a, false);
	} else if (word_is(line, "returned", &a)) {
		plain_cmd_leave(p, a, true);
	} else if (word_is(line, "substitute", &a)) {
		plain_cmd_substitute(p, a);
	} else if (word_is(line, "end", &a)) {
		plain_cmd_end(p);
	} else if (word_is(line, "save", &a)) {
		plain_cmd_save(p);
	} else if (f->view == FORM_ITEM) {
		plain_cmd_comment(p, line);
	} else {
		plain_say(p, "'%s' is no command here; help lists them.", line);
	}
	form_journal_write(f, true);
	plain_messages(p);
	free(copy);
}

bool plain_finish(struct plain *p)
{
	char *farewell = form_nav_finish(&p->f);
	plain_messages(p);
	if (farewell)
		plain_text(p, farewell);
	else if (!session_save_error(p->f.s) && session_last_commit(p->f.s))
		plain_say(p, "%s: saved; the minutes are committed as %s.", session_id(p->f.s),
		    session_last_commit(p->f.s));
	free(farewell);
	return !session_save_error(p->f.s);
}
