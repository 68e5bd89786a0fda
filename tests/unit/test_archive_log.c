/*
 * test_archive_log: a path's history in the minutes repository, plain
 * and through the log cache (minutes/search/logcache.c), which must give
 * the same answer as the plain walk whatever befalls its file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/archive_fixture.h"

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
	assert_string_equal(v[2].message, "First draft\n\nFrom the notes.\n\nMade-by: gavel "
			    GAVEL_VERSION "\n");
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

	for (int damage = 0; damage < 8; damage++) {
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
		if (damage == 7)        /* every commit at one place in the line */
			assert_int_equal(cache_sql(cache, "UPDATE " LC_TABLE " SET pos = 0"), 0);
		if (damage == 6)        /* parents that send the walk round a loop */
			assert_int_equal(cache_sql(cache, "UPDATE " LC_TABLE " SET pos = NULL,"
						   " parent = id WHERE parents > 0"), 0);
		expect_log_as_plain(fx, a, "a/2018-01-01/minutes.yaml", SIZE_MAX, "damaged");
		expect_log_as_plain(fx, a, "b/2018-01-01", SIZE_MAX, "damaged");
		/* Made again, as before. */
		if (damage != 6 && cached_commits(cache) != 4)
			fail_msg("damage %d: the cache was not made again", damage);
	}
	buf_free(&good);
	archive_free(a);
}

static void test_logcache_contradicting_rows(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 1\n", "One\n");
	commit1(fx, a, "b/2018-01-01/minutes.yaml", "v: 1\n", "Two\n");
	const char *cache = cache_file(fx, a);
	expect_log_as_plain(fx, a, "a/2018-01-01/minutes.yaml", SIZE_MAX, "built");
	expect_log_as_plain(fx, a, "b/2018-01-01", SIZE_MAX, "built");
	assert_int_equal(cached_commits(cache), 3);
	/* Rows of every path for the number the next commit gets: kept,
	 * they would say it changed b as well. */
	assert_int_equal(cache_sql(cache, "INSERT INTO " LC_CHANGES "(pn, cn, parent)"
				   " SELECT pn, (SELECT max(cn) + 1 FROM " LC_TABLE "), 0"
				   " FROM " LC_PATHS), 0);
	commit1(fx, a, "a/2018-01-01/minutes.yaml", "v: 2\n", "Three\n");
	expect_log_as_plain(fx, a, "b/2018-01-01", SIZE_MAX, "contradicted");
	expect_log_as_plain(fx, a, "a/2018-01-01", SIZE_MAX, "contradicted");
	/* Made again. */
	expect_log_as_plain(fx, a, "b/2018-01-01", SIZE_MAX, "made again");
	assert_int_equal(cached_commits(cache), 4);
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
		T(test_log_of_a_path),
		T(test_logcache_same_as_plain),
		T(test_logcache_damaged_file_is_rebuilt),
		T(test_logcache_contradicting_rows),
		T(test_logcache_unwritable),
		T(test_logcache_sees_new_commits),
		T(test_logcache_not_in_shallow_clone),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
