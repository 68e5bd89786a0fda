/* browse_search: searching from the home screen, the hits listed and
 * opened, and the same topic followed through time. */
#include "tui/screen/browse_internal.h"

#include "minutes/search/query.h"
#include "minutes/search/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void browse_hits_clear(struct browse *b)
{
	for (size_t i = 0; i < b->nhits; i++) {
		free(b->hits[i].meeting);
		free(b->hits[i].item);
		free(b->hits[i].what);
		free(b->hits[i].snippet);
	}
	b->nhits = b->hsel = b->htop = b->hits_total = 0;
}

static int hit_keep(const struct search_hit *h, void *ctx)
{
	struct browse *b = ctx;
	if (b->nhits >= BROWSE_HITS_MAX)
		return 0;
	xgrow((void **)&b->hits, &b->hits_cap, b->nhits + 1, sizeof(*b->hits));
	struct browse_hit *k = &b->hits[b->nhits++];
	k->meeting = xstrdup(h->meeting);
	k->item = h->item ? xstrdup(h->item) : NULL;
	struct buf w = BUF_INIT;
	buf_addstr(&w, h->kind);
	if (h->index)
		buf_addf(&w, " %u", h->index);
	k->what = buf_detach(&w, NULL);
	struct buf sn = BUF_INIT;
	if (h->by && *h->by)
		buf_addf(&sn, "%s: ", h->by);
	buf_addstr(&sn, h->snippet ? h->snippet : "");
	k->snippet = buf_detach(&sn, NULL);
	return 0;
}

void browse_index_progress(size_t done, size_t total, void *ctx)
{
	char m[96];
	snprintf(m, sizeof(m), "indexing %zu of %zu meetings (once, then searches are instant)",
		 done, total);
	move(LINES - 2, 0);
	clrtoeol();
	ui_text_cut(LINES - 2, 1, COLS - 2, m, strlen(m), ui_attr(THEME_SAVED));
	refresh();
	(void)ctx;
}

static int hits_oldest_first(const void *x, const void *y)
{
	const struct browse_hit *a = x, *b = y;
	const char *fa = strchr(a->meeting, '/') + 1, *fb = strchr(b->meeting, '/') + 1;
	int c = strcmp(fa, fb);
	return c ? c : strcmp(a->meeting, b->meeting);
}

void browse_search(struct browse *b, const char *text, bool oldest, const char *title)
{
	struct query q;
	struct diags d;
	diags_init(&d);
	if (query_parse(text, strlen(text), &q, &d) != 0) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("that is not a query");
		browse_say(b, true, "%s", m);
		free(m);
		diags_free(&d);
		return;
	}
	struct search *s = NULL;
	browse_hits_clear(b);
	if (search_open(&s, b->a, browse_index_progress, b, NULL, &d) == 0) {
		size_t count = 0;
		if (search_run(s, &q, hit_keep, b, &count, &d) == 0)
			b->hits_total = count;
		search_close(s);
	}
	query_free(&q);
	if (d.n) {
		char *m = diag_format(&d.v[0]);
		browse_say(b, true, "%s", m);
		free(m);
	} else if (!b->nhits) {
		browse_say(b, true, "nothing matched %s", text);
	} else {
		if (oldest)
			qsort(b->hits, b->nhits, sizeof(*b->hits), hits_oldest_first);
		if (b->level != L_HITS)
			b->hits_from = b->level;
		b->level = L_HITS;
		b->pane_focus = false;
		snprintf(b->hits_title, sizeof(b->hits_title), "%s", title);
		browse_say(b, false, "%zu hit%s%s; Enter opens one, n and N step through them",
			   b->hits_total, b->hits_total == 1 ? "" : "s",
			   b->nhits < b->hits_total ? " (the first shown)" : "");
		b->pane_stale = true;
	}
	diags_free(&d);
}

/* "The same topic elsewhere": the items of every meeting whose title is
 * this item's, oldest first. */
void browse_same_topic(struct browse *b)
{
	struct browse_meeting *r = b->level == L_ITEMS ? browse_meeting_sel(b) : NULL;
	if (!r || !r->m || b->isel >= r->m->nitems) {
		browse_say(b, true, "select an item first: its title is the topic followed");
		return;
	}
	const char *t = r->m->items[b->isel]->title;
	struct buf q = BUF_INIT, title = BUF_INIT;
	buf_addstr(&q, "title:\"");
	for (const char *p = t ? t : ""; *p; p++)
		if (*p != '"')
			buf_addch(&q, *p);
	buf_addch(&q, '"');
	buf_addf(&title, "The same topic: %s", t ? t : "");
	browse_search(b, q.data, true, title.data);
	buf_free(&q);
	buf_free(&title);
}

/* Opens the selected hit: its meeting's items, the reading pane at its
 * item.  n and N then step through the hits. */
void browse_hit_open(struct browse *b)
{
	if (b->hsel >= b->nhits)
		return;
	const struct browse_hit *h = &b->hits[b->hsel];
	browse_select_meeting(b, h->meeting);
	struct browse_meeting *r = browse_meeting_sel(b);
	b->isel = 0;
	if (r && r->m && r->m->nitems) {
		b->level = L_ITEMS;
		if (h->item)
			for (size_t i = 0; i < r->m->nitems; i++)
				if (!strcmp(r->m->items[i]->number, h->item))
					b->isel = i;
	}
	b->pane_focus = true;
	b->pane_stale = true;
	browse_say(b, false, "hit %zu of %zu: %s%s%s  (n next, N previous)", b->hsel + 1,
		   b->nhits, h->meeting, h->item ? " item " : "", h->item ? h->item : "");
}

void browse_hit_step(struct browse *b, int step)
{
	if (!b->nhits) {
		browse_say(b, true, "no search yet: / searches every meeting");
		return;
	}
	/* In the list of hits, n and N open the selected one. */
	if (b->level != L_HITS && step > 0 && b->hsel + 1 < b->nhits)
		b->hsel++;
	else if (b->level != L_HITS && step < 0 && b->hsel > 0)
		b->hsel--;
	browse_hit_open(b);
}

/* Draws a hit across the screen, its matched words highlighted. */
void browse_hit_row(struct browse *b, size_t i, int y, attr_t a)
{
	const struct browse_hit *h = &b->hits[i];
	struct buf head = BUF_INIT;
	const char *slash = strchr(h->meeting, '/');
	buf_addf(&head, "%s  %.*s", slash + 1, (int)(slash - h->meeting), h->meeting);
	if (h->item)
		buf_addf(&head, "  item %s", h->item);
	buf_addf(&head, "  %s  ", h->what);
	ui_line(y, 0, COLS, "", a);
	int x = 1 + ui_text(y, 1, COLS - 2, head.data, head.len, a ? a : ui_attr(THEME_DIM));
	bool on = false;
	for (const char *p = h->snippet; *p && x < COLS - 1;) {
		size_t n = strcspn(p, "\001\002");
		if (n)
			x += ui_text(y, x, COLS - 1 - x, p, n, on ? (a | ui_attr(THEME_MATCH)) : a);
		p += n;
		if (*p == SEARCH_MARK_ON)
			on = true;
		else if (*p == SEARCH_MARK_OFF)
			on = false;
		if (*p)
			p++;
	}
	buf_free(&head);
}
