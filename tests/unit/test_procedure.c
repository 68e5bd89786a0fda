/*
 * test_procedure: a council's procedure on the clerk's screen as a model
 * (tui/edit/form_sheet.c, form_proc.c, form_roll.c), on a live session
 * over a repository made from tests/data (members Cllr Alex Morgan, Cllr
 * Sam Patel, Cllr Zoë Reid; items 3, 5 and 12.1).
 *
 * What a clerk would notice: an arrival and a departure with their time
 * and the item in hand, a substitute, the quorum, a motion with its
 * amendment lost on a named vote, the counts checked against those
 * present, a declaration with every field and its reminder, the warning
 * when a member who left the room is named in a vote, and minute numbers.
 */
#include "tests/unit/procedure_fixture.h"

/* ---- attendance through the meeting ---- */

static void test_arrival_departure_substitute(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	struct minutes *m = f->m;
	/* Before the meeting: Patel absent, Reid with apologies. */
	select_person(f, "Cllr Sam Patel");
	form_roll_mark(f, FORM_ABSENT);
	select_person(f, "Cllr Zoë Reid");
	form_roll_mark(f, FORM_APOLOGIES);
	assert_int_equal(m->absent.n, 1);
	assert_string_equal(m->absent.v[0].name, "Cllr Sam Patel");
	/* No arrival time before an item is taken. */
	assert_string_equal(present(m, "Cllr Alex Morgan")->arrived, "");

	form_nav_item(f, ITEM_5);
	form_nav_enter(f, FORM_ATTENDANCE);
	select_person(f, "Cllr Sam Patel");
	form_roll_mark(f, FORM_PRESENT);
	struct person *p = present(m, "Cllr Sam Patel");
	assert_non_null(p);
	assert_true(p->arrived[2] == ':');
	assert_string_equal(p->arrived_during, "5");
	assert_non_null(strstr(f->msg.data, "arrived at"));
	assert_int_equal(m->absent.n, 0);
	/* A departure, and back again. */
	select_person(f, "Cllr Sam Patel");
	form_roll_leave(f);
	p = present(m, "Cllr Sam Patel");
	assert_true(p->left[2] == ':');
	assert_string_equal(p->left_during, "5");
	assert_int_equal(form_roll_voting(f), 1);
	form_roll_leave(f);
	assert_string_equal(present(m, "Cllr Sam Patel")->left, "");
	/* Someone absent cannot leave. */
	select_person(f, "Cllr Zoë Reid");
	form_roll_leave(f);
	assert_true(f->msg_error);

	/* A substitute, added in attendance and made present, stands in for
	 * Reid: picked from the committee's members, not from anyone. */
	form_roll_add_person(f, "Cllr Ruth Dombey", NULL);
	select_person(f, "Cllr Ruth Dombey");
	form_roll_mark(f, FORM_PRESENT);
	struct sheet *sh = sheet_open(f, SHEET_PERSON, "Cllr Ruth Dombey");
	assert_non_null(sh);
	row(sh, SW_SUBSTITUTE, 0, SHEET_NONE);
	size_t n = sheet_choices(sh, sheet_focused(sh));
	assert_int_equal(n, 3);
	pick(sh, "Cllr Zoë Reid");
	/* A time typed that does not read is refused, kept as typed. */
	row(sh, SW_LEFT, 0, SHEET_NONE);
	sheet_set_text(sh, "half past");
	assert_false(sheet_move(sh, 1));
	sheet_set_text(sh, "1905");
	assert_true(sheet_move(sh, 1));
	pick(sh, "12.1");
	sheet_close(sh);
	p = present(m, "Cllr Ruth Dombey");
	assert_string_equal(p->substitute_for, "Cllr Zoë Reid");
	assert_string_equal(p->left, "19:05");
	assert_string_equal(p->left_during, "12.1");
	/* The substitute counts towards the quorum, once gone no more. */
	assert_int_equal(form_roll_voting(f), 2);
	assert_false(session_pending(fx->s));
}

static bool in_attendance(const struct minutes *m, const char *name)
{
	for (size_t i = 0; i < m->in_attendance.n; i++)
		if (!strcmp(m->in_attendance.v[i].name, name))
			return true;
	return false;
}

/* Present is the committee's members and their substitutes: an officer
 * or presenter marked present is in attendance, in the minutes too, and
 * never counts towards the quorum; a substitute is present once named. */
static void test_not_members_in_attendance(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	struct minutes *m = f->m;
	unsigned before = form_roll_voting(f);
	select_person(f, "Peter Fenn");         /* the agenda's presenter */
	form_roll_mark(f, FORM_PRESENT);
	assert_int_equal(form_roll_find(&f->roll, "Peter Fenn")->state, FORM_IN_ATTENDANCE);
	assert_null(present(m, "Peter Fenn"));
	assert_true(in_attendance(m, "Peter Fenn"));
	assert_non_null(strstr(f->msg.data, "Peter Fenn is not a member of the committee"));
	assert_int_equal(form_roll_voting(f), before);
	/* A member marked present is present. */
	select_person(f, "Cllr Sam Patel");
	form_roll_mark(f, FORM_APOLOGIES);
	select_person(f, "Cllr Sam Patel");
	form_roll_mark(f, FORM_PRESENT);
	assert_non_null(present(m, "Cllr Sam Patel"));

	form_roll_add_person(f, "Cllr Ruth Dombey", NULL);
	select_person(f, "Cllr Ruth Dombey");
	form_roll_mark(f, FORM_PRESENT);
	assert_true(in_attendance(m, "Cllr Ruth Dombey"));
	struct sheet *sh = sheet_open(f, SHEET_PERSON, "Cllr Ruth Dombey");
	assert_non_null(sh);
	row(sh, SW_SUBSTITUTE, 0, SHEET_NONE);
	pick(sh, "Cllr Zoë Reid");
	assert_non_null(present(m, "Cllr Ruth Dombey"));
	assert_false(in_attendance(m, "Cllr Ruth Dombey"));
	assert_int_equal(form_roll_voting(f), before + 1);
	/* The substitution cleared: in attendance again, not counted. */
	row(sh, SW_SUBSTITUTE, 0, SHEET_NONE);
	sheet_clear(sh);
	sheet_close(sh);
	assert_null(present(m, "Cllr Ruth Dombey"));
	assert_true(in_attendance(m, "Cllr Ruth Dombey"));
	assert_int_equal(form_roll_voting(f), before);

	/* The rule itself: without members known, everyone is a member. */
	assert_true(minutes_belongs_present(NULL, "Peter Fenn", NULL));
	struct committee *c = committee_new("Board");
	assert_true(minutes_belongs_present(c, "Peter Fenn", NULL));
	people_add(&c->members, "Cllr Zoë Reid", NULL);
	assert_false(minutes_belongs_present(c, "Peter Fenn", NULL));
	assert_false(minutes_belongs_present(c, "Peter Fenn", ""));
	assert_true(minutes_belongs_present(c, "Peter Fenn", "Cllr Zoë Reid"));
	assert_true(minutes_belongs_present(c, "Cllr Zoë Reid", NULL));
	committee_free(c);
}

static void test_quorum(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	struct committee *c;
	const struct committee *cc = session_committee(fx->s);
	memcpy(&c, &cc, sizeof(c));
	c->quorum = 3;
	select_person(f, "Cllr Sam Patel");
	form_roll_mark(f, FORM_APOLOGIES);
	unsigned have, need;
	assert_true(form_roll_inquorate(f, &have, &need));
	assert_int_equal(have, 2);
	assert_int_equal(need, 3);
	form_nav_item(f, ITEM_5);
	assert_non_null(strstr(f->msg.data, "NO QUORUM: 2 members present, 3 needed."));
	c->quorum = 2;
	buf_reset(&f->msg);     /* as each key does */
	form_nav_item(f, ITEM_3);
	assert_null(strstr(f->msg.data, "NO QUORUM"));
	c->quorum = 0;
}

/* ---- motions, amendments, named votes ---- */

static void test_motion_amendment_lost(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	assert_non_null(sh);
	char label[40];
	sheet_label(sh, sheet_focused(sh), label, sizeof(label));
	assert_string_equal(label, "Motion +");
	type(sh, "That planning permission be refused.");
	/* Straight on to its mover, from those present. */
	assert_int_equal(sheet_focused(sh)->what, SW_MOVER);
	pick(sh, "Cllr Sam Patel");
	pick(sh, "Cllr Alex Morgan");
	assert_true(sheet_focused(sh)->fresh);          /* Amendment + */
	type(sh, "That the decision be deferred for a site visit.");
	pick(sh, "Cllr Zoë Reid");
	pick(sh, "Cllr Sam Patel");
	/* Counts typed: more than are present is a warning, and is kept. */
	row(sh, SW_FOR, 0, 0);
	type(sh, "9");
	assert_true(f->msg_error);
	assert_non_null(strstr(f->msg.data, "9 votes cast but only 3 members present"));
	const struct minutes_item *it = form_item(f);
	assert_int_equal(it->motions[0].amendments[0].votes.n_for, 9);
	/* A named vote gives the counts, once the clerk agrees that it
	 * replaces the counts typed. */
	row(sh, SW_RECORDED, 0, 0);
	pick(sh, "Cllr Zoë Reid");
	assert_true(sheet_asking(sh));
	assert_non_null(strstr(f->msg.data, "Replace the typed counts 9/0/0"));
	sheet_answer(sh, true);                         /* Reid for */
	pick(sh, "Cllr Alex Morgan");
	pick(sh, "Cllr Alex Morgan");                   /* against */
	pick(sh, "Cllr Sam Patel");
	pick(sh, "Cllr Sam Patel");                     /* against */
	const struct votes *v = &it->motions[0].amendments[0].votes;
	assert_int_equal(v->n_for, 1);
	assert_int_equal(v->n_against, 2);
	assert_int_equal(v->n_abstained, 0);
	assert_string_equal(v->recorded.voted_for.v[0], "Cllr Zoë Reid");
	assert_int_equal(v->recorded.against.n, 2);
	/* Counts now follow the named vote: typing one is refused. */
	row(sh, SW_AGAINST, 0, 0);
	sheet_set_text(sh, "4");
	assert_false(sheet_move(sh, 1));
	sheet_set_text(sh, "2");
	assert_true(sheet_move(sh, 1));
	row(sh, SW_OUTCOME, 0, 0);
	pick(sh, "lost");
	/* The substantive motion carried. */
	row(sh, SW_FOR, 0, SHEET_NONE);
	type(sh, "3");
	row(sh, SW_OUTCOME, 0, SHEET_NONE);
	pick(sh, "carried");
	sheet_close(sh);
	const struct motion *mo = &it->motions[0];
	assert_string_equal(mo->text, "That planning permission be refused.");
	assert_string_equal(mo->mover, "Cllr Sam Patel");
	assert_string_equal(mo->seconder, "Cllr Alex Morgan");
	assert_int_equal(mo->outcome, OUTCOME_CARRIED);
	assert_int_equal(mo->votes.n_for, 3);
	assert_int_equal(mo->namendments, 1);
	assert_string_equal(mo->amendments[0].mover, "Cllr Zoë Reid");
	assert_int_equal(mo->amendments[0].outcome, OUTCOME_LOST);
	assert_false(session_pending(fx->s));
	/* Emptying a motion's text removes it. */
	sh = sheet_open(f, SHEET_MOTIONS, NULL);
	row(sh, SW_MOTION, 0, SHEET_NONE);
	type(sh, "");
	sheet_close(sh);
	assert_int_equal(form_item(f)->nmotions, 0);
}

static void test_item_votes_checked(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	f->focus = form_slot_find(f, SLOT_VOTE_FOR, 0);
	form_load(f);
	form_set_text(f, "9");
	/* A warning, not a refusal: the count is stored. */
	assert_true(form_move(f, 1));
	assert_int_equal(form_item(f)->votes_for, 9);
	assert_true(f->msg_error);
	assert_non_null(strstr(f->msg.data, "9 votes cast but only 3 members present"));
	/* The decision's named vote (F3): its lists give the counts. */
	struct sheet *sh = sheet_open(f, SHEET_MOTIONS, NULL);
	row(sh, SW_DECISION_VOTE, SHEET_NONE, SHEET_NONE);
	pick(sh, "Cllr Alex Morgan");
	sheet_answer(sh, true);                 /* the typed 9 goes */
	pick(sh, "Cllr Sam Patel");
	pick(sh, "Cllr Sam Patel");
	sheet_close(sh);
	const struct minutes_item *it = form_item(f);
	assert_int_equal(it->votes_for, 1);
	assert_int_equal(it->votes_against, 1);
	assert_string_equal(it->recorded.against.v[0], "Cllr Sam Patel");
	form_build(f);
	f->focus = form_slot_find(f, SLOT_VOTE_FOR, 0);
	form_load(f);
	form_set_text(f, "5");
	assert_true(form_move(f, 1));
	assert_int_equal(it->votes_for, 1);
	assert_non_null(strstr(f->msg.data, "named vote gives the counts"));
}

/* ---- declarations ---- */

static void test_declaration(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	struct sheet *sh = sheet_open(f, SHEET_DECLARATIONS, NULL);
	char label[40];
	sheet_label(sh, sheet_focused(sh), label, sizeof(label));
	assert_string_equal(label, "Member +");
	/* The member is picked from those present: no sentence can become a
	 * name. */
	pick(sh, "Cllr Sam Patel");
	assert_int_equal(sheet_focused(sh)->what, SW_DECL_ITEM);
	pick(sh, "5");
	type(sh, "Owns land adjoining the site");
	pick(sh, "disclosable pecuniary");
	pick(sh, "yes");
	sheet_close(sh);
	const struct declaration *d = &f->m->declarations[0];
	assert_string_equal(d->member, "Cllr Sam Patel");
	assert_string_equal(d->item, "5");
	assert_string_equal(d->interest, "Owns land adjoining the site");
	assert_int_equal(d->kind, DECL_PECUNIARY);
	assert_true(d->left_room);
	/* Entering the item reminds the clerk. */
	form_nav_item(f, ITEM_5);
	assert_non_null(strstr(f->msg.data, "Declared: Cllr Sam Patel, disclosable "
			       "pecuniary: Owns land adjoining the site."));
	assert_non_null(strstr(f->msg.data, "left the room"));
	/* Named in a vote on that item: a warning, and the vote stands. */
	sh = sheet_open(f, SHEET_MOTIONS, NULL);
	type(sh, "That the application be approved.");
	row(sh, SW_RECORDED, 0, SHEET_NONE);
	pick(sh, "Cllr Sam Patel");
	assert_true(f->msg_error);
	assert_non_null(strstr(f->msg.data, "Cllr Sam Patel declared a pecuniary interest "
			       "in item 5 and left the room"));
	assert_int_equal(form_item(f)->motions[0].votes.n_for, 1);
	sheet_close(sh);
	/* Delete on the member removes the declaration. */
	sh = sheet_open(f, SHEET_DECLARATIONS, NULL);
	row(sh, SW_DECL_MEMBER, 0, SHEET_NONE);
	sheet_clear(sh);
	sheet_close(sh);
	assert_int_equal(f->m->ndeclarations, 0);
}

/* The opening lists declarations and cannot take one typed; a
 * declaration made without the sheet (gavel run --plain) names a member
 * present and an item of the agenda, or nothing is stored. */
static void test_declaration_typed(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_enter(f, FORM_OPENING);
	for (size_t i = 0; i < f->nslots; i++)
		assert_true(f->slots[i].kind == SLOT_START || f->slots[i].kind == SLOT_VENUE ||
			    f->slots[i].kind == SLOT_DECL_MEMBER);
	f->focus = form_slot_find(f, SLOT_DECL_MEMBER, 0);
	form_load(f);
	char *t = form_slot_text(f, form_focused(f));
	assert_string_equal(t, "F4 declare an interest");
	free(t);
	form_set_text(f, "Cllr Patel declared an interest as a landowner");
	assert_false(f->field_changed);
	assert_true(form_move(f, 0));
	assert_int_equal(f->m->ndeclarations, 0);

	assert_false(sheet_declare(f, "Patel declared an interest as a landowner", "5",
				   "Owns land"));
	assert_non_null(strstr(f->msg.data, "names no member present"));
	assert_false(sheet_declare(f, "Cllr Sam Patel", "99", "Owns land"));
	assert_non_null(strstr(f->msg.data, "there is no item 99"));
	assert_int_equal(f->m->ndeclarations, 0);
	/* Named as a speaker is: title and surname. */
	assert_true(sheet_declare(f, "Cllr Patel", "5", "Owns land"));
	assert_int_equal(f->m->ndeclarations, 1);
	assert_string_equal(f->m->declarations[0].member, "Cllr Sam Patel");
	assert_string_equal(f->m->declarations[0].item, "5");
	/* The opening lists it, whole. */
	form_build(f);
	t = form_slot_text(f, &f->slots[form_slot_find(f, SLOT_DECL_MEMBER, 0)]);
	assert_string_equal(t, "Cllr Sam Patel, item 5: Owns land");
	free(t);
	/* Someone away does not declare. */
	form_nav_enter(f, FORM_ATTENDANCE);
	for (f->sel = 0; f->sel < f->roll.n; f->sel++)
		if (!strcmp(f->roll.v[f->sel].name, "Cllr Alex Morgan"))
			break;
	form_roll_mark(f, FORM_APOLOGIES);
	assert_false(sheet_declare(f, "Cllr Alex Morgan", NULL, "Governor"));
	assert_non_null(strstr(f->msg.data, "Cllr Alex Morgan is not a member present"));
	assert_int_equal(f->m->ndeclarations, 1);
}

/* ---- text typed on a sheet, in the journal ---- */

/* The state a crash leaves, read back into a fresh form on the session
 * (sheets shown, or not: then the text is stored). */
static void restart(struct form *f, const char *state, bool shown)
{
	struct session *s = f->s;
	form_free(f);
	form_init(f, s);
	f->sheets_shown = shown;
	form_journal_restore(f, state);
}

static void test_sheet_journal(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	struct buf st = BUF_INIT;
	form_nav_item(f, ITEM_5);
	/* A motion half typed, then the note of an action in progress. */
	struct sheet *sh = f->sheet = sheet_open(f, SHEET_MOTIONS, NULL);
	sheet_set_text(sh, "That the strategy be welc");
	struct open_action oa = { .id = (char *)"2018-01-17/1" };
	minutes_item_add_update(form_item(f), oa.id, UPDATE_IN_PROGRESS, NULL);
	struct arising ar = { .f = f, .item = f->item, .v = &oa, .n = 1,
			      .note = field_new(0) };
	field_set_text(ar.note, "Draft circulated; final by May", 30);
	f->arising = &ar;
	form_journal_state(f, &st);
	field_delete(ar.note);
	f->arising = NULL;
	f->sheet = NULL;
	sheet_close(sh);
	minutes_item_remove_motion(form_item(f), 0);
	minutes_item_remove_update(form_item(f), 0);
	minutes_item_add_update(form_item(f), oa.id, UPDATE_IN_PROGRESS, NULL);

	/* The screen: the sheet open again, the text as typed, not stored. */
	restart(f, st.data, true);
	assert_non_null(f->sheet);
	assert_int_equal(f->sheet->type, SHEET_MOTIONS);
	assert_true(f->sheet->changed);
	assert_string_equal(field_text(f->sheet->field, NULL), "That the strategy be welc");
	assert_int_equal(form_item(f)->nmotions, 0);
	/* The note is stored into its update. */
	assert_string_equal(form_item(f)->updates[0].note, "Draft circulated; final by May");
	form_journal_recovered(f, "2026-12-04T11:42:07Z");
	assert_non_null(strstr(f->msg.data, "a new motion as it was being typed"));
	sh = f->sheet;
	f->sheet = NULL;
	sheet_close(sh);
	assert_int_equal(form_item(f)->nmotions, 1);
	minutes_item_remove_motion(form_item(f), 0);

	/* No screen to show it (gavel run --plain): stored at once. */
	restart(f, st.data, false);
	assert_null(f->sheet);
	assert_int_equal(form_item(f)->nmotions, 1);
	assert_string_equal(form_item(f)->motions[0].text, "That the strategy be welc");

	/* A declaration with no interest yet is not in the minutes' file: its
	 * member and item come back with the interest typed. */
	buf_reset(&st);
	sh = f->sheet = sheet_open(f, SHEET_DECLARATIONS, NULL);
	pick(sh, "Cllr Sam Patel");
	pick(sh, "5");
	sheet_set_text(sh, "Owns land adj");
	form_journal_state(f, &st);
	f->sheet = NULL;
	sheet_close(sh);
	minutes_remove_declaration(f->m, 0);
	restart(f, st.data, true);
	assert_int_equal(f->m->ndeclarations, 1);
	assert_string_equal(f->m->declarations[0].member, "Cllr Sam Patel");
	assert_string_equal(f->m->declarations[0].item, "5");
	assert_int_equal(sheet_focused(f->sheet)->what, SW_DECL_INTEREST);
	assert_string_equal(field_text(f->sheet->field, NULL), "Owns land adj");
	sh = f->sheet;
	f->sheet = NULL;
	sheet_close(sh);
	assert_string_equal(f->m->declarations[0].interest, "Owns land adj");
	buf_free(&st);
}

/* ---- minute numbers ---- */

static void test_minute_numbers(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	assert_int_equal(form_item(f)->minute, 1);
	form_nav_enter(f, FORM_HUB);
	f->sel = ITEM_3 + 2;
	form_nav_status(f, ITEM_DEFERRED, NULL);
	form_nav_item(f, ITEM_3);
	assert_int_equal(form_item(f)->minute, 0);
	form_nav_item(f, 2);
	assert_int_equal(form_item(f)->minute, 2);
	/* Taken again: the number stays. */
	form_nav_item(f, ITEM_5);
	assert_int_equal(form_item(f)->minute, 1);
	/* Withdrawn after it was numbered: the number goes. */
	form_nav_enter(f, FORM_HUB);
	f->sel = ITEM_5 + 2;
	form_nav_status(f, ITEM_WITHDRAWN, NULL);
	assert_int_equal(f->m->items[ITEM_5]->minute, 0);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_arrival_departure_substitute, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_not_members_in_attendance, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_quorum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_motion_amendment_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_votes_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declaration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declaration_typed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sheet_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minute_numbers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
