/*
 * archive_priv: what archive.c shares with archive_sync.c,
 * archive_logcache.c and archive_index.c, the other parts of the archive
 * module.  Nothing outside minutes/archive*.c (and the archive's unit
 * tests) includes it: the rest of gavel knows the archive only through
 * archive.h.
 */
#ifndef GAVEL_ARCHIVE_PRIV_H
#define GAVEL_ARCHIVE_PRIV_H

#include <git2.h>

#include "minutes/git/archive.h"

struct archive {
	git_repository *repo;
	char *path;             /* work tree root, or the git dir when bare */
	char *gitdir;
	bool bare;
	char *warning;
	bool warned;
};

/* Adds "<what>: <what git said>" for the libgit2 error `code`, with the
 * usual advice for a foreign owner or a lock held by another program. */
void archive_fail(struct diags *err, const char *path, int code,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* libgit2 started once, with fsync of objects and refs on. */
void archive_init_once(void);
bool archive_exists(const char *p);
/* "a/b", a new string. */
char *archive_join(const char *a, const char *b);
/* Writes a file atomically: temporary file, fsync, rename, fsync of the
 * folder (made when missing). */
int archive_write_atomic(const char *path, const char *data, size_t len,
			 struct diags *err);
/* git's user.name and user.email, or a fallback with a warning. */
int archive_signature(struct archive *a, git_signature **sig, struct diags *err);
/* fsyncs the index and the git folder after libgit2 rewrote the index. */
void archive_fsync_index(struct archive *a);


/* ---- history (archive.c; archive_log_max is in archive_logcache.c) ---- */

/* Whether commit `c` (with tree `t`) changed `path`: the entry differs
 * from the one in every parent (for a first commit, the path is there),
 * compared one folder level at a time. */
bool archive_commit_changed(git_commit *c, git_tree *t, const char *path);
/* A walk of HEAD's history, newest first in libgit2's topological and
 * time order: 0 with *out set, 1 when there is no history (an unborn
 * branch), or ARCHIVE_ERROR with a diagnostic. */
int archive_head_walk(struct archive *a, git_revwalk **out, struct diags *err);
/* Adds `c` to the growing list `v` (n of cap). */
void archive_rev_push(struct archive_rev **v, size_t *n, size_t *cap,
		      const git_commit *c);
/* archive_log_max in a shallow clone: first parents from HEAD. */
int archive_log_shallow(struct archive *a, const char *path, size_t max,
			struct archive_rev **out, size_t *n, struct diags *err);
/* archive_log_max without the cache: the trees of every commit and its
 * parents compared.  What the cached answer must always equal. */
int archive_log_plain(struct archive *a, const char *path, size_t max,
		      struct archive_rev **out, size_t *n, struct diags *err);
/* archive_index.c: git's index brought in step with a commit by changing
 * only its files' entries.  One change a path: the blob committed there
 * (whose entry is made from it and a stat of the work tree file), or NULL
 * when the path was removed. */
struct index_change {
	const char *path;
	const git_oid *id;
};
enum { INDEX_UPDATED = 0, INDEX_DECLINED = 1, INDEX_FAILED = -1 };
/* INDEX_UPDATED: written; INDEX_DECLINED: nothing written, because the
 * index is not one it fully understands (`why` says what), so do it with
 * libgit2; INDEX_FAILED: the index could not be written (`why` says why:
 * another program's lock, a full disk), and is as it was. */
int archive_index_update(struct archive *a, const struct index_change *c, size_t n,
			 struct buf *why);
/* How often it updated and declined, for the tests. */
struct archive_index_stats {
	unsigned updated, declined;
};
extern struct archive_index_stats archive_index_stats;

#endif
