/*
 * field_keys: the text field's keys: reading them from the terminal
 * (Alt, bracketed paste, the xterm keys terminfo may lack), the field's
 * key table (field_keymap) and the handling that acts on its actions.
 *
 * The screen that uses fields:
 *   - calls setlocale(LC_ALL, "") before initscr, and raw() (so ^Z, ^O,
 *     ^W ... reach the program), noecho(), keypad(win, TRUE);
 *   - calls field_keys_init() once after that, then
 *     field_bracketed_paste(true) (and false before it ends);
 *   - reads keys with field_read_key() and gives them to the focused
 *     field's field_handle_key(); what comes back FIELD_KEY_IGNORED is the
 *     screen's (Enter, Tab, Esc, F-keys, Up on the first line, other
 *     control keys); FIELD_KEY_EDITOR asks for field_edit_external().
 *
 * The keys themselves are field_keymap's, in field_keys.c: `gavel keys
 * field` prints them.  Between bracketed paste start and end (ESC [200~
 * ... ESC [201~) every key is text: Enter is a line break (a space in a
 * single-line field) and nothing is a command; the paste goes in as one
 * undo step.
 */
#ifndef GAVEL_FIELD_KEYS_H
#define GAVEL_FIELD_KEYS_H

#include <curses.h>

#include "tui/edit/field.h"
#include "tui/screen/keys.h"

/* The field's keys: matched by field_handle_key, listed on the clerk's
 * and the home screen's help pages and in gavel.1. */
extern const struct keymap field_keymap;

/* Set in the character field_read_key returns for a key pressed with
 * Alt (a key that came right after ESC): keys.h's KC_ALT. */
#define FIELD_ALT ((wint_t)KC_ALT(0))

/* Keys ncurses has no constant for, whose codes field_keys_init finds in
 * terminfo or defines: field_read_key returns them (with KEY_CODE_YES) as
 * these fixed codes, so that key tables can name them (KC_FN(FK_...)).
 * Above every code ncurses gives and every character, below KC_FN's bit. */
enum field_fixed_key {
	FK_CTRL_LEFT = 0x10000001, FK_CTRL_RIGHT, FK_CTRL_HOME, FK_CTRL_END,
	FK_CTRL_DELETE, FK_ALT_LEFT, FK_ALT_RIGHT, FK_PASTE_BEGIN, FK_PASTE_END,
};

enum field_key_result {
	FIELD_KEY_IGNORED = 0,	/* not the field's: the screen's to act on */
	FIELD_KEY_USED = 1,
	FIELD_KEY_EDITOR = 2,	/* the clerk asked for $VISUAL (^O) */
};

/* After initscr and keypad: finds the codes of the keys above in
 * terminfo, defines the xterm sequences for the ones it lacks and the
 * bracketed paste markers (define_key, codes ncurses does not use). */
void field_keys_init(void);

/* Turns the terminal's bracketed paste on (ESC [?2004h) or off; on only
 * once field_keys_init could define the paste markers. */
void field_bracketed_paste(bool on);
/* Whether it is on now. */
bool field_bracketed_paste_on(void);

/* wget_wch, with ESC followed at once by another key read as Alt+key
 * (FIELD_ALT set in *ch; a lone ESC comes back as ESC), the keys of
 * enum field_fixed_key as their fixed codes, and control sequences
 * curses does not know dropped. */
int field_read_key(WINDOW *win, wint_t *ch);

/* Acts on a key: ret and ch as field_read_key gave them.  Returns an
 * enum field_key_result. */
int field_handle_key(struct field *f, int ret, wint_t ch);

#endif
