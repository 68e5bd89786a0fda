/*
 * test_form: the clerk's screen as a model (tui/edit/form*.c), on a live
 * session over a real minutes repository made for each test from
 * tests/data (items 3, 5 and 12.1; item 3 confirms the meeting of
 * 2018-02-07; item 5 is presented by Peter Fenn and Penny Hobman).
 *
 * What is checked is what a clerk would notice: what is stored in the
 * minutes and committed, what an emptied field removes, who a "Name: "
 * comment is said by, the message a wrong time or date gets, the phrases
 * an empty decision offers, and the screen the journal brings back.
 */
#include "tests/unit/procedure_fixture.h"
#include "tui/edit/form_speakers.h"

/* ---- the clerk's hands ---- */

/* Focuses slot `kind` at `index` of the view, as Tab would. */
static void focus(struct form *f, enum form_slot_kind kind, size_t index)
{
	f->focus = form_slot_find(f, kind, index);
	const struct form_slot *sl = form_focused(f);
	assert_non_null(sl);
	assert_int_equal(sl->kind, kind);
	assert_int_equal(sl->index, index);
	form_load(f);
}

/* Types `text` over the focused field and leaves it with Tab: true when
 * it was stored. */
static bool type_and_leave(struct form *f, const char *text)
{
	form_set_text(f, text);
	return form_move(f, 1);
}

static const char *field(const struct form *f)
{
	return field_text(f->field, NULL);
}

static struct minutes_item *item(struct fx *fx, size_t i)
{
	return fx->f.m->items[i];
}

/* ---- the form ---- */

static void test_item_form_slots(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	/* An item not yet begun opens at its summary, its start stamped. */
	assert_int_equal(f->view, FORM_ITEM);
	assert_int_equal(form_focused(f)->kind, SLOT_SUMMARY);
	assert_int_equal(strlen(item(fx, ITEM_5)->started), 5);
	char label[32];
	struct form_slot sl = { SLOT_PRES_NAME, 2 };
	form_slot_label(f, &sl, label, sizeof(label));
	assert_string_equal(label, "Presenter +");
	sl = (struct form_slot){ SLOT_PRES_NAME, 1 };
	form_slot_label(f, &sl, label, sizeof(label));
	assert_string_equal(label, "Presenter 2");
	char *t = form_slot_text(f, &sl);
	assert_string_equal(t, "Penny Hobman");
	free(t);
	/* The journal's numbers, which the torture test knows. */
	assert_int_equal(SLOT_SUMMARY, 10);
	assert_int_equal(SLOT_COMMENT, 11);
	assert_int_equal(SLOT_DECISION, 12);
	assert_int_equal(FORM_HUB, 3);
}

static void test_comment_stored_and_committed(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	focus(f, SLOT_COMMENT, 0);
	char before[16];
	snprintf(before, sizeof(before), "%s", session_last_commit(fx->s));
	assert_true(type_and_leave(f, "  Fenn: The team would co-design strategies.  "));
	const struct minutes_item *it = item(fx, ITEM_5);
	assert_int_equal(it->ncomments, 1);
	assert_string_equal(it->comments[0].by, "Peter Fenn");
	assert_string_equal(it->comments[0].text, "The team would co-design strategies.");
	/* Leaving a comment commits it. */
	assert_false(session_pending(fx->s));
	assert_string_not_equal(session_last_commit(fx->s), before);
	/* A fresh comment follows, and the stored one reads back whole. */
	struct form_slot sl = { SLOT_COMMENT, 0 };
	char *t = form_slot_text(f, &sl);
	assert_string_equal(t, "Peter Fenn: The team would co-design strategies.");
	free(t);
	assert_int_equal(form_slot_find(f, SLOT_COMMENT, 1) > 0, 1);
}

static void test_emptied_comment_is_removed(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	focus(f, SLOT_COMMENT, 0);
	assert_true(type_and_leave(f, "First point."));
	focus(f, SLOT_COMMENT, 1);
	assert_true(type_and_leave(f, "Second point."));
	assert_int_equal(item(fx, ITEM_5)->ncomments, 2);
	focus(f, SLOT_COMMENT, 0);
	assert_true(type_and_leave(f, "   "));
	const struct minutes_item *it = item(fx, ITEM_5);
	assert_int_equal(it->ncomments, 1);
	assert_string_equal(it->comments[0].text, "Second point.");
	/* What followed it now stands where it stood, and has the focus. */
	assert_int_equal(form_focused(f)->kind, SLOT_COMMENT);
	assert_int_equal(form_focused(f)->index, 0);
	assert_string_equal(field(f), "Second point.");
	/* An empty fresh comment adds nothing. */
	focus(f, SLOT_COMMENT, 1);
	assert_true(type_and_leave(f, ""));
	assert_int_equal(item(fx, ITEM_5)->ncomments, 1);
}

static void test_emptied_entries_go(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	focus(f, SLOT_ACT_TEXT, 0);
	assert_true(type_and_leave(f, "Circulate the response"));
	assert_int_equal(item(fx, ITEM_5)->nactions, 1);
	/* The action's own fields come next. */
	assert_int_equal(form_focused(f)->kind, SLOT_ACT_OWNER);
	assert_true(type_and_leave(f, "Clerk"));
	assert_string_equal(item(fx, ITEM_5)->actions[0].owner, "Clerk");
	focus(f, SLOT_PRES_NAME, 0);
	assert_true(type_and_leave(f, ""));
	assert_int_equal(item(fx, ITEM_5)->presenters.n, 1);
	assert_string_equal(item(fx, ITEM_5)->presenters.v[0].name, "Penny Hobman");
	focus(f, SLOT_ACT_TEXT, 0);
	assert_true(type_and_leave(f, ""));
	assert_int_equal(item(fx, ITEM_5)->nactions, 0);
}

static void test_validation_messages(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_enter(f, FORM_OPENING);
	focus(f, SLOT_START, 0);
	char start[6];
	snprintf(start, sizeof(start), "%s", f->m->start);
	assert_false(type_and_leave(f, "25:00"));
	assert_true(f->msg_error);
	assert_string_equal(f->msg.data, "'25:00' is not a time; expected HH:MM, such as 11:02");
	/* Nothing typed is thrown away, nothing wrong is stored. */
	assert_int_equal(form_focused(f)->kind, SLOT_START);
	assert_string_equal(field(f), "25:00");
	assert_string_equal(f->m->start, start);
	assert_true(type_and_leave(f, "9:5"));
	assert_string_equal(f->m->start, "09:05");
	focus(f, SLOT_START, 0);
	assert_true(type_and_leave(f, "1102"));
	assert_string_equal(f->m->start, "11:02");

	form_nav_item(f, ITEM_5);
	focus(f, SLOT_VOTE_FOR, 0);
	assert_false(type_and_leave(f, "many"));
	assert_string_equal(f->msg.data, "'many' is not a number of votes");
	assert_true(type_and_leave(f, "7"));
	assert_int_equal(item(fx, ITEM_5)->votes_for, 7);
	focus(f, SLOT_TITLE, 0);
	assert_false(type_and_leave(f, ""));
	assert_string_equal(f->msg.data, "an item needs a title; the old one is kept");
	assert_string_equal(item(fx, ITEM_5)->title, "Integrated Communities Strategy");
	focus(f, SLOT_ACT_TEXT, 0);
	assert_true(type_and_leave(f, "Report back"));
	focus(f, SLOT_ACT_DUE, 0);
	assert_false(type_and_leave(f, "next week"));
	assert_string_equal(f->msg.data, "'next week' is not a date; expected YYYY-MM-DD, "
			    "such as 2018-04-30");
	assert_true(type_and_leave(f, "2018-04-30"));
	assert_string_equal(item(fx, ITEM_5)->actions[0].due, "2018-04-30");
	focus(f, SLOT_ENDED, 0);
	assert_false(type_and_leave(f, "noon"));
	assert_string_equal(f->msg.data, "'noon' is not a time; expected HH:MM, such as 11:40");
}

/* ---- speakers ---- */

static void test_speaker_resolution(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_roll_add(&f->roll, "Cllr Alex Morgan", NULL, FORM_PRESENT);
	form_roll_add(&f->roll, "Cllr Zoë Reid", NULL, FORM_PRESENT);
	form_roll_add(&f->roll, "Cllr Jo Reid", NULL, FORM_IN_ATTENDANCE);
	form_roll_add(&f->roll, "Cllr Sam Patel", NULL, FORM_APOLOGIES);
	form_nav_item(f, ITEM_5);
	const char *by;
	/* A whole name, any case; the name without its title; a surname. */
	assert_string_equal(form_speakers_split(f, "peter fenn: Yes.", &by), "Yes.");
	assert_string_equal(by, "Peter Fenn");
	assert_string_equal(form_speakers_split(f, "Alex Morgan:  Agreed.", &by), "Agreed.");
	assert_string_equal(by, "Cllr Alex Morgan");
	form_speakers_split(f, "Hobman: Noted.", &by);
	assert_string_equal(by, "Penny Hobman");
	/* A surname two people share names nobody; the text stays whole. */
	assert_string_equal(form_speakers_split(f, "Reid: Two of us.", &by),
			    "Reid: Two of us.");
	assert_null(by);
	/* Someone who sent apologies is named, and the clerk told so. */
	enum form_speaker_check ck;
	const char *other;
	form_speakers_check(f, "Patel: Hello.", &by, &ck, &other);
	assert_string_equal(by, "Cllr Sam Patel");
	assert_int_equal(ck, FORM_SPEAKER_AWAY);
	assert_string_equal(form_speakers_check(f, "Cllr Reid: Both?", &by, &ck, &other),
			    "Cllr Reid: Both?");
	assert_int_equal(ck, FORM_SPEAKER_AMBIGUOUS);
	assert_non_null(other);
	form_speakers_check(f, "Cllr Reidd: Who?", &by, &ck, &other);
	assert_null(by);
	assert_int_equal(ck, FORM_SPEAKER_UNKNOWN);
	/* A colon that is not after a name names nobody, and is no name. */
	form_speakers_check(f, "the date moved: it did.", &by, &ck, &other);
	assert_null(by);
	assert_int_equal(ck, FORM_SPEAKER_UNNAMED);
	form_speakers_split(f, "Note: the date moved.", &by);
	assert_null(by);
	/* The speaker list: presenters first, each once. */
	const char *v[16];
	size_t n = form_speakers(f, v, 16);
	assert_int_equal(n, 5);
	assert_string_equal(v[0], "Peter Fenn");
	assert_string_equal(v[1], "Penny Hobman");
	/* Picking a speaker replaces the one named before. */
	focus(f, SLOT_COMMENT, 0);
	form_set_text(f, "Fenn: The funding was cut.");
	form_speakers_set(f, "Cllr Jo Reid");
	assert_string_equal(field(f), "Cllr Jo Reid: The funding was cut.");
	assert_true(f->field_changed);
	/* ... and a typed name that names nobody, rather than adding to it. */
	form_set_text(f, "Cllr Reidd: The funding was cut.");
	form_speakers_set(f, "Cllr Zoë Reid");
	assert_string_equal(field(f), "Cllr Zoë Reid: The funding was cut.");
}

/* A stored comment whose name names nobody, more than one, or someone
 * away: stored as typed (or as theirs), and the clerk told at once. */
static void test_speaker_flag(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_roll_add(&f->roll, "Cllr Zoë Reid", NULL, FORM_PRESENT);
	form_roll_add(&f->roll, "Cllr Jo Reid", NULL, FORM_PRESENT);
	form_roll_add(&f->roll, "Cllr Sam Patel", NULL, FORM_APOLOGIES);
	form_nav_item(f, ITEM_5);
	focus(f, SLOT_COMMENT, 0);
	assert_true(type_and_leave(f, "Cllr Reidd: The funding was cut."));
	struct minutes_item *it = item(fx, ITEM_5);
	assert_string_equal(it->comments[0].text, "Cllr Reidd: The funding was cut.");
	assert_null(it->comments[0].by);
	assert_true(f->msg_error);
	assert_string_equal(f->msg.data, "comment 1: \"Cllr Reidd\" is nobody here; "
			    "stored as typed: F2 picks the speaker");
	assert_int_equal(f->speaker_flag, 1);
	focus(f, SLOT_COMMENT, 1);
	assert_true(type_and_leave(f, "Reid: Both of us."));
	assert_null(it->comments[1].by);
	assert_non_null(strstr(f->msg.data, "could be more than one person"));
	assert_int_equal(f->speaker_flag, 2);
	focus(f, SLOT_COMMENT, 2);
	assert_true(type_and_leave(f, "Cllr Patel: From afar."));
	assert_string_equal(it->comments[2].by, "Cllr Sam Patel");
	assert_string_equal(it->comments[2].text, "From afar.");
	assert_non_null(strstr(f->msg.data, "Cllr Sam Patel is marked apologies"));
	/* A name that resolves says nothing and clears nothing else. */
	buf_reset(&f->msg);
	focus(f, SLOT_COMMENT, 3);
	assert_true(type_and_leave(f, "Chair: Thank you."));
	assert_string_equal(f->msg.data, "");
	/* The screen marks both unresolved comments, and only those, while
	 * they stay so, after the message is gone and the item left. */
	form_nav_item(f, ITEM_3);
	form_nav_item(f, ITEM_5);
	assert_true(form_speakers_flagged(f, 0));
	assert_true(form_speakers_flagged(f, 1));
	assert_false(form_speakers_flagged(f, 2));
	assert_false(form_speakers_flagged(f, 3));
	/* F2's pick: the mark goes. */
	focus(f, SLOT_COMMENT, 0);
	form_speakers_set(f, "Cllr Jo Reid");
	assert_true(form_move(f, 0));
	assert_string_equal(it->comments[0].by, "Cllr Jo Reid");
	assert_false(form_speakers_flagged(f, 0));
	assert_true(form_speakers_flagged(f, 1));
}

/* ---- the opening of a summary ---- */

static void test_introduced(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	/* Taken for the first time: the summary opens with the Chair
	 * introducing the presenters, typed as if by the clerk. */
	form_nav_item(f, ITEM_5);
	assert_int_equal(form_focused(f)->kind, SLOT_SUMMARY);
	assert_non_null(strstr(field(f), "The Chair introduced Peter Fenn and Penny Hobman"));
	assert_int_equal(field_cursor(f->field), strlen(field(f)));
	assert_true(f->field_changed);
	/* Cleared, it stays cleared: taken again, nothing comes back. */
	assert_true(type_and_leave(f, ""));
	assert_null(item(fx, ITEM_5)->summary);
	form_nav_item(f, ITEM_3);
	form_nav_item(f, ITEM_5);
	assert_string_equal(field(f), "");
	/* The sentence: the same role said once, the last joined by "and". */
	struct people l = { 0 };
	people_add(&l, "A Smith", "MHCLG");
	people_add(&l, "B Jones", "MHCLG");
	people_add(&l, "C Brown", NULL);
	struct buf b = BUF_INIT;
	form_phrases_introduced(&l, &b);
	assert_string_equal(b.data, "The Chair introduced A Smith and B Jones, MHCLG and "
			    "C Brown.");
	buf_free(&b);
	people_free(&l);
}

/* ---- decisions ---- */

static void date_words(struct buf *out, const char *date)
{
	assert_string_equal(date, "2018-02-07");
	buf_addstr(out, "Wednesday 7 February 2018");
}

static void test_phrases(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_3);
	focus(f, SLOT_DECISION, 0);
	assert_true(form_phrases_open(f));
	assert_string_equal(form_phrases_confirms(f), "communities-board/2018-02-07");
	f->date_words = date_words;
	const char *ph[FORM_PHRASES_MAX];
	size_t n = form_phrases(f, ph);
	/* The confirmation, the committee's three, then gavel's own that the
	 * committee does not have already. */
	assert_int_equal(n, 5);
	assert_string_equal(ph[0], "RESOLVED: that the minutes of the meeting held on "
			    "7 February 2018 be confirmed as a correct record.");
	assert_string_equal(ph[1], "Members noted the presentation.");
	assert_string_equal(ph[3], "RESOLVED: that the recommendations be approved.");
	assert_string_equal(ph[4], "RESOLVED: that ");
	/* "RESOLVED: that " waits for the rest. */
	assert_true(form_phrases_pick(f, 4));
	assert_string_equal(field(f), "RESOLVED: that ");
	assert_null(item(fx, ITEM_3)->decision);
	assert_false(form_phrases_open(f));
	/* A whole phrase is the decision at once, committed, and the clerk
	 * is told F5 confirms the earlier minutes. */
	form_set_text(f, "");
	assert_false(form_phrases_pick(f, 5));
	assert_true(form_phrases_pick(f, 0));
	assert_string_equal(item(fx, ITEM_3)->decision, ph[0]);
	assert_false(session_pending(fx->s));
	assert_string_equal(f->msg.data, "This item confirms communities-board/2018-02-07: F5 "
			    "confirms those minutes now, signed by the chair.");
	/* Item 5 confirms nothing. */
	form_nav_item(f, ITEM_5);
	assert_null(form_phrases_confirms(f));
	form_phrases_confirm_now(f);
	assert_true(f->msg_error);
	assert_string_equal(f->msg.data, "this item confirms no meeting (its agenda entry has "
			    "no confirms:)");
}

/* ---- attendance and the way through ---- */

static void test_attendance(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	assert_int_equal(f->view, FORM_ATTENDANCE);
	/* The committee's members, then the agenda's people. */
	assert_true(f->roll.n >= 5);
	assert_string_equal(f->roll.v[0].name, "Cllr Alex Morgan");
	assert_string_equal(f->roll.v[0].role, "Chairman");
	/* New minutes have the committee present; the clerk corrects that. */
	assert_int_equal(f->roll.v[0].state, FORM_PRESENT);
	assert_int_equal(f->roll.v[3].state, FORM_ABSENT);
	assert_string_equal(f->roll.v[3].name, "Peter Fenn");
	f->sel = 1;
	form_roll_mark(f, FORM_APOLOGIES);
	assert_int_equal(f->sel, 2);
	form_roll_mark(f, FORM_ABSENT);
	assert_int_equal(f->m->present.n, 1);
	assert_string_equal(f->m->present.v[0].name, "Cllr Alex Morgan");
	assert_int_equal(f->m->apologies.n, 1);
	assert_string_equal(f->m->apologies.v[0].name, "Cllr Sam Patel");
	form_roll_add_person(f, "Dana Lee", "Policy officer");
	assert_int_equal(f->m->in_attendance.n, 1);
	assert_string_equal(f->m->in_attendance.v[0].role, "Policy officer");
	assert_string_equal(f->roll.v[f->sel].name, "Dana Lee");
	form_roll_add_person(f, "Dana Lee", NULL);
	assert_true(f->msg_error);
	assert_string_equal(f->msg.data, "Dana Lee is on the list already");
	/* ^N: on to the opening, at a fresh declaration. */
	form_nav_next(f);
	assert_int_equal(f->view, FORM_OPENING);
	assert_int_equal(form_focused(f)->kind, SLOT_DECL_MEMBER);
	assert_true(form_slot_is_new(f, form_focused(f)));
	assert_false(session_pending(fx->s));
}

static void test_hub_and_end(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_3);
	form_nav_back(f);
	assert_int_equal(f->view, FORM_HUB);
	assert_int_equal(f->sel, ITEM_3 + 2);
	assert_int_equal(form_nav_hub_rows(f), 6);
	assert_string_equal(form_nav_item_state(item(fx, ITEM_3)), "in progress");
	/* Taken and left with no decision (apologies, say): ended, not in progress. */
	memcpy(item(fx, ITEM_3)->ended, "11:05", 6);
	assert_string_equal(form_nav_item_state(item(fx, ITEM_3)), "ended");
	item(fx, ITEM_3)->ended[0] = '\0';
	/* Urgent business right after the item in hand, numbered after it;
	 * the selection stays on the row it was on. */
	form_nav_urgent(f, "Flooding at the depot");
	assert_int_equal(f->m->nitems, 4);
	assert_string_equal(item(fx, 1)->number, "3a");
	assert_true(item(fx, 1)->urgent);
	assert_string_equal(f->msg.data, "item 3a added as urgent business; it is the "
			    "row after item 3");
	assert_int_equal(f->sel, ITEM_3 + 2);
	form_nav_urgent(f, "A late paper");
	assert_string_equal(item(fx, 2)->number, "3b");
	assert_int_equal(f->sel, ITEM_3 + 2);
	char *next = form_nav_urgent_number(f->m, 0);
	assert_string_equal(next, "3c");
	free(next);
	/* Withdrawn with a reason; deferred without one; taken clears it. */
	f->sel = 3;
	form_nav_status(f, ITEM_WITHDRAWN, "The report was not ready.");
	assert_int_equal(item(fx, 1)->status, ITEM_WITHDRAWN);
	assert_string_equal(item(fx, 1)->reason, "The report was not ready.");
	f->sel = 4;
	form_nav_status(f, ITEM_DEFERRED, "");
	assert_int_equal(item(fx, 2)->status, ITEM_DEFERRED);
	assert_null(item(fx, 2)->reason);
	form_nav_status(f, ITEM_TAKEN, "ignored");
	assert_null(item(fx, 2)->reason);
	f->sel = 0;
	form_nav_status(f, ITEM_DEFERRED, NULL);
	assert_string_equal(f->msg.data, "select an item first");
	form_nav_end(f);
	assert_int_equal(f->view, FORM_END);
	assert_true(f->ended);
	assert_int_equal(strlen(f->m->end), 5);
	struct buf b = BUF_INIT;
	form_nav_missing(f, &b);
	assert_non_null(strstr(b.data, "item 3 Minutes of the previous meeting: no decision\n"));
	assert_non_null(strstr(b.data, "item 12.1 Any other business: urgent items: "
				   "no decision\n"));
	assert_null(strstr(b.data, "item 3a "));
	assert_non_null(strstr(b.data, "item 3b A late paper: no decision\n"));
	buf_free(&b);
	form_nav_back(f);
	assert_int_equal(f->view, FORM_HUB);
	assert_int_equal(f->sel, form_nav_hub_rows(f) - 1);
}

static void test_journal_state(void **state)
{
	struct fx *fx = *state;
	struct form *f = &fx->f;
	form_nav_item(f, ITEM_5);
	focus(f, SLOT_COMMENT, 0);
	form_set_text(f, "Half a sentence, not yet stored");
	field_set_cursor(f->field, 4);
	struct buf st = BUF_INIT;
	form_journal_state(f, &st);
	/* Another screen on the same minutes comes back to the same place. */
	struct form g;
	form_init(&g, fx->s);
	form_journal_restore(&g, st.data);
	assert_int_equal(g.view, FORM_ITEM);
	assert_int_equal(g.item, ITEM_5);
	assert_true(g.entered);
	assert_int_equal(form_focused(&g)->kind, SLOT_COMMENT);
	assert_string_equal(field(&g), "Half a sentence, not yet stored");
	assert_int_equal(field_cursor(g.field), 4);
	assert_true(g.field_changed);
	form_free(&g);
	/* A state for an item that is gone falls back on what there is. */
	form_init(&g, fx->s);
	form_journal_restore(&g, "view 7\nitem 99\nentered 1\n");
	assert_int_equal(g.view, FORM_HUB);
	assert_int_equal(g.item, 0);
	form_free(&g);
	buf_free(&st);
}

static void test_read_only(void **state)
{
	struct fx *fx = *state;
	struct diags d;
	diags_init(&d);
	struct session *ro;
	if (session_open(&ro, fx->a, ID, true, NULL, &d))
		fail_diags("session_open read-only", &d);
	diags_free(&d);
	struct form g;
	form_init(&g, ro);
	char start[6];
	snprintf(start, sizeof(start), "%s", g.m->start);
	form_nav_start(&g, NULL, NULL);
	/* Nothing is stamped, ticked or stored. */
	assert_string_equal(g.m->start, start);
	g.sel = 1;
	form_roll_mark(&g, FORM_APOLOGIES);
	assert_string_equal(g.msg.data, "read-only: another gavel is taking these minutes");
	assert_int_equal(g.m->apologies.n, 0);
	form_nav_item(&g, ITEM_5);
	assert_string_equal(g.m->items[ITEM_5]->started, "");
	focus(&g, SLOT_COMMENT, 0);
	assert_true(type_and_leave(&g, "Typed anyway."));
	assert_int_equal(g.m->items[ITEM_5]->ncomments, 0);
	assert_false(form_phrases_open(&g));
	form_free(&g);
	diags_init(&d);
	session_close(ro, false, &d);
	diags_free(&d);
}

/* The user's git configuration never matters: one HOME for the whole
 * run (libgit2 reads it once), with a name to commit as. */
static char *home_make(void)
{
	const char *tmp = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/gavel-form-home.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *home = buf_detach(&b, NULL);
	if (!mkdtemp(home)) {
		perror(home);
		exit(1);
	}
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	char path[4096];
	snprintf(path, sizeof(path), "%s/.gitconfig", home);
	FILE *fp = fopen(path, "w");
	if (!fp || fputs("[user]\n\tname = Ada Clerk\n\temail = ada@example.org\n", fp) < 0 ||
	    fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
	return home;
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C.utf8");
	char *home = home_make();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_item_form_slots, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment_stored_and_committed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emptied_comment_is_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emptied_entries_go, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validation_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_speaker_resolution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_speaker_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_introduced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phrases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attendance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hub_and_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	if (system(cmd) != 0)
		rc = 1;
	free(home);
	return rc;
}
