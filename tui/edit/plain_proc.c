/* plain_proc: the dialogue's commands for a council's procedure
 * (plain_priv.h): motions, amendments, their results and named votes,
 * declarations (asked for by plain_ask.c), attendance through the
 * meeting (departures and substitutes), and matters arising. */
#include "tui/edit/plain.h"
#include "tui/edit/plain_priv.h"

#include "tui/edit/form_arising.h"
#include "tui/edit/form_roll.h"
#include "tui/edit/form_sheet.h"
#include "tui/edit/form_speakers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool motion_ready(struct plain *p)
{
	return plain_at_item(p) && plain_writable(p);
}

void plain_cmd_motion(struct plain *p, char *args)
{
	if (!motion_ready(p))
		return;
	plain_ask_start(p, ASK_MOTION, form_item(&p->f)->nmotions, SIZE_MAX);
	if (*args)
		plain_ask_parts(p, args, 3);
}

void plain_cmd_amendment(struct plain *p, char *args)
{
	if (!motion_ready(p))
		return;
	const struct minutes_item *it = form_item(&p->f);
	if (!it->nmotions) {
		plain_say(p, "An amendment is to a motion: type motion first.");
		return;
	}
	plain_ask_start(p, ASK_AMENDMENT, it->nmotions - 1, it->motions[it->nmotions - 1].namendments);
	if (*args)
		plain_ask_parts(p, args, 3);
}

/* The motion (*a) and amendment (*b, SIZE_MAX: the motion itself) that
 * "motion N", "amendment N" or nothing names on the item in hand: alone,
 * the last amendment put without an outcome, else the last motion.
 * False, having said why, when there is none; `cmd` names the command
 * in the message. */
static bool motion_in_hand(struct plain *p, const char *cmd, const char *args, size_t *a,
			   size_t *b)
{
	const struct minutes_item *it = form_item(&p->f);
	if (!it->nmotions) {
		plain_say(p, "There is no motion on this item: type motion first.");
		return false;
	}
	*a = it->nmotions - 1;
	*b = SIZE_MAX;
	const struct motion *mo = &it->motions[*a];
	unsigned long n = 0;
	char word[16] = "";
	int got = sscanf(args, "%15s %lu", word, &n);
	if (got >= 1 && !strcasecmp(word, "amendment")) {
		if (!mo->namendments) {
			plain_say(p, "Motion %zu has no amendment.", *a + 1);
			return false;
		}
		*b = got == 2 ? n - 1 : mo->namendments - 1;
		if (got == 2 && (n < 1 || *b >= mo->namendments)) {
			plain_say(p, "Motion %zu has amendments 1 to %zu.", *a + 1, mo->namendments);
			return false;
		}
	} else if (got >= 1 && !strcasecmp(word, "motion")) {
		if (got == 2 && (n < 1 || n > it->nmotions)) {
			plain_say(p, "This item has motions 1 to %zu.", it->nmotions);
			return false;
		}
		if (got == 2)
			*a = n - 1;
	} else if (got >= 1) {
		plain_say(p, "Type %s, %s motion N or %s amendment N.", cmd, cmd, cmd);
		return false;
	} else if (mo->namendments && !mo->amendments[mo->namendments - 1].outcome) {
		*b = mo->namendments - 1;
	}
	return true;
}

/* result [motion N | amendment N]: the votes and outcome of a motion or
 * amendment of the item in hand (motion_in_hand). */
void plain_cmd_result(struct plain *p, char *args)
{
	size_t a, b;
	if (motion_ready(p) && motion_in_hand(p, "result", args, &a, &b))
		plain_ask_start(p, ASK_RESULT, a, b);
}

/* named [motion N | amendment N | decision]: a named vote on the motion
 * or amendment in hand (as result picks it), then its outcome; on the
 * item's decision when the item has no motion, or when told so. */
void plain_cmd_named(struct plain *p, char *args)
{
	if (!motion_ready(p))
		return;
	if (form_item(&p->f)->nmotions && strcasecmp(args, "decision")) {
		size_t a, b;
		if (motion_in_hand(p, "named", args, &a, &b))
			plain_ask_named(p, a, b);
		return;
	}
	plain_ask_start(p, ASK_NAMED, SIZE_MAX, SIZE_MAX);
	struct sheet *sh = plain_sheet_at(p, SHEET_MOTIONS, NULL, SW_DECISION_VOTE, SIZE_MAX,
				   SIZE_MAX, false);
	if (sh) {
		sheet_clear(sh);
		plain_choices(p, sh, "Members present");
		sheet_close(sh);
	}
	buf_reset(&p->f.msg);
}

/* declare alone asks; declare MEMBER; ITEM; INTEREST; KIND; LEFT (the
 * last two may be left out) records it in one line. */
void plain_cmd_declare(struct plain *p, char *args)
{
	struct form *f = &p->f;
	if (!plain_writable(p))
		return;
	plain_ask_start(p, ASK_DECL, f->m->ndeclarations, SIZE_MAX);
	if (!*args) {
		plain_ask_choices(p);
		return;
	}
	plain_ask_parts(p, args, 5);
}

void plain_cmd_motions(struct plain *p)
{
	if (!plain_at_item(p))
		return;
	struct sheet *sh = sheet_open(&p->f, SHEET_MOTIONS, NULL);
	if (!sh)
		return;
	for (size_t i = 0; i < sh->nrows; i++) {
		const struct sheet_row *r = &sh->rows[i];
		char label[64];
		struct buf ctx = BUF_INIT;
		if (r->fresh)
			continue;
		sheet_label(sh, r, label, sizeof(label));
		/* Each line says whose it is: a screen reader hears no indent. */
		if (r->what != SW_MOTION && r->what != SW_DECISION_VOTE) {
			buf_addf(&ctx, "Motion %zu, ", r->a + 1);
			if (r->b != SHEET_NONE)
				buf_addf(&ctx, "amendment %zu, ", r->b + 1);
		} else if (r->b != SHEET_NONE) {
			buf_addf(&ctx, "Motion %zu, ", r->a + 1);
		}
		char *t = sheet_text(sh, r);
		if (*t)
			plain_say(p, "%s%s: %s", ctx.data ? ctx.data : "", plain_trim(label), t);
		free(t);
		buf_free(&ctx);
	}
	if (!form_item(&p->f)->nmotions)
		plain_say(p, "No motion on this item yet.");
	sheet_close(sh);
}

/* ---- attendance through the meeting ---- */

/* leave NAME: the person leaves now, during the item in hand; back
 * NAME (returned): a departure taken back. */
void plain_cmd_leave(struct plain *p, char *args, bool back)
{
	struct form *f = &p->f;
	if (!plain_writable(p))
		return;
	if (!*args) {
		plain_say(p, "Type %s NAME, a name or number from list.", back ? "returned"
			  : "leave");
		return;
	}
	size_t i = plain_person(p, args);
	if (i == SIZE_MAX)
		return;
	const struct form_person *k = &f->roll.v[i];
	if (!back && *k->left) {
		plain_say(p, "%s left at %s already; returned %s takes it back.", k->name,
			  k->left, args);
		return;
	}
	if (back && !*k->left) {
		plain_say(p, "%s has not left.", k->name);
		return;
	}
	f->sel = i;
	form_roll_leave(f);
	plain_settle(p);
}

/* substitute NAME for MEMBER: NAME (added in attendance when not on the
 * list) is present, substituting for the committee's MEMBER. */
void plain_cmd_substitute(struct plain *p, char *args)
{
	struct form *f = &p->f;
	if (!plain_writable(p))
		return;
	char *for_at = NULL;
	for (char *s = args; *s; s++)
		if (!strncasecmp(s, " for ", 5))
			for_at = s;
	if (!for_at) {
		plain_say(p, "Type substitute NAME for MEMBER, such as: substitute Cllr Dombey "
			  "for Cllr Reid.");
		return;
	}
	*for_at = '\0';
	char *name = plain_trim(args), *member = plain_trim(for_at + 5);
	struct form_person *k = form_roll_find(&f->roll, name);
	if (!k) {
		enum form_speaker_check how = FORM_SPEAKER_UNKNOWN;
		const char *who = form_speakers_match(f, name, strlen(name), &how, NULL);
		k = who ? form_roll_find(&f->roll, who) : NULL;
	}
	if (!k) {
		form_roll_add_person(f, name, "");
		plain_messages(p);
		k = form_roll_find(&f->roll, name);
		if (!k)
			return;
	}
	char *who = xstrdup(k->name);
	/* There (an arrival, once an item is taken); present once named a
	 * member's substitute, in attendance until then. */
	if (k->state != FORM_PRESENT && k->state != FORM_IN_ATTENDANCE) {
		f->sel = (size_t)(k - f->roll.v);
		form_roll_mark(f, form_roll_belongs_present(f, k) ? FORM_PRESENT
			       : FORM_IN_ATTENDANCE);
		plain_messages(p);
	}
	struct sheet *sh = plain_sheet_at(p, SHEET_PERSON, who, SW_SUBSTITUTE, 0, SIZE_MAX, false);
	if (!sh) {
		free(who);
		return;
	}
	size_t n = sheet_choices(sh, sheet_focused(sh)), pick = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(sh->choices[i], member))
			pick = i;
	enum form_speaker_check how = FORM_SPEAKER_UNKNOWN;
	const char *m = pick == SIZE_MAX ? form_speakers_match(f, member, strlen(member), &how,
							       NULL) : NULL;
	for (size_t i = 0; m && i < n; i++)
		if (!strcmp(sh->choices[i], m))
			pick = i;
	if (pick == SIZE_MAX || !sheet_pick(sh, pick)) {
		plain_choices(p, sh, "Members to substitute for");
		struct form_person *k2 = form_roll_find(&f->roll, who);
		plain_say(p, "'%s' is none of the committee's members: %s is %s, with "
			  "nobody named; type substitute again with one of the names above.",
			  member, who, form_roll_state_name(k2 ? k2->state : FORM_PRESENT));
	} else {
		plain_say(p, "%s is present, substituting for %s.", who, sh->choices[pick]);
	}
	sheet_close(sh);
	buf_reset(&f->msg);
	free(who);
	plain_settle(p);
}

/* ---- matters arising ---- */

/* arising: the actions the committee's earlier meetings left open,
 * numbered, each with what this meeting recorded of it (the screen's
 * F6).  arising N done|progress|dropped [NOTE]: records progress on
 * action N in the item in hand; arising N clear takes it back. */
void plain_cmd_arising(struct plain *p, char *args)
{
	struct form *f = &p->f;
	if (!plain_at_item(p))
		return;
	if (*args && !plain_writable(p))
		return;
	struct arising *ar = arising_open(f);
	if (!ar) {
		plain_messages(p);
		return;
	}
	buf_reset(&f->msg);
	if (!*args) {
		for (size_t i = 0; i < ar->n; i++) {
			const struct open_action *o = &ar->v[i];
			const struct action_update *u = arising_update(ar, i);
			struct buf b = BUF_INIT;
			buf_addf(&b, "%zu. Action %s (item %s): %s", i + 1, o->id, o->item, o->text);
			if (o->owner)
				buf_addf(&b, " Owner: %s.", o->owner);
			if (o->due[0])
				buf_addf(&b, " Due %s.", o->due);
			if (u)
				buf_addf(&b, " Here: %s%s%s.", minutes_update_status_name(u->status),
					 u->note ? ", " : "", u->note ? u->note : "");
			else if (o->in_progress)
				buf_addf(&b, " In progress at %s%s%s.", o->updated ? o->updated : "?",
					 o->note ? ": " : "", o->note ? o->note : "");
			plain_text(p, b.data);
			buf_free(&b);
		}
		if (!ar->n)
			plain_say(p, "No actions of earlier meetings are open.");
		else
			plain_say(p, "arising N done, progress or dropped, then a note if any, "
				  "records one; arising N clear takes it back.");
		arising_close(ar);
		return;
	}
	char *end;
	unsigned long n = strtoul(args, &end, 10);
	char *rest = plain_trim(end);
	char *note = rest;
	while (*note && *note != ' ')
		note++;
	if (*note)
		*note++ = '\0';
	note = plain_trim(note);
	if (!strncasecmp(note, "progress", 8) && !strcasecmp(rest, "in")) {
		rest = "progress";
		note = plain_trim(note + 8);
	}
	int st = !strcasecmp(rest, "done") ? UPDATE_DONE
		: !strcasecmp(rest, "progress") ? UPDATE_IN_PROGRESS
		: !strcasecmp(rest, "dropped") || !strcasecmp(rest, "drop") ? UPDATE_DROPPED
		: !strcasecmp(rest, "clear") ? -2 : -1;
	if (end == args || n < 1 || n > ar->n || st == -1) {
		if (end != args && (n < 1 || n > ar->n))
			plain_say(p, "There is no open action %s: arising lists them, numbered "
				  "1 to %zu.", args, ar->n);
		else
			plain_say(p, "Type arising N done, arising N progress NOTE, arising N "
				  "dropped NOTE or arising N clear; arising alone lists them.");
		arising_close(ar);
		return;
	}
	ar->sel = n - 1;
	const char *id = ar->v[ar->sel].id;
	if (st == -2) {
		arising_clear(ar);
	} else {
		arising_mark(ar, (enum update_status)st);
		ar->sel = n - 1;
		if (*note && !ar->note)
			arising_note_begin(ar);
		if (ar->note) {
			field_set_text(ar->note, note, strlen(note));
			arising_note_store(ar);
		}
		if (!form_refuse_read_only(f))
			plain_say(p, "Action %s: %s%s%s.", id, minutes_update_status_name(st),
				  *note ? ", " : "", note);
	}
	if (st != -2)
		buf_reset(&f->msg);
	arising_close(ar);
}
