/*
 * form: the clerk's screen as a model with no curses in it (the screen,
 * tui/screen/clerk*.c, draws it and gives it keys).
 *
 * It holds where the clerk is (a view: attendance, the opening, an item,
 * the hub, the end), the fields of the view's form as slots, the focused
 * slot's text in a field (field.h), the attendance list and the message
 * for the clerk.  What is stored goes into the session's minutes and is
 * told to the session (session_changed, session_touch) so that the
 * journal catches it and a commit names it.
 *
 * The modules around it act on the same struct form: form_roll.h (the
 * attendance list), form_speakers.h ("Name: text" in a comment),
 * form_phrases.h (the decision phrases and confirming earlier minutes),
 * form_nav.h (moving between the views and items) and form_journal.h
 * (what the journal keeps of the screen).
 */
#ifndef GAVEL_FORM_H
#define GAVEL_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "minutes/base/buf.h"
#include "minutes/session/session.h"
#include "tui/edit/field.h"
#include "tui/edit/form_roll.h"

struct sheet;
struct arising;

/* The views; the journal keeps these numbers (tests/torture knows them). */
enum form_view {
	FORM_ATTENDANCE,        /* the tick list */
	FORM_OPENING,           /* start, venue, declarations */
	FORM_ITEM,              /* one agenda item's form */
	FORM_HUB,               /* the list of everything: parts and items */
	FORM_END,               /* the meeting's summary after it ended */
};

/* The fields of the forms.  Each is text in the minutes; `index` picks
 * the entry of a list, and index == the list's length is the fresh entry
 * at its end, where typing adds one.  The journal keeps these numbers. */
/* SLOT_DECL_MEMBER is a declaration as a row only shown (index ==
 * ndeclarations: the row that says F4 makes one); F4's sheet
 * (form_sheet.h) makes and changes them.  SLOT_DECL_ITEM and
 * SLOT_DECL_INTEREST are no longer on any form: they keep their numbers
 * for journals written before. */
enum form_slot_kind {
	SLOT_START, SLOT_VENUE, SLOT_DECL_MEMBER, SLOT_DECL_ITEM,
	SLOT_DECL_INTEREST, SLOT_TITLE, SLOT_STARTED, SLOT_ENDED,
	SLOT_PRES_NAME, SLOT_PRES_ROLE, SLOT_SUMMARY, SLOT_COMMENT,
	SLOT_DECISION, SLOT_VOTE_FOR, SLOT_VOTE_AGAINST, SLOT_VOTE_ABST,
	SLOT_ACT_TEXT, SLOT_ACT_OWNER, SLOT_ACT_DUE, SLOT_DOC_TITLE,
	SLOT_DOC_REF,
};

struct form_slot {
	enum form_slot_kind kind;
	size_t index;
};

struct form {
	struct session *s;
	struct minutes *m;
	enum form_view view;
	unsigned long entries;          /* views entered: a new form on screen */
	size_t item;                    /* the item in hand */
	bool entered;                   /* an item has been entered */

	struct form_slot *slots;        /* the form of the view */
	size_t nslots, slots_cap;
	size_t focus;
	struct field *field;            /* the focused slot's text */
	bool field_changed;             /* typed into since it was loaded */

	struct form_roll roll;          /* attendance */
	size_t sel;                     /* the selected row of a list view */
	bool ended;                     /* the meeting was ended */
	/* The clerk began the meeting (form_nav_begin, or its start typed,
	 * or it was begun in an earlier run): the minutes' start is its real
	 * start, no longer the agenda's scheduled one. */
	bool begun;
	/* The comment (its index + 1; 0: none) of the item in hand whose
	 * "Name: " named nobody or more than one: F2 picks its speaker. */
	size_t speaker_flag;

	/* A date in words ("Wednesday 17 January 2018") for the phrase
	 * that confirms earlier minutes; NULL: the date as it is. */
	void (*date_words)(struct buf *out, const char *date);
	char confirm[200];              /* that phrase, made by form_phrases */
	bool phrase_space;              /* a phrase ending in a space was picked:
					 * the clerk's next space is not doubled */

	double journal_call;            /* when form_journal_write was last called */
	/* What is open over the view, kept here for the journal (text typed
	 * on a sheet is journalled as the form's is): a sheet (form_sheet.h)
	 * or the open actions (form_arising.h), or NULL.  The screen sets
	 * them as it opens and closes them; form_journal_restore reopens a
	 * sheet into `sheet` when `sheets_shown`, else stores its text. */
	struct sheet *sheet;
	struct arising *arising;
	bool sheets_shown;

	struct buf msg;                 /* for the clerk's message line, whole */
	bool msg_error;
	/* The screen's words for making confirmed minutes writable ("^R
	 * gives a correction's reason"), added to a refusal; may be NULL. */
	const char *correct_hint;
};

/* Starts the model on the session's minutes, with the attendance list
 * loaded and no view entered yet (form_nav_start does that). */
void form_init(struct form *f, struct session *s);
void form_free(struct form *f);

/* The message for the clerk; an error shows in the error colour. */
void form_say(struct form *f, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* True (having said so) when the minutes are open read-only. */
bool form_refuse_read_only(struct form *f);

/* The item in hand, or NULL when the minutes have none. */
struct minutes_item *form_item(const struct form *f);
/* Tells the session what changed, for the next commit's message; `it`
 * NULL for the meeting as a whole. */
void form_changed(struct form *f, const struct minutes_item *it,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Commits what is pending; a failure (or the session's notice) becomes
 * the message. */
void form_commit(struct form *f);

/* Makes the slots of the view (none outside the opening and the items). */
void form_build(struct form *f);
/* The slot `kind` at `index`, else the first of that kind, else 0. */
size_t form_slot_find(const struct form *f, enum form_slot_kind kind, size_t index);
/* The focused slot, or NULL. */
const struct form_slot *form_focused(const struct form *f);
bool form_slot_multiline(enum form_slot_kind kind);
/* A row shown, not typed into: a declaration on the opening (F4, or
 * Enter on it, opens the declarations' sheet). */
bool form_slot_readonly(enum form_slot_kind kind);
/* What the opening's last declaration row says. */
#define FORM_DECLARE_HINT "F4 declare an interest"
/* True for the fresh entry at the end of a list. */
bool form_slot_is_new(const struct form *f, const struct form_slot *sl);
/* "Comment 3", "Comment +", "  role". */
void form_slot_label(const struct form *f, const struct form_slot *sl,
		     char *out, size_t n);
/* The slot's text as it is in the minutes (malloc'd); a comment with its
 * speaker as "Name: text". */
char *form_slot_text(const struct form *f, const struct form_slot *sl);

/* Stores the focused field's text into the minutes, when it was typed
 * into.  Returns false (with a message, the field left as typed) when the
 * text cannot be stored: a time, a date or a count that does not read, an
 * emptied title.  An emptied entry of a list is removed, a fresh one that
 * was typed into is added, and the slots are made again. */
bool form_store(struct form *f);
/* Loads the focused slot into a new field. */
void form_load(struct form *f);
/* Moves the focus `delta` slots on (back when negative), storing the one
 * left first; stays, returning false, when it cannot be stored.  Leaving
 * a comment or the decision commits. */
bool form_move(struct form *f, long delta);
/* The field's text was changed (typed, picked, edited): it will be
 * stored, and the journal catches it meanwhile. */
void form_touched(struct form *f);
/* Replaces the focused field's text as if typed. */
void form_set_text(struct form *f, const char *text);
/* Whether character `ch` may be typed into the focused field: the
 * decision's counts take digits only, and anything else is refused with
 * a message naming it (as on F3's sheet). */
bool form_typable(struct form *f, wint_t ch);

#endif
