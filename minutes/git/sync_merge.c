/*
 * sync_merge: the half of archive_sync that changes things here (see
 * sync.c for the whole): which meetings each side changed, the work
 * tree's files and the index brought from one tree to another, the branch
 * moved by compare-and-swap, and the merge, or the conflict kept aside.
 */
#include "minutes/git/archive_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- small sets of strings ---- */

bool archive_sync_list_has(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

void archive_sync_list_add(char ***v, size_t *n, const char *s)
{
	if (archive_sync_list_has(*v, *n, s))
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

void archive_sync_list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The unit a path belongs to: the meeting folder COMMITTEE/MEETING for a
 * file inside one, else the path itself. */
static char *archive_sync_unit_of(const char *path)
{
	const char *s1 = strchr(path, '/');
	const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	return s2 ? xstrndup(path, (size_t)(s2 - path)) : xstrdup(path);
}

/* The commit a reference names; false when there is no such reference. */
bool archive_sync_ref_id(struct archive *a, const char *name, git_oid *id)
{
	return git_reference_name_to_id(id, a->repo, name) == 0;
}

/* The units changed from `from` to `to` (either may be NULL: empty). */
static int changed_units(struct archive *a, git_tree *from, git_tree *to,
			 char ***v, size_t *n, struct diags *err)
{
	git_diff *diff = NULL;
	git_diff_options o;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	int rc = git_diff_tree_to_tree(&diff, a->repo, from, to, &o);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot compare two revisions");
		return ARCHIVE_ERROR;
	}
	size_t nd = git_diff_num_deltas(diff);
	for (size_t i = 0; i < nd; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *p = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
		char *u = archive_sync_unit_of(p);
		archive_sync_list_add(v, n, u);
		free(u);
	}
	git_diff_free(diff);
	return 0;
}

/* The id of `path` in `t` (a blob or a folder); zero when absent. */
static void path_id(git_tree *t, const char *path, git_oid *out)
{
	git_tree_entry *e = NULL;
	memset(out, 0, sizeof(*out));
	if (t && git_tree_entry_bypath(&e, t, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		git_tree_entry_free(e);
	}
}

static bool oid_is_zero(const git_oid *id)
{
	static const git_oid zero;
	return git_oid_equal(id, &zero);
}

/* One file of the work tree to bring from HEAD's tree to the new one. */
struct change {
	char *path;
	git_oid old_id, new_id;     /* zero when absent on that side */
	git_filemode_t new_mode;
	bool written;
};

static void changes_free(struct change *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* The work tree and index must hold, for every file that changes, what
 * HEAD has (or already what is coming): otherwise someone's uncommitted
 * work would be overwritten.  Lists every such file. */
static int plan_worktree(struct archive *a, git_tree *from, git_tree *to,
			 struct change **out, size_t *nout, struct diags *err)
{
	git_diff *diff = NULL;
	git_index *idx = NULL;
	git_diff_options o;
	struct change *v = NULL;
	size_t n = 0, cap = 0, refused = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if (archive_index_unlocked(a, "nothing was changed", "sync again", err) < 0)
		return ARCHIVE_ERROR;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	rc = git_diff_tree_to_tree(&diff, a->repo, from, to, &o);
	if (rc == 0)
		rc = git_repository_index(&idx, a->repo);
	if (rc == 0)
		rc = git_index_read(idx, 0);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot compare the work tree with the new revision");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	size_t nd = git_diff_num_deltas(diff);
	for (size_t i = 0; i < nd; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		bool gone = d->status == GIT_DELTA_DELETED;
		const char *path = gone ? d->old_file.path : d->new_file.path;
		xgrow((void **)&v, &cap, n + 1, sizeof(*v));
		struct change *c = &v[n++];
		memset(c, 0, sizeof(*c));
		c->path = xstrdup(path);
		if (d->status != GIT_DELTA_ADDED)
			git_oid_cpy(&c->old_id, &d->old_file.id);
		if (!gone)
			git_oid_cpy(&c->new_id, &d->new_file.id);
		c->new_mode = gone ? GIT_FILEMODE_UNREADABLE : (git_filemode_t)d->new_file.mode;
		if (!gone && c->new_mode != GIT_FILEMODE_BLOB &&
		    c->new_mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
			diags_add(err, a->path, 0, 0, "%s: the remote made it a link or a "
				  "submodule, which gavel does not write; nothing was changed "
				  "(integrate with git instead)", path);
			refused++;
			continue;
		}
		/* What the work tree holds there now. */
		git_oid work;
		struct stat st;
		char *full = archive_join(a->path, path);
		memset(&work, 0, sizeof(work));
		bool present = lstat(full, &st) == 0;
		bool odd = present && !S_ISREG(st.st_mode);
		if (present && !odd &&
		    git_repository_hashfile(&work, a->repo, path, GIT_OBJECT_BLOB, NULL) < 0)
			odd = true;
		free(full);
		bool work_ok = !odd && (git_oid_equal(&work, &c->old_id) ||
					git_oid_equal(&work, &c->new_id));
		const git_index_entry *ie = git_index_get_bypath(idx, path, 0);
		git_oid staged;
		memset(&staged, 0, sizeof(staged));
		if (ie)
			git_oid_cpy(&staged, &ie->id);
		bool conflicted = git_index_get_bypath(idx, path, 1) ||
				  git_index_get_bypath(idx, path, 2) ||
				  git_index_get_bypath(idx, path, 3);
		bool index_ok = !conflicted && (git_oid_equal(&staged, &c->old_id) ||
						git_oid_equal(&staged, &c->new_id));
		if (!work_ok || !index_ok) {
			const char *why = !work_ok && oid_is_zero(&c->old_id)
				? "is in the work tree but not committed"
				: !work_ok ? "has changes that are not committed"
				: "has changes staged in git's index";
			diags_add(err, a->path, 0, 0, "%s %s, and the remote changed it; "
				  "nothing was changed (commit or undo that change, then sync "
				  "again)", path, why);
			refused++;
		}
	}
	rc = refused ? ARCHIVE_ERROR : 0;
out:
	git_index_free(idx);
	git_diff_free(diff);
	if (rc == 0) {
		*out = v;
		*nout = n;
	} else {
		changes_free(v, n);
	}
	return rc;
}

/* Removes the folders of `path` that became empty, up to the root. */
static void prune_folders(struct archive *a, const char *path)
{
	char *p = xstrdup(path);
	for (char *slash = strrchr(p, '/'); slash; slash = strrchr(p, '/')) {
		*slash = '\0';
		char *full = archive_join(a->path, p);
		int rc = rmdir(full);
		free(full);
		if (rc < 0)
			break;
	}
	free(p);
}

/* Sets the work tree's `path` to the blob `id` (zero: removes it). */
static int put_file(struct archive *a, const char *path, const git_oid *id,
		    git_filemode_t mode, struct diags *err)
{
	char *full = archive_join(a->path, path);
	int rc = 0;
	if (oid_is_zero(id)) {
		if (unlink(full) < 0 && errno != ENOENT) {
			diags_add(err, full, 0, 0, "cannot remove: %s", strerror(errno));
			rc = ARCHIVE_ERROR;
		} else {
			prune_folders(a, path);
		}
	} else {
		git_blob *blob = NULL;
		rc = git_blob_lookup(&blob, a->repo, id);
		if (rc < 0) {
			archive_fail(err, a->path, rc, "cannot read %s", path);
			rc = ARCHIVE_ERROR;
		} else {
			rc = archive_write_atomic(full, git_blob_rawcontent(blob),
						  (size_t)git_blob_rawsize(blob), err);
			if (rc == 0 && mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
				mode_t mask = umask(0);
				umask(mask);
				chmod(full, 0777 & ~mask);
			}
			rc = rc < 0 ? ARCHIVE_ERROR : 0;
		}
		git_blob_free(blob);
	}
	free(full);
	return rc;
}

/* Writes the planned files; on a failure, puts back those already
 * written, so the work tree is as it was. */
static int write_worktree(struct archive *a, struct change *v, size_t n,
			  struct diags *err)
{
	for (size_t i = 0; i < n; i++) {
		if (put_file(a, v[i].path, &v[i].new_id, v[i].new_mode, err) == 0) {
			v[i].written = true;
			continue;
		}
		struct diags quiet;
		diags_init(&quiet);
		for (size_t j = 0; j < i; j++)
			put_file(a, v[j].path, &v[j].old_id, GIT_FILEMODE_BLOB, &quiet);
		diags_free(&quiet);
		return ARCHIVE_ERROR;
	}
	return 0;
}

static int write_index(struct archive *a, struct change *v, size_t n,
		       struct diags *err)
{
	git_index *idx = NULL;
	int rc = git_repository_index(&idx, a->repo);
	if (rc == 0)
		rc = git_index_read(idx, 0);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = oid_is_zero(&v[i].new_id) ? git_index_remove_bypath(idx, v[i].path)
					       : git_index_add_bypath(idx, v[i].path);
	if (rc == 0)
		rc = git_index_write(idx);
	git_index_free(idx);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "synced, but could not update git's index "
			     "(git status may show the synced files as changed)");
		return ARCHIVE_ERROR;
	}
	archive_fsync_index(a);
	return 0;
}

/* Moves our branch from `old` (NULL: unborn) to `to`, bringing the work
 * tree's files along first. */
int archive_sync_move_branch(struct sync *s, const git_oid *old, git_tree *old_tree,
			     const git_oid *to, const char *why)
{
	struct archive *a = s->a;
	struct change *v = NULL;
	size_t n = 0;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_reference *ref = NULL;
	int rc = git_commit_lookup(&c, a->repo, to);
	if (rc == 0)
		rc = git_commit_tree(&t, c);
	if (rc < 0) {
		archive_fail(s->err, a->path, rc, "cannot read the remote's revision");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if (!a->bare) {
		if ((rc = plan_worktree(a, old_tree, t, &v, &n, s->err)) < 0)
			goto out;
		if ((rc = write_worktree(a, v, n, s->err)) < 0)
			goto out;
	}
	rc = git_reference_create_matching(&ref, a->repo, s->branch_ref, to, 1, old, why);
	if (rc < 0) {
		archive_fail(s->err, a->path, rc, "cannot move the branch %s", s->out->branch);
		if (!a->bare) {
			struct diags quiet;
			diags_init(&quiet);
			for (size_t i = 0; i < n; i++)
				put_file(a, v[i].path, &v[i].old_id, GIT_FILEMODE_BLOB, &quiet);
			diags_free(&quiet);
		}
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if (changed_units(a, old_tree, t, &s->out->meetings, &s->out->nmeetings, s->err) < 0)
		diags_clear(s->err);    /* only the report is poorer */
	rc = a->bare ? 0 : write_index(a, v, n, s->err);
out:
	git_reference_free(ref);
	changes_free(v, n);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

/* The ref that keeps the remote's side of a conflict: an existing one if
 * it already holds `theirs`, else a new one named by the time. */
static int keep_theirs(struct sync *s, const git_oid *theirs)
{
	struct buf prefix = BUF_INIT, name = BUF_INIT;
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	int rc;
	buf_addf(&prefix, "refs/gavel/conflicts/%s/", s->out->remote);
	struct buf glob = BUF_INIT;
	buf_addf(&glob, "%s*", prefix.data);
	if (git_reference_iterator_glob_new(&it, s->a->repo, glob.data) == 0) {
		while (!s->out->conflict_ref && git_reference_next(&ref, it) == 0) {
			const git_oid *id = git_reference_target(ref);
			if (id && git_oid_equal(id, theirs))
				s->out->conflict_ref = xstrdup(git_reference_name(ref));
			git_reference_free(ref);
			ref = NULL;
		}
		git_reference_iterator_free(it);
	}
	buf_free(&glob);
	if (s->out->conflict_ref) {
		buf_free(&prefix);
		return 0;
	}
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm);
	for (unsigned i = 1; i < 100; i++) {
		buf_reset(&name);
		buf_addf(&name, "%s%s", prefix.data, stamp);
		if (i > 1)
			buf_addf(&name, "-%u", i);
		rc = git_reference_create(&ref, s->a->repo, name.data, theirs, 0,
					  "gavel sync: the remote's side of a conflict");
		git_reference_free(ref);
		ref = NULL;
		if (rc != GIT_EEXISTS)
			break;
	}
	if (rc < 0) {
		archive_fail(s->err, s->a->path, rc, "cannot keep the remote's version under %s",
			     name.data);
		rc = ARCHIVE_ERROR;
	} else {
		s->out->conflict_ref = xstrdup(name.data);
	}
	buf_free(&name);
	buf_free(&prefix);
	return rc;
}

/* Drops the kept conflict refs of this remote that our branch now holds
 * (someone merged them): nothing is lost, and they would only mislead. */
void archive_sync_drop_settled(struct sync *s)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	git_oid head;
	struct buf glob = BUF_INIT;
	if (!archive_sync_ref_id(s->a, s->branch_ref, &head))
		return;
	buf_addf(&glob, "refs/gavel/conflicts/%s/*", s->out->remote);
	if (git_reference_iterator_glob_new(&it, s->a->repo, glob.data) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			const git_oid *id = git_reference_target(ref);
			/* a tag's conflict (sync_tags.c) settles otherwise */
			if (!strncmp(git_reference_name(ref) + glob.len - 1, "confirmed/", 10))
				id = NULL;
			if (id && (git_oid_equal(id, &head) ||
				   git_graph_descendant_of(s->a->repo, &head, id) == 1) &&
			    git_reference_delete(ref) == 0)
				archive_sync_list_add(&s->out->settled, &s->out->nsettled, git_reference_name(ref));
			git_reference_free(ref);
			ref = NULL;
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
	buf_free(&glob);
}

/* Units changed on both sides since `base`, to different ends. */
static int find_conflicts(struct sync *s, git_tree *base, git_tree *ours,
			  git_tree *theirs)
{
	char **mine = NULL, **other = NULL;
	size_t nmine = 0, nother = 0;
	int rc = changed_units(s->a, base, ours, &mine, &nmine, s->err);
	if (rc == 0)
		rc = changed_units(s->a, base, theirs, &other, &nother, s->err);
	for (size_t i = 0; rc == 0 && i < nother; i++) {
		if (!archive_sync_list_has(mine, nmine, other[i]))
			continue;
		git_oid x, y;
		path_id(ours, other[i], &x);
		path_id(theirs, other[i], &y);
		if (!git_oid_equal(&x, &y))
			archive_sync_list_add(&s->out->conflicts, &s->out->nconflicts, other[i]);
	}
	archive_sync_list_free(mine, nmine);
	archive_sync_list_free(other, nother);
	return rc;
}

int archive_sync_tree_of(struct archive *a, const git_oid *commit, git_commit **c,
			 git_tree **t, struct diags *err)
{
	int rc = git_commit_lookup(c, a->repo, commit);
	if (rc == 0)
		rc = git_commit_tree(t, *c);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read a revision");
		return ARCHIVE_ERROR;
	}
	return 0;
}

int archive_sync_merge(struct sync *s, const git_oid *ours_id, const git_oid *theirs_id)
{
	struct archive *a = s->a;
	git_commit *ours = NULL, *theirs = NULL, *base = NULL;
	git_tree *ours_t = NULL, *theirs_t = NULL, *base_t = NULL, *merged_t = NULL;
	git_index *idx = NULL;
	git_signature *sig = NULL;
	git_oid base_id, tree_id, commit_id;
	struct buf msg = BUF_INIT;
	char **incoming = NULL;
	size_t nincoming = 0;
	int rc;

	if ((rc = archive_sync_tree_of(a, ours_id, &ours, &ours_t, s->err)) < 0 ||
	    (rc = archive_sync_tree_of(a, theirs_id, &theirs, &theirs_t, s->err)) < 0)
		goto out;
	rc = git_merge_base(&base_id, a->repo, ours_id, theirs_id);
	if (rc == 0) {
		if ((rc = archive_sync_tree_of(a, &base_id, &base, &base_t, s->err)) < 0)
			goto out;
	} else if (rc != GIT_ENOTFOUND) {
		archive_fail(s->err, a->path, rc, "cannot find where the histories parted");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if ((rc = find_conflicts(s, base_t, ours_t, theirs_t)) < 0)
		goto out;
	if (s->out->nconflicts == 0) {
		git_merge_options mo;
		git_merge_options_init(&mo, GIT_MERGE_OPTIONS_VERSION);
		mo.flags = 0;   /* no rename guessing: a meeting's folder is its id */
		rc = git_merge_commits(&idx, a->repo, ours, theirs, &mo);
		if (rc < 0) {
			archive_fail(s->err, a->path, rc, "cannot merge with %s", s->out->remote);
			rc = ARCHIVE_ERROR;
			goto out;
		}
		if (git_index_has_conflicts(idx)) {
			/* A clash the meeting rule did not see (a file and a
			 * folder of one name, say): name it all the same. */
			git_index_conflict_iterator *ci = NULL;
			const git_index_entry *anc, *o, *t;
			if (git_index_conflict_iterator_new(&ci, idx) == 0) {
				while (git_index_conflict_next(&anc, &o, &t, ci) == 0) {
					const git_index_entry *e = o ? o : t ? t : anc;
					char *u = archive_sync_unit_of(e->path);
					archive_sync_list_add(&s->out->conflicts, &s->out->nconflicts, u);
					free(u);
				}
				git_index_conflict_iterator_free(ci);
			}
			if (s->out->nconflicts == 0)
				archive_sync_list_add(&s->out->conflicts, &s->out->nconflicts, "(the repository)");
		}
	}
	if (s->out->nconflicts) {
		s->out->step = ARCHIVE_SYNC_CONFLICTED;
		rc = keep_theirs(s, theirs_id);
		if (rc == 0)
			rc = ARCHIVE_SYNC_CONFLICT;
		goto out;
	}
	rc = git_index_write_tree_to(&tree_id, idx, a->repo);
	if (rc == 0)
		rc = git_tree_lookup(&merged_t, a->repo, &tree_id);
	if (rc < 0) {
		archive_fail(s->err, a->path, rc, "cannot store the merged revision");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if ((rc = changed_units(a, ours_t, merged_t, &incoming, &nincoming, s->err)) < 0)
		goto out;
	buf_addf(&msg, "Sync with %s: merge\n", s->out->remote);
	if (nincoming) {
		buf_addf(&msg, "\nCame in from %s:\n", s->out->remote);
		for (size_t i = 0; i < nincoming; i++)
			buf_addf(&msg, "  %s\n", incoming[i]);
	}
	archive_add_made_by(&msg);
	if ((rc = archive_signature(a, &sig, s->err)) < 0)
		goto out;
	const git_commit *parents[2] = { ours, theirs };
	rc = git_commit_create(&commit_id, a->repo, NULL, sig, sig, NULL, msg.data,
			       merged_t, 2, parents);
	if (rc < 0) {
		archive_fail(s->err, a->path, rc, "cannot make the merge commit");
		rc = ARCHIVE_ERROR;
		goto out;
	}
	buf_reset(&msg);
	buf_addf(&msg, "gavel sync: merge %s/%s", s->out->remote, s->out->branch);
	rc = archive_sync_move_branch(s, ours_id, ours_t, &commit_id, msg.data);
	if (rc == 0)
		s->out->step = ARCHIVE_SYNC_MERGED;
out:
	archive_sync_list_free(incoming, nincoming);
	buf_free(&msg);
	git_signature_free(sig);
	git_index_free(idx);
	git_tree_free(merged_t);
	git_tree_free(base_t);
	git_tree_free(theirs_t);
	git_tree_free(ours_t);
	git_commit_free(base);
	git_commit_free(theirs);
	git_commit_free(ours);
	return rc;
}
