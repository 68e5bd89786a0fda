/*
 * numbering: minute numbers through a committee's year (FORMAT.md,
 * format 2: an item's `minute`).  The year starts on the committee's
 * `year_starts` (MM-DD; left out, 1 January); each item taken gets the
 * next number, continuing from the committee's earlier meetings of the
 * same year; a withdrawn or deferred item gets none.  Pure: the highest
 * number of the earlier meetings is looked up by minutes/git
 * (minute_lookup.h).
 */
#ifndef GAVEL_NUMBERING_H
#define GAVEL_NUMBERING_H

#include <stdbool.h>

#include "minutes/model/minutes.h"

/* The first day ("YYYY-MM-DD") of the committee year holding `date`,
 * for a year starting on `year_starts` ("MM-DD"; NULL or "": 01-01).
 * False when `date` or `year_starts` does not read. */
bool numbering_year_start(const char *date, const char *year_starts, char out[11]);

/* True when dates a and b fall in the same committee year. */
bool numbering_same_year(const char *a, const char *b, const char *year_starts);

/* The highest minute number in the minutes (0: none). */
unsigned numbering_highest(const struct minutes *m);

/* The number the next item taken gets: one more than the highest of
 * these minutes and of `earlier` (the earlier meetings' highest). */
unsigned numbering_next(const struct minutes *m, unsigned earlier);

/* Gives `it` its number when it is taken and has none; takes it away
 * from a withdrawn or deferred one.  True when the item changed. */
bool numbering_assign(struct minutes *m, struct minutes_item *it, unsigned earlier);

#endif
