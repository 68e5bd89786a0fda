/*
 * record: the small records that agenda, minutes and committee files share
 * (a person with a role, a supporting document), their reading and writing.
 *
 * Strings are owned, NUL-terminated UTF-8 with no control characters other
 * than TAB and LF; NULL means "not given".
 */
#ifndef GAVEL_RECORD_H
#define GAVEL_RECORD_H

#include <stddef.h>

#include "minutes/format/emit.h"
#include "minutes/format/yamlread.h"

struct person {
	char *name;
	char *role;     /* may be NULL */
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
void documents_read(struct yr *r, const struct yr_node *n, struct documents *out);

/* Writes `key:` and the list, or nothing when the list is empty. */
void people_write(struct emit *e, const char *key, const struct people *l);
void documents_write(struct emit *e, const char *key, const struct documents *l);

/* Replaces *dst with a copy of src (NULL clears it). */
void record_text_set(char **dst, const char *src);

#endif
