/*
 * agenda_edit: what the agenda screen does to a meeting's agenda, with no
 * curses and no git: a new agenda from the committee's standard items,
 * items added, removed, moved and renumbered, each field set after it is
 * checked, and the meeting's minutes kept in step with every change.
 *
 * The minutes always exist beside the agenda (gavel new writes both), so
 * every change that touches what the minutes copy from the agenda (an
 * item's number, title, exemption, presenters, documents, its place)
 * changes the minutes' item too.  Agenda and minutes items are matched by
 * number: agenda numbers are unique (every change keeps them so), and a
 * number changes in both at once.  Items of the minutes that are not on
 * the agenda (urgent business added during the meeting) keep their place
 * after the agenda item they followed.
 *
 * Every function that changes something returns 0 and appends to `what`
 * (may be NULL) a few words saying what changed, for the commit message
 * ("item 4 added: Budget"); or -1 with the reason in `err` (cleared
 * first) and nothing changed.
 */
#ifndef GAVEL_AGENDA_EDIT_H
#define GAVEL_AGENDA_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/base/buf.h"
#include "minutes/model/minutes.h"

/* A new agenda for `date` from the committee's standard items (`c` may be
 * NULL, or have none: then apologies, declarations of interest, minutes
 * of the previous meeting, matters arising, any other business), numbered
 * from 1.  The minutes item confirms `previous` (the committee's latest
 * unconfirmed meeting); with no such meeting (NULL) it is left out. */
struct agenda *agenda_edit_start(const char *committee, const char *date,
				 const struct committee *c, const char *previous);

/* The agenda being edited and the minutes kept in step (NULL: none). */
struct agenda_edit {
	struct agenda *agenda;
	struct minutes *minutes;
};

/* True when the minutes' item holds anything recorded at the meeting
 * (times, a summary, comments, a decision, votes, motions, actions,
 * updates, a status other than taken, a minute number, a confirmation). */
bool agenda_edit_item_has_minutes(const struct minutes_item *it);
/* The minutes' item with that number, or NULL. */
struct minutes_item *agenda_edit_minutes_item(const struct agenda_edit *e,
					      const char *number);

/* Adds an item titled `title` at position `at` (at the end when past it),
 * numbered by its place: one past the whole number of the item before it
 * (1 when first), the items after it (and urgent items of the minutes)
 * numbered that or more going one up, their references in the minutes
 * following, so that an agenda in order stays in order.  When the numbers
 * are out of order before `at`, it is numbered one past the highest whole
 * number instead (n puts them in order). */
int agenda_edit_add(struct agenda_edit *e, size_t at, const char *title,
		    struct buf *what, struct buf *err);
/* Removes item i; refused when its minutes hold anything. */
int agenda_edit_remove(struct agenda_edit *e, size_t i, struct buf *what,
		       struct buf *err);
/* Moves item i one place up (delta -1) or down (+1). */
int agenda_edit_move(struct agenda_edit *e, size_t i, int delta, struct buf *what,
		     struct buf *err);
/* Numbers the items 1, 2, 3... in their order (declarations and
 * attendance naming an item follow it).  Nothing to do is not an error:
 * 0 with nothing in what. */
int agenda_edit_renumber(struct agenda_edit *e, struct buf *what, struct buf *err);

/* The fields of item i, each checked before it is set. */
enum agenda_field {
	AF_NUMBER, AF_TITLE, AF_PURPOSE, AF_CONFIRMS, AF_EXEMPT,
};
int agenda_edit_set(struct agenda_edit *e, size_t i, enum agenda_field f,
		    const char *value, struct buf *what, struct buf *err);
/* Checks a value for a field without setting it (as the clerk types):
 * true when it would be accepted, else false with the reason in err. */
bool agenda_edit_check(const struct agenda_edit *e, size_t i, enum agenda_field f,
		       const char *value, struct buf *err);

int agenda_edit_add_presenter(struct agenda_edit *e, size_t i, const char *name,
			      const char *role, struct buf *what, struct buf *err);
int agenda_edit_remove_presenter(struct agenda_edit *e, size_t i, size_t p,
				 struct buf *what, struct buf *err);
/* A document: `ref` is a URL (http:// or https://) or a relative path in
 * the repository (no "..", not absolute); may be NULL or "". */
int agenda_edit_add_document(struct agenda_edit *e, size_t i, const char *title,
			     const char *ref, struct buf *what, struct buf *err);
int agenda_edit_remove_document(struct agenda_edit *e, size_t i, size_t k,
				struct buf *what, struct buf *err);
bool agenda_edit_ref_valid(const char *ref, struct buf *err);

/* The meeting's own fields: start ("HH:MM" or ""), venue, chair. */
enum agenda_meeting_field { AM_START, AM_VENUE, AM_CHAIR };
int agenda_edit_set_meeting(struct agenda_edit *e, enum agenda_meeting_field f,
			    const char *value, struct buf *what, struct buf *err);

/* Brings the minutes' items in line with the agenda as a whole (used
 * after the agenda file was changed some other way): items of the agenda
 * missing from the minutes are added, minutes items with no agenda item
 * and nothing recorded (and not urgent) are removed, and the order
 * follows the agenda.  Returns how many items changed. */
size_t agenda_edit_sync(struct agenda_edit *e);

/* Names offered when picking a presenter: the committee's members (`c`
 * may be NULL), the presenters of earlier meetings (`earlier`, may be
 * NULL), then every presenter already on the agenda, each name once.
 * *out is malloc'd (each entry points into c, earlier or e); returns
 * the count. */
size_t agenda_edit_presenter_choices(const struct agenda_edit *e,
				     const struct committee *c,
				     const struct people *earlier,
				     const struct person ***out);

#endif
