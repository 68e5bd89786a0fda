/*
 * archive: the minutes repository as a git repository.
 *
 * The only module of gavel that talks to git, always in process through
 * libgit2 (gavel never runs the git program).  It opens or creates a
 * repository, reads files as they stood at a revision, commits a set of
 * files as one commit, and lists the history of a path.
 *
 * A minutes repository is recognised by a `.gavel` file at the root of its
 * work tree (written by archive_init).  A repository named explicitly is
 * used as it is, marker or not.
 *
 * Every function returns 0 on success and a negative number on failure,
 * with one diagnostic added to `err` that says what failed, on which path,
 * and what git said.  ARCHIVE_ENOTFOUND means "no such revision or path",
 * which callers usually turn into a user-facing answer rather than a crash.
 */
#ifndef GAVEL_ARCHIVE_H
#define GAVEL_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define ARCHIVE_ERROR (-1)
#define ARCHIVE_ENOTFOUND (-3)

/* The marker file at the root of a minutes repository's work tree. */
#define ARCHIVE_MARKER ".gavel"

struct archive;

/* How archive_locate found the repository (for messages and tests). */
enum archive_origin {
	ARCHIVE_FROM_OPTION,     /* -C DIR / --repo DIR */
	ARCHIVE_FROM_ENV,        /* $GAVEL_REPO */
	ARCHIVE_FROM_ENCLOSING,  /* a minutes repository enclosing the cwd */
	ARCHIVE_FROM_DEFAULT,    /* $XDG_DATA_HOME/gavel/minutes */
};

/* One file to write in a commit.  `data` NULL removes the file. */
struct archive_file {
	const char *path;   /* relative to the repository root, '/'-separated */
	const char *data;
	size_t len;
};

/* One revision in the history of a path. */
struct archive_rev {
	char id[41];          /* full hex id */
	char short_id[8];     /* first 7 hex digits */
	long long time;       /* author time, seconds since the epoch */
	int offset;           /* author's offset from UTC, in minutes */
	char *author_name;
	char *author_email;
	char *summary;        /* first line of the message */
	char *message;        /* whole message */
};

/* An entry of a folder at a revision. */
struct archive_entry {
	char *name;
	bool is_dir;
};

/* Opens the git repository at `path` (its work tree or, for a bare
 * repository, its git directory) as it is, marker or not. */
int archive_open(struct archive **out, const char *path, struct diags *err);

/* Creates a minutes repository at `path` (made if missing; must be empty
 * or absent, or an existing git repository without a marker): git init
 * with the branch `main`, the marker file, and a first commit holding it.
 * With `bare`, a bare repository. */
int archive_init(struct archive **out, const char *path, bool bare,
		 struct diags *err);

/* Finds the repository in gavel's order: `option` (when not NULL), else
 * $GAVEL_REPO, else the nearest folder enclosing the current directory
 * that is a git work tree with the marker at its root, else the default
 * $XDG_DATA_HOME/gavel/minutes (~/.local/share/gavel/minutes), created
 * with archive_init on first use.  `origin` may be NULL. */
int archive_locate(struct archive **out, const char *option,
		   enum archive_origin *origin, struct diags *err);

void archive_free(struct archive *a);

/* The work tree's root, or the git directory of a bare repository. */
const char *archive_path(const struct archive *a);
bool archive_is_bare(const struct archive *a);
/* The git directory (for gavel's own files there, such as the journal). */
const char *archive_gitdir(const struct archive *a);

/* A warning the archive has for the user, once (e.g. no user.name in
 * git's configuration, so a fallback author was used); NULL when none.
 * The string stays owned by the archive. */
const char *archive_take_warning(struct archive *a);

/* Reads `path` as it stood at `rev` (NULL: HEAD) into `out`.
 * `rev` is anything git's rev-parse understands (id, tag, branch, HEAD~2).
 * ARCHIVE_ENOTFOUND when the revision or the path does not exist there
 * (also on an unborn branch), with a diagnostic saying which. */
int archive_read(struct archive *a, const char *rev, const char *path,
		 struct buf *out, struct diags *err);

/* Lists the folder `dir` ("" for the root) at `rev` (NULL: HEAD), sorted
 * by name.  An empty list (not an error) when HEAD is unborn.
 * ARCHIVE_ENOTFOUND when `dir` does not exist or is not a folder.
 * Free with archive_entries_free. */
int archive_list(struct archive *a, const char *rev, const char *dir,
		 struct archive_entry **out, size_t *n, struct diags *err);
void archive_entries_free(struct archive_entry *v, size_t n);

/* Commits `files` on top of HEAD (or as the first commit of an unborn
 * branch) as one commit with `message`, authored by git's user.name and
 * user.email (or a fallback, with a warning).  Only those paths change:
 * whatever else is staged, modified or untracked stays exactly as it was.
 * In a repository with a work tree, each file is first written there
 * atomically (temporary file, fsync, rename) and its index entry updated,
 * so `git status` shows it clean; the index is written durably.  Objects
 * and refs are fsynced.  `id_out` (may be NULL) receives the new commit's
 * full hex id. */
int archive_commit(struct archive *a, const struct archive_file *files,
		   size_t nfiles, const char *message, char id_out[41],
		   struct diags *err);

/* The revisions of HEAD's history that changed `path` (a file or a
 * folder), newest first.  Free with archive_revs_free. */
int archive_log(struct archive *a, const char *path, struct archive_rev **out,
		size_t *n, struct diags *err);
void archive_revs_free(struct archive_rev *v, size_t n);

/* The full hex id `rev` names (NULL: HEAD). ARCHIVE_ENOTFOUND if none. */
int archive_resolve(struct archive *a, const char *rev, char id_out[41],
		    struct diags *err);

/* A file two folders down, "<committee>/<meeting>/<name>", and its blob. */
struct archive_blob {
	char *path;
	char id[41];          /* the blob's full hex id; "" when removed */
};

/* The full hex id of HEAD's tree; "" (and 0) on an unborn branch. */
int archive_head_tree(struct archive *a, char id_out[41], struct diags *err);

/* The files called `name` two folders down in the tree `tree` (a tree id),
 * with their blob ids, in no particular order.  With `since` (a tree id;
 * NULL or "" for none), only those that differ from `since`, and those
 * gone since (with an empty id): the walk skips every folder whose tree
 * is the same in both, so after one commit it reads a handful of trees.
 * ARCHIVE_ENOTFOUND when `tree`, or `since`, is not in the repository.
 * Free with archive_blobs_free. */
int archive_tree_files(struct archive *a, const char *tree, const char *since,
		       const char *name, struct archive_blob **out, size_t *n,
		       struct diags *err);
void archive_blobs_free(struct archive_blob *v, size_t n);

/* Reads the blob `id` (full hex) into `out`.  ARCHIVE_ENOTFOUND if none. */
int archive_read_blob(struct archive *a, const char *id, struct buf *out,
		      struct diags *err);

#endif
