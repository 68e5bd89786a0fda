/*
 * cli_publish: what show and export need beyond one meeting's minutes to
 * publish them: the text of an earlier meeting's action that an action
 * update names, looked up in that meeting's minutes at the same revision
 * (withheld when the action belongs to exempt business).
 */
#ifndef GAVEL_CLI_PUBLISH_H
#define GAVEL_CLI_PUBLISH_H

#include "minutes/git/archive.h"
#include "tui/render/render.h"

struct publish_lookup;

/* Fills `opts` so that render_* can name an action update's action; the
 * lookup reads meetings of committee `slug` at `rev` (NULL: HEAD).  Free
 * with publish_lookup_free. */
struct publish_lookup *publish_lookup_new(struct archive *a, const char *rev,
					  const char *meeting_id,
					  struct render_opts *opts);
void publish_lookup_free(struct publish_lookup *l);

#endif
