/*
 * test_audit: what an auditor relies on (minutes/audit): confirmed
 * minutes verify as OK, a correction made with its reason as CORRECTED,
 * a change made behind gavel's back (plain git) as ALTERED naming the
 * commit; and the field-by-field diff and blame of a corrected meeting
 * name the field, the old and new text, and the revision that set it.
 * The repository is made through the archive API; git is the witness.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/repo_fixture.h"
#include "minutes/audit/audit.h"
#include "minutes/audit/mdiff.h"
#include "minutes/model/minutes.h"

static void confirm(struct fx *fx, char commit[41])
{
	struct diags d;
	diags_init(&d);
	bool signed_ = true;
	assert_int_equal(audit_confirm(fx->a, fx->id, "2018-04-11", "Cllr Alex Morgan",
				       commit, &signed_, &d), 0);
	fx_no_diags(&d, "audit_confirm");
	assert_false(signed_);          /* no signing key in the test's HOME */
	diags_free(&d);
}

/* The meeting's verdict, with the problems when it is ALTERED. */
static enum audit_state verify(struct fx *fx, size_t *corrections, char **why)
{
	struct audit_result *v = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	char *ids[] = { fx->id };
	assert_int_equal(audit_verify(fx->a, ids, 1, &v, &n, &d), 0);
	fx_no_diags(&d, "audit_verify");
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, fx->id);
	enum audit_state s = v[0].state;
	if (corrections)
		*corrections = v[0].corrections;
	if (why)
		*why = xstrdup(v[0].why.len ? v[0].why.data : "");
	audit_results_free(v, n);
	diags_free(&d);
	return s;
}

/* The minutes at HEAD with a new venue, as YAML. */
static char *moved_venue(struct fx *fx, const char *venue)
{
	struct minutes *m = NULL;
	struct diags d;
	diags_init(&d);
	assert_int_equal(meeting_load(fx->a, fx->id, NULL, &m, NULL, &d), 0);
	free(m->venue);
	m->venue = xstrdup(venue);
	struct buf b = BUF_INIT;
	minutes_write(m, &b);
	minutes_free(m);
	diags_free(&d);
	return buf_detach(&b, NULL);
}

static void correct(struct fx *fx, char commit[41])
{
	char *yaml = moved_venue(fx, "Committee Room 2");
	struct diags d;
	diags_init(&d);
	assert_int_equal(audit_commit_edit(fx->a, fx->id, yaml, strlen(yaml),
					   "the meeting moved to Committee Room 2", true,
					   commit, &d), 0);
	fx_no_diags(&d, "audit_commit_edit");
	diags_free(&d);
	free(yaml);
}

static void test_draft(void **state)
{
	struct fx *fx = *state;
	assert_int_equal(verify(fx, NULL, NULL), AUDIT_DRAFT);
	assert_string_equal(audit_state_name(AUDIT_DRAFT), "DRAFT");
}

static void test_confirmed_is_ok(void **state)
{
	struct fx *fx = *state;
	char commit[41];
	confirm(fx, commit);
	size_t corrections = 9;
	assert_int_equal(verify(fx, &corrections, NULL), AUDIT_OK);
	assert_int_equal(corrections, 0);

	/* git sees the tag on the confirming commit, naming the blob. */
	char *tag = audit_tag_name(fx->id);
	assert_string_equal(tag, "confirmed/communities-board/2018-03-14");
	char *target = fx_out(fx, "git rev-parse 'confirmed/communities-board/2018-03-14^{commit}'");
	assert_string_equal(target, commit);
	char *blob = fx_out(fx, "git rev-parse HEAD:communities-board/2018-03-14/minutes.yaml");
	char *body = fx_out(fx, "git cat-file tag confirmed/communities-board/2018-03-14");
	struct buf want = BUF_INIT;
	buf_addf(&want, AUDIT_BLOB_KEY "%s", blob);
	assert_non_null(strstr(body, want.data));
	assert_non_null(strstr(body, "Confirmed on 2018-04-11 by Cllr Alex Morgan."));
	/* and the committed minutes say confirmed. */
	char *yaml = fx_out(fx, "git show HEAD:communities-board/2018-03-14/minutes.yaml");
	assert_non_null(strstr(yaml, "status: confirmed"));
	buf_free(&want);
	free(tag);
	free(target);
	free(blob);
	free(body);
	free(yaml);
}

static void test_correction_is_corrected(void **state)
{
	struct fx *fx = *state;
	char c1[41], c2[41];
	confirm(fx, c1);
	correct(fx, c2);
	assert_string_not_equal(c1, c2);
	size_t corrections = 0;
	assert_int_equal(verify(fx, &corrections, NULL), AUDIT_CORRECTED);
	assert_int_equal(corrections, 1);
	/* The commit carries the reason as its trailer, for git log. */
	char *msg = fx_out(fx, "git log -1 --format=%B");
	assert_true(audit_is_correction(msg));
	assert_non_null(strstr(msg, "Correction: the meeting moved to Committee Room 2"));
	free(msg);
	/* A new gavel sees the same. */
	fx_reopen(fx);
	assert_int_equal(verify(fx, &corrections, NULL), AUDIT_CORRECTED);
}

static void test_plain_git_change_is_altered(void **state)
{
	struct fx *fx = *state;
	char c1[41];
	confirm(fx, c1);
	assert_int_equal(fx_sh(fx, "sed -i 's/^venue: .*/venue: The Pub/' "
			       "communities-board/2018-03-14/minutes.yaml && "
			       "git commit -q -am 'venue'"), 0);
	char *plain = fx_out(fx, "git rev-parse --short=7 HEAD");
	fx_reopen(fx);
	char *why = NULL;
	assert_int_equal(verify(fx, NULL, &why), AUDIT_ALTERED);
	assert_string_equal(audit_state_name(AUDIT_ALTERED), "ALTERED");
	assert_non_null(strstr(why, "changed without a correction"));
	assert_non_null(strstr(why, plain));
	free(why);
	free(plain);

	/* Undone by git, the minutes verify again. */
	assert_int_equal(fx_sh(fx, "git reset -q --hard HEAD~1"), 0);
	fx_reopen(fx);
	assert_int_equal(verify(fx, NULL, NULL), AUDIT_OK);
}

static struct minutes *load_at(struct fx *fx, const char *rev)
{
	struct minutes *m = NULL;
	struct diags d;
	diags_init(&d);
	assert_int_equal(meeting_load(fx->a, fx->id, rev, &m, NULL, &d), 0);
	diags_free(&d);
	return m;
}

static void test_diff_and_blame_of_a_correction(void **state)
{
	struct fx *fx = *state;
	char first[41], c1[41], c2[41];
	struct diags d;
	diags_init(&d);
	assert_int_equal(archive_resolve(fx->a, NULL, first, &d), 0);
	confirm(fx, c1);
	correct(fx, c2);

	/* The correction changed one field, the venue, and says from what
	 * to what. */
	struct minutes *a = load_at(fx, c1), *b = load_at(fx, c2);
	struct mdiff diff = { 0 };
	mdiff_compare(a, b, &diff);
	assert_int_equal(diff.n, 1);
	assert_int_equal(diff.v[0].kind, MDIFF_CHANGED);
	assert_int_equal(diff.v[0].area, MDIFF_MEETING);
	assert_string_equal(diff.v[0].field, "venue");
	assert_string_equal(diff.v[0].old_text, "Council Chamber");
	assert_string_equal(diff.v[0].new_text, "Committee Room 2");
	assert_non_null(strstr(diff.v[0].label, "venue"));
	struct buf words = BUF_INIT;
	mdiff_words_marked(diff.v[0].old_text, diff.v[0].new_text, &words);
	assert_non_null(strstr(words.data, "[-Council"));
	assert_non_null(strstr(words.data, "{+Committee"));
	buf_free(&words);
	mdiff_free(&diff);

	/* Blame: the venue was last set by the correction (revision 2), the
	 * status by the confirmation (1), the start by the first commit (0). */
	struct mdiff_blame *bl = mdiff_blame_new();
	mdiff_blame_add(bl, load_at(fx, first), 0);
	mdiff_blame_add(bl, a, 1);
	mdiff_blame_add(bl, b, 2);
	struct mdiff_blame_field *f = NULL;
	size_t n = 0;
	mdiff_blame_fields(bl, &f, &n);
	bool venue = false, status = false, start = false;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(f[i].label, "venue")) {
			venue = true;
			assert_string_equal(f[i].text, "Committee Room 2");
			assert_int_equal(f[i].rev, 2);
		}
		if (!strcmp(f[i].label, "status")) {
			status = true;
			assert_string_equal(f[i].text, "confirmed");
			assert_int_equal(f[i].rev, 1);
		}
		if (!strcmp(f[i].label, "start")) {
			start = true;
			assert_string_equal(f[i].text, "18:30");
			assert_int_equal(f[i].rev, 0);
		}
	}
	assert_true(venue);
	assert_true(status);
	assert_true(start);
	mdiff_blame_fields_free(f, n);
	mdiff_blame_free(bl);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_draft, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_confirmed_is_ok, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_correction_is_corrected, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_plain_git_change_is_altered, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diff_and_blame_of_a_correction, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
