/*
 * clerk_arising: the open-actions sheet (tui/edit/form_arising.h) over
 * the clerk's screen, drawn and given keys; its own key table
 * (arising_keymap) makes its key line, help and gavel.1's entry.
 */
#ifndef GAVEL_CLERK_ARISING_H
#define GAVEL_CLERK_ARISING_H

#include <wchar.h>

#include "tui/edit/form_arising.h"
#include "tui/screen/keys.h"

struct clerk;

extern const struct keymap arising_keymap;

/* Opens the sheet on the item in hand (nothing, with the model's
 * message, when it cannot). */
void clerk_arising_open(struct clerk *c);
void clerk_arising_close(struct clerk *c);
/* On entering an item: matters arising says that F6 lists the open
 * actions (when nothing else is said). */
void clerk_arising_hint(struct clerk *c);
void clerk_arising_key(struct clerk *c, int r, wint_t ch);
/* Draws it between rows top and bottom; its key line on row y. */
void clerk_arising_draw(struct clerk *c, int top, int bottom);
void clerk_arising_keyline(struct clerk *c, int y);

#endif
