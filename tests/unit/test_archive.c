/*
 * test_archive: the minutes repository in git (minutes/archive.h).
 *
 * Every test works in its own temporary folder, with HOME, XDG_CONFIG_HOME
 * and XDG_DATA_HOME inside it, so the user's git configuration never
 * matters.  The git program is used as an independent witness: what it
 * says about a repository is what a user typing git commands would see.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <git2.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "minutes/git/archive.h"
#include "minutes/git/archive_priv.h"
#include "minutes/search/logcache.h"
#include "minutes/search/search.h"
#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

#define NAME "Ada Clerk"
#define EMAIL "ada@example.org"

struct fx {
	char *root;         /* the test's temporary folder */
	char *home;
	char *cwd;          /* the folder the test was started in */
	char **owned;       /* strings made by P(), freed by the teardown */
	size_t nowned, cap;
};

/* ---- helpers ---- */

static char *vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vfmt(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vaddf(&b, fmt, ap);
	return buf_detach(&b, NULL);
}

/* A string that lives until the end of the test. */
static const char *P(struct fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *P(struct fx *fx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vfmt(fmt, ap);
	va_end(ap);
	xgrow((void **)&fx->owned, &fx->cap, fx->nowned + 1, sizeof(*fx->owned));
	fx->owned[fx->nowned++] = s;
	return s;
}

/* Runs a shell command; its exit status. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = vfmt(fmt, ap);
	va_end(ap);
	int rc = system(cmd);
	free(cmd);
	return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

/* Runs a shell command that must succeed; its output without the last
 * newline, owned by the test. */
static const char *out(struct fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *out(struct fx *fx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = vfmt(fmt, ap);
	va_end(ap);
	FILE *f = popen(cmd, "r");
	if (!f)
		fail_msg("cannot run %s", cmd);
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	int rc = pclose(f);
	if (rc != 0)
		fail_msg("command failed (%d): %s\n%s", rc, cmd, b.data);
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	free(cmd);
	const char *s = P(fx, "%s", b.data);
	buf_free(&b);
	return s;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static const char *slurp(struct fx *fx, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	const char *s = P(fx, "%s", b.data);
	buf_free(&b);
	return s;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) < 0)
		fail_msg("cannot make %s: %s", path, strerror(errno));
}

/* Every diagnostic, one a line. */
static const char *diag_text(struct fx *fx, const struct diags *d)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);
		buf_addf(&b, "%s\n", line);
		free(line);
	}
	const char *s = P(fx, "%s", b.data);
	buf_free(&b);
	return s;
}

static void expect_contains(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("expected \"%s\" in:\n%s", want, text);
}

/* The same folder, however each spells it. */
static void expect_same_dir(const char *got, const char *want)
{
	char *g = realpath(got, NULL), *w = realpath(want, NULL);
	if (!g || !w || strcmp(g, w) != 0)
		fail_msg("expected the folder %s, got %s", want, got);
	free(g);
	free(w);
}

/* The user's git identity, in the test's HOME. */
static void set_identity(struct fx *fx)
{
	write_file(P(fx, "%s/.gitconfig", fx->home),
		   "[user]\n\tname = " NAME "\n\temail = " EMAIL "\n");
}

static struct archive *new_repo(struct fx *fx, const char *name)
{
	struct archive *a = NULL;
	struct diags err;
	diags_init(&err);
	int rc = archive_init(&a, P(fx, "%s/%s", fx->root, name), false, &err);
	if (rc != 0)
		fail_msg("archive_init %s: %s", name, diag_text(fx, &err));
	diags_free(&err);
	return a;
}

/* Commits one file (data NULL: removes it); the new commit's id. */
static const char *commit1(struct fx *fx, struct archive *a, const char *path,
			   const char *data, const char *message)
{
	struct archive_file f = { path, data, data ? strlen(data) : 0 };
	char id[41];
	struct diags err;
	diags_init(&err);
	memset(id, 0, sizeof(id));
	int rc = archive_commit(a, &f, 1, message, id, &err);
	if (rc != 0)
		fail_msg("archive_commit %s: %s", path, diag_text(fx, &err));
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	assert_int_equal(strlen(id), 40);
	return P(fx, "%s", id);
}

/* archive_read that must succeed. */
static const char *read_at(struct fx *fx, struct archive *a, const char *rev,
			   const char *path)
{
	struct buf b = BUF_INIT;
	struct diags err;
	diags_init(&err);
	int rc = archive_read(a, rev, path, &b, &err);
	if (rc != 0)
		fail_msg("archive_read %s at %s: %d %s", path, rev ? rev : "HEAD", rc,
			 diag_text(fx, &err));
	diags_free(&err);
	const char *s = P(fx, "%.*s", (int)b.len, b.data);
	assert_int_equal(strlen(s), b.len);
	buf_free(&b);
	return s;
}

/* archive_read that must answer "not found", with a diagnostic that says
 * what was missing. */
static void read_missing(struct fx *fx, struct archive *a, const char *rev,
			 const char *path, const char *named)
{
	struct buf b = BUF_INIT;
	struct diags err;
	diags_init(&err);
	int rc = archive_read(a, rev, path, &b, &err);
	if (rc != ARCHIVE_ENOTFOUND)
		fail_msg("archive_read %s at %s: expected ARCHIVE_ENOTFOUND, got %d",
			 path, rev ? rev : "HEAD", rc);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), named);
	diags_free(&err);
	buf_free(&b);
}

/* ---- the fixture ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel-archive.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fx->root = buf_detach(&b, NULL);
	if (!mkdtemp(fx->root)) {
		fprintf(stderr, "mkdtemp %s: %s\n", fx->root, strerror(errno));
		return -1;
	}
	fx->cwd = getcwd(NULL, 0);
	fx->home = xstrdup(P(fx, "%s/home", fx->root));
	make_dir(fx->home);
	make_dir(P(fx, "%s/config", fx->root));
	make_dir(P(fx, "%s/data", fx->root));
	make_dir(P(fx, "%s/system", fx->root));
	setenv("HOME", fx->home, 1);
	setenv("XDG_CONFIG_HOME", P(fx, "%s/config", fx->root), 1);
	setenv("XDG_DATA_HOME", P(fx, "%s/data", fx->root), 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	static const char *const unset[] = {
		"GAVEL_REPO", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
		"GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG_GLOBAL",
		"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
		"GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE",
		"EMAIL",
	};
	for (size_t i = 0; i < sizeof(unset) / sizeof(unset[0]); i++)
		unsetenv(unset[i]);
	/* libgit2 reads $HOME and $XDG_CONFIG_HOME once, when it starts, and
	 * ignores GIT_CONFIG_NOSYSTEM: make it look again, and at an empty
	 * system folder, so each test has only the configuration it wrote. */
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM,
			 P(fx, "%s/system", fx->root));
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, NULL);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, NULL);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	if (fx->cwd && chdir(fx->cwd) < 0)
		fprintf(stderr, "cannot return to %s\n", fx->cwd);
	nftw(fx->root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	git_libgit2_shutdown();
	for (size_t i = 0; i < fx->nowned; i++)
		free(fx->owned[i]);
	free(fx->owned);
	free(fx->root);
	free(fx->home);
	free(fx->cwd);
	free(fx);
	return 0;
}

/* ---- init ---- */

static void test_init_makes_main_with_marker(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	const char *dir = P(fx, "%s/new/minutes", fx->root);   /* parents made too */
	struct archive *a = NULL;
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_init(&a, dir, false, &err), 0);
	assert_int_equal(diags_count(&err), 0);
	assert_non_null(a);
	assert_false(archive_is_bare(a));
	expect_same_dir(archive_path(a), dir);
	expect_same_dir(archive_gitdir(a), P(fx, "%s/.git", dir));
	assert_null(archive_take_warning(a));

	assert_string_equal(out(fx, "git -C '%s' symbolic-ref HEAD", dir), "refs/heads/main");
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", dir), "1");
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD", dir), ARCHIVE_MARKER);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain --untracked-files=all", dir), "");
	assert_string_equal(out(fx, "git -C '%s' log -1 --format='%%an <%%ae>'", dir),
			    NAME " <" EMAIL ">");
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", dir), 0);
	/* The marker on disk is the marker committed. */
	const char *marker = slurp(fx, P(fx, "%s/" ARCHIVE_MARKER, dir));
	assert_true(strlen(marker) > 0);
	assert_string_equal(read_at(fx, a, NULL, ARCHIVE_MARKER), marker);
	archive_free(a);

	/* A second init of the same folder is refused and changes nothing. */
	assert_int_equal(archive_init(&a, dir, false, &err), ARCHIVE_ERROR);
	assert_null(a);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), dir);
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", dir), "1");
	diags_free(&err);
}

static void test_init_refuses_folder_with_files(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	const char *dir = P(fx, "%s/papers", fx->root);
	make_dir(dir);
	write_file(P(fx, "%s/notes.txt", dir), "my own notes\n");
	struct archive *a = NULL;
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_init(&a, dir, false, &err), ARCHIVE_ERROR);
	assert_null(a);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), dir);
	/* Left exactly as it was: no git repository, no marker. */
	assert_false(exists(P(fx, "%s/.git", dir)));
	assert_false(exists(P(fx, "%s/" ARCHIVE_MARKER, dir)));
	assert_string_equal(slurp(fx, P(fx, "%s/notes.txt", dir)), "my own notes\n");
	assert_string_equal(out(fx, "ls -A '%s'", dir), "notes.txt");

	/* Nor a bare one; nor on top of a file. */
	diags_clear(&err);
	assert_int_equal(archive_init(&a, dir, true, &err), ARCHIVE_ERROR);
	assert_int_equal(diags_count(&err), 1);
	assert_string_equal(out(fx, "ls -A '%s'", dir), "notes.txt");
	diags_clear(&err);
	assert_int_equal(archive_init(&a, P(fx, "%s/notes.txt", dir), false, &err), ARCHIVE_ERROR);
	assert_int_equal(diags_count(&err), 1);
	assert_string_equal(slurp(fx, P(fx, "%s/notes.txt", dir)), "my own notes\n");
	diags_free(&err);

	/* An empty folder that exists is fine. */
	const char *empty = P(fx, "%s/empty", fx->root);
	make_dir(empty);
	a = new_repo(fx, "empty");
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD", empty), ARCHIVE_MARKER);
	archive_free(a);
}

static void test_init_in_existing_git_repository(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	/* A repository with history of its own, on a branch not called main. */
	const char *dir = P(fx, "%s/old", fx->root);
	assert_int_equal(sh("git init -q -b trunk '%s'", dir), 0);
	write_file(P(fx, "%s/README", dir), "older than gavel\n");
	assert_int_equal(sh("git -C '%s' add README && git -C '%s' commit -q -m 'Before gavel'",
			    dir, dir), 0);
	const char *before = out(fx, "git -C '%s' rev-parse HEAD", dir);

	struct archive *a = new_repo(fx, "old");
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", dir), "2");
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD~1", dir), before);
	assert_string_equal(out(fx, "git -C '%s' symbolic-ref HEAD", dir), "refs/heads/trunk");
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD | tr '\\n' ' '", dir),
			    ".gavel README ");
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	assert_string_equal(slurp(fx, P(fx, "%s/README", dir)), "older than gavel\n");
	archive_free(a);

	/* And a repository just made with git init, nothing committed. */
	const char *fresh = P(fx, "%s/fresh", fx->root);
	assert_int_equal(sh("git init -q -b main '%s'", fresh), 0);
	a = new_repo(fx, "fresh");
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", fresh), "1");
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD", fresh), ARCHIVE_MARKER);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", fresh), "");
	archive_free(a);
}

/* ---- commit ---- */

static void test_commit_leaves_the_users_changes_alone(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "notes.txt", "tracked\n", "Add notes\n");

	/* The user stages one version of a file and edits it further, edits
	 * a tracked file without staging, and leaves one file untracked. */
	write_file(P(fx, "%s/staged.txt", dir), "staged version\n");
	assert_int_equal(sh("git -C '%s' add staged.txt", dir), 0);
	write_file(P(fx, "%s/staged.txt", dir), "edited after staging\n");
	write_file(P(fx, "%s/notes.txt", dir), "tracked, edited\n");
	write_file(P(fx, "%s/untracked.txt", dir), "not for git\n");
	const char *status = out(fx, "git -C '%s' status --porcelain | LC_ALL=C sort", dir);
	assert_string_equal(status, " M notes.txt\n?? untracked.txt\nAM staged.txt");
	const char *staged = out(fx, "git -C '%s' ls-files -s staged.txt", dir);

	static const char minutes[] = "title: Minutes\nitems: 3\n";
	static const char other[] = "title: Other\n";
	struct archive_file files[] = {
		{ "a/minutes.yaml", minutes, sizeof(minutes) - 1 },
		{ "b/deep/agenda.yaml", other, sizeof(other) - 1 },
	};
	char id[41];
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(a, files, 2, "Record the meeting\n\nIn full.\n", id, &err), 0);
	assert_int_equal(diags_count(&err), 0);

	/* The user's changes, exactly as they were; gavel's files clean. */
	assert_string_equal(out(fx, "git -C '%s' status --porcelain | LC_ALL=C sort", dir), status);
	assert_string_equal(out(fx, "git -C '%s' ls-files -s staged.txt", dir), staged);
	assert_string_equal(out(fx, "git -C '%s' show :staged.txt", dir), "staged version");
	assert_string_equal(slurp(fx, P(fx, "%s/staged.txt", dir)), "edited after staging\n");
	assert_string_equal(slurp(fx, P(fx, "%s/notes.txt", dir)), "tracked, edited\n");
	assert_string_equal(slurp(fx, P(fx, "%s/untracked.txt", dir)), "not for git\n");
	/* The commit holds gavel's files and nothing the user had pending. */
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD | tr '\\n' ' '", dir),
			    ".gavel a/minutes.yaml b/deep/agenda.yaml notes.txt ");
	assert_string_equal(out(fx, "git -C '%s' show HEAD:notes.txt", dir), "tracked");
	assert_string_equal(out(fx, "git -C '%s' diff --name-only HEAD~1 HEAD | tr '\\n' ' '", dir),
			    "a/minutes.yaml b/deep/agenda.yaml ");
	/* On disk and in git, the same bytes. */
	assert_string_equal(slurp(fx, P(fx, "%s/a/minutes.yaml", dir)), minutes);
	assert_string_equal(slurp(fx, P(fx, "%s/b/deep/agenda.yaml", dir)), other);
	assert_string_equal(out(fx, "git -C '%s' cat-file blob HEAD:a/minutes.yaml | od -c", dir),
			    out(fx, "od -c '%s/a/minutes.yaml'", dir));
	/* The message and author as given and configured; the id is HEAD. */
	assert_string_equal(out(fx, "git -C '%s' log -1 --format=%%B", dir),
			    "Record the meeting\n\nIn full.");
	assert_string_equal(out(fx, "git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", dir),
			    NAME " <" EMAIL ">|" NAME " <" EMAIL ">");
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id);
	assert_null(archive_take_warning(a));

	/* The user stages something more between two of gavel's commits. */
	write_file(P(fx, "%s/later.txt", dir), "staged later\n");
	assert_int_equal(sh("git -C '%s' add later.txt", dir), 0);
	const char *id2 = commit1(fx, a, "a/minutes.yaml", "title: Minutes\nitems: 4\n", "Amend\n");
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id2);
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD~1", dir), id);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain | LC_ALL=C sort", dir),
			    " M notes.txt\n?? untracked.txt\nA  later.txt\nAM staged.txt");
	assert_string_equal(slurp(fx, P(fx, "%s/a/minutes.yaml", dir)), "title: Minutes\nitems: 4\n");
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", dir), 0);
	diags_free(&err);
	archive_free(a);
}

static void test_commit_removes_a_file(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "c/2018-03-14/minutes.yaml", "v: 1\n", "Add\n");
	commit1(fx, a, "c/2018-03-14/agenda.yaml", "a: 1\n", "Add agenda\n");
	const char *id = commit1(fx, a, "c/2018-03-14/minutes.yaml", NULL, "Remove the minutes\n");

	assert_false(exists(P(fx, "%s/c/2018-03-14/minutes.yaml", dir)));
	assert_true(exists(P(fx, "%s/c/2018-03-14/agenda.yaml", dir)));
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD | tr '\\n' ' '", dir),
			    ".gavel c/2018-03-14/agenda.yaml ");
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id);
	assert_string_equal(out(fx, "git -C '%s' log -1 --format=%%s", dir), "Remove the minutes");
	read_missing(fx, a, NULL, "c/2018-03-14/minutes.yaml", "c/2018-03-14/minutes.yaml");
	assert_string_equal(read_at(fx, a, "HEAD~1", "c/2018-03-14/minutes.yaml"), "v: 1\n");
	archive_free(a);
}

static void test_commit_without_identity_warns_once(void **state)
{
	struct fx *fx = *state;
	/* No .gitconfig anywhere: the fallback author, and a warning. */
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw && pw->pw_name ? pw->pw_name : "clerk";
	const char *dir = P(fx, "%s/repo", fx->root);
	struct archive *a = new_repo(fx, "repo");
	assert_string_equal(out(fx, "git -C '%s' log -1 --format='%%an <%%ae>'", dir),
			    P(fx, "%s <%s@localhost>", user, user));
	const char *w = archive_take_warning(a);
	assert_non_null(w);
	expect_contains(w, "user.name");
	expect_contains(w, P(fx, "%s@localhost", user));
	assert_null(archive_take_warning(a));

	/* Later commits use the same author and do not warn again. */
	const char *id = commit1(fx, a, "a/minutes.yaml", "x: 1\n", "More\n");
	assert_string_equal(out(fx, "git -C '%s' log -1 --format='%%an <%%ae>'", dir),
			    P(fx, "%s <%s@localhost>", user, user));
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id);
	assert_null(archive_take_warning(a));
	archive_free(a);

	/* A new archive (a new run of gavel) warns again, once. */
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_open(&a, dir, &err), 0);
	assert_null(archive_take_warning(a));       /* nothing committed yet */
	commit1(fx, a, "a/minutes.yaml", "x: 2\n", "Again\n");
	assert_non_null(archive_take_warning(a));
	assert_null(archive_take_warning(a));
	archive_free(a);
	diags_free(&err);
}

/* ---- bare ---- */

static void test_bare_repository(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	const char *dir = P(fx, "%s/minutes.git", fx->root);
	const char *here = P(fx, "%s/cwd", fx->root);
	make_dir(here);
	assert_int_equal(chdir(here), 0);
	struct archive *a = NULL;
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_init(&a, dir, true, &err), 0);
	assert_true(archive_is_bare(a));
	expect_same_dir(archive_path(a), dir);
	expect_same_dir(archive_gitdir(a), dir);
	assert_string_equal(out(fx, "git --git-dir='%s' rev-parse --is-bare-repository", dir), "true");
	assert_string_equal(out(fx, "git --git-dir='%s' symbolic-ref HEAD", dir), "refs/heads/main");
	assert_string_equal(out(fx, "git --git-dir='%s' ls-tree -r --name-only HEAD", dir), ARCHIVE_MARKER);

	const char *listing = out(fx, "ls -A '%s' | tr '\\n' ' '", dir);
	const char *id = commit1(fx, a, "c/2018-03-14/minutes.yaml", "v: 1\n", "Record\n");
	assert_string_equal(out(fx, "git --git-dir='%s' rev-parse HEAD", dir), id);
	assert_string_equal(out(fx, "git --git-dir='%s' show HEAD:c/2018-03-14/minutes.yaml", dir), "v: 1");
	assert_string_equal(out(fx, "git --git-dir='%s' log -1 --format=%%an", dir), NAME);
	/* No work tree anywhere: not in the repository, not in the cwd, not
	 * beside it; no index either. */
	assert_string_equal(out(fx, "ls -A '%s' | tr '\\n' ' '", dir), listing);
	assert_false(exists(P(fx, "%s/c", dir)));
	assert_false(exists(P(fx, "%s/" ARCHIVE_MARKER, dir)));
	assert_false(exists(P(fx, "%s/index", dir)));
	assert_string_equal(out(fx, "ls -A '%s'", here), "");
	assert_string_equal(out(fx, "ls -A '%s' | tr '\\n' ' '", fx->root),
			    "config cwd data home minutes.git system ");
	assert_string_equal(read_at(fx, a, NULL, "c/2018-03-14/minutes.yaml"), "v: 1\n");
	archive_free(a);

	/* Opened again, as gavel would on its next run. */
	assert_int_equal(archive_open(&a, dir, &err), 0);
	assert_true(archive_is_bare(a));
	assert_string_equal(read_at(fx, a, NULL, "c/2018-03-14/minutes.yaml"), "v: 1\n");
	commit1(fx, a, "c/2018-03-14/minutes.yaml", NULL, "Remove\n");
	read_missing(fx, a, NULL, "c/2018-03-14/minutes.yaml", "c/2018-03-14/minutes.yaml");
	assert_int_equal(sh("git --git-dir='%s' fsck --strict --no-progress >/dev/null 2>&1", dir), 0);
	assert_int_equal(diags_count(&err), 0);
	archive_free(a);
	diags_free(&err);
}

/* ---- history ---- */

static void test_log_of_a_path(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	long long t0 = (long long)time(NULL);
	const char *id1 = commit1(fx, a, "a/minutes.yaml", "v: 1\n", "First draft\n\nFrom the notes.\n");
	const char *id2 = commit1(fx, a, "a/minutes.yaml", "v: 2\n", "Second draft\n");
	commit1(fx, a, "b/minutes.yaml", "other\n", "Another meeting\n");
	const char *id3 = commit1(fx, a, "a/minutes.yaml", "v: 3\n", "Approved\n");
	long long t1 = (long long)time(NULL);

	struct archive_rev *v = NULL;
	size_t n = 99;
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_log(a, "a", &v, &n, &err), 0);
	assert_int_equal(n, 3);
	const char *ids[] = { id3, id2, id1 };
	const char *summaries[] = { "Approved", "Second draft", "First draft" };
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(v[i].id, ids[i]);
		assert_memory_equal(v[i].short_id, ids[i], 7);
		assert_int_equal(strlen(v[i].short_id), 7);
		assert_string_equal(v[i].summary, summaries[i]);
		assert_string_equal(v[i].author_name, NAME);
		assert_string_equal(v[i].author_email, EMAIL);
		assert_true(v[i].time >= t0 && v[i].time <= t1);
	}
	assert_string_equal(v[2].message, "First draft\n\nFrom the notes.\n");
	/* What git log says of the same path. */
	assert_string_equal(out(fx, "git -C '%s' log --format=%%H -- a | tr '\\n' ' '", dir),
			    P(fx, "%s %s %s ", id3, id2, id1));
	archive_revs_free(v, n);

	/* The file itself, the other folder, and a path never committed. */
	assert_int_equal(archive_log(a, "a/minutes.yaml", &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].id, id3);
	archive_revs_free(v, n);
	assert_int_equal(archive_log(a, "b", &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].summary, "Another meeting");
	archive_revs_free(v, n);
	n = 99;
	assert_int_equal(archive_log(a, "nowhere/minutes.yaml", &v, &n, &err), 0);
	assert_int_equal(n, 0);
	archive_revs_free(v, n);

	/* Removing the file is part of its history. */
	const char *id4 = commit1(fx, a, "a/minutes.yaml", NULL, "Withdrawn\n");
	assert_int_equal(archive_log(a, "a/minutes.yaml", &v, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].id, id4);
	assert_string_equal(v[0].summary, "Withdrawn");
	archive_revs_free(v, n);
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	archive_free(a);
}

/* ---- reading ---- */

static void test_read_at_revisions(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	const char *id1 = commit1(fx, a, "a/minutes.yaml", "v: 1\n", "One\n");
	const char *id2 = commit1(fx, a, "a/minutes.yaml", "v: 2\n", "Two\n");
	commit1(fx, a, "a/minutes.yaml", "v: 3\n", "Three\n");
	assert_int_equal(sh("git -C '%s' tag approved %s", dir, id1), 0);
	assert_int_equal(sh("git -C '%s' tag -a -m 'Second' draft-2 %s", dir, id2), 0);

	assert_string_equal(read_at(fx, a, NULL, "a/minutes.yaml"), "v: 3\n");
	assert_string_equal(read_at(fx, a, "HEAD", "a/minutes.yaml"), "v: 3\n");
	assert_string_equal(read_at(fx, a, "main", "a/minutes.yaml"), "v: 3\n");
	assert_string_equal(read_at(fx, a, "HEAD~1", "a/minutes.yaml"), "v: 2\n");
	assert_string_equal(read_at(fx, a, "HEAD~2", "a/minutes.yaml"), "v: 1\n");
	assert_string_equal(read_at(fx, a, id1, "a/minutes.yaml"), "v: 1\n");
	assert_string_equal(read_at(fx, a, P(fx, "%.7s", id2), "a/minutes.yaml"), "v: 2\n");
	assert_string_equal(read_at(fx, a, "approved", "a/minutes.yaml"), "v: 1\n");
	assert_string_equal(read_at(fx, a, "draft-2", "a/minutes.yaml"), "v: 2\n");
	/* The file on disk is not what is read: the revision is. */
	write_file(P(fx, "%s/a/minutes.yaml", dir), "edited on disk\n");
	assert_string_equal(read_at(fx, a, NULL, "a/minutes.yaml"), "v: 3\n");

	/* What is not there: named in the diagnostic. */
	read_missing(fx, a, NULL, "a/agenda.yaml", "a/agenda.yaml");
	read_missing(fx, a, "HEAD~1", "zzz/minutes.yaml", "zzz/minutes.yaml");
	read_missing(fx, a, "no-such-tag", "a/minutes.yaml", "no-such-tag");
	read_missing(fx, a, "HEAD~9", "a/minutes.yaml", "HEAD~9");
	read_missing(fx, a, NULL, "a", "a");    /* a folder, not a file */
	read_missing(fx, a, id1, ARCHIVE_MARKER "x", ARCHIVE_MARKER "x");

	char id[41];
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_resolve(a, "approved", id, &err), 0);
	assert_string_equal(id, id1);
	assert_int_equal(archive_resolve(a, NULL, id, &err), 0);
	assert_string_equal(id, out(fx, "git -C '%s' rev-parse HEAD", dir));
	assert_int_equal(diags_count(&err), 0);
	assert_int_equal(archive_resolve(a, "no-such-tag", id, &err), ARCHIVE_ENOTFOUND);
	assert_int_equal(diags_count(&err), 1);
	diags_free(&err);
	archive_free(a);
}

static void test_read_unborn_branch(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	const char *dir = P(fx, "%s/empty", fx->root);
	assert_int_equal(sh("git init -q -b main '%s'", dir), 0);
	struct archive *a = NULL;
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_open(&a, dir, &err), 0);
	read_missing(fx, a, NULL, "a/minutes.yaml", "a/minutes.yaml");
	read_missing(fx, a, "HEAD", "a/minutes.yaml", "HEAD");
	read_missing(fx, a, "main", "a/minutes.yaml", "main");

	struct archive_entry *e = NULL;
	size_t n = 99;
	assert_int_equal(archive_list(a, NULL, "", &e, &n, &err), 0);
	assert_int_equal(n, 0);
	archive_entries_free(e, n);
	struct archive_rev *r = NULL;
	n = 99;
	if (archive_log(a, "a", &r, &n, &err) != 0)
		fail_msg("archive_log on an unborn branch: %s", diag_text(fx, &err));
	assert_int_equal(n, 0);
	archive_revs_free(r, n);
	assert_int_equal(diags_count(&err), 0);

	char id[41];
	assert_int_equal(archive_resolve(a, NULL, id, &err), ARCHIVE_ENOTFOUND);
	assert_int_equal(diags_count(&err), 1);

	/* The first commit of an unborn branch has no parent. */
	diags_clear(&err);
	const char *first = commit1(fx, a, "a/minutes.yaml", "v: 1\n", "First\n");
	assert_string_equal(out(fx, "git -C '%s' rev-list HEAD", dir), first);
	assert_string_equal(read_at(fx, a, NULL, "a/minutes.yaml"), "v: 1\n");
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	diags_free(&err);
	archive_free(a);
}

static void test_list_sorted_with_folders(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	/* Two meetings on one day: git keeps "2018-03-14-2/" before
	 * "2018-03-14/" in its trees, but a list by name has the first
	 * meeting first. */
	static const char yaml[] = "x: 1\n";
	struct archive_file files[] = {
		{ "board/2018-03-14-2/minutes.yaml", yaml, 5 },
		{ "board/2018-03-14/minutes.yaml", yaml, 5 },
		{ "board/2018-03-14.txt", yaml, 5 },
		{ "board/committee.yaml", yaml, 5 },
		{ "board/2017-12-01/minutes.yaml", yaml, 5 },
		{ "audit/2018-01-01/minutes.yaml", yaml, 5 },
		{ "README", yaml, 5 },
	};
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(a, files, sizeof(files) / sizeof(files[0]),
					"Add\n", NULL, &err), 0);

	struct archive_entry *e = NULL;
	size_t n = 0;
	assert_int_equal(archive_list(a, NULL, "board", &e, &n, &err), 0);
	static const char *const names[] = {
		"2017-12-01", "2018-03-14", "2018-03-14-2", "2018-03-14.txt", "committee.yaml",
	};
	static const bool dirs[] = { true, true, true, false, false };
	if (n != 5)
		fail_msg("expected 5 entries, got %zu", n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e[i].name, names[i]) != 0)
			fail_msg("entry %zu: expected %s, got %s", i, names[i], e[i].name);
		assert_int_equal(e[i].is_dir, dirs[i]);
	}
	archive_entries_free(e, n);

	assert_int_equal(archive_list(a, NULL, "", &e, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(e[0].name, ARCHIVE_MARKER);
	assert_false(e[0].is_dir);
	assert_string_equal(e[1].name, "README");
	assert_false(e[1].is_dir);
	assert_string_equal(e[2].name, "audit");
	assert_true(e[2].is_dir);
	assert_string_equal(e[3].name, "board");
	assert_true(e[3].is_dir);
	archive_entries_free(e, n);

	/* At an older revision, the folder as it was. */
	commit1(fx, a, "board/2019-01-01/minutes.yaml", yaml, "Later\n");
	assert_int_equal(archive_list(a, "HEAD~1", "board", &e, &n, &err), 0);
	assert_int_equal(n, 5);
	archive_entries_free(e, n);
	assert_int_equal(archive_list(a, NULL, "board", &e, &n, &err), 0);
	assert_int_equal(n, 6);
	assert_string_equal(e[4].name, "2019-01-01");
	archive_entries_free(e, n);
	assert_int_equal(diags_count(&err), 0);

	/* Not a folder, or not there. */
	assert_int_equal(archive_list(a, NULL, "README", &e, &n, &err), ARCHIVE_ENOTFOUND);
	assert_int_equal(n, 0);
	assert_int_equal(archive_list(a, NULL, "nowhere", &e, &n, &err), ARCHIVE_ENOTFOUND);
	assert_int_equal(n, 0);
	assert_int_equal(diags_count(&err), 2);
	expect_contains(diag_text(fx, &err), "nowhere");
	diags_free(&err);
	archive_free(a);
}

/* ---- finding the repository ---- */

static struct archive *locate(struct fx *fx, const char *option, enum archive_origin want,
			      const char *want_dir)
{
	struct archive *a = NULL;
	enum archive_origin o = (enum archive_origin)-1;
	struct diags err;
	diags_init(&err);
	int rc = archive_locate(&a, option, &o, &err);
	if (rc != 0)
		fail_msg("archive_locate: %s", diag_text(fx, &err));
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	if (o != want)
		fail_msg("expected origin %d, got %d", (int)want, (int)o);
	expect_same_dir(archive_path(a), want_dir);
	return a;
}

static void test_locate_order(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	const char *enc = P(fx, "%s/enclosing", fx->root);
	const char *opt = P(fx, "%s/option", fx->root);
	const char *env = P(fx, "%s/env", fx->root);
	const char *plain = P(fx, "%s/plain", fx->root);
	const char *def = P(fx, "%s/data/gavel/minutes", fx->root);
	archive_free(new_repo(fx, "enclosing"));
	archive_free(new_repo(fx, "env"));
	/* Named explicitly, a repository is used marker or not. */
	assert_int_equal(sh("git init -q '%s'", opt), 0);
	assert_int_equal(sh("git init -q '%s'", plain), 0);
	make_dir(P(fx, "%s/sub", enc));
	make_dir(P(fx, "%s/sub/deeper", enc));
	make_dir(P(fx, "%s/sub", plain));
	assert_int_equal(chdir(P(fx, "%s/sub/deeper", enc)), 0);
	setenv("GAVEL_REPO", env, 1);

	struct archive *a;
	a = locate(fx, opt, ARCHIVE_FROM_OPTION, opt);
	archive_free(a);
	a = locate(fx, NULL, ARCHIVE_FROM_ENV, env);
	archive_free(a);
	setenv("GAVEL_REPO", "", 1);
	a = locate(fx, NULL, ARCHIVE_FROM_ENCLOSING, enc);
	archive_free(a);
	unsetenv("GAVEL_REPO");
	a = locate(fx, NULL, ARCHIVE_FROM_ENCLOSING, enc);
	archive_free(a);
	assert_int_equal(chdir(enc), 0);
	a = locate(fx, NULL, ARCHIVE_FROM_ENCLOSING, enc);
	archive_free(a);

	/* A git repository without the marker is not a minutes repository:
	 * the default one is made, once. */
	assert_int_equal(chdir(P(fx, "%s/sub", plain)), 0);
	assert_false(exists(P(fx, "%s/data/gavel", fx->root)));
	a = locate(fx, NULL, ARCHIVE_FROM_DEFAULT, def);
	archive_free(a);
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD", def), ARCHIVE_MARKER);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", def), "");
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD 2>/dev/null || echo none", plain), "none");
	a = locate(fx, NULL, ARCHIVE_FROM_DEFAULT, def);
	archive_free(a);
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", def), "1");
	assert_false(exists(P(fx, "%s/" ARCHIVE_MARKER, plain)));

	/* Outside any repository; and without XDG_DATA_HOME, under HOME. */
	assert_int_equal(chdir(fx->root), 0);
	a = locate(fx, NULL, ARCHIVE_FROM_DEFAULT, def);
	archive_free(a);
	unsetenv("XDG_DATA_HOME");
	const char *home_def = P(fx, "%s/.local/share/gavel/minutes", fx->home);
	a = locate(fx, NULL, ARCHIVE_FROM_DEFAULT, home_def);
	archive_free(a);
	assert_string_equal(out(fx, "git -C '%s' ls-tree -r --name-only HEAD", home_def), ARCHIVE_MARKER);

	/* A named repository that is not there is an error, not a fallback. */
	struct diags err;
	diags_init(&err);
	const char *gone = P(fx, "%s/gone", fx->root);
	enum archive_origin o = ARCHIVE_FROM_DEFAULT;
	assert_int_equal(archive_locate(&a, gone, &o, &err), ARCHIVE_ERROR);
	assert_null(a);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), gone);
	diags_clear(&err);
	setenv("GAVEL_REPO", gone, 1);
	assert_int_equal(archive_locate(&a, NULL, &o, &err), ARCHIVE_ERROR);
	assert_null(a);
	assert_int_equal(diags_count(&err), 1);
	unsetenv("GAVEL_REPO");
	assert_false(exists(gone));
	diags_free(&err);
	assert_int_equal(chdir(fx->cwd), 0);
}


/* ---- git's index, updated in place ---- */

/* Commits several files at once; the new commit's id. */
static const char *commit_n(struct fx *fx, struct archive *a, const struct archive_file *f,
			    size_t n, const char *message)
{
	char id[41] = "";
	struct diags err;
	diags_init(&err);
	if (archive_commit(a, f, n, message, id, &err) != 0)
		fail_msg("archive_commit: %s", diag_text(fx, &err));
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	return P(fx, "%s", id);
}

/* What git says of the index after one of gavel's commits, when the user
 * has nothing staged: the same files as HEAD, in order, the work tree
 * clean, and (the cache tree's test) `git write-tree` gives HEAD's tree:
 * a folder left marked valid with its old tree would give another. */
static void expect_index_is_head(struct fx *fx, const char *dir)
{
	assert_int_equal(sh("git -C '%s' diff --cached --quiet", dir), 0);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	assert_string_equal(out(fx, "git -C '%s' ls-files -s | awk '{print $1, $2, $4}'", dir),
			    out(fx, "git -C '%s' ls-tree -r HEAD | awk '{print $1, $3, $4}'", dir));
	assert_int_equal(sh("git -C '%s' ls-files | LC_ALL=C sort -c", dir), 0);
	assert_string_equal(out(fx, "git -C '%s' write-tree", dir),
			    out(fx, "git -C '%s' rev-parse 'HEAD^{tree}'", dir));
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", dir), 0);
	/* The checksum that ends the index, against coreutils' SHA-1. */
	assert_string_equal(out(fx, "head -c -20 '%s/.git/index' | sha1sum | cut -c1-40", dir),
			    out(fx, "tail -c 20 '%s/.git/index' | od -An -tx1 | tr -d ' \\n'", dir));
}

/* Whether the index file holds a cache tree extension. */
static bool index_has_tree(struct fx *fx, const char *dir)
{
	return sh("grep -q TREE '%s/.git/index'", dir) == 0 && fx;
}

/* An index with a whole cache tree (git write-tree): gavel's commits
 * change only their entries, in place, replacing, inserting before the
 * first entry, after the last and in the middle (where git's byte order
 * puts "m-x/" and "m.yaml" before "m/"), and removing; the cache tree is
 * kept, invalid only above the changed paths. */
static void test_index_in_place_with_cache_tree(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	static const struct archive_file start[] = {
		{ "m/minutes.yaml", "m: 1\n", 5 },
		{ "b/2018-03-14/agenda.yaml", "b: 1\n", 5 },
		{ "b/2018-03-14/minutes.yaml", "b: 2\n", 5 },
		{ "c/2019-01-01/minutes.yaml", "c: 1\n", 5 },
	};
	commit_n(fx, a, start, 4, "Start\n");
	assert_int_equal(sh("git -C '%s' write-tree >/dev/null", dir), 0);
	assert_true(index_has_tree(fx, dir));
	expect_index_is_head(fx, dir);

	archive_index_stats.updated = archive_index_stats.declined = 0;
	/* Replace one entry. */
	commit1(fx, a, "b/2018-03-14/minutes.yaml", "b: 22\n", "Correct\n");
	expect_index_is_head(fx, dir);
	/* Insert first, last and in the middle, in one commit. */
	static const struct archive_file ins[] = {
		{ "zz/last.yaml", "z\n", 2 },
		{ "-first/a.yaml", "f\n", 2 },
		{ "m-x/a.yaml", "mx\n", 3 },
		{ "m.yaml", "m.\n", 3 },
		{ "m/a.yaml", "ma\n", 3 },
	};
	commit_n(fx, a, ins, 5, "Insert\n");
	expect_index_is_head(fx, dir);
	assert_string_equal(out(fx, "git -C '%s' ls-files | tr '\\n' ' '", dir),
			    "-first/a.yaml .gavel b/2018-03-14/agenda.yaml "
			    "b/2018-03-14/minutes.yaml c/2019-01-01/minutes.yaml m-x/a.yaml "
			    "m.yaml m/a.yaml m/minutes.yaml zz/last.yaml ");
	/* Remove the first, the last and one in the middle; change one. */
	static const struct archive_file rm[] = {
		{ "-first/a.yaml", NULL, 0 },
		{ "zz/last.yaml", NULL, 0 },
		{ "m.yaml", NULL, 0 },
		{ "c/2019-01-01/minutes.yaml", "c: 2\n", 5 },
	};
	commit_n(fx, a, rm, 4, "Remove\n");
	expect_index_is_head(fx, dir);
	assert_false(exists(P(fx, "%s/zz", dir)) && exists(P(fx, "%s/zz/last.yaml", dir)));
	assert_int_equal(archive_index_stats.updated, 3);
	assert_int_equal(archive_index_stats.declined, 0);
	assert_true(index_has_tree(fx, dir));

	/* The user's own commit after gavel's reuses what is valid and
	 * rebuilds the rest: it holds exactly the user's change. */
	write_file(P(fx, "%s/m/notes.txt", dir), "the user's\n");
	assert_int_equal(sh("git -C '%s' add m/notes.txt && git -C '%s' commit -q -m mine",
			    dir, dir), 0);
	assert_string_equal(out(fx, "git -C '%s' diff --name-only HEAD~1 HEAD", dir), "m/notes.txt");
	commit1(fx, a, "m/minutes.yaml", "m: 2\n", "After the user's\n");
	expect_index_is_head(fx, dir);
	assert_int_equal(archive_index_stats.updated, 4);
	archive_free(a);
}

/* The user's staged and unstaged changes around gavel's entries, with
 * the in-place update: byte for byte what they were. */
static void test_index_in_place_keeps_the_users_entries(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	commit1(fx, a, "c/minutes.yaml", "c: 1\n", "C\n");
	make_dir(P(fx, "%s/b", dir));
	write_file(P(fx, "%s/b/staged.txt", dir), "staged\n");
	write_file(P(fx, "%s/d.txt", dir), "staged too\n");
	assert_int_equal(sh("git -C '%s' add b/staged.txt d.txt", dir), 0);
	write_file(P(fx, "%s/d.txt", dir), "changed again\n");
	const char *before = out(fx, "git -C '%s' ls-files -s | grep -v minutes.yaml", dir);
	const char *status = out(fx, "git -C '%s' status --porcelain", dir);

	archive_index_stats.updated = archive_index_stats.declined = 0;
	commit1(fx, a, "a/minutes.yaml", "a: 2\n", "A again\n");
	commit1(fx, a, "b/minutes.yaml", "b: 1\n", "B\n");
	commit1(fx, a, "c/minutes.yaml", NULL, "No C\n");
	assert_int_equal(archive_index_stats.updated, 3);
	assert_string_equal(out(fx, "git -C '%s' ls-files -s | grep -v minutes.yaml", dir), before);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), status);
	assert_string_equal(out(fx, "git -C '%s' diff --cached --name-only | tr '\\n' ' '", dir),
			    "b/staged.txt d.txt ");
	assert_string_equal(out(fx, "git -C '%s' show :d.txt", dir), "staged too");
	assert_int_equal(sh("git -C '%s' diff --quiet HEAD -- a b/minutes.yaml c", dir), 0);
	archive_free(a);
}

/* A file git would call racily clean (changed in the second the index
 * was written, so its stat data may match an older content) stays seen
 * as changed when gavel writes a newer index: its cached size is set to
 * 0, as git does, and git looks at its content. */
static void test_index_in_place_racily_clean_entry(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	const char *notes = P(fx, "%s/notes.txt", dir);
	for (int tries = 0; tries < 3; tries++) {
		/* Start at the beginning of a second. */
		time_t t0 = time(NULL);
		while (time(NULL) == t0)
			usleep(1000);
		commit1(fx, a, "notes.txt", "version 1\n", "Notes\n");
		write_file(notes, "version 2\n");      /* same size, same second */
		struct stat sn, si;
		assert_int_equal(stat(notes, &sn), 0);
		assert_int_equal(stat(P(fx, "%s/.git/index", dir), &si), 0);
		if (sn.st_mtime != si.st_mtime)
			continue;               /* a second went by: try again */
		sleep(1);
		commit1(fx, a, "other.yaml", "x: 1\n", "Other\n");
		assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), " M notes.txt");
		assert_string_equal(out(fx, "git -C '%s' diff --cached --name-only", dir), "");
		archive_free(a);
		return;
	}
	archive_free(a);
	skip();
}

/* Indexes it does not fully understand are left to libgit2, which must
 * still get them right: an untracked cache (an extension), version 4
 * (compressed paths), an entry marked assume-valid. */
static void declined_but_right(struct fx *fx, const char *setup_cmd, const char *name)
{
	set_identity(fx);
	struct archive *a = new_repo(fx, name);
	const char *dir = P(fx, "%s/%s", fx->root, name);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	write_file(P(fx, "%s/staged.txt", dir), "staged\n");
	assert_int_equal(sh("git -C '%s' add staged.txt", dir), 0);
	assert_int_equal(sh("cd '%s' && %s", dir, setup_cmd), 0);
	const char *staged = out(fx, "git -C '%s' ls-files -s staged.txt", dir);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	commit1(fx, a, "a/minutes.yaml", "a: 2\n", "A again\n");
	commit1(fx, a, "b/minutes.yaml", "b: 1\n", "B\n");
	/* The first is declined; the second may not be (libgit2 does not
	 * keep an untracked cache, and b/ is not assume-valid). */
	assert_true(archive_index_stats.declined >= 1);
	assert_int_equal(archive_index_stats.declined + archive_index_stats.updated, 2);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "A  staged.txt");
	assert_string_equal(out(fx, "git -C '%s' ls-files -s staged.txt", dir), staged);
	assert_int_equal(sh("git -C '%s' diff --quiet HEAD -- a b", dir), 0);
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	archive_free(a);
}

static void test_index_untracked_cache_declined(void **state)
{
	declined_but_right(*state, "git update-index --untracked-cache 2>/dev/null && "
			   "git status >/dev/null && grep -q UNTR .git/index", "untr");
}

static void test_index_version_4_declined(void **state)
{
	declined_but_right(*state, "git update-index --index-version 4 && "
			   "[ \"$(od -An -tu1 -j7 -N1 .git/index | tr -d ' ')\" = 4 ]", "v4");
}

static void test_index_assume_valid_declined(void **state)
{
	declined_but_right(*state, "git update-index --assume-unchanged a/minutes.yaml",
			   "assume");
}

/* A damaged index (one byte changed: the checksum no longer matches) is
 * not rewritten with a good checksum over the damage: declined, and
 * libgit2 reports it. */
static void test_index_bad_checksum_declined(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	/* The first byte of the first entry's ctime. */
	assert_int_equal(sh("printf 'Z' | dd of='%s/.git/index' bs=1 seek=12 conv=notrunc "
			    "status=none", dir), 0);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	static const char v2[] = "a: 2\n";
	struct archive_file f = { "a/minutes.yaml", v2, sizeof(v2) - 1 };
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(a, &f, 1, "A again\n", NULL, &err), ARCHIVE_ERROR);
	expect_contains(diag_text(fx, &err), "could not update git's index");
	assert_int_equal(archive_index_stats.declined, 1);
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	diags_free(&err);
	archive_free(a);
}

/* A split index (git update-index --split-index: the "link" extension)
 * is declined too; libgit2 1.5 cannot read it either, so the commit is
 * made and gavel says the index could not be updated, as before. */
static void test_index_split_index_declined(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	assert_int_equal(sh("git -C '%s' update-index --split-index", dir), 0);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	static const char v2[] = "a: 2\n";
	struct archive_file f = { "a/minutes.yaml", v2, sizeof(v2) - 1 };
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(a, &f, 1, "A again\n", NULL, &err), ARCHIVE_ERROR);
	expect_contains(diag_text(fx, &err), "could not update git's index");
	expect_contains(diag_text(fx, &err), "link");
	assert_int_equal(archive_index_stats.declined, 1);
	assert_string_equal(out(fx, "git -C '%s' show HEAD:a/minutes.yaml", dir), "a: 2");
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	diags_free(&err);
	archive_free(a);
}

/* ---- locks ---- */

static void test_commit_with_held_index_lock(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	const char *id = commit1(fx, a, "a/minutes.yaml", "v: 1\n", "One\n");
	const char *lock = P(fx, "%s/.git/index.lock", dir);
	write_file(lock, "held by another git\n");

	static const char v2[] = "v: 2\n";
	struct archive_file f = { "a/minutes.yaml", v2, sizeof(v2) - 1 };
	struct diags err;
	diags_init(&err);
	char newid[41] = "";
	assert_int_equal(archive_commit(a, &f, 1, "Two\n", newid, &err), ARCHIVE_ERROR);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), lock);
	/* The lock is the other program's: still there, untouched. */
	assert_string_equal(slurp(fx, lock), "held by another git\n");
	/* Nothing committed, nothing written. */
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id);
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", dir), "2");
	assert_string_equal(slurp(fx, P(fx, "%s/a/minutes.yaml", dir)), "v: 1\n");
	assert_string_equal(read_at(fx, a, NULL, "a/minutes.yaml"), "v: 1\n");
	assert_string_equal(out(fx, "ls -A '%s/a'", dir), "minutes.yaml");

	/* Once the other program is done, the same commit goes through. */
	assert_int_equal(unlink(lock), 0);
	diags_clear(&err);
	const char *id2 = commit1(fx, a, "a/minutes.yaml", v2, "Two\n");
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD~1", dir), id);
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id2);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	diags_free(&err);
	archive_free(a);
}

/* ---- the log cache (minutes/search/logcache.c) ---- */

/* A history with merges, a meeting folder moved (on a branch, and on
 * main), a committee removed and made again, a top-level file that
 * becomes a folder, a merge that keeps one side's version, and a merge
 * that brings in what main already had. */
static const char history_sh[] =
	"set -e\n"
	"w() { mkdir -p \"$(dirname \"$1\")\"; printf '%s\\n' \"$2\" > \"$1\"; }\n"
	"c() { git add -A && git commit -q -m \"$1\"; }\n"
	"w a/committee.yaml c1; w a/2018-01-01/minutes.yaml m1; w a/2018-01-01/agenda.yaml g1\n"
	"w b/2018-02-02/minutes.yaml b1; w README r1; c one\n"
	"w a/2018-01-01/minutes.yaml m2; c two\n"
	"git checkout -q -b side\n"
	"w b/2018-02-02/minutes.yaml b2; w a/2018-03-03/minutes.yaml n1; c side-one\n"
	"git mv a/2018-03-03 a/2018-03-10; c side-moved\n"
	"w a/committee.yaml c2; c side-committee\n"
	"git checkout -q main\n"
	"w a/2018-01-01/minutes.yaml m3; c three\n"
	"w README r2; c readme\n"
	"w a/committee.yaml c2; c same-committee\n"
	"git merge -q --no-edit side\n"
	"git rm -q -r b; c b-gone\n"
	"w b/2018-02-02/minutes.yaml b1; c b-again\n"
	"git rm -q README; w README/inner x; c readme-folder\n"
	"git mv a/2018-01-01 a/2018-01-08; c moved\n"
	"git rm -q -r README; w README r3; c readme-file-again\n"
	"git checkout -q -b two HEAD~2\n"
	"w c/2019-01-01/minutes.yaml z1; c two-one\n"
	"git checkout -q main\n"
	"w c/2019-01-01/minutes.yaml z1; w a/2018-01-08/minutes.yaml m4; c main-c\n"
	"git merge -q --no-edit two\n"
	"w a/2018-01-08/minutes.yaml m5; c after\n";

/* Every kind of path: the whole repository, top-level files and folders,
 * committee files, meeting folders (moved, removed, made again), files in
 * them, paths never there, and odd spellings. */
static const char *const log_paths[] = {
	"", "a", "a/committee.yaml", "a/2018-01-01", "a/2018-01-01/minutes.yaml",
	"a/2018-01-01/agenda.yaml", "a/2018-01-08", "a/2018-01-08/minutes.yaml",
	"a/2018-03-03", "a/2018-03-03/minutes.yaml", "a/2018-03-10/minutes.yaml",
	"b", "b/2018-02-02", "b/2018-02-02/minutes.yaml", "c", "c/2019-01-01",
	"c/2019-01-01/minutes.yaml", "README", "README/inner", ".gavel",
	"nowhere", "nowhere/x/y", "a/", "a//2018-01-01", "/a",
	"a/2018-01-01/minutes.yaml/x", "README/inner/x",
};

static const char *cache_file(struct fx *fx, struct archive *a)
{
	char *path = search_index_path(a);
	const char *p = P(fx, "%s", path);
	free(path);
	return p;
}

/* The cached answer is the uncached one, commit for commit. */
static void expect_log_as_plain(struct fx *fx, struct archive *a, const char *path,
				size_t max, const char *where)
{
	struct archive_rev *v = NULL, *w = NULL;
	size_t n = 0, m = 0;
	struct diags err;
	diags_init(&err);
	if (logcache_log(a, path, max, &v, &n, &err) != 0)
		fail_msg("logcache_log \"%s\" at %s: %s", path, where, diag_text(fx, &err));
	if (archive_log_max(a, path, max, &w, &m, &err) != 0)
		fail_msg("archive_log_max \"%s\" at %s: %s", path, where, diag_text(fx, &err));
	if (n != m)
		fail_msg("log of \"%s\" at %s: %zu commits, uncached %zu", path, where, n, m);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, w[i].id) != 0 || strcmp(v[i].summary, w[i].summary) != 0)
			fail_msg("log of \"%s\" at %s: #%zu is %s (%s), uncached %s (%s)", path,
				 where, i, v[i].summary, v[i].short_id, w[i].summary, w[i].short_id);
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	archive_revs_free(v, n);
	archive_revs_free(w, m);
}

static void expect_all_logs_as_plain(struct fx *fx, struct archive *a, const char *where)
{
	for (size_t i = 0; i < sizeof(log_paths) / sizeof(log_paths[0]); i++) {
		expect_log_as_plain(fx, a, log_paths[i], SIZE_MAX, where);
		expect_log_as_plain(fx, a, log_paths[i], 1, where);
		expect_log_as_plain(fx, a, log_paths[i], 2, where);
	}
}

static struct archive *open_repo(struct fx *fx, const char *dir)
{
	struct archive *a = NULL;
	struct diags err;
	diags_init(&err);
	if (archive_open(&a, dir, &err) != 0)
		fail_msg("archive_open %s: %s", dir, diag_text(fx, &err));
	diags_free(&err);
	return a;
}

static struct buf file_bytes(const char *path)
{
	struct buf b = BUF_INIT;
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return b;
}

/* Runs SQL on the cache's file; SQLite's answer. */
static int cache_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* The number of commits the cache holds (rows of its table). */
static unsigned cached_commits(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	unsigned n = 0;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM " LC_TABLE, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = (unsigned)sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void test_logcache_same_as_plain(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	archive_free(new_repo(fx, "repo"));
	const char *dir = P(fx, "%s/repo", fx->root);
	write_file(P(fx, "%s/history.sh", fx->root), history_sh);
	assert_int_equal(sh("cd '%s' && sh ../history.sh >/dev/null 2>&1", dir), 0);
	const char *revs = out(fx, "git -C '%s' rev-list --all --topo-order | tr '\\n' ' '", dir);
	struct archive *a = open_repo(fx, dir);
	const char *cache = cache_file(fx, a);

	/* At HEAD: built from nothing, then from the file. */
	assert_false(exists(cache));
	expect_all_logs_as_plain(fx, a, "main");
	assert_true(exists(cache));
	expect_all_logs_as_plain(fx, a, "main, cached");
	/* At every commit, linear histories and merges, first with the
	 * records of the commits seen so far, then from nothing, oldest
	 * first. */
	for (int pass = 0; pass < 2; pass++) {
		char *list = xstrdup(revs), *save = NULL;
		for (char *r = strtok_r(list, " ", &save); r; r = strtok_r(NULL, " ", &save)) {
			if (pass == 1)
				unlink(cache);
			assert_int_equal(sh("git -C '%s' checkout -q --detach %s", dir, r), 0);
			expect_all_logs_as_plain(fx, a, r);
		}
		free(list);
	}
	assert_int_equal(sh("git -C '%s' checkout -q main", dir), 0);
	expect_all_logs_as_plain(fx, a, "main again");
	/* Every commit ends up in the file once. */
	assert_int_equal(cached_commits(cache),
			 atoi(out(fx, "git -C '%s' rev-list --all --count", dir)));
	archive_free(a);
}

static void test_logcache_damaged_file_is_rebuilt(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 1\n", "One\n");
	commit1(fx, a, "b/2018-01-01/minutes.yaml", "v: 1\n", "Two\n");
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 2\n", "Three\n");
	const char *cache = cache_file(fx, a);
	expect_log_as_plain(fx, a, "a/2018-01-01/minutes.yaml", SIZE_MAX, "built");
	expect_log_as_plain(fx, a, "b/2018-01-01", SIZE_MAX, "built");
	assert_int_equal(cached_commits(cache), 4);
	struct buf good = file_bytes(cache);

	for (int damage = 0; damage < 7; damage++) {
		struct buf bad = BUF_INIT;
		buf_add(&bad, good.data, good.len);
		switch (damage) {
		case 0: buf_reset(&bad); buf_addstr(&bad, "garbage\n"); break;
		case 1: bad.len /= 2; break;                        /* truncated */
		case 2: bad.len = 0; break;                         /* empty */
		}
		FILE *f = fopen(cache, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(bad.data, 1, bad.len, f), bad.len);
		assert_int_equal(fclose(f), 0);
		buf_free(&bad);
		/* Tables SQLite reads well but that are not the cache's. */
		if (damage == 3)        /* one table missing */
			assert_int_equal(cache_sql(cache, "DROP TABLE " LC_CHANGES), 0);
		if (damage == 4)        /* a table of another shape */
			assert_int_equal(cache_sql(cache, "DROP TABLE " LC_PARENTS ";"
						   " CREATE TABLE " LC_PARENTS "(x)"), 0);
		if (damage == 5)        /* the line forgotten */
			assert_int_equal(cache_sql(cache, "UPDATE " LC_TABLE " SET pos = NULL"), 0);
		if (damage == 6)        /* parents that send the walk round a loop */
			assert_int_equal(cache_sql(cache, "UPDATE " LC_TABLE " SET pos = NULL;"
						   " UPDATE " LC_PARENTS " SET parent = id"), 0);
		expect_log_as_plain(fx, a, "a/2018-01-01/minutes.yaml", SIZE_MAX, "damaged");
		expect_log_as_plain(fx, a, "b/2018-01-01", SIZE_MAX, "damaged");
		/* Made again, as before. */
		if (damage != 6 && cached_commits(cache) != 4)
			fail_msg("damage %d: the cache was not made again", damage);
	}
	buf_free(&good);
	archive_free(a);
}

static void test_logcache_unwritable(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 1\n", "One\n");
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 2\n", "Two\n");
	const char *cache = cache_file(fx, a);
	const char *gdir = P(fx, "%s/gavel", archive_gitdir(a));
	/* Something else where the file would be: answered all the same,
	 * each time, and left alone. */
	mkdir(gdir, 0700);
	make_dir(cache);
	for (int i = 0; i < 2; i++)
		expect_log_as_plain(fx, a, "a/2018-01-01", SIZE_MAX, "a folder in the way");
	struct stat st;
	assert_int_equal(stat(cache, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(rmdir(cache), 0);
	/* A folder that cannot be written (root writes anyway). */
	if (geteuid() != 0) {
		assert_int_equal(chmod(gdir, 0500), 0);
		for (int i = 0; i < 2; i++)
			expect_log_as_plain(fx, a, "a/2018-01-01", SIZE_MAX, "read-only");
		assert_false(exists(cache));
		assert_int_equal(chmod(gdir, 0700), 0);
	}
	expect_log_as_plain(fx, a, "a/2018-01-01", SIZE_MAX, "writable again");
	assert_int_equal(cached_commits(cache), 3);
	archive_free(a);
}

static void test_logcache_sees_new_commits(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 1\n", "One\n");
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 2\n", "Two\n");
	const char *cache = cache_file(fx, a);
	struct archive_rev *v = NULL;
	size_t n = 0;
	struct diags err;
	diags_init(&err);
	assert_int_equal(logcache_log(a, "a/2018-01-01", SIZE_MAX, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	archive_revs_free(v, n);
	assert_int_equal(cached_commits(cache), 3);

	/* gavel's commit, then one made by git. */
	const char *id3 = commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 3\n", "Three\n");
	assert_int_equal(logcache_log(a, "a/2018-01-01", SIZE_MAX, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].id, id3);
	archive_revs_free(v, n);
	assert_int_equal(cached_commits(cache), 4);
	assert_int_equal(sh("cd '%s' && printf 'v: 4\\n' > a/2018-01-01/minutes.yaml && "
			    "git commit -q -am Four", dir), 0);
	const char *id4 = out(fx, "git -C '%s' rev-parse HEAD", dir);
	assert_int_equal(logcache_log(a, "a/2018-01-01/minutes.yaml", SIZE_MAX, &v, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].id, id4);
	assert_string_equal(v[1].id, id3);
	archive_revs_free(v, n);
	assert_int_equal(cached_commits(cache), 5);
	expect_log_as_plain(fx, a, "a/2018-01-01/minutes.yaml", SIZE_MAX, "after");
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	archive_free(a);
}

static void test_logcache_not_in_shallow_clone(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	for (int i = 1; i <= 4; i++)
		commit1(fx, a, "a/2018-01-01/minutes.yaml", P(fx, "v: %d\n", i), "Edit\n");
	archive_free(a);
	const char *cut = P(fx, "%s/cut", fx->root);
	assert_int_equal(sh("git clone -q --depth 2 'file://%s/repo' '%s'", fx->root, cut), 0);
	a = open_repo(fx, cut);
	expect_log_as_plain(fx, a, "a/2018-01-01", SIZE_MAX, "shallow");
	struct archive_rev *v = NULL;
	size_t n = 0;
	struct diags err;
	diags_init(&err);
	assert_int_equal(logcache_log(a, "a/2018-01-01", SIZE_MAX, &v, &n, &err), 0);
	assert_int_equal(n, 2);         /* as far as the clone goes */
	archive_revs_free(v, n);
	diags_free(&err);
	assert_false(exists(cache_file(fx, a)));
	archive_free(a);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_init_makes_main_with_marker),
		T(test_init_refuses_folder_with_files),
		T(test_init_in_existing_git_repository),
		T(test_commit_leaves_the_users_changes_alone),
		T(test_commit_removes_a_file),
		T(test_commit_without_identity_warns_once),
		T(test_bare_repository),
		T(test_log_of_a_path),
		T(test_read_at_revisions),
		T(test_read_unborn_branch),
		T(test_list_sorted_with_folders),
		T(test_locate_order),
		T(test_commit_with_held_index_lock),
		T(test_logcache_same_as_plain),
		T(test_logcache_damaged_file_is_rebuilt),
		T(test_logcache_unwritable),
		T(test_logcache_sees_new_commits),
		T(test_logcache_not_in_shallow_clone),
		T(test_index_in_place_with_cache_tree),
		T(test_index_in_place_keeps_the_users_entries),
		T(test_index_in_place_racily_clean_entry),
		T(test_index_untracked_cache_declined),
		T(test_index_version_4_declined),
		T(test_index_assume_valid_declined),
		T(test_index_bad_checksum_declined),
		T(test_index_split_index_declined),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
