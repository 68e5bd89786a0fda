/*
 * test_lock: one gavel per meeting.  A live holder is reported, a dead
 * one's lock is taken over, only one of two gavels taking over at once
 * wins, and nobody removes a lock that is not theirs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/session/lock.h"

#define ID "finance/2018-03-14"

static char gitdir[64];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	strcpy(gitdir, "/tmp/gavel-lock-test.XXXXXX");
	return mkdtemp(gitdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	lock_release(gitdir, ID);
	return nftw(gitdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *lock_file(void)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel/locks/" ID ".lock", gitdir);
	return buf_detach(&b, NULL);
}

static bool exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

static void spit(const char *p, const char *text)
{
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The pid the lock file names. */
static long file_pid(void)
{
	char *p = lock_file(), line[300];
	long pid = -1;
	FILE *f = fopen(p, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "pid: ", 5))
			pid = atol(line + 5);
	fclose(f);
	free(p);
	return pid;
}

static void wait_ok(pid_t pid)
{
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* A lock left by a process that died holding it. */
static pid_t make_stale(void)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct diags d;
		diags_init(&d);
		_exit(lock_acquire(gitdir, ID, NULL, NULL, &d) == 0 ? 0 : 1);
	}
	wait_ok(pid);
	return pid;
}

static void test_take_and_release(void **state)
{
	(void)state;
	struct diags d;
	struct lock_holder h;
	bool over = true;
	char *path = lock_file();
	diags_init(&d);

	assert_int_equal(lock_acquire(gitdir, ID, &h, &over, &d), 0);
	assert_int_equal(d.n, 0);
	assert_false(over);
	assert_int_equal(h.pid, (long)getpid());
	assert_false(h.other_host);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(file_pid(), (long)getpid());

	/* A second attempt from this very process is refused too. */
	assert_int_equal(lock_acquire(gitdir, ID, &h, &over, &d), LOCK_HELD);
	assert_int_equal(h.pid, (long)getpid());

	lock_release(gitdir, ID);
	assert_false(exists(path));
	lock_release(gitdir, ID);     /* twice: nothing happens */

	assert_int_equal(lock_acquire(gitdir, ID, &h, &over, &d), 0);
	assert_false(over);
	lock_release(gitdir, ID);
	assert_false(exists(path));
	assert_int_equal(d.n, 0);
	free(path);
	diags_free(&d);
}

static void test_held_by_parent(void **state)
{
	(void)state;
	struct diags d;
	diags_init(&d);
	assert_int_equal(lock_acquire(gitdir, ID, NULL, NULL, &d), 0);

	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct lock_holder h;
		bool over = true;
		if (lock_acquire(gitdir, ID, &h, &over, &d) != LOCK_HELD)
			_exit(1);
		if (h.pid != (long)getppid() || over || h.other_host || !h.user[0])
			_exit(2);
		/* The child inherits the parent's table, not its lock. */
		lock_release(gitdir, ID);
		_exit(0);
	}
	wait_ok(pid);
	char *path = lock_file();
	assert_true(exists(path));
	assert_int_equal(file_pid(), (long)getpid());
	lock_release(gitdir, ID);
	assert_false(exists(path));
	free(path);
	diags_free(&d);
}

static void test_stale_taken_over(void **state)
{
	(void)state;
	struct diags d;
	struct lock_holder h;
	bool over = false;
	diags_init(&d);
	pid_t dead = make_stale();
	assert_int_equal(file_pid(), (long)dead);

	assert_int_equal(lock_acquire(gitdir, ID, &h, &over, &d), 0);
	assert_int_equal(d.n, 0);
	assert_true(over);
	assert_int_equal(h.pid, (long)dead);
	assert_int_equal(file_pid(), (long)getpid());
	/* No temporary file is left beside it. */
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s/gavel/locks/" ID ".lock.%ld.tmp", gitdir, (long)getpid());
	assert_false(exists(tmp.data));
	buf_free(&tmp);
	lock_release(gitdir, ID);
	diags_free(&d);
}

static void test_garbage_taken_over(void **state)
{
	(void)state;
	struct diags d;
	struct lock_holder h;
	bool over = false;
	diags_init(&d);
	make_stale();
	char *path = lock_file();
	spit(path, "\x01garbage");
	assert_int_equal(lock_acquire(gitdir, ID, &h, &over, &d), 0);
	assert_true(over);
	assert_string_equal(h.user, "");
	assert_int_equal(file_pid(), (long)getpid());
	char *s = lock_holder_describe(&h);
	assert_string_equal(s, "held by another gavel (its lock file cannot be read)");
	free(s);
	free(path);
	diags_free(&d);
}

static void test_other_host_never_stale(void **state)
{
	(void)state;
	struct diags d;
	struct lock_holder h;
	bool over = true;
	diags_init(&d);
	make_stale();
	char *path = lock_file();
	const char *text = "user: bob\nhost: no-such-host.invalid\npid: 1\n"
			   "since: 2026-11-25T11:02:37+01:00\n";
	spit(path, text);
	assert_int_equal(lock_acquire(gitdir, ID, &h, &over, &d), LOCK_HELD);
	assert_false(over);
	assert_true(h.other_host);
	assert_string_equal(h.host, "no-such-host.invalid");
	char *s = lock_holder_describe(&h);
	assert_non_null(strstr(s, "held by bob on no-such-host.invalid (process 1) since 2026-11-25 11:02"));
	assert_non_null(strstr(s, "another computer"));
	free(s);
	/* Left exactly as it was. */
	lock_release(gitdir, ID);
	assert_int_equal(file_pid(), 1);
	free(path);
	diags_free(&d);
}

static void test_unlock_not_ours(void **state)
{
	(void)state;
	struct diags d;
	diags_init(&d);
	char *path = lock_file();

	/* A live child holds it; the parent's unlock does nothing. */
	int go[2];
	assert_int_equal(pipe(go), 0);
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c = lock_acquire(gitdir, ID, NULL, NULL, &d) == 0 ? 'y' : 'n';
		close(go[1]);
		if (write(ready[1], &c, 1) != 1)
			_exit(3);
		(void)read(go[0], &c, 1);    /* until the parent closes it */
		_exit(0);
	}
	close(go[0]);
	close(ready[1]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	lock_release(gitdir, ID);
	assert_true(exists(path));
	assert_int_equal(file_pid(), (long)pid);
	assert_int_equal(lock_acquire(gitdir, ID, NULL, NULL, &d), LOCK_HELD);
	close(go[1]);
	close(ready[0]);
	wait_ok(pid);

	/* A lock file naming another process, never taken by this one. */
	spit(path, "user: bob\nhost: x\npid: 999999\nsince: 2026-11-25T11:02:37+01:00\n");
	lock_release(gitdir, ID);
	assert_true(exists(path));
	free(path);
	diags_free(&d);
}

/* Four gavels take over the same stale lock at the same moment: exactly
 * one wins, and the others are told it holds the lock. */
static void test_take_over_race(void **state)
{
	(void)state;
	enum { N = 4 };
	make_stale();
	int go[2], done[2], res[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(done), 0);
	assert_int_equal(pipe(res), 0);
	pid_t kids[N];
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			struct diags d;
			struct lock_holder h;
			char c;
			diags_init(&d);
			close(go[1]);
			close(done[1]);
			(void)read(go[0], &c, 1);
			int rc = lock_acquire(gitdir, ID, &h, NULL, &d);
			c = rc == 0 ? 'W' : rc == LOCK_HELD && h.pid != (long)getpid() &&
			    kill((pid_t)h.pid, 0) == 0 ? 'H' : 'E';
			if (write(res[1], &c, 1) != 1)
				_exit(3);
			(void)read(done[0], &c, 1);
			_exit(0);
		}
	}
	close(go[0]);
	close(done[0]);
	close(res[1]);
	close(go[1]);           /* all start */
	int won = 0, held = 0;
	for (int i = 0; i < N; i++) {
		char c = 0;
		assert_int_equal(read(res[0], &c, 1), 1);
		won += c == 'W';
		held += c == 'H';
	}
	close(done[1]);
	close(res[0]);
	for (int i = 0; i < N; i++)
		wait_ok(kids[i]);
	assert_int_equal(won, 1);
	assert_int_equal(held, N - 1);
}

static void test_describe(void **state)
{
	(void)state;
	struct lock_holder h = { .pid = 4242 };
	strcpy(h.user, "alice");
	strcpy(h.host, "council-pc");
	strcpy(h.since, "2026-11-25T11:02:37+01:00");
	char *s = lock_holder_describe(&h);
	assert_string_equal(s, "held by alice on council-pc (process 4242) since 2026-11-25 11:02");
	free(s);
}

static void test_refused(void **state)
{
	(void)state;
	struct diags d;
	diags_init(&d);
	assert_int_equal(lock_acquire(gitdir, "../../etc", NULL, NULL, &d), -1);
	assert_int_equal(lock_acquire(gitdir, "a/../b", NULL, NULL, &d), -1);
	assert_int_equal(d.n, 2);
	lock_release(gitdir, "../../etc");
	struct buf p = BUF_INIT;
	buf_addf(&p, "%s/gavel", gitdir);
	assert_false(exists(p.data));
	/* A folder that cannot be made. */
	spit(p.data, "a file");
	assert_int_equal(lock_acquire(gitdir, ID, NULL, NULL, &d), -1);
	assert_int_equal(d.n, 3);
	assert_non_null(strstr(d.v[2].msg, "Not a directory"));
	assert_string_equal(d.v[2].file, p.data);
	buf_free(&p);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_take_and_release, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_by_parent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_taken_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_taken_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_host_never_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unlock_not_ours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_take_over_race, setup, teardown),
		cmocka_unit_test(test_describe),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
