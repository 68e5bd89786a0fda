/*
 * repo: the repository itself (archive.h): opening, creating and finding
 * it, its paths and state, and the helpers every other part of the git
 * store shares (errors in gavel's words, atomic file writes).
 */
#include "minutes/git/archive_priv.h"
#include "minutes/base/fsutil.h"

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
	/* Packs read through windows of 8 MiB, at most 32 MiB mapped at once
	 * (libgit2's defaults on 64 bits: windows of 1 GiB, 8 GiB mapped):
	 * reading every meeting of a large archive otherwise leaves its whole
	 * pack resident, 400 MiB at 100,000 meetings. */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)8 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)32 << 20);
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

int archive_index_unlocked(struct archive *a, const char *nothing_done,
			   const char *retry, struct diags *err)
{
	char *lock = archive_join(a->gitdir, "index.lock");
	bool locked = archive_exists(lock);
	if (locked)
		diags_add(err, lock, 0, 0, "another program is using the repository (its "
			  "lock file exists); %s. If no git program is running, remove %s "
			  "and %s", nothing_done, lock, retry);
	free(lock);
	return locked ? ARCHIVE_ERROR : 0;
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

/* Writes `data` to `path` in the work tree atomically (fsutil_replace),
 * making its folder first when the meeting is new. */
int archive_write_atomic(const char *path, const char *data, size_t len,
			struct diags *err)
{
	const char *slash = strrchr(path, '/');
	if (slash) {
		char *dir = xstrndup(path, (size_t)(slash - path));
		int rc = mkdirs(dir);
		if (rc < 0)
			diags_add(err, dir, 0, 0, "cannot make the folder: %s", strerror(errno));
		free(dir);
		if (rc < 0)
			return -1;
	}
	return fsutil_replace(path, data, len, 0666, "the file", err);
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

/* ---- who commits, and the index made durable ---- */

static const char *env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL (or the committer's) win over the
 * configuration, as they do for git: scripts and shared accounts set them. */
static int signature_from_env(struct archive *a, git_signature **sig)
{
	const char *name = env_set("GIT_AUTHOR_NAME");
	const char *email = env_set("GIT_AUTHOR_EMAIL");
	if (!name)
		name = env_set("GIT_COMMITTER_NAME");
	if (!email)
		email = env_set("GIT_COMMITTER_EMAIL");
	if (!name && !email)
		return 1;
	git_signature *def = NULL;
	if (!name || !email)
		(void)git_signature_default(&def, a->repo);
	if (!name)
		name = def ? def->name : NULL;
	if (!email)
		email = def ? def->email : NULL;
	int rc = name && email ? git_signature_now(sig, name, email) : 1;
	git_signature_free(def);
	return rc == 0 ? 0 : 1;
}

int archive_signature(struct archive *a, git_signature **sig, struct diags *err)
{
	if (signature_from_env(a, sig) == 0)
		return 0;
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
	fsutil_sync_file(p);
	free(p);
	fsutil_sync_dir(a->gitdir);
}
