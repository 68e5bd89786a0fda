/*
 * form_sheet: the clerk's forms for a council's procedure, each a list of
 * labelled rows over the session's minutes, with no curses in it
 * (tui/screen/clerk_sheet.c draws one and gives it keys):
 *
 *   motions       the item in hand's motions, each with its mover,
 *                 seconder, amendments (text, mover, seconder, votes,
 *                 named vote, outcome), votes, named vote and outcome;
 *   declarations  every declaration of interest: member (picked from
 *                 those present), item (picked from the agenda), the
 *                 interest, its kind and whether the member left the room;
 *   person        one person in attendance: whom they substitute for
 *                 (picked from the committee's members), when they arrived
 *                 and left and during which items.
 *
 * A row is text (typed into a field, stored on leaving it), a count, a
 * pick (one of a list: a name, an item, a kind, an outcome) or marks (a
 * named vote: each member present for, against, abstaining or not
 * named).  As in the item's form, typing into the fresh entry at the end
 * of a list adds one, and emptying an entry's first row removes it.
 * What is stored is told to the session (form_changed), and closing a
 * sheet commits.
 */
#ifndef GAVEL_FORM_SHEET_H
#define GAVEL_FORM_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/edit/field.h"
#include "tui/edit/form.h"

enum sheet_type { SHEET_MOTIONS, SHEET_DECLARATIONS, SHEET_PERSON };
enum sheet_kind { SK_TEXT, SK_COUNT, SK_PICK, SK_MARKS };

/* What a row holds (the `a` and `b` of a row pick the motion and the
 * amendment, the declaration or nothing). */
enum sheet_what {
	SW_MOTION, SW_MOVER, SW_SECONDER, SW_FOR, SW_AGAINST, SW_ABST,
	SW_RECORDED, SW_OUTCOME, SW_DECISION_VOTE,
	SW_DECL_MEMBER, SW_DECL_ITEM, SW_DECL_INTEREST, SW_DECL_KIND, SW_DECL_LEFT,
	SW_SUBSTITUTE, SW_ARRIVED, SW_ARRIVED_DURING, SW_LEFT, SW_LEFT_DURING,
};

#define SHEET_NONE ((size_t)-1)
#define SHEET_CHOICES_MAX 35    /* keys 1-9 and a-z */

struct sheet_row {
	enum sheet_what what;
	enum sheet_kind kind;
	size_t a, b;            /* motion (or declaration), amendment or SHEET_NONE */
	bool fresh;             /* the entry at the end of a list, not yet there */
	int depth;              /* indent of its label */
};

struct sheet {
	struct form *f;
	enum sheet_type type;
	size_t item;            /* the motions' item */
	char *person;           /* the person sheet's name */
	struct sheet_row *rows;
	size_t nrows, cap;
	size_t focus;
	struct field *field;    /* the focused text or count row's text */
	bool changed;
	/* A named vote begun over counts typed asks first: the choice that
	 * waits for the answer (SHEET_NONE: nothing asked). */
	size_t ask_choice;
	const char *choices[SHEET_CHOICES_MAX];  /* the focused row's, valid
						  * until the next call */
	char choice_buf[SHEET_CHOICES_MAX][96];
};

/* Opens a sheet: the item in hand's motions, every declaration, or the
 * person in attendance `name`.  NULL (with a message) when there is
 * nothing to open it on. */
struct sheet *sheet_open(struct form *f, enum sheet_type type, const char *name);
/* Stores the focused row and commits; frees the sheet. */
void sheet_close(struct sheet *sh);

/* "Motion 1", "  moved by", "Declaration +"... */
void sheet_label(const struct sheet *sh, const struct sheet_row *r, char *out, size_t n);
/* The row's value as shown (malloc'd): a named vote as "for: A, B;
 * against: C". */
char *sheet_text(const struct sheet *sh, const struct sheet_row *r);
/* The focused row. */
const struct sheet_row *sheet_focused(const struct sheet *sh);

/* The choices of a pick or marks row, into sh->choices; the count. */
size_t sheet_choices(struct sheet *sh, const struct sheet_row *r);
/* For a marks row: "for", "against", "abstained" or "" for choice i. */
const char *sheet_mark(const struct sheet *sh, const struct sheet_row *r, size_t i);
/* Picks choice i on the focused pick row (a marks row: moves member i
 * on: for, against, abstained, not named).  False when there is none.
 * The first name of a named vote whose counts were typed asks instead
 * ("Replace the typed counts 7/3/1 with a named vote? y/n"): nothing
 * changes until sheet_answer. */
bool sheet_pick(struct sheet *sh, size_t i);
/* Whether a question waits (sheet_answer gives its answer). */
bool sheet_asking(const struct sheet *sh);
/* Answers it: yes, the typed counts go and choice i is named (the
 * counts follow the names); no, the counts stay and nobody is named. */
void sheet_answer(struct sheet *sh, bool yes);
/* Clears the focused pick row's value. */
void sheet_clear(struct sheet *sh);

/* Stores the focused text or count row when typed into; false (with a
 * message) when it cannot be: a count or time that does not read. */
bool sheet_store(struct sheet *sh);
/* Stores, then moves the focus `delta` rows; false when it cannot store. */
bool sheet_move(struct sheet *sh, long delta);
/* Whether character `ch` may be typed into the focused row: a count
 * takes digits only, and anything else is refused, with a message
 * naming it, so that what shows is what will be stored. */
bool sheet_typable(struct sheet *sh, wint_t ch);
/* Replaces the focused field's text as if typed. */
void sheet_set_text(struct sheet *sh, const char *text);
/* The field was typed into. */
void sheet_touched(struct sheet *sh);

/* Stores the focused row, then focuses row i (the last when past it). */
void sheet_focus(struct sheet *sh, size_t i);
/* Focuses declaration i's member row (the fresh one when i is past the
 * last), on the declarations' sheet. */
void sheet_focus_declaration(struct sheet *sh, size_t i);
/* Records a declaration as the sheet would, without it (gavel run
 * --plain): `member` must name one member present (a full name, or as a
 * speaker is named: "Cllr Reid", a unique surname), `item` (NULL or "":
 * none) an item of the agenda.  False, with a message saying what was
 * expected and nothing stored, when either does not. */
bool sheet_declare(struct form *f, const char *member, const char *item,
		   const char *interest);

#endif
