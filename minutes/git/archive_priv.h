/*
 * archive_priv: what the parts of the git store (minutes/git: repo.c,
 * read.c, commit.c, index.c, log.c, tag.c, watch.c, sync*.c) share, and
 * the only header of gavel with libgit2's types in it.  Nothing outside
 * minutes/git (and the store's unit tests) includes it: the rest of gavel
 * knows the store through archive.h and walk.h.
 *
 * The parts call one way: repo.c is below everything; read.c below
 * log.c and watch.c; index.c below commit.c; sync*.c above commit.c.
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
/* Whether another program holds git's index.lock: 0 when not; else
 * ARCHIVE_ERROR with a diagnostic saying that `nothing_done` ("nothing
 * was written") and to remove the lock and `retry` ("try again"). */
int archive_index_unlocked(struct archive *a, const char *nothing_done,
			   const char *retry, struct diags *err);
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


/* ---- shared by the parts of the store ---- */

/* The file `path` as it stood at `rev` (NULL: HEAD), for reading without
 * a copy; the caller frees it.  ARCHIVE_ENOTFOUND (said in err) when
 * there is none. */
int archive_rev_blob(struct archive *a, const char *rev, const char *path,
		     git_blob **out, struct diags *err);
/* The tree of `rev` (NULL: HEAD) and, when `commit_out` is not NULL, its
 * commit.  ARCHIVE_ENOTFOUND when it has none. */
int archive_rev_tree(struct archive *a, const char *rev, git_tree **tree,
		     git_commit **commit_out, struct diags *err);
/* Fills `r` from commit `c` (its id, author, time and message). */
void archive_rev_fill(struct archive_rev *r, const git_commit *c);
/* Whether commit `c` (with tree `t`) changed `path`: the entry differs
 * from the one in every parent (for a first commit, the path is there),
 * compared one folder level at a time. */
bool archive_commit_changed(git_commit *c, git_tree *t, const char *path);
/* Adds `c` to the growing list `v` (n of cap). */
void archive_rev_push(struct archive_rev **v, size_t *n, size_t *cap,
		      const git_commit *c);

/* index.c: git's index brought in step with a commit by changing
 * only its files' entries.  One change a path: the blob committed there
 * (whose entry is made from it and a stat of the work tree file), or NULL
 * when the path was removed. */
struct index_change {
	const char *path;
	const git_oid *id;
};
enum { INDEX_UPDATED = 0, INDEX_DECLINED = 1, INDEX_REFUSED = 2, INDEX_FAILED = -1 };
/* One update under way: git's index.lock held, the index read. */
struct index_update;
/* Before the commit: takes git's index lock and reads the index.
 * INDEX_UPDATED: *out is ready for archive_index_finish (the lock is held
 * until then); INDEX_DECLINED: nothing held, because the index is not one
 * it fully understands (one diagnostic in `d` says what), so let libgit2
 * do it after the commit; INDEX_REFUSED: nothing held, and neither can
 * write this index (a split or sparse index): do not commit (`d` says
 * which setting and how to change it); INDEX_FAILED: the lock could not
 * be taken (`d` says why: another program's lock). */
int archive_index_begin(struct archive *a, struct index_update **out, struct diags *d);
/* After the commit: the changes written into the index read by
 * archive_index_begin, and the lock released; `u` is freed.
 * INDEX_UPDATED, INDEX_DECLINED (a changed path is not a plain file entry
 * or clashes with one: nothing written) or INDEX_FAILED (`d` says why:
 * a full disk; the index is as it was). */
int archive_index_finish(struct index_update *u, const struct index_change *c, size_t n,
			 struct diags *d);
/* True, with the one line that says which setting and how to change it
 * in `err`, when git's index is one gavel cannot write (split, sparse):
 * for commands that would write it later (sync), asked before they
 * change anything. */
bool archive_index_refused(struct archive *a, struct diags *err);
/* Releases the lock and frees `u` (NULL: nothing). */
void archive_index_abort(struct index_update *u);
/* index_ext.c: what the writer does with an extension, by signature;
 * `why` says why for the last two. */
enum {
	INDEX_EXT_TREE, INDEX_EXT_UNTRACKED, INDEX_EXT_DROP, INDEX_EXT_DECLINE, INDEX_EXT_REFUSE
};
int index_ext_action(const unsigned char sig[4], struct buf *why);
/* The cache tree (TREE, header included) with each folder above one of
 * `paths` invalid, added to `out`; -1 when it is damaged. */
int index_ext_tree_invalidate(const unsigned char *p, size_t len, const char *const *paths,
			      size_t n, struct buf *out);
/* The untracked cache (UNTR, header included) with no folder cached,
 * added to `out`; -1 when it is not one. */
int index_ext_untracked_empty(const unsigned char *p, size_t len, struct buf *out);
/* How often it updated, declined and refused, for the tests. */
struct archive_index_stats {
	unsigned updated, declined, refused;
};
extern struct archive_index_stats archive_index_stats;

/* ---- syncing (sync.c, sync_merge.c) ---- */

/* One archive_sync under way. */
struct sync {
	struct archive *a;
	struct archive_sync_result *out;
	struct diags *err;
	git_remote *remote;
	char *branch_ref;       /* refs/heads/BRANCH */
	char *track_ref;        /* refs/remotes/REMOTE/BRANCH */
	unsigned cred_calls;
	char *cred_problem;     /* why we gave the transport no credentials */
	char *push_rejected;    /* the remote's reason, when it refused */
	struct sync_tag *tags;  /* the confirmation tags' plan (sync_tags.c) */
	size_t ntags;
};

/* Small sets of strings: whether `s` is in, added once, freed. */
bool archive_sync_list_has(char **v, size_t n, const char *s);
void archive_sync_list_add(char ***v, size_t *n, const char *s);
void archive_sync_list_free(char **v, size_t n);
/* The commit a reference names; false when there is no such reference. */
bool archive_sync_ref_id(struct archive *a, const char *name, git_oid *id);
/* The commit `commit` and its tree. */
int archive_sync_tree_of(struct archive *a, const git_oid *commit, git_commit **c,
			 git_tree **t, struct diags *err);
/* Moves our branch from `old` (NULL: unborn) to `to`, bringing the work
 * tree's files along first. */
int archive_sync_move_branch(struct sync *s, const git_oid *old, git_tree *old_tree,
			     const git_oid *to, const char *why);
/* Merges theirs into ours, or keeps theirs aside when a meeting changed
 * on both sides (ARCHIVE_SYNC_CONFLICT). */
int archive_sync_merge(struct sync *s, const git_oid *ours_id, const git_oid *theirs_id);
/* Drops the kept conflict refs of this remote that our branch now holds
 * (someone merged them): nothing is lost, and they would only mislead. */
void archive_sync_drop_settled(struct sync *s);

/* sync_tags.c: the confirmation tags.  The fetch refspec that brings the
 * remote's into a scratch namespace; the plan made from ours, theirs and
 * those last agreed on (agreeing ones recorded, conflicts kept and listed
 * in s->out; ARCHIVE_ERROR when one could not be kept); taking theirs
 * once the branch is integrated; pushing ours once the branch is pushed
 * (1 when refused, a libgit2 error code when the transport failed); the
 * scratch refs and the plan dropped; the result's tag lists freed. */
void archive_sync_tags_fetch_spec(struct sync *s, struct buf *spec);
int archive_sync_tags_plan(struct sync *s);
int archive_sync_tags_take(struct sync *s);
int archive_sync_tags_push(struct sync *s, git_push_options *po);
void archive_sync_tags_clear(struct sync *s);
void archive_sync_tags_result_free(struct archive_sync_result *r);

#endif
