/* agenda_screen_draw: the agenda screen's rows, picker and drawing. */
#include "tui/screen/agenda_screen_priv.h"

#include "tui/screen/field_draw.h"
#include "tui/screen/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void row_add(struct ascreen *s, size_t *cap, struct form_row r)
{
	xgrow((void **)&s->rows, cap, s->nrows + 1, sizeof(*s->rows));
	s->rows[s->nrows++] = r;
}

void as_rows(struct ascreen *s)
{
	size_t cap = 0;
	free(s->rows);
	s->rows = NULL;
	s->nrows = 0;
	if (s->meeting_form) {
		for (int f = AM_START; f <= AM_CHAIR; f++)
			row_add(s, &cap, (struct form_row){ R_TEXT, f, true, 0 });
		return;
	}
	if (s->sel >= s->e.agenda->nitems)
		return;
	for (int f = AF_NUMBER; f <= AF_EXEMPT; f++)
		row_add(s, &cap, (struct form_row){ R_TEXT, f, false, 0 });
	const struct agenda_item *it = &s->e.agenda->items[s->sel];
	for (size_t i = 0; i < it->presenters.n; i++)
		row_add(s, &cap, (struct form_row){ R_PRESENTER, 0, false, i });
	row_add(s, &cap, (struct form_row){ R_ADD_PRESENTER, 0, false, 0 });
	for (size_t i = 0; i < it->documents.n; i++)
		row_add(s, &cap, (struct form_row){ R_DOCUMENT, 0, false, i });
	row_add(s, &cap, (struct form_row){ R_ADD_DOCUMENT, 0, false, 0 });
}

const char *as_row_value(const struct ascreen *s, const struct form_row *r)
{
	const struct agenda *ag = s->e.agenda;
	if (r->meeting)
		return r->field == AM_START ? ag->start : r->field == AM_VENUE ? ag->venue : ag->chair;
	if (s->sel >= ag->nitems)
		return NULL;
	const struct agenda_item *it = &ag->items[s->sel];
	switch (r->field) {
	case AF_NUMBER: return it->number;
	case AF_TITLE: return it->title;
	case AF_PURPOSE: return it->purpose;
	case AF_CONFIRMS: return it->confirms;
	case AF_EXEMPT: return it->exempt;
	default: return NULL;
	}
}

static const char *label_of(const struct form_row *r)
{
	static const char *const item_labels[] = { "Number", "Title", "Purpose", "Confirms",
						   "Exempt" };
	static const char *const meeting_labels[] = { "Start", "Venue", "Chair" };
	switch (r->kind) {
	case R_TEXT: return r->meeting ? meeting_labels[r->field] : item_labels[r->field];
	case R_PRESENTER: return "Presenter";
	case R_DOCUMENT: return "Document";
	default: return "";
	}
}

/* ---- the picker ---- */

static bool matches(const char *choice, const char *typed)
{
	if (!*typed)
		return true;
	size_t n = strlen(typed);
	for (const char *p = choice; *p; p++)
		if (!strncasecmp(p, typed, n))
			return true;
	return false;
}

void as_pick_filter(struct ascreen *s)
{
	const char *typed = s->pfield ? field_text(s->pfield, NULL) : "";
	free(s->choices);
	s->choices = NULL;
	s->nchoices = 0;
	size_t cap = 0;
	if (s->pick == PICK_PRESENTER) {
		const struct person **pv = NULL;
		size_t n = agenda_edit_presenter_choices(&s->e, s->c, &s->earlier, &pv);
		for (size_t i = 0; i < n; i++)
			if (matches(pv[i]->name, typed)) {
				xgrow((void **)&s->choices, &cap, s->nchoices + 1, sizeof(*s->choices));
				s->choices[s->nchoices++] = pv[i]->name;
			}
		free(pv);
	} else if (s->pick == PICK_DOCUMENT_REF) {
		for (size_t i = 0; i < s->nfiles; i++)
			if (matches(s->files[i], typed)) {
				xgrow((void **)&s->choices, &cap, s->nchoices + 1, sizeof(*s->choices));
				s->choices[s->nchoices++] = s->files[i];
			}
	}
}

/* ---- drawing ---- */

static void draw_pick(struct ascreen *s, int top, int bottom)
{
	static const char *const prompts[] = {
		"Presenter (pick, or type \"Name, Role\"): ",
		"Document (pick a file, or type a URL or a path): ",
		"Title of the document: ",
	};
	const char *prompt = prompts[s->pick];
	int pw = (int)strlen(prompt);
	ui_text(top, 1, pw, prompt, (size_t)pw, ui_attr(THEME_LABEL));
	for (int y = top + 1; y < bottom; y++) {
		size_t i = (size_t)(y - top - 1);
		size_t first = s->psel < s->nchoices && s->psel >= (size_t)(bottom - top - 1)
			       ? s->psel - (size_t)(bottom - top - 2) : 0;
		i += first;
		if (i >= s->nchoices)
			break;
		ui_line(y, 3, COLS - 4, s->choices[i],
			i == s->psel ? ui_attr(THEME_SELECTED) : A_NORMAL);
	}
	if (s->pick != PICK_DOCUMENT_TITLE && !s->nchoices)
		ui_line(top + 1, 3, COLS - 4, "(nothing to pick: Enter takes what is typed)",
			ui_attr(THEME_DIM));
	curs_set(s->psel >= s->nchoices ? 1 : 0);
	field_draw(s->pfield, stdscr, top, 1 + pw, 1, COLS - 2 - pw,
		   ui_attr(THEME_FIELD_ACTIVE), 0, s->psel >= s->nchoices);
}

static void draw_form(struct ascreen *s, int top, int bottom)
{
	const struct agenda_item *it = s->sel < s->e.agenda->nitems && !s->meeting_form
				       ? &s->e.agenda->items[s->sel] : NULL;
	bool editing = s->mode == AM_FORM || s->mode == AM_ROW;
	int focus_y = -1;
	size_t first = editing && s->row >= (size_t)(bottom - top) ? s->row - (size_t)(bottom - top) + 1 : 0;
	for (size_t i = first; i < s->nrows && top + (int)(i - first) < bottom; i++) {
		const struct form_row *r = &s->rows[i];
		int y = top + (int)(i - first);
		bool here = editing && i == s->row;
		struct buf b = BUF_INIT;
		if (r->kind == R_TEXT) {
			const char *v = as_row_value(s, r);
			buf_addstr(&b, v ? v : "");
		} else if (r->kind == R_PRESENTER && it) {
			const struct person *p = &it->presenters.v[r->index];
			buf_addstr(&b, p->name);
			if (p->role && *p->role)
				buf_addf(&b, " (%s)", p->role);
		} else if (r->kind == R_DOCUMENT && it) {
			const struct document *d = &it->documents.v[r->index];
			buf_addstr(&b, d->title);
			if (d->ref && *d->ref)
				buf_addf(&b, " (%s)", d->ref);
		} else if (r->kind == R_ADD_PRESENTER) {
			buf_addstr(&b, "+ Add a presenter");
		} else if (r->kind == R_ADD_DOCUMENT) {
			buf_addstr(&b, "+ Add a document");
		}
		const char *label = label_of(r);
		ui_line(y, 1, 11, label, ui_attr(THEME_LABEL));
		if (here && s->mode == AM_FORM) {
			focus_y = y;
		} else {
			attr_t at = here ? ui_attr(THEME_SELECTED)
				    : r->kind == R_ADD_PRESENTER || r->kind == R_ADD_DOCUMENT
				    ? ui_attr(THEME_DIM) : A_NORMAL;
			ui_line(y, 13, COLS - 14, b.data ? b.data : "", at);
		}
		buf_free(&b);
	}
	if (focus_y >= 0) {
		curs_set(1);
		field_draw(s->field, stdscr, focus_y, 13, 1, COLS - 14,
			   ui_attr(THEME_FIELD_ACTIVE), 0, true);
	} else {
		curs_set(0);
	}
}

void as_draw(struct ascreen *s)
{
	if (ui_too_small()) {
		refresh();
		return;
	}
	if (s->help) {
		static const struct keymap *const also[] = { &keys_help_keymap, NULL };
		keys_help_page(&agenda_keymap, also, &s->help_top);
		refresh();
		return;
	}
	erase();
	const struct agenda *ag = s->e.agenda;
	struct buf b = BUF_INIT;
	buf_addf(&b, "Agenda: %s, %s", ag->committee, ag->date);
	ui_bar(0, b.data, s->read_only ? "read-only" : s->id, ui_attr(THEME_HEADER));
	buf_reset(&b);
	buf_addf(&b, "Start %s   Venue %s   Chair %s", ag->start[0] ? ag->start : "-",
		 ag->venue ? ag->venue : "-", ag->chair ? ag->chair : "-");
	ui_line(1, 1, COLS - 2, b.data, ui_attr(THEME_DIM));
	int listh = (LINES - 6) / 2;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)listh)
		s->top = s->sel - (size_t)listh + 1;
	if (!ag->nitems)
		ui_line(3, 2, COLS - 4, "No items yet: a adds one, s starts from the standard items",
			ui_attr(THEME_DIM));
	for (int y = 2; y < 2 + listh; y++) {
		size_t i = s->top + (size_t)(y - 2);
		if (i >= ag->nitems)
			break;
		const struct agenda_item *it = &ag->items[i];
		const struct minutes_item *mi = agenda_edit_minutes_item(&s->e, it->number);
		buf_reset(&b);
		buf_addf(&b, "%5s. %s", it->number, it->title);
		if (it->exempt)
			buf_addstr(&b, "  [exempt]");
		if (mi && agenda_edit_item_has_minutes(mi))
			buf_addstr(&b, "  [minuted]");
		bool here = i == s->sel;
		ui_line(y, 0, COLS, b.data, here ? (s->mode == AM_LIST || s->mode == AM_CONFIRM
			? ui_attr(THEME_SELECTED) : ui_attr(THEME_FIELD)) : A_NORMAL);
	}
	int top = 2 + listh;
	buf_reset(&b);
	if (s->meeting_form && s->mode != AM_LIST && s->mode != AM_CONFIRM)
		buf_addstr(&b, "The meeting");
	else if (s->sel < ag->nitems)
		buf_addf(&b, "Item %s", ag->items[s->sel].number);
	ui_bar(top, b.data ? b.data : "", NULL, ui_attr(THEME_TITLE));
	buf_free(&b);
	if (s->mode == AM_LIST || s->mode == AM_CONFIRM) {
		s->meeting_form = false;
		as_rows(s);
	}
	if (s->mode == AM_PICK)
		draw_pick(s, top + 1, LINES - 2);
	else
		draw_form(s, top + 1, LINES - 2);
	move(LINES - 2, 0);
	clrtoeol();
	if (s->msg[0])
		ui_text_cut(LINES - 2, 1, COLS - 2, s->msg, strlen(s->msg),
			s->msg_error ? ui_attr(THEME_ERROR) : ui_attr(THEME_SAVED));
	keys_line(&agenda_keymap, s->mode, LINES - 1);
	/* The cursor back in the field in hand (the lines drawn after moved it). */
	if (s->mode == AM_FORM && s->field)
		draw_form(s, top + 1, LINES - 2);
	else if (s->mode == AM_PICK && s->pfield)
		draw_pick(s, top + 1, LINES - 2);
	refresh();
}
