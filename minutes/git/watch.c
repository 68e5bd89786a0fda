/*
 * watch: the changes to watched paths since a commit
 * (archive_changes_since), in one walk of HEAD's history.
 */
#include "minutes/git/archive_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- changes since a revision ---- */

struct watch_path {
	const char *path;
	size_t i;               /* its watch */
};

struct watch_since {
	git_oid id;
	size_t i;
};

struct walk {
	git_repository *repo;
	struct watch_path *paths;       /* sorted by path */
	size_t n;
	size_t *hits;                   /* watches changed by this commit */
	size_t nhits, hits_cap;
	struct buf prefix;
};

static int by_path(const void *x, const void *y)
{
	return strcmp(((const struct watch_path *)x)->path, ((const struct watch_path *)y)->path);
}

static int by_since(const void *x, const void *y)
{
	return git_oid_cmp(&((const struct watch_since *)x)->id, &((const struct watch_since *)y)->id);
}

/* The first watched path not before `key` (length `len`, not terminated). */
static size_t lower_bound(const struct walk *w, const char *key, size_t len)
{
	size_t lo = 0, hi = w->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = w->paths[mid].path;
		int c = strncmp(p, key, len);
		if (c < 0 || (c == 0 && strlen(p) < len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void diff_watched(struct walk *w, const git_tree *x, const git_tree *y);

/* One name of the two trees, whose entries (either may be NULL) differ. */
static void diff_entry(struct walk *w, const git_tree_entry *ex, const git_tree_entry *ey)
{
	const char *name = git_tree_entry_name(ex ? ex : ey);
	size_t keep = w->prefix.len;
	buf_addstr(&w->prefix, name);
	bool tx = ex && git_tree_entry_type(ex) == GIT_OBJECT_TREE;
	bool ty = ey && git_tree_entry_type(ey) == GIT_OBJECT_TREE;
	if (tx || ty) {
		buf_addch(&w->prefix, '/');
		size_t k = lower_bound(w, w->prefix.data, w->prefix.len);
		if (k < w->n && !strncmp(w->paths[k].path, w->prefix.data, w->prefix.len)) {
			git_tree *sx = NULL, *sy = NULL;
			if (tx && git_tree_lookup(&sx, w->repo, git_tree_entry_id(ex)) < 0)
				sx = NULL;
			if (ty && git_tree_lookup(&sy, w->repo, git_tree_entry_id(ey)) < 0)
				sy = NULL;
			diff_watched(w, sx, sy);
			git_tree_free(sx);
			git_tree_free(sy);
		}
		w->prefix.len = keep + strlen(name);
		w->prefix.data[w->prefix.len] = '\0';
	}
	if ((ex && !tx) || (ey && !ty)) {
		for (size_t k = lower_bound(w, w->prefix.data, w->prefix.len);
		     k < w->n && !strcmp(w->paths[k].path, w->prefix.data); k++) {
			xgrow((void **)&w->hits, &w->hits_cap, w->nhits + 1, sizeof(*w->hits));
			w->hits[w->nhits++] = w->paths[k].i;
		}
	}
	w->prefix.len = keep;
	w->prefix.data[keep] = '\0';
}

/* The watched files that differ between the trees x and y (either may be
 * NULL), into w->hits: the two sorted entry lists side by side, going
 * down only into folders that differ and hold a watched path. */
static void diff_watched(struct walk *w, const git_tree *x, const git_tree *y)
{
	size_t nx = x ? git_tree_entrycount(x) : 0, ny = y ? git_tree_entrycount(y) : 0;
	size_t i = 0, j = 0;
	while (i < nx || j < ny) {
		const git_tree_entry *ex = i < nx ? git_tree_entry_byindex(x, i) : NULL;
		const git_tree_entry *ey = j < ny ? git_tree_entry_byindex(y, j) : NULL;
		int c = !ex ? 1 : !ey ? -1 : git_tree_entry_cmp(ex, ey);
		if (c == 0 && !strcmp(git_tree_entry_name(ex), git_tree_entry_name(ey))) {
			if (!git_oid_equal(git_tree_entry_id(ex), git_tree_entry_id(ey)))
				diff_entry(w, ex, ey);
			i++, j++;
		} else if (c <= 0) {
			diff_entry(w, ex, NULL);
			i++;
		} else {
			diff_entry(w, NULL, ey);
			j++;
		}
	}
}

/* One watch on its own: HEAD's history down to `since`, any shape. */
static int watch_alone(struct archive *a, const git_oid *head, struct archive_watch *w,
		       struct diags *err)
{
	git_oid since, oid;
	git_revwalk *walk = NULL;
	size_t cap = 0;
	if (git_oid_fromstr(&since, w->since) < 0)
		return 0;
	w->reachable = git_oid_equal(head, &since) ||
		       git_graph_descendant_of(a->repo, head, &since) == 1;
	if (!w->reachable)
		return 0;
	int rc = git_revwalk_new(&walk, a->repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if (rc == 0)
		rc = git_revwalk_push(walk, head);
	if (rc == 0)
		rc = git_revwalk_hide(walk, &since);
	while (rc == 0 && (rc = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *c = NULL;
		git_tree *t = NULL;
		if ((rc = git_commit_lookup(&c, a->repo, &oid)) == 0 &&
		    (rc = git_commit_tree(&t, c)) == 0 && archive_commit_changed(c, t, w->path))
			archive_rev_push(&w->revs, &w->nrevs, &cap, c);
		git_tree_free(t);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot read the history of %s", w->path);
		return ARCHIVE_ERROR;
	}
	return 0;
}

int archive_changes_since(struct archive *a, struct archive_watch *w, size_t n,
			  struct diags *err)
{
	struct walk wk = { a->repo, NULL, n, NULL, 0, 0, BUF_INIT };
	struct watch_since *since = NULL;
	size_t *caps = NULL, left = n;
	git_revwalk *walk = NULL;
	git_reference *headref = NULL;
	git_oid head, oid;
	bool merges = false;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		w[i].reachable = false;
		w[i].revs = NULL;
		w[i].nrevs = 0;
	}
	if (n == 0 || git_repository_head_unborn(a->repo) == 1)
		return 0;
	rc = git_reference_name_to_id(&head, a->repo, "HEAD");
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read HEAD");
		return ARCHIVE_ERROR;
	}
	wk.paths = xcalloc(n, sizeof(*wk.paths));
	since = xcalloc(n, sizeof(*since));
	caps = xcalloc(n, sizeof(*caps));
	bool *seen = xcalloc(n, sizeof(*seen));
	for (size_t i = 0; i < n; i++) {
		wk.paths[i].path = w[i].path;
		wk.paths[i].i = i;
		since[i].i = i;
		if (git_oid_fromstr(&since[i].id, w[i].since) < 0) {
			seen[i] = true;         /* not a commit: never reachable */
			left--;
		}
	}
	qsort(wk.paths, n, sizeof(*wk.paths), by_path);
	qsort(since, n, sizeof(*since), by_since);

	/* One walk from HEAD.  While the history is a line, a commit met
	 * before `since` is one that `since` does not reach. */
	rc = git_revwalk_new(&walk, a->repo);
	if (rc == 0)
		rc = git_revwalk_push(walk, &head);
	while (rc == 0 && left > 0 && (rc = git_revwalk_next(&oid, walk)) == 0) {
		struct watch_since key = { oid, 0 };
		struct watch_since *hit = bsearch(&key, since, n, sizeof(*since), by_since);
		for (; hit && hit > since && git_oid_equal(&hit[-1].id, &oid); hit--)
			;
		for (; hit && hit < since + n && git_oid_equal(&hit->id, &oid); hit++)
			if (!seen[hit->i]) {
				seen[hit->i] = true;
				w[hit->i].reachable = true;
				left--;
			}
		if (left == 0)
			break;
		git_commit *c = NULL, *p = NULL;
		git_tree *t = NULL, *pt = NULL;
		if ((rc = git_commit_lookup(&c, a->repo, &oid)) == 0 &&
		    (rc = git_commit_tree(&t, c)) == 0) {
			unsigned np = git_commit_parentcount(c);
			if (np > 1) {
				merges = true;
			} else if (np == 1 && ((rc = git_commit_parent(&p, c, 0)) < 0 ||
					       (rc = git_commit_tree(&pt, p)) < 0)) {
				;       /* rc says why */
			} else {
				wk.nhits = 0;
				diff_watched(&wk, t, pt);
				for (size_t k = 0; k < wk.nhits; k++) {
					size_t i = wk.hits[k];
					if (!seen[i] && (k == 0 || wk.hits[k - 1] != i))
						archive_rev_push(&w[i].revs, &w[i].nrevs, &caps[i], c);
				}
			}
		}
		git_tree_free(pt);
		git_commit_free(p);
		git_tree_free(t);
		git_commit_free(c);
		if (merges)
			break;
	}
	git_revwalk_free(walk);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot read the history");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	rc = 0;
	for (size_t i = 0; i < n; i++)
		if (!w[i].reachable || merges) {
			archive_revs_free(w[i].revs, w[i].nrevs);
			w[i].revs = NULL;
			w[i].nrevs = 0;
			w[i].reachable = false;
		}
	/* Merges: each watch walks its own range. */
	for (size_t i = 0; merges && rc == 0 && i < n; i++)
		rc = watch_alone(a, &head, &w[i], err);
out:
	if (rc < 0) {
		archive_watches_free(w, n);
		for (size_t i = 0; i < n; i++)
			w[i].reachable = false;
	}
	git_reference_free(headref);
	buf_free(&wk.prefix);
	free(wk.paths);
	free(wk.hits);
	free(since);
	free(caps);
	free(seen);
	return rc;
}

void archive_watches_free(struct archive_watch *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		archive_revs_free(w[i].revs, w[i].nrevs);
		w[i].revs = NULL;
		w[i].nrevs = 0;
	}
}
