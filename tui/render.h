/*
 * render: minutes as people read them.  The text form follows published
 * council minutes: each item's number and title, "Minutes:", the
 * presenters introduced, the summary, "The following comments were made:"
 * with a bullet a comment, "Decision:", actions, "Supporting documents:".
 */
#ifndef GAVEL_RENDER_H
#define GAVEL_RENDER_H

#include "agenda.h"
#include "buf.h"
#include "minutes.h"

/* Appends the minutes as text wrapped to `width` columns.  `agenda` (may
 * be NULL) adds what only it holds, such as the chair. */
void render_text(const struct minutes *m, const struct agenda *agenda,
		 unsigned width, struct buf *out);

/* Display width of UTF-8 text in the current locale (wide characters 2,
 * combining accents 0). */
unsigned text_width(const char *s, size_t len);

/* "Wednesday 14 March 2018" from "2018-03-14". */
void render_date(struct buf *out, const char *date);

#endif
