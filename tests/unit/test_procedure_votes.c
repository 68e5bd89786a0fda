/*
 * test_procedure_votes: the review findings on F3's votes, as a model
 * (tui/edit/form_sheet*.c, form_proc.c, form_nav.c and the rule in
 * minutes/model/procedure.c):
 *
 *   - a motion carried, with no decision typed, is the item's decision
 *     (the end of the meeting does not call the item undecided);
 *   - naming the first voter over counts already typed asks before the
 *     counts go, and "no" keeps them;
 *   - a count takes digits only: a letter is refused as typed, and text
 *     that is no count (pasted, say) is kept to correct, never stored;
 *   - a member who declared a pecuniary interest and stayed in the room
 *     is a warning when named in the vote, and when counts are given
 *     with nobody named.
 */
#include "tests/unit/procedure_fixture.h"

#include "minutes/model/minutes.h"

/* ---- a carried motion decides ---- */

static void test_motion_rule(void **state)
{
	(void)state;
	struct minutes_item it;
	memset(&it, 0, sizeof(it));
	struct motion *mo = minutes_item_add_motion(&it, "That permission be refused.", NULL,
						    NULL);
	struct amendment *am = minutes_motion_add_amendment(mo, "That it be deferred.", NULL,
							    NULL);
	/* Put, or an amendment carried: no decision yet. */
	assert_false(minutes_item_decided(&it));
	am->outcome = OUTCOME_CARRIED;
	assert_false(minutes_item_decided(&it));
	/* The substantive motion carried: the item's decision. */
	mo->outcome = OUTCOME_CARRIED;
	assert_true(minutes_motion_decides(&it, mo));
	assert_true(minutes_item_decided(&it));
	struct buf b = BUF_INIT;
	minutes_motion_resolution(&b, mo);
	assert_string_equal(b.data, "RESOLVED: that permission be refused.");
	/* A decision typed is the decision: the motion is not another. */
	it.decision = xstrdup("RESOLVED: that it be refused with reasons.");
	assert_false(minutes_motion_decides(&it, mo));
	assert_true(minutes_item_decided(&it));
	free(it.decision);
	it.decision = NULL;
	/* Lost or withdrawn decides nothing. */
	mo->outcome = OUTCOME_LOST;
	assert_false(minutes_item_decided(&it));
	buf_free(&b);
	minutes_item_remove_motion(&it, 0);
	free(it.motions);
}

static void test_carried_motion_not_missing(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	type(sh, "That the strategy be welcomed.");
	row(sh, SW_OUTCOME, 0, SHEET_NONE);
	pick(sh, "carried");
	sheet_close(sh);
	struct buf b = BUF_INIT;
	form_nav_missing(f, &b);
	assert_null(strstr(b.data, "Integrated Communities Strategy: no decision"));
	assert_non_null(strstr(b.data, "no decision"));         /* the others */
	assert_string_equal(form_nav_item_state(form_item(f)), "decided");
	/* Lost: undecided again. */
	sh = sheet_open(f, SHEET_MOTIONS, NULL);
	row(sh, SW_OUTCOME, 0, SHEET_NONE);
	pick(sh, "lost");
	sheet_close(sh);
	buf_reset(&b);
	form_nav_missing(f, &b);
	assert_non_null(strstr(b.data, "Integrated Communities Strategy: no decision"));
	buf_free(&b);
}

/* ---- a named vote over typed counts ---- */

static void test_named_vote_asks(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	type(sh, "That the strategy be welcomed.");
	row(sh, SW_FOR, 0, SHEET_NONE);
	type(sh, "2");
	type(sh, "1");
	const struct votes *v = &form_item(f)->motions[0].votes;
	row(sh, SW_RECORDED, 0, SHEET_NONE);
	pick(sh, "Cllr Alex Morgan");
	/* Asked; nothing changed yet. */
	assert_true(sheet_asking(sh));
	assert_non_null(strstr(f->msg.data, "Replace the typed counts 2/1/0 with a named "
			       "vote? y"));
	assert_int_equal(v->n_for, 2);
	assert_false(minutes_recorded_any(&v->recorded));
	/* No: the counts stay, and say so. */
	sheet_answer(sh, false);
	assert_false(sheet_asking(sh));
	assert_int_equal(v->n_for, 2);
	assert_int_equal(v->n_against, 1);
	assert_false(minutes_recorded_any(&v->recorded));
	assert_non_null(strstr(f->msg.data, "kept the typed counts 2/1/0"));
	/* Moving off the row forgets a question. */
	pick(sh, "Cllr Alex Morgan");
	assert_true(sheet_asking(sh));
	assert_true(sheet_move(sh, 1));
	assert_false(sheet_asking(sh));
	assert_true(sheet_move(sh, -1));
	/* Yes: the counts follow the names. */
	pick(sh, "Cllr Alex Morgan");
	sheet_answer(sh, true);
	assert_int_equal(v->n_for, 1);
	assert_int_equal(v->n_against, 0);
	assert_string_equal(v->recorded.voted_for.v[0], "Cllr Alex Morgan");
	assert_non_null(strstr(f->msg.data, "the typed counts 2/1/0 replaced"));
	/* Names already there: no question for the next. */
	pick(sh, "Cllr Sam Patel");
	assert_false(sheet_asking(sh));
	assert_int_equal(v->n_for, 2);
	sheet_close(sh);
	assert_false(session_pending(fx->s));
}

/* ---- a count is digits ---- */

static void test_count_digits(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	type(sh, "That the strategy be welcomed.");
	row(sh, SW_FOR, 0, SHEET_NONE);
	/* Typed: digits pass, a letter is refused and named. */
	assert_true(sheet_typable(sh, '7'));
	assert_false(sheet_typable(sh, 'x'));
	assert_true(f->msg_error);
	assert_non_null(strstr(f->msg.data, "a count is digits only: 'x' not typed"));
	assert_true(sheet_typable(sh, 0x7f));   /* Backspace edits */
	/* Text on other rows is free. */
	row(sh, SW_MOTION, 0, SHEET_NONE);
	assert_true(sheet_typable(sh, 'x'));
	/* Text that is no count (pasted) says what is wrong, stays to be
	 * corrected, and stores nothing. */
	row(sh, SW_FOR, 0, SHEET_NONE);
	sheet_set_text(sh, "7x");
	assert_false(sheet_move(sh, 1));
	assert_non_null(strstr(f->msg.data, "'7x' is not a number of votes: a count is "
			       "digits only, and 'x' is not one"));
	assert_string_equal(field_text(sh->field, NULL), "7x");
	assert_int_equal(form_item(f)->motions[0].votes.n_for, 0);
	sheet_set_text(sh, "7½");
	assert_false(sheet_move(sh, 1));
	assert_non_null(strstr(f->msg.data, "and '½' is not one"));
	sheet_set_text(sh, "7");
	assert_true(sheet_move(sh, 1));
	assert_int_equal(form_item(f)->motions[0].votes.n_for, 7);
	sheet_close(sh);
	/* The decision's counts on the item's form: the same. */
	form_build(f);
	f->focus = form_slot_find(f, SLOT_VOTE_AGAINST, 0);
	form_load(f);
	assert_true(form_typable(f, '3'));
	assert_false(form_typable(f, 'x'));
	assert_non_null(strstr(f->msg.data, "a count is digits only: 'x' not typed"));
	f->focus = form_slot_find(f, SLOT_SUMMARY, 0);
	form_load(f);
	assert_true(form_typable(f, 'x'));
}

/* ---- a pecuniary interest, the member in the room ---- */

static void declare(struct form *f, bool left)
{
	struct sheet *sh = sheet_open(f, SHEET_DECLARATIONS, NULL);
	pick(sh, "Cllr Sam Patel");
	pick(sh, "5");
	type(sh, "Owns land adjoining the site");
	pick(sh, "disclosable pecuniary");
	pick(sh, left ? "yes" : "no");
	sheet_close(sh);
}

static void test_pecuniary_stayed(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	declare(f, false);
	form_nav_item(f, ITEM_5);
	assert_non_null(strstr(f->msg.data, "(stayed in the room)"));
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	type(sh, "That the application be approved.");
	/* Counts with nobody named: he may be in them. */
	row(sh, SW_FOR, 0, SHEET_NONE);
	type(sh, "2");
	assert_true(f->msg_error);
	assert_non_null(strstr(f->msg.data, "Cllr Sam Patel declared a pecuniary interest "
			       "in item 5 and stayed in the room: check the vote "
			       "leaves them out."));
	assert_int_equal(form_item(f)->motions[0].votes.n_for, 2);
	/* Named: a warning, and the vote stands. */
	row(sh, SW_RECORDED, 0, SHEET_NONE);
	pick(sh, "Cllr Alex Morgan");
	sheet_answer(sh, true);
	assert_false(f->msg_error);             /* Morgan declared nothing */
	pick(sh, "Cllr Sam Patel");
	assert_true(f->msg_error);
	assert_non_null(strstr(f->msg.data, "Cllr Sam Patel declared a pecuniary interest "
			       "in item 5 and stayed in the room, and is named in the "
			       "vote."));
	assert_int_equal(form_item(f)->motions[0].votes.n_for, 2);
	sheet_close(sh);
	/* The decision's counts typed on the item's form: the same warning. */
	form_build(f);
	f->focus = form_slot_find(f, SLOT_VOTE_FOR, 0);
	form_load(f);
	form_set_text(f, "2");
	assert_true(form_move(f, 1));
	assert_non_null(strstr(f->msg.data, "stayed in the room: check the vote"));
	/* Another item: nothing to say. */
	form_nav_item(f, ITEM_3);
	form_build(f);
	f->focus = form_slot_find(f, SLOT_VOTE_FOR, 0);
	form_load(f);
	form_set_text(f, "2");
	assert_true(form_move(f, 1));
	assert_null(strstr(f->msg.data, "pecuniary"));
}

static void test_pecuniary_left(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	declare(f, true);
	form_nav_item(f, ITEM_5);
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	type(sh, "That the application be approved.");
	/* Out of the room: counts alone say nothing of him. */
	row(sh, SW_FOR, 0, SHEET_NONE);
	type(sh, "1");
	assert_null(strstr(f->msg.data, "pecuniary"));
	sheet_close(sh);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_motion_rule),
		cmocka_unit_test_setup_teardown(test_carried_motion_not_missing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_named_vote_asks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pecuniary_stayed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pecuniary_left, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
