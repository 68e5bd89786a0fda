/*
 * field_draw: a field (field.h) on a curses screen: drawing it, reading
 * and mapping keys, bracketed paste, and editing the text in $VISUAL.
 *
 * The screen that uses fields:
 *   - calls setlocale(LC_ALL, "") before initscr, and raw() (so ^Z, ^O,
 *     ^W ... reach the program), noecho(), keypad(win, TRUE);
 *   - calls field_keys_init() once after that, then
 *     field_bracketed_paste(true) (and false before it ends);
 *   - reads keys with field_read_key() and gives them to the focused
 *     field's field_handle_key(); what comes back FIELD_KEY_IGNORED is the
 *     screen's (Enter, Tab, Esc, F-keys, Up on the first line, other
 *     control keys); FIELD_KEY_EDITOR asks for field_edit_external();
 *   - draws with field_draw(), the focused field last (it leaves the
 *     terminal cursor in place), with the cursor visible (curs_set(1)).
 *
 * Keys (Alt-x is ESC x, as terminals send it):
 *   Left ^B, Right ^F                  one character (cluster)
 *   Ctrl-Left Alt-Left Alt-b           word left
 *   Ctrl-Right Alt-Right Alt-f         word right
 *   Home ^A, End ^E                    start / end of the visual line;
 *                                      again: start / end of the field
 *   Ctrl-Home Alt-<, Ctrl-End Alt->    start / end of the field
 *   Up ^P, Down ^N                     visual line up / down, keeping the
 *                                      column (ignored at the first / last
 *                                      line, so the screen can move on)
 *   Backspace ^H ^?, Delete ^D         one character
 *   ^W Alt-Backspace                   delete the word before the cursor
 *   Alt-d Ctrl-Delete                  delete the word after the cursor
 *   ^K, ^U                             delete to end / start of the line
 *   ^Y                                 put back what ^K ^U ^W Alt-d took
 *   ^Z ^_, Alt-_                       undo, redo
 *   Alt-Enter (multi-line)             line break; Enter too with
 *                                      FIELD_ENTER_NEWLINE
 *   ^O                                 FIELD_KEY_EDITOR
 * Between bracketed paste start and end (ESC [200~ ... ESC [201~) every
 * key is text: Enter is a line break (a space in a single-line field)
 * and nothing is a command; the paste goes in as one undo step.
 */
#ifndef GAVEL_FIELD_DRAW_H
#define GAVEL_FIELD_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "minutes/base/diag.h"
#include "tui/edit/field.h"
#include "tui/screen/keys.h"

/* The keys above as a table for help pages and the man page: listed
 * (KEYS_WIDGET), never matched; field_handle_key acts on them. */
extern const struct keymap field_keymap;

/* Set in the character field_read_key returns for a key pressed with
 * Alt (a key that came right after ESC). */
#define FIELD_ALT ((wint_t)0x40000000)

enum field_key_result {
	FIELD_KEY_IGNORED = 0,	/* not the field's: the screen's to act on */
	FIELD_KEY_USED = 1,
	FIELD_KEY_EDITOR = 2,	/* the clerk asked for $VISUAL (^O) */
};

/* Key codes field_keys_init found or defined; 0 for none. */
struct field_keys {
	int paste_begin, paste_end;
	int ctrl_left, ctrl_right, ctrl_home, ctrl_end, ctrl_delete;
	int alt_left, alt_right;
};

/* After initscr and keypad: finds the codes of the keys above in
 * terminfo, defines the xterm sequences for the ones it lacks and the
 * bracketed paste markers (define_key, codes ncurses does not use). */
const struct field_keys *field_keys_init(void);

/* Turns the terminal's bracketed paste on (ESC [?2004h) or off; on only
 * once field_keys_init could define the paste markers. */
void field_bracketed_paste(bool on);

/* wget_wch, with ESC followed at once by another key read as Alt+key:
 * FIELD_ALT is set in *ch.  A lone ESC comes back as ESC. */
int field_read_key(WINDOW *win, wint_t *ch);

/* Acts on a key: ret and ch as wget_wch (or field_read_key) gave them.
 * Returns an enum field_key_result. */
int field_handle_key(struct field *f, int ret, wint_t ch);

/* Draws the field in win at (y, x), h rows by w columns, wrapped to w and
 * scrolled (f->scroll) so the cursor's row shows; with `focus`, leaves
 * the terminal cursor at the field's cursor.  Cells past the text are
 * filled with spaces in the same attributes. */
void field_draw(struct field *f, WINDOW *win, int y, int x, int h, int w,
		attr_t attr, short pair, bool focus);

/* Opens the text in $VISUAL, else $EDITOR, else vi, started directly
 * (the variable split at spaces into arguments, the file name last; no
 * shell), in a 0600 temporary file under tmpdir (NULL: $TMPDIR or /tmp)
 * that is removed afterwards.  The curses screen is put away and brought
 * back (the screen should redraw everything after).  The result replaces
 * the text as one undo step, filtered like a paste, with one final line
 * break dropped.  Returns 1 when the text changed, 0 when not, -1 with a
 * diagnostic in d (the field unchanged) when the editor could not be
 * started or did not exit with status 0. */
int field_edit_external(struct field *f, const char *tmpdir, struct diags *d);

#endif
