/* cli_publish: an earlier meeting's action, by its id, for the outputs. */
#include "tui/cli/cli_publish.h"
#include "minutes/format/slug.h"
#include "minutes/git/meeting.h"

#include <stdlib.h>
#include <string.h>

struct loaded {
	char *id;               /* the meeting's id */
	struct minutes *m;      /* NULL when it does not load */
	struct agenda *ag;
};

struct publish_lookup {
	struct archive *a;
	char *rev;
	char *committee;        /* the slug */
	bool include_exempt;
	struct loaded *v;
	size_t n, cap;
};

static const struct loaded *meeting(struct publish_lookup *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].id, id))
			return &l->v[i];
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	struct loaded *e = &l->v[l->n++];
	e->id = xstrdup(id);
	e->m = NULL;
	e->ag = NULL;
	struct diags quiet;
	diags_init(&quiet);
	if (slug_meeting_id_valid(id) &&
	    meeting_load(l->a, id, l->rev, &e->m, &e->ag, &quiet) != 0) {
		minutes_free(e->m);
		agenda_free(e->ag);
		e->m = NULL;
		e->ag = NULL;
	}
	diags_free(&quiet);
	return e;
}

static const char *action_text(void *ctx, const char *action)
{
	struct publish_lookup *l = ctx;
	const char *slash = action ? strrchr(action, '/') : NULL;
	if (!slash)
		return NULL;
	struct buf id = BUF_INIT;
	buf_addf(&id, "%s/", l->committee);
	buf_add(&id, action, (size_t)(slash - action));
	const struct loaded *e = meeting(l, id.data);
	buf_free(&id);
	for (size_t i = 0; e->m && i < e->m->nitems; i++) {
		const struct minutes_item *it = e->m->items[i];
		for (size_t k = 0; k < it->nactions; k++) {
			if (!it->actions[k].id || strcmp(it->actions[k].id, action))
				continue;
			if (render_exempt(e->ag, it) && !l->include_exempt)
				return NULL;
			return it->actions[k].text;
		}
	}
	return NULL;
}

struct publish_lookup *publish_lookup_new(struct archive *a, const char *rev,
					  const char *meeting_id,
					  struct render_opts *opts)
{
	struct publish_lookup *l = xcalloc(1, sizeof(*l));
	l->a = a;
	l->rev = rev ? xstrdup(rev) : NULL;
	const char *slash = strchr(meeting_id, '/');
	l->committee = slash ? xstrndup(meeting_id, (size_t)(slash - meeting_id))
			     : xstrdup(meeting_id);
	l->include_exempt = opts->include_exempt;
	opts->action_text = action_text;
	opts->ctx = l;
	return l;
}

void publish_lookup_free(struct publish_lookup *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].id);
		minutes_free(l->v[i].m);
		agenda_free(l->v[i].ag);
	}
	free(l->v);
	free(l->committee);
	free(l->rev);
	free(l);
}
