/* form_sheet: motions, declarations and a person's attendance, as rows. */
#include "tui/edit/form_sheet.h"

#include "tui/edit/form_proc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct minutes_item *sheet_item(const struct sheet *sh)
{
	struct minutes *m = sh->f->m;
	return sh->item < m->nitems ? m->items[sh->item] : NULL;
}

static struct form_person *sheet_person(const struct sheet *sh)
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

static void build(struct sheet *sh)
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

static struct motion *row_motion(const struct sheet *sh, const struct sheet_row *r)
{
	struct minutes_item *it = sheet_item(sh);
	return it && r->a < it->nmotions ? &it->motions[r->a] : NULL;
}

static struct amendment *row_amendment(const struct sheet *sh, const struct sheet_row *r)
{
	struct motion *mo = row_motion(sh, r);
	return mo && r->b != SHEET_NONE && r->b < mo->namendments ? &mo->amendments[r->b]
								  : NULL;
}

/* The votes, outcome, text, mover and seconder a motion row is about. */
struct mrow {
	char **text, **mover, **seconder;
	struct votes *votes;
	enum outcome *outcome;
};

static bool row_parts(const struct sheet *sh, const struct sheet_row *r, struct mrow *p)
{
	struct amendment *am = row_amendment(sh, r);
	struct motion *mo = row_motion(sh, r);
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

static struct declaration *row_decl(const struct sheet *sh, const struct sheet_row *r)
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
	return row_parts(sh, r, &p) ? &p.votes->recorded : NULL;
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
	build(sh);
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
	case SW_DECISION_VOTE: snprintf(out, n, "Decision named"); break;
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
static const char *const outcome_words[] = { "", "carried", "lost", "withdrawn" };

char *sheet_text(const struct sheet *sh, const struct sheet_row *r)
{
	if (r->fresh)
		return xstrdup("");
	struct mrow p;
	struct declaration *d = row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	switch (r->what) {
	case SW_MOTION: return row_parts(sh, r, &p) ? dup0(*p.text) : xstrdup("");
	case SW_MOVER: return row_parts(sh, r, &p) ? dup0(*p.mover) : xstrdup("");
	case SW_SECONDER: return row_parts(sh, r, &p) ? dup0(*p.seconder) : xstrdup("");
	case SW_FOR: return row_parts(sh, r, &p) ? count_text(p.votes->n_for) : xstrdup("");
	case SW_AGAINST:
		return row_parts(sh, r, &p) ? count_text(p.votes->n_against) : xstrdup("");
	case SW_ABST:
		return row_parts(sh, r, &p) ? count_text(p.votes->n_abstained) : xstrdup("");
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
		return xstrdup(row_parts(sh, r, &p) ? outcome_words[*p.outcome] : "");
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
			n = put(sh, n, outcome_words[i]);
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

static bool names_has(const struct names *l, const char *s, size_t *at)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s)) {
			if (at)
				*at = i;
			return true;
		}
	return false;
}

static void names_drop(struct names *l, size_t i)
{
	free(l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

const char *sheet_mark(const struct sheet *sh, const struct sheet_row *r, size_t i)
{
	const struct recorded_vote *rv = row_recorded(sh, r);
	if (i >= SHEET_CHOICES_MAX || !sh->choices[i] || !rv)
		return "";
	if (names_has(&rv->voted_for, sh->choices[i], NULL))
		return "for";
	if (names_has(&rv->against, sh->choices[i], NULL))
		return "against";
	if (names_has(&rv->abstained, sh->choices[i], NULL))
		return "abstained";
	return "";
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
		if (names_has(l[k], name, &at)) {
			names_drop(l[k], at);
			was = k;
			break;
		}
	if (was < 2)
		names_add(l[was + 1], name);
	for (int k = 0; k < 3; k++)
		*counts[k] = (unsigned)l[k]->n;
	struct votes v = { *counts[0], *counts[1], *counts[2],
			   { { NULL, 0, 0 }, { NULL, 0, 0 }, { NULL, 0, 0 } } };
	form_proc_vote_warnings(sh->f, changed_item(sh), &v, was < 2 ? name : NULL);
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
	struct declaration *d = row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	const char *c = sh->choices[i];
	bool rebuild = false;
	switch (r->what) {
	case SW_MOVER:
	case SW_SECONDER:
		if (!row_parts(sh, r, &p))
			return false;
		record_text_set(r->what == SW_MOVER ? p.mover : p.seconder, c);
		form_changed(f, sheet_item(sh), "%s %s", r->b == SHEET_NONE ? "motion"
			     : "amendment", r->what == SW_MOVER ? "moved" : "seconded");
		break;
	case SW_RECORDED:
	case SW_DECISION_VOTE: {
		struct minutes_item *it = sheet_item(sh);
		if (r->what == SW_DECISION_VOTE) {
			unsigned *counts[3] = { &it->votes_for, &it->votes_against,
						&it->votes_abstained };
			mark_next(sh, &it->recorded, counts, c);
		} else if (row_parts(sh, r, &p)) {
			unsigned *counts[3] = { &p.votes->n_for, &p.votes->n_against,
						&p.votes->n_abstained };
			mark_next(sh, &p.votes->recorded, counts, c);
		} else {
			return false;
		}
		form_changed(f, it, "named vote recorded");
		session_touch(f->s);
		return true;    /* the focus stays for the next name */
	}
	case SW_OUTCOME:
		if (!row_parts(sh, r, &p))
			return false;
		*p.outcome = (enum outcome)(i + 1);
		form_changed(f, sheet_item(sh), "%s %s", r->b == SHEET_NONE ? "motion"
			     : "amendment", outcome_words[i + 1]);
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
		build(sh);
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
	struct declaration *d = row_decl(sh, r);
	struct form_person *k = sheet_person(sh);
	switch (r->what) {
	case SW_DECISION_VOTE:
		minutes_recorded_free(&sheet_item(sh)->recorded);
		form_changed(f, sheet_item(sh), "named vote cleared");
		break;
	case SW_MOVER: case SW_SECONDER: case SW_OUTCOME: case SW_RECORDED:
		if (!row_parts(sh, r, &p))
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
		build(sh);
		break;
	case SW_DECL_ITEM: record_text_set(&d->item, NULL); decl_changed(sh, r->a); break;
	case SW_DECL_KIND: d->kind = DECL_UNSAID; decl_changed(sh, r->a); break;
	case SW_DECL_LEFT: d->left_room = false; decl_changed(sh, r->a); break;
	case SW_SUBSTITUTE: case SW_ARRIVED_DURING: case SW_LEFT_DURING:
		record_text_set(r->what == SW_SUBSTITUTE ? &k->substitute_for
			       : r->what == SW_LEFT_DURING ? &k->left_during
			       : &k->arrived_during, NULL);
		form_roll_store(&f->roll, f->m);
		form_changed(f, NULL, "attendance of %s changed", k->name);
		break;
	default:
		break;
	}
	session_touch(f->s);
}

/* ---- typing ---- */

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
	struct motion *mo = row_motion(sh, r);
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
	if (row_parts(sh, r, &p) && strcmp(*p.text ? *p.text : "", v)) {
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
	if (!row_parts(sh, r, &p))
		return true;
	if (!read_count(v, &n)) {
		form_say(sh->f, true, "'%s' is not a number of votes", v);
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
	struct declaration *d = row_decl(sh, r);
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
		build(sh);
	session_touch(sh->f->s);
	return ok;
}

static void load(struct sheet *sh)
{
	field_delete(sh->field);
	sh->field = NULL;
	sh->changed = false;
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
