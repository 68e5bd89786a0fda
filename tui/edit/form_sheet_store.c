/* form_sheet_store: what a sheet's rows change in the minutes: a choice
 * picked, a row cleared, text or a count typed and stored. */
#include "tui/edit/form_sheet.h"
#include "tui/edit/form_sheet_priv.h"

#include "tui/edit/form_proc.h"
#include "tui/edit/form_speakers.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static void names_drop(struct names *l, size_t i)
{
	free(l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

/* The item the motion sheet is on, or the declaration's, for messages. */
static const struct minutes_item *changed_item(const struct sheet *sh)
{
	return sh->type == SHEET_MOTIONS ? sheet_item(sh) : NULL;
}

/* A named vote moves member `name` on: for, against, abstained, none;
 * the counts follow the lists. */
static void mark_next(struct sheet *sh, struct recorded_vote *rv, unsigned *counts[3],
		      const char *name)
{
	struct names *l[3] = { &rv->voted_for, &rv->against, &rv->abstained };
	size_t at;
	int was = -1;
	for (int k = 0; k < 3; k++)
		if (sheet_names_has(l[k], name, &at)) {
			names_drop(l[k], at);
			was = k;
			break;
		}
	if (was < 2)
		names_add(l[was + 1], name);
	for (int k = 0; k < 3; k++)
		*counts[k] = (unsigned)l[k]->n;
	struct votes v = { *counts[0], *counts[1], *counts[2], *rv };
	form_proc_vote_warnings(sh->f, changed_item(sh), &v, was < 2 ? name : NULL);
}

/* The named vote a marks row is about and the counts it gives. */
static bool marks_of(struct sheet *sh, const struct sheet_row *r, struct recorded_vote **rv,
		     unsigned *counts[3])
{
	struct minutes_item *it = sheet_item(sh);
	struct mrow p;
	if (r->what == SW_DECISION_VOTE && it) {
		*rv = &it->recorded;
		counts[0] = &it->votes_for;
		counts[1] = &it->votes_against;
		counts[2] = &it->votes_abstained;
		return true;
	}
	if (r->what != SW_RECORDED || !sheet_row_parts(sh, r, &p))
		return false;
	*rv = &p.votes->recorded;
	counts[0] = &p.votes->n_for;
	counts[1] = &p.votes->n_against;
	counts[2] = &p.votes->n_abstained;
	return true;
}

/* Member i of the focused marks row moves on; the counts follow. */
static void mark(struct sheet *sh, size_t i)
{
	struct recorded_vote *rv;
	unsigned *counts[3];
	if (!marks_of(sh, sheet_focused(sh), &rv, counts))
		return;
	mark_next(sh, rv, counts, sh->choices[i]);
	form_changed(sh->f, sheet_item(sh), "named vote recorded");
	session_touch(sh->f->s);
}

bool sheet_asking(const struct sheet *sh)
{
	return sh->ask_choice != SHEET_NONE;
}

void sheet_answer(struct sheet *sh, bool yes)
{
	size_t i = sh->ask_choice;
	struct recorded_vote *rv;
	unsigned *counts[3];
	sh->ask_choice = SHEET_NONE;
	const struct sheet_row *r = sheet_focused(sh);
	if (i == SHEET_NONE || !r || !marks_of(sh, r, &rv, counts) ||
	    i >= sheet_choices(sh, r))
		return;
	unsigned was[3] = { *counts[0], *counts[1], *counts[2] };
	if (!yes) {
		form_say(sh->f, false, "kept the typed counts %u/%u/%u: nobody named (to "
			 "name the voters, answer y)", was[0], was[1], was[2]);
		return;
	}
	for (int k = 0; k < 3; k++)
		*counts[k] = 0;
	mark(sh, i);
	if (!sh->f->msg_error)
		form_say(sh->f, false, "the typed counts %u/%u/%u replaced by the named "
			 "vote: the counts follow the names", was[0], was[1], was[2]);
}

static void decl_changed(struct sheet *sh, size_t i)
{
	form_changed(sh->f, NULL, "declaration %zu changed", i + 1);
}

/* The item number of an item choice ("5  Title"). */
static char *choice_number(const struct sheet *sh, size_t i)
{
	return xstrdup(sh->f->m->items[i]->number);
}

bool sheet_pick(struct sheet *sh, size_t i)
{
	const struct sheet_row *r = sheet_focused(sh);
	if (!r || (r->kind != SK_PICK && r->kind != SK_MARKS) || form_refuse_read_only(sh->f))
		return false;
	size_t n = sheet_choices(sh, r);
	if (i >= n)
		return false;
	struct form *f = sh->f;
	struct mrow p;
	struct declaration *d = sheet_row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	const char *c = sh->choices[i];
	bool rebuild = false;
	switch (r->what) {
	case SW_MOVER:
	case SW_SECONDER:
		if (!sheet_row_parts(sh, r, &p))
			return false;
		record_text_set(r->what == SW_MOVER ? p.mover : p.seconder, c);
		form_changed(f, sheet_item(sh), "%s %s", r->b == SHEET_NONE ? "motion"
			     : "amendment", r->what == SW_MOVER ? "moved" : "seconded");
		break;
	case SW_RECORDED:
	case SW_DECISION_VOTE: {
		struct recorded_vote *rv;
		unsigned *counts[3];
		if (!marks_of(sh, r, &rv, counts))
			return false;
		/* Counts typed and nobody named yet: naming someone would
		 * make them 1/0/0, so the clerk is asked first. */
		if (!minutes_recorded_any(rv) && (*counts[0] || *counts[1] || *counts[2])) {
			sh->ask_choice = i;
			form_say(f, true, "Replace the typed counts %u/%u/%u with a named "
				 "vote? y replaces them, n keeps them", *counts[0], *counts[1],
				 *counts[2]);
			return true;
		}
		mark(sh, i);
		return true;    /* the focus stays for the next name */
	}
	case SW_OUTCOME:
		if (!sheet_row_parts(sh, r, &p))
			return false;
		*p.outcome = (enum outcome)(i + 1);
		form_changed(f, sheet_item(sh), "%s %s", r->b == SHEET_NONE ? "motion"
			     : "amendment", sheet_outcome_words[i + 1]);
		break;
	case SW_DECL_MEMBER:
		if (r->fresh) {
			struct declaration *nd = minutes_add_declaration(f->m, c, NULL, NULL);
			/* The adder leaves format 2's fields as it found them. */
			nd->kind = DECL_UNSAID;
			nd->left_room = false;
			form_changed(f, NULL, "declaration %zu recorded", f->m->ndeclarations);
			rebuild = true;
		} else if (d) {
			record_text_set(&d->member, c);
			decl_changed(sh, r->a);
		}
		break;
	case SW_DECL_ITEM: {
		char *num = choice_number(sh, i);
		record_text_set(&d->item, num);
		free(num);
		decl_changed(sh, r->a);
		break;
	}
	case SW_DECL_KIND:
		d->kind = (enum declaration_kind)(i + 1);
		decl_changed(sh, r->a);
		break;
	case SW_DECL_LEFT:
		d->left_room = i == 0;
		decl_changed(sh, r->a);
		break;
	case SW_SUBSTITUTE:
		record_text_set(&k->substitute_for, c);
		/* A member's substitute is present, not in attendance. */
		form_roll_settle(f, k);
		form_roll_store(&f->roll, f->m);
		form_changed(f, NULL, "%s substituting for %s", k->name, c);
		break;
	case SW_ARRIVED_DURING:
	case SW_LEFT_DURING: {
		char *num = choice_number(sh, i);
		record_text_set(r->what == SW_ARRIVED_DURING ? &k->arrived_during
			       : &k->left_during, num);
		free(num);
		form_roll_store(&f->roll, f->m);
		form_changed(f, NULL, "attendance of %s changed", k->name);
		break;
	}
	default:
		return false;
	}
	if (rebuild)
		sheet_build(sh);
	session_touch(f->s);
	sheet_move(sh, 1);
	return true;
}

void sheet_clear(struct sheet *sh)
{
	const struct sheet_row *r = sheet_focused(sh);
	if (!r || r->fresh || form_refuse_read_only(sh->f))
		return;
	struct form *f = sh->f;
	struct mrow p;
	struct declaration *d = sheet_row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	switch (r->what) {
	case SW_DECISION_VOTE:
		minutes_recorded_free(&sheet_item(sh)->recorded);
		form_changed(f, sheet_item(sh), "named vote cleared");
		break;
	case SW_MOVER: case SW_SECONDER: case SW_OUTCOME: case SW_RECORDED:
		if (!sheet_row_parts(sh, r, &p))
			return;
		if (r->what == SW_OUTCOME)
			*p.outcome = OUTCOME_UNSAID;
		else if (r->what == SW_RECORDED)
			minutes_recorded_free(&p.votes->recorded);
		else
			record_text_set(r->what == SW_MOVER ? p.mover : p.seconder, NULL);
		form_changed(f, sheet_item(sh), "motion changed");
		break;
	case SW_DECL_MEMBER:
		minutes_remove_declaration(f->m, r->a);
		form_changed(f, NULL, "declaration %zu removed", r->a + 1);
		sheet_build(sh);
		break;
	case SW_DECL_ITEM: record_text_set(&d->item, NULL); decl_changed(sh, r->a); break;
	case SW_DECL_KIND: d->kind = DECL_UNSAID; decl_changed(sh, r->a); break;
	case SW_DECL_LEFT: d->left_room = false; decl_changed(sh, r->a); break;
	case SW_SUBSTITUTE: case SW_ARRIVED_DURING: case SW_LEFT_DURING:
		record_text_set(r->what == SW_SUBSTITUTE ? &k->substitute_for
			       : r->what == SW_LEFT_DURING ? &k->left_during
			       : &k->arrived_during, NULL);
		/* No longer a substitute, a non-member is in attendance. */
		form_roll_settle(f, k);
		form_roll_store(&f->roll, f->m);
		form_changed(f, NULL, "attendance of %s changed", k->name);
		break;
	default:
		break;
	}
	session_touch(f->s);
}

/* ---- typing ---- */

bool sheet_typable(struct sheet *sh, wint_t ch)
{
	const struct sheet_row *r = sheet_focused(sh);
	if (!r || r->kind != SK_COUNT || (ch >= '0' && ch <= '9') || !iswprint(ch))
		return true;
	form_say(sh->f, true, "a count is digits only: '%lc' not typed", ch);
	return false;
}

static char *trimmed(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return xstrndup(s, n);
}

static bool read_count(const char *s, unsigned *v)
{
	unsigned long n = 0;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || n > 100000)
			return false;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	*v = (unsigned)n;
	return true;
}

static bool read_time(const char *s, char out[6])
{
	unsigned h, mi;
	char extra;
	if (!*s) {
		out[0] = 0;
		return true;
	}
	if ((sscanf(s, "%u:%u%c", &h, &mi, &extra) == 2 ||
	     (strlen(s) == 4 && sscanf(s, "%2u%2u%c", &h, &mi, &extra) == 2)) &&
	    h < 24 && mi < 60) {
		snprintf(out, 6, "%02u:%02u", h, mi);
		return true;
	}
	return false;
}

static bool store_motion_text(struct sheet *sh, const struct sheet_row *r, const char *v)
{
	struct minutes_item *it = sheet_item(sh);
	struct motion *mo = sheet_row_motion(sh, r);
	struct mrow p;
	if (r->fresh) {
		if (!*v)
			return false;
		if (r->b == SHEET_NONE)
			minutes_item_add_motion(it, v, NULL, NULL);
		else
			minutes_motion_add_amendment(mo, v, NULL, NULL);
		form_changed(sh->f, it, "%s recorded", r->b == SHEET_NONE ? "motion"
			     : "amendment");
		return true;
	}
	if (!*v) {
		if (r->b == SHEET_NONE) {
			minutes_item_remove_motion(it, r->a);
		} else {
			struct amendment *am = &mo->amendments[r->b];
			free(am->text);
			free(am->mover);
			free(am->seconder);
			minutes_votes_free(&am->votes);
			memmove(am, am + 1, (mo->namendments - r->b - 1) * sizeof(*am));
			mo->namendments--;
		}
		form_changed(sh->f, it, "%s removed", r->b == SHEET_NONE ? "motion"
			     : "amendment");
		return true;
	}
	if (sheet_row_parts(sh, r, &p) && strcmp(*p.text ? *p.text : "", v)) {
		record_text_set(p.text, v);
		form_changed(sh->f, it, "%s changed", r->b == SHEET_NONE ? "motion"
			     : "amendment");
	}
	return false;
}

static bool store_count(struct sheet *sh, const struct sheet_row *r, const char *v)
{
	struct mrow p;
	unsigned n;
	if (!sheet_row_parts(sh, r, &p))
		return true;
	if (!read_count(v, &n)) {
		/* The first character that is no digit, whole (UTF-8). */
		const char *bad = v + strspn(v, "0123456789");
		int len = 1;
		while (*bad && (bad[len] & 0xC0) == 0x80)
			len++;
		if (*bad)
			form_say(sh->f, true, "'%s' is not a number of votes: a count is "
				 "digits only, and '%.*s' is not one; correct it or empty it", v,
				 len, bad);
		else
			form_say(sh->f, true, "'%s' is more votes than a meeting casts "
				 "(at most 100000)", v);
		return false;
	}
	struct votes *vo = p.votes;
	unsigned *dst = r->what == SW_FOR ? &vo->n_for : r->what == SW_AGAINST
		? &vo->n_against : &vo->n_abstained;
	if (n == *dst)
		return true;
	if (minutes_recorded_any(&vo->recorded)) {
		form_say(sh->f, true, "the named vote gives the counts: change it there "
			 "(Delete on it clears it)");
		return false;
	}
	*dst = n;
	form_changed(sh->f, sheet_item(sh), "votes recorded");
	form_proc_vote_warnings(sh->f, sheet_item(sh), vo, NULL);
	return true;
}

bool sheet_store(struct sheet *sh)
{
	const struct sheet_row *r = sheet_focused(sh);
	if (!r || !sh->field || !sh->changed)
		return true;
	if (session_read_only(sh->f->s)) {
		sh->changed = false;
		return true;
	}
	char *v = trimmed(field_text(sh->field, NULL));
	bool ok = true, rebuild = false;
	struct declaration *d = sheet_row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	char t[6];
	switch (r->what) {
	case SW_MOTION:
		rebuild = store_motion_text(sh, r, v);
		break;
	case SW_FOR: case SW_AGAINST: case SW_ABST:
		ok = store_count(sh, r, v);
		break;
	case SW_DECL_INTEREST:
		if (d && strcmp(d->interest ? d->interest : "", v)) {
			record_text_set(&d->interest, *v ? v : NULL);
			decl_changed(sh, r->a);
		}
		break;
	case SW_ARRIVED: case SW_LEFT:
		if (!read_time(v, t)) {
			form_say(sh->f, true, "'%s' is not a time; expected HH:MM, such as "
				 "18:25", v);
			ok = false;
		} else if (k) {
			memcpy(r->what == SW_ARRIVED ? k->arrived : k->left, t, 6);
			form_roll_store(&sh->f->roll, sh->f->m);
			form_changed(sh->f, NULL, "attendance of %s changed", k->name);
		}
		break;
	default:
		break;
	}
	free(v);
	if (ok)
		sh->changed = false;
	if (rebuild)
		sheet_build(sh);
	session_touch(sh->f->s);
	return ok;
}


/* The member present `typed` names, or NULL having said why not. */
static const char *present_member(struct form *f, const char *typed)
{
	const struct minutes *m = f->m;
	for (size_t i = 0; i < m->present.n; i++)
		if (!strcmp(m->present.v[i].name, typed))
			return m->present.v[i].name;
	enum form_speaker_check how;
	const char *other = NULL;
	const char *who = form_speakers_match(f, typed, strlen(typed), &how, &other);
	for (size_t i = 0; who && how == FORM_SPEAKER_FOUND && i < m->present.n; i++)
		if (!strcmp(m->present.v[i].name, who))
			return m->present.v[i].name;
	if (how == FORM_SPEAKER_AMBIGUOUS && who && other)
		form_say(f, true, "'%s' names both %s and %s: give the full name", typed, who,
			 other);
	else if (who && how != FORM_SPEAKER_UNKNOWN)
		form_say(f, true, "%s is not a member present: only members present declare "
			 "(mark them present first)", who);
	else
		form_say(f, true, "'%s' names no member present; expected a member's name, "
			 "such as %s", typed, m->present.n ? m->present.v[0].name : "Cllr Reid");
	return NULL;
}

bool sheet_declare(struct form *f, const char *member, const char *item,
		   const char *interest)
{
	if (form_refuse_read_only(f))
		return false;
	const char *who = present_member(f, member);
	if (!who)
		return false;
	bool known = !item || !*item;
	for (size_t i = 0; !known && i < f->m->nitems; i++)
		known = !strcmp(f->m->items[i]->number, item);
	if (!known) {
		form_say(f, true, "there is no item %s on the agenda; expected an item's "
			 "number, such as %s", item, f->m->nitems ? f->m->items[0]->number : "3");
		return false;
	}
	struct declaration *d = minutes_add_declaration(f->m, who, item && *item ? item : NULL,
							 interest && *interest ? interest : NULL);
	d->kind = DECL_UNSAID;
	d->left_room = false;
	form_changed(f, NULL, "declaration %zu recorded", f->m->ndeclarations);
	session_touch(f->s);
	return true;
}
