/*
 * read: files, folders and commits as they stood at a revision
 * (archive.h), and the files of a tree for the search index.
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

/* ---- reading ---- */

/* The tree of `rev` (NULL: HEAD).  ARCHIVE_ENOTFOUND when it has none. */
int archive_rev_tree(struct archive *a, const char *rev, git_tree **tree,
		    git_commit **commit_out, struct diags *err)
{
	git_object *obj = NULL, *peeled = NULL;
	int rc = git_revparse_single(&obj, a->repo, rev ? rev : "HEAD");
	if (rc < 0) {
		if (!rev && (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH))
			return ARCHIVE_ENOTFOUND;   /* nothing committed yet */
		if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
			diags_add(err, a->path, 0, 0, "no revision '%s' in this repository", rev ? rev : "HEAD");
			return ARCHIVE_ENOTFOUND;
		}
		archive_fail(err, a->path, rc, "cannot read revision %s", rev ? rev : "HEAD");
		return ARCHIVE_ERROR;
	}
	rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0) {
		diags_add(err, a->path, 0, 0, "'%s' does not name a revision of the minutes", rev ? rev : "HEAD");
		return ARCHIVE_ENOTFOUND;
	}
	rc = git_commit_tree(tree, (git_commit *)peeled);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read revision %s", rev ? rev : "HEAD");
		git_object_free(peeled);
		return ARCHIVE_ERROR;
	}
	if (commit_out)
		*commit_out = (git_commit *)peeled;
	else
		git_object_free(peeled);
	return 0;
}

int archive_rev_blob(struct archive *a, const char *rev, const char *path,
		     git_blob **out, struct diags *err)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	*out = NULL;
	int rc = archive_rev_tree(a, rev, &tree, NULL, err);
	if (rc < 0) {
		if (rc == ARCHIVE_ENOTFOUND && !rev)
			diags_add(err, a->path, 0, 0, "%s: nothing has been committed yet", path);
		return rc;
	}
	rc = git_tree_entry_bypath(&e, tree, path);
	if (rc < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		diags_add(err, a->path, 0, 0, "no file %s%s%s", path, rev ? " at revision " : "",
			  rev ? rev : "");
		rc = ARCHIVE_ENOTFOUND;
		goto out;
	}
	rc = git_blob_lookup(out, a->repo, git_tree_entry_id(e));
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read %s", path);
		rc = ARCHIVE_ERROR;
	}
out:
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

int archive_read(struct archive *a, const char *rev, const char *path,
		 struct buf *out, struct diags *err)
{
	git_blob *blob;
	int rc = archive_rev_blob(a, rev, path, &blob, err);
	if (rc < 0)
		return rc;
	buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

static int by_name(const void *x, const void *y)
{
	const struct archive_entry *p = x, *q = y;
	return strcmp(p->name, q->name);
}

int archive_list(struct archive *a, const char *rev, const char *dir,
		 struct archive_entry **out, size_t *n, struct diags *err)
{
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = archive_rev_tree(a, rev, &tree, NULL, err);
	if (rc == ARCHIVE_ENOTFOUND && !rev)
		return 0;       /* an unborn branch holds nothing */
	if (rc < 0)
		return rc;
	const git_tree *t = tree;
	if (dir && *dir) {
		rc = git_tree_entry_bypath(&e, tree, dir);
		if (rc < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			diags_add(err, a->path, 0, 0, "no folder %s", dir);
			rc = ARCHIVE_ENOTFOUND;
			goto out;
		}
		rc = git_tree_lookup(&sub, a->repo, git_tree_entry_id(e));
		if (rc < 0) {
			archive_fail(err, a->path, rc, "cannot read the folder %s", dir);
			rc = ARCHIVE_ERROR;
			goto out;
		}
		t = sub;
	}
	size_t count = git_tree_entrycount(t);
	for (size_t i = 0; i < count; i++) {
		const git_tree_entry *x = git_tree_entry_byindex(t, i);
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		(*out)[*n].name = xstrdup(git_tree_entry_name(x));
		(*out)[*n].is_dir = git_tree_entry_type(x) == GIT_OBJECT_TREE;
		(*n)++;
	}
	/* Git orders a tree as if folders' names ended in '/', which puts
	 * "2018-03-14-2" before "2018-03-14": sort by the names themselves. */
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_name);
	rc = 0;
out:
	git_tree_free(sub);
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

void archive_entries_free(struct archive_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int archive_resolve(struct archive *a, const char *rev, char id_out[41],
		    struct diags *err)
{
	git_tree *tree;
	git_commit *c;
	int rc = archive_rev_tree(a, rev, &tree, &c, err);
	if (rc == ARCHIVE_ENOTFOUND && !rev)
		diags_add(err, a->path, 0, 0, "no revision: nothing has been committed yet");
	if (rc < 0)
		return rc;
	git_oid_tostr(id_out, 41, git_commit_id(c));
	git_tree_free(tree);
	git_commit_free(c);
	return 0;
}

/* Fills `r` from commit `c` (its id, author, time and message). */
void archive_rev_fill(struct archive_rev *r, const git_commit *c)
{
	const git_signature *s = git_commit_author(c);
	const char *msg = git_commit_message(c);
	git_oid_tostr(r->id, sizeof(r->id), git_commit_id(c));
	memcpy(r->short_id, r->id, 7);
	r->short_id[7] = '\0';
	r->time = (long long)s->when.time;
	r->offset = s->when.offset;
	r->commit_time = (long long)git_commit_time(c);
	r->author_name = xstrdup(s->name ? s->name : "");
	r->author_email = xstrdup(s->email ? s->email : "");
	r->message = xstrdup(msg ? msg : "");
	r->summary = xstrndup(r->message, strcspn(r->message, "\n"));
}

int archive_commit_info(struct archive *a, const char *rev, struct archive_rev *out,
			struct diags *err)
{
	git_tree *tree;
	git_commit *c;
	memset(out, 0, sizeof(*out));
	int rc = archive_rev_tree(a, rev, &tree, &c, err);
	if (rc == ARCHIVE_ENOTFOUND && !rev)
		diags_add(err, a->path, 0, 0, "no revision: nothing has been committed yet");
	if (rc < 0)
		return rc;
	archive_rev_fill(out, c);
	git_tree_free(tree);
	git_commit_free(c);
	return 0;
}

/* ---- the files of a tree, for indexes ---- */

int archive_head_tree(struct archive *a, char id_out[41], struct diags *err)
{
	git_tree *tree;
	id_out[0] = '\0';
	int rc = archive_rev_tree(a, NULL, &tree, NULL, err);
	if (rc == ARCHIVE_ENOTFOUND)
		return 0;       /* an unborn branch: no tree yet */
	if (rc < 0)
		return rc;
	git_oid_tostr(id_out, 41, git_tree_id(tree));
	git_tree_free(tree);
	return 0;
}

struct blobs {
	struct archive_blob *v;
	size_t n, cap;
};

static void blobs_add(struct blobs *b, const char *dir, const char *name,
		      const git_oid *id)
{
	xgrow((void **)&b->v, &b->cap, b->n + 1, sizeof(*b->v));
	struct archive_blob *x = &b->v[b->n++];
	struct buf p = BUF_INIT;
	buf_addf(&p, "%s/%s", dir, name);
	x->path = buf_detach(&p, NULL);
	if (id)
		git_oid_tostr(x->id, sizeof(x->id), id);
	else
		x->id[0] = '\0';
}

/* Compares the trees `nt` and `ot` (either may be NULL) `depth` folders
 * above the files called `name`, collecting the files that differ. */
static int walk_files(struct archive *a, const git_tree *nt, const git_tree *ot,
		      const char *dir, int depth, const char *name,
		      struct blobs *out)
{
	if (depth == 0) {
		const git_tree_entry *ne = nt ? git_tree_entry_byname(nt, name) : NULL;
		const git_tree_entry *oe = ot ? git_tree_entry_byname(ot, name) : NULL;
		if (ne && git_tree_entry_type(ne) != GIT_OBJECT_BLOB)
			ne = NULL;
		if (oe && git_tree_entry_type(oe) != GIT_OBJECT_BLOB)
			oe = NULL;
		if (ne && (!oe || !git_oid_equal(git_tree_entry_id(ne), git_tree_entry_id(oe))))
			blobs_add(out, dir, name, git_tree_entry_id(ne));
		else if (!ne && oe)
			blobs_add(out, dir, name, NULL);
		return 0;
	}
	for (int side = 0; side < 2; side++) {
		const git_tree *t = side ? ot : nt, *other = side ? nt : ot;
		size_t count = t ? git_tree_entrycount(t) : 0;
		for (size_t i = 0; i < count; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, i);
			if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
				continue;
			const char *en = git_tree_entry_name(e);
			const git_tree_entry *oe = other ? git_tree_entry_byname(other, en) : NULL;
			if (oe && git_tree_entry_type(oe) != GIT_OBJECT_TREE)
				oe = NULL;
			if (side == 1 && oe)
				continue;       /* in both: seen from the new side */
			if (oe && git_oid_equal(git_tree_entry_id(e), git_tree_entry_id(oe)))
				continue;       /* the same folder: nothing in it changed */
			git_tree *sub = NULL, *osub = NULL;
			int rc = git_tree_lookup(&sub, a->repo, git_tree_entry_id(e));
			if (rc == 0 && oe)
				rc = git_tree_lookup(&osub, a->repo, git_tree_entry_id(oe));
			if (rc == 0) {
				struct buf p = BUF_INIT;
				buf_addf(&p, "%s%s%s", dir, *dir ? "/" : "", en);
				rc = side ? walk_files(a, NULL, sub, p.data, depth - 1, name, out)
					  : walk_files(a, sub, osub, p.data, depth - 1, name, out);
				buf_free(&p);
			}
			git_tree_free(sub);
			git_tree_free(osub);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static int lookup_tree(struct archive *a, const char *id, git_tree **out,
		       struct diags *err)
{
	git_oid oid;
	*out = NULL;
	if (git_oid_fromstr(&oid, id) < 0) {
		diags_add(err, a->path, 0, 0, "'%s' is not a tree id", id);
		return ARCHIVE_ENOTFOUND;
	}
	int rc = git_tree_lookup(out, a->repo, &oid);
	if (rc == GIT_ENOTFOUND) {
		diags_add(err, a->path, 0, 0, "no tree %s in this repository", id);
		return ARCHIVE_ENOTFOUND;
	}
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read the tree %s", id);
		return ARCHIVE_ERROR;
	}
	return 0;
}

int archive_tree_files(struct archive *a, const char *tree, const char *since,
		       const char *name, struct archive_blob **out, size_t *n,
		       struct diags *err)
{
	git_tree *nt = NULL, *ot = NULL;
	struct blobs b = { NULL, 0, 0 };
	*out = NULL;
	*n = 0;
	int rc = lookup_tree(a, tree, &nt, err);
	if (rc == 0 && since && *since)
		rc = lookup_tree(a, since, &ot, err);
	if (rc == 0 && walk_files(a, nt, ot, "", 2, name, &b) < 0) {
		archive_fail(err, a->path, -1, "cannot read the tree %s", tree);
		rc = ARCHIVE_ERROR;
	}
	git_tree_free(nt);
	git_tree_free(ot);
	if (rc < 0) {
		archive_blobs_free(b.v, b.n);
		return rc;
	}
	*out = b.v;
	*n = b.n;
	return 0;
}

void archive_blobs_free(struct archive_blob *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

int archive_read_blob(struct archive *a, const char *id, struct buf *out,
		      struct diags *err)
{
	git_oid oid;
	git_blob *blob = NULL;
	if (git_oid_fromstr(&oid, id) < 0) {
		diags_add(err, a->path, 0, 0, "'%s' is not a blob id", id);
		return ARCHIVE_ENOTFOUND;
	}
	int rc = git_blob_lookup(&blob, a->repo, &oid);
	if (rc == GIT_ENOTFOUND) {
		diags_add(err, a->path, 0, 0, "no blob %s in this repository", id);
		return ARCHIVE_ENOTFOUND;
	}
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read the blob %s", id);
		return ARCHIVE_ERROR;
	}
	buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

int archive_rev_info(struct archive *a, const char *rev, struct archive_rev **out,
		     struct diags *err)
{
	struct archive_rev r;
	*out = NULL;
	int rc = archive_commit_info(a, rev, &r, err);
	if (rc < 0)
		return rc;
	*out = xmalloc(sizeof(**out));
	**out = r;
	return 0;
}

void archive_rev_clear(struct archive_rev *r)
{
	free(r->author_name);
	free(r->author_email);
	free(r->summary);
	free(r->message);
	memset(r, 0, sizeof(*r));
}

void archive_revs_free(struct archive_rev *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		archive_rev_clear(&v[i]);
	free(v);
}

int archive_blob_id(struct archive *a, const char *rev, const char *path,
		    char id_out[41], struct diags *err)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int rc = archive_rev_tree(a, rev, &tree, NULL, err);
	if (rc < 0) {
		if (rc == ARCHIVE_ENOTFOUND && !rev)
			diags_add(err, a->path, 0, 0, "%s: nothing has been committed yet", path);
		return rc;
	}
	if (git_tree_entry_bypath(&e, tree, path) < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		diags_add(err, a->path, 0, 0, "no file %s%s%s", path, rev ? " at revision " : "",
			  rev ? rev : "");
		rc = ARCHIVE_ENOTFOUND;
	} else {
		git_oid_tostr(id_out, 41, git_tree_entry_id(e));
	}
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

void archive_blob_hash(const char *data, size_t len, char id_out[41])
{
	git_oid oid;
	archive_init_once();
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0)
		memset(&oid, 0, sizeof(oid));
	git_oid_tostr(id_out, 41, &oid);
}
