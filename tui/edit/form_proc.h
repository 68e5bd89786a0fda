/*
 * form_proc: what the clerk's screen checks and gives as a council's
 * procedure goes on: the minute number an item gets when it is taken,
 * the quorum and the declared interests when it starts, and the votes
 * against those present.  Warnings, never refusals: the clerk records
 * what happened.
 */
#ifndef GAVEL_FORM_PROC_H
#define GAVEL_FORM_PROC_H

#include <stdbool.h>

#include "minutes/model/minutes.h"
#include "tui/edit/form.h"

/* The item in hand was taken: gives it its minute number (continuing
 * from the committee's earlier meetings of the year), and adds to the
 * message a missing quorum and the interests declared in it. */
void form_proc_item_taken(struct form *f);

/* Item `it` was withdrawn or deferred (or taken after all): a withdrawn
 * or deferred item's minute number is taken away. */
void form_proc_status_changed(struct form *f, struct minutes_item *it);

/* The highest minute number of the committee's earlier meetings of this
 * meeting's year (0: none, or they cannot be read). */
unsigned form_proc_earlier_minute(const struct form *f);

/* After votes changed on item `it` (may be NULL): a warning when more
 * were cast than members are present; when `voter` (may be NULL), named
 * in the vote, declared a pecuniary interest in the item (whether they
 * left the room or stayed); and, when votes were cast with nobody named,
 * for each member present who declared one and stayed in the room. */
void form_proc_vote_warnings(struct form *f, const struct minutes_item *it,
			     const struct votes *v, const char *voter);

/* The same for the item's own votes (its decision's): a warning when
 * more were cast than members are present.  When the decision has a
 * named vote (F3), its lists give the counts: typed ones are put back. */
void form_proc_item_votes(struct form *f, struct minutes_item *it);

/* The declaration of `member` in item `number` that is pecuniary with
 * the member out of the room, or NULL. */
const struct declaration *form_proc_left_room(const struct minutes *m, const char *member,
					      const char *number);

/* The declaration of `member` in item `number` that is pecuniary, the
 * member in the room or not, or NULL. */
const struct declaration *form_proc_pecuniary(const struct minutes *m, const char *member,
					      const char *number);

/* "disclosable pecuniary", "other registrable", ... ("" when unsaid). */
const char *form_proc_kind_words(enum declaration_kind k);

/* Item i may be made exempt on screen: it is urgent business (an agenda
 * item's exemption is the agenda's); says why not otherwise. */
bool form_proc_exempt_allowed(struct form *f, size_t i);
/* Makes urgent item i exempt with `reason`, or public again when the
 * reason is empty. */
void form_proc_exempt(struct form *f, size_t i, const char *reason);

#endif
