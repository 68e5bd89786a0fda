/*
 * test_journal: the journal of unsaved work survives, is found damaged
 * when it is, and a failed write never costs the previous one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/session/journal.h"

#define ID "finance/2018-03-14"
static const char payload1[] = "Caf\xc3\xa9 \xe2\x80\x94 \0minutes\0\n\xe2\x82\xac 12\n\0";
static const char base1[] = "0123456789abcdef0123456789abcdef01234567";

static char gitdir[64];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	strcpy(gitdir, "/tmp/gavel-journal-test.XXXXXX");
	return mkdtemp(gitdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(gitdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *path_of(const char *suffix)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel/journal/" ID ".journal%s", gitdir, suffix);
	return buf_detach(&b, NULL);
}

static bool exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

static void slurp(const char *p, struct buf *out)
{
	FILE *f = fopen(p, "rb");
	assert_non_null(f);
	char tmp[4096];
	size_t n;
	buf_reset(out);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(out, tmp, n);
	fclose(f);
}

static void spit(const char *p, const void *data, size_t len)
{
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *find(struct buf *b, const char *what)
{
	size_t n = strlen(what);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, what, n) == 0)
			return b->data + i;
	return NULL;
}

static bool diags_mention(const struct diags *d, const char *what)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		bool hit = strstr(s, what) != NULL;
		free(s);
		if (hit)
			return true;
	}
	return false;
}

static void write_ok(const char *base, const void *p, size_t len)
{
	struct diags d;
	diags_init(&d);
	assert_int_equal(journal_write(gitdir, ID, base, p, len, &d), 0);
	assert_int_equal(d.n, 0);
	diags_free(&d);
}

static void expect_payload(const void *p, size_t len, bool from_previous)
{
	struct diags d;
	struct journal_entry e;
	diags_init(&d);
	journal_entry_init(&e);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_FOUND);
	assert_int_equal(e.payload.len, len);
	assert_memory_equal(e.payload.data, p, len);
	assert_int_equal(e.from_previous, from_previous);
	journal_entry_free(&e);
	diags_free(&d);
}

static void test_crc(void **state)
{
	(void)state;
	assert_int_equal(journal_crc32(0, "123456789", 9), 0xCBF43926ul);
	unsigned long c = journal_crc32(0, "1234", 4);
	assert_int_equal(journal_crc32(c, "56789", 5), 0xCBF43926ul);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct diags d;
	struct journal_entry e;
	struct buf p = BUF_INIT;
	diags_init(&d);
	journal_entry_init(&e);

	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_NONE);
	write_ok(base1, payload1, sizeof(payload1));
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_FOUND);
	assert_int_equal(d.n, 0);
	assert_int_equal(e.payload.len, sizeof(payload1));
	assert_memory_equal(e.payload.data, payload1, sizeof(payload1));
	assert_string_equal(e.base, base1);
	assert_int_equal(strlen(e.written), 20);
	assert_true(e.written_time > 0 && e.written_time <= time(NULL));
	assert_false(e.from_previous);

	assert_int_equal(journal_path(gitdir, ID, &p, &d), 0);
	char *want = path_of("");
	assert_string_equal(p.data, want);
	struct stat st;
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	struct buf dir = BUF_INIT;
	buf_addf(&dir, "%s/gavel/journal/finance", gitdir);
	assert_int_equal(stat(dir.data, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	slurp(want, &p);
	assert_true(p.len > 16 && memcmp(p.data, "gavel-journal/1\nmeeting: " ID "\n", 41) == 0);
	free(want);
	buf_free(&dir);

	/* No base, an empty payload, and a git directory with a slash. */
	struct buf g = BUF_INIT;
	buf_addf(&g, "%s/", gitdir);
	assert_int_equal(journal_write(g.data, ID, NULL, NULL, 0, &d), 0);
	assert_int_equal(journal_read(g.data, ID, &e, &d), JOURNAL_FOUND);
	assert_int_equal(e.payload.len, 0);
	assert_string_equal(e.base, "");
	assert_int_equal(d.n, 0);
	buf_free(&g);
	buf_free(&p);
	journal_entry_free(&e);
	diags_free(&d);
}

static void test_overwrite(void **state)
{
	(void)state;
	write_ok(base1, "first", 5);
	write_ok(base1, "second", 6);
	write_ok("", "third, and newest", 17);
	expect_payload("third, and newest", 17, false);
	char *tmp = path_of(".tmp"), *prev = path_of(".prev");
	assert_false(exists(tmp));
	assert_true(exists(prev));
	free(tmp);
	free(prev);
}

/* Every cut of a journal is found damaged, naming the file and a line. */
static void test_truncated(void **state)
{
	(void)state;
	struct buf whole = BUF_INIT;
	char *path = path_of("");
	write_ok(base1, payload1, sizeof(payload1));
	slurp(path, &whole);
	for (size_t cut = 0; cut < whole.len; cut++) {
		struct diags d;
		struct journal_entry e;
		diags_init(&d);
		journal_entry_init(&e);
		spit(path, whole.data, cut);
		assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_DAMAGED);
		assert_true(d.n >= 1);
		assert_string_equal(d.v[0].file, path);
		assert_true(d.v[0].line >= 1);
		assert_true(diags_mention(&d, "damaged"));
		journal_entry_free(&e);
		diags_free(&d);
	}
	/* Anything added after the closing line, too. */
	buf_addstr(&whole, "x");
	spit(path, whole.data, whole.len);
	struct diags d;
	struct journal_entry e;
	diags_init(&d);
	journal_entry_init(&e);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_DAMAGED);
	journal_entry_free(&e);
	diags_free(&d);
	buf_free(&whole);
	free(path);
}

static void test_corrupted(void **state)
{
	(void)state;
	struct buf whole = BUF_INIT;
	char *path = path_of("");
	write_ok(base1, "one\ntwo\n", 8);
	slurp(path, &whole);
	char *p = find(&whole, "two");
	assert_non_null(p);
	*p = 'T';
	spit(path, whole.data, whole.len);

	struct diags d;
	struct journal_entry e;
	diags_init(&d);
	journal_entry_init(&e);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_DAMAGED);
	assert_string_equal(d.v[0].file, path);
	/* Lines 7 and 8 hold the payload, 9 its end, 10 the checksum. */
	assert_int_equal(d.v[0].line, 10);
	assert_true(diags_mention(&d, "checksum"));
	diags_clear(&d);

	/* A journal of another meeting, or with a wrong header. */
	*p = 't';
	memcpy(find(&whole, "finance"), "fiNance", 7);
	spit(path, whole.data, whole.len);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_DAMAGED);
	assert_int_equal(d.v[0].line, 2);
	diags_clear(&d);
	spit(path, "gavel-journal/9\n", 16);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_DAMAGED);
	assert_int_equal(d.v[0].line, 1);
	assert_true(diags_mention(&d, "gavel-journal/9"));
	journal_entry_free(&e);
	diags_free(&d);
	buf_free(&whole);
	free(path);
}

/* With the newest copy damaged, the one before it is used and the damage
 * reported. */
static void test_fallback(void **state)
{
	(void)state;
	char *path = path_of("");
	write_ok(base1, "older", 5);
	write_ok(base1, "newer", 5);
	struct buf whole = BUF_INIT;
	slurp(path, &whole);
	spit(path, whole.data, whole.len - 3);

	struct diags d;
	struct journal_entry e;
	diags_init(&d);
	journal_entry_init(&e);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_FOUND);
	assert_true(e.from_previous);
	assert_int_equal(e.payload.len, 5);
	assert_memory_equal(e.payload.data, "older", 5);
	assert_true(diags_mention(&d, path));
	assert_true(diags_mention(&d, "previous copy"));
	journal_entry_free(&e);
	diags_free(&d);
	buf_free(&whole);
	free(path);
}

/* The journal on disk and no temporary file left, after a failed write. */
static void expect_intact(void)
{
	expect_payload("kept", 4, false);
	char *tmp = path_of(".tmp");
	assert_false(exists(tmp));
	free(tmp);
}

static void test_failed_write_keeps_previous(void **state)
{
	(void)state;
	struct diags d;
	diags_init(&d);
	write_ok(base1, "kept", 4);

	/* The disk fills in the middle of the write (a file size limit
	 * stands in for ENOSPC; in a child, so the test's own output is
	 * not limited). */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char big[200000];
		struct rlimit rl = { 65536, 65536 };
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(3);
		if (journal_write(gitdir, ID, base1, big, sizeof(big), &d) != -1)
			_exit(1);
		_exit(diags_mention(&d, ".journal.tmp: cannot write the journal: File too large") ? 0 : 2);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	expect_intact();

	/* The temporary file's name is taken by a folder. */
	char *tmp = path_of(".tmp");
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_int_equal(journal_write(gitdir, ID, base1, "lost", 4, &d), -1);
	assert_true(diags_mention(&d, tmp));
	assert_int_equal(rmdir(tmp), 0);
	free(tmp);
	expect_intact();
	diags_clear(&d);

	/* A read-only folder (root ignores permissions, so not as root). */
	if (geteuid() != 0) {
		struct buf dir = BUF_INIT;
		buf_addf(&dir, "%s/gavel/journal/finance", gitdir);
		assert_int_equal(chmod(dir.data, 0500), 0);
		assert_int_equal(journal_write(gitdir, ID, base1, "lost", 4, &d), -1);
		assert_true(diags_mention(&d, "Permission denied"));
		assert_true(diags_mention(&d, ".journal.tmp"));
		assert_int_equal(chmod(dir.data, 0700), 0);
		buf_free(&dir);
		expect_intact();
		diags_clear(&d);
	}

	/* Too big a payload, or a base that is not a commit id. */
	assert_int_equal(journal_write(gitdir, ID, base1, "x", JOURNAL_MAX + 1, &d), -1);
	assert_true(diags_mention(&d, "limit"));
	assert_int_equal(journal_write(gitdir, ID, "HEAD\nlength: 3", "x", 1, &d), -1);
	expect_intact();
	diags_free(&d);
}

/* A folder on the way that is a file: the folder is named. */
static void test_blocked_folder(void **state)
{
	(void)state;
	struct diags d;
	struct buf p = BUF_INIT;
	diags_init(&d);
	buf_addf(&p, "%s/gavel", gitdir);
	spit(p.data, "not a folder", 12);
	assert_int_equal(journal_write(gitdir, ID, NULL, "x", 1, &d), -1);
	assert_true(diags_mention(&d, p.data));
	assert_true(diags_mention(&d, "Not a directory"));
	diags_clear(&d);
	/* No git directory at all. */
	assert_int_equal(journal_write("/nonexistent/gavel/.git", ID, NULL, "x", 1, &d), -1);
	assert_true(diags_mention(&d, "/nonexistent/gavel/.git"));
	buf_free(&p);
	diags_free(&d);
}

static void test_too_big_to_read(void **state)
{
	(void)state;
	write_ok(NULL, "x", 1);
	char *path = path_of("");
	assert_int_equal(truncate(path, (off_t)JOURNAL_MAX + 8192), 0);
	struct diags d;
	struct journal_entry e;
	diags_init(&d);
	journal_entry_init(&e);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_ERROR);
	assert_true(diags_mention(&d, "limit"));
	journal_entry_free(&e);
	diags_free(&d);
	free(path);
}

static void test_invalid_ids(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"../../etc", "a/../b", "", "a", "a/b", "..", "finance/..",
		"Finance/2018-03-14", "finance/2018-03-14/x", "/finance/2018-03-14",
		"finance/2018-03-14.journal", "finance//2018-03-14",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct diags d;
		struct buf p = BUF_INIT;
		struct journal_entry e;
		diags_init(&d);
		journal_entry_init(&e);
		assert_int_equal(journal_path(gitdir, bad[i], &p, &d), -1);
		assert_int_equal(p.len, 0);
		assert_int_equal(d.n, 1);
		assert_int_equal(journal_write(gitdir, bad[i], NULL, "x", 1, &d), -1);
		assert_int_equal(journal_read(gitdir, bad[i], &e, &d), JOURNAL_ERROR);
		assert_int_equal(journal_discard(gitdir, bad[i], &d), -1);
		assert_int_equal(d.n, 4);
		buf_free(&p);
		journal_entry_free(&e);
		diags_free(&d);
	}
	struct buf g = BUF_INIT;
	buf_addf(&g, "%s/gavel", gitdir);
	assert_false(exists(g.data));
	buf_free(&g);
}

static void test_discard(void **state)
{
	(void)state;
	struct diags d;
	struct journal_entry e;
	diags_init(&d);
	journal_entry_init(&e);
	write_ok(base1, "one", 3);
	write_ok(base1, "two", 3);
	assert_int_equal(journal_discard(gitdir, ID, &d), 0);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_NONE);
	char *path = path_of(""), *prev = path_of(".prev");
	assert_false(exists(path));
	assert_false(exists(prev));
	struct buf dir = BUF_INIT;
	buf_addf(&dir, "%s/gavel/journal/finance", gitdir);
	assert_false(exists(dir.data));
	/* Again, and with nothing ever written: not an error. */
	assert_int_equal(journal_discard(gitdir, ID, &d), 0);
	assert_int_equal(d.n, 0);
	/* A lone .prev is never read. */
	write_ok(base1, "one", 3);
	write_ok(base1, "two", 3);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(journal_read(gitdir, ID, &e, &d), JOURNAL_NONE);
	buf_free(&dir);
	free(path);
	free(prev);
	journal_entry_free(&e);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overwrite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_keeps_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocked_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_big_to_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_discard, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
