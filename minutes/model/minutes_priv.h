/*
 * minutes_priv: what the minutes' model, reader and writer share and no
 * other module needs.
 */
#ifndef GAVEL_MINUTES_PRIV_H
#define GAVEL_MINUTES_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/format/yamlread.h"

/* FORMAT.md's Limits for format 2's lists (the names in recorded votes
 * count through yr_count_entry like every other list). */
#define MINUTES_MAX_MOTIONS 1000
#define MINUTES_MAX_AMENDMENTS 1000

/* A set of strings (action ids seen in one file): open addressing,
 * `cap` a power of two, at most half full.  Zeroed is empty. */
struct ids {
	char **slot;
	size_t n, cap;
};
/* Adds `id`; when it is there already, reports the repeat at `at`. */
void ids_check(struct yr *r, struct ids *s, const struct yr_node *at, const char *id);
void ids_free(struct ids *s);

#endif
