/*
 * record: the small records that agenda, minutes and committee files share
 * (a person with a role, a supporting document), their reading and writing.
 *
 * Strings are owned, NUL-terminated UTF-8 with no control characters other
 * than TAB and LF; NULL means "not given".
 */
#ifndef GAVEL_RECORD_H
#define GAVEL_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/format/emit.h"
#include "minutes/format/yamlread.h"

struct person {
	char *name;
	char *role;     /* may be NULL */
	/* (format 2) attendance through the meeting; NULL and "" when not
	 * given.  Only a person in a meeting's attendance has them. */
	char *substitute_for;   /* the member this person stood in for */
	char arrived[6];        /* "HH:MM": came after the start ... */
	char *arrived_during;   /* ... while this item (its number) was in hand */
	char left[6];           /* "HH:MM": went before the end ... */
	char *left_during;      /* ... during this item */
};

/* A list of names (a recorded vote's voters). */
struct names {
	char **v;
	size_t n, cap;
};

struct document {
	char *title;
	char *ref;      /* a path in the repository or a URL; may be NULL */
};

struct people {
	struct person *v;
	size_t n, cap;
};

struct documents {
	struct document *v;
	size_t n, cap;
};

void person_free(struct person *p);
void names_free(struct names *l);
void names_add(struct names *l, const char *name);
void names_copy(struct names *dst, const struct names *src);
void people_free(struct people *l);
struct person *people_add(struct people *l, const char *name, const char *role);
/* Removes the i-th entry (nothing when there is none). */
void people_remove(struct people *l, size_t i);
void documents_remove(struct documents *l, size_t i);
void people_copy(struct people *dst, const struct people *src);

void documents_free(struct documents *l);
struct document *documents_add(struct documents *l, const char *title, const char *ref);
void documents_copy(struct documents *dst, const struct documents *src);

/* Reads a list of people ({name, role} mappings) at `n` into `out`. */
void people_read(struct yr *r, const struct yr_node *n, struct people *out,
		 const char *what);
/* The same for a meeting's attendance: format 2 adds substitute_for,
 * arrived, arrived_during, left and left_during (refused, naming the key,
 * in a format-1 file); the items named are noted for yr_item_refs. */
void people_read_attendance(struct yr *r, const struct yr_node *n, struct people *out);
/* True when a person has any format-2 attendance key. */
bool person_has_attendance(const struct person *p);
void documents_read(struct yr *r, const struct yr_node *n, struct documents *out);

/* Writes `key:` and the list, or nothing when the list is empty. */
void people_write(struct emit *e, const char *key, const struct people *l);
void people_write_attendance(struct emit *e, const char *key, const struct people *l);
void documents_write(struct emit *e, const char *key, const struct documents *l);

/* Replaces *dst with a copy of src (NULL clears it). */
void record_text_set(char **dst, const char *src);

#endif
