/*
 * linediff: a line diff of two texts in the unified form `diff -u`
 * prints, for `gavel diff --yaml`.  Myers' greedy algorithm on the lines
 * that differ once the common start and end are set aside; past a bound
 * on the edit distance the rest is shown as replaced (still a correct
 * diff, only not the shortest).  Knows nothing of git or of the screen.
 */
#ifndef GAVEL_LINEDIFF_H
#define GAVEL_LINEDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"

/* Appends the unified diff of `a` to `b` to `out`, with `context` lines
 * of context and the header lines "--- LABEL_A" and "+++ LABEL_B".
 * Appends nothing and returns false when the texts are the same. */
bool linediff_unified(const char *a, size_t alen, const char *b, size_t blen,
		      const char *label_a, const char *label_b, unsigned context,
		      struct buf *out);

#endif
