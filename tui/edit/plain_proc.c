/* plain_proc: the dialogue's commands for a council's procedure
 * (plain_priv.h): motions, amendments, their results and named votes,
 * declarations (asked for by plain_ask.c), and attendance through the
 * meeting: departures and substitutes. */
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

/* result [motion N | amendment N]: the votes and outcome of a motion or
 * amendment of the item in hand; alone, the last amendment put without
 * an outcome, else the last motion. */
void plain_cmd_result(struct plain *p, char *args)
{
	if (!motion_ready(p))
		return;
	const struct minutes_item *it = form_item(&p->f);
	if (!it->nmotions) {
		plain_say(p, "There is no motion on this item: type motion first.");
		return;
	}
	size_t a = it->nmotions - 1, b = SIZE_MAX;
	const struct motion *mo = &it->motions[a];
	unsigned long n = 0;
	char word[16] = "";
	int got = sscanf(args, "%15s %lu", word, &n);
	if (got >= 1 && !strcasecmp(word, "amendment")) {
		if (!mo->namendments) {
			plain_say(p, "Motion %zu has no amendment.", a + 1);
			return;
		}
		b = got == 2 ? n - 1 : mo->namendments - 1;
		if (got == 2 && (n < 1 || b >= mo->namendments)) {
			plain_say(p, "Motion %zu has amendments 1 to %zu.", a + 1, mo->namendments);
			return;
		}
	} else if (got >= 1 && !strcasecmp(word, "motion")) {
		if (got == 2 && (n < 1 || n > it->nmotions)) {
			plain_say(p, "This item has motions 1 to %zu.", it->nmotions);
			return;
		}
		if (got == 2)
			a = n - 1;
	} else if (got >= 1) {
		plain_say(p, "Type result, result motion N or result amendment N.");
		return;
	} else if (mo->namendments && !mo->amendments[mo->namendments - 1].outcome) {
		b = mo->namendments - 1;
	}
	plain_ask_start(p, ASK_RESULT, a, b);
}

void plain_cmd_named(struct plain *p)
{
	if (!motion_ready(p))
		return;
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
