/*
 * registers: the committee's registers, answered from the search index's
 * database (search.h), which keeps them up to date with HEAD the same
 * incremental way as the full-text rows: every action with its latest
 * status, every decision, and who attended.
 *
 * Each query streams its rows in the index's own order (row ids follow
 * the date: newest meeting first, then the order of the minutes), so
 * nothing is sorted or held in memory however many rows there are.
 *
 * Actions: an action's ref is "<committee>/<id>" (id "<folder>/<n>",
 * format 2), or "<committee>/<folder>#<item>.<n>" for an action written
 * without an id (format 1: the meeting's folder, the item's number and
 * the action's place among the item's actions).  Its status is the
 * latest action_update naming its id in a later meeting of the
 * committee (by meeting date); without one, done when the action has a
 * done: date, else open.
 */
#ifndef GAVEL_REGISTERS_H
#define GAVEL_REGISTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/committee.h"
#include "minutes/model/open_actions.h"
#include "minutes/search/search.h"

enum reg_state { REG_OPEN, REG_IN_PROGRESS, REG_DONE, REG_DROPPED };

struct reg_action {
	const char *meeting;    /* "communities-board/2018-03-14" */
	const char *ref;        /* as above */
	const char *item;       /* the item's number */
	unsigned index;         /* 1-based among the item's actions */
	const char *text, *owner;       /* owner may be NULL */
	const char *due, *done;         /* "YYYY-MM-DD" or NULL */
	enum reg_state state;
	const char *note;       /* the latest update's note, or NULL */
	bool note_exempt;       /* that update is in an exempt item: its note
				   is not for publication */
	const char *updated;    /* the meeting of the latest update, or NULL */
};

struct reg_action_filter {
	const char *committee;  /* a slug, or NULL */
	const char *owner;      /* part of the owner's name, any case; or NULL */
	bool open_only;         /* open or in progress */
	bool done_only;         /* done */
	const char *due_before; /* open with a due date before this one */
};

/* Calls `each` for every action the filter lets through, until it
 * returns non-zero; *count receives how many. */
int registers_actions(struct search *s, const struct reg_action_filter *f,
		      int (*each)(const struct reg_action *a, void *ctx), void *ctx,
		      size_t *count, struct diags *err);

struct reg_decision {
	const char *meeting;
	const char *item;       /* the item's number */
	unsigned minute;        /* the minute number; 0 when none */
	const char *title;      /* the item's title */
	const char *text;
};

/* Every decision, newest first, of the committees, dates and words of `q`
 * (as gavel search has them; words and phrases must be in the decision's
 * text). */
int registers_decisions(struct search *s, const struct query *q,
			int (*each)(const struct reg_decision *d, void *ctx), void *ctx,
			size_t *count, struct diags *err);

/* One person's attendance at a committee's meetings in a period. */
struct reg_attendee {
	char *name;
	char first[11];         /* the first meeting (date) that names them */
	size_t present, apologies, absent;      /* as the minutes name them */
};

struct reg_attendance {
	size_t nmeetings;       /* the committee's meetings in the period */
	char **dates;           /* their dates, newest first */
	struct reg_attendee *v; /* everyone named present, apologies or absent */
	size_t n;
};

/* The attendance of committee `slug` from `since` to `until` (dates,
 * "" for no limit). */
int registers_attendance(struct search *s, const char *slug, const char *since,
			 const char *until, struct reg_attendance *out,
			 struct diags *err);
void registers_attendance_free(struct reg_attendance *r);

/* The attendance register's rows, as gavel attendance lists them: the
 * committee's members first, in committee.yaml's order (`com` may be
 * NULL), expected at every meeting since the first that names them (all,
 * when none does) and absent from those at which they are named nowhere;
 * then anyone else `r` names (substitutes, former members), expected
 * where named.  `each` gets {expected, attended, apologies, absent}. */
void registers_attendance_rows(const struct reg_attendance *r, const struct committee *com,
			       void (*each)(void *ctx, const char *name, const size_t n[4]),
			       void *ctx);

/* The open actions matters arising lists at meeting `id`
 * ("<slug>/<folder>"): exactly what open_actions_of gives from the
 * minutes of the committee's meetings whose folders come before it (the
 * index must be current: search_open_current).  Free with
 * open_actions_free. */
int registers_open_actions(struct search *s, const char *id, struct open_action **out,
			   size_t *n, struct diags *err);

/* The committees that have meetings in the index, sorted (slugs;
 * free each and the array). */
int registers_committees(struct search *s, char ***out, size_t *n, struct diags *err);

#endif
