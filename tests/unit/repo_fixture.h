/*
 * repo_fixture: a temporary minutes repository for the unit tests that
 * need one (test_audit, test_session), made through the archive API.
 * HOME, XDG_CONFIG_HOME and XDG_DATA_HOME point into the test's own
 * folder, so the user's git configuration never matters; the git program
 * is the independent witness, run through sh().
 */
#ifndef GAVEL_TEST_REPO_FIXTURE_H
#define GAVEL_TEST_REPO_FIXTURE_H

#include <errno.h>
#include <ftw.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/git/meeting.h"

struct fx {
	char *root;             /* the test's temporary folder */
	char *repo;             /* root/repo */
	struct archive *a;
	char *id;               /* the meeting made by fx_meeting */
};

/* Every diagnostic, one a line (malloc'd). */
static inline char *fx_diags(const struct diags *d)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);
		buf_addf(&b, "%s\n", line);
		free(line);
	}
	return buf_detach(&b, NULL);
}

static inline void fx_no_diags(const struct diags *d, const char *what)
{
	if (d->n) {
		char *t = fx_diags(d);
		fail_msg("%s: %s", what, t);
	}
}

/* Runs a shell command in the repository; its exit status. */
static inline int fx_sh(const struct fx *fx, const char *cmd)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "cd '%s' && { %s; } >/dev/null 2>&1", fx->repo, cmd);
	int rc = system(b.data);
	buf_free(&b);
	return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

/* A command's output in the repository, without the last newline
 * (malloc'd); the command must succeed. */
static inline char *fx_out(const struct fx *fx, const char *cmd)
{
	struct buf c = BUF_INIT, b = BUF_INIT;
	buf_addf(&c, "cd '%s' && %s", fx->repo, cmd);
	FILE *f = popen(c.data, "r");
	if (!f)
		fail_msg("cannot run %s", c.data);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	if (pclose(f) != 0)
		fail_msg("command failed: %s", c.data);
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	buf_free(&c);
	return buf_detach(&b, NULL);
}

static inline int fx_rm(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void fx_mkdir(const char *root, const char *name)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/%s", root, name);
	if (mkdir(b.data, 0777) < 0)
		fail_msg("cannot make %s: %s", b.data, strerror(errno));
	buf_free(&b);
}

/* Opens (again) the repository as a new gavel would. */
static inline void fx_reopen(struct fx *fx)
{
	struct diags d;
	diags_init(&d);
	archive_free(fx->a);
	fx->a = NULL;
	if (archive_open(&fx->a, fx->repo, &d) != 0)
		fail_msg("archive_open: %s", fx_diags(&d));
	diags_free(&d);
}

/* The fixture: a repository with one meeting of the Communities Board,
 * committed by "Ada Clerk". */
static inline int fx_setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fx->root = buf_detach(&b, NULL);
	if (!mkdtemp(fx->root))
		return -1;
	fx_mkdir(fx->root, "home");
	fx_mkdir(fx->root, "config");
	fx_mkdir(fx->root, "data");
	fx_mkdir(fx->root, "system");
	buf_addf(&b, "%s/home", fx->root);
	setenv("HOME", b.data, 1);
	buf_reset(&b);
	buf_addf(&b, "%s/home/.gitconfig", fx->root);
	FILE *f = fopen(b.data, "w");
	if (!f)
		return -1;
	fputs("[user]\n\tname = Ada Clerk\n\temail = ada@example.org\n", f);
	fclose(f);
	buf_reset(&b);
	buf_addf(&b, "%s/config", fx->root);
	setenv("XDG_CONFIG_HOME", b.data, 1);
	buf_reset(&b);
	buf_addf(&b, "%s/data", fx->root);
	setenv("XDG_DATA_HOME", b.data, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	static const char *const unset[] = {
		"GAVEL_REPO", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
		"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
		"GIT_COMMITTER_EMAIL", "EMAIL", "GIT_CONFIG_GLOBAL",
	};
	for (size_t i = 0; i < sizeof(unset) / sizeof(unset[0]); i++)
		unsetenv(unset[i]);
	/* libgit2 reads the configuration's places once: point it at the
	 * test's own, so that only the identity above counts. */
	git_libgit2_init();
	buf_reset(&b);
	buf_addf(&b, "%s/system", fx->root);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, b.data);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, NULL);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, NULL);
	buf_reset(&b);
	buf_addf(&b, "%s/repo", fx->root);
	fx->repo = buf_detach(&b, NULL);

	struct diags d;
	diags_init(&d);
	if (archive_init(&fx->a, fx->repo, false, &d) != 0)
		fail_msg("archive_init: %s", fx_diags(&d));
	struct meeting_spec spec = {
		.committee = "Communities Board", .date = "2018-03-14",
		.start = "18:30", .venue = "Council Chamber",
	};
	if (meeting_create(fx->a, &spec, &fx->id, &d) != 0)
		fail_msg("meeting_create: %s", fx_diags(&d));
	diags_free(&d);
	*state = fx;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *fx = *state;
	archive_free(fx->a);
	nftw(fx->root, fx_rm, 16, FTW_DEPTH | FTW_PHYS);
	git_libgit2_shutdown();
	free(fx->root);
	free(fx->repo);
	free(fx->id);
	free(fx);
	return 0;
}

#endif
