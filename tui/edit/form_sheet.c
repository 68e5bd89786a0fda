/* form_sheet: motions, declarations and a person's attendance, as rows:
 * the rows a sheet has, their labels, text and choices, and moving
 * between them (form_sheet_store.c changes the minutes). */
#include "tui/edit/form_sheet.h"
#include "tui/edit/form_sheet_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct minutes_item *sheet_item(const struct sheet *sh)
{
	struct minutes *m = sh->f->m;
	return sh->item < m->nitems ? m->items[sh->item] : NULL;
}

struct form_person *sheet_person(const struct sheet *sh)
{
	return sh->person ? form_roll_find(&sh->f->roll, sh->person) : NULL;
}

static void add(struct sheet *sh, enum sheet_what w, enum sheet_kind k, size_t a,
		size_t b, bool fresh, int depth)
{
	xgrow((void **)&sh->rows, &sh->cap, sh->nrows + 1, sizeof(*sh->rows));
	sh->rows[sh->nrows++] = (struct sheet_row){ w, k, a, b, fresh, depth };
}

static void add_votes(struct sheet *sh, size_t a, size_t b, int depth)
{
	add(sh, SW_FOR, SK_COUNT, a, b, false, depth);
	add(sh, SW_AGAINST, SK_COUNT, a, b, false, depth);
	add(sh, SW_ABST, SK_COUNT, a, b, false, depth);
	add(sh, SW_RECORDED, SK_MARKS, a, b, false, depth);
	add(sh, SW_OUTCOME, SK_PICK, a, b, false, depth);
}

void sheet_build(struct sheet *sh)
{
	sh->nrows = 0;
	const struct minutes *m = sh->f->m;
	if (sh->type == SHEET_MOTIONS) {
		const struct minutes_item *it = sheet_item(sh);
		add(sh, SW_DECISION_VOTE, SK_MARKS, SHEET_NONE, SHEET_NONE, false, 0);
		for (size_t i = 0; it && i < it->nmotions; i++) {
			const struct motion *mo = &it->motions[i];
			add(sh, SW_MOTION, SK_TEXT, i, SHEET_NONE, false, 0);
			add(sh, SW_MOVER, SK_PICK, i, SHEET_NONE, false, 1);
			add(sh, SW_SECONDER, SK_PICK, i, SHEET_NONE, false, 1);
			for (size_t j = 0; j < mo->namendments; j++) {
				add(sh, SW_MOTION, SK_TEXT, i, j, false, 1);
				add(sh, SW_MOVER, SK_PICK, i, j, false, 2);
				add(sh, SW_SECONDER, SK_PICK, i, j, false, 2);
				add_votes(sh, i, j, 2);
			}
			add(sh, SW_MOTION, SK_TEXT, i, mo->namendments, true, 1);
			add_votes(sh, i, SHEET_NONE, 1);
		}
		add(sh, SW_MOTION, SK_TEXT, it ? it->nmotions : 0, SHEET_NONE, true, 0);
	} else if (sh->type == SHEET_DECLARATIONS) {
		for (size_t i = 0; i < m->ndeclarations; i++) {
			add(sh, SW_DECL_MEMBER, SK_PICK, i, SHEET_NONE, false, 0);
			add(sh, SW_DECL_ITEM, SK_PICK, i, SHEET_NONE, false, 1);
			add(sh, SW_DECL_INTEREST, SK_TEXT, i, SHEET_NONE, false, 1);
			add(sh, SW_DECL_KIND, SK_PICK, i, SHEET_NONE, false, 1);
			add(sh, SW_DECL_LEFT, SK_PICK, i, SHEET_NONE, false, 1);
		}
		add(sh, SW_DECL_MEMBER, SK_PICK, m->ndeclarations, SHEET_NONE, true, 0);
	} else {
		add(sh, SW_SUBSTITUTE, SK_PICK, 0, SHEET_NONE, false, 0);
		add(sh, SW_ARRIVED, SK_TEXT, 0, SHEET_NONE, false, 0);
		add(sh, SW_ARRIVED_DURING, SK_PICK, 0, SHEET_NONE, false, 1);
		add(sh, SW_LEFT, SK_TEXT, 0, SHEET_NONE, false, 0);
		add(sh, SW_LEFT_DURING, SK_PICK, 0, SHEET_NONE, false, 1);
	}
	if (sh->focus >= sh->nrows)
		sh->focus = sh->nrows ? sh->nrows - 1 : 0;
}

const struct sheet_row *sheet_focused(const struct sheet *sh)
{
	return sh->focus < sh->nrows ? &sh->rows[sh->focus] : NULL;
}

struct motion *sheet_row_motion(const struct sheet *sh, const struct sheet_row *r)
{
	struct minutes_item *it = sheet_item(sh);
	return it && r->a < it->nmotions ? &it->motions[r->a] : NULL;
}

static struct amendment *row_amendment(const struct sheet *sh, const struct sheet_row *r)
{
	struct motion *mo = sheet_row_motion(sh, r);
	return mo && r->b != SHEET_NONE && r->b < mo->namendments ? &mo->amendments[r->b]
								  : NULL;
}

bool sheet_row_parts(const struct sheet *sh, const struct sheet_row *r, struct mrow *p)
{
	struct amendment *am = row_amendment(sh, r);
	struct motion *mo = sheet_row_motion(sh, r);
	if (am)
		*p = (struct mrow){ &am->text, &am->mover, &am->seconder, &am->votes,
				    &am->outcome };
	else if (mo && r->b == SHEET_NONE)
		*p = (struct mrow){ &mo->text, &mo->mover, &mo->seconder, &mo->votes,
				    &mo->outcome };
	else
		return false;
	return true;
}

struct declaration *sheet_row_decl(const struct sheet *sh, const struct sheet_row *r)
{
	struct minutes *m = sh->f->m;
	return r->a < m->ndeclarations ? &m->declarations[r->a] : NULL;
}

/* The named vote a row is about: a motion's or amendment's, or the
 * item's decision's. */
static struct recorded_vote *row_recorded(const struct sheet *sh, const struct sheet_row *r)
{
	struct mrow p;
	if (r->what == SW_DECISION_VOTE)
		return sheet_item(sh) ? &sheet_item(sh)->recorded : NULL;
	return sheet_row_parts(sh, r, &p) ? &p.votes->recorded : NULL;
}

struct sheet *sheet_open(struct form *f, enum sheet_type type, const char *name)
{
	if (type == SHEET_MOTIONS && (f->view != FORM_ITEM || !form_item(f))) {
		form_say(f, true, "motions belong to an item: open one first");
		return NULL;
	}
	if (type == SHEET_PERSON && (!name || !form_roll_find(&f->roll, name))) {
		form_say(f, true, "nobody selected");
		return NULL;
	}
	struct sheet *sh = xcalloc(1, sizeof(*sh));
	sh->f = f;
	sh->type = type;
	sh->item = f->item;
	sh->person = name ? xstrdup(name) : NULL;
	sh->ask_choice = SHEET_NONE;
	sheet_build(sh);
	sh->focus = 0;
	if (type == SHEET_PERSON) {
		struct form_person *k = sheet_person(sh);
		if (k->member)
			sh->focus = 1;
	}
	/* Where the clerk will type: the fresh motion or declaration. */
	if (type != SHEET_PERSON)
		sh->focus = sh->nrows - 1;
	if (type == SHEET_MOTIONS)
		for (size_t i = 0; i < sh->nrows; i++)
			if (sh->rows[i].what == SW_MOTION && sh->rows[i].b == SHEET_NONE &&
			    sh->rows[i].a + 1 == sheet_item(sh)->nmotions) {
				/* A motion in hand: its fresh amendment. */
				for (size_t j = i; j < sh->nrows; j++)
					if (sh->rows[j].fresh) {
						sh->focus = j;
						break;
					}
				break;
			}
	sheet_move(sh, 0);
	return sh;
}

void sheet_close(struct sheet *sh)
{
	if (!sh)
		return;
	sheet_store(sh);
	form_commit(sh->f);
	field_delete(sh->field);
	free(sh->person);
	free(sh->rows);
	free(sh);
}

void sheet_label(const struct sheet *sh, const struct sheet_row *r, char *out, size_t n)
{
	const char *ind = r->depth == 2 ? "    " : r->depth == 1 ? "  " : "";
	switch (r->what) {
	case SW_MOTION:
		if (r->b == SHEET_NONE)
			snprintf(out, n, r->fresh ? "Motion +" : "Motion %zu", r->a + 1);
		else if (r->fresh)
			snprintf(out, n, "  Amendment +");
		else
			snprintf(out, n, "  Amendment %zu", r->b + 1);
		break;
	case SW_MOVER: snprintf(out, n, "%smoved by", ind); break;
	case SW_SECONDER: snprintf(out, n, "%sseconded by", ind); break;
	case SW_FOR: snprintf(out, n, "%sfor", ind); break;
	case SW_AGAINST: snprintf(out, n, "%sagainst", ind); break;
	case SW_ABST: snprintf(out, n, "%sabstained", ind); break;
	case SW_RECORDED: snprintf(out, n, "%snamed vote", ind); break;
	case SW_OUTCOME: snprintf(out, n, "%soutcome", ind); break;
	case SW_DECISION_VOTE: snprintf(out, n, "Vote on decision"); break;
	case SW_DECL_MEMBER:
		snprintf(out, n, r->fresh ? "Member +" : "Member %zu", r->a + 1); break;
	case SW_DECL_ITEM: snprintf(out, n, "  item"); break;
	case SW_DECL_INTEREST: snprintf(out, n, "  interest"); break;
	case SW_DECL_KIND: snprintf(out, n, "  kind"); break;
	case SW_DECL_LEFT: snprintf(out, n, "  left room"); break;
	case SW_SUBSTITUTE: snprintf(out, n, "Substitute for"); break;
	case SW_ARRIVED: snprintf(out, n, "Arrived"); break;
	case SW_ARRIVED_DURING: snprintf(out, n, "  during item"); break;
	case SW_LEFT: snprintf(out, n, "Left"); break;
	case SW_LEFT_DURING: snprintf(out, n, "  during item"); break;
	}
	(void)sh;
}

static char *dup0(const char *s)
{
	return xstrdup(s ? s : "");
}

static char *count_text(unsigned v)
{
	char b[16];
	snprintf(b, sizeof(b), "%u", v);
	return xstrdup(v ? b : "");
}

static void names_text(struct buf *b, const char *what, const struct names *l)
{
	if (!l->n)
		return;
	buf_addf(b, "%s%s: ", b->len ? "; " : "", what);
	for (size_t i = 0; i < l->n; i++)
		buf_addf(b, "%s%s", i ? ", " : "", l->v[i]);
}

static const char *const kind_words[] = { "", "disclosable pecuniary",
					   "other registrable", "non-registrable" };
const char *const sheet_outcome_words[] = { "", "carried", "lost", "withdrawn" };

char *sheet_text(const struct sheet *sh, const struct sheet_row *r)
{
	if (r->fresh)
		return xstrdup("");
	struct mrow p;
	struct declaration *d = sheet_row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	switch (r->what) {
	case SW_MOTION: return sheet_row_parts(sh, r, &p) ? dup0(*p.text) : xstrdup("");
	case SW_MOVER: return sheet_row_parts(sh, r, &p) ? dup0(*p.mover) : xstrdup("");
	case SW_SECONDER: return sheet_row_parts(sh, r, &p) ? dup0(*p.seconder) : xstrdup("");
	case SW_FOR: return sheet_row_parts(sh, r, &p) ? count_text(p.votes->n_for) : xstrdup("");
	case SW_AGAINST:
		return sheet_row_parts(sh, r, &p) ? count_text(p.votes->n_against) : xstrdup("");
	case SW_ABST:
		return sheet_row_parts(sh, r, &p) ? count_text(p.votes->n_abstained) : xstrdup("");
	case SW_RECORDED:
	case SW_DECISION_VOTE: {
		struct buf b = BUF_INIT;
		const struct recorded_vote *rv = row_recorded(sh, r);
		if (rv) {
			names_text(&b, "for", &rv->voted_for);
			names_text(&b, "against", &rv->against);
			names_text(&b, "abstained", &rv->abstained);
		}
		return buf_detach(&b, NULL);
	}
	case SW_OUTCOME:
		return xstrdup(sheet_row_parts(sh, r, &p) ? sheet_outcome_words[*p.outcome] : "");
	case SW_DECL_MEMBER: return dup0(d ? d->member : NULL);
	case SW_DECL_ITEM: return dup0(d ? d->item : NULL);
	case SW_DECL_INTEREST: return dup0(d ? d->interest : NULL);
	case SW_DECL_KIND:
		return xstrdup(d && (unsigned)d->kind < 4 ? kind_words[d->kind] : "");
	case SW_DECL_LEFT: return xstrdup(d && d->left_room ? "yes" : "no");
	case SW_SUBSTITUTE: return dup0(k ? k->substitute_for : NULL);
	case SW_ARRIVED: return dup0(k ? k->arrived : NULL);
	case SW_ARRIVED_DURING: return dup0(k ? k->arrived_during : NULL);
	case SW_LEFT: return dup0(k ? k->left : NULL);
	case SW_LEFT_DURING: return dup0(k ? k->left_during : NULL);
	}
	return xstrdup("");
}

/* ---- picking ---- */

static size_t put(struct sheet *sh, size_t n, const char *s)
{
	if (n >= SHEET_CHOICES_MAX)
		return n;
	snprintf(sh->choice_buf[n], sizeof(sh->choice_buf[n]), "%s", s);
	sh->choices[n] = sh->choice_buf[n];
	return n + 1;
}

size_t sheet_choices(struct sheet *sh, const struct sheet_row *r)
{
	size_t n = 0;
	const struct minutes *m = sh->f->m;
	switch (r->what) {
	case SW_MOVER:
	case SW_SECONDER:
	case SW_RECORDED:
	case SW_DECISION_VOTE:
	case SW_DECL_MEMBER:
		for (size_t i = 0; i < m->present.n; i++)
			n = put(sh, n, m->present.v[i].name);
		break;
	case SW_DECL_ITEM:
	case SW_ARRIVED_DURING:
	case SW_LEFT_DURING:
		for (size_t i = 0; i < m->nitems; i++) {
			char line[96];
			snprintf(line, sizeof(line), "%s  %s", m->items[i]->number,
				 m->items[i]->title);
			n = put(sh, n, line);
		}
		break;
	case SW_DECL_KIND:
		for (size_t i = 1; i < 4; i++)
			n = put(sh, n, kind_words[i]);
		break;
	case SW_DECL_LEFT:
		n = put(sh, put(sh, n, "yes, left the room"), "no, stayed");
		break;
	case SW_OUTCOME:
		for (size_t i = 1; i < 4; i++)
			n = put(sh, n, sheet_outcome_words[i]);
		break;
	case SW_SUBSTITUTE: {
		const struct committee *c = session_committee(sh->f->s);
		for (size_t i = 0; c && i < c->members.n; i++)
			if (!sh->person || strcmp(sh->person, c->members.v[i].name))
				n = put(sh, n, c->members.v[i].name);
		break;
	}
	default:
		break;
	}
	return n;
}

bool sheet_names_has(const struct names *l, const char *s, size_t *at)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s)) {
			if (at)
				*at = i;
			return true;
		}
	return false;
}

const char *sheet_mark(const struct sheet *sh, const struct sheet_row *r, size_t i)
{
	const struct recorded_vote *rv = row_recorded(sh, r);
	if (i >= SHEET_CHOICES_MAX || !sh->choices[i] || !rv)
		return "";
	if (sheet_names_has(&rv->voted_for, sh->choices[i], NULL))
		return "for";
	if (sheet_names_has(&rv->against, sh->choices[i], NULL))
		return "against";
	if (sheet_names_has(&rv->abstained, sh->choices[i], NULL))
		return "abstained";
	return "";
}

static void load(struct sheet *sh)
{
	field_delete(sh->field);
	sh->field = NULL;
	sh->changed = false;
	sh->ask_choice = SHEET_NONE;    /* a question is about the row left */
	const struct sheet_row *r = sheet_focused(sh);
	if (!r || (r->kind != SK_TEXT && r->kind != SK_COUNT))
		return;
	char *t = sheet_text(sh, r);
	sh->field = field_new(0);
	field_set_text(sh->field, t, strlen(t));
	free(t);
}

bool sheet_move(struct sheet *sh, long delta)
{
	size_t before = sh->nrows;
	const struct sheet_row *r = sheet_focused(sh);
	bool was_fresh = r && r->fresh;
	if (!sheet_store(sh))
		return false;
	size_t to;
	if (delta < 0)
		to = (size_t)-delta > sh->focus ? 0 : sh->focus - (size_t)-delta;
	else if (sh->nrows < before && delta > 0)
		to = sh->focus;         /* what followed a removed entry */
	else if (sh->nrows > before && was_fresh && delta > 0)
		to = sh->focus + 1;     /* the new entry's next row */
	else
		to = sh->focus + (size_t)delta;
	if (to >= sh->nrows)
		to = sh->nrows ? sh->nrows - 1 : 0;
	sh->focus = to;
	load(sh);
	return true;
}

void sheet_set_text(struct sheet *sh, const char *text)
{
	if (!sh->field)
		return;
	field_set_text(sh->field, text, strlen(text));
	sheet_touched(sh);
}

void sheet_touched(struct sheet *sh)
{
	sh->changed = true;
	session_touch(sh->f->s);
}

void sheet_focus(struct sheet *sh, size_t i)
{
	if (!sheet_store(sh))
		return;
	sh->focus = i < sh->nrows ? i : sh->nrows ? sh->nrows - 1 : 0;
	load(sh);
}

void sheet_focus_declaration(struct sheet *sh, size_t i)
{
	if (sh->type != SHEET_DECLARATIONS)
		return;
	for (size_t k = 0; k < sh->nrows; k++)
		if (sh->rows[k].what == SW_DECL_MEMBER &&
		    (sh->rows[k].a == i || (sh->rows[k].fresh && i >= sh->rows[k].a))) {
			sheet_focus(sh, k);
			return;
		}
}
