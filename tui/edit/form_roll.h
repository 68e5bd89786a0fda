/*
 * form_roll: the attendance list of the clerk's screen: the committee's
 * members, the agenda's chair and presenters and whoever the minutes
 * already name, each absent, present, with apologies or in attendance.
 * The minutes keep the three lists (present, apologies, in attendance);
 * this keeps everyone, so that a person can be ticked back and forth.
 */
#ifndef GAVEL_FORM_ROLL_H
#define GAVEL_FORM_ROLL_H

#include <stddef.h>

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/model/minutes.h"

enum form_presence { FORM_ABSENT, FORM_PRESENT, FORM_APOLOGIES, FORM_IN_ATTENDANCE };

struct form_person {
	char *name;
	char *role;             /* may be NULL */
	enum form_presence state;
};

struct form_roll {
	struct form_person *v;
	size_t n, cap;
};

struct form;

/* The list: the committee's members and the agenda's people first (com
 * and ag may be NULL), then whoever the minutes already name, with the
 * state and the role the minutes give them. */
void form_roll_load(struct form_roll *r, const struct committee *com,
		    const struct agenda *ag, const struct minutes *m);
void form_roll_free(struct form_roll *r);
/* Writes the list back into the minutes' three lists. */
void form_roll_store(const struct form_roll *r, struct minutes *m);
/* The person of that exact name, or NULL. */
struct form_person *form_roll_find(struct form_roll *r, const char *name);
/* Adds a person, or for one on the list already sets a state other than
 * absent and a role it lacked. */
void form_roll_add(struct form_roll *r, const char *name, const char *role,
		   enum form_presence state);
/* "present", "apologies", "in attendance", "absent". */
const char *form_roll_state_name(enum form_presence p);

/* The clerk's moves on the list: marks the selected person and selects
 * the next; adds someone in attendance (refused, with a message, for a
 * name on the list already). */
void form_roll_mark(struct form *f, enum form_presence p);
void form_roll_add_person(struct form *f, const char *name, const char *role);

#endif
