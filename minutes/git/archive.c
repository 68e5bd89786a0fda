/*
 * archive: the minutes repository as a git repository, through libgit2.
 *
 * With archive_sync.c (fetch, integrate, push) and archive_logcache.c
 * (archive_log_max, through a cache of what each commit changed), the
 * only file of gavel that includes <git2.h>; the helpers they share are
 * declared in archive_priv.h.  Commits are built from HEAD's tree with only the
 * meeting's paths replaced (never from the index), so their cost does not
 * grow with the archive, and whatever the user has staged or left
 * untracked is untouched.  Objects and refs are
 * fsynced by libgit2; the work tree files and the index by us.
 */
#include "minutes/git/archive_priv.h"
#include "minutes/base/gpg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- errors ---- */

void archive_fail(struct diags *err, const char *path, int code,
		  const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	const git_error *e = git_error_last();
	const char *said = e && e->message ? e->message : "unknown error";
	if (code == GIT_EOWNER)
		diags_add(err, path, 0, 0, "%s: the repository is owned by another user, and "
			  "git refuses it for safety (if you trust it: git config --global "
			  "--add safe.directory %s)", b.data, path);
	else if (code == GIT_ELOCKED)
		diags_add(err, path, 0, 0, "%s: another program holds a lock on the "
			  "repository (git said: %s); try again when it has finished", b.data, said);
	else
		diags_add(err, path, 0, 0, "%s: %s", b.data, said);
	buf_free(&b);
}

void archive_init_once(void)
{
	static bool done;
	if (done)
		return;
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	done = true;
}

/* ---- small file-system helpers ---- */

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool archive_exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

static bool dir_empty(const char *p)
{
	DIR *d = opendir(p);
	struct dirent *e;
	bool empty = true;
	if (!d)
		return false;
	/* cppcheck-suppress readdirCalled ; gavel has one thread, and readdir_r is deprecated (glibc) */
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	return empty;
}

char *archive_join(const char *a, const char *b)
{
	struct buf x = BUF_INIT;
	size_t la = strlen(a);
	buf_add(&x, a, la);
	if (la && a[la - 1] != '/')
		buf_addch(&x, '/');
	buf_addstr(&x, b);
	return buf_detach(&x, NULL);
}

static int fsync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

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

static int mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Writes `data` to `path` atomically: a temporary file in the same
 * folder, every write checked, fsync, rename, fsync of the folder. */
int archive_write_atomic(const char *path, const char *data, size_t len,
			struct diags *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	struct buf tmp = BUF_INIT;
	int fd = -1, rc = -1;
	if (slash)
		*slash = '\0';
	if (slash && mkdirs(dir) < 0) {
		diags_add(err, dir, 0, 0, "cannot make the folder: %s", strerror(errno));
		goto out;
	}
	buf_addf(&tmp, "%s.gavel-tmp-%ld", path, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		diags_add(err, tmp.data, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	for (size_t off = 0; off < len; ) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diags_add(err, path, 0, 0, "cannot write: %s", strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		diags_add(err, path, 0, 0, "cannot save to disk (fsync): %s", strerror(errno));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		diags_add(err, path, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path) < 0) {
		diags_add(err, path, 0, 0, "cannot replace the file: %s", strerror(errno));
		goto out;
	}
	fsync_path(slash ? dir : ".", true);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp.len)
		unlink(tmp.data);
	buf_free(&tmp);
	free(dir);
	return rc;
}

/* ---- opening ---- */

static int wrap_repo(struct archive **out, git_repository *repo)
{
	struct archive *a = xcalloc(1, sizeof(*a));
	a->repo = repo;
	a->bare = git_repository_is_bare(repo);
	const char *p = a->bare ? git_repository_path(repo) : git_repository_workdir(repo);
	a->path = xstrdup(p);
	size_t n = strlen(a->path);
	if (n > 1 && a->path[n - 1] == '/')
		a->path[n - 1] = '\0';
	a->gitdir = xstrdup(git_repository_path(repo));
	*out = a;
	return 0;
}

int archive_open(struct archive **out, const char *path, struct diags *err)
{
	git_repository *repo;
	*out = NULL;
	archive_init_once();
	if (!archive_exists(path)) {
		diags_add(err, path, 0, 0, "no such folder; expected a minutes repository "
			  "(make one with gavel init)");
		return ARCHIVE_ERROR;
	}
	int rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc < 0) {
		const git_error *e = git_error_last();
		/* libgit2 1.5 reports a repository of another user as "not
		 * found", naming safe.directory: say what it is. */
		if (e && e->message && strstr(e->message, "safe.directory"))
			archive_fail(err, path, GIT_EOWNER, "cannot open the repository");
		else if (rc == GIT_ENOTFOUND)
			diags_add(err, path, 0, 0, "not a git repository; expected a minutes "
				  "repository (make one with gavel init)");
		else
			archive_fail(err, path, rc, "cannot open the repository");
		return ARCHIVE_ERROR;
	}
	return wrap_repo(out, repo);
}

void archive_free(struct archive *a)
{
	if (!a)
		return;
	git_repository_free(a->repo);
	free(a->path);
	free(a->gitdir);
	free(a->warning);
	free(a);
}

const char *archive_path(const struct archive *a) { return a->path; }
const char *archive_gitdir(const struct archive *a) { return a->gitdir; }
bool archive_is_bare(const struct archive *a) { return a->bare; }

const char *archive_take_warning(struct archive *a)
{
	if (!a->warning || a->warned)
		return NULL;
	a->warned = true;
	return a->warning;
}

static bool has_marker(struct archive *a)
{
	if (!a->bare) {
		char *m = archive_join(a->path, ARCHIVE_MARKER);
		bool yes = archive_exists(m);
		free(m);
		return yes;
	}
	struct buf b = BUF_INIT;
	struct diags quiet;
	diags_init(&quiet);
	bool yes = archive_read(a, NULL, ARCHIVE_MARKER, &b, &quiet) == 0;
	diags_free(&quiet);
	buf_free(&b);
	return yes;
}

int archive_init(struct archive **out, const char *path, bool bare,
		 struct diags *err)
{
	git_repository *repo = NULL;
	struct archive *a = NULL;
	static const char marker[] = "format: gavel-repository/1\n";
	int rc;

	*out = NULL;
	archive_init_once();
	if (archive_exists(path) && !is_dir(path)) {
		diags_add(err, path, 0, 0, "cannot make a repository here: it is a file");
		return ARCHIVE_ERROR;
	}
	if (is_dir(path) && git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		wrap_repo(&a, repo);
		if (has_marker(a)) {
			diags_add(err, path, 0, 0, "already a gavel minutes repository");
			archive_free(a);
			return ARCHIVE_ERROR;
		}
	} else {
		if (is_dir(path) && !dir_empty(path)) {
			diags_add(err, path, 0, 0, "cannot make a repository here: the folder "
				  "holds other files and is not a git repository");
			return ARCHIVE_ERROR;
		}
		git_repository_init_options opts;
		git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		opts.flags = GIT_REPOSITORY_INIT_MKPATH | (bare ? GIT_REPOSITORY_INIT_BARE : 0);
		opts.initial_head = "main";
		rc = git_repository_init_ext(&repo, path, &opts);
		if (rc < 0) {
			archive_fail(err, path, rc, "cannot make a git repository");
			return ARCHIVE_ERROR;
		}
		wrap_repo(&a, repo);
	}
	struct archive_file f = { ARCHIVE_MARKER, marker, sizeof(marker) - 1 };
	if (archive_commit(a, &f, 1, "Start a gavel minutes repository\n", NULL, err) < 0) {
		archive_free(a);
		return ARCHIVE_ERROR;
	}
	*out = a;
	return 0;
}

static char *default_location(struct diags *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;
	if (xdg && xdg[0] == '/') {
		buf_addf(&b, "%s/gavel/minutes", xdg);
	} else if (home && *home) {
		buf_addf(&b, "%s/.local/share/gavel/minutes", home);
	} else {
		diags_add(err, NULL, 0, 0, "no minutes repository: neither -C, GAVEL_REPO, "
			  "XDG_DATA_HOME nor HOME is set");
		return NULL;
	}
	return buf_detach(&b, NULL);
}

int archive_locate(struct archive **out, const char *option,
		   enum archive_origin *origin, struct diags *err)
{
	enum archive_origin o;
	const char *env = getenv("GAVEL_REPO");
	int rc;
	*out = NULL;
	archive_init_once();
	if (option) {
		o = ARCHIVE_FROM_OPTION;
		rc = archive_open(out, option, err);
		goto done;
	}
	if (env && *env) {
		o = ARCHIVE_FROM_ENV;
		rc = archive_open(out, env, err);
		goto done;
	}
	char *cwd = getcwd(NULL, 0);
	for (char *d = cwd; d && *d; ) {
		char *m = archive_join(d, ARCHIVE_MARKER), *g = archive_join(d, ".git");
		struct stat st;
		bool found = stat(m, &st) == 0 && S_ISREG(st.st_mode) && archive_exists(g);
		free(m);
		free(g);
		if (found) {
			o = ARCHIVE_FROM_ENCLOSING;
			rc = archive_open(out, d, err);
			free(cwd);
			goto done;
		}
		char *slash = strrchr(d, '/');
		if (!slash)
			break;
		if (slash == d) {
			if (d[1] == '\0')
				break;
			d[1] = '\0';
		} else {
			*slash = '\0';
		}
	}
	free(cwd);
	o = ARCHIVE_FROM_DEFAULT;
	char *def = default_location(err);
	if (!def)
		return ARCHIVE_ERROR;
	if (!archive_exists(def) || (is_dir(def) && dir_empty(def))) {
		if (mkdirs(def) < 0) {
			diags_add(err, def, 0, 0, "cannot make the folder: %s", strerror(errno));
			free(def);
			return ARCHIVE_ERROR;
		}
		rc = archive_init(out, def, false, err);
	} else {
		rc = archive_open(out, def, err);
	}
	free(def);
done:
	if (rc == 0 && origin)
		*origin = o;
	return rc < 0 ? ARCHIVE_ERROR : 0;
}

/* ---- reading ---- */

/* The tree of `rev` (NULL: HEAD).  ARCHIVE_ENOTFOUND when it has none. */
static int rev_tree(struct archive *a, const char *rev, git_tree **tree,
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

int archive_read(struct archive *a, const char *rev, const char *path,
		 struct buf *out, struct diags *err)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int rc = rev_tree(a, rev, &tree, NULL, err);
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
	rc = git_blob_lookup(&blob, a->repo, git_tree_entry_id(e));
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot read %s", path);
		rc = ARCHIVE_ERROR;
		goto out;
	}
	buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	rc = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
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
	int rc = rev_tree(a, rev, &tree, NULL, err);
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
	int rc = rev_tree(a, rev, &tree, &c, err);
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
static void rev_fill(struct archive_rev *r, const git_commit *c)
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
	int rc = rev_tree(a, rev, &tree, &c, err);
	if (rc == ARCHIVE_ENOTFOUND && !rev)
		diags_add(err, a->path, 0, 0, "no revision: nothing has been committed yet");
	if (rc < 0)
		return rc;
	rev_fill(out, c);
	git_tree_free(tree);
	git_commit_free(c);
	return 0;
}

/* ---- the files of a tree, for indexes ---- */

int archive_head_tree(struct archive *a, char id_out[41], struct diags *err)
{
	git_tree *tree;
	id_out[0] = '\0';
	int rc = rev_tree(a, NULL, &tree, NULL, err);
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

/* ---- committing ---- */

int archive_signature(struct archive *a, git_signature **sig, struct diags *err)
{
	if (git_signature_default(sig, a->repo) == 0)
		return 0;
	/* cppcheck-suppress getpwuidCalled ; gavel has one thread: the static result is not shared */
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw && pw->pw_name ? pw->pw_name : "clerk";
	struct buf email = BUF_INIT;
	buf_addf(&email, "%s@localhost", user);
	int rc = git_signature_now(sig, user, email.data);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot make the commit's author");
		buf_free(&email);
		return ARCHIVE_ERROR;
	}
	if (!a->warning) {
		struct buf w = BUF_INIT;
		buf_addf(&w, "git has no user.name and user.email; committed as %s <%s> "
			 "(set them with git config --global user.name and user.email)",
			 user, email.data);
		a->warning = buf_detach(&w, NULL);
	}
	buf_free(&email);
	return 0;
}

/* The index is rewritten by libgit2 without fsync: make it durable. */
void archive_fsync_index(struct archive *a)
{
	char *p = archive_join(a->gitdir, "index");
	fsync_path(p, false);
	free(p);
	fsync_path(a->gitdir, true);
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

static int update_index(struct archive *a, const struct archive_file *files,
			const git_tree_update *up, size_t nfiles, git_tree *tree,
			struct diags *err)
{
	git_index *idx = NULL;
	struct buf pending = BUF_INIT;
	pending_read(a, &pending);
	/* Only the commit's entries, changed in place (archive_index.c);
	 * libgit2, which reads and writes the whole index, when that declines
	 * or when earlier paths are pending. */
	if (!pending.len) {
		struct index_change *ic = xcalloc(nfiles ? nfiles : 1, sizeof(*ic));
		struct buf why = BUF_INIT;
		for (size_t i = 0; i < nfiles; i++) {
			ic[i].path = files[i].path;
			ic[i].id = files[i].data ? &up[i].id : NULL;
		}
		int r = archive_index_update(a, ic, nfiles, &why);
		free(ic);
		if (r == INDEX_FAILED) {
			diags_add(err, a->path, 0, 0, "committed, but could not update git's "
				  "index (git status shows the meeting's files as changed until "
				  "gavel's next commit puts it right): %s", why.data);
			pending_write(a, files, nfiles, &pending);
		}
		buf_free(&why);
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
	if (!a->bare) {
		/* Another program's lock would stop us half-way: look first. */
		char *lock = archive_join(a->gitdir, "index.lock");
		bool locked = archive_exists(lock);
		if (locked)
			diags_add(err, lock, 0, 0, "another program is using the repository (its "
				  "lock file exists); nothing was written. If no git program is "
				  "running, remove %s and try again", lock);
		free(lock);
		if (locked)
			return ARCHIVE_ERROR;
	}
	rc = rev_tree(a, NULL, &base, &parent, err);
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
	rc = git_commit_create(&commit_id, a->repo, "HEAD", sig, sig, NULL, message,
			       tree, parent ? 1 : 0, parents);
	if (rc < 0) {
		archive_fail(err, a->path, rc, "cannot commit");
		work_tree_restore(a, parent ? base : NULL, files, written);
		rc = ARCHIVE_ERROR;
		goto out;
	}
	if (id_out)
		git_oid_tostr(id_out, 41, &commit_id);
	rc = a->bare ? 0 : update_index(a, files, up, nfiles, tree, err);
out:
	free(up);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	return rc;
}

/* ---- history ---- */

int archive_head_walk(struct archive *a, git_revwalk **out, struct diags *err)
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

void archive_rev_push(struct archive_rev **v, size_t *n, size_t *cap,
		      const git_commit *c)
{
	xgrow((void **)v, cap, *n + 1, sizeof(**v));
	rev_fill(&(*v)[(*n)++], c);
}

/* A shallow clone lacks the commits past its edge, which libgit2's
 * revision walk stops at with an error: there, first parents from HEAD,
 * as far as the history goes. */
int archive_log_shallow(struct archive *a, const char *path, size_t max,
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

/* archive_log_max without the cache (archive_logcache.c has the one that
 * uses it): every commit's trees compared with its parents'. */
int archive_log_plain(struct archive *a, const char *path, size_t max,
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
		return archive_log_shallow(a, path, max, out, n, err);
	rc = archive_head_walk(a, &walk, err);
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
	int rc = rev_tree(a, rev, &tree, NULL, err);
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

/* ---- tags ---- */

#define SIGNATURE_START "-----BEGIN PGP SIGNATURE-----"

bool archive_can_sign(struct archive *a, struct buf *key)
{
	git_config *cfg = NULL;
	git_buf v = { NULL, 0, 0 };
	bool yes = false;
	if (git_repository_config_snapshot(&cfg, a->repo) == 0 &&
	    git_config_get_string_buf(&v, cfg, "user.signingkey") == 0 && v.size > 0 &&
	    gpg_available()) {
		yes = true;
		if (key)
			buf_add(key, v.ptr, v.size);
	}
	git_buf_dispose(&v);
	git_config_free(cfg);
	return yes;
}

/* "Name <email> TIME +HHMM", as git writes a tagger. */
static void add_ident(struct buf *b, const git_signature *s)
{
	int off = s->when.offset;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	buf_addf(b, "%s <%s> %lld %c%02d%02d", s->name, s->email, (long long)s->when.time,
		 sign, off / 60, off % 60);
}

int archive_tag_create(struct archive *a, const char *name, const char *target,
		       const char *message, bool sign, struct diags *err)
{
	git_oid oid, tag_id;
	git_object *obj = NULL;
	git_reference *existing = NULL;
	git_signature *sig = NULL;
	struct buf ref = BUF_INIT, key = BUF_INIT, content = BUF_INIT, armor = BUF_INIT;
	int rc = ARCHIVE_ERROR;

	buf_addf(&ref, "refs/tags/%s", name);
	if (git_oid_fromstr(&oid, target) < 0) {
		diags_add(err, a->path, 0, 0, "cannot tag '%s': not a commit id", target);
		goto out;
	}
	if (!git_reference_is_valid_name(ref.data)) {
		diags_add(err, a->path, 0, 0, "cannot make the tag '%s': not a valid tag name", name);
		goto out;
	}
	if (git_reference_lookup(&existing, a->repo, ref.data) == 0) {
		diags_add(err, a->path, 0, 0, "the tag %s already exists", name);
		goto out;
	}
	int grc = git_object_lookup(&obj, a->repo, &oid, GIT_OBJECT_COMMIT);
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot tag the commit %s", target);
		goto out;
	}
	if (archive_signature(a, &sig, err) < 0)
		goto out;
	if (!sign) {
		grc = git_tag_create(&tag_id, a->repo, name, obj, sig, message, 0);
	} else {
		if (!archive_can_sign(a, &key)) {
			diags_add(err, a->path, 0, 0, "cannot sign the tag %s: git's configuration "
				  "has no user.signingkey, or gpg is not installed", name);
			goto out;
		}
		/* The tag as git writes it; the signature covers all of it. */
		buf_addf(&content, "object %s\ntype commit\ntag %s\ntagger ", target, name);
		add_ident(&content, sig);
		buf_addf(&content, "\n\n%s", message);
		if (content.len && content.data[content.len - 1] != '\n')
			buf_addch(&content, '\n');
		if (gpg_sign(key.data, content.data, content.len, &armor, err) < 0) {
			/* gpg_sign's diagnostic names no path: add ours. */
			diags_add(err, a->path, 0, 0, "the tag %s was not made: it could not be "
				  "signed", name);
			goto out;
		}
		buf_add(&content, armor.data, armor.len);
		grc = git_tag_create_from_buffer(&tag_id, a->repo, content.data, 0);
	}
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot make the tag %s", name);
		goto out;
	}
	rc = 0;
out:
	git_reference_free(existing);
	git_object_free(obj);
	git_signature_free(sig);
	buf_free(&ref);
	buf_free(&key);
	buf_free(&content);
	buf_free(&armor);
	return rc;
}

/* Where an armored signature starts in a tag's raw bytes (at the start
 * of a line of the message), or `len` when it has none. */
static size_t signature_start(const char *data, size_t len, size_t body)
{
	size_t sl = sizeof(SIGNATURE_START) - 1;
	for (size_t i = body; i + sl <= len; i++)
		if ((i == body || data[i - 1] == '\n') && !memcmp(data + i, SIGNATURE_START, sl))
			return i;
	return len;
}

int archive_tag_read(struct archive *a, const char *name, struct archive_tag *out,
		     struct diags *err)
{
	git_reference *ref = NULL, *resolved = NULL;
	git_object *obj = NULL, *peeled = NULL;
	git_odb *odb = NULL;
	git_odb_object *raw = NULL;
	struct buf refname = BUF_INIT;
	int rc = ARCHIVE_ERROR;

	memset(out, 0, sizeof(*out));
	buf_addf(&refname, "refs/tags/%s", name);
	int grc = git_reference_lookup(&ref, a->repo, refname.data);
	if (grc == GIT_ENOTFOUND || grc == GIT_EINVALIDSPEC) {
		diags_add(err, a->path, 0, 0, "no tag %s", name);
		rc = ARCHIVE_ENOTFOUND;
		goto out;
	}
	if (grc == 0)
		grc = git_reference_resolve(&resolved, ref);
	if (grc == 0)
		grc = git_object_lookup(&obj, a->repo, git_reference_target(resolved), GIT_OBJECT_ANY);
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot read the tag %s", name);
		goto out;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0)
		git_oid_tostr(out->target, sizeof(out->target), git_object_id(peeled));
	if (git_object_type(obj) != GIT_OBJECT_TAG) {
		out->tagger = xstrdup("");
		out->message = xstrdup("");
		rc = 0;
		goto out;
	}
	const git_signature *t = git_tag_tagger((git_tag *)obj);
	struct buf who = BUF_INIT;
	if (t)
		buf_addf(&who, "%s <%s>", t->name, t->email);
	out->tagger = buf_detach(&who, NULL);
	grc = git_repository_odb(&odb, a->repo);
	if (grc == 0)
		grc = git_odb_read(&raw, odb, git_object_id(obj));
	if (grc < 0) {
		archive_fail(err, a->path, grc, "cannot read the tag %s", name);
		archive_tag_free(out);
		goto out;
	}
	const char *data = git_odb_object_data(raw);
	size_t len = git_odb_object_size(raw);
	const char *blank = NULL;
	for (size_t i = 0; i + 1 < len && !blank; i++)
		if (data[i] == '\n' && data[i + 1] == '\n')
			blank = data + i + 2;
	size_t body = blank ? (size_t)(blank - data) : len;
	size_t sig = signature_start(data, len, body);
	out->message = xstrndup(data + body, sig - body);
	if (sig < len) {
		out->signature = xstrndup(data + sig, len - sig);
		out->signed_data = xstrndup(data, sig);
		out->signed_len = sig;
	}
	rc = 0;
out:
	git_odb_object_free(raw);
	git_odb_free(odb);
	git_object_free(peeled);
	git_object_free(obj);
	git_reference_free(resolved);
	git_reference_free(ref);
	buf_free(&refname);
	return rc;
}

void archive_tag_free(struct archive_tag *t)
{
	free(t->tagger);
	free(t->message);
	free(t->signature);
	free(t->signed_data);
	memset(t, 0, sizeof(*t));
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int archive_tag_list(struct archive *a, const char *prefix, char ***out,
		     size_t *n, struct diags *err)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct buf full = BUF_INIT;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	buf_addf(&full, "refs/tags/%s", prefix);
	int rc = git_reference_iterator_new(&it, a->repo);
	while (rc == 0 && (rc = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref);
		if (!strncmp(name, full.data, full.len)) {
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			(*out)[(*n)++] = xstrdup(name + strlen("refs/tags/"));
		}
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	buf_free(&full);
	if (rc < 0 && rc != GIT_ITEROVER) {
		archive_fail(err, a->path, rc, "cannot list the tags");
		for (size_t i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return ARCHIVE_ERROR;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_string);
	return 0;
}

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
