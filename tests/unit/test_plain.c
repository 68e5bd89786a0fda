/*
 * test_plain: the line dialogue of gavel run --plain (tui/edit/plain.c)
 * on a live session over a real minutes repository made for each test
 * from tests/data (items 3, 5 and 12.1; members Cllr Alex Morgan, Cllr
 * Sam Patel and Cllr Zoë Reid).  What is checked is what the clerk types
 * and what is stored, and what the dialogue says back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/git/meeting.h"
#include "minutes/session/session.h"
#include "tui/edit/plain.h"
#include "tui/edit/plain_priv.h"

#define ID "communities-board/2018-03-14"

struct fx {
	char *root;
	struct archive *a;
	struct session *s;
	struct plain p;
	char *out;
	size_t outlen;
};

static void fail_diags(const char *what, struct diags *d)
{
	char *m = d->n ? diag_format(&d->v[0]) : xstrdup("?");
	fail_msg("%s: %s", what, m);
}

static int setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel-plain.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fx->root = buf_detach(&b, NULL);
	if (!mkdtemp(fx->root))
		return -1;
	char path[4096];
	struct diags d;
	diags_init(&d);
	snprintf(path, sizeof(path), "%s/repo", fx->root);
	if (archive_init(&fx->a, path, false, &d))
		fail_diags("archive_init", &d);
	FILE *cf = fopen("tests/data/committee-full.yaml", "r");
	assert_non_null(cf);
	struct buf com = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), cf)) > 0)
		buf_add(&com, chunk, n);
	fclose(cf);
	struct archive_file file = { "communities-board/committee.yaml", com.data, com.len };
	if (archive_commit(fx->a, &file, 1, "committee", NULL, &d))
		fail_diags("archive_commit", &d);
	buf_free(&com);
	struct meeting_spec spec = { "communities-board", "2018-03-14",
				     "tests/data/agenda-full.yaml", NULL, NULL };
	char *id = NULL;
	if (meeting_create(fx->a, &spec, &id, &d))
		fail_diags("meeting_create", &d);
	free(id);
	if (session_open(&fx->s, fx->a, ID, false, NULL, &d))
		fail_diags("session_open", &d);
	diags_free(&d);
	FILE *out = open_memstream(&fx->out, &fx->outlen);
	assert_non_null(out);
	plain_init(&fx->p, fx->s, out);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	struct diags d;
	diags_init(&d);
	assert_true(plain_finish(&fx->p));
	plain_free(&fx->p);
	fclose(fx->p.out);
	free(fx->out);
	session_close(fx->s, true, &d);
	archive_free(fx->a);
	diags_free(&d);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->root);
	if (system(cmd) != 0)
		return -1;
	free(fx->root);
	free(fx);
	return 0;
}

/* Types one line; true when what the dialogue said holds `said`. */
static bool type(struct fx *fx, const char *line, const char *said)
{
	fflush(fx->p.out);
	size_t from = fx->outlen;
	plain_line(&fx->p, line);
	fflush(fx->p.out);
	bool ok = strstr(fx->out + from, said) != NULL;
	if (!ok)
		print_message("after '%s' expected '%s' in:\n%s", line, said, fx->out + from);
	return ok;
}

static struct minutes_item *item(struct fx *fx, size_t i)
{
	return session_minutes(fx->s)->items[i];
}

static void test_attendance_by_name_and_number(void **state)
{
	struct fx *fx = *state;
	assert_true(type(fx, "apologies 3", "Cllr Zoë Reid: apologies."));
	assert_true(type(fx, "absent patel", "Cllr Sam Patel: absent."));
	assert_true(type(fx, "present Cllr", "fits 3 names"));
	assert_true(type(fx, "present 9", "No number 9"));
	assert_true(type(fx, "present Nobody", "is nobody on the attendance list"));
	assert_true(type(fx, "add Jo Bloggs, Officer", "Jo Bloggs added"));
	assert_true(type(fx, "list", "Jo Bloggs, Officer: in attendance"));
	const struct minutes *m = session_minutes(fx->s);
	assert_int_equal(m->apologies.n, 1);
	assert_string_equal(m->apologies.v[0].name, "Cllr Zoë Reid");
	assert_true(type(fx, "frobnicate", "no command here"));
}

static void test_item_commands(void **state)
{
	struct fx *fx = *state;
	assert_true(type(fx, "comment Too early", "Not at an item"));
	assert_true(type(fx, "item 5", ""));
	assert_true(type(fx, "Peter Fenn: The funding was cut.", "said by Peter Fenn"));
	assert_string_equal(item(fx, 1)->comments[0].by, "Peter Fenn");
	assert_true(type(fx, "decision 9", "There is no phrase 9"));
	assert_true(type(fx, "decision 4 the strategy be noted.",
			 "Decision recorded: RESOLVED: that the strategy be noted."));
	assert_true(type(fx, "votes 7 2", "three numbers"));
	assert_true(type(fx, "votes 7 2 1", "Votes recorded"));
	assert_int_equal(item(fx, 1)->votes_abstained, 1);
	assert_true(type(fx, "action Reply to the consultation; Cllr Sam Patel; 2018-13-40",
			 "is not a date"));
	assert_int_equal(item(fx, 1)->nactions, 1);
	assert_string_equal(item(fx, 1)->actions[0].owner, "Cllr Sam Patel");
	assert_true(type(fx, "withdraw Papers late", "withdrawn: Papers late"));
	assert_int_equal(item(fx, 1)->status, ITEM_WITHDRAWN);
	assert_true(type(fx, "take", "taken"));
	assert_true(type(fx, "back", ""));
	assert_int_equal(fx->p.f.item, 0);
	assert_true(type(fx, "item 99", "There is no item 99"));
	/* Item 3 confirms minutes that hold nothing: only when told so. */
	assert_true(type(fx, "confirm", "record the decision first"));
	assert_true(type(fx, "decision 1", "Decision recorded"));
	assert_true(type(fx, "confirm", "Type confirm yes"));
}

/* A council's procedure: asked a step at a time, or given in one line;
 * names as a speaker's are read; bad answers asked again; cancel. */
static void test_procedure(void **state)
{
	struct fx *fx = *state;
	assert_true(type(fx, "item 5", ""));
	assert_true(type(fx, "amendment", "An amendment is to a motion"));
	assert_true(type(fx, "motion", ""));
	assert_true(plain_asking(&fx->p));
	assert_true(type(fx, "", "needs its words"));
	assert_true(type(fx, "That the strategy be welcomed.", "Motion 1: That the"));
	assert_true(type(fx, "Cllr Nobody", "names nobody present"));
	assert_true(type(fx, "Cllr Patel", "Moved by Cllr Sam Patel."));
	assert_true(type(fx, "3", "Seconded by Cllr Zoë Reid."));
	assert_true(type(fx, "seven", "expected FOR AGAINST ABSTAINED"));
	assert_true(type(fx, "2 1", "Votes: 2 for, 1 against, 0 abstained."));
	assert_true(type(fx, "carried", "Motion 1 is recorded."));
	assert_false(plain_asking(&fx->p));
	const struct motion *mo = &item(fx, 1)->motions[0];
	assert_string_equal(mo->mover, "Cllr Sam Patel");
	assert_int_equal(mo->votes.n_against, 1);
	assert_int_equal(mo->outcome, OUTCOME_CARRIED);
	/* In one line; a wrong part is asked again, the rest kept back. */
	assert_true(type(fx, "amendment Add a review; Morgan; Zed", "names nobody present"));
	assert_true(plain_asking(&fx->p));
	assert_true(type(fx, "cancel", "Amendment 1 to motion 1 cancelled"));
	assert_int_equal(item(fx, 1)->motions[0].namendments, 0);
	assert_true(type(fx, "amendment Add a review; Morgan; Reid", "is recorded"));
	assert_true(type(fx, "result", ""));
	assert_true(type(fx, "named", ""));
	assert_true(type(fx, "Morgan, Morgan", "is named twice"));
	assert_true(type(fx, "1", ""));
	assert_true(type(fx, "2, Reid", ""));
	assert_true(type(fx, "", "Named vote: for: Cllr Alex Morgan; against: Cllr Sam Patel"));
	assert_true(type(fx, "lost", "The amendment was lost."));
	const struct amendment *am = &item(fx, 1)->motions[0].amendments[0];
	assert_int_equal(am->votes.n_for, 1);
	assert_int_equal(am->votes.n_against, 2);
	assert_int_equal(am->votes.recorded.against.n, 2);
	assert_int_equal(am->outcome, OUTCOME_LOST);
	assert_true(type(fx, "declare Reid; 5; Chairs the charity; other; no",
			 "Declaration 1 is recorded."));
	const struct minutes *m = session_minutes(fx->s);
	assert_int_equal(m->declarations[0].kind, DECL_OTHER_REGISTRABLE);
	assert_string_equal(m->declarations[0].member, "Cllr Zoë Reid");
	assert_true(type(fx, "leave Patel", "Cllr Sam Patel left at"));
	assert_true(type(fx, "leave Patel", "already"));
	assert_true(type(fx, "returned Patel", "is back"));
	assert_true(type(fx, "substitute Jo Bloggs for Nobody", "none of the committee's members"));
	assert_true(type(fx, "substitute Ann Other for Cllr Reid",
			 "Ann Other is present, substituting for Cllr Zoë Reid."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_attendance_by_name_and_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_commands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_procedure, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
