/* clerk_sheet: motions, declarations and a person's attendance on screen. */
#include "tui/screen/clerk_sheet.h"

#include "tui/edit/form_nav.h"
#include "tui/edit/form_proc.h"
#include "tui/screen/clerk_priv.h"
#include "tui/screen/field_draw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET_LABEL_W 16
#define SHEET_MAX_ROWS 2048

enum sheet_action { SA_NEXT = 1, SA_PREV, SA_CLOSE, SA_CLEAR, SA_CHOOSE, SA_STORE, SA_QUIT,
		    SA_HELP, SA_YES, SA_NO };
/* SM_ASK: a question waits on the message line (sheet_asking). */
enum { SM_TEXT = 1u << 0, SM_PICK = 1u << 1, SM_ASK = 1u << 2 };

#define SHEET_SECTION "Motions, declarations, a person's attendance (F3, F4, s)"
#define CHOICE_KEYS '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b'

static const struct key_binding sheet_bindings[] = {
	{ SA_YES, SM_ASK, { 'y', 'Y' }, "y", "replace", SHEET_SECTION,
	  "asked when the first voter of a named vote is chosen over counts "
	  "already typed: the named vote replaces the counts, which follow the "
	  "names from then on", 0 },
	{ SA_NO, SM_ASK, { 'n', 'N' }, "n", "keep", SHEET_SECTION,
	  "keep the typed counts and name nobody (any key but y does the same)", 0 },
	{ SA_CHOOSE, SM_PICK, { CHOICE_KEYS }, "1-9, a-z", "choose", SHEET_SECTION,
	  "on a row with a list under it (a name, an item, a kind, an outcome), "
	  "choose that entry; on a named vote, move that member on: for, against, "
	  "abstained, not named", 0 },
	{ SA_STORE, SM_TEXT, { '\r', '\n', KC_FN(KEY_ENTER) }, "Enter", "store",
	  SHEET_SECTION, "store the row and go on; typed into the fresh motion, "
	  "amendment or declaration at the end, it adds one", 0 },
	{ SA_NEXT, SM_TEXT | SM_PICK, { '\t', KC_FN(KEY_DOWN) }, "Tab, Down", "next",
	  SHEET_SECTION, "next row", 0 },
	{ SA_NEXT, SM_PICK, { '\r', '\n', KC_FN(KEY_ENTER) }, "Enter", NULL, NULL, NULL, 0 },
	{ SA_PREV, SM_TEXT | SM_PICK, { KC_FN(KEY_BTAB), KC_FN(KEY_UP) }, "Shift-Tab, Up",
	  NULL, SHEET_SECTION, "previous row", 0 },
	{ SA_CLEAR, SM_PICK, { KC_FN(KEY_DC), KC_FN(KEY_BACKSPACE), 127, 8 },
	  "Delete, Backspace", "clear", SHEET_SECTION,
	  "clear the row's choice (on a member of a declaration, remove it; "
	  "on a named vote, clear it); empty a motion's text to remove it", 0 },
	{ SA_CLOSE, 0, { KC_ESC, KC_CTRL('G'), KC_FN(KEY_F(3)), KC_FN(KEY_F(4)) },
	  "Esc, F3, F4", "done", SHEET_SECTION, "store, commit and go back", KB_PINNED },
	{ SA_HELP, 0, { KC_FN(KEY_F(1)) }, "F1", "help", NULL, NULL, KB_PINNED | KB_NOHELP },
	{ SA_QUIT, 0, { KC_CTRL('X'), KC_CTRL('Q'), KC_CTRL('C') }, "^X, ^Q, ^C", NULL,
	  SHEET_SECTION, "store, commit and leave gavel", 0 },
};

const struct keymap sheet_keymap = {
	.name = "sheet",
	.title = "Motions, declarations and attendance (gavel run)",
	.intro = "F3 in an item opens its motions and amendments, F4 the "
		 "declarations of interest, s on the attendance list the selected "
		 "person's arrival, departure and substitution.  Each row is "
		 "labelled; names are chosen from those present.",
	.bindings = sheet_bindings,
	.n = sizeof(sheet_bindings) / sizeof(sheet_bindings[0]),
	.outro = "A vote's counts are checked against the members present, and a "
		 "member named in a vote on an item in which they declared a "
		 "pecuniary interest (left the room or stayed), or counts given with "
		 "nobody named while such a member stayed, is a warning, never a "
		 "refusal.  A count takes digits only.",
};

static unsigned sheet_mode(const struct sheet *sh)
{
	if (sheet_asking(sh))
		return SM_ASK;
	const struct sheet_row *r = sheet_focused(sh);
	return r && (r->kind == SK_PICK || r->kind == SK_MARKS) ? SM_PICK : SM_TEXT;
}

void clerk_sheet_open(struct clerk *c, enum sheet_type type, const char *name)
{
	if (c->sheet || !form_store(&c->f))
		return;
	c->sheet = c->f.sheet = sheet_open(&c->f, type, name);
	c->sheet_top = 0;
}

void clerk_sheet_open_declaration(struct clerk *c, size_t i)
{
	clerk_sheet_open(c, SHEET_DECLARATIONS, NULL);
	if (c->sheet)
		sheet_focus_declaration(c->sheet, i);
}

void clerk_sheet_close(struct clerk *c)
{
	/* Gone from the journal's view first: closing commits, and the
	 * journal written then holds the text stored, not the sheet. */
	struct sheet *sh = c->sheet;
	c->sheet = c->f.sheet = NULL;
	sheet_close(sh);
	if (c->f.view == FORM_ITEM || c->f.view == FORM_OPENING) {
		form_build(&c->f);
		if (c->f.focus >= c->f.nslots)
			c->f.focus = 0;
		form_load(&c->f);
	}
}

/* The choice a key names: 1-9 then a-z. */
static long choice_of(wint_t ch)
{
	if (ch >= '1' && ch <= '9')
		return (long)(ch - '1');
	if (ch >= 'a' && ch <= 'z')
		return (long)(ch - 'a') + 9;
	return -1;
}

void clerk_sheet_key(struct clerk *c, int r, wint_t ch)
{
	struct sheet *sh = c->sheet;
	unsigned mode = sheet_mode(sh);
	int action = keys_action(&sheet_keymap, mode, r, ch);
	if (mode == SM_ASK) {
		/* The key answers the question, whatever it is. */
		sheet_answer(sh, action == SA_YES);
		return;
	}
	if (!action && mode == SM_PICK && r == OK && choice_of(ch) >= 0)
		action = SA_CHOOSE;
	switch (action) {
	case SA_CLOSE: clerk_sheet_close(c); return;
	case SA_HELP:
		c->help = true;
		c->help_top = 0;
		return;
	case SA_QUIT:
		clerk_sheet_close(c);
		if (form_nav_leave(&c->f))
			c->quit = true;
		return;
	case SA_NEXT: sheet_move(sh, 1); return;
	case SA_STORE: sheet_move(sh, 1); return;
	case SA_PREV: sheet_move(sh, -1); return;
	case SA_CLEAR: sheet_clear(sh); return;
	case SA_CHOOSE:
		if (!sheet_pick(sh, (size_t)choice_of(ch)))
			form_say(&c->f, true, "no choice %lc here", ch);
		return;
	default:
		break;
	}
	if (mode == SM_TEXT && sh->field && !form_refuse_read_only(&c->f)) {
		if (r == OK && !sheet_typable(sh, ch))
			return;
		unsigned long before = field_changes(sh->field);
		field_handle_key(sh->field, r, ch);
		if (field_changes(sh->field) != before)
			sheet_touched(sh);
	}
}

/* One line on screen: a row's label and value, or one of the focused
 * row's choices. */
struct sline {
	size_t row;
	long choice;            /* -1: the row itself */
};

static void heading(struct clerk *c, struct buf *b)
{
	struct sheet *sh = c->sheet;
	const struct minutes_item *it = sh->item < c->f.m->nitems ? c->f.m->items[sh->item]
								  : NULL;
	if (sh->type == SHEET_MOTIONS && it)
		buf_addf(b, "Motions and amendments on item %s: %s", it->number, it->title);
	else if (sh->type == SHEET_DECLARATIONS)
		buf_addstr(b, "Declarations of interest");
	else
		buf_addf(b, "Attendance of %s", sh->person ? sh->person : "?");
}

void clerk_sheet_draw(struct clerk *c, int top, int bottom)
{
	static struct sline lines[SHEET_MAX_ROWS];
	struct sheet *sh = c->sheet;
	size_t n = 0, focus_line = 0;
	size_t nch = 0;
	for (size_t i = 0; i < sh->nrows && n < SHEET_MAX_ROWS; i++) {
		if (i == sh->focus)
			focus_line = n;
		lines[n++] = (struct sline){ i, -1 };
		if (i == sh->focus && sh->rows[i].kind != SK_TEXT &&
		    sh->rows[i].kind != SK_COUNT) {
			nch = sheet_choices(sh, &sh->rows[i]);
			for (size_t k = 0; k < nch && n < SHEET_MAX_ROWS; k++)
				lines[n++] = (struct sline){ i, (long)k };
		}
	}
	struct buf hb = BUF_INIT;
	move(top, 0);
	clrtoeol();
	heading(c, &hb);
	ui_text_cut(top, 1, COLS - 2, hb.data, hb.len, ui_attr(THEME_TITLE) | A_BOLD);
	buf_free(&hb);
	int h = bottom - top - 1;
	size_t last = focus_line + (nch < (size_t)h ? nch : 0);
	if (focus_line < c->sheet_top)
		c->sheet_top = focus_line;
	if (last >= c->sheet_top + (size_t)h)
		c->sheet_top = last - (size_t)h + 1;
	if (focus_line < c->sheet_top)
		c->sheet_top = focus_line;
	int tw = COLS - SHEET_LABEL_W - 3;
	c->cursor_y = -1;
	for (int y = top + 1; y < bottom; y++) {
		move(y, 0);
		clrtoeol();
		size_t l = c->sheet_top + (size_t)(y - top - 1);
		if (l >= n)
			continue;
		const struct sheet_row *r = &sh->rows[lines[l].row];
		bool focused = lines[l].row == sh->focus;
		if (lines[l].choice >= 0) {
			size_t k = (size_t)lines[l].choice;
			char key[4];
			snprintf(key, sizeof(key), "%c", k < 9 ? (int)('1' + k) : (int)('a' + k - 9));
			ui_text(y, SHEET_LABEL_W + 2, 2, key, 1, ui_attr(THEME_KEYS) | A_BOLD);
			struct buf b = BUF_INIT;
			buf_addstr(&b, sh->choices[k]);
			if (r->kind == SK_MARKS && *sheet_mark(sh, r, k))
				buf_addf(&b, "  [%s]", sheet_mark(sh, r, k));
			ui_text_cut(y, SHEET_LABEL_W + 5, tw - 3, b.data, b.len, A_NORMAL);
			buf_free(&b);
			continue;
		}
		char label[40];
		sheet_label(sh, r, label, sizeof(label));
		ui_text(y, 1, SHEET_LABEL_W, label, strlen(label),
			focused ? ui_attr(THEME_SELECTED) : ui_attr(THEME_LABEL));
		if (focused && sh->field) {
			field_draw(sh->field, stdscr, y, SHEET_LABEL_W + 2, 1, tw,
				   ui_attr(THEME_FIELD_ACTIVE), 0, true);
			c->cursor_y = y;
			c->cursor_x = SHEET_LABEL_W + 2 + sh->field->cur_col;
			continue;
		}
		char *t = sheet_text(sh, r);
		ui_text_cut(y, SHEET_LABEL_W + 2, tw, t, strlen(t),
			focused ? ui_attr(THEME_FIELD_ACTIVE) : A_NORMAL);
		free(t);
	}
}

void clerk_sheet_keyline(struct clerk *c, int y)
{
	keys_line(&sheet_keymap, sheet_mode(c->sheet), y);
}
