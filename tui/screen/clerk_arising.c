/* clerk_arising: the open actions under matters arising, on screen. */
#include "tui/screen/clerk_arising.h"

#include "tui/edit/form_nav.h"
#include "tui/screen/clerk_priv.h"
#include "tui/screen/field_draw.h"
#include "tui/screen/field_keys.h"

#include <stdio.h>
#include <string.h>

enum arising_action {
	AA_UP = 1, AA_DOWN, AA_DONE, AA_PROGRESS, AA_DROPPED, AA_NOTE, AA_CLEAR,
	AA_STORE, AA_CLOSE, AA_HELP, AA_QUIT,
};
enum { AM_LIST = 1u << 0, AM_NOTE = 1u << 1 };

#define SECTION "The open actions (F6 in an item)"

static const struct key_binding arising_bindings[] = {
	{ AA_UP, AM_LIST, { KC_FN(KEY_UP), 'k' }, "Up, k", NULL, SECTION,
	  "the action above", 0 },
	{ AA_DOWN, AM_LIST, { KC_FN(KEY_DOWN), 'j' }, "Down, j", NULL, SECTION,
	  "the action below", 0 },
	{ AA_DONE, AM_LIST, { 'd' }, "d", "done", SECTION,
	  "the selected action is done: recorded in this meeting's minutes", 0 },
	{ AA_PROGRESS, AM_LIST, { 'p' }, "p", "in progress", SECTION,
	  "it is in progress: type a note on how it stands, then Enter", 0 },
	{ AA_DROPPED, AM_LIST, { 'x' }, "x", "dropped", SECTION,
	  "it is dropped: no longer to be done", 0 },
	{ AA_NOTE, AM_LIST, { 'n' }, "n", "note", SECTION,
	  "change the note of this meeting's update", KB_DROP(1) },
	{ AA_CLEAR, AM_LIST, { KC_FN(KEY_DC), KC_FN(KEY_BACKSPACE), 127, 8 },
	  "Delete", "clear", SECTION, "take back this meeting's update of the action",
	  KB_DROP(2) },
	{ AA_STORE, AM_NOTE, { '\r', '\n', KC_FN(KEY_ENTER), KC_ESC }, "Enter, Esc",
	  "store note", SECTION, "store the note and commit", 0 },
	{ AA_CLOSE, AM_LIST, { KC_ESC, KC_CTRL('G'), KC_FN(KEY_F(6)) }, "Esc, F6", "done",
	  SECTION, "back to the item", KB_PINNED },
	{ AA_HELP, AM_LIST, { KC_FN(KEY_F(1)), '?' }, "F1", "help", NULL, NULL,
	  KB_PINNED | KB_NOHELP },
	{ AA_QUIT, AM_LIST | AM_NOTE, { KC_CTRL('X'), KC_CTRL('Q'), KC_CTRL('C') },
	  "^X, ^Q, ^C", NULL, SECTION, "store, commit and leave gavel", 0 },
};

const struct keymap arising_keymap = {
	.name = "arising",
	.title = "Open actions under matters arising (gavel run)",
	.intro = "F6 in an item (matters arising, as a rule) lists the actions the "
		 "committee's earlier meetings set and left open, with their id, "
		 "owner, due date and latest status.  What the clerk marks is "
		 "written into this meeting's minutes as the item's action_updates "
		 "and committed; the earlier meetings' minutes are never changed.",
	.bindings = arising_bindings,
	.n = sizeof(arising_bindings) / sizeof(arising_bindings[0]),
	.outro = NULL,
};

static unsigned mode(const struct clerk *c)
{
	return c->arising->note ? AM_NOTE : AM_LIST;
}

void clerk_arising_open(struct clerk *c)
{
	if (c->arising || c->sheet || !form_store(&c->f))
		return;
	c->arising = c->f.arising = arising_open(&c->f);
	c->sheet_top = 0;
}

void clerk_arising_hint(struct clerk *c)
{
	const struct minutes_item *it = form_item(&c->f);
	if (c->f.view == FORM_ITEM && it && arising_title(it->title) && !c->f.msg.len)
		form_say(&c->f, false, "F6 lists the actions earlier meetings left open");
}

void clerk_arising_close(struct clerk *c)
{
	struct arising *ar = c->arising;
	c->arising = c->f.arising = NULL;
	arising_close(ar);
	form_build(&c->f);
	if (c->f.focus >= c->f.nslots)
		c->f.focus = 0;
	form_load(&c->f);
}

void clerk_arising_key(struct clerk *c, int r, wint_t ch)
{
	struct arising *ar = c->arising;
	unsigned m = mode(c);
	switch (keys_action(&arising_keymap, m, r, ch)) {
	case AA_UP: if (ar->sel > 0) ar->sel--; return;
	case AA_DOWN: if (ar->sel + 1 < ar->n) ar->sel++; return;
	case AA_DONE: arising_mark(ar, UPDATE_DONE); return;
	case AA_PROGRESS: arising_mark(ar, UPDATE_IN_PROGRESS); return;
	case AA_DROPPED: arising_mark(ar, UPDATE_DROPPED); return;
	case AA_NOTE: arising_note_begin(ar); return;
	case AA_CLEAR: arising_clear(ar); return;
	case AA_STORE: arising_note_store(ar); return;
	case AA_CLOSE: clerk_arising_close(c); return;
	case AA_HELP:
		c->help = true;
		c->help_top = 0;
		return;
	case AA_QUIT:
		clerk_arising_close(c);
		if (form_nav_leave(&c->f))
			c->quit = true;
		return;
	default:
		break;
	}
	if (m == AM_NOTE) {
		/* The note is journalled as it is typed. */
		unsigned long before = field_changes(ar->note);
		field_handle_key(ar->note, r, ch);
		if (field_changes(ar->note) != before)
			session_touch(c->f.s);
	}
}

static const char *const said[] = { "done", "in progress", "dropped" };

/* The lines of action i: 2, or 3 with its note being typed. */
static int lines_of(const struct arising *ar, size_t i)
{
	return i == ar->sel && ar->note ? 3 : 2;
}

void clerk_arising_draw(struct clerk *c, int top, int bottom)
{
	struct arising *ar = c->arising;
	const struct minutes_item *it = ar->item < c->f.m->nitems ? c->f.m->items[ar->item]
								  : NULL;
	struct buf b = BUF_INIT;
	buf_addf(&b, "Open actions of earlier meetings: %zu (item %s, %s)", ar->n,
		 it ? it->number : "?", it ? it->title : "");
	move(top, 0);
	clrtoeol();
	ui_text(top, 1, COLS - 2, b.data, b.len, ui_attr(THEME_TITLE) | A_BOLD);
	if (c->sheet_top > ar->sel)
		c->sheet_top = ar->sel;
	for (;;) {
		int need = 0;
		for (size_t i = c->sheet_top; i <= ar->sel && i < ar->n; i++)
			need += lines_of(ar, i);
		if (need <= bottom - top - 1 || c->sheet_top >= ar->sel)
			break;
		c->sheet_top++;
	}
	c->cursor_y = -1;
	int y = top + 1;
	for (int k = y; k < bottom; k++) {
		move(k, 0);
		clrtoeol();
	}
	if (!ar->n)
		ui_text(y, 2, COLS - 4, "None: every earlier action is done or dropped.", 46,
			ui_attr(THEME_DIM));
	for (size_t i = c->sheet_top; i < ar->n && y < bottom; i++) {
		const struct open_action *a = &ar->v[i];
		const struct action_update *u = arising_update(ar, i);
		bool sel = i == ar->sel;
		buf_reset(&b);
		buf_addf(&b, "%s %s  %s  due %s", sel ? ">" : " ", a->id,
			 a->owner ? a->owner : "(no owner)", a->due[0] ? a->due : "-");
		if (u)
			buf_addf(&b, "  now: %s", said[u->status <= UPDATE_DROPPED ? u->status : 0]);
		ui_text_cut(y, 1, COLS - 2, b.data, b.len,
			sel ? ui_attr(THEME_SELECTED) : ui_attr(THEME_LABEL));
		if (++y >= bottom)
			break;
		buf_reset(&b);
		buf_addf(&b, "    %s  [", a->text);
		if (u && u->note)
			buf_addf(&b, "note: %s", u->note);
		else if (a->updated)
			buf_addf(&b, "%s %s%s%s", a->in_progress ? "in progress" : "open",
				 a->updated, a->note ? ": " : "", a->note ? a->note : "");
		else
			buf_addf(&b, "set %s, item %s", a->folder, a->item);
		buf_addch(&b, ']');
		ui_text_cut(y, 1, COLS - 2, b.data, b.len, A_NORMAL);
		y++;
		if (sel && ar->note && y < bottom) {
			ui_text(y, 4, 6, "Note: ", 6, ui_attr(THEME_LABEL));
			field_draw(ar->note, stdscr, y, 10, 1, COLS - 12,
				   ui_attr(THEME_FIELD_ACTIVE), 0, true);
			c->cursor_y = y;
			c->cursor_x = 10 + ar->note->cur_col;
			y++;
		}
	}
	buf_free(&b);
}

void clerk_arising_keyline(struct clerk *c, int y)
{
	keys_line(&arising_keymap, mode(c), y);
}
