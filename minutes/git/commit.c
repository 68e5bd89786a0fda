/*
 * commit: one commit of a set of files (archive_commit), built from HEAD's
 * tree with only those paths replaced (never from the index), so its cost
 * does not grow with the archive and whatever the user has staged or left
 * untracked is untouched.  Objects and refs are fsynced by libgit2; the
 * work tree's files and the index (index.c) by gavel.
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

/* ---- committing ---- */

static bool path_ok(const char *p)
{
	if (!*p || *p == '/')
		return false;
	for (const char *s = p; *s; ) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		if (n == 4 && !strncmp(s, ".git", 4))
			return false;
		s += n + (e ? 1 : 0);
		if (!e)
			break;
	}
	return true;
}

/* An index entry for a file just written with blob `id`: the blob is
 * known, so the file is not read and hashed again, only stat()ed. */
static int index_entry_for(struct archive *a, const char *path, const git_oid *id,
			   git_index_entry *e)
{
	struct stat st;
	char *full = archive_join(a->path, path);
	int rc = lstat(full, &st);
	free(full);
	if (rc < 0)
		return -1;
	memset(e, 0, sizeof(*e));
	e->ctime.seconds = (int32_t)st.st_ctim.tv_sec;
	e->ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	e->mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	e->mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	e->dev = (uint32_t)st.st_dev;
	e->ino = (uint32_t)st.st_ino;
	e->mode = GIT_FILEMODE_BLOB;
	e->uid = (uint32_t)st.st_uid;
	e->gid = (uint32_t)st.st_gid;
	e->file_size = (uint32_t)st.st_size;
	git_oid_cpy(&e->id, id);
	e->path = path;
	return 0;
}

/* Paths whose index entries a failed index write left behind, kept in
 * GITDIR/gavel/index-pending so that the next commit puts them right
 * (otherwise git status shows a committed meeting as deleted, and a plain
 * git commit would delete it). */
static char *pending_path(struct archive *a)
{
	return archive_join(a->gitdir, "gavel/index-pending");
}

static void pending_read(struct archive *a, struct buf *out)
{
	char *p = pending_path(a);
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return;
	char line[4096];
	while (fgets(line, sizeof(line), f))
		buf_addstr(out, line);
	fclose(f);
}

static void pending_write(struct archive *a, const struct archive_file *files,
			  size_t nfiles, const struct buf *old)
{
	struct buf b = BUF_INIT;
	buf_add(&b, old->data, old->len);
	for (size_t i = 0; i < nfiles; i++)
		buf_addf(&b, "%s\n", files[i].path);
	char *dir = archive_join(a->gitdir, "gavel");
	mkdir(dir, 0700);
	free(dir);
	char *p = pending_path(a);
	struct diags quiet;
	diags_init(&quiet);
	archive_write_atomic(p, b.data, b.len, &quiet);
	diags_free(&quiet);
	free(p);
	buf_free(&b);
}

/* Puts the index entry of `path` in step with `tree` and the work tree. */
static int index_sync_path(struct archive *a, git_index *idx, git_tree *tree,
			   const char *path)
{
	git_tree_entry *te = NULL;
	if (git_tree_entry_bypath(&te, tree, path) != 0)
		return git_index_remove_bypath(idx, path) == 0 ? 0 : -1;
	git_index_entry e;
	int rc = index_entry_for(a, path, git_tree_entry_id(te), &e) == 0
		? git_index_add(idx, &e) : git_index_add_bypath(idx, path);
	git_tree_entry_free(te);
	return rc;
}

/* The index after the commit: in place (index.c) with `iu`, read before
 * the commit; libgit2, which reads and writes the whole index, when that
 * declined (iu NULL) or declines now, or when earlier paths are pending.
 * `iu` is used up. */
static int update_index(struct archive *a, struct index_update *iu,
			const struct archive_file *files, const git_tree_update *up,
			size_t nfiles, git_tree *tree, struct diags *err)
{
	git_index *idx = NULL;
	struct buf pending = BUF_INIT;
	pending_read(a, &pending);
	if (iu && pending.len)
		archive_index_abort(iu);
	else if (iu) {
		struct index_change *ic = xcalloc(nfiles ? nfiles : 1, sizeof(*ic));
		struct diags why;
		diags_init(&why);
		for (size_t i = 0; i < nfiles; i++) {
			ic[i].path = files[i].path;
			ic[i].id = files[i].data ? &up[i].id : NULL;
		}
		int r = archive_index_finish(iu, ic, nfiles, &why);
		free(ic);
		if (r == INDEX_FAILED) {
			diags_add(err, a->path, 0, 0, "committed, but could not update git's "
				  "index (git status shows the meeting's files as changed until "
				  "gavel's next commit puts it right): %s",
				  why.n ? why.v[0].msg : "unknown");
			pending_write(a, files, nfiles, &pending);
		}
		diags_free(&why);
		if (r != INDEX_DECLINED) {
			buf_free(&pending);
			return r == INDEX_UPDATED ? 0 : ARCHIVE_ERROR;
		}
	}
	int rc = git_repository_index(&idx, a->repo);
	if (rc == 0)
		rc = git_index_read(idx, 0);
	for (char *p = pending.data; rc == 0 && *p;) {
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (path_ok(p))
			rc = index_sync_path(a, idx, tree, p);
		*nl = '\n';
		p = nl + 1;
	}
	for (size_t i = 0; rc == 0 && i < nfiles; i++) {
		git_index_entry e;
		if (!files[i].data)
			rc = git_index_remove_bypath(idx, files[i].path);
		else if (index_entry_for(a, files[i].path, &up[i].id, &e) == 0)
			rc = git_index_add(idx, &e);
		else
			rc = git_index_add_bypath(idx, files[i].path);
	}
	if (rc == 0)
		rc = git_index_write(idx);
	git_index_free(idx);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "committed, but could not update git's index "
			 "(git status shows the meeting's files as changed until gavel's "
			 "next commit puts it right)");
		pending_write(a, files, nfiles, &pending);
		buf_free(&pending);
		return ARCHIVE_ERROR;
	}
	if (pending.len) {
		char *p = pending_path(a);
		unlink(p);
		free(p);
	}
	buf_free(&pending);
	archive_fsync_index(a);
	return 0;
}

/* archive_index_begin for a commit: 0 with `*iu` (NULL when libgit2 is
 * to update the index after the commit), or ARCHIVE_ERROR when nothing
 * may be committed, with the one line that says why in `err`. */
static int index_begin(struct archive *a, struct index_update **iu, struct diags *err)
{
	struct diags why;
	diags_init(&why);
	int r = a->bare ? INDEX_DECLINED : archive_index_begin(a, iu, &why);
	const char *msg = why.n ? why.v[0].msg : "unknown";
	if (r == INDEX_REFUSED)
		diags_add(err, a->path, 0, 0, "%s", msg);
	else if (r == INDEX_FAILED)
		diags_add(err, a->path, 0, 0, "nothing was written: %s", msg);
	diags_free(&why);
	return r == INDEX_REFUSED || r == INDEX_FAILED ? ARCHIVE_ERROR : 0;
}

bool archive_index_refused(struct archive *a, struct diags *err)
{
	if (a->bare)
		return false;
	struct index_update *iu = NULL;
	struct diags why;
	diags_init(&why);
	int r = archive_index_begin(a, &iu, &why);
	archive_index_abort(iu);
	if (r == INDEX_REFUSED)
		diags_add(err, a->path, 0, 0, "%s", why.n ? why.v[0].msg : "git's index cannot be written");
	diags_free(&why);
	return r == INDEX_REFUSED;
}

/* Puts the work tree's files back as they were in `base` after a commit
 * that failed: a file that was new goes (and its empty folders), one that
 * was changed gets its committed text back.  The caller's text is not
 * lost: the clerk's screen keeps it in its journal, and a failed command
 * says so. */
static void work_tree_restore(struct archive *a, git_tree *base,
			      const struct archive_file *files, size_t nwritten)
{
	for (size_t i = 0; i < nwritten; i++) {
		char *p = archive_join(a->path, files[i].path);
		git_tree_entry *te = NULL;
		git_blob *blob = NULL;
		struct diags quiet;
		diags_init(&quiet);
		if (base && git_tree_entry_bypath(&te, base, files[i].path) == 0 &&
		    git_blob_lookup(&blob, a->repo, git_tree_entry_id(te)) == 0) {
			archive_write_atomic(p, git_blob_rawcontent(blob),
					     (size_t)git_blob_rawsize(blob), &quiet);
		} else if (unlink(p) == 0) {
			/* Empty folders it leaves, up to the root. */
			for (char *slash = strrchr(p, '/'); slash && slash > p + strlen(a->path);
			     slash = strrchr(p, '/')) {
				*slash = '\0';
				if (rmdir(p) < 0)
					break;
			}
		}
		diags_free(&quiet);
		git_blob_free(blob);
		git_tree_entry_free(te);
		free(p);
	}
}

int archive_commit(struct archive *a, const struct archive_file *files,
		   size_t nfiles, const char *message, char id_out[41],
		   struct diags *err)
{
	git_tree *base = NULL, *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	git_tree_update *up = NULL;
	git_oid tree_id, commit_id;
	struct index_update *iu = NULL;
	int rc;

	for (size_t i = 0; i < nfiles; i++)
		if (!path_ok(files[i].path)) {
			diags_add(err, a->path, 0, 0, "refusing to write '%s': not a path inside "
				  "the repository", files[i].path);
			return ARCHIVE_ERROR;
		}
	if (git_repository_head_detached(a->repo) == 1) {
		diags_add(err, a->path, 0, 0, "HEAD is detached (not on a branch), so nothing "
			  "was committed: gavel commits to a branch only, where the work cannot "
			  "be lost. Put HEAD back on one with git switch main (or git switch -c "
			  "NAME to keep this state)");
		return ARCHIVE_ERROR;
	}
	/* Another program's lock would stop us half-way: look first. */
	if (!a->bare && archive_index_unlocked(a, "nothing was written", "try again", err) < 0)
		return ARCHIVE_ERROR;
	/* git's index is locked and read before the commit, as git does: an
	 * index nobody can update (a split index) is refused here, before
	 * anything is committed, not found broken after. */
	if (index_begin(a, &iu, err) < 0)
		return ARCHIVE_ERROR;
	rc = archive_rev_tree(a, NULL, &base, &parent, err);
	if (rc == ARCHIVE_ENOTFOUND) {
		git_treebuilder *tb;
		git_oid empty;
		rc = git_treebuilder_new(&tb, a->repo, NULL);
		if (rc == 0)
			rc = git_treebuilder_write(&empty, tb);
		git_treebuilder_free(tb);
		if (rc == 0)
			rc = git_tree_lookup(&base, a->repo, &empty);
		if (rc < 0) {
			archive_fail(err, a->path, rc, "cannot start the first commit");
			rc = ARCHIVE_ERROR;
			goto out;
		}
	} else if (rc < 0) {
		goto out;
	}

	up = xcalloc(nfiles ? nfiles : 1, sizeof(*up));
	for (size_t i = 0; i < nfiles; i++) {
		up[i].path = files[i].path;
		if (!files[i].data) {
			up[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		up[i].action = GIT_TREE_UPDATE_UPSERT;
		up[i].filemode = GIT_FILEMODE_BLOB;
		rc = git_blob_create_from_buffer(&up[i].id, a->repo, files[i].data, files[i].len);
		if (rc < 0) {
			archive_fail(err, a->path, rc, "cannot store %s", files[i].path);
			rc = ARCHIVE_ERROR;
			goto out;
		}
	}
	rc = git_tree_create_updated(&tree_id, a->repo, base, nfiles, up);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot build the commit's tree");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if (parent && git_oid_equal(&tree_id, git_tree_id(base))) {
		/* Nothing changed: no empty commit. */
		if (id_out)
			git_oid_tostr(id_out, 41, git_commit_id(parent));
		rc = 0;
		goto out;
	}
	rc = git_tree_lookup(&tree, a->repo, &tree_id);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read the commit's tree");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if (archive_signature(a, &sig, err) < 0) {
		rc = ARCHIVE_ERROR;
		goto out;
	}
	/* The work tree, then the commit; when the commit fails, the work
	 * tree is put back as it was, so nothing is left half done. */
	size_t written = 0;
	for (size_t i = 0; !a->bare && i < nfiles; i++) {
		char *p = archive_join(a->path, files[i].path);
		if (files[i].data)
			rc = archive_write_atomic(p, files[i].data, files[i].len, err);
		else if (unlink(p) < 0 && errno != ENOENT)
			diags_add(err, p, 0, 0, "cannot remove: %s", strerror(errno)), rc = -1;
		free(p);
		if (rc < 0) {
			work_tree_restore(a, parent ? base : NULL, files, written);
			rc = ARCHIVE_ERROR;
			goto out;
		}
		written++;
	}
	const git_commit *parents[1] = { parent };
	struct buf msg = BUF_INIT;
	buf_addstr(&msg, message);
	archive_add_made_by(&msg);
	rc = git_commit_create(&commit_id, a->repo, "HEAD", sig, sig, NULL, msg.data,
			       tree, parent ? 1 : 0, parents);
	buf_free(&msg);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot commit");
		work_tree_restore(a, parent ? base : NULL, files, written);
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if (id_out)
		git_oid_tostr(id_out, 41, &commit_id);
	rc = a->bare ? 0 : update_index(a, iu, files, up, nfiles, tree, err);
	iu = NULL;
out:
	archive_index_abort(iu);
	free(up);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	return rc;
}
