/*
 * archive: the minutes repository as a git repository.
 *
 * The git store (minutes/git) is the only part of gavel that talks to
 * git, always in process through libgit2 (gavel never runs the git
 * program).  It opens or creates a repository (repo.c), reads files as
 * they stood at a revision (read.c), commits a set of files as one commit
 * (commit.c, with index.c for git's index), lists the history of a path
 * (log.c; walk.h has its pieces for the search layer's log cache),
 * tags (tag.c), watches paths for changes since a commit (watch.c), and
 * syncs with a remote (sync.c, sync_merge.c).
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

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

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
	long long commit_time; /* committer time, seconds since the epoch */
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
 * and refs are fsynced.  The message gets gavel's trailer
 * (archive_add_made_by).  `id_out` (may be NULL) receives the new commit's
 * full hex id. */
int archive_commit(struct archive *a, const struct archive_file *files,
		   size_t nfiles, const char *message, char id_out[41],
		   struct diags *err);

/* gavel's trailer, on every commit it makes: "Made-by: gavel VERSION",
 * the last line of the message's trailer paragraph. */
#define ARCHIVE_MADE_BY "Made-by:"
/* Adds the trailer to the message in `msg` (archive_commit does): into
 * its last paragraph when that is a trailer paragraph (not the summary),
 * such as a Correction:, else as a paragraph of its own; nothing when the
 * message has it already. */
void archive_add_made_by(struct buf *msg);
/* Whether a commit message carries the trailer (a commit gavel made). */
bool archive_made_by_gavel(const char *message);

/* The revisions of HEAD's history that changed `path` (a file or a
 * folder), newest first, each commit's trees compared with its parents'
 * (logcache_log, minutes/search/logcache.h, gives the same answer from a
 * cache).  Free with archive_revs_free. */
int archive_log(struct archive *a, const char *path, struct archive_rev **out,
		size_t *n, struct diags *err);
/* The same, stopping after the newest `max` revisions (the walk of a long
 * history ends there too). */
int archive_log_max(struct archive *a, const char *path, size_t max,
		    struct archive_rev **out, size_t *n, struct diags *err);
void archive_revs_free(struct archive_rev *v, size_t n);

/* The commit `rev` names (NULL: HEAD): its id, author, date and message.
 * ARCHIVE_ENOTFOUND if none.  Free the strings with archive_rev_clear. */
int archive_commit_info(struct archive *a, const char *rev, struct archive_rev *out,
			struct diags *err);
void archive_rev_clear(struct archive_rev *r);
/* The commit `rev` names (NULL: HEAD; a tag is followed to its commit)
 * as one archive_rev: id, author, times, message.  ARCHIVE_ENOTFOUND if
 * none.  Free with archive_revs_free(*out, 1). */
int archive_rev_info(struct archive *a, const char *rev, struct archive_rev **out,
		     struct diags *err);

/* The full hex id `rev` names (NULL: HEAD). ARCHIVE_ENOTFOUND if none. */
int archive_resolve(struct archive *a, const char *rev, char id_out[41],
		    struct diags *err);

/* ---- syncing with a remote (sync.c) ---- */

/* archive_sync's answer when the same meeting changed on both sides. */
#define ARCHIVE_SYNC_CONFLICT 1

enum archive_sync_step {
	ARCHIVE_SYNC_NOTHING,       /* the remote had nothing new for us */
	ARCHIVE_SYNC_FAST_FORWARD,  /* our branch moved to the remote's */
	ARCHIVE_SYNC_MERGED,        /* a merge commit joins both */
	ARCHIVE_SYNC_CONFLICTED,    /* not integrated: see `conflicts` */
};

/* A meeting whose confirmation tag here and at the remote differ (one of
 * them may be absent: deleted since the two last agreed). */
struct archive_sync_tag {
	char *meeting;          /* the meeting id (committee/date) */
	char here[41];          /* our tag's object id; "" when we have none */
	char there[41];         /* the remote's; "" when it has none */
	char here_commit[41];   /* the commits they name ("" when none) */
	char there_commit[41];
	char *kept;             /* refs/gavel/conflicts/REMOTE/confirmed/ID */
};

/* What archive_sync did, for the caller to report.  Strings are owned by
 * the result; free with archive_sync_result_free (also after a failure:
 * the steps done before it are described). */
struct archive_sync_result {
	char *remote;           /* the remote's name */
	char *url;              /* its URL, as configured */
	char *branch;           /* the branch synced, such as "main" */
	size_t fetched;         /* commits fetched that were new here */
	enum archive_sync_step step;
	char **meetings;        /* what came in: meeting ids (committee/date), */
	size_t nmeetings;       /* or the path of a file outside a meeting */
	char **conflicts;       /* meetings (or files) changed on both sides */
	size_t nconflicts;
	char *conflict_ref;     /* where the remote's commit was kept */
	char **settled;         /* conflict refs removed: our branch holds */
	size_t nsettled;        /* them now (someone merged them) */
	bool pushed;            /* our branch was pushed */
	bool remote_new;        /* the remote had no such branch before */
	unsigned rounds;        /* 2 when a push was rejected and retried */
	/* Confirmation tags (refs/tags/confirmed/ID), by meeting id: */
	char **tags_in;         /* the remote's, taken (we had none) */
	size_t ntags_in;
	char **tags_out;        /* ours, pushed (the remote had none) */
	size_t ntags_out;
	char **tags_waiting;    /* the remote's, not taken: the minutes are */
	size_t ntags_waiting;   /* not confirmed in the remote's branch */
	char **tags_settled;    /* tags that agree again: kept ref removed */
	size_t ntags_settled;
	struct archive_sync_tag *tag_conflicts;   /* tags that differ */
	size_t ntag_conflicts;
};

/* Syncs the current branch with `remote` (NULL: the branch's upstream
 * remote, else "origin"), a remote configured in the repository (a path,
 * a file:// URL, or an ssh URL, with keys from the ssh agent):
 *   1. fetches the remote's branch of the same name into
 *      refs/remotes/REMOTE/BRANCH; on failure nothing else changes;
 *   2. integrates it: nothing to do when our branch already contains it;
 *      a fast-forward when ours is behind; otherwise a merge commit,
 *      unless a meeting (a folder COMMITTEE/DATE) or another file was
 *      changed on both sides since they parted, differently: then nothing
 *      is merged, our branch, index and work tree stay as they were, the
 *      remote's commit is kept under refs/gavel/conflicts/REMOTE/<UTC time>,
 *      and ARCHIVE_SYNC_CONFLICT is returned without pushing;
 *   3. pushes the branch when the remote lacks something of it; a push
 *      rejected because someone pushed meanwhile is retried once from 1;
 *      then the refs kept for conflicts with REMOTE that the branch now
 *      holds (merged by hand) are removed, and listed in `settled`.
 * Confirmation tags (refs/tags/confirmed/ID) travel with the branch, and
 * are never replaced.  For each, the object this clone and
 * the remote last agreed on is kept in refs/gavel/seen/REMOTE/confirmed/ID.
 * A tag only the remote has is taken when we never had it and the
 * minutes are confirmed in the remote's branch (after the branch was
 * integrated; else it waits, listed in `tags_waiting`); one only we have
 * is pushed when the remote never had it (after the branch).  Any other
 * difference (the two name different objects, or one side deleted the
 * tag they had agreed on) is a conflict: neither tag changes, nothing of
 * that tag is pushed, the remote's is kept under
 * refs/gavel/conflicts/REMOTE/confirmed/ID (a blob saying so when the
 * remote has none), it is listed in `tag_conflicts`, and
 * ARCHIVE_SYNC_CONFLICT is returned; the branch still syncs.  The kept
 * ref is removed (`tags_settled`) once the two agree again.
 * A remote that is a local repository with a work tree is refused before
 * anything is fetched: libgit2 cannot push to it.
 * In a work tree, only the files that changed are rewritten, each
 * atomically, and only when the file on disk (and its index entry) is
 * still as last committed (or already as wanted): otherwise the sync
 * stops before changing anything and names the files.  Uncommitted
 * changes to other files stay.  A bare repository just moves its branch.
 * Returns 0, ARCHIVE_SYNC_CONFLICT, or ARCHIVE_ERROR with a diagnostic. */
int archive_sync(struct archive *a, const char *remote,
		 struct archive_sync_result *out, struct diags *err);
void archive_sync_result_free(struct archive_sync_result *r);

/* What a sync kept of a remote's confirmation tag `tag` (such as
 * "confirmed/board/2020-01-01") that differs from ours: one entry per
 * remote, from refs/gavel/conflicts/REMOTE/<tag>. */
struct archive_tag_conflict {
	char *remote;
	char *ref;              /* the kept ref */
	char there[41];         /* the remote's tag object; "" when it has none */
};
int archive_tag_conflicts(struct archive *a, const char *tag,
			  struct archive_tag_conflict **out, size_t *n,
			  struct diags *err);
void archive_tag_conflicts_free(struct archive_tag_conflict *v, size_t n);
/* The id of the file `path` as it stood at `rev` (NULL: HEAD), the blob
 * git stores its bytes as.  ARCHIVE_ENOTFOUND when it is not there. */
int archive_blob_id(struct archive *a, const char *rev, const char *path,
		    char id_out[41], struct diags *err);

/* The id git gives a file holding `data` (a blob's SHA-1), computed
 * without a repository. */
void archive_blob_hash(const char *data, size_t len, char id_out[41]);

/* ---- tags ---- */

/* Whether tags can be signed: git's configuration has user.signingkey and
 * gpg is on PATH.  The key is added to `key` when it is not NULL. */
bool archive_can_sign(struct archive *a, struct buf *key);

/* Creates the annotated tag `name` (refs/tags/NAME) on the commit
 * `target` (a full hex id) with `message`, tagged by git's user.name and
 * user.email (as archive_commit's author).  With `sign`, the tag is signed
 * as git tag -s signs it: gpg makes an armored detached signature of the
 * tag's content with user.signingkey, appended to the message.  Refuses a
 * name that is already a tag. */
int archive_tag_create(struct archive *a, const char *name, const char *target,
		       const char *message, bool sign, struct diags *err);

/* An annotated tag as read back. */
struct archive_tag {
	char target[41];        /* the commit it names (peeled) */
	char *tagger;           /* "Name <email>", "" for a lightweight tag */
	char *message;          /* without its signature */
	char *signature;        /* the armored signature, or NULL */
	char *signed_data;      /* the bytes the signature covers, or NULL */
	size_t signed_len;
};

/* Reads the tag `name`.  ARCHIVE_ENOTFOUND when there is no such tag.
 * A lightweight tag reads as one with no tagger and an empty message. */
int archive_tag_read(struct archive *a, const char *name, struct archive_tag *out,
		     struct diags *err);
void archive_tag_free(struct archive_tag *t);

/* The names of the tags that start with `prefix`, sorted.  Free each
 * name and the vector. */
int archive_tag_list(struct archive *a, const char *prefix, char ***out,
		     size_t *n, struct diags *err);

/* ---- changes since a revision ---- */

/* A path watched from a commit on: archive_changes_since fills in the
 * rest. */
struct archive_watch {
	const char *path;           /* in: a file */
	char since[41];             /* in: a commit's full hex id */
	bool reachable;             /* out: `since` is in HEAD's history */
	struct archive_rev *revs;   /* out: the commits reachable from HEAD */
	size_t nrevs;               /*   and not from `since` that changed
				       `path`, newest first */
};

/* Fills in each watch in one walk of HEAD's history back to the oldest
 * `since` (when the history between is a line, as gavel makes it;
 * otherwise one walk a watch).  Free with archive_watches_free. */
int archive_changes_since(struct archive *a, struct archive_watch *w, size_t n,
			  struct diags *err);
void archive_watches_free(struct archive_watch *w, size_t n);
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
