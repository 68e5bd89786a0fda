/*
 * test_revision: the one parser of revisions (minutes/audit/revision.h):
 * git's own names, @YYYY-MM-DD, and confirmed, trusted only while its tag
 * is the one gavel confirm made (not moved, deleted or off HEAD's
 * history).  The repository is made through the archive API; git (the
 * shell's) tampers with it as an auditor fears.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/repo_fixture.h"
#include "minutes/audit/audit.h"
#include "minutes/audit/revision.h"

#define TAG "confirmed/communities-board/2018-03-14"

/* revision_resolve's answer; `why` gets its message (or ""). */
static int resolve(struct fx *fx, const char *id, const char *rev, char out[41], char **why)
{
	struct diags d;
	diags_init(&d);
	int rc = revision_resolve(fx->a, id, rev, out, &d);
	*why = xstrdup(d.n ? d.v[0].msg : "");
	if (rc)
		assert_int_equal(d.n, 1);       /* one line that says why */
	diags_free(&d);
	return rc;
}

static char *head(struct fx *fx, const char *rev)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "git rev-parse %s", rev);
	char *id = fx_out(fx, b.data);
	buf_free(&b);
	return id;
}

static void test_git_names_and_days(void **state)
{
	struct fx *fx = *state;
	char out[41], *why;
	char *h = head(fx, "HEAD");
	assert_int_equal(resolve(fx, fx->id, NULL, out, &why), 0);
	assert_string_equal(out, h);
	free(why);
	assert_int_equal(resolve(fx, fx->id, "HEAD", out, &why), 0);
	assert_string_equal(out, h);
	free(why);
	assert_int_equal(resolve(fx, fx->id, "nosuchrev", out, &why), ARCHIVE_ENOTFOUND);
	assert_non_null(strstr(why, "no revision 'nosuchrev'"));
	free(why);
	/* A day: the meeting's newest revision by its end; none before it. */
	assert_int_equal(resolve(fx, fx->id, "@2999-01-01", out, &why), 0);
	assert_string_equal(out, h);
	free(why);
	assert_int_equal(resolve(fx, NULL, "@2999-01-01", out, &why), 0);
	assert_string_equal(out, h);
	free(why);
	assert_int_equal(resolve(fx, fx->id, "@2001-01-01", out, &why), ARCHIVE_ENOTFOUND);
	assert_non_null(strstr(why, "on or before 2001-01-01"));
	free(why);
	assert_int_equal(resolve(fx, fx->id, "@2018-02-30", out, &why), MEETING_INVALID);
	assert_non_null(strstr(why, "@YYYY-MM-DD"));
	free(why);
	/* git's own @{...} stays git's. */
	assert_int_equal(resolve(fx, fx->id, "@{0}", out, &why), 0);
	free(why);
	free(h);
}

static void test_confirmed_trusted_only_as_made(void **state)
{
	struct fx *fx = *state;
	char out[41], commit[41], *why;
	struct diags d;
	diags_init(&d);
	assert_int_equal(resolve(fx, fx->id, "confirmed", out, &why), ARCHIVE_ENOTFOUND);
	assert_non_null(strstr(why, "has not been confirmed"));
	free(why);
	assert_int_equal(audit_confirm(fx->a, fx->id, "2018-04-11", "Cllr Chair", commit,
				       NULL, &d), 0);
	assert_int_equal(resolve(fx, fx->id, "confirmed", out, &why), 0);
	assert_string_equal(out, commit);
	free(why);
	assert_int_equal(resolve(fx, NULL, "confirmed", out, &why), MEETING_INVALID);
	free(why);

	/* Moved onto a later commit: an error that says so. */
	assert_int_equal(fx_sh(fx, "git commit -q --allow-empty -m later && "
			       "git tag -f " TAG " HEAD >/dev/null 2>&1"), 0);
	fx_reopen(fx);
	assert_int_equal(resolve(fx, fx->id, "confirmed", out, &why), MEETING_INVALID);
	assert_non_null(strstr(why, "confirmed cannot be trusted"));
	free(why);
	assert_int_equal(audit_tag_check(fx->a, fx->id, out, &d), MEETING_INVALID);
	diags_clear(&d);

	/* Deleted, while the minutes say confirmed. */
	assert_int_equal(fx_sh(fx, "git tag -d " TAG " >/dev/null"), 0);
	fx_reopen(fx);
	assert_int_equal(resolve(fx, fx->id, "confirmed", out, &why), MEETING_INVALID);
	assert_non_null(strstr(why, "is missing"));
	free(why);
	assert_int_equal(audit_tag_check(fx->a, fx->id, out, &d), ARCHIVE_ENOTFOUND);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_git_names_and_days, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_confirmed_trusted_only_as_made, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
