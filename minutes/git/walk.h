/*
 * walk: HEAD's history one commit at a time, and what each commit
 * changed, for a cache of it kept outside git (the search layer's log
 * cache, minutes/search/logcache.h).
 *
 * archive_log (archive.h) answers "which commits changed this path" by
 * comparing every commit's trees with its parents'; most of that time is
 * reading trees.  What a commit changed never changes, so a cache can keep
 * it: these functions give, without any of libgit2's types, the walk of
 * HEAD's history in archive_log's order, a commit's parents, and the names
 * whose entries differ between a commit's tree and a parent's, one folder
 * level at a time, compared exactly as archive_log compares them (by name;
 * equal when their ids are; a side that is not a folder counting as empty).
 *
 * Functions return 0 on success and a negative number on failure, with a
 * diagnostic in `err` where they take one.
 */
#ifndef GAVEL_WALK_H
#define GAVEL_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"

/* A commit's id as git stores it (20 bytes of SHA-1). */
#define WALK_OID_SIZE 20
struct walk_oid {
	unsigned char id[WALK_OID_SIZE];
};

/* The most parents walk_parents gives (an octopus of more is compared
 * by walk_changed alone). */
#define WALK_MAX_PARENTS 255

/* HEAD's commit: 0 with *out set; 1 when there is none (an unborn
 * branch, no HEAD). */
int walk_head(struct archive *a, struct walk_oid *out);

/* Whether the repository is a shallow clone (its history has an edge). */
bool walk_is_shallow(struct archive *a);

/* A walk of HEAD's history, newest first, in archive_log's order
 * (libgit2's topological and time order). */
struct walk;
/* 0 with *out set; 1 when there is no history (an unborn branch). */
int walk_start(struct walk **out, struct archive *a, struct diags *err);
/* 0 with the next commit in *id; 1 at the end; < 0 when the history
 * cannot be read. */
int walk_next(struct walk *w, struct walk_oid *id);
void walk_free(struct walk *w);

/* Compares commits with their parents, keeping the trees it read for the
 * next comparisons (a commit's tree is its child's parent's). */
struct walk_differ;
struct walk_differ *walk_differ_new(struct archive *a);
void walk_differ_free(struct walk_differ *d);

/* The parents of commit `id`, in order: *n of them (at most `max`
 * written to `out`; *n may be more).  < 0 when the commit cannot be read. */
int walk_parents(struct walk_differ *d, const struct walk_oid *id,
		    struct walk_oid *out, size_t max, size_t *n);

/* The names that differ between commit `id`'s tree and its parent number
 * `parent`'s (for a commit without parents, parent 0: against nothing),
 * inside the folder `dir` (NULL or "" for the root; else a name at the
 * root): each added to `out` after `dir` and a '/', ended by a NUL, and
 * counted in *count.  At the root, a name that is a folder on either side
 * is added a second time with a '/' after it ("a" and "a/"), which tells a
 * folder whose insides are not listed yet.  < 0 when a tree cannot be read
 * or a name cannot be told from a path (and `out` is as it was). */
int walk_differ_names(struct walk_differ *d, const struct walk_oid *id,
			 size_t parent, const char *dir, struct buf *out, uint32_t *count);

/* Whether commit `id` changed `path` (archive_log's own test): 1, 0, or
 * < 0 when the commit cannot be read. */
int walk_changed(struct archive *a, const struct walk_oid *id, const char *path);

/* Fills `out` from commit `id`: as archive_log's revisions.  Free with
 * archive_rev_clear. */
int walk_rev(struct archive *a, const struct walk_oid *id, struct archive_rev *out,
		struct diags *err);

#endif
