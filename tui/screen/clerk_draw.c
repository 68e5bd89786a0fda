/* clerk_draw: the clerk's screen drawn from the model (tui/edit/form.h). */
#include "tui/screen/clerk_priv.h"

#include "tui/edit/form_nav.h"
#include "tui/edit/form_phrases.h"
#include "tui/edit/form_proc.h"
#include "tui/screen/clerk_arising.h"
#include "tui/screen/clerk_sheet.h"
#include "tui/edit/form_speakers.h"
#include "tui/render/render.h"
#include "minutes/base/utf8.h"
#include "tui/screen/field_draw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_W 14              /* the column of field labels */
#define MSG_ROWS_MAX 3
#define MAX_ROWS 4096

static bool has(const char *s)
{
	return s && *s;
}

/* "saved 11:02:33": `what` and the time of day t. */
static void bar_time(struct buf *out, const char *what, time_t t)
{
	char clock[16];
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	buf_addf(out, "%s%s", what, clock);
}

static void draw_title(struct clerk *c)
{
	struct form *f = &c->f;
	struct session *s = f->s;
	struct buf left = BUF_INIT, right = BUF_INIT;
	const struct minutes_item *it = form_item(f);
	switch (f->view) {
	case FORM_ATTENDANCE: buf_addstr(&left, "Attendance"); break;
	case FORM_OPENING: buf_addstr(&left, "Opening and declarations of interest"); break;
	case FORM_HUB: buf_addstr(&left, "The meeting: attendance, declarations, items"); break;
	case FORM_END: buf_addstr(&left, "The meeting has ended"); break;
	case FORM_ITEM:
		buf_addf(&left, "Item %zu of %zu: %s %s", f->item + 1, f->m->nitems,
			 it->number, it->title);
		if (it->status != ITEM_TAKEN)
			buf_addf(&left, " (%s)", minutes_item_status_name(it->status));
		if (it->exempt)
			buf_addstr(&left, " [EXEMPT]");
		break;
	}
	attr_t a = ui_attr(THEME_TITLE);
	if (session_can_correct(s) && session_read_only(s)) {
		buf_addf(&right, "CONFIRMED: READ-ONLY (%s corrects)", clerk_correct_keys());
		a = ui_attr(THEME_WARNING);
	} else if (session_read_only(s)) {
		buf_addstr(&right, "READ-ONLY");
		a = ui_attr(THEME_WARNING);
	} else if (session_journal_error(s)) {
		buf_addstr(&right, "NOT SAVED");
		a = ui_attr(THEME_ERROR);
	} else if (session_commit_error(s)) {
		/* Safe in the journal, not yet in git. */
		bar_time(&right, "saved ", session_saved_at(s));
		buf_addstr(&right, ", NOT COMMITTED");
		a = ui_attr(THEME_WARNING);
	} else if (session_saved_at(s)) {
		bar_time(&right, "saved ", session_saved_at(s));
		if (*session_last_commit(s))
			buf_addf(&right, ", committed %s", session_last_commit(s));
	} else if (*session_last_commit(s)) {
		buf_addf(&right, "committed %s", session_last_commit(s));
	}
	/* Commits are made off the keys' way: how many are still to land. */
	size_t pending = session_commits_pending(s);
	if (pending && !session_read_only(s))
		buf_addf(&right, "%s%zu commit%s pending", right.len ? ", " : "", pending,
			 pending == 1 ? "" : "s");
	if (session_correction(s)) {
		/* Every commit now is a correction: the bar says so, always. */
		struct buf r = BUF_INIT;
		buf_addf(&r, "CORRECTING%s%s", right.len ? "  " : "", right.data);
		buf_free(&right);
		right = r;
		if (a == ui_attr(THEME_TITLE))
			a = ui_attr(THEME_WARNING);
	}
	ui_bar(1, left.data, right.data, a);
	buf_free(&left);
	buf_free(&right);
}

static void draw_header(struct clerk *c)
{
	const struct minutes *m = c->f.m;
	struct buf left = BUF_INIT, right = BUF_INIT;
	buf_addf(&left, "%s  ", m->committee ? m->committee : "");
	render_date(&left, m->date);
	const struct minutes_item *it = c->f.view == FORM_ITEM ? form_item(&c->f) : NULL;
	if (it && it->minute)
		buf_addf(&right, "minute %u  ", it->minute);
	unsigned have, need;
	if (form_roll_inquorate(&c->f, &have, &need))
		buf_addf(&right, "NO QUORUM %u/%u  ", have, need);
	if (*m->start)
		buf_addf(&right, "%s %s  ", c->f.begun ? "began" : "scheduled", m->start);
	bar_time(&right, "", time(NULL));
	/* The venue where there is room for it, or for a good part of it
	 * (16 columns): a word or two of it tells the clerk nothing. */
	if (has(m->venue)) {
		int room = COLS - 4 - (int)utf8_width(right.data, right.len) -
			   (int)utf8_width(left.data, left.len) - 2;
		int vw = (int)utf8_width(m->venue, strlen(m->venue));
		if (room >= (vw < 16 ? vw : 16))
			buf_addf(&left, "  %s", m->venue);
	}
	ui_bar(0, left.data, right.data, ui_attr(THEME_HEADER));
	buf_free(&left);
	buf_free(&right);
	draw_title(c);
}

/* The rows the message takes above the key line: 1, or up to 3 for a
 * long one, so nothing the clerk must read is cut off. */
static int message_rows(struct clerk *c)
{
	struct ui_span sp[MSG_ROWS_MAX];
	size_t n = ui_wrap(c->f.msg.data, c->f.msg.len, COLS - 2, sp, MSG_ROWS_MAX);
	return n > MSG_ROWS_MAX ? MSG_ROWS_MAX : (int)n;
}

static void draw_message(struct clerk *c, int rows)
{
	const char *msg = c->f.msg.data;
	struct ui_span sp[MSG_ROWS_MAX];
	size_t n = ui_wrap(msg, strlen(msg), COLS - 2, sp, MSG_ROWS_MAX);
	for (int r = 0; r < rows; r++) {
		int y = LINES - 1 - rows + r;
		move(y, 0);
		clrtoeol();
		if (msg[0] && (size_t)r < n)
			ui_text(y, 1, COLS - 2, msg + sp[r].start, sp[r].end - sp[r].start,
				c->f.msg_error ? ui_attr(THEME_ERROR) : ui_attr(THEME_SAVED));
	}
}

/* One row of a form on screen. */
struct row {
	size_t slot;            /* which slot, or SIZE_MAX for a phrase line */
	size_t line;            /* which of its lines */
	struct ui_span span;
	const char *extra;      /* a phrase line's text */
	size_t extra_n;
};

/* The form's rows: each slot's wrapped lines, the focused one as its
 * field lays out, the phrases under an empty decision.  `texts` gets the
 * other slots' texts; *cursor_row the row of the field's cursor. */
static size_t form_rows(struct clerk *c, struct row *rows, char **texts, int tw,
			int *focus_row, int *cursor_row, int *focus_end)
{
	static struct ui_span spans[256];
	struct form *f = &c->f;
	size_t nrows = 0;
	for (size_t i = 0; i < f->nslots && nrows < MAX_ROWS; i++) {
		if (i == f->focus && f->field) {
			field_layout(f->field, tw);
			*focus_row = (int)nrows;
			*cursor_row = (int)nrows + f->field->cur_row;
			for (size_t l = 0; l < f->field->nlines && nrows < MAX_ROWS; l++)
				rows[nrows++] = (struct row){ i, l, { 0, 0 }, NULL, 0 };
			if (form_phrases_shown(f)) {
				const char *ph[FORM_PHRASES_MAX];
				size_t np = form_phrases(f, ph);
				for (size_t k = 0; k < np && nrows < MAX_ROWS; k++)
					rows[nrows++] = (struct row){ SIZE_MAX, k, { 0, 0 }, ph[k], k };
			}
			*focus_end = (int)nrows - 1;
			continue;
		}
		texts[i] = form_slot_text(f, &f->slots[i]);
		size_t n = ui_wrap(texts[i], strlen(texts[i]), tw, spans, 256);
		if (n > 256)
			n = 256;
		for (size_t l = 0; l < n && nrows < MAX_ROWS; l++)
			rows[nrows++] = (struct row){ i, l, spans[l], NULL, 0 };
	}
	return nrows;
}

/* Keeps the cursor's row in view, with a little context, and the rows
 * that go with the focused field (the decision's phrases) when they fit. */
static void form_scroll(struct clerk *c, int h, int focus_row, int cursor_row,
			int focus_end)
{
	if (c->entries != c->f.entries) {
		c->entries = c->f.entries;
		c->scroll = 0;
	}
	if (cursor_row < c->scroll + 1)
		c->scroll = cursor_row > 0 ? cursor_row - 1 : 0;
	if (cursor_row >= c->scroll + h - 1)
		c->scroll = cursor_row - h + 2;
	if (focus_row < c->scroll && cursor_row - focus_row < h - 1)
		c->scroll = focus_row;
	if (focus_end >= c->scroll + h && focus_end - focus_row < h)
		c->scroll = focus_end - h + 1;
	if (c->scroll < 0)
		c->scroll = 0;
}

static void draw_row(struct clerk *c, const struct row *row, char **texts, int y, int tw)
{
	struct form *f = &c->f;
	if (row->slot == SIZE_MAX) {
		/* Numbered while a digit picks them (an empty decision). */
		char num[8];
		snprintf(num, sizeof(num), "%zu", row->extra_n + 1);
		if (!form_phrases_open(f))
			snprintf(num, sizeof(num), "-");
		ui_text(y, LABEL_W + 2, 3, num, strlen(num), ui_attr(THEME_KEYS) | A_BOLD);
		ui_text_cut(y, LABEL_W + 5, tw - 3, row->extra, strlen(row->extra),
			ui_attr(THEME_DECISION));
		return;
	}
	const struct form_slot *sl = &f->slots[row->slot];
	bool focused = row->slot == f->focus;
	/* A comment whose "Name: " names nobody or more than one: "?" in the
	 * margin (the warning colour, readable without it) until F2 picks. */
	if (row->line == 0 && sl->kind == SLOT_COMMENT && form_speakers_flagged(f, sl->index))
		ui_text(y, 0, 1, "?", 1, ui_attr(THEME_WARNING) | A_BOLD);
	if (row->line == 0) {
		char label[32];
		form_slot_label(f, sl, label, sizeof(label));
		ui_text(y, 1, LABEL_W, label, strlen(label),
			focused ? ui_attr(THEME_SELECTED) : ui_attr(THEME_LABEL));
	}
	if (focused) {
		attr_t fa = ui_attr(THEME_FIELD_ACTIVE);
		const struct field_line *fl = &f->field->lines[row->line];
		move(y, LABEL_W + 2);
		attrset(fa);
		for (int x = 0; x < tw; x++)
			addch(' ');
		ui_text(y, LABEL_W + 2, tw, field_text(f->field, NULL) + fl->start,
			fl->end - fl->start, fa);
		return;
	}
	const char *t = texts[row->slot];
	attr_t a = A_NORMAL;
	if (sl->kind == SLOT_DECISION)
		a = ui_attr(THEME_DECISION);
	else if (sl->kind == SLOT_TITLE)
		a = ui_attr(THEME_TITLE);
	if (sl->kind == SLOT_COMMENT && row->line == 0 && !form_slot_is_new(f, sl)) {
		const char *by = form_item(f)->comments[sl->index].by;
		if (has(by)) {
			/* The speaker in the label's colour. */
			size_t bl = strlen(by) + 2;
			int w = ui_text(y, LABEL_W + 2, tw, t, bl < row->span.end ? bl : row->span.end,
					ui_attr(THEME_LABEL));
			ui_text(y, LABEL_W + 2 + w, tw - w, t + bl,
				row->span.end > bl ? row->span.end - bl : 0, a);
			return;
		}
	}
	ui_text(y, LABEL_W + 2, tw, t + row->span.start, row->span.end - row->span.start, a);
}

static void draw_form(struct clerk *c, int top, int bottom)
{
	static struct row rows[MAX_ROWS];
	struct form *f = &c->f;
	int tw = COLS - LABEL_W - 2;
	int focus_row = 0, cursor_row = 0, focus_end = 0;
	char **texts = xcalloc(f->nslots ? f->nslots : 1, sizeof(char *));
	size_t nrows = form_rows(c, rows, texts, tw, &focus_row, &cursor_row, &focus_end);
	form_scroll(c, bottom - top, focus_row, cursor_row, focus_end);

	c->cursor_y = -1;
	c->cursor_x = 0;
	for (int y = top; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
		size_t r = (size_t)(c->scroll + (y - top));
		if (r >= nrows)
			continue;
		draw_row(c, &rows[r], texts, y, tw);
		if ((int)r == cursor_row && rows[r].slot == f->focus) {
			c->cursor_y = y;
			c->cursor_x = LABEL_W + 2 + f->field->cur_col;
		}
	}
	for (size_t i = 0; i < f->nslots; i++)
		free(texts[i]);
	free(texts);
}

/* A scrolled list of `n` rows, each drawn by `row`. */
static void draw_list(struct clerk *c, int top, int bottom, size_t n,
		      void (*row)(struct clerk *, size_t, int, attr_t))
{
	size_t h = (size_t)(bottom - top);
	size_t *sel = &c->f.sel;
	if (*sel >= n && n)
		*sel = n - 1;
	if (*sel < c->hub_top)
		c->hub_top = *sel;
	if (*sel >= c->hub_top + h)
		c->hub_top = *sel - h + 1;
	for (int y = top; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
		size_t i = c->hub_top + (size_t)(y - top);
		if (i < n)
			row(c, i, y, i == *sel ? ui_attr(THEME_SELECTED) : A_NORMAL);
	}
	curs_set(0);
}

static void blank_row(int y, attr_t a)
{
	move(y, 0);
	attrset(a);
	for (int x = 0; x < COLS; x++)
		addch(' ');
}

static void attendance_row(struct clerk *c, size_t i, int y, attr_t a)
{
	const struct form_person *k = &c->f.roll.v[i];
	char line[64];
	snprintf(line, sizeof(line), " %-14s", form_roll_state_name(k->state));
	blank_row(y, a);
	ui_text(y, 1, 16, line, strlen(line),
		a ? a : k->state == FORM_ABSENT ? ui_attr(THEME_DIM) : ui_attr(THEME_LABEL));
	int w = ui_text_cut(y, 18, COLS - 19, k->name, strlen(k->name), a);
	struct buf b = BUF_INIT;
	if (has(k->role))
		buf_addf(&b, ", %s", k->role);
	/* Through the meeting (form_roll.h): substitution, arrival, departure. */
	if (has(k->substitute_for))
		buf_addf(&b, ", for %s", k->substitute_for);
	if (*k->arrived)
		buf_addf(&b, ", arrived %s%s%s", k->arrived, k->arrived_during ? " item " : "",
			 k->arrived_during ? k->arrived_during : "");
	if (*k->left)
		buf_addf(&b, ", left %s%s%s", k->left, k->left_during ? " item " : "",
			 k->left_during ? k->left_during : "");
	if (b.len)
		ui_text_cut(y, 18 + w, COLS - 19 - w, b.data, b.len, a ? a : ui_attr(THEME_DIM));
	buf_free(&b);
}

static void hub_row(struct clerk *c, size_t i, int y, attr_t a)
{
	const struct form *f = &c->f;
	const struct minutes *m = f->m;
	struct buf b = BUF_INIT;
	const char *state = "";
	if (i == 0) {
		buf_addf(&b, "Attendance: %zu present, %zu apologies, %zu in attendance",
			 m->present.n, m->apologies.n, m->in_attendance.n);
		if (form_roll_inquorate(f, NULL, NULL))
			buf_addstr(&b, ": NO QUORUM");
	} else if (i == 1) {
		buf_addf(&b, "Opening and declarations of interest (%zu)", m->ndeclarations);
	} else if (i - 2 < m->nitems) {
		const struct minutes_item *it = m->items[i - 2];
		buf_addf(&b, "%-5s %s%s%s", it->number, it->exempt ? "[X] " : "", it->title,
			 it->urgent ? " (urgent)" : "");
		state = form_nav_item_state(it);
	} else {
		buf_addstr(&b, f->ended ? "End the meeting (ended)" : "End the meeting");
	}
	blank_row(y, a);
	/* The item in hand: ">" and bold, its state "in hand"; the selection
	 * is the highlighted row, wherever it is. */
	bool here = f->entered && f->view == FORM_HUB && i >= 2 && i - 2 == f->item;
	if (here && (!strcmp(state, "in progress") || !strcmp(state, "untouched")))
		state = "in hand";
	ui_text(y, 0, 2, here ? ">" : " ", 1, a | (here ? A_BOLD : 0));
	ui_text_cut(y, 2, COLS - 18, b.data, b.len, a | (here ? A_BOLD : 0));
	ui_text(y, COLS - 14, 13, state, strlen(state),
		a ? a : !strcmp(state, "decided") ? ui_attr(THEME_DECISION) : ui_attr(THEME_DIM));
	buf_free(&b);
}

static void draw_end(struct clerk *c, int top, int bottom)
{
	static struct ui_span spans[64];
	struct buf b = BUF_INIT;
	/* The committer thread may not have landed the end yet: the commit
	 * named is the one that holds it, never the one before. */
	if (session_commits_pending(c->f.s))
		buf_addf(&b, "The meeting ended at %s; the minutes are being committed.\n\n",
			 c->f.m->end);
	else
		buf_addf(&b, "The meeting ended at %s and the minutes are committed (%s).\n\n",
			 c->f.m->end, session_last_commit(c->f.s));
	buf_addf(&b, "Still to do (nothing is forced; you can go back with Esc):\n");
	form_nav_missing(&c->f, &b);
	int y = top;
	for (const char *p = b.data; *p && y < bottom;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t n = ui_wrap(p, len, COLS - 4, spans, 64);
		for (size_t l = 0; l < n && l < 64 && y < bottom; l++, y++) {
			move(y, 0);
			clrtoeol();
			ui_text(y, 2, COLS - 4, p + spans[l].start, spans[l].end - spans[l].start,
				A_NORMAL);
		}
		p = nl ? nl + 1 : p + len;
	}
	for (; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
	}
	buf_free(&b);
	curs_set(0);
}

static void draw_pick(struct clerk *c, int top, int bottom)
{
	const char *v[64];
	size_t n = form_speakers(&c->f, v, 64);
	int h = (int)n + 2, w = 50;
	if (h > bottom - top)
		h = bottom - top;
	int y0 = top + 1, x0 = COLS - w - 2;
	ui_line(y0, x0, w, " Who spoke?", ui_attr(THEME_HEADER));
	for (int r = 1; r < h - 1 && (size_t)(r - 1) < n; r++) {
		char line[160];
		size_t i = (size_t)(r - 1);
		snprintf(line, sizeof(line), " %zu  %s", i + 1, v[i]);
		ui_line(y0 + r, x0, w, line,
			i == c->pick_sel ? ui_attr(THEME_SELECTED) : ui_attr(THEME_FIELD));
	}
	if (!n)
		ui_line(y0 + 1, x0, w, " nobody is marked present", ui_attr(THEME_FIELD));
}

static const struct keymap *const help_also[] = { &sheet_keymap, &arising_keymap, &field_keymap,
						    &keys_help_keymap, NULL };

static void draw_help(struct clerk *c)
{
	keys_help_page(&clerk_keymap, help_also, &c->help_top);
}

static void draw_prompt(struct clerk *c)
{
	const char *q = c->prompt == P_PERSON_NAME ? "Name: "
		: c->prompt == P_PERSON_ROLE ? "Role (may be empty): "
		: c->prompt == P_CORRECTION ? "Why are the confirmed minutes corrected? "
		: c->prompt == P_REASON ? (c->pending_status == ITEM_DEFERRED
					   ? "Why deferred (may be empty)? "
					   : "Why withdrawn (may be empty)? ")
		: c->prompt == P_CONFIRM_EMPTY ? "Those minutes hold nothing: confirm "
						 "them all the same (y/N)? "
		: c->prompt == P_EXEMPT_REASON ? "Exempt because (empty: public): "
		: "Title of the urgent item: ";
	int y = LINES - 2, qw = (int)strlen(q);
	move(y, 0);
	clrtoeol();
	ui_text(y, 1, qw, q, (size_t)qw, ui_attr(THEME_LABEL));
	curs_set(1);
	field_draw(c->prompt_field, stdscr, y, qw + 1, 1, COLS - qw - 2,
		   ui_attr(THEME_FIELD_ACTIVE), 0, true);
}

void clerk_draw(struct clerk *c)
{
	if (ui_too_small()) {
		curs_set(0);
		refresh();
		return;
	}
	c->clock_drawn = time(NULL);
	if (c->help) {
		draw_help(c);
		refresh();
		return;
	}
	draw_header(c);
	int mrows = message_rows(c);
	int top = 2, bottom = LINES - 1 - mrows;
	if (c->arising)
		clerk_arising_draw(c, top, bottom);
	else if (c->sheet)
		clerk_sheet_draw(c, top, bottom);
	else switch (c->f.view) {
	case FORM_ATTENDANCE:
		draw_list(c, top, bottom, c->f.roll.n, attendance_row);
		if (!c->f.roll.n)
			ui_text(top + 1, 2, COLS - 4, "Nobody on the list yet: + adds a person.",
				40, ui_attr(THEME_DIM));
		break;
	case FORM_HUB:
		draw_list(c, top, bottom, form_nav_hub_rows(&c->f), hub_row);
		break;
	case FORM_END:
		draw_end(c, top, bottom);
		break;
	default:
		draw_form(c, top, bottom);
		if (c->picking)
			draw_pick(c, top, bottom);
		break;
	}
	draw_message(c, mrows);
	if (c->arising)
		clerk_arising_keyline(c, LINES - 1);
	else if (c->sheet)
		clerk_sheet_keyline(c, LINES - 1);
	else
		keys_line(&clerk_keymap, clerk_mode(c), LINES - 1);
	/* The terminal's cursor goes last where the typing goes. */
	bool form = c->f.view == FORM_ITEM || c->f.view == FORM_OPENING || c->sheet ||
		    c->arising;
	if (form && !c->picking && c->cursor_y >= 0) {
		move(c->cursor_y, c->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	if (c->prompt != P_NONE)
		draw_prompt(c);
	refresh();
}
