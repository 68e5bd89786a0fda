/*
 * change: the text of one field's change (minutes/audit/mdiff.h) with its
 * changed words marked, wrapped to a width.
 */
#ifndef GAVEL_CHANGE_H
#define GAVEL_CHANGE_H

#include <stdbool.h>

#include "minutes/audit/mdiff.h"
#include "minutes/base/buf.h"

/* Appends the change's old and new text as one run of words, the deleted
 * and inserted ones marked (red and green with `colour`, [-...-] and
 * {+...+} without), wrapped at spaces to `width` columns with each line
 * four spaces in, and a final line break. */
void render_change_text(struct buf *out, const struct mdiff_change *ch, bool colour,
			unsigned width);

#endif
