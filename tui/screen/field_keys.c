/* field_keys: reading the field's keys, its table, and acting on it (see
 * field_keys.h). */
#include "tui/screen/field_keys.h"

#include <stdio.h>
#include <stdlib.h>

/* The codes ncurses gave the keys of enum field_fixed_key (0: none),
 * indexed from FK_CTRL_LEFT. */
#define FIXED_N (FK_PASTE_END - FK_CTRL_LEFT + 1)
static int fixed_code[FIXED_N];
static bool paste_on;

/* ---- reading keys ------------------------------------------------- */

/* A key code ncurses has no use for: past its own and the extended
 * ones it numbers from KEY_MAX up. */
static int free_code(void)
{
	static int next = KEY_MAX + 0x400;
	char *s;
	while ((s = keybound(next, 0)) != NULL) {
		free(s);
		next++;
	}
	return next++;
}

/* The code of terminfo capability `cap`, else of the sequence `seq`,
 * defining it when ncurses does not know it. */
static int find_key(const char *cap, const char *seq)
{
	int code = 0;
	if (cap) {
		char *s = tigetstr(cap);
		if (s && s != (char *)-1)
			code = key_defined(s);
	}
	if (code <= 0 && seq) {
		code = key_defined(seq);
		if (code == 0) {
			code = free_code();
			if (define_key(seq, code) != OK)
				code = 0;
		}
	}
	return code > 0 ? code : 0;
}

static void fixed(enum field_fixed_key k, const char *cap, const char *seq)
{
	fixed_code[k - FK_CTRL_LEFT] = find_key(cap, seq);
}

void field_keys_init(void)
{
	fixed(FK_PASTE_BEGIN, NULL, "\033[200~");
	fixed(FK_PASTE_END, NULL, "\033[201~");
	if (!fixed_code[FK_PASTE_BEGIN - FK_CTRL_LEFT] || !fixed_code[FK_PASTE_END - FK_CTRL_LEFT])
		fixed_code[FK_PASTE_BEGIN - FK_CTRL_LEFT] = fixed_code[FK_PASTE_END - FK_CTRL_LEFT] = 0;
	fixed(FK_CTRL_LEFT, "kLFT5", "\033[1;5D");
	fixed(FK_CTRL_RIGHT, "kRIT5", "\033[1;5C");
	fixed(FK_CTRL_HOME, "kHOM5", "\033[1;5H");
	fixed(FK_CTRL_END, "kEND5", "\033[1;5F");
	fixed(FK_CTRL_DELETE, "kDC5", "\033[3;5~");
	fixed(FK_ALT_LEFT, "kLFT3", "\033[1;3D");
	fixed(FK_ALT_RIGHT, "kRIT3", "\033[1;3C");
}

static void term_puts(const char *s)
{
	fputs(s, stdout);
	fflush(stdout);
}

void field_bracketed_paste(bool on)
{
	if (on && !fixed_code[FK_PASTE_BEGIN - FK_CTRL_LEFT])
		return;
	if (on != paste_on)
		term_puts(on ? "\033[?2004h" : "\033[?2004l");
	paste_on = on;
}

bool field_bracketed_paste_on(void)
{
	return paste_on;
}

/* A function key's fixed code, when it is one of those found at start. */
static wint_t fixed_of(wint_t code)
{
	for (int i = 0; i < FIXED_N; i++)
		if (fixed_code[i] && (wint_t)fixed_code[i] == code)
			return (wint_t)(FK_CTRL_LEFT + i);
	return code;
}

int field_read_key(WINDOW *win, wint_t *ch)
{
	int ret = wget_wch(win, ch);
	if (ret == KEY_CODE_YES)
		*ch = fixed_of(*ch);
	if (ret == OK && *ch == 27) {
		/* ncurses has waited ESCDELAY for a known sequence already;
		 * whatever follows at once was sent with this ESC. */
		int delay = wgetdelay(win);
		wint_t c2;
		nodelay(win, TRUE);
		int r2 = wget_wch(win, &c2);
		wtimeout(win, delay);
		if (r2 == OK && c2 == '[') {
			/* A control sequence curses does not know (ESC [,
			 * parameters, a final byte): not text, so dropped. */
			do {
				nodelay(win, TRUE);
				r2 = wget_wch(win, &c2);
				wtimeout(win, delay);
			} while (r2 == OK && c2 >= 0x20 && c2 < 0x40);
			return field_read_key(win, ch);
		}
		if (r2 != ERR) {
			*ch = (r2 == KEY_CODE_YES ? fixed_of(c2) : c2) | FIELD_ALT;
			return r2;
		}
	}
	return ret;
}

/* ---- the table ---------------------------------------------------- */

/* The actions: a command of field.h (FA(FIELD_LEFT)...), or one of these
 * past them. */
#define FA(cmd) ((int)(cmd) + 1)
enum { FA_ENTER = FA(FIELD_REDO) + 1, FA_EDITOR };

#define F(k) KC_FN(k)
#define MOVING "Moving in the text"
#define ERASING "Erasing"
#define MORE "Undo, the editor"

static const struct key_binding field_bindings[] = {
	{ FA(FIELD_LEFT), 0, { F(KEY_LEFT), KC_CTRL('B') }, "Left, ^B", NULL, MOVING,
	  "a character back", 0 },
	{ FA(FIELD_RIGHT), 0, { F(KEY_RIGHT), KC_CTRL('F') }, "Right, ^F", NULL, MOVING,
	  "a character on", 0 },
	{ FA(FIELD_WORD_LEFT), 0, { F(FK_CTRL_LEFT), F(FK_ALT_LEFT), KC_ALT(F(KEY_LEFT)),
				    KC_ALT('b') },
	  "^Left, M-Left, M-b", NULL, MOVING, "a word back", 0 },
	{ FA(FIELD_WORD_RIGHT), 0, { F(FK_CTRL_RIGHT), F(FK_ALT_RIGHT), KC_ALT(F(KEY_RIGHT)),
				     KC_ALT('f') },
	  "^Right, M-Right, M-f", NULL, MOVING, "a word on", 0 },
	{ FA(FIELD_HOME), 0, { F(KEY_HOME), KC_CTRL('A') }, "Home, ^A", NULL, MOVING,
	  "start of the line; again: of the field", 0 },
	{ FA(FIELD_END), 0, { F(KEY_END), KC_CTRL('E') }, "End, ^E", NULL, MOVING,
	  "end of the line; again: of the field", 0 },
	{ FA(FIELD_TEXT_START), 0, { F(FK_CTRL_HOME), F(KEY_SHOME), KC_ALT(F(KEY_HOME)),
				     KC_ALT('<') },
	  "^Home, Shift-Home, M-Home, M-<", NULL, MOVING, "start of the field", 0 },
	{ FA(FIELD_TEXT_END), 0, { F(FK_CTRL_END), F(KEY_SEND), KC_ALT(F(KEY_END)),
				   KC_ALT('>') },
	  "^End, Shift-End, M-End, M->", NULL, MOVING, "end of the field", 0 },
	{ FA(FIELD_UP), 0, { F(KEY_UP) }, "Up", NULL, MOVING,
	  "the line above, in a text of several lines (on the first line: the "
	  "screen's Up)", 0 },
	{ FA(FIELD_DOWN), 0, { F(KEY_DOWN) }, "Down", NULL, MOVING,
	  "the line below (on the last line: the screen's Down)", 0 },

	{ FA(FIELD_BACKSPACE), 0, { F(KEY_BACKSPACE), KC_CTRL('H'), 127 }, "Backspace, ^H",
	  NULL, ERASING, "erase a character back", 0 },
	{ FA(FIELD_DELETE), 0, { F(KEY_DC), KC_CTRL('D') }, "Delete, ^D", NULL, ERASING,
	  "erase a character on", 0 },
	{ FA(FIELD_DELETE_WORD_BACK), 0, { KC_CTRL('W'), KC_ALT(F(KEY_BACKSPACE)),
					   KC_ALT(KC_CTRL('H')), KC_ALT(127) },
	  "^W, M-Backspace", NULL, ERASING, "erase a word back", 0 },
	{ FA(FIELD_DELETE_WORD), 0, { KC_ALT('d'), F(FK_CTRL_DELETE), KC_ALT(F(KEY_DC)) },
	  "M-d, ^Delete, M-Delete", NULL, ERASING, "erase a word on", 0 },
	{ FA(FIELD_KILL_TO_END), 0, { KC_CTRL('K') }, "^K", NULL, ERASING,
	  "erase to the end of the line", 0 },
	{ FA(FIELD_KILL_TO_START), 0, { KC_CTRL('U') }, "^U", NULL, ERASING,
	  "erase to the start of the line", 0 },
	{ FA(FIELD_YANK), 0, { KC_CTRL('Y') }, "^Y", NULL, ERASING,
	  "put back what ^K, ^U, ^W or M-d erased", 0 },

	{ FA(FIELD_UNDO), 0, { KC_CTRL('Z'), KC_CTRL('_') }, "^Z, ^_", NULL, MORE, "undo", 0 },
	{ FA(FIELD_REDO), 0, { KC_ALT('_') }, "M-_", NULL, MORE, "redo", 0 },
	{ FA(FIELD_NEWLINE), 0, { KC_ALT('\r'), KC_ALT('\n'), KC_ALT(F(KEY_ENTER)) },
	  "M-Enter", NULL, MORE, "a new line in a text of several lines (the summary)", 0 },
	/* Enter is a new line only where the screen says so (the clerk's
	 * summary); elsewhere it is the screen's, and said there. */
	{ FA_ENTER, 0, { '\r', '\n', F(KEY_ENTER) }, "Enter", NULL, NULL, NULL, 0 },
	{ FA_EDITOR, 0, { KC_CTRL('O') }, "^O", NULL, MORE,
	  "edit the text in $VISUAL or $EDITOR", 0 },
};

const struct keymap field_keymap = {
	.name = "field",
	.title = "Editing text (every text field)",
	.intro = "M- is Alt (or Esc before the key).  A paste goes in as text, "
		 "in one piece, and one undo takes it out.",
	.bindings = field_bindings,
	.n = sizeof(field_bindings) / sizeof(field_bindings[0]),
	.outro = NULL,
};

/* ---- acting ------------------------------------------------------- */

/* A key the field owns is used even when it could do nothing (Left at
 * the start): it must not fall through to the screen. */
static int use(bool done)
{
	(void)done;
	return FIELD_KEY_USED;
}

/* Up and Down are the field's only when it can move. */
static int vertical(struct field *f, enum field_cmd cmd)
{
	return field_command(f, cmd) ? FIELD_KEY_USED : FIELD_KEY_IGNORED;
}

static int enter(struct field *f, bool alt)
{
	if (!field_multiline(f) || !(alt || (f->flags & FIELD_ENTER_NEWLINE)))
		return FIELD_KEY_IGNORED;
	return use(field_command(f, FIELD_NEWLINE));
}

/* Between the paste markers every key is text. */
static int paste_key(struct field *f, bool code, wint_t c)
{
	if (code && c == FK_PASTE_END)
		field_paste_end(f);
	else if (code && c == KEY_RESIZE)
		return FIELD_KEY_IGNORED;
	else if (code && c == KEY_ENTER)
		field_paste_wch(f, L'\n');
	else if (!code)
		field_paste_wch(f, (wchar_t)c);	/* filtered at the end */
	return FIELD_KEY_USED;
}

int field_handle_key(struct field *f, int ret, wint_t ch)
{
	if (ret != OK && ret != KEY_CODE_YES)
		return FIELD_KEY_IGNORED;
	bool alt = (ch & FIELD_ALT) != 0;
	wint_t c = ch & ~FIELD_ALT;
	bool code = ret == KEY_CODE_YES;

	if (code && c == FK_PASTE_BEGIN) {
		field_paste_begin(f);
		return FIELD_KEY_USED;
	}
	if (field_pasting(f))
		return paste_key(f, code, c);

	int action = keys_action(&field_keymap, 0, ret, ch);
	/* A function key with Alt that means nothing of its own (M-Up,
	 * M-^Left) is the key without it. */
	if (!action && alt && code)
		action = keys_action(&field_keymap, 0, ret, c);
	switch (action) {
	case FA(FIELD_UP): return vertical(f, FIELD_UP);
	case FA(FIELD_DOWN): return vertical(f, FIELD_DOWN);
	case FA(FIELD_NEWLINE): return enter(f, true);
	case FA_ENTER: return enter(f, false);
	case FA_EDITOR: return FIELD_KEY_EDITOR;
	case 0: break;
	default: return use(field_command(f, (enum field_cmd)(action - 1)));
	}
	/* Tab, Esc, the F-keys, the other controls and anything with Alt
	 * are the screen's; they never reach the text. */
	if (code || alt || c < 0x20 || (c >= 0x7F && c < 0xA0))
		return FIELD_KEY_IGNORED;
	field_insert_wch(f, (wchar_t)c);	/* refuses what may not be text */
	return FIELD_KEY_USED;
}
