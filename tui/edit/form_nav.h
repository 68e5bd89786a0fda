/*
 * form_nav: the clerk's way through the meeting: attendance, the opening,
 * each item in turn, the hub that reaches every part in any order, and
 * the end.  Leaving a view stores its field and commits; taking an item
 * in hand stamps its start time, leaving it for another its end time.
 */
#ifndef GAVEL_FORM_NAV_H
#define GAVEL_FORM_NAV_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/model/minutes.h"
#include "tui/edit/form.h"

/* Opens the form at its start: where the journal says the clerk was
 * (`journal_state` not NULL), else at the hub on the last item begun
 * (which is then in hand), else at attendance.  Opening stamps nothing:
 * the meeting begins with form_nav_begin. */
void form_nav_start(struct form *f, const char *journal_state, const char *when);

/* Begins the meeting (b on attendance): its start time stamped now and
 * committed, once; after that, says when it began and where to correct
 * it. */
void form_nav_begin(struct form *f);

/* Shows view v, its slots made and the first focused. */
void form_nav_enter(struct form *f, enum form_view v);
/* Takes item i in hand; the one held before is ended (a look at the hub
 * in between does not end it) and the change committed.  The focus goes
 * to the summary of an item not yet begun, else to a fresh comment. */
void form_nav_item(struct form *f, size_t i);
/* Leaves what is on screen: stores the field (false, staying, when it
 * cannot be stored) and the attendance, and commits. */
bool form_nav_leave(struct form *f);

/* ^N and ^P: attendance, opening, the items in order, then the hub. */
void form_nav_next(struct form *f);
void form_nav_prev(struct form *f);
/* Esc: the hub from a view; back to the item in hand (or attendance)
 * from the hub; the hub from the end. */
void form_nav_back(struct form *f);

/* The hub's rows: 0 attendance, 1 opening, 2.. items, last the end. */
size_t form_nav_hub_rows(const struct form *f);
/* Opens the hub's selected row. */
void form_nav_open(struct form *f);
/* "withdrawn", "deferred", "decided", "ended", "in progress", "untouched". */
const char *form_nav_item_state(const struct minutes_item *it);
/* Sets the selected item's status (withdrawn, deferred, taken) with
 * the reason for a withdrawn or deferred one (NULL or "": none given;
 * taken clears it). */
void form_nav_status(struct form *f, enum item_status st, const char *reason);
/* The selected item, or NULL when the hub's selection is no item. */
struct minutes_item *form_nav_selected(const struct form *f);
/* The number urgent business added after item `at` gets: "5a" after
 * item 5, "5b" when 5a exists (malloc'd). */
char *form_nav_urgent_number(const struct minutes *m, size_t at);
/* Adds urgent business titled `title` right after the item in hand (or,
 * with none in hand, the selected one; else at the end), after any
 * urgent items already added there, numbered by form_nav_urgent_number,
 * and commits.  The hub's selection stays on the row it was on. */
void form_nav_urgent(struct form *f, const char *title);

/* ^S: stores, commits and says the commit. */
void form_nav_save(struct form *f);
/* Ends the meeting: stamps the end time, commits, shows the end. */
void form_nav_end(struct form *f);
/* What is left undone, a line each (the end screen and the farewell). */
void form_nav_missing(const struct form *f, struct buf *out);
/* The last save when the screen closes, however it closes: the field,
 * the attendance, the journal and a commit.  A message for the terminal
 * (malloc'd) or NULL. */
char *form_nav_finish(struct form *f);

#endif
