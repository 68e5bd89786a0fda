/*
 * test_session_async: the session's commits made by a thread of their own
 * (session_async, minutes/session/committer.h): they land in the order
 * taken, one per snapshot; the journal written after a commit lands drops
 * only what that commit covered; a journal written while a commit was in
 * flight is restored after a crash even though that commit landed after
 * it; a commit that fails keeps its work pending, and the next commit says
 * all it holds.  The repository is made through the archive API; git is
 * the witness.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/repo_fixture.h"
#include "minutes/session/journal.h"
#include "minutes/session/session.h"
#include "minutes/model/minutes.h"

#define MINUTES "communities-board/2018-03-14/minutes.yaml"

static struct session *open_async(struct fx *fx)
{
	struct session *s = NULL;
	struct diags d;
	diags_init(&d);
	int rc = session_open(&s, fx->a, fx->id, false, NULL, &d);
	if (rc != 0)
		fail_msg("session_open: %d %s", rc, fx_diags(&d));
	diags_free(&d);
	session_async(s);
	return s;
}

/* Takes a snapshot and writes the journal after it (as the screen does),
 * which hands the snapshot to the thread. */
static void commit(struct session *s)
{
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_commit(s, &d), 0);
	assert_int_equal(session_journal(s, "ui", 1e9, &d), 0);
	fx_no_diags(&d, "commit and journal");
	diags_free(&d);
}

static void set_summary(struct session *s, size_t i, const char *text)
{
	struct minutes_item *it = session_minutes(s)->items[i];
	free(it->summary);
	it->summary = xstrdup(text);
	session_touch_item(s, it);
	session_changed(s, i ? "item 2" : "item 1", "summary %s", text);
}

/* Two items, committed. */
static struct session *with_items(struct fx *fx)
{
	struct session *s = open_async(fx);
	struct minutes *m = session_minutes(s);
	minutes_insert_item(m, 0, "1", "First");
	minutes_insert_item(m, 1, "2", "Second");
	session_touch_all(s);
	session_changed(s, NULL, "items added");
	commit(s);
	session_flush(s);
	assert_null(session_commit_error(s));
	return s;
}

static char *journal_payload(struct fx *fx)
{
	struct buf gitdir = BUF_INIT;
	buf_addf(&gitdir, "%s/.git", fx->repo);
	struct journal_entry e;
	journal_entry_init(&e);
	struct diags d;
	diags_init(&d);
	assert_int_equal(journal_read(gitdir.data, fx->id, &e, &d), JOURNAL_FOUND);
	char *p = xstrndup(e.payload.data, e.payload.len);
	journal_entry_free(&e);
	diags_free(&d);
	buf_free(&gitdir);
	return p;
}

static void test_order_and_what_the_journal_keeps(void **state)
{
	struct fx *fx = *state;
	setenv("GAVEL_TEST_COMMIT_DELAY_MS", "100", 1);
	struct session *s = with_items(fx);
	set_summary(s, 0, "one");
	commit(s);
	/* Typed after the snapshot, while its commit is in flight. */
	set_summary(s, 1, "two");
	assert_true(session_commits_pending(s) >= 1);
	session_flush(s);
	assert_int_equal(session_commits_pending(s), 0);
	char *head = fx_out(fx, "git rev-parse --short=7 HEAD");
	assert_string_equal(session_last_commit(s), head);
	/* The journal written now holds item 2 (touched after the snapshot),
	 * not item 1 (which the commit covered). */
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_journal(s, "ui", 2e9, &d), 0);
	char *p = journal_payload(fx);
	assert_non_null(strstr(p, "\nitems 1\n"));
	assert_non_null(strstr(p, "summary: two"));
	assert_null(strstr(p, "summary: one"));
	commit(s);
	assert_int_equal(session_close(s, true, &d), 0);
	fx_no_diags(&d, "session_close");
	/* One commit per snapshot, in order. */
	char *log = fx_out(fx, "git log --reverse --format=%s -3");
	assert_string_equal(log, "communities-board/2018-03-14: items added\n"
			    "communities-board/2018-03-14: item 1: summary one\n"
			    "communities-board/2018-03-14: item 2: summary two");
	free(log);
	free(p);
	free(head);
	diags_free(&d);
	unsetenv("GAVEL_TEST_COMMIT_DELAY_MS");
}

static void test_journal_newer_than_a_late_commit(void **state)
{
	struct fx *fx = *state;
	struct session *s = with_items(fx);
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_close(s, true, &d), 0);
	fx_reopen(fx);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The commit of "one" lands after the journal that also holds
		 * "two" was written; then the process dies (as kill -9). */
		setenv("GAVEL_TEST_COMMIT_DELAY_MS", "300", 1);
		s = open_async(fx);
		set_summary(s, 0, "one");
		commit(s);
		set_summary(s, 1, "two");
		if (session_journal(s, "ui", 3e9, &d) != 0)
			_exit(3);
		session_flush(s);
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	char *yaml = fx_out(fx, "git show HEAD:" MINUTES);
	assert_non_null(strstr(yaml, "summary: one"));
	assert_null(strstr(yaml, "summary: two"));
	fx_reopen(fx);
	s = open_async(fx);
	/* The journal is restored over the commit: nothing typed is lost. */
	assert_string_equal(session_minutes(s)->items[0]->summary, "one");
	assert_string_equal(session_minutes(s)->items[1]->summary, "two");
	assert_int_equal(session_close(s, true, &d), 0);
	fx_no_diags(&d, "session_close");
	free(yaml);
	diags_free(&d);
}

static void test_failed_commit_goes_on_to_the_next(void **state)
{
	struct fx *fx = *state;
	struct session *s = with_items(fx);
	char *before = fx_out(fx, "git rev-parse HEAD");
	assert_int_equal(fx_sh(fx, ": >.git/index.lock"), 0);
	set_summary(s, 0, "one");
	commit(s);
	session_flush(s);
	assert_non_null(session_commit_error(s));
	assert_non_null(session_poll_said(s) ? session_poll_said(s) : "said before the flush");
	assert_true(session_pending(s));
	char *now = fx_out(fx, "git rev-parse HEAD");
	assert_string_equal(now, before);
	/* The journal keeps it. */
	char *p = journal_payload(fx);
	assert_non_null(strstr(p, "summary: one"));
	assert_int_equal(fx_sh(fx, "rm .git/index.lock"), 0);
	set_summary(s, 1, "two");
	commit(s);
	session_flush(s);
	assert_null(session_commit_error(s));
	char *subject = fx_out(fx, "git log -1 --format=%s");
	assert_string_equal(subject, "communities-board/2018-03-14: item 1: summary one; "
			    "item 2: summary two");
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_close(s, true, &d), 0);
	fx_no_diags(&d, "session_close");
	free(before);
	free(now);
	free(p);
	free(subject);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_order_and_what_the_journal_keeps, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_journal_newer_than_a_late_commit, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_failed_commit_goes_on_to_the_next, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
