/*
 * agenda: a meeting's agenda (agenda.yaml), the model, its reading and its
 * writing in FORMAT.md's form.  Knows nothing of the screen or of git.
 */
#ifndef GAVEL_AGENDA_H
#define GAVEL_AGENDA_H

#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/format/record.h"
#include "minutes/format/yamlread.h"

#define AGENDA_FORMAT "gavel-agenda/1"
#define AGENDA_FORMAT_2 "gavel-agenda/2"

struct agenda_item {
	char *number;           /* "5", "3a", "12.1" */
	char *title;
	char *purpose;          /* may be NULL */
	char *confirms;         /* a meeting id; may be NULL */
	char *exempt;           /* (2) why exempt from publication; may be NULL */
	struct people presenters;
	struct documents documents;
};

struct agenda {
	int version;            /* the format's version: 1 */
	char *committee;
	char date[11];          /* YYYY-MM-DD */
	char start[6];          /* HH:MM or "" */
	char *venue;
	char *chair;
	struct agenda_item *items;
	size_t nitems, cap;
};

struct agenda *agenda_new(const char *committee, const char *date);
void agenda_free(struct agenda *a);
/* Frees what one item holds (not the item itself, which is in a list). */
void agenda_item_clear(struct agenda_item *it);
struct agenda_item *agenda_add_item(struct agenda *a, const char *number,
				    const char *title);

/* Decodes the rest of the top-level mapping `m` (formats 1 and 2).  Problems are
 * reported through the reader; the result is returned all the same. */
struct agenda *agenda_read(struct yr *r, struct yr_map *m);
/* Keys of the top-level mapping, for yr_map_begin. */
extern const char *const agenda_keys[];

/* The lowest format that holds the agenda (FORMAT.md's bump rule): 2
 * when an item is exempt, otherwise 1. */
int agenda_format(const struct agenda *a);
/* Appends the written form to `out`, in that format. */
void agenda_write(const struct agenda *a, struct buf *out);

#endif
