/*
 * gitstate: gavel's own files for a meeting under the repository's git
 * directory (never the work tree, so they are never committed, shown by
 * git status, or seen by another clone):
 *
 *     <gitdir>/gavel/<kind>/<committee slug>/<meeting folder><suffix>
 *
 * e.g. <gitdir>/gavel/journal/finance/2018-03-14.journal.  The meeting id
 * is checked with slug_meeting_id_valid before any path is built, so no id can
 * name a file outside its folder.  Folders are made 0700 (the journal holds
 * what the clerk typed, the lock who is typing), and each new one is
 * fsynced into its parent so it survives a crash with the file in it.
 * Shared by journal and lock; no curses, no libgit2.
 */
#ifndef GAVEL_GITSTATE_H
#define GAVEL_GITSTATE_H

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

/* Sets `out` to the path above.  -1 with a diagnostic (and `out` left
 * empty) when `id` is not a meeting id or `gitdir` is empty. */
int gitstate_path(const char *gitdir, const char *kind, const char *id,
		  const char *suffix, struct buf *out, struct diags *d);

/* Makes <gitdir>/gavel/<kind>/<committee> as needed.  `gitdir` itself
 * must exist.  -1 with a diagnostic naming the folder and the reason. */
int gitstate_mkdirs(const char *gitdir, const char *kind, const char *id,
		    struct diags *d);

#endif
