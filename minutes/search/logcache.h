/*
 * logcache: the history of a path (archive_log's answer) from a cache of
 * what each commit changed, kept beside the search index in its SQLite
 * file (<gitdir>/gavel/search.sqlite, tables LC_TABLE, LC_PARENTS,
 * LC_PATHS and LC_CHANGES).
 *
 * archive_log compares every commit's trees with its parents', which in a
 * long history is most of `gavel log`'s time; the cache keeps, for each
 * commit, its parents and the names that differ, so a walk of a known
 * history reads no tree.  The answer is always archive_log's, commit for
 * commit.  The cache is derived data: missing or damaged, it is made
 * again without a word; when it cannot be written, the answer only takes
 * longer.  Shallow clones are not cached.
 */
#ifndef GAVEL_LOGCACHE_H
#define GAVEL_LOGCACHE_H

#include <stddef.h>

#include "minutes/base/diag.h"
#include "minutes/git/archive.h"

/* The tables (logcache.c tells what they hold), named with their version:
 * tables of another version are left alone and these made.  LC_TABLE
 * has one row for each commit known. */
#define LC_TABLE "logcache3_commits"
#define LC_PARENTS "logcache3_parents"
#define LC_PATHS "logcache3_paths"
#define LC_CHANGES "logcache3_changes"

/* archive_log_max (archive.h): the revisions of HEAD's history that
 * changed `path`, newest first, at most `max`.  Free with
 * archive_revs_free. */
int logcache_log(struct archive *a, const char *path, size_t max,
		 struct archive_rev **out, size_t *n, struct diags *err);

/* For search.c when it builds its file again: copies the cache's rows
 * from the file `from` into `db` (an open sqlite3 connection), when it
 * can; quietly nothing otherwise. */
struct sqlite3;
void logcache_carry(struct sqlite3 *db, const char *from);

#endif
