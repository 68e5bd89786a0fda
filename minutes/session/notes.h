/*
 * notes: what changed since the last commit, in words, for the commit's
 * message: per scope ("item 5 Integrated Communities Strategy", or none
 * for the meeting as a whole) the changes joined with ", ", each once;
 * the scopes joined with "; " after "<meeting id>: ".
 *
 * The session gathers them as the clerk works; a snapshot handed to the
 * committer takes them along, and a commit that fails hands its notes on
 * to the next one (notes_merge), so the commit that lands says all it
 * holds, as when the commits were made on the screen's own thread.
 */
#ifndef GAVEL_NOTES_H
#define GAVEL_NOTES_H

#include <stddef.h>

#include "minutes/base/buf.h"

#define NOTES_MAX 64

struct notes {
	struct note {
		char *scope;            /* NULL: the meeting as a whole */
		struct buf what;        /* "comment 3 recorded, decision recorded" */
	} v[NOTES_MAX];
	size_t n;
};

void notes_init(struct notes *n);
void notes_clear(struct notes *n);
/* Moves everything of `from` into `to` (left empty). */
void notes_move(struct notes *to, struct notes *from);
/* One change `what` under `scope` (may be NULL); the same change under
 * the same scope is kept once.  Past NOTES_MAX scopes, the last takes the
 * rest. */
void notes_add(struct notes *n, const char *scope, const char *what, size_t len);
/* Adds every change of `from` to `to` after `to`'s own, in order. */
void notes_merge(struct notes *to, const struct notes *from);
/* The message: "ID: scope: what; scope: what\n" ("ID: minutes edited\n"
 * without notes). */
void notes_message(const struct notes *n, const char *id, struct buf *msg);

#endif
