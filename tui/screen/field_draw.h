/*
 * field_draw: a field (field.h) drawn on a curses screen.  Its keys are
 * field_keys.h's (included here, since a screen that draws a field reads
 * keys for it too); editing it in $VISUAL is field_editor.h's.
 *
 * The screen draws with field_draw(), the focused field last (it leaves
 * the terminal cursor in place), with the cursor visible (curs_set(1)).
 */
#ifndef GAVEL_FIELD_DRAW_H
#define GAVEL_FIELD_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "tui/edit/field.h"
#include "tui/screen/field_keys.h"

/* Draws the field in win at (y, x), h rows by w columns, wrapped to w and
 * scrolled (f->scroll) so the cursor's row shows; with `focus`, leaves
 * the terminal cursor at the field's cursor.  Cells past the text are
 * filled with spaces in the same attributes. */
void field_draw(struct field *f, WINDOW *win, int y, int x, int h, int w,
		attr_t attr, short pair, bool focus);

#endif
