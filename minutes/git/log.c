/*
 * log: the history of a path (archive_log), by comparing each commit's
 * trees with its parents', and the pieces of it (walk.h) that the
 * search layer's log cache remembers.
 */
#include "minutes/git/archive_priv.h"
#include "minutes/git/walk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- history ---- */

/* A walk of HEAD's history, newest first in libgit2's topological and
 * time order: 0 with *out set, 1 when there is no history (an unborn
 * branch), or ARCHIVE_ERROR with a diagnostic. */
static int head_walk(struct archive *a, git_revwalk **out, struct diags *err)
{
	git_revwalk *walk = NULL;
	int rc = git_revwalk_new(&walk, a->repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if (rc == 0) {
		rc = git_revwalk_push_head(walk);
		if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
			git_revwalk_free(walk);
			*out = NULL;
			return 1;
		}
	}
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read the history");
		git_revwalk_free(walk);
		*out = NULL;
		return ARCHIVE_ERROR;
	}
	*out = walk;
	return 0;
}

/* Whether the entry at `path` differs between the trees x and y (either
 * may be NULL: no tree).  Goes down only while the two differ, so a path
 * under a folder that did not change costs one lookup in the root. */
static bool path_differs(git_repository *repo, const git_tree *x, const git_tree *y,
			 const char *path)
{
	git_tree *ox = NULL, *oy = NULL;
	const git_tree *cx = x, *cy = y;
	bool differs = false;
	for (const char *s = path; ; ) {
		const char *e = strchr(s, '/');
		char *name = e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
		const git_tree_entry *ex = cx ? git_tree_entry_byname(cx, name) : NULL;
		const git_tree_entry *ey = cy ? git_tree_entry_byname(cy, name) : NULL;
		free(name);
		if (!ex && !ey)
			break;
		if (ex && ey && git_oid_equal(git_tree_entry_id(ex), git_tree_entry_id(ey)))
			break;
		if (!e) {
			differs = true;
			break;
		}
		git_tree *nx = NULL, *ny = NULL;
		if (ex && git_tree_entry_type(ex) == GIT_OBJECT_TREE &&
		    git_tree_lookup(&nx, repo, git_tree_entry_id(ex)) < 0)
			nx = NULL;
		if (ey && git_tree_entry_type(ey) == GIT_OBJECT_TREE &&
		    git_tree_lookup(&ny, repo, git_tree_entry_id(ey)) < 0)
			ny = NULL;
		git_tree_free(ox);
		git_tree_free(oy);
		cx = ox = nx;
		cy = oy = ny;
		s = e + 1;
	}
	git_tree_free(ox);
	git_tree_free(oy);
	return differs;
}

/* Whether commit `c` (with tree `t`) changed `path`: it differs from every
 * parent (a merge that kept one side's version did not change it), or,
 * for a first commit, the path is there. */
bool archive_commit_changed(git_commit *c, git_tree *t, const char *path)
{
	git_repository *repo = git_commit_owner(c);
	unsigned np = git_commit_parentcount(c);
	if (np == 0)
		return path_differs(repo, t, NULL, path);
	for (unsigned i = 0; i < np; i++) {
		git_commit *p = NULL;
		git_tree *pt = NULL;
		bool differs;
		if (git_commit_parent(&p, c, i) == 0 && git_commit_tree(&pt, p) == 0)
			differs = path_differs(repo, t, pt, path);
		else    /* past a shallow clone's edge: as far as history goes */
			differs = path_differs(repo, t, NULL, path);
		git_tree_free(pt);
		git_commit_free(p);
		if (!differs)
			return false;
	}
	return true;
}


void archive_rev_push(struct archive_rev **v, size_t *n, size_t *cap,
		      const git_commit *c)
{
	xgrow((void **)v, cap, *n + 1, sizeof(**v));
	archive_rev_fill(&(*v)[(*n)++], c);
}

/* A shallow clone lacks the commits past its edge, which libgit2's
 * revision walk stops at with an error: there, first parents from HEAD,
 * as far as the history goes. */
static int log_shallow(struct archive *a, const char *path, size_t max,
			struct archive_rev **out, size_t *n, struct diags *err)
{
	git_commit *c = NULL;
	size_t cap = 0;
	git_oid head;
	int rc = git_reference_name_to_id(&head, a->repo, "HEAD");
	if (rc == 0)
		rc = git_commit_lookup(&c, a->repo, &head);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read the history");
		return ARCHIVE_ERROR;
	}
	while (c && *n < max) {
		git_tree *t = NULL;
		if (git_commit_tree(&t, c) == 0 && archive_commit_changed(c, t, path))
			archive_rev_push(out, n, &cap, c);
		git_tree_free(t);
		git_commit *p = NULL;
		if (git_commit_parentcount(c) == 0 || git_commit_parent(&p, c, 0) < 0)
			p = NULL;       /* the root, or the edge of the clone */
		git_commit_free(c);
		c = p;
	}
	git_commit_free(c);
	return 0;
}


int archive_log(struct archive *a, const char *path, struct archive_rev **out,
		size_t *n, struct diags *err)
{
	return archive_log_max(a, path, SIZE_MAX, out, n, err);
}

/* Every commit's trees compared with its parents'. */
int archive_log_max(struct archive *a, const char *path, size_t max,
		    struct archive_rev **out, size_t *n, struct diags *err)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (git_repository_head_unborn(a->repo) == 1)
		return 0;       /* nothing committed yet: no history */
	if (git_repository_is_shallow(a->repo) == 1)
		return log_shallow(a, path, max, out, n, err);
	rc = head_walk(a, &walk, err);
	if (rc)
		return rc > 0 ? 0 : rc;
	while (*n < max && (rc = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *c = NULL;
		git_tree *t = NULL;
		if ((rc = git_commit_lookup(&c, a->repo, &oid)) < 0 ||
		    (rc = git_commit_tree(&t, c)) < 0) {
			git_commit_free(c);
			break;
		}
		if (archive_commit_changed(c, t, path))
			archive_rev_push(out, n, &cap, c);
		git_tree_free(t);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot read the history of %s", path);
		archive_revs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ARCHIVE_ERROR;
	}
	return 0;
}

/* ---- the pieces, for the log cache (walk.h) ---- */

static void oid_out(struct walk_oid *out, const git_oid *id)
{
	memcpy(out->id, id->id, WALK_OID_SIZE);
}

static void oid_in(git_oid *out, const struct walk_oid *id)
{
	git_oid_fromraw(out, id->id);
}

int walk_head(struct archive *a, struct walk_oid *out)
{
	git_oid id;
	if (git_reference_name_to_id(&id, a->repo, "HEAD") < 0)
		return 1;
	oid_out(out, &id);
	return 0;
}

bool walk_is_shallow(struct archive *a)
{
	return git_repository_is_shallow(a->repo) == 1;
}

struct walk {
	struct archive *a;
	git_revwalk *walk;
};

int walk_start(struct walk **out, struct archive *a, struct diags *err)
{
	git_revwalk *walk = NULL;
	*out = NULL;
	int rc = head_walk(a, &walk, err);
	if (rc)
		return rc;
	*out = xmalloc(sizeof(**out));
	(*out)->a = a;
	(*out)->walk = walk;
	return 0;
}

int walk_next(struct walk *w, struct walk_oid *id)
{
	git_oid oid;
	int rc = git_revwalk_next(&oid, w->walk);
	if (rc == GIT_ITEROVER)
		return 1;
	if (rc < 0)
		return rc;
	oid_out(id, &oid);
	return 0;
}

void walk_free(struct walk *w)
{
	if (!w)
		return;
	git_revwalk_free(w->walk);
	free(w);
}

#define KEPT_TREES 256u         /* trees kept between comparisons */

struct walk_differ {
	git_repository *repo;
	struct {
		git_oid id;
		git_tree *t;
	} kept[KEPT_TREES];
};

struct walk_differ *walk_differ_new(struct archive *a)
{
	struct walk_differ *d = xcalloc(1, sizeof(*d));
	d->repo = a->repo;
	return d;
}

void walk_differ_free(struct walk_differ *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < KEPT_TREES; i++)
		git_tree_free(d->kept[i].t);
	free(d);
}

/* The tree `id` (a new reference), from the trees kept or read and kept:
 * a committee's folder that one commit changes is often the one an older
 * commit left. */
static int differ_tree(struct walk_differ *d, const git_oid *id, git_tree **out)
{
	size_t k = id->id[0] % KEPT_TREES;
	git_object *o = NULL;
	int rc;
	if (d->kept[k].t && git_oid_equal(&d->kept[k].id, id)) {
		rc = git_object_dup(&o, (git_object *)d->kept[k].t);
		*out = (git_tree *)o;
		return rc;
	}
	if ((rc = git_tree_lookup(out, d->repo, id)) < 0)
		return rc;
	git_tree_free(d->kept[k].t);
	d->kept[k].t = NULL;
	if (git_object_dup(&o, (git_object *)*out) == 0) {
		d->kept[k].t = (git_tree *)o;
		git_oid_cpy(&d->kept[k].id, id);
	}
	return 0;
}

int walk_parents(struct walk_differ *d, const struct walk_oid *id,
		    struct walk_oid *out, size_t max, size_t *n)
{
	git_oid oid;
	git_commit *c = NULL;
	oid_in(&oid, id);
	int rc = git_commit_lookup(&c, d->repo, &oid);
	if (rc < 0)
		return rc;
	*n = git_commit_parentcount(c);
	for (size_t i = 0; i < *n && i < max; i++)
		oid_out(&out[i], git_commit_parent_id(c, (unsigned)i));
	git_commit_free(c);
	return 0;
}

/* Adds to `u` the names of the trees x and y (either may be NULL) whose
 * entries differ, as archive_commit_changed looks (by name, by id). */
static int differ_units(const git_tree *x, const git_tree *y, const char *dir,
			struct buf *u, uint32_t *count)
{
	for (int side = 0; side < 2; side++) {
		const git_tree *t = side ? y : x, *other = side ? x : y;
		size_t ne = t ? git_tree_entrycount(t) : 0;
		for (size_t i = 0; i < ne; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, i);
			const char *name = git_tree_entry_name(e);
			const git_tree_entry *o = other ? git_tree_entry_byname(other, name) : NULL;
			if (o && (side || git_oid_equal(git_tree_entry_id(e), git_tree_entry_id(o))))
				continue;       /* the same, or seen from x's side */
			if (!*name || strchr(name, '/') || *count >= UINT32_MAX - 1)
				return -1;
			if (*dir) {
				buf_addstr(u, dir);
				buf_addch(u, '/');
			}
			buf_addstr(u, name);
			buf_add(u, "", 1);
			(*count)++;
			if (!*dir && (git_tree_entry_type(e) == GIT_OBJECT_TREE ||
				      (o && git_tree_entry_type(o) == GIT_OBJECT_TREE))) {
				buf_addstr(u, name);
				buf_add(u, "/", 2);
				(*count)++;
			}
		}
	}
	return 0;
}

/* The tree of the entry `name` in `t` (NULL: none, or not a folder), as
 * path_differs goes down. */
static int differ_subtree(struct walk_differ *d, git_tree *t, const char *name,
			  git_tree **out)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, name) : NULL;
	*out = NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;
	return differ_tree(d, git_tree_entry_id(e), out);
}

int walk_differ_names(struct walk_differ *d, const struct walk_oid *id,
			 size_t parent, const char *dir, struct buf *out, uint32_t *count)
{
	git_oid oid;
	git_commit *c = NULL, *p = NULL;
	git_tree *t = NULL, *pt = NULL, *st = NULL, *spt = NULL;
	size_t len = out->len;
	uint32_t was = *count;
	if (!dir)
		dir = "";
	oid_in(&oid, id);
	int rc = git_commit_lookup(&c, d->repo, &oid);
	if (rc == 0) {
		unsigned np = git_commit_parentcount(c);
		if (parent >= (np ? np : 1))
			rc = -1;
		else if (np)
			rc = git_commit_parent(&p, c, (unsigned)parent);
	}
	if (rc == 0)
		rc = differ_tree(d, git_commit_tree_id(c), &t);
	if (rc == 0 && p)
		rc = differ_tree(d, git_commit_tree_id(p), &pt);
	if (rc == 0 && *dir) {
		rc = differ_subtree(d, t, dir, &st);
		if (rc == 0)
			rc = differ_subtree(d, pt, dir, &spt);
	}
	if (rc == 0)
		rc = *dir ? differ_units(st, spt, dir, out, count)
			  : differ_units(t, pt, dir, out, count);
	git_tree_free(spt);
	git_tree_free(st);
	git_tree_free(pt);
	git_tree_free(t);
	git_commit_free(p);
	git_commit_free(c);
	if (rc < 0) {
		if (out->data) {
			out->len = len;
			out->data[len] = '\0';
		}
		*count = was;
	}
	return rc < 0 ? -1 : 0;
}

int walk_changed(struct archive *a, const struct walk_oid *id, const char *path)
{
	git_oid oid;
	git_commit *c = NULL;
	git_tree *t = NULL;
	oid_in(&oid, id);
	int rc = git_commit_lookup(&c, a->repo, &oid);
	if (rc == 0)
		rc = git_commit_tree(&t, c);
	if (rc == 0)
		rc = archive_commit_changed(c, t, path) ? 1 : 0;
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

int walk_rev(struct archive *a, const struct walk_oid *id, struct archive_rev *out,
		struct diags *err)
{
	git_oid oid;
	git_commit *c = NULL;
	memset(out, 0, sizeof(*out));
	oid_in(&oid, id);
	int rc = git_commit_lookup(&c, a->repo, &oid);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read a commit of the history");
		return ARCHIVE_ERROR;
	}
	archive_rev_fill(out, c);
	git_commit_free(c);
	return 0;
}
