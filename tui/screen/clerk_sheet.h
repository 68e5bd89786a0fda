/*
 * clerk_sheet: a sheet (tui/edit/form_sheet.h: motions, declarations, a
 * person's attendance) open over the clerk's screen, drawn and given
 * keys; its own key table (sheet_keymap) makes its key line, help and
 * gavel.1's entry.
 */
#ifndef GAVEL_CLERK_SHEET_H
#define GAVEL_CLERK_SHEET_H

#include <stdbool.h>
#include <wchar.h>

#include "tui/edit/form_sheet.h"
#include "tui/screen/keys.h"

struct clerk;

extern const struct keymap sheet_keymap;

/* Opens a sheet over the screen (nothing, with the model's message, when
 * it cannot open). */
void clerk_sheet_open(struct clerk *c, enum sheet_type type, const char *name);
/* Opens the declarations' sheet on declaration i (past the last: the
 * fresh one). */
void clerk_sheet_open_declaration(struct clerk *c, size_t i);
/* Closes it: stores and commits. */
void clerk_sheet_close(struct clerk *c);
/* A key while a sheet is open. */
void clerk_sheet_key(struct clerk *c, int r, wint_t ch);
/* Draws the open sheet between rows top and bottom, and its key line. */
void clerk_sheet_draw(struct clerk *c, int top, int bottom);
void clerk_sheet_keyline(struct clerk *c, int y);

#endif
