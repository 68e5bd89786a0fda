/* form_journal: the clerk's screen as the journal keeps it. */
#include "tui/edit/form_journal.h"

#include "minutes/audit/mdiff.h"
#include "minutes/git/meeting.h"
#include "tui/edit/form.h"
#include "tui/edit/form_arising.h"
#include "tui/edit/form_nav.h"
#include "tui/edit/form_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static double now_seconds(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

void form_journal_state(const struct form *f, struct buf *out)
{
	const struct form_slot *sl = form_focused(f);
	buf_addf(out, "view %d\nitem %zu\nentered %d\n", (int)f->view, f->item,
		 f->entered ? 1 : 0);
	const struct sheet *sh = f->sheet;
	if (sh) {
		const char *who = sh->person ? sh->person : "";
		const char *t = sh->field ? field_text(sh->field, NULL) : "";
		buf_addf(out, "sheet %d %zu %d %zu %zu %zu\n", (int)sh->type, sh->focus,
			 sh->changed ? 1 : 0, sh->field ? field_cursor(sh->field) : 0,
			 strlen(who), strlen(t));
		buf_addf(out, "%s%s\n", who, t);
		/* A declaration not yet given its interest is not in the minutes'
		 * file (nor in the journal's copy): its member and item come with
		 * the interest typed for it. */
		const struct sheet_row *r = sheet_focused(sh);
		const struct declaration *d = r && sh->type == SHEET_DECLARATIONS && !r->fresh &&
			r->a < f->m->ndeclarations ? &f->m->declarations[r->a] : NULL;
		if (d && d->member && !(d->interest && *d->interest)) {
			const char *it = d->item ? d->item : "";
			buf_addf(out, "decl %zu %d %d %zu %zu\n%s%s\n", r->a, (int)d->kind,
				 d->left_room ? 1 : 0, strlen(d->member), strlen(it), d->member, it);
		}
	}
	const struct arising *ar = f->arising;
	if (ar && ar->note && ar->sel < ar->n) {
		const char *t = field_text(ar->note, NULL);
		buf_addf(out, "note %zu %zu\n%s%s\n", strlen(ar->v[ar->sel].id), strlen(t),
			 ar->v[ar->sel].id, t);
	}
	if (sl && f->field) {
		const char *t = field_text(f->field, NULL);
		buf_addf(out, "slot %d %zu\ncursor %zu\nchanged %d\ntext %zu\n",
			 (int)sl->kind, sl->index, field_cursor(f->field),
			 f->field_changed ? 1 : 0, strlen(t));
		buf_addstr(out, t);
	}
}

/* The longest text a state holds (the journal's own limit). */
#define STATE_MAX ((size_t)64 << 20)

/* What a journal says was open over the view. */
struct over {
	int type;                       /* enum sheet_type; -1: no sheet */
	size_t focus, cursor;
	int changed;
	char *person, *text;            /* malloc'd */
	char *note_id, *note;           /* an open action's note, malloc'd */
	/* The declaration the sheet was on, with no interest yet. */
	size_t decl_at;
	int decl_kind, decl_left;
	char *decl_member, *decl_item;  /* malloc'd */
};

/* Reads "LEN1 LEN2" bytes after the line at p into *a and *b; the line
 * after them, or NULL when the state is cut short. */
static const char *two_parts(const char *p, size_t la, size_t lb, char **a, char **b)
{
	const char *nl = strchr(p, '\n');
	if (!nl || la > STATE_MAX || lb > STATE_MAX || strnlen(nl + 1, la + lb + 1) < la + lb + 1)
		return NULL;
	*a = xstrndup(nl + 1, la);
	*b = xstrndup(nl + 1 + la, lb);
	return nl + 1 + la + lb + 1;
}

/* The sheet the journal had open, reopened with its text as typed (or,
 * with no screen to show it, its text stored as leaving it would). */
static void restore_sheet(struct form *f, const struct over *o)
{
	if (o->type < SHEET_MOTIONS || o->type > SHEET_PERSON ||
	    (o->type == SHEET_MOTIONS && f->view != FORM_ITEM))
		return;
	struct minutes *m = f->m;
	if (o->type == SHEET_DECLARATIONS && o->decl_member && o->decl_at == m->ndeclarations) {
		struct declaration *d = minutes_add_declaration(m, o->decl_member,
							       *o->decl_item ? o->decl_item : NULL,
							       NULL);
		d->kind = o->decl_kind >= DECL_UNSAID && o->decl_kind <= DECL_NON_REGISTRABLE
			? (enum declaration_kind)o->decl_kind : DECL_UNSAID;
		d->left_room = o->decl_left != 0;
		form_changed(f, NULL, "declaration %zu recorded", m->ndeclarations);
	}
	struct sheet *sh = sheet_open(f, (enum sheet_type)o->type,
				      o->type == SHEET_PERSON ? o->person : NULL);
	if (!sh)
		return;
	sheet_focus(sh, o->focus);
	if (sh->field && sh->focus == o->focus) {
		field_set_text(sh->field, o->text, strlen(o->text));
		field_set_cursor(sh->field, o->cursor);
		sh->changed = o->changed != 0;
	}
	if (f->sheets_shown) {
		f->sheet = sh;
	} else {
		sheet_close(sh);
	}
}

/* An open action's note as it was being typed: stored into its update. */
static void restore_note(struct form *f, const char *id, const char *note)
{
	for (size_t i = 0; i < f->m->nitems; i++) {
		struct minutes_item *it = f->m->items[i];
		for (size_t k = 0; k < it->nupdates; k++) {
			struct action_update *u = &it->updates[k];
			if (!u->action || strcmp(u->action, id) ||
			    !strcmp(u->note ? u->note : "", note))
				continue;
			free(u->note);
			u->note = *note ? xstrdup(note) : NULL;
			form_changed(f, it, "action %s: note", id);
			session_touch(f->s);
			return;
		}
	}
}

void form_journal_restore(struct form *f, const char *s)
{
	int view = FORM_ATTENDANCE, kind = -1, entered = 0, chg = 0;
	size_t item = 0, index = 0, cursor = 0, len = 0;
	const char *text = NULL;
	struct over o = { .type = -1 };
	for (const char *p = s; p && *p;) {
		size_t la, lb;
		if (sscanf(p, "sheet %d %zu %d %zu %zu %zu", &o.type, &o.focus, &o.changed,
			   &o.cursor, &la, &lb) == 6) {
			free(o.person);
			free(o.text);
			o.person = o.text = NULL;
			if (!(p = two_parts(p, la, lb, &o.person, &o.text)))
				o.type = -1;
			continue;
		}
		if (sscanf(p, "decl %zu %d %d %zu %zu", &o.decl_at, &o.decl_kind, &o.decl_left,
			   &la, &lb) == 5) {
			free(o.decl_member);
			free(o.decl_item);
			o.decl_member = o.decl_item = NULL;
			p = two_parts(p, la, lb, &o.decl_member, &o.decl_item);
			continue;
		}
		if (sscanf(p, "note %zu %zu", &la, &lb) == 2) {
			free(o.note_id);
			free(o.note);
			o.note_id = o.note = NULL;
			p = two_parts(p, la, lb, &o.note_id, &o.note);
			continue;
		}
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
	if (view < FORM_ATTENDANCE || view > FORM_HUB)
		view = FORM_HUB;
	f->entered = entered != 0;
	f->item = item < f->m->nitems ? item : 0;
	if (view == FORM_ITEM && !f->m->nitems)
		view = FORM_HUB;
	form_nav_enter(f, (enum form_view)view);
	if (kind >= 0 && f->nslots) {
		for (size_t i = 0; i < f->nslots; i++)
			if ((int)f->slots[i].kind == kind && f->slots[i].index == index)
				f->focus = i;
		form_load(f);
		if (text) {
			field_set_text(f->field, text, len);
			field_set_cursor(f->field, cursor);
			f->field_changed = chg != 0;
		}
	}
	if (o.note_id && o.note)
		restore_note(f, o.note_id, o.note);
	if (o.type >= 0 && o.person && o.text)
		restore_sheet(f, &o);
	free(o.person);
	free(o.text);
	free(o.note_id);
	free(o.note);
	free(o.decl_member);
	free(o.decl_item);
}

void form_journal_write(struct form *f, bool force)
{
	double now = now_seconds();
	/* Due after the interval while keys come, and at once in the first
	 * pause: a burst typed and then a crash loses nothing the pause saw.
	 * (Only the interval was once the rule: text typed in a burst waited
	 * up to 0.75 s, and a kill 0.3 s after 85 fast characters found the
	 * journal holding the first.) */
	bool idle = now - f->journal_call >= FORM_JOURNAL_IDLE;
	f->journal_call = now;
	if (!session_journal_due(f->s, now, force || idle ? 0 : FORM_JOURNAL_INTERVAL))
		return;
	struct buf ui = BUF_INIT;
	struct diags d;
	diags_init(&d);
	form_journal_state(f, &ui);
	if (session_journal(f->s, ui.data, now, &d) < 0 && d.n) {
		char *msg = diag_format(&d.v[d.n - 1]);
		form_say(f, true, "the journal could not be written: %s", msg);
		free(msg);
	}
	diags_free(&d);
	buf_free(&ui);
}

/* "11:42:07", the local time of a journal's "2026-12-04T11:42:07Z". */
static void local_clock(const char *when, char out[16])
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	snprintf(out, 16, "%s", when ? when : "?");
	if (!when || sscanf(when, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm local;
	localtime_r(&t, &local);
	strftime(out, 16, "%H:%M:%S", &local);
}

/* "a new comment as it was being typed" for "Comment +", "interest as
 * it was..." for "  interest". */
static void being_typed(struct buf *b, const char *join, const char *label)
{
	const char *l = label;
	while (*l == ' ')
		l++;
	size_t ll = strlen(l);
	buf_addstr(b, join);
	if (ll > 2 && !strcmp(l + ll - 2, " +")) {
		buf_addstr(b, "a new ");
		for (size_t i = 0; i + 2 < ll; i++)
			buf_addch(b, (char)(i ? l[i] : l[i] | 0x20));
	} else {
		buf_addstr(b, l);
	}
	buf_addstr(b, " as it was being typed");
}

void form_journal_recovered(struct form *f, const char *when)
{
	/* What the journal holds beyond the last commit, field by field. */
	struct minutes *head = NULL;
	struct diags d;
	diags_init(&d);
	struct mdiff diff = { 0 };
	if (meeting_load(session_archive(f->s), session_id(f->s), NULL, &head, NULL, &d) == 0 &&
	    head)
		mdiff_compare(head, f->m, &diff);
	bool typing = f->field && f->field_changed;
	bool sheet_typing = f->sheet && f->sheet->field && f->sheet->changed;
	size_t n = diff.n + (typing ? 1 : 0) + (sheet_typing ? 1 : 0);
	char clock[16];
	local_clock(when, clock);
	struct buf b = BUF_INIT;
	if (!n) {
		buf_addf(&b, "Found the journal of %s: it held nothing beyond the last "
			 "commit.", clock);
	} else {
		buf_addf(&b, "Restored from the journal: %zu field%s, typed up to %s", n,
			 n == 1 ? "" : "s", clock);
		/* Where: the meeting's own fields, then each item once. */
		const char *sep = " (";
		for (size_t i = 0; i < diff.n; i++) {
			const struct mdiff_change *c = &diff.v[i];
			bool seen = false;
			for (size_t j = 0; j < i && !seen; j++)
				seen = diff.v[j].area == c->area &&
				       (c->area != MDIFF_ITEM ||
					!strcmp(diff.v[j].number ? diff.v[j].number : "",
						c->number ? c->number : ""));
			if (seen)
				continue;
			if (c->area == MDIFF_ITEM)
				buf_addf(&b, "%sitem %s", sep, c->number ? c->number : "?");
			else
				buf_addf(&b, "%s%s", sep, c->area == MDIFF_ATTENDANCE ? "attendance"
					 : c->area == MDIFF_DECLARATIONS ? "declarations"
					 : "the meeting");
			sep = ", ";
		}
		const char *join = diff.n ? "; " : " (";
		if (typing) {
			const struct form_slot *sl = form_focused(f);
			char label[32] = "a field";
			if (sl)
				form_slot_label(f, sl, label, sizeof(label));
			being_typed(&b, join, label);
			join = "; ";
		}
		if (sheet_typing) {
			char label[40];
			sheet_label(f->sheet, sheet_focused(f->sheet), label, sizeof(label));
			being_typed(&b, join, label);
		}
		buf_addstr(&b, ").  What was typed after that was not caught.");
	}
	form_say(f, false, "%s", b.data);
	buf_free(&b);
	mdiff_free(&diff);
	minutes_free(head);
	diags_free(&d);
}
