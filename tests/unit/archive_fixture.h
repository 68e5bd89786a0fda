/*
 * archive_fixture: what the tests of the minutes repository in git share
 * (test_archive, test_archive_log, test_archive_index): each test in its
 * own temporary folder, with HOME, XDG_CONFIG_HOME and XDG_DATA_HOME inside
 * it, so the user's git configuration never matters, and no repository
 * until the test makes one (repo_fixture.h starts from a meeting instead).
 * The git program is the independent witness: what it says about a
 * repository is what a user typing git commands would see.
 */
#ifndef GAVEL_TEST_ARCHIVE_FIXTURE_H
#define GAVEL_TEST_ARCHIVE_FIXTURE_H

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

static inline char *vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static inline char *vfmt(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vaddf(&b, fmt, ap);
	return buf_detach(&b, NULL);
}

/* A string that lives until the end of the test. */
static inline const char *P(struct fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline const char *P(struct fx *fx, const char *fmt, ...)
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
static inline int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int sh(const char *fmt, ...)
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
static inline const char *out(struct fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline const char *out(struct fx *fx, const char *fmt, ...)
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

static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static inline const char *slurp(struct fx *fx, const char *path)
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

static inline bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static inline void make_dir(const char *path)
{
	if (mkdir(path, 0777) < 0)
		fail_msg("cannot make %s: %s", path, strerror(errno));
}

/* Every diagnostic, one a line. */
static inline const char *diag_text(struct fx *fx, const struct diags *d)
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

static inline void expect_contains(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("expected \"%s\" in:\n%s", want, text);
}

/* The same folder, however each spells it. */
static inline void expect_same_dir(const char *got, const char *want)
{
	char *g = realpath(got, NULL), *w = realpath(want, NULL);
	if (!g || !w || strcmp(g, w) != 0)
		fail_msg("expected the folder %s, got %s", want, got);
	free(g);
	free(w);
}

/* The user's git identity, in the test's HOME. */
static inline void set_identity(struct fx *fx)
{
	write_file(P(fx, "%s/.gitconfig", fx->home),
		   "[user]\n\tname = " NAME "\n\temail = " EMAIL "\n");
}

static inline struct archive *new_repo(struct fx *fx, const char *name)
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
static inline const char *commit1(struct fx *fx, struct archive *a, const char *path,
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
static inline const char *read_at(struct fx *fx, struct archive *a, const char *rev,
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
static inline void read_missing(struct fx *fx, struct archive *a, const char *rev,
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

static inline int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline int setup(void **state)
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

static inline int teardown(void **state)
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

#endif
