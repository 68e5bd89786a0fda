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
	char *text;
	char *owner;
	char due[11];
	char done[11];
};

struct declaration {
	char *member;
	char *item;             /* an item number */
	char *interest;
};

struct minutes_item {
	char *number;
	char *title;
	enum item_status status;
	bool urgent;
	char started[6];
	char ended[6];
	struct people presenters;
	char *summary;
	struct comment *comments;
	size_t ncomments, comments_cap;
	char *decision;
	unsigned votes_for, votes_against, votes_abstained;
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

const char *minutes_item_status_name(enum item_status s);
const char *minutes_status_name(enum minutes_status s);

#endif
