/*
 * form_roll: the attendance list of the clerk's screen: the committee's
 * members, the agenda's chair and presenters and whoever the minutes
 * already name, each absent, present, with apologies or in attendance.
 * The minutes keep the lists (present, apologies, in attendance, and the
 * members absent); this keeps everyone, so that a person can be ticked
 * back and forth, with what format 2 records of their attendance through
 * the meeting: when they arrived and left, during which items, and whom
 * they substituted for.
 */
#ifndef GAVEL_FORM_ROLL_H
#define GAVEL_FORM_ROLL_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/model/minutes.h"

enum form_presence { FORM_ABSENT, FORM_PRESENT, FORM_APOLOGIES, FORM_IN_ATTENDANCE };

struct form_person {
	char *name;
	char *role;             /* may be NULL */
	enum form_presence state;
	bool member;            /* one of the committee's members */
	char *substitute_for;   /* may be NULL */
	char arrived[6], left[6];               /* "HH:MM" or "" */
	char *arrived_during, *left_during;     /* item numbers; may be NULL */
};

struct form_roll {
	struct form_person *v;
	size_t n, cap;
};

struct form;

/* The list: the committee's members and the agenda's people first (com
 * and ag may be NULL), then whoever the minutes already name, with the
 * state, the role and the times the minutes give them. */
void form_roll_load(struct form_roll *r, const struct committee *com,
		    const struct agenda *ag, const struct minutes *m);
void form_roll_free(struct form_roll *r);
/* Writes the list back into the minutes' lists: present, apologies, in
 * attendance, and the committee's members marked absent. */
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
 * the next (present once an item has been taken: arrived now, during the
 * item in hand; present for one who is not a member, nor a substitute,
 * is in attendance, and says so); adds someone in attendance (refused,
 * with a message, for a name on the list already). */
void form_roll_mark(struct form *f, enum form_presence p);
void form_roll_add_person(struct form *f, const char *name, const char *role);
/* The selected person, present, leaves now during the item in hand; one
 * who had left is back (the departure cleared). */
void form_roll_leave(struct form *f);

/* Does `k` belong under present (minutes_belongs_present: a member of
 * the session's committee, or a substitute for one)? */
bool form_roll_belongs_present(const struct form *f, const struct form_person *k);
/* After k's substitution changed: one present who no longer belongs
 * there is in attendance; one in attendance who now substitutes for a
 * member is present.  True when k's state changed. */
bool form_roll_settle(struct form *f, struct form_person *k);

/* Members present now for the quorum: those present (substitutes too)
 * who have not left, officers and guests in attendance not counted. */
unsigned form_roll_voting(const struct form *f);
/* True when the committee has a quorum and fewer are present; *have and
 * *need say the numbers (may be NULL). */
bool form_roll_inquorate(const struct form *f, unsigned *have, unsigned *need);

#endif
