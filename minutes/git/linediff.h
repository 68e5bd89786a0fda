/*
 * linediff: the line diff of two texts in the unified form `git diff`
 * prints, for `gavel diff --yaml`.  The diff is git's own (libgit2's
 * xdiff, with git's default indent heuristic), so it is the same as the
 * one a clerk gets from `git diff` on the same two revisions, and it is
 * always the shortest: it never gives up on a large change.
 *
 * The header names no libgit2 type: the layers above git use it.
 */
#ifndef GAVEL_LINEDIFF_H
#define GAVEL_LINEDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"

/* Appends the unified diff of `a` to `b` to `out`: the header lines
 * "--- LABEL_A" and "+++ LABEL_B", then each hunk with `context` lines of
 * context ("@@ -START,COUNT +START,COUNT @@", a count of 1 left out as
 * diff -u does), and "\ No newline at end of file" after a last line
 * that has none.  Appends nothing and sets *differ to false when the
 * texts are the same.  Text with NUL bytes is compared as text all the
 * same.  0, or -1 with a diagnostic (out of memory in libgit2). */
int linediff_unified(struct buf *out, bool *differ,
		     const char *a, size_t alen, const char *b, size_t blen,
		     const char *label_a, const char *label_b, unsigned context,
		     struct diags *d);

/* The same for the file `path` as it stood at revisions `rev_a` and
 * `rev_b` of the archive (read straight from git's objects, without
 * hashing the texts again).  A revision or file that is not there is an
 * error (ARCHIVE_ENOTFOUND, said in d). */
int linediff_revisions(struct buf *out, bool *differ, struct archive *a,
		       const char *rev_a, const char *rev_b, const char *path,
		       const char *label_a, const char *label_b, unsigned context,
		       struct diags *d);

#endif
