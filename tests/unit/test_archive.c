/*
 * test_archive: the minutes repository in git (minutes/git/archive.h):
 * making one, committing, a bare repository, reading files at revisions,
 * listing, and finding the repository.  Its history and the log cache:
 * test_archive_log.c; git's index and its lock: test_archive_index.c;
 * the fixture they share: archive_fixture.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/archive_fixture.h"

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
	/* The message as given with gavel's trailer, the author as
	 * configured; the id is HEAD. */
	assert_string_equal(out(fx, "git -C '%s' log -1 --format=%%B", dir),
			    "Record the meeting\n\nIn full.\n\nMade-by: gavel " GAVEL_VERSION);
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
		T(test_read_at_revisions),
		T(test_read_unborn_branch),
		T(test_list_sorted_with_folders),
		T(test_locate_order),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
