/*
 * test_session: the live session of a meeting (minutes/session), as the
 * clerk meets it: opening a meeting, a change committed with a message
 * that says what changed, the journal that brings back typed work after
 * gavel is killed, and a second gavel on a held meeting told who holds
 * it and given a read-only view that can neither commit nor journal;
 * confirmed minutes read-only until a correction's reason is given, which
 * every commit and the journal then carry.
 * The repository is made through the archive API; git is the witness.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/repo_fixture.h"
#include "minutes/session/session.h"
#include "minutes/audit/audit.h"
#include "minutes/model/minutes.h"

#define JOURNAL ".git/gavel/journal/communities-board/2018-03-14.journal"
#define MINUTES "communities-board/2018-03-14/minutes.yaml"

static struct session *open_session(struct fx *fx, bool read_only)
{
	struct session *s = NULL;
	struct diags d;
	diags_init(&d);
	char *holder = NULL;
	int rc = session_open(&s, fx->a, fx->id, read_only, &holder, &d);
	if (rc != 0)
		fail_msg("session_open: %d %s", rc, fx_diags(&d));
	assert_null(holder);
	diags_free(&d);
	return s;
}

static void set_venue(struct session *s, const char *venue)
{
	struct minutes *m = session_minutes(s);
	free(m->venue);
	m->venue = xstrdup(venue);
	session_touch(s);
	session_changed(s, NULL, "venue changed");
}

static bool head_has(struct fx *fx, const char *text)
{
	char *yaml = fx_out(fx, "git show HEAD:" MINUTES);
	bool has = strstr(yaml, text) != NULL;
	free(yaml);
	return has;
}

static void test_open_and_commit(void **state)
{
	struct fx *fx = *state;
	struct session *s = open_session(fx, false);
	assert_false(session_read_only(s));
	assert_string_equal(session_id(s), "communities-board/2018-03-14");
	assert_string_equal(session_minutes(s)->venue, "Council Chamber");
	assert_null(session_recovered(s, NULL));
	assert_false(session_pending(s));

	set_venue(s, "Committee Room 2");
	assert_true(session_pending(s));
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_commit(s, &d), 0);
	fx_no_diags(&d, "session_commit");
	assert_null(session_save_error(s));

	/* git shows the commit, its message saying what changed. */
	char *subject = fx_out(fx, "git log -1 --format=%s");
	assert_string_equal(subject, "communities-board/2018-03-14: venue changed");
	assert_true(head_has(fx, "venue: Committee Room 2"));
	char *status = fx_out(fx, "git status --porcelain");
	assert_string_equal(status, "");
	char *head = fx_out(fx, "git rev-parse HEAD");
	assert_true(*session_last_commit(s) != '\0');
	assert_memory_equal(head, session_last_commit(s), strlen(session_last_commit(s)));

	assert_int_equal(session_close(s, true, &d), 0);
	fx_no_diags(&d, "session_close");
	assert_int_equal(fx_sh(fx, "test -e " JOURNAL), 1);
	diags_free(&d);
	free(subject);
	free(status);
	free(head);
}

/* In a child process: opens the meeting, types a new venue, writes the
 * journal, and dies without closing anything (as kill -9 would leave it). */
static void crash_after_journal(struct fx *fx)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct archive *a = NULL;
		struct session *s = NULL;
		struct diags d;
		diags_init(&d);
		if (archive_open(&a, fx->repo, &d) != 0 ||
		    session_open(&s, a, fx->id, false, NULL, &d) != 0)
			_exit(2);
		struct minutes *m = session_minutes(s);
		free(m->venue);
		m->venue = xstrdup("Committee Room 2");
		session_touch(s);
		if (session_journal(s, "item=3 field=decision", 1000.0, &d) != 0)
			_exit(3);
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void test_journal_restored_after_crash(void **state)
{
	struct fx *fx = *state;
	crash_after_journal(fx);
	/* Nothing was committed; the journal holds the typing. */
	assert_true(head_has(fx, "venue: Council Chamber"));
	assert_int_equal(fx_sh(fx, "test -s " JOURNAL), 0);

	fx_reopen(fx);
	struct session *s = open_session(fx, false);
	const char *when = NULL;
	const char *ui = session_recovered(s, &when);
	assert_non_null(ui);
	assert_string_equal(ui, "item=3 field=decision");
	assert_non_null(when);
	assert_string_equal(session_minutes(s)->venue, "Committee Room 2");
	assert_true(session_pending(s));
	/* The dead gavel's lock was taken over, and the clerk is told. */
	const char *notice = session_take_notice(s);
	assert_non_null(notice);
	assert_non_null(strstr(notice, "took over a lock"));

	/* Closing commits the recovered work and removes the journal. */
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_close(s, true, &d), 0);
	fx_no_diags(&d, "session_close");
	assert_true(head_has(fx, "venue: Committee Room 2"));
	char *subject = fx_out(fx, "git log -1 --format=%s");
	assert_non_null(strstr(subject, "unsaved work recovered from the journal"));
	assert_int_equal(fx_sh(fx, "test -e " JOURNAL), 1);
	free(subject);
	diags_free(&d);
}

static void test_held_meeting_is_read_only(void **state)
{
	struct fx *fx = *state;
	struct session *first = open_session(fx, false);

	/* A second gavel is told who holds the meeting. */
	struct session *second = NULL;
	char *holder = NULL;
	struct diags d;
	diags_init(&d);
	assert_int_equal(session_open(&second, fx->a, fx->id, false, &holder, &d),
			 SESSION_HELD);
	assert_null(second);
	assert_non_null(holder);
	char pid[32];
	snprintf(pid, sizeof(pid), "(process %ld)", (long)getpid());
	assert_non_null(strstr(holder, pid));
	free(holder);

	/* It may still look, read-only: nothing it does is committed or
	 * journaled. */
	diags_clear(&d);
	struct session *view = open_session(fx, true);
	assert_true(session_read_only(view));
	assert_string_equal(session_minutes(view)->venue, "Council Chamber");
	set_venue(view, "The Pub");
	assert_false(session_journal_due(view, 1e9, 1.0));
	assert_int_equal(session_journal(view, "ui", 1e9, &d), 0);
	assert_int_equal(session_commit(view, &d), 0);
	assert_int_equal(session_close(view, true, &d), 0);
	fx_no_diags(&d, "read-only session");
	assert_true(head_has(fx, "venue: Council Chamber"));
	assert_int_equal(fx_sh(fx, "test -e " JOURNAL), 1);

	/* Once the first gavel leaves, the meeting can be taken. */
	assert_int_equal(session_close(first, false, &d), 0);
	struct session *again = open_session(fx, false);
	assert_false(session_read_only(again));
	assert_null(session_take_notice(again));
	assert_int_equal(session_close(again, false, &d), 0);
	diags_free(&d);
}

/* F5 on an item whose agenda entry confirms an earlier meeting: that
 * meeting is confirmed and tagged, and the item records the link (the
 * meeting and its minutes' blob as confirmed), committed as format 2. */
static void test_confirm_other_records_the_link(void **state)
{
	struct fx *fx = *state;
	struct diags d;
	diags_init(&d);
	struct meeting_spec spec = { .committee = "Communities Board", .date = "2018-02-07" };
	char *earlier = NULL;
	assert_int_equal(meeting_create(fx->a, &spec, &earlier, &d), 0);
	assert_int_equal(fx_sh(fx, "printf 'format: gavel-agenda/1\\ncommittee: Communities Board\\n"
			       "date: 2018-03-14\\nitems:\\n  - number: \"2\"\\n    title: Minutes\\n"
			       "    confirms: communities-board/2018-02-07\\n' "
			       ">communities-board/2018-03-14/agenda.yaml && "
			       "printf 'format: gavel-minutes/1\\ncommittee: Communities Board\\n"
			       "date: 2018-03-14\\nstatus: draft\\nitems:\\n  - number: \"2\"\\n"
			       "    title: Minutes\\n    decision: Confirmed.\\n' "
			       ">" MINUTES " && git add -A && git commit -qm agenda"), 0);
	fx_reopen(fx);
	struct session *s = open_session(fx, false);
	assert_int_equal(session_confirm_other(s, earlier, "2018-03-14", "Cllr Alex Morgan", &d), 0);
	assert_true(session_pending(s));
	assert_int_equal(session_commit(s, &d), 0);
	char *blob = fx_out(fx, "git rev-parse confirmed/communities-board/2018-02-07^{commit}:"
			    "communities-board/2018-02-07/minutes.yaml");
	struct buf want = BUF_INIT;
	buf_addf(&want, "    confirmed_minutes:\n      meeting: %s\n      blob: %s\n", earlier, blob);
	assert_true(head_has(fx, "format: gavel-minutes/2\n"));
	assert_true(head_has(fx, want.data));
	char *msg = fx_out(fx, "git log -1 --format=%s");
	assert_string_equal(msg, "communities-board/2018-03-14: item 2 Minutes: "
			    "confirmation of communities-board/2018-02-07 recorded");
	assert_int_equal(session_close(s, false, &d), 0);
	fx_no_diags(&d, "confirming");
	free(msg);
	free(blob);
	buf_free(&want);
	free(earlier);
	diags_free(&d);
}

/* In a child process: opens confirmed minutes for a correction, types,
 * writes the journal and dies. */
static void crash_while_correcting(struct fx *fx, const char *reason)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct archive *a = NULL;
		struct session *s = NULL;
		struct diags d;
		diags_init(&d);
		if (archive_open(&a, fx->repo, &d) != 0 ||
		    session_open_correction(&s, a, fx->id, false, reason, NULL, &d) != 0)
			_exit(2);
		set_venue(s, "Committee Room 3");
		if (session_journal(s, "ui", 1000.0, &d) != 0)
			_exit(3);
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void test_confirmed_needs_a_correction(void **state)
{
	struct fx *fx = *state;
	struct session *s = NULL;
	struct diags d;
	diags_init(&d);
	/* A draft needs no correction. */
	assert_int_equal(session_open_correction(&s, fx->a, fx->id, false, "why", NULL, &d),
			 SESSION_INVALID);
	char *said = fx_diags(&d);
	assert_non_null(strstr(said, "is not confirmed"));
	free(said);
	diags_clear(&d);
	assert_int_equal(audit_confirm(fx->a, fx->id, "2018-04-11", "Cllr Chair", NULL,
				       NULL, &d), 0);
	char *confirmed = fx_out(fx, "git rev-parse HEAD");

	/* Read-only, and says why; nothing typed is committed. */
	s = open_session(fx, false);
	assert_true(session_read_only(s));
	assert_true(session_can_correct(s));
	assert_null(session_correction(s));
	assert_string_equal(session_read_only_why(s), "confirmed on 2018-04-11 by Cllr Chair");
	set_venue(s, "Committee Room 2");
	assert_int_equal(session_commit(s, &d), 0);
	char *head = fx_out(fx, "git rev-parse HEAD");
	assert_string_equal(head, confirmed);
	free(head);

	/* The reason first: one line. */
	assert_int_equal(session_correct(s, "two\nlines", &d), SESSION_INVALID);
	diags_clear(&d);
	assert_int_equal(session_correct(s, "The venue was wrong", &d), 0);
	assert_false(session_read_only(s));
	assert_false(session_can_correct(s));
	assert_string_equal(session_correction(s), "The venue was wrong");
	assert_int_equal(session_journal(s, "ui", 1e9, &d), 0);
	assert_int_equal(fx_sh(fx, "grep -qx 'correction The venue was wrong' " JOURNAL), 0);
	assert_int_equal(session_commit(s, &d), 0);
	fx_no_diags(&d, "correcting");
	char *msg = fx_out(fx, "git log -1 --format=%B");
	assert_true(audit_is_correction(msg));
	assert_non_null(strstr(msg, "venue changed\n\nCorrection: The venue was wrong"));
	free(msg);
	assert_true(head_has(fx, "venue: Committee Room 2"));
	assert_int_equal(session_close(s, true, &d), 0);

	/* Killed while correcting: the restart goes on, for the same reason. */
	crash_while_correcting(fx, "Room 3, in fact");
	fx_reopen(fx);
	s = open_session(fx, false);
	assert_false(session_read_only(s));
	assert_string_equal(session_correction(s), "Room 3, in fact");
	assert_string_equal(session_minutes(s)->venue, "Committee Room 3");
	assert_int_equal(session_close(s, true, &d), 0);
	fx_no_diags(&d, "the restart");
	msg = fx_out(fx, "git log -1 --format=%B");
	assert_non_null(strstr(msg, "Correction: Room 3, in fact"));
	free(msg);
	assert_int_equal(fx_sh(fx, "test -e " JOURNAL), 1);
	free(confirmed);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_and_commit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_journal_restored_after_crash, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_held_meeting_is_read_only, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_confirm_other_records_the_link, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_confirmed_needs_a_correction, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
