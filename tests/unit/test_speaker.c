/*
 * test_speaker: who a comment's "Name: " names (tui/edit/speaker_match.c),
 * in every form a clerk types it: the whole name, the name without its
 * title, a title and the surname, a unique surname, a role; names two
 * people share; people marked away; text that is no name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/edit/speaker_match.h"

static const struct speaker_cand board[] = {
	{ "Cllr Simon Blackburn", "Chair", false },
	{ "Cllr Jo Reid", "Vice-Chair", false },
	{ "Cllr Sam Patel", "Deputy Chair", true },
	{ "Cllr Dombey", NULL, false },
	{ "Peter Fenn", "MHCLG", false },
	{ "Penny Hobman", "MHCLG", false },
	{ "Cllr Zoë Ní Bhriain", NULL, false },
	{ "Dr Ann Hale", "Clerk", false },
	{ "Cllr Tom Hale", NULL, true },
	{ "Mr Ben Cole", NULL, false },
	{ "Mrs Ada Cole", NULL, false },
};
#define NB (sizeof(board) / sizeof(board[0]))

/* The name `typed` resolves to, "" for nobody, "?" for ambiguous. */
static const char *who(const char *typed)
{
	size_t w;
	switch (speaker_match(board, NB, typed, strlen(typed), &w)) {
	case SPEAKER_FOUND: return board[w].name;
	case SPEAKER_AMBIGUOUS: return "?";
	default: return "";
	}
}

static void test_whole_and_untitled(void **state)
{
	(void)state;
	assert_string_equal(who("Cllr Jo Reid"), "Cllr Jo Reid");
	assert_string_equal(who("cllr jo reid"), "Cllr Jo Reid");
	assert_string_equal(who("Jo Reid"), "Cllr Jo Reid");
	assert_string_equal(who("Peter Fenn"), "Peter Fenn");
	assert_string_equal(who("  Peter   Fenn "), "Peter Fenn");
	assert_string_equal(who("Zoë Ní Bhriain"), "Cllr Zoë Ní Bhriain");
	/* Another title before the name without its own. */
	assert_string_equal(who("Councillor Jo Reid"), "Cllr Jo Reid");
	assert_string_equal(who("Cllr. Jo Reid"), "Cllr Jo Reid");
}

static void test_title_and_surname(void **state)
{
	(void)state;
	assert_string_equal(who("Cllr Reid"), "Cllr Jo Reid");
	assert_string_equal(who("Councillor Reid"), "Cllr Jo Reid");
	assert_string_equal(who("Cllr Blackburn"), "Cllr Simon Blackburn");
	assert_string_equal(who("Mr Fenn"), "Peter Fenn");
	assert_string_equal(who("Ms Hobman"), "Penny Hobman");
	assert_string_equal(who("Dr. Hale"), "Dr Ann Hale");
	assert_string_equal(who("Prof Fenn"), "Peter Fenn");
	assert_string_equal(who("Cllr Dombey"), "Cllr Dombey");
	assert_string_equal(who("Dombey"), "Cllr Dombey");
	assert_string_equal(who("Bhriain"), "Cllr Zoë Ní Bhriain");
	/* A surname of more than one word, with its title or without. */
	assert_string_equal(who("Ní Bhriain"), "Cllr Zoë Ní Bhriain");
	assert_string_equal(who("Cllr Ní Bhriain"), "Cllr Zoë Ní Bhriain");
	assert_string_equal(who("Councillor ní bhriain"), "Cllr Zoë Ní Bhriain");
	/* ... but never a word cut from within the name. */
	assert_string_equal(who("Í Bhriain"), "");
}

static void test_surname(void **state)
{
	(void)state;
	assert_string_equal(who("Reid"), "Cllr Jo Reid");
	assert_string_equal(who("BLACKBURN"), "Cllr Simon Blackburn");
	assert_string_equal(who("Hobman"), "Penny Hobman");
	/* Two present share it: ambiguous, whatever the title. */
	assert_string_equal(who("Cole"), "?");
	assert_string_equal(who("Cole"), "?");
	/* ... unless the title tells them apart. */
	assert_string_equal(who("Mr Cole"), "Mr Ben Cole");
	assert_string_equal(who("Mrs Cole"), "Mrs Ada Cole");
	assert_string_equal(who("Ms Cole"), "?");
	/* The first name tells them apart. */
	assert_string_equal(who("Ben Cole"), "Mr Ben Cole");
	assert_string_equal(who("Ada Cole"), "Mrs Ada Cole");
}

static void test_roles(void **state)
{
	(void)state;
	assert_string_equal(who("Chair"), "Cllr Simon Blackburn");
	assert_string_equal(who("Chairman"), "Cllr Simon Blackburn");
	assert_string_equal(who("The Chair"), "Cllr Simon Blackburn");
	assert_string_equal(who("chairwoman"), "Cllr Simon Blackburn");
	assert_string_equal(who("Vice-Chair"), "Cllr Jo Reid");
	assert_string_equal(who("Vice Chairman"), "Cllr Jo Reid");
	assert_string_equal(who("Deputy Chair"), "Cllr Sam Patel");
	assert_string_equal(who("Deputy-Chairman"), "Cllr Sam Patel");
	/* A role nobody holds names nobody; a role is no surname. */
	struct speaker_cand two[] = { { "Ann Chair", NULL, false } };
	size_t w;
	assert_int_equal(speaker_match(two, 1, "Chair", 5, &w), SPEAKER_NONE);
}

static void test_away(void **state)
{
	(void)state;
	/* Named all the same, so that the clerk can be told. */
	size_t w;
	assert_int_equal(speaker_match(board, NB, "Patel", 5, &w), SPEAKER_FOUND);
	assert_true(board[w].away);
	assert_string_equal(board[w].name, "Cllr Sam Patel");
	/* Someone present wins over someone away of the same surname. */
	assert_string_equal(who("Hale"), "Dr Ann Hale");
	assert_string_equal(who("Ms Hale"), "Dr Ann Hale");
	/* ... unless the title says which. */
	assert_string_equal(who("Councillor Hale"), "Cllr Tom Hale");
	assert_string_equal(who("Tom Hale"), "Cllr Tom Hale");
	/* Two away, nobody here: ambiguous. */
	struct speaker_cand away[] = { { "Cllr A Gray", NULL, true },
				       { "Cllr B Gray", NULL, true } };
	assert_int_equal(speaker_match(away, 2, "Gray", 4, &w), SPEAKER_AMBIGUOUS);
}

static void test_nobody(void **state)
{
	(void)state;
	assert_string_equal(who("Cllr Reidd"), "");
	assert_string_equal(who("Note"), "");
	assert_string_equal(who(""), "");
	assert_string_equal(who("Cllr"), "");
	assert_string_equal(who("Simon"), "");
}

static void test_prefix(void **state)
{
	(void)state;
	assert_int_equal(speaker_prefix("Cllr Reid: Yes."), 9);
	assert_int_equal(speaker_prefix("Zoë Ní Bhriain: Yes."), strlen("Zoë Ní Bhriain"));
	assert_int_equal(speaker_prefix("Vice-Chair: Agreed."), 10);
	assert_int_equal(speaker_prefix("Head of Planning: Agreed."), 16);
	assert_int_equal(speaker_prefix("Note: the date moved."), 4);
	/* Sentences, lower case, numbers and punctuation are no names. */
	assert_int_equal(speaker_prefix("Members raised this: a point."), 0);
	assert_int_equal(speaker_prefix("reid: yes"), 0);
	assert_int_equal(speaker_prefix("Item 5: moved"), 0);
	assert_int_equal(speaker_prefix("Yes, Chair: agreed"), 0);
	assert_int_equal(speaker_prefix("No colon here"), 0);
	assert_int_equal(speaker_prefix(": empty name"), 0);
	assert_int_equal(speaker_prefix("A B C D E F G: seven words"), 0);
	assert_true(speaker_is_title("Cllr", 4));
	assert_true(speaker_is_title("Dr.", 3));
	assert_true(speaker_is_title("baroness", 8));
	assert_false(speaker_is_title("Reid", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_and_untitled),
		cmocka_unit_test(test_title_and_surname),
		cmocka_unit_test(test_surname),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_away),
		cmocka_unit_test(test_nobody),
		cmocka_unit_test(test_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
