/* browse_draw: drawing the home screen: the bars, the list (committees,
 * meetings, items or hits), the reading pane, the message and key lines,
 * and the help page. */
#include "tui/screen/browse_internal.h"

#include "tui/screen/browse.h"
#include "tui/screen/field_draw.h"
#include "tui/screen/keys.h"

#include <stdio.h>
#include <string.h>

static void row_text(struct browse *b, size_t i, struct buf *out, const char **right)
{
	*right = "";
	if (b->level == L_COMMITTEES) {
		buf_addstr(out, b->cs[i].name);
		return;
	}
	if (b->level == L_HITS) {
		const struct browse_hit *h = &b->hits[i];
		const char *slash = strchr(h->meeting, '/');
		buf_addf(out, "%s %.*s", slash + 1, (int)(slash - h->meeting), h->meeting);
		if (h->item)
			buf_addf(out, "  item %s", h->item);
		buf_addf(out, "  %s", h->what);
		return;
	}
	if (b->level == L_MEETINGS) {
		const char *folder = strchr(b->ms[i].id, '/') + 1;
		buf_addstr(out, folder);
		struct browse_meeting *r = &b->ms[i];
		if (r->loaded)
			*right = r->error ? "error" : r->m->status == MINUTES_CONFIRMED
				? "confirmed" : "draft";
		return;
	}
	struct browse_meeting *r = browse_meeting_sel(b);
	const struct minutes_item *it = r->m->items[i];
	buf_addf(out, "%-4s %s", it->number, it->title ? it->title : "");
	*right = it->status == ITEM_WITHDRAWN ? "withdrawn"
		: it->status == ITEM_DEFERRED ? "deferred"
		: minutes_item_decided(it) ? "decided" : "";
}

size_t browse_rows(struct browse *b)
{
	if (b->level == L_COMMITTEES)
		return b->nc;
	if (b->level == L_MEETINGS)
		return b->nm;
	if (b->level == L_HITS)
		return b->nhits;
	if (b->level == L_REGISTER)
		return b->nreg;
	struct browse_meeting *r = browse_meeting_sel(b);
	return r && r->m ? r->m->nitems : 0;
}

size_t *browse_sel_of(struct browse *b, size_t **top)
{
	switch (b->level) {
	case L_COMMITTEES: *top = &b->ctop; return &b->csel;
	case L_MEETINGS: *top = &b->mtop; return &b->msel;
	case L_HITS: *top = &b->htop; return &b->hsel;
	case L_REGISTER: *top = &b->rtop; return &b->rsel;
	default: *top = &b->itop; return &b->isel;
	}
}

/* The home screen's help page lists the text field's keys too (the
 * questions on the message line use them) and the help page's own. */
static const struct keymap *const browse_help_also[] = { &field_keymap, &keys_help_keymap, NULL };

static void draw_help(struct browse *b)
{
	keys_help_page(&browse_keymap, browse_help_also, &b->help_top);
	refresh();
}

static void draw_bars(struct browse *b)
{
	char right[64];
	snprintf(right, sizeof(right), "%zu committee%s", b->nc, b->nc == 1 ? "" : "s");
	struct buf left = BUF_INIT;
	buf_addf(&left, "gavel  %s", archive_path(b->a));
	ui_bar(0, left.data, right, ui_attr(THEME_HEADER));
	buf_reset(&left);
	if (b->level == L_HITS) {
		buf_addstr(&left, b->hits_title);
	} else if (b->level == L_REGISTER) {
		buf_addstr(&left, b->reg_title);
	} else {
		buf_addstr(&left, "Committees");
		if (b->level >= L_MEETINGS && b->csel < b->nc)
			buf_addf(&left, " > %s", b->cs[b->csel].name);
	}
	if (b->level == L_ITEMS && b->msel < b->nm)
		buf_addf(&left, " > %s", strchr(b->ms[b->msel].id, '/') + 1);
	if (b->level == L_REGISTER)
		snprintf(right, sizeof(right), "%s", b->reg_note);
	else if (*b->since || *b->until)
		snprintf(right, sizeof(right), "dates %s..%s", b->since, b->until);
	else
		right[0] = 0;
	ui_bar(1, left.data, right, ui_attr(THEME_TITLE));
	buf_free(&left);
}

static void draw_list(struct browse *b, int top, int bottom, int pw, size_t n, size_t sel,
		      size_t first)
{
	for (int y = top; y < bottom; y++) {
		size_t i = first + (size_t)(y - top);
		if (i >= n)
			break;
		struct buf t = BUF_INIT;
		const char *r;
		row_text(b, i, &t, &r);
		attr_t a = i == sel ? (b->pane_focus ? ui_attr(THEME_FIELD)
				       : ui_attr(THEME_SELECTED)) : A_NORMAL;
		int rw = (int)strlen(r);
		move(y, 0);
		attrset(a);
		for (int x = 0; x < pw; x++)
			addch(' ');
		ui_text_cut(y, 1, pw - rw - 3, t.data, t.len, a);
		if (rw)
			ui_text(y, pw - rw - 1, rw, r, (size_t)rw,
				a ? a : !strcmp(r, "error") ? ui_attr(THEME_ERROR) : ui_attr(THEME_DIM));
		buf_free(&t);
	}
}

static void draw_pane(struct browse *b, int top, int bottom, int pw)
{
	int h = bottom - top;
	/* The character itself, not the terminal's line-drawing set: a
	 * terminal whose TERM promises one it lacks shows 'x' for it. */
	for (int y = top; y < bottom; y++)
		mvaddstr(y, pw, "\u2502");
	if (b->ptop + (size_t)h > b->nlines)
		b->ptop = b->nlines > (size_t)h ? b->nlines - (size_t)h : 0;
	for (int y = top; y < bottom; y++) {
		size_t i = b->ptop + (size_t)(y - top);
		if (i >= b->nlines)
			break;
		ui_text(y, pw + 2, COLS - pw - 3, b->pane.data + b->lines[i].start,
			b->lines[i].end - b->lines[i].start, A_NORMAL);
	}
}

static void draw_footer(struct browse *b)
{
	move(LINES - 2, 0);
	clrtoeol();
	if (b->msg[0])
		ui_text_cut(LINES - 2, 1, COLS - 2, b->msg, strlen(b->msg),
			b->msg_error ? ui_attr(THEME_ERROR) : ui_attr(THEME_SAVED));
	curs_set(0);
	keys_line(&browse_keymap, b->prompt != P_NONE ? BM_PROMPT
		  : b->level == L_REGISTER ? BM_REGISTER
		  : b->pane_focus ? BM_PANE : BM_LIST, LINES - 1);
	if (b->prompt == P_NONE)
		return;
	const char *q = b->prompt == P_NEW_COMMITTEE ? "Committee: "
		: b->prompt == P_NEW_DATE ? "Date (YYYY-MM-DD): "
		: b->prompt == P_SEARCH ? "Search: "
		: "Dates (FROM..TO, either may be empty): ";
	int qw = (int)strlen(q);
	move(LINES - 2, 0);
	clrtoeol();
	ui_text(LINES - 2, 1, qw, q, (size_t)qw, ui_attr(THEME_LABEL));
	curs_set(1);
	field_draw(b->field, stdscr, LINES - 2, qw + 1, 1, COLS - qw - 2,
		   ui_attr(THEME_FIELD_ACTIVE), 0, true);
}

void browse_draw(struct browse *b)
{
	if (ui_too_small()) {
		curs_set(0);
		refresh();
		return;
	}
	if (b->help) {
		draw_help(b);
		return;
	}
	if (b->pane_stale)
		browse_pane_set(b);
	erase();
	draw_bars(b);
	if (b->level == L_REGISTER) {
		browse_register_draw(b, 2, LINES - 2);
		draw_footer(b);
		refresh();
		return;
	}
	int top = 2, bottom = LINES - 2, pw = browse_pane_x();
	size_t n = browse_rows(b), *top_i, *sel = browse_sel_of(b, &top_i);
	int h = bottom - top;
	if (*sel >= n && n)
		*sel = n - 1;
	if (*sel < *top_i)
		*top_i = *sel;
	if (*sel >= *top_i + (size_t)h)
		*top_i = *sel - (size_t)h + 1;
	if (b->level == L_HITS) {
		/* Hits across the whole width: meeting, item, field, snippet. */
		for (int y = top; y < bottom; y++) {
			size_t i = *top_i + (size_t)(y - top);
			if (i < n)
				browse_hit_row(b, i, y, i == *sel ? ui_attr(THEME_SELECTED) : A_NORMAL);
		}
	} else {
		draw_list(b, top, bottom, pw, n, *sel, *top_i);
		draw_pane(b, top, bottom, pw);
	}
	draw_footer(b);
	refresh();
}
