/*
 * agenda_edit_committee: what the committee screen does to a committee's
 * file, with no curses and no git: its name, quorum, year start, members
 * with their roles, decision phrases and standard agenda items, each
 * value checked before it is set.
 *
 * As agenda_edit.h: a change returns 0 and appends a few words to `what`
 * (may be NULL) for the commit message, or -1 with the reason in `err`
 * and nothing changed.
 */
#ifndef GAVEL_AGENDA_EDIT_COMMITTEE_H
#define GAVEL_AGENDA_EDIT_COMMITTEE_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/committee.h"
#include "minutes/base/buf.h"

enum committee_field {
	CF_NAME,
	CF_QUORUM,              /* "3", or "" for none */
	CF_YEAR_STARTS,         /* "MM-DD", or "" */
	CF_MEMBER,              /* "Name" or "Name, Role" */
	CF_PHRASE,
	CF_STANDARD,            /* a standard item's title */
};

/* The text of a field as the screen edits it (malloc'd): entry i of a
 * list; past its end, "". */
char *committee_edit_value(const struct committee *c, enum committee_field f, size_t i);
/* Checks a value as it is typed: true, or false with the reason. */
bool committee_edit_check(const struct committee *c, enum committee_field f, size_t i,
			  const char *value, struct buf *err);
/* Sets the field; for a list, i == its length adds an entry (nothing is
 * added for ""). */
int committee_edit_set(struct committee *c, enum committee_field f, size_t i,
		       const char *value, struct buf *what, struct buf *err);
/* Removes entry i of a list (a member is refused when the quorum would
 * then be more than the members). */
int committee_edit_remove(struct committee *c, enum committee_field f, size_t i,
			  struct buf *what, struct buf *err);
/* The next kind of standard item i (plain, minutes, matters-arising,
 * apologies, declarations, aob, and round). */
int committee_edit_next_kind(struct committee *c, size_t i, struct buf *what,
			     struct buf *err);
/* The length of a list field (1 for the others). */
size_t committee_edit_count(const struct committee *c, enum committee_field f);

#endif
