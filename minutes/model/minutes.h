/*
 * minutes: what the clerk records (minutes.yaml), the model, its reading
 * and its writing in FORMAT.md's form.  Knows nothing of the screen or of
 * git.  Strings are owned UTF-8; NULL or "" means not given; dates are
 * "YYYY-MM-DD" and times "HH:MM", "" when not given.
 */
#ifndef GAVEL_MINUTES_H
#define GAVEL_MINUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/agenda.h"
#include "minutes/base/buf.h"
#include "agenda/committee.h"
#include "minutes/format/record.h"
#include "minutes/format/yamlread.h"

#define MINUTES_FORMAT "gavel-minutes/1"
#define MINUTES_FORMAT_2 "gavel-minutes/2"

enum item_status { ITEM_TAKEN, ITEM_WITHDRAWN, ITEM_DEFERRED };
enum minutes_status { MINUTES_DRAFT, MINUTES_CONFIRMED };

struct comment {
	char *text;
	char *by;               /* who spoke; may be NULL */
};

struct action {
	char *id;               /* (2) "<meeting folder>/<n>"; NULL in format 1 */
	char *text;
	char *owner;
	char due[11];
	char done[11];
};

enum declaration_kind {
	DECL_UNSAID,            /* format 1, or not said */
	DECL_PECUNIARY,         /* disclosable pecuniary */
	DECL_OTHER_REGISTRABLE,
	DECL_NON_REGISTRABLE,
};

struct declaration {
	char *member;
	char *item;             /* an item number */
	char *interest;
	enum declaration_kind kind;     /* (2) */
	bool left_room;                 /* (2) */
};

/* (format 2) A recorded (named) vote: who voted each way.  Empty lists
 * when the vote was not recorded. */
struct recorded_vote {
	struct names voted_for, against, abstained;
};

struct votes {
	unsigned n_for, n_against, n_abstained;
	struct recorded_vote recorded;
};

enum outcome { OUTCOME_UNSAID, OUTCOME_CARRIED, OUTCOME_LOST, OUTCOME_WITHDRAWN };

struct amendment {
	char *text;
	char *mover, *seconder;         /* may be NULL */
	struct votes votes;
	enum outcome outcome;
};

struct motion {
	char *text;
	char *mover, *seconder;         /* may be NULL */
	struct amendment *amendments;
	size_t namendments, amendments_cap;
	struct votes votes;
	enum outcome outcome;
};

enum update_status { UPDATE_DONE, UPDATE_IN_PROGRESS, UPDATE_DROPPED };

/* (format 2) Progress, recorded at a later meeting, of an action set at
 * an earlier one. */
struct action_update {
	char *action;           /* the action's id */
	enum update_status status;
	char *note;             /* may be NULL */
};

struct minutes_item {
	char *number;
	char *title;
	unsigned minute;        /* (2) the minute number; 0 when none */
	enum item_status status;
	char *reason;           /* (2) why withdrawn or deferred; may be NULL */
	char *exempt;           /* (2) reason it is exempt; NULL when public */
	bool urgent;
	char started[6];
	char ended[6];
	struct people presenters;
	char *summary;
	struct comment *comments;
	size_t ncomments, comments_cap;
	char *decision;
	unsigned votes_for, votes_against, votes_abstained;
	struct recorded_vote recorded;  /* (2) the decision's named vote */
	struct motion *motions;         /* (2) */
	size_t nmotions, motions_cap;
	struct action_update *updates;  /* (2) action_updates */
	size_t nupdates, updates_cap;
	struct action *actions;
	size_t nactions, actions_cap;
	struct documents documents;
	/* (format 2) confirmed_minutes: the meeting this item confirmed and
	 * the git blob id of its minutes.yaml as confirmed; NULL and "" when
	 * it confirmed none. */
	char *confirmed_meeting;
	char confirmed_blob[41];
};

struct minutes {
	int version;            /* the format it was read in; written: minutes_format() */
	char *committee;
	char date[11];
	char start[6];
	char end[6];
	char *venue;
	enum minutes_status status;
	struct people present;
	struct people apologies;
	struct people in_attendance;
	struct people absent;           /* (2) expected, not there, no apologies */
	struct declaration *declarations;
	size_t ndeclarations, declarations_cap;
	struct minutes_item **items;   /* pointers: items keep their address */
	size_t nitems, items_cap;
	char confirmed_date[11];
	char *confirmed_by;
};

struct minutes *minutes_new(const char *committee, const char *date);
void minutes_free(struct minutes *m);
/* Frees one item (not in any minutes' list any more). */
void minutes_free_item(struct minutes_item *it);

/* Starts the minutes of a meeting from its agenda: committee, date, start,
 * venue, and each item's number, title, presenters and documents; the
 * attendance from the committee's members (when `c` is not NULL). */
struct minutes *minutes_from_agenda(const struct agenda *a,
				    const struct committee *c);

struct minutes_item *minutes_add_item(struct minutes *m, const char *number,
				      const char *title);
struct comment *minutes_item_add_comment(struct minutes_item *it, const char *text,
				 const char *by);
struct action *minutes_item_add_action(struct minutes_item *it, const char *text,
			       const char *owner, const char *due);
struct declaration *minutes_add_declaration(struct minutes *m,
					    const char *member,
					    const char *item,
					    const char *interest);

/* Removing the i-th entry (nothing when there is none). */
void minutes_item_remove_comment(struct minutes_item *it, size_t i);
void minutes_item_remove_action(struct minutes_item *it, size_t i);
void minutes_remove_declaration(struct minutes *m, size_t i);
/* Adds an item at position `at` (at the end when past it). */
struct minutes_item *minutes_insert_item(struct minutes *m, size_t at,
					 const char *number, const char *title);

struct minutes *minutes_read(struct yr *r, struct yr_map *m);
extern const char *const minutes_keys[];
void minutes_write(const struct minutes *m, struct buf *out);
/* The lowest format that holds the minutes' content (FORMAT.md's bump
 * rule): 2 when a format-2 key has content, otherwise 1. */
int minutes_format(const struct minutes *m);

struct motion *minutes_item_add_motion(struct minutes_item *it, const char *text,
				       const char *mover, const char *seconder);
struct amendment *minutes_motion_add_amendment(struct motion *mo, const char *text,
					       const char *mover,
					       const char *seconder);
struct action_update *minutes_item_add_update(struct minutes_item *it,
					      const char *action,
					      enum update_status status,
					      const char *note);
void minutes_item_remove_motion(struct minutes_item *it, size_t i);
void minutes_item_remove_update(struct minutes_item *it, size_t i);
void minutes_votes_free(struct votes *v);
void minutes_recorded_free(struct recorded_vote *r);
/* True when a recorded vote names anyone. */
bool minutes_recorded_any(const struct recorded_vote *r);
/* An item's decision is its decision text; an item with none has its
 * motions carried as its decisions (a motion's outcome is its substantive
 * motion's: an amendment carried is part of it, not a decision of its
 * own).  True when motion `mo` of `it` is one: carried, with text, and no
 * decision typed. */
bool minutes_motion_decides(const struct minutes_item *it, const struct motion *mo);
/* True when the item has a decision: its text, or a motion that decides. */
bool minutes_item_decided(const struct minutes_item *it);
/* A deciding motion as councils minute it: "RESOLVED: that planning
 * permission be refused." (a leading "That" made "that"), onto b. */
void minutes_motion_resolution(struct buf *b, const struct motion *mo);

const char *minutes_item_status_name(enum item_status s);
/* An item not taken at the meeting (nor deferred nor withdrawn): status
 * taken, the default, with nothing recorded of it: no times, minute
 * number, summary, comments, motions, decision, votes, actions, action
 * updates or confirmation.  What the agenda gave it (presenters,
 * documents, exemption) does not count. */
bool minutes_item_untaken(const struct minutes_item *it);
/* The meeting is under way or over: it has an end time, or one of its
 * items is recorded, deferred or withdrawn.  Until then no item is "not
 * taken": minutes made from an agenda are empty, not a meeting that took
 * nothing. */
bool minutes_under_way(const struct minutes *m);
/* Who is filed under present (FORMAT.md): one of the committee's members
 * (`name` exactly as committee.yaml has it) or a substitute standing in
 * for one; anyone else there (an officer, a presenter, a guest) is in
 * attendance.  True for everyone when `c` is NULL or names no members. */
bool minutes_belongs_present(const struct committee *c, const char *name,
			     const char *substitute_for);
/* The names FORMAT.md gives (NULL for the unsaid values), and back: -1
 * when `s` is none of them. */
const char *minutes_declaration_kind_name(enum declaration_kind k);
int minutes_declaration_kind_parse(const char *s);
const char *minutes_outcome_name(enum outcome o);
int minutes_outcome_parse(const char *s);
const char *minutes_update_status_name(enum update_status s);
int minutes_update_status_parse(const char *s);
const char *minutes_status_name(enum minutes_status s);

#endif
