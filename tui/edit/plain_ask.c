/*
 * plain_ask: a council's procedure in the dialogue (plain_priv.h):
 * motions and amendments with their mover, seconder, votes (counted or
 * named) and outcome; declarations with their kind and whether the
 * member left the room; departures and substitutes.  Everything goes
 * through the sheets the screen's F3, F4 and s open (form_sheet.h), so
 * what is stored, checked and warned is the screen's; this file only
 * turns typed answers into a sheet's rows and choices.
 *
 * A command given alone asks for its parts a step at a time, each prompt
 * one line; `cancel` stops (an entry it made is removed), an empty line
 * skips a part the prompt says may be left.  Bad input says what was
 * expected and asks the same step again; what earlier steps stored stays.
 */
#include "tui/edit/plain.h"
#include "tui/edit/plain_priv.h"

#include "tui/edit/form_roll.h"
#include "tui/edit/form_sheet.h"
#include "tui/edit/form_speakers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum step {
	S_TEXT, S_MOVER, S_SECONDER, S_VOTES, S_FOR, S_AGAINST, S_ABST, S_OUTCOME,
	S_MEMBER, S_ITEM, S_INTEREST, S_KIND, S_LEFT, S_END,
};

static const enum step motion_steps[] = { S_TEXT, S_MOVER, S_SECONDER, S_VOTES, S_FOR,
					  S_AGAINST, S_ABST, S_OUTCOME, S_END };
static const enum step result_steps[] = { S_VOTES, S_FOR, S_AGAINST, S_ABST, S_OUTCOME,
					  S_END };
static const enum step named_steps[] = { S_FOR, S_AGAINST, S_ABST, S_END };
static const enum step decl_steps[] = { S_MEMBER, S_ITEM, S_INTEREST, S_KIND, S_LEFT, S_END };

static const enum step *steps_of(int kind)
{
	switch (kind) {
	case ASK_MOTION: case ASK_AMENDMENT: return motion_steps;
	case ASK_RESULT: return result_steps;
	case ASK_NAMED: return named_steps;
	case ASK_DECL: return decl_steps;
	default: return NULL;
	}
}

bool plain_asking(const struct plain *p)
{
	return p->ask.kind != ASK_NONE;
}

static enum step cur(const struct plain *p)
{
	const enum step *s = steps_of(p->ask.kind);
	return s ? s[p->ask.step] : S_END;
}

static bool is_amendment(const struct plain *p)
{
	return p->ask.b != SIZE_MAX;
}

/* "Motion 2", "Amendment 1 to motion 2", "Declaration 3", "The decision's vote". */
static void entry_words(const struct plain *p, struct buf *b)
{
	if (p->ask.kind == ASK_DECL)
		buf_addf(b, "Declaration %zu", p->ask.a + 1);
	else if (p->ask.kind == ASK_NAMED)
		buf_addstr(b, "The decision's named vote");
	else if (is_amendment(p))
		buf_addf(b, "Amendment %zu to motion %zu", p->ask.b + 1, p->ask.a + 1);
	else
		buf_addf(b, "Motion %zu", p->ask.a + 1);
}

/* ---- the sheets ---- */

/* The sheet `type` (a person's: `name`) focused on row (what, a, b,
 * fresh); NULL, having said why, when there is none. */
struct sheet *plain_sheet_at(struct plain *p, enum sheet_type type, const char *name,
			     enum sheet_what what, size_t a, size_t b, bool fresh)
{
	struct sheet *sh = sheet_open(&p->f, type, name);
	if (!sh) {
		plain_messages(p);
		return NULL;
	}
	for (size_t i = 0; i < sh->nrows; i++) {
		const struct sheet_row *r = &sh->rows[i];
		if (r->what == what && r->a == a && r->b == b && r->fresh == fresh) {
			sheet_focus(sh, i);
			return sh;
		}
	}
	sheet_close(sh);
	plain_say(p, "That entry is gone: it was removed meanwhile.");
	return NULL;
}

/* Types text into the focused row and stores it; false, having said why
 * (the sheet's message), when it cannot be. */
static bool put_text(struct plain *p, struct sheet *sh, const char *text)
{
	sheet_set_text(sh, text);
	if (sheet_store(sh))
		return true;
	sh->changed = false;    /* not stored: not stored again on closing */
	plain_messages(p);
	return false;
}

/* The motions sheet's row of the entry asked for. */
static struct sheet *motion_row(struct plain *p, enum sheet_what what)
{
	return plain_sheet_at(p, SHEET_MOTIONS, NULL, what, p->ask.a, p->ask.b, false);
}

/* "1. Cllr Alex Morgan; 2. Cllr Sam Patel; ..." for the focused row. */
void plain_choices(struct plain *p, struct sheet *sh, const char *what)
{
	size_t n = sheet_choices(sh, sheet_focused(sh));
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s:", what);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s %zu. %s", i ? ";" : "", i + 1, sh->choices[i]);
	if (!n)
		buf_addstr(&b, " none");
	buf_addch(&b, '.');
	plain_text(p, b.data);
	buf_free(&b);
}

/* The choice of the focused row (those present) that `typed` names: its
 * number, or a name as a speaker's is read ("Cllr Reid", a surname).
 * SIZE_MAX, having said what was expected, when it names none. */
static size_t choose_person(struct plain *p, struct sheet *sh, const char *typed)
{
	size_t n = sheet_choices(sh, sheet_focused(sh));
	char *end;
	unsigned long k = strtoul(typed, &end, 10);
	if (*typed && !*end) {
		if (k >= 1 && k <= n)
			return k - 1;
		plain_say(p, "There is no number %s: those present are numbered 1 to %zu.",
			  typed, n);
		return SIZE_MAX;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(sh->choices[i], typed))
			return i;
	enum form_speaker_check how = FORM_SPEAKER_UNKNOWN;
	const char *other = NULL;
	const char *who = form_speakers_match(&p->f, typed, strlen(typed), &how, &other);
	for (size_t i = 0; who && i < n; i++)
		if (!strcmp(sh->choices[i], who))
			return i;
	if (how == FORM_SPEAKER_AMBIGUOUS)
		plain_say(p, "'%s' fits more than one person (%s, and another): type more "
			  "of the name, or its number.", typed, other ? other : "?");
	else if (who)
		plain_say(p, "%s is not among those present: expected a member present, "
			  "by name or number.", who);
	else
		plain_say(p, "'%s' names nobody present: expected a member present, by name "
			  "or number.", typed);
	return SIZE_MAX;
}

/* ---- the steps ---- */

static void ask_end(struct plain *p)
{
	memset(&p->ask, 0, sizeof(p->ask));
	plain_settle(p);
}

/* The sheet focused on the row whose choices the step in hand picks from
 * (those present), or NULL when it picks none; `any`: for any name step,
 * else only the first of an entry's (where the names are said). */
static struct sheet *names_sheet(struct plain *p, bool any)
{
	switch (cur(p)) {
	case S_MEMBER:
		return plain_sheet_at(p, SHEET_DECLARATIONS, NULL, SW_DECL_MEMBER,
			       p->f.m->ndeclarations, SIZE_MAX, true);
	case S_FOR:
		if (p->ask.kind == ASK_NAMED)
			return plain_sheet_at(p, SHEET_MOTIONS, NULL, SW_DECISION_VOTE, SIZE_MAX,
				       SIZE_MAX, false);
		return motion_row(p, SW_RECORDED);
	case S_MOVER:
		return motion_row(p, SW_MOVER);
	case S_SECONDER: case S_AGAINST: case S_ABST:
		if (!any)
			return NULL;
		if (p->ask.kind == ASK_NAMED)
			return plain_sheet_at(p, SHEET_MOTIONS, NULL, SW_DECISION_VOTE, SIZE_MAX,
				       SIZE_MAX, false);
		return motion_row(p, SW_MOVER);
	default:
		return NULL;
	}
}

void plain_ask_choices(struct plain *p)
{
	struct sheet *sh = names_sheet(p, false);
	if (!sh)
		return;
	plain_choices(p, sh, "Members present");
	sheet_close(sh);
}

/* The next step: the named vote's lists only when the votes are named. */
static void advance(struct plain *p)
{
	do
		p->ask.step++;
	while (cur(p) != S_END && !p->ask.named &&
	       (cur(p) == S_FOR || cur(p) == S_AGAINST || cur(p) == S_ABST));
	if (cur(p) == S_END) {
		struct buf b = BUF_INIT;
		entry_words(p, &b);
		plain_say(p, "%s is recorded.", b.data);
		buf_free(&b);
		ask_end(p);
		return;
	}
	plain_ask_choices(p);
}

static bool answer_text(struct plain *p, const char *line)
{
	struct form *f = &p->f;
	struct minutes_item *it = form_item(f);
	if (!*line) {
		plain_say(p, "The %s needs its words: type them, or cancel.",
			  is_amendment(p) ? "amendment" : "motion");
		return false;
	}
	size_t a = is_amendment(p) ? p->ask.a : it->nmotions;
	size_t b = is_amendment(p) ? it->motions[p->ask.a].namendments : SIZE_MAX;
	struct sheet *sh = plain_sheet_at(p, SHEET_MOTIONS, NULL, SW_MOTION, a, b, true);
	if (!sh)
		return false;
	bool ok = put_text(p, sh, line);
	sheet_close(sh);
	if (!ok)
		return false;
	p->ask.a = a;
	p->ask.b = is_amendment(p) ? b : SIZE_MAX;
	p->ask.created = true;
	struct buf w = BUF_INIT;
	entry_words(p, &w);
	plain_say(p, "%s: %s", w.data, line);
	buf_free(&w);
	return true;
}

static bool answer_person(struct plain *p, enum sheet_what what, const char *line)
{
	if (!*line)
		return true;    /* not known: left empty */
	struct sheet *sh = motion_row(p, what);
	if (!sh)
		return false;
	size_t i = choose_person(p, sh, line);
	bool ok = i != SIZE_MAX && sheet_pick(sh, i);
	char *who = ok ? xstrdup(sh->choices[i]) : NULL;
	sheet_close(sh);
	if (ok)
		plain_say(p, "%s by %s.", what == SW_MOVER ? "Moved" : "Seconded", who);
	free(who);
	return ok;
}

/* Three counts, or two (none abstained). */
static bool read_counts(const char *s, char out[3][16])
{
	unsigned v[3] = { 0, 0, 0 };
	char extra;
	int n = sscanf(s, "%u %u %u %c", &v[0], &v[1], &v[2], &extra);
	if (n != 2 && n != 3)
		return false;
	for (size_t k = 0; k < 3; k++)
		snprintf(out[k], 16, "%u", v[k]);
	return true;
}

static bool answer_votes(struct plain *p, const char *line)
{
	if (!*line) {
		plain_say(p, "No votes yet: result gives them when the %s is put.",
			  is_amendment(p) ? "amendment" : "motion");
		ask_end(p);
		return false;
	}
	if (!strcasecmp(line, "named") || !strcasecmp(line, "recorded")) {
		p->ask.named = true;
		struct sheet *sh = motion_row(p, SW_RECORDED);
		if (sh) {
			sheet_clear(sh);        /* a named vote given again starts afresh */
			sheet_close(sh);
		}
		return true;
	}
	char v[3][16];
	if (!read_counts(line, v)) {
		plain_say(p, "'%s' is not the votes: expected FOR AGAINST ABSTAINED, such as "
			  "3 6 0, or named for a recorded vote.", line);
		return false;
	}
	static const enum sheet_what rows[3] = { SW_FOR, SW_AGAINST, SW_ABST };
	struct sheet *sh = motion_row(p, SW_FOR);
	bool ok = sh != NULL;
	buf_reset(&p->f.msg);   /* the last count's warning is the one said */
	for (size_t k = 0; ok && k < 3; k++) {
		for (size_t i = 0; i < sh->nrows; i++)
			if (sh->rows[i].what == rows[k] && sh->rows[i].a == p->ask.a &&
			    sh->rows[i].b == p->ask.b)
				sheet_focus(sh, i);
		ok = put_text(p, sh, v[k]);
	}
	if (sh)
		sheet_close(sh);
	if (ok) {
		plain_say(p, "Votes: %s for, %s against, %s abstained.", v[0], v[1], v[2]);
		plain_messages(p);      /* more votes than members present */
	}
	return ok;
}

static const char *const mark_words[] = { "for", "against", "abstained" };

/* The named vote's list for step s: names or numbers, separated by
 * commas; "none" or an empty line for nobody. */
static bool answer_marks(struct plain *p, enum step s, char *line)
{
	const char *want = mark_words[s - S_FOR];
	enum sheet_what what = p->ask.kind == ASK_NAMED ? SW_DECISION_VOTE : SW_RECORDED;
	struct sheet *sh = p->ask.kind == ASK_NAMED
		? plain_sheet_at(p, SHEET_MOTIONS, NULL, what, SIZE_MAX, SIZE_MAX, false)
		: motion_row(p, what);
	if (!sh)
		return false;
	size_t picked[SHEET_CHOICES_MAX], n = 0;
	bool ok = true;
	if (*line && strcasecmp(line, "none")) {
		char *save = NULL;
		for (char *t = strtok_r(line, ",", &save); ok && t; t = strtok_r(NULL, ",", &save)) {
			char *name = plain_trim(t);
			if (!*name)
				continue;
			size_t i = choose_person(p, sh, name);
			ok = i != SIZE_MAX;
			if (ok && *sheet_mark(sh, sheet_focused(sh), i)) {
				plain_say(p, "%s is named already, as %s: each member is named "
					  "once.", sh->choices[i], sheet_mark(sh, sheet_focused(sh), i));
				ok = false;
			}
			for (size_t k = 0; ok && k < n; k++)
				if (picked[k] == i) {
					plain_say(p, "%s is named twice.", sh->choices[i]);
					ok = false;
				}
			if (ok && n < SHEET_CHOICES_MAX)
				picked[n++] = i;
		}
	}
	if (!ok) {
		plain_say(p, "Nothing of that line is recorded: type the names %s again.", want);
		sheet_close(sh);
		return false;
	}
	for (size_t k = 0; k < n; k++) {
		/* A pick moves a member on: not named, for, against, abstained. */
		for (int tries = 0; tries < 4; tries++) {
			sheet_choices(sh, sheet_focused(sh));
			if (!strcmp(sheet_mark(sh, sheet_focused(sh), picked[k]), want))
				break;
			sheet_pick(sh, picked[k]);
			/* Over counts given before: "named" was the answer. */
			if (sheet_asking(sh))
				sheet_answer(sh, true);
		}
		plain_messages(p);      /* a member who left the room, named */
	}
	if (s == S_ABST) {
		char *t = sheet_text(sh, sheet_focused(sh));
		plain_say(p, "Named vote: %s.", *t ? t : "nobody named");
		free(t);
	}
	sheet_close(sh);
	return true;
}

static bool answer_outcome(struct plain *p, const char *line)
{
	if (!*line)
		return true;
	size_t i = SIZE_MAX;
	static const char *const words[] = { "carried", "lost", "withdrawn" };
	for (size_t k = 0; k < 3; k++)
		if (!strcasecmp(line, words[k]) || (line[0] == (char)('1' + k) && !line[1]))
			i = k;
	if (i == SIZE_MAX) {
		plain_say(p, "'%s' is no outcome: expected carried, lost or withdrawn.", line);
		return false;
	}
	struct sheet *sh = motion_row(p, SW_OUTCOME);
	bool ok = sh && sheet_pick(sh, i);
	if (sh)
		sheet_close(sh);
	if (ok)
		plain_say(p, "The %s was %s.", is_amendment(p) ? "amendment" : "motion", words[i]);
	else
		plain_messages(p);
	return ok;
}

static struct sheet *decl_row(struct plain *p, enum sheet_what what)
{
	return plain_sheet_at(p, SHEET_DECLARATIONS, NULL, what, p->ask.a, SIZE_MAX, false);
}

static bool answer_member(struct plain *p, const char *line)
{
	struct form *f = &p->f;
	if (!*line) {
		plain_say(p, "A declaration needs its member: type a name or number, or cancel.");
		return false;
	}
	size_t a = f->m->ndeclarations;
	struct sheet *sh = plain_sheet_at(p, SHEET_DECLARATIONS, NULL, SW_DECL_MEMBER, a, SIZE_MAX,
				   true);
	if (!sh)
		return false;
	size_t i = choose_person(p, sh, line);
	bool ok = i != SIZE_MAX && sheet_pick(sh, i);
	sheet_close(sh);
	if (!ok)
		return false;
	p->ask.a = a;
	p->ask.created = true;
	plain_say(p, "Declaration %zu, by %s.", a + 1, f->m->declarations[a].member);
	return true;
}

static bool answer_decl_item(struct plain *p, const char *line)
{
	const struct minutes *m = p->f.m;
	if (!*line || !strcasecmp(line, "none"))
		return true;
	size_t i = SIZE_MAX;
	for (size_t k = 0; k < m->nitems; k++)
		if (!strcmp(m->items[k]->number, line))
			i = k;
	if (i == SIZE_MAX) {
		plain_say(p, "There is no item %s on the agenda: expected an item's number, "
			  "such as %s, or an empty line for none.", line,
			  m->nitems ? m->items[0]->number : "3");
		return false;
	}
	struct sheet *sh = decl_row(p, SW_DECL_ITEM);
	bool ok = sh && sheet_pick(sh, i);
	if (sh)
		sheet_close(sh);
	if (ok)
		plain_say(p, "In item %s, %s.", m->items[i]->number, m->items[i]->title);
	return ok;
}

static bool answer_interest(struct plain *p, const char *line)
{
	if (!*line) {
		plain_say(p, "Type the interest declared, such as: Owns land adjoining the site.");
		return false;
	}
	struct sheet *sh = decl_row(p, SW_DECL_INTEREST);
	bool ok = sh && put_text(p, sh, line);
	if (sh)
		sheet_close(sh);
	return ok;
}

/* The kind's choice (0: disclosable pecuniary, 1: other registrable,
 * 2: non-registrable), SIZE_MAX when `s` names none. */
static size_t kind_of(const char *s)
{
	static const char *const words[][3] = {
		{ "disclosable pecuniary", "pecuniary", "1" },
		{ "other registrable", "other", "2" },
		{ "non-registrable", "non-registrable", "3" },
	};
	for (size_t k = 0; k < 3; k++)
		for (size_t w = 0; w < 3; w++)
			if (!strcasecmp(s, words[k][w]))
				return k;
	if (!strcasecmp(s, "non registrable") || !strcasecmp(s, "non"))
		return 2;
	return SIZE_MAX;
}

static bool answer_kind(struct plain *p, const char *line)
{
	if (!*line)
		return true;
	size_t k = kind_of(line);
	if (k == SIZE_MAX) {
		plain_say(p, "'%s' is no kind of interest: expected pecuniary (disclosable "
			  "pecuniary), other registrable or non-registrable.", line);
		return false;
	}
	struct sheet *sh = decl_row(p, SW_DECL_KIND);
	bool ok = sh && sheet_pick(sh, k);
	if (sh)
		sheet_close(sh);
	return ok;
}

static bool answer_left(struct plain *p, const char *line)
{
	size_t i;
	if (!strcasecmp(line, "yes") || !strcasecmp(line, "y") || !strcasecmp(line, "left"))
		i = 0;
	else if (!*line || !strcasecmp(line, "no") || !strcasecmp(line, "n") ||
		 !strcasecmp(line, "stayed"))
		i = 1;
	else {
		plain_say(p, "'%s': expected yes (the member left the room) or no.", line);
		return false;
	}
	struct sheet *sh = decl_row(p, SW_DECL_LEFT);
	bool ok = sh && sheet_pick(sh, i);
	if (sh)
		sheet_close(sh);
	if (ok && i == 0)
		plain_say(p, "%s left the room for the item.",
			  p->f.m->declarations[p->ask.a].member);
	return ok;
}

/* Answers the step in hand; true when it is done (the ask goes on). */
static bool answer(struct plain *p, char *line)
{
	if (form_refuse_read_only(&p->f)) {
		plain_messages(p);
		ask_end(p);
		return false;
	}
	switch (cur(p)) {
	case S_TEXT: return answer_text(p, line);
	case S_MOVER: return answer_person(p, SW_MOVER, line);
	case S_SECONDER: return answer_person(p, SW_SECONDER, line);
	case S_VOTES: return answer_votes(p, line);
	case S_FOR: case S_AGAINST: case S_ABST: return answer_marks(p, cur(p), line);
	case S_OUTCOME: return answer_outcome(p, line);
	case S_MEMBER: return answer_member(p, line);
	case S_ITEM: return answer_decl_item(p, line);
	case S_INTEREST: return answer_interest(p, line);
	case S_KIND: return answer_kind(p, line);
	case S_LEFT: return answer_left(p, line);
	case S_END: break;
	}
	return false;
}

/* Removes the entry the ask made. */
static void cancel(struct plain *p)
{
	struct buf w = BUF_INIT;
	entry_words(p, &w);
	if (p->ask.created && p->ask.kind == ASK_DECL) {
		struct sheet *sh = decl_row(p, SW_DECL_MEMBER);
		if (sh) {
			sheet_clear(sh);
			sheet_close(sh);
		}
		plain_say(p, "%s cancelled: nothing of it is kept.", w.data);
	} else if (p->ask.created) {
		struct sheet *sh = motion_row(p, SW_MOTION);
		if (sh) {
			put_text(p, sh, "");    /* an emptied motion is removed */
			sheet_close(sh);
		}
		plain_say(p, "%s cancelled: nothing of it is kept.", w.data);
	} else {
		plain_say(p, "Stopped: %s keeps what was given.", w.data);
	}
	buf_free(&w);
	buf_reset(&p->f.msg);
	ask_end(p);
}

static const char *step_question(const struct plain *p, enum step s, bool *may_skip)
{
	*may_skip = true;
	switch (s) {
	case S_TEXT: *may_skip = false; return "Its words?";
	case S_MOVER: return "Moved by? A member present, by name or number";
	case S_SECONDER: return "Seconded by? A member present, by name or number";
	case S_VOTES:
		return p->ask.kind == ASK_RESULT || p->ask.named ? "Votes? FOR AGAINST "
		       "ABSTAINED, or named for a recorded vote" : "Votes? FOR AGAINST "
		       "ABSTAINED, named for a recorded vote, or an empty line if not put yet";
	case S_FOR: return "Named vote: who voted for? Names or numbers, commas between";
	case S_AGAINST: return "Named vote: who voted against? Names or numbers";
	case S_ABST: return "Named vote: who abstained? Names or numbers";
	case S_OUTCOME: return "Outcome? carried, lost or withdrawn";
	case S_MEMBER: *may_skip = false; return "Member? A member present, by name or number";
	case S_ITEM: return "Item? The agenda item's number";
	case S_INTEREST: *may_skip = false; return "The interest?";
	case S_KIND: return "Kind? pecuniary, other registrable or non-registrable";
	case S_LEFT: return "Did the member leave the room? yes or no";
	case S_END: break;
	}
	return "";
}

void plain_ask_prompt(struct plain *p)
{
	struct buf b = BUF_INIT;
	bool skip;
	const struct minutes_item *it = form_item(&p->f);
	if (p->ask.kind != ASK_DECL && it)
		buf_addf(&b, "Item %s, ", it->number);
	entry_words(p, &b);
	const char *q = step_question(p, cur(p), &skip);
	const char *empty = cur(p) == S_LEFT ? " (an empty line: no)"
		: skip && cur(p) != S_VOTES ? " (an empty line: none)" : "";
	buf_addf(&b, ". %s%s%s Type it, or cancel", q, empty,
		 !*empty && q[strlen(q) - 1] == '?' ? "" : ".");
	plain_text(p, b.data);
	buf_free(&b);
}

bool plain_ask_line(struct plain *p, char *line)
{
	line = plain_trim(line);
	if (!strcasecmp(line, "cancel")) {
		cancel(p);
		return true;
	}
	/* Leaving (q too), ending or saving is never taken for an answer: the
	 * question stops, what was given is kept, and the command runs. */
	static const char *const commands[] = { "quit", "q", "exit", "end", "save" };
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcasecmp(line, commands[i])) {
			struct buf w = BUF_INIT;
			entry_words(p, &w);
			plain_say(p, "Stopped: %s keeps what was given.", w.data);
			buf_free(&w);
			ask_end(p);
			return false;
		}
	if (!strcasecmp(line, "help") || !strcmp(line, "?")) {
		plain_say(p, "Each line answers the question asked; cancel stops (an entry "
			  "being made is removed), and quit, end and save stop it keeping what "
			  "was given; an empty line leaves a part the question "
			  "says may be left.  Names are those present, as a speaker is named "
			  "(Cllr Reid, a surname) or by number; list numbers them.");
		return true;
	}
	if (!strcasecmp(line, "list")) {
		struct sheet *sh = names_sheet(p, true);
		if (sh) {
			plain_choices(p, sh, "Members present");
			sheet_close(sh);
		} else {
			plain_say(p, "Nothing here is picked from a list.");
		}
		return true;
	}
	if (answer(p, line) && plain_asking(p))
		advance(p);
	return true;
}

/* ---- the commands ---- */

void plain_ask_start(struct plain *p, int kind, size_t a, size_t b)
{
	p->ask = (struct plain_ask){ kind, 0, kind == ASK_NAMED, false, p->f.item, a, b };
}

void plain_ask_named(struct plain *p, size_t a, size_t b)
{
	plain_ask_start(p, ASK_RESULT, a, b);
	p->ask.named = true;
	/* As if "named" answered the votes' step. */
	struct sheet *sh = motion_row(p, SW_RECORDED);
	if (!sh) {
		ask_end(p);
		return;
	}
	sheet_clear(sh);        /* a named vote given again starts afresh */
	sheet_close(sh);
	advance(p);
}

/* Answers steps with the parts of a one-line entry ("TEXT; MOVER;
 * SECONDER"), at most nparts; the ask ends after them, or stays at a
 * part that was not right, to ask it again. */
void plain_ask_parts(struct plain *p, char *args, size_t nparts)
{
	for (size_t k = 0; k < nparts && plain_asking(p); k++) {
		char *rest = plain_split(args);
		if (!answer(p, plain_trim(args))) {
			if (plain_asking(p) && rest)
				plain_say(p, "The rest of the line (%s) is not recorded yet.", rest);
			return;
		}
		do
			p->ask.step++;
		while (!p->ask.named &&
		       (cur(p) == S_FOR || cur(p) == S_AGAINST || cur(p) == S_ABST));
		if (!rest || cur(p) == S_END)
			break;
		args = rest;
	}
	if (!plain_asking(p))
		return;
	struct buf w = BUF_INIT;
	entry_words(p, &w);
	if (p->ask.kind == ASK_DECL)
		plain_say(p, "%s is recorded.", w.data);
	else
		plain_say(p, "%s is recorded; result gives its votes and outcome when it is put.",
			  w.data);
	buf_free(&w);
	ask_end(p);
}

