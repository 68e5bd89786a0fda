/*
 * blame: who last changed each field of a meeting's minutes, as text
 * (gavel blame prints it, the history screen shows it).  Fields are
 * followed from revision to revision, along every parent of a merge, as
 * the structured diff matches them (minutes/audit/mdiff.h).
 */
#ifndef GAVEL_BLAME_H
#define GAVEL_BLAME_H

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"

/* Appends to `text` every field of the meeting's minutes at HEAD with the
 * revision, date and author that last changed it, one line each, cut to
 * `width` columns; a change that came in through a merge is the commit's
 * that made it.  A field set by a commit gavel did not make (no Made-by
 * trailer) has a star after the author, and each such commit is named on
 * a line of its own after the fields.  Revisions that do not load are
 * named in `warnings`, a line each.  Returns 0, or negative (or
 * MEETING_INVALID) with why in d. */
int blame_text(struct buf *text, struct buf *warnings, struct archive *a, const char *id,
	       unsigned width, struct diags *d);
/* The same for the minutes as they stood at commit `rev` (a full id, in
 * HEAD's history; NULL: HEAD): what blame would have said then. */
int blame_text_at(struct buf *text, struct buf *warnings, struct archive *a,
		  const char *id, const char *rev, unsigned width, struct diags *d);

/* The same with each value whole: wrapped at spaces under itself (its
 * first column) instead of cut. */
int blame_text_wrapped(struct buf *text, struct buf *warnings, struct archive *a,
		       const char *id, unsigned width, struct diags *d);

#endif
