/*
 * chain: the confirmation chain (FORMAT.md, format 2's
 * `confirmed_minutes`).  When a meeting confirms an earlier one, the item
 * that confirmed it records the earlier meeting's id and the git blob id
 * of its minutes.yaml as confirmed.  gavel verify holds every confirmed
 * meeting to what the meetings that confirmed it recorded, so hiding an
 * alteration means rewriting every later confirmed meeting too; and it
 * holds each confirmation tag to the confirmation commit itself.
 * Knows nothing of the screen; works through archive.h and meeting.h.
 */
#ifndef GAVEL_CHAIN_H
#define GAVEL_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/git/archive.h"
#include "minutes/model/minutes.h"

/* One link: meeting `by`, item `item`, confirmed `meeting` as `blob`. */
struct chain_link {
	char *by;
	char *item;
	char *meeting;
	char blob[41];
};

/* Every link recorded in the minutes of every meeting at HEAD (meetings
 * whose minutes do not load are passed over: gavel check names them). */
int chain_links(struct archive *a, struct chain_link **out, size_t *n,
		struct diags *d);
void chain_links_free(struct chain_link *v, size_t n);

/* The meeting whose agenda has an item that `confirms:` meeting `id`,
 * and that item's number (both malloc'd): of several, the first whose
 * minutes are a draft, newest first.  *by_out is NULL (and 0 returned)
 * when no agenda confirms it. */
int chain_confirming(struct archive *a, const char *id, char **by_out,
		     char **item_out, bool *draft_out, struct diags *d);

/* Whether item `item` of `m` records already a link other than this one
 * (a link, once recorded, is never replaced by gavel). */
bool chain_recorded(const struct minutes *m, const char *item, const char *id,
		    const char *blob);
/* Sets item `item` of minutes `m` to record that it confirmed meeting
 * `id` as blob `blob`.  False when `m` has no such item, or the item
 * records another link already (chain_recorded). */
bool chain_set(struct minutes *m, const char *item, const char *id,
	       const char *blob);

/* Records in meeting `by`'s minutes (a draft), on item `item`, that it
 * confirmed `id`'s minutes as they stand in commit `commit`: one commit.
 * MEETING_INVALID (with the reason) when by's minutes are confirmed or
 * have no such item. */
int chain_record(struct archive *a, const char *by, const char *item,
		 const char *id, const char *commit, char commit_out[41],
		 struct diags *d);

/* Whether `commit` is the commit that confirmed meeting `id`: there its
 * minutes are confirmed (with the same confirmed block as `head`, when
 * not NULL) and in its first parent they are not.  When not, false with
 * the reason appended to `why`. */
bool chain_is_confirmation(struct archive *a, const char *id, const char *commit,
			   const struct minutes *head, struct buf *why);

#endif
