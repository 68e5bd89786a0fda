/* open_actions: the actions earlier meetings left open (open_actions.h). */
#include "minutes/model/open_actions.h"

#include <stdlib.h>
#include <string.h>

struct tracked {
	struct open_action a;
	bool closed;            /* done or dropped */
};

static void clear_one(struct open_action *a)
{
	free(a->id);
	free(a->folder);
	free(a->item);
	free(a->text);
	free(a->owner);
	free(a->note);
	free(a->updated);
}

static int by_date(const void *x, const void *y)
{
	const struct open_actions_meeting *a = x, *b = y;
	int c = strcmp(a->m->date, b->m->date);
	return c ? c : strcmp(a->folder, b->folder);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static struct tracked *find(struct tracked *t, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].a.id, id))
			return &t[i];
	return NULL;
}

static void update(struct tracked *t, const struct action_update *u, const char *folder)
{
	t->closed = u->status != UPDATE_IN_PROGRESS;
	t->a.in_progress = u->status == UPDATE_IN_PROGRESS;
	free(t->a.note);
	t->a.note = dup_or_null(u->note);
	free(t->a.updated);
	t->a.updated = xstrdup(folder);
}

void open_actions_of(const struct open_actions_meeting *v, size_t nv,
		     struct open_action **out, size_t *n)
{
	struct open_actions_meeting *ms = malloc((nv ? nv : 1) * sizeof(*ms));
	if (!ms)
		abort();
	if (nv) {               /* memcpy and qsort never see NULL */
		memcpy(ms, v, nv * sizeof(*ms));
		qsort(ms, nv, sizeof(*ms), by_date);
	}
	struct tracked *t = NULL;
	size_t nt = 0, cap = 0;
	for (size_t i = 0; i < nv; i++) {
		const struct minutes *m = ms[i].m;
		/* Updates name actions of earlier meetings: applied before this
		 * meeting's own actions are added. */
		for (size_t j = 0; j < m->nitems; j++) {
			const struct minutes_item *it = m->items[j];
			for (size_t k = 0; k < it->nupdates; k++) {
				const struct action_update *u = &it->updates[k];
				struct tracked *x = u->action ? find(t, nt, u->action) : NULL;
				if (x)
					update(x, u, ms[i].folder);
			}
		}
		for (size_t j = 0; j < m->nitems; j++) {
			const struct minutes_item *it = m->items[j];
			for (size_t k = 0; k < it->nactions; k++) {
				const struct action *ac = &it->actions[k];
				if (!ac->id || !*ac->id || find(t, nt, ac->id))
					continue;
				xgrow((void **)&t, &cap, nt + 1, sizeof(*t));
				struct tracked *x = &t[nt++];
				memset(x, 0, sizeof(*x));
				x->a.id = xstrdup(ac->id);
				x->a.folder = xstrdup(ms[i].folder);
				x->a.item = xstrdup(it->number ? it->number : "");
				x->a.text = xstrdup(ac->text ? ac->text : "");
				x->a.owner = dup_or_null(ac->owner);
				memcpy(x->a.due, ac->due, sizeof(x->a.due));
				x->closed = ac->done[0] != 0;
			}
		}
	}
	free(ms);
	*out = NULL;
	*n = 0;
	size_t ocap = 0;
	for (size_t i = 0; i < nt; i++) {
		if (t[i].closed) {
			clear_one(&t[i].a);
			continue;
		}
		xgrow((void **)out, &ocap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = t[i].a;
	}
	free(t);
}

void open_actions_free(struct open_action *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		clear_one(&v[i]);
	free(v);
}
