/*
 * history: a meeting's revisions, for auditors.  The screen (h on the home
 * screen or in the clerk's hub) lists the revisions newest first; marking
 * two shows the structured diff between them with the changed words
 * highlighted, and blame is a key away.  The text of blame is shared with
 * `gavel blame`.
 */
#ifndef GAVEL_HISTORY_H
#define GAVEL_HISTORY_H

#include <signal.h>

#include "minutes/git/archive.h"
#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

/* Every field of the meeting's latest minutes with the revision, date and
 * author that last changed it, one line each, cut to `width` columns.
 * Revisions that do not load are named in `warnings`, a line each. */
int history_blame_text(struct archive *a, const char *id, unsigned width,
		       struct buf *text, struct buf *warnings, struct diags *d);

/* Runs the history screen of meeting `id` (curses open) until Esc or q. */
void history_run(struct archive *a, const char *id, volatile sig_atomic_t *stop);

#endif
