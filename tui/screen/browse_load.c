/* browse_load: the home screen's committees and meetings, read only when
 * shown (folders are listed, a meeting's minutes loaded when selected). */
#include "tui/screen/browse_internal.h"

#include "minutes/format/slug.h"

#include <stdlib.h>
#include <string.h>

void browse_meetings_clear(struct browse *b)
{
	for (size_t i = 0; i < b->nm; i++) {
		free(b->ms[i].id);
		minutes_free(b->ms[i].m);
		agenda_free(b->ms[i].ag);
		free(b->ms[i].error);
	}
	b->nm = 0;
	b->msel = b->mtop = 0;
}

void browse_committees_clear(struct browse *b)
{
	for (size_t i = 0; i < b->nc; i++) {
		free(b->cs[i].slug);
		free(b->cs[i].name);
	}
	b->nc = 0;
}

void browse_committees_load(struct browse *b)
{
	struct archive_entry *v = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	browse_committees_clear(b);
	if (archive_list(b->a, NULL, "", &v, &n, &d) < 0 && d.n) {
		char *m = diag_format(&d.v[0]);
		browse_say(b, true, "%s", m);
		free(m);
	}
	for (size_t i = 0; i < n; i++) {
		if (!v[i].is_dir || !slug_valid(v[i].name, strlen(v[i].name)))
			continue;
		xgrow((void **)&b->cs, &b->ccap, b->nc + 1, sizeof(*b->cs));
		struct browse_committee *c = &b->cs[b->nc++];
		c->slug = xstrdup(v[i].name);
		struct committee *com = NULL;
		struct diags quiet;
		diags_init(&quiet);
		if (meeting_committee_by_slug(b->a, c->slug, &com, &quiet) == 0 && com && com->name)
			c->name = xstrdup(com->name);
		else
			c->name = xstrdup(c->slug);
		committee_free(com);
		diags_free(&quiet);
	}
	archive_entries_free(v, n);
	diags_free(&d);
	if (b->csel >= b->nc)
		b->csel = b->nc ? b->nc - 1 : 0;
}

static bool in_range(struct browse *b, const char *folder)
{
	if (*b->since && strncmp(folder, b->since, 10) < 0)
		return false;
	if (*b->until && strncmp(folder, b->until, 10) > 0)
		return false;
	return true;
}

static int folder_newest_first(const void *x, const void *y)
{
	const struct browse_meeting *a = x, *b = y;
	const char *fa = strchr(a->id, '/') + 1, *fb = strchr(b->id, '/') + 1;
	int c = strncmp(fb, fa, 10);
	if (c)
		return c;
	size_t la = strlen(fa), lb = strlen(fb);
	if (la != lb)
		return la < lb ? 1 : -1;
	return strcmp(fb, fa);
}

void browse_meetings_load(struct browse *b)
{
	browse_meetings_clear(b);
	if (b->csel >= b->nc)
		return;
	const char *slug = b->cs[b->csel].slug;
	struct archive_entry *v = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	if (archive_list(b->a, NULL, slug, &v, &n, &d) == 0) {
		for (size_t i = 0; i < n; i++) {
			if (!v[i].is_dir || !slug_meeting_folder_valid(v[i].name, strlen(v[i].name)) ||
			    !in_range(b, v[i].name))
				continue;
			xgrow((void **)&b->ms, &b->mcap, b->nm + 1, sizeof(*b->ms));
			struct browse_meeting *r = &b->ms[b->nm++];
			memset(r, 0, sizeof(*r));
			struct buf id = BUF_INIT;
			buf_addf(&id, "%s/%s", slug, v[i].name);
			r->id = buf_detach(&id, NULL);
		}
	}
	archive_entries_free(v, n);
	diags_free(&d);
	if (b->nm)
		qsort(b->ms, b->nm, sizeof(*b->ms), folder_newest_first);
}

struct browse_meeting *browse_meeting_sel(struct browse *b)
{
	if (b->msel >= b->nm)
		return NULL;
	struct browse_meeting *r = &b->ms[b->msel];
	if (!r->loaded) {
		struct diags d;
		diags_init(&d);
		r->loaded = true;
		if (meeting_load(b->a, r->id, NULL, &r->m, &r->ag, &d) != 0)
			r->error = d.n ? diag_format(&d.v[0]) : xstrdup("the minutes do not load");
		/* A committee with no committee.yaml is named by its minutes. */
		struct browse_committee *c = b->csel < b->nc ? &b->cs[b->csel] : NULL;
		if (c && r->m && r->m->committee && !strcmp(c->name, c->slug))
			record_text_set(&c->name, r->m->committee);
		diags_free(&d);
	}
	return r;
}

void browse_select_meeting(struct browse *b, const char *id)
{
	const char *slash = strchr(id, '/');
	for (size_t i = 0; i < b->nc; i++)
		if (strlen(b->cs[i].slug) == (size_t)(slash - id) &&
		    !strncmp(b->cs[i].slug, id, (size_t)(slash - id)))
			b->csel = i;
	browse_meetings_load(b);
	for (size_t i = 0; i < b->nm; i++)
		if (!strcmp(b->ms[i].id, id))
			b->msel = i;
	b->level = L_MEETINGS;
	b->pane_stale = true;
}
