/* browse: the home screen, committees, meetings, items and a reading pane. */
#include "tui/screen/browse.h"

#include "tui/edit/field.h"
#include "tui/screen/field_draw.h"
#include "tui/screen/history.h"
#include "minutes/git/meeting.h"
#include "minutes/search/query.h"
#include "minutes/search/search.h"
#include "tui/render/render.h"
#include "minutes/format/slug.h"
#include "tui/screen/ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CTRL(c) ((c) & 0x1f)

enum level { L_COMMITTEES, L_MEETINGS, L_ITEMS, L_HITS };

struct crow {                   /* a committee */
	char *slug;
	char *name;
};

struct mrow {                   /* a meeting of the committee in hand */
	char *id;
	bool loaded;
	struct minutes *m;
	struct agenda *ag;
	char *error;            /* why its minutes do not load */
};

enum prompt { P_NONE, P_NEW_COMMITTEE, P_NEW_DATE, P_FILTER, P_SEARCH };

struct hit {                    /* a search hit, kept */
	char *meeting;
	char *item;
	char *what;             /* "comment 3", "decision" */
	char *snippet;          /* matched words between SEARCH_MARK_ON/OFF */
};

#define HITS_MAX 5000

struct browse {
	struct archive *a;
	enum level level;
	struct crow *cs;
	size_t nc, ccap, csel, ctop;
	struct mrow *ms;
	size_t nm, mcap, msel, mtop;
	size_t isel, itop;

	struct buf pane;                /* the reading pane's text */
	struct ui_span *lines;
	size_t nlines, lines_cap, ptop;
	bool pane_focus;
	bool pane_stale;

	char since[11], until[11];
	enum prompt prompt;
	struct field *field;
	char *new_committee;
	bool help;
	size_t help_top;
	char msg[512];
	bool msg_error;
	bool quit;
	volatile sig_atomic_t *stop;

	struct hit *hits;               /* the last search's hits */
	size_t nhits, hits_cap, hsel, htop, hits_total;
	enum level hits_from;           /* where Esc goes back to */
	char hits_title[300];
};

static void say(struct browse *b, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct browse *b, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->msg, sizeof(b->msg), fmt, ap);
	va_end(ap);
	b->msg_error = error;
}

/* ---- loading, only what is shown ---- */

static void meetings_clear(struct browse *b)
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

static void committees_clear(struct browse *b)
{
	for (size_t i = 0; i < b->nc; i++) {
		free(b->cs[i].slug);
		free(b->cs[i].name);
	}
	b->nc = 0;
}

static void committees_load(struct browse *b)
{
	struct archive_entry *v = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	committees_clear(b);
	if (archive_list(b->a, NULL, "", &v, &n, &d) < 0 && d.n) {
		char *m = diag_format(&d.v[0]);
		say(b, true, "%s", m);
		free(m);
	}
	for (size_t i = 0; i < n; i++) {
		if (!v[i].is_dir || !slug_valid(v[i].name, strlen(v[i].name)))
			continue;
		xgrow((void **)&b->cs, &b->ccap, b->nc + 1, sizeof(*b->cs));
		struct crow *c = &b->cs[b->nc++];
		c->slug = xstrdup(v[i].name);
		struct committee *com = NULL;
		struct diags quiet;
		diags_init(&quiet);
		if (committee_load(b->a, c->slug, &com, &quiet) == 0 && com && com->name)
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
	const struct mrow *a = x, *b = y;
	const char *fa = strchr(a->id, '/') + 1, *fb = strchr(b->id, '/') + 1;
	int c = strncmp(fb, fa, 10);
	if (c)
		return c;
	size_t la = strlen(fa), lb = strlen(fb);
	if (la != lb)
		return la < lb ? 1 : -1;
	return strcmp(fb, fa);
}

static void meetings_load(struct browse *b)
{
	meetings_clear(b);
	if (b->csel >= b->nc)
		return;
	const char *slug = b->cs[b->csel].slug;
	struct archive_entry *v = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	if (archive_list(b->a, NULL, slug, &v, &n, &d) == 0) {
		for (size_t i = 0; i < n; i++) {
			if (!v[i].is_dir || !meeting_folder_valid(v[i].name, strlen(v[i].name)) ||
			    !in_range(b, v[i].name))
				continue;
			xgrow((void **)&b->ms, &b->mcap, b->nm + 1, sizeof(*b->ms));
			struct mrow *r = &b->ms[b->nm++];
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

static struct mrow *meeting_sel(struct browse *b)
{
	if (b->msel >= b->nm)
		return NULL;
	struct mrow *r = &b->ms[b->msel];
	if (!r->loaded) {
		struct diags d;
		diags_init(&d);
		r->loaded = true;
		if (meeting_load(b->a, r->id, NULL, &r->m, &r->ag, &d) != 0)
			r->error = d.n ? diag_format(&d.v[0]) : xstrdup("the minutes do not load");
		/* A committee with no committee.yaml is named by its minutes. */
		struct crow *c = b->csel < b->nc ? &b->cs[b->csel] : NULL;
		if (c && r->m && r->m->committee && !strcmp(c->name, c->slug))
			text_set(&c->name, r->m->committee);
		diags_free(&d);
	}
	return r;
}

/* ---- the reading pane ---- */

static int pane_x(void)
{
	int w = COLS * 2 / 5;
	return w > 48 ? 48 : w < 28 ? 28 : w;
}

static void pane_set(struct browse *b)
{
	buf_reset(&b->pane);
	if (b->level == L_HITS) {
		b->nlines = 0;
		b->pane_stale = false;
		return;
	}
	int width = COLS - pane_x() - 3;
	if (width < 20)
		width = 20;
	if (b->level == L_COMMITTEES) {
		if (b->csel < b->nc) {
			struct committee *com = NULL;
			struct diags d;
			diags_init(&d);
			committee_load(b->a, b->cs[b->csel].slug, &com, &d);
			buf_addf(&b->pane, "%s\n\n", b->cs[b->csel].name);
			if (com && com->members.n) {
				buf_addstr(&b->pane, "Members:\n");
				for (size_t i = 0; i < com->members.n; i++)
					buf_addf(&b->pane, "  %s%s%s\n", com->members.v[i].name,
						 com->members.v[i].role ? ", " : "",
						 com->members.v[i].role ? com->members.v[i].role : "");
			}
			if (d.n) {
				char *m = diag_format(&d.v[0]);
				buf_addf(&b->pane, "\nIts committee.yaml does not load:\n%s\n", m);
				free(m);
			}
			buf_addstr(&b->pane, "\nEnter lists its meetings, newest first.\n");
			committee_free(com);
			diags_free(&d);
		} else {
			buf_addstr(&b->pane, "This repository holds no meetings yet.\n\n"
				   "n starts one: the committee's name and the date.\n");
		}
	} else {
		struct mrow *r = meeting_sel(b);
		if (!r)
			buf_addstr(&b->pane, "No meetings in this range.\n");
		else if (r->error)
			buf_addf(&b->pane, "%s\n\nThis meeting's minutes do not load:\n%s\n",
				 r->id, r->error);
		else
			render_text(r->m, r->ag, NULL, (unsigned)width, &b->pane);
	}
	size_t n = ui_wrap(b->pane.data, b->pane.len, width, NULL, 0);
	xgrow((void **)&b->lines, &b->lines_cap, n, sizeof(*b->lines));
	b->nlines = ui_wrap(b->pane.data, b->pane.len, width, b->lines, n);
	b->ptop = 0;
	b->pane_stale = false;
	/* An item: the pane opens at its heading. */
	struct mrow *r = b->level == L_ITEMS ? meeting_sel(b) : NULL;
	if (r && r->m && b->isel < r->m->nitems) {
		const struct minutes_item *it = r->m->items[b->isel];
		size_t nl = strlen(it->number);
		for (size_t i = 0; i < b->nlines; i++) {
			const char *l = b->pane.data + b->lines[i].start;
			size_t len = b->lines[i].end - b->lines[i].start;
			if (len > nl && !strncmp(l, it->number, nl) &&
			    (l[nl] == ' ' || l[nl] == '.') && strstr(l, it->title ? it->title : "")) {
				b->ptop = i;
				break;
			}
		}
	}
}

static void select_meeting(struct browse *b, const char *id);

/* ---- searching ---- */

static void hits_clear(struct browse *b)
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
	if (b->nhits >= HITS_MAX)
		return 0;
	xgrow((void **)&b->hits, &b->hits_cap, b->nhits + 1, sizeof(*b->hits));
	struct hit *k = &b->hits[b->nhits++];
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

static void progress(size_t done, size_t total, void *ctx)
{
	struct browse *b = ctx;
	char m[96];
	snprintf(m, sizeof(m), "indexing %zu of %zu meetings (once, then searches are instant)",
		 done, total);
	move(LINES - 2, 0);
	clrtoeol();
	ui_text(LINES - 2, 1, COLS - 2, m, strlen(m), ui_attr(THEME_SAVED));
	refresh();
	(void)b;
}

static int hits_oldest_first(const void *x, const void *y)
{
	const struct hit *a = x, *b = y;
	const char *fa = strchr(a->meeting, '/') + 1, *fb = strchr(b->meeting, '/') + 1;
	int c = strcmp(fa, fb);
	return c ? c : strcmp(a->meeting, b->meeting);
}

/* Runs `text` as a search query and shows the hits (oldest first when
 * `oldest`, as a topic is followed through time). */
static void search(struct browse *b, const char *text, bool oldest, const char *title)
{
	struct query q;
	struct diags d;
	diags_init(&d);
	if (query_parse(text, strlen(text), &q, &d) != 0) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("that is not a query");
		say(b, true, "%s", m);
		free(m);
		diags_free(&d);
		return;
	}
	struct search *s = NULL;
	hits_clear(b);
	if (search_open(&s, b->a, progress, b, NULL, &d) == 0) {
		size_t count = 0;
		if (search_run(s, &q, hit_keep, b, &count, &d) == 0)
			b->hits_total = count;
		search_close(s);
	}
	query_free(&q);
	if (d.n) {
		char *m = diag_format(&d.v[0]);
		say(b, true, "%s", m);
		free(m);
	} else if (!b->nhits) {
		say(b, true, "nothing matched %s", text);
	} else {
		if (oldest)
			qsort(b->hits, b->nhits, sizeof(*b->hits), hits_oldest_first);
		if (b->level != L_HITS)
			b->hits_from = b->level;
		b->level = L_HITS;
		b->pane_focus = false;
		snprintf(b->hits_title, sizeof(b->hits_title), "%s", title);
		say(b, false, "%zu hit%s%s; Enter opens one, n and N step through them",
		    b->hits_total, b->hits_total == 1 ? "" : "s",
		    b->nhits < b->hits_total ? " (the first shown)" : "");
		b->pane_stale = true;
	}
	diags_free(&d);
}

/* "The same topic elsewhere": the items of every meeting whose title is
 * this item's, oldest first. */
static void same_topic(struct browse *b)
{
	struct mrow *r = b->level == L_ITEMS ? meeting_sel(b) : NULL;
	if (!r || !r->m || b->isel >= r->m->nitems) {
		say(b, true, "select an item first: its title is the topic followed");
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
	search(b, q.data, true, title.data);
	buf_free(&q);
	buf_free(&title);
}

/* Opens the selected hit: its meeting's items, the reading pane at its
 * item.  n and N then step through the hits. */
static void hit_open(struct browse *b)
{
	if (b->hsel >= b->nhits)
		return;
	const struct hit *h = &b->hits[b->hsel];
	select_meeting(b, h->meeting);
	struct mrow *r = meeting_sel(b);
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
	say(b, false, "hit %zu of %zu: %s%s%s  (n next, N previous)", b->hsel + 1, b->nhits,
	    h->meeting, h->item ? " item " : "", h->item ? h->item : "");
}

/* Draws a hit across the screen, its matched words highlighted. */
static void hit_row(struct browse *b, size_t i, int y, attr_t a)
{
	const struct hit *h = &b->hits[i];
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

/* ---- drawing ---- *//* ---- drawing ---- */

static const char *const keys_list[] = {
	"Enter", "open", "Left", "back", "Tab", "read", "r", "take minutes",
	"/", "search", "t", "same topic", "h", "history", "+", "new", "?", "help",
	"q", "quit", NULL };
static const char *const keys_pane[] = {
	"Up/Down", "scroll", "PgUp/PgDn", "page", "Tab", "back to the list",
	"?", "help", "q", "quit", NULL };
static const char *const keys_prompt[] = { "Enter", "accept", "Esc", "cancel", NULL };
static const char *const keys_help[] = { "any key", "back", NULL };

static const char *const help_lines[] = {
	"gavel: the home screen",
	"",
	"  Up/Down, j/k, PgUp/PgDn, Home/End   move in the list",
	"  Enter, Right                        open: a committee's meetings, a",
	"                                      meeting's items, an item's text",
	"  Left, Backspace, Esc                back up a level",
	"  Tab                                 move into the reading pane and back",
	"  r                                   take the minutes of the meeting",
	"                                      (gavel run)",
	"  h                                   the meeting's history: revisions,",
	"                                      the changes between two, blame",
	"  /                                   search every meeting: words, \"a",
	"                                      phrase\", committee:SLUG, title:,",
	"                                      decision:, by:NAME, since:DATE,",
	"                                      until:DATE (as gavel search)",
	"  Enter on a hit                      opens its item; n and N then step",
	"                                      through the hits",
	"  t                                   the same topic elsewhere: every",
	"                                      item with this item's title, oldest",
	"                                      first",
	"  n, N                                the next, the previous hit",
	"  +                                   start a new meeting",
	"  f                                   show only meetings between two dates",
	"  q                                   leave gavel",
	"",
	"A meeting whose file does not load shows its error in the reading pane;",
	"everything else still works.",
};

static void row_text(struct browse *b, size_t i, struct buf *out, const char **right)
{
	*right = "";
	if (b->level == L_COMMITTEES) {
		buf_addstr(out, b->cs[i].name);
		return;
	}
	if (b->level == L_HITS) {
		const struct hit *h = &b->hits[i];
		const char *slash = strchr(h->meeting, '/');
		buf_addf(out, "%s %.*s", slash + 1, (int)(slash - h->meeting), h->meeting);
		if (h->item)
			buf_addf(out, "  item %s", h->item);
		buf_addf(out, "  %s", h->what);
		return;
	}
	if (b->level == L_MEETINGS) {
		const char *folder = strchr(b->ms[i].id, '/') + 1;
		buf_addstr(out, folder);
		struct mrow *r = &b->ms[i];
		if (r->loaded)
			*right = r->error ? "error" : r->m->status == MINUTES_CONFIRMED
				? "confirmed" : "draft";
		return;
	}
	struct mrow *r = meeting_sel(b);
	const struct minutes_item *it = r->m->items[i];
	buf_addf(out, "%-4s %s", it->number, it->title ? it->title : "");
	*right = it->status == ITEM_WITHDRAWN ? "withdrawn"
		: it->status == ITEM_DEFERRED ? "deferred"
		: it->decision && *it->decision ? "decided" : "";
}

static size_t rows(struct browse *b)
{
	if (b->level == L_COMMITTEES)
		return b->nc;
	if (b->level == L_MEETINGS)
		return b->nm;
	if (b->level == L_HITS)
		return b->nhits;
	struct mrow *r = meeting_sel(b);
	return r && r->m ? r->m->nitems : 0;
}

static size_t *sel_of(struct browse *b, size_t **top)
{
	switch (b->level) {
	case L_COMMITTEES: *top = &b->ctop; return &b->csel;
	case L_MEETINGS: *top = &b->mtop; return &b->msel;
	case L_HITS: *top = &b->htop; return &b->hsel;
	default: *top = &b->itop; return &b->isel;
	}
}

static void draw(struct browse *b)
{
	if (ui_too_small()) {
		curs_set(0);
		refresh();
		return;
	}
	if (b->help) {
		ui_page("gavel: keys of the home screen", help_lines,
			sizeof(help_lines) / sizeof(help_lines[0]), b->help_top, keys_help);
		curs_set(0);
		refresh();
		return;
	}
	if (b->pane_stale)
		pane_set(b);
	erase();
	char right[64];
	snprintf(right, sizeof(right), "%zu committee%s", b->nc, b->nc == 1 ? "" : "s");
	struct buf left = BUF_INIT;
	buf_addf(&left, "gavel  %s", archive_path(b->a));
	ui_bar(0, left.data, right, ui_attr(THEME_HEADER));
	buf_reset(&left);
	if (b->level == L_HITS)
		buf_addstr(&left, b->hits_title);
	else
		buf_addstr(&left, "Committees");
	if (b->level == L_HITS)
		;
	else if (b->level >= L_MEETINGS && b->csel < b->nc)
		buf_addf(&left, " > %s", b->cs[b->csel].name);
	if (b->level == L_ITEMS && b->msel < b->nm)
		buf_addf(&left, " > %s", strchr(b->ms[b->msel].id, '/') + 1);
	if (*b->since || *b->until)
		snprintf(right, sizeof(right), "dates %s..%s", b->since, b->until);
	else
		right[0] = 0;
	ui_bar(1, left.data, right, ui_attr(THEME_TITLE));
	buf_free(&left);

	int top = 2, bottom = LINES - 2, pw = pane_x();
	size_t n = rows(b), *top_i, *sel = sel_of(b, &top_i);
	int h = bottom - top;
	if (*sel >= n && n)
		*sel = n - 1;
	if (*sel < *top_i)
		*top_i = *sel;
	if (*sel >= *top_i + (size_t)h)
		*top_i = *sel - (size_t)h + 1;
	if (b->level == L_HITS) {
		/* Hits across the whole width: meeting, item, field, snippet. */
		for (int y = top; y < bottom; y++) {
			size_t i = *top_i + (size_t)(y - top);
			if (i < n)
				hit_row(b, i, y, i == *sel ? ui_attr(THEME_SELECTED) : A_NORMAL);
		}
		goto footer;
	}
	for (int y = top; y < bottom; y++) {
		size_t i = *top_i + (size_t)(y - top);
		if (i >= n)
			break;
		struct buf t = BUF_INIT;
		const char *r;
		row_text(b, i, &t, &r);
		attr_t a = i == *sel ? (b->pane_focus ? ui_attr(THEME_FIELD)
					: ui_attr(THEME_SELECTED)) : A_NORMAL;
		int rw = (int)strlen(r);
		move(y, 0);
		attrset(a);
		for (int x = 0; x < pw; x++)
			addch(' ');
		ui_text(y, 1, pw - rw - 3, t.data, t.len, a);
		if (rw)
			ui_text(y, pw - rw - 1, rw, r, (size_t)rw,
				a ? a : !strcmp(r, "error") ? ui_attr(THEME_ERROR) : ui_attr(THEME_DIM));
		buf_free(&t);
	}
	for (int y = top; y < bottom; y++)
		mvaddch(y, pw, ACS_VLINE);
	if (b->ptop + (size_t)h > b->nlines)
		b->ptop = b->nlines > (size_t)h ? b->nlines - (size_t)h : 0;
	for (int y = top; y < bottom; y++) {
		size_t i = b->ptop + (size_t)(y - top);
		if (i >= b->nlines)
			break;
		ui_text(y, pw + 2, COLS - pw - 3, b->pane.data + b->lines[i].start,
			b->lines[i].end - b->lines[i].start, A_NORMAL);
	}
footer:
	move(LINES - 2, 0);
	clrtoeol();
	if (b->msg[0])
		ui_text(LINES - 2, 1, COLS - 2, b->msg, strlen(b->msg),
			b->msg_error ? ui_attr(THEME_ERROR) : ui_attr(THEME_SAVED));
	curs_set(0);
	ui_keys(LINES - 1, b->prompt != P_NONE ? keys_prompt
		: b->pane_focus ? keys_pane : keys_list);
	if (b->prompt != P_NONE) {
		const char *q = b->prompt == P_NEW_COMMITTEE ? "Committee: "
			: b->prompt == P_NEW_DATE ? "Date (YYYY-MM-DD): "
			: b->prompt == P_SEARCH ? "Search: "
			: "Dates (FROM..TO, either may be empty): ";
		int qw = (int)strlen(q);
		move(LINES - 2, 0);
		clrtoeol();
		ui_text(LINES - 2, 1, qw, q, (size_t)qw, ui_attr(THEME_LABEL));
		curs_set(1);
		field_draw(b->field, stdscr, LINES - 2, qw + 1, 1, COLS - qw - 2,
			   ui_attr(THEME_FIELD_ACTIVE), 0, true);
	}
	refresh();
}

/* ---- acting ---- */

static void prompt_open(struct browse *b, enum prompt p, const char *text)
{
	field_delete(b->field);
	b->field = field_new(0);
	field_set_text(b->field, text, strlen(text));
	b->prompt = p;
}

static void select_meeting(struct browse *b, const char *id)
{
	const char *slash = strchr(id, '/');
	for (size_t i = 0; i < b->nc; i++)
		if (strlen(b->cs[i].slug) == (size_t)(slash - id) &&
		    !strncmp(b->cs[i].slug, id, (size_t)(slash - id)))
			b->csel = i;
	meetings_load(b);
	for (size_t i = 0; i < b->nm; i++)
		if (!strcmp(b->ms[i].id, id))
			b->msel = i;
	b->level = L_MEETINGS;
	b->pane_stale = true;
}

static void prompt_done(struct browse *b)
{
	const char *v = field_text(b->field, NULL);
	enum prompt p = b->prompt;
	b->prompt = P_NONE;
	if (p == P_NEW_COMMITTEE) {
		if (!*v)
			return;
		free(b->new_committee);
		b->new_committee = xstrdup(v);
		char today[11];
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		prompt_open(b, P_NEW_DATE, today);
		return;
	}
	if (p == P_NEW_DATE) {
		struct meeting_spec spec = { b->new_committee, v, NULL, NULL, NULL };
		struct diags d;
		diags_init(&d);
		char *id = NULL;
		if (meeting_create(b->a, &spec, &id, &d) != 0) {
			char *m = d.n ? diag_format(&d.v[0]) : xstrdup("the meeting was not created");
			say(b, true, "%s", m);
			free(m);
		} else {
			committees_load(b);
			select_meeting(b, id);
			say(b, false, "%s created; r takes its minutes", id);
		}
		free(id);
		diags_free(&d);
		return;
	}
	if (p == P_SEARCH) {
		if (*v) {
			struct buf t = BUF_INIT;
			buf_addf(&t, "Search: %s", v);
			search(b, v, false, t.data);
			buf_free(&t);
		}
		return;
	}
	if (p == P_FILTER) {
		char from[32] = "", to[32] = "";
		const char *dots = strstr(v, "..");
		if (dots) {
			snprintf(from, sizeof(from), "%.*s", (int)(dots - v), v);
			snprintf(to, sizeof(to), "%s", dots + 2);
		} else {
			snprintf(from, sizeof(from), "%s", v);
		}
		if ((*from && !date_valid(from, strlen(from))) ||
		    (*to && !date_valid(to, strlen(to)))) {
			say(b, true, "'%s' is not a date range; expected FROM..TO, such as "
			    "2018-01-01..2018-12-31", v);
			return;
		}
		snprintf(b->since, sizeof(b->since), "%s", from);
		snprintf(b->until, sizeof(b->until), "%s", to);
		if (b->level >= L_MEETINGS)
			meetings_load(b);
		b->level = b->level == L_ITEMS ? L_MEETINGS : b->level;
		b->pane_stale = true;
	}
}

static void open_sel(struct browse *b)
{
	if (b->level == L_HITS) {
		hit_open(b);
		return;
	}
	if (b->level == L_COMMITTEES && b->csel < b->nc) {
		meetings_load(b);
		b->level = L_MEETINGS;
	} else if (b->level == L_MEETINGS) {
		struct mrow *r = meeting_sel(b);
		if (r && r->m && r->m->nitems) {
			b->level = L_ITEMS;
			b->isel = b->itop = 0;
		} else if (r && r->error) {
			say(b, true, "this meeting's minutes do not load; see the reading pane");
		}
	} else if (b->level == L_ITEMS) {
		b->pane_focus = true;
		return;
	}
	b->pane_stale = true;
}

static void back(struct browse *b)
{
	if (b->pane_focus)
		b->pane_focus = false;
	else if (b->level == L_HITS)
		b->level = b->hits_from;
	else if (b->level == L_ITEMS)
		b->level = L_MEETINGS;
	else if (b->level == L_MEETINGS)
		b->level = L_COMMITTEES;
	b->pane_stale = true;
}

static void move_sel(struct browse *b, long delta)
{
	if (b->pane_focus) {
		long t = (long)b->ptop + delta;
		b->ptop = t < 0 ? 0 : (size_t)t;
		return;
	}
	size_t *top, *sel = sel_of(b, &top), n = rows(b);
	if (!n)
		return;
	long s = (long)*sel + delta;
	*sel = s < 0 ? 0 : (size_t)s >= n ? n - 1 : (size_t)s;
	b->pane_stale = true;
}

static void take(struct browse *b,
		 int (*take_minutes)(struct archive *, const char *, char *, size_t))
{
	struct mrow *r = b->level >= L_MEETINGS ? meeting_sel(b) : NULL;
	if (!r) {
		say(b, true, "select a meeting first (Enter on a committee lists them)");
		return;
	}
	char *id = xstrdup(r->id);
	b->msg[0] = 0;
	take_minutes(b->a, id, b->msg, sizeof(b->msg));
	b->msg_error = false;
	/* What the clerk recorded shows at once. */
	size_t c = b->csel;
	enum level l = b->level;
	committees_load(b);
	b->csel = c;
	select_meeting(b, id);
	b->level = l == L_ITEMS ? L_MEETINGS : l;
	free(id);
	clearok(stdscr, TRUE);
}

static void key(struct browse *b, int r, wint_t ch,
		int (*take_minutes)(struct archive *, const char *, char *, size_t))
{
	bool is_code = r == KEY_CODE_YES;
	if (b->help) {
		b->help = false;
		return;
	}
	if (b->prompt != P_NONE) {
		if (!is_code && ch == 27)
			b->prompt = P_NONE;
		else if (!is_code && (ch == '\r' || ch == '\n'))
			prompt_done(b);
		else
			field_handle_key(b->field, r, ch);
		return;
	}
	b->msg[0] = 0;
	long page = LINES > 8 ? LINES - 6 : 1;
	if (is_code) {
		switch (ch) {
		case KEY_UP: move_sel(b, -1); break;
		case KEY_DOWN: move_sel(b, 1); break;
		case KEY_PPAGE: move_sel(b, -page); break;
		case KEY_NPAGE: move_sel(b, page); break;
		case KEY_HOME: move_sel(b, -(long)1e9); break;
		case KEY_END: move_sel(b, (long)1e9); break;
		case KEY_RIGHT: case KEY_ENTER: open_sel(b); break;
		case KEY_LEFT: case KEY_BACKSPACE: back(b); break;
		case KEY_F(1): b->help = true; break;
		default: break;
		}
		return;
	}
	switch (ch) {
	case 'k': move_sel(b, -1); break;
	case 'j': move_sel(b, 1); break;
	case ' ': move_sel(b, page); break;
	case '\r': case '\n': case 'l': open_sel(b); break;
	case 27: case 127: case CTRL('H'): back(b); break;
	case '\t': b->pane_focus = !b->pane_focus; break;
	case '?': b->help = true; break;
	case 'q': case CTRL('X'): case CTRL('C'): b->quit = true; break;
	case 'r': take(b, take_minutes); break;
	case '/': prompt_open(b, P_SEARCH, ""); break;
	case 't': same_topic(b); break;
	case 'n': case 'N':
		if (!b->nhits) {
			say(b, true, "no search yet: / searches every meeting");
		} else {
			if (b->level != L_HITS && ch == 'n' && b->hsel + 1 < b->nhits)
				b->hsel++;
			else if (b->level != L_HITS && ch == 'N' && b->hsel > 0)
				b->hsel--;
			hit_open(b);
		}
		break;
	case '+':
		prompt_open(b, P_NEW_COMMITTEE, b->csel < b->nc ? b->cs[b->csel].name : "");
		break;
	case 'h': {
		struct mrow *m = b->level >= L_MEETINGS ? meeting_sel(b) : NULL;
		if (m)
			history_run(b->a, m->id, b->stop);
		else
			say(b, true, "select a meeting first (Enter on a committee lists them)");
		clearok(stdscr, TRUE);
		break;
	}
	case 'f': {
		char cur[32];
		snprintf(cur, sizeof(cur), "%s%s%s", b->since,
			 *b->since || *b->until ? ".." : "", b->until);
		prompt_open(b, P_FILTER, cur);
		break;
	}
	case CTRL('L'): clearok(stdscr, TRUE); break;
	default: break;
	}
}

int browse_run(struct archive *a, volatile sig_atomic_t *stop,
	       int (*take_minutes)(struct archive *a, const char *id, char *msg,
				   size_t msglen))
{
	struct browse b;
	memset(&b, 0, sizeof(b));
	b.a = a;
	b.stop = stop;
	buf_init(&b.pane);
	committees_load(&b);
	b.pane_stale = true;
	timeout(1000);
	draw(&b);
	int quick_errors = 0;
	while (!b.quit && !*stop) {
		wint_t ch = 0;
		time_t before = time(NULL);
		int r = field_read_key(stdscr, &ch);
		if (r == ERR) {
			/* A terminal that has gone answers at once, forever. */
			if (time(NULL) == before && ++quick_errors > 50)
				break;
			continue;
		}
		quick_errors = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			b.pane_stale = true;
		else
			key(&b, r, ch, take_minutes);
		draw(&b);
	}
	meetings_clear(&b);
	committees_clear(&b);
	hits_clear(&b);
	free(b.hits);
	free(b.ms);
	free(b.cs);
	free(b.lines);
	buf_free(&b.pane);
	field_delete(b.field);
	free(b.new_committee);
	return 0;
}
