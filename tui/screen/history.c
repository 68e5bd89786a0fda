/* history: a meeting's revisions, the structured diff between two, blame. */
#include "tui/screen/history.h"

#include "tui/screen/field_keys.h"
#include "tui/render/blame.h"
#include "minutes/base/utf8.h"
#include "minutes/audit/mdiff.h"
#include "minutes/git/meeting.h"
#include "tui/render/render.h"
#include "tui/screen/ui.h"
#include "minutes/search/logcache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A line of the pane: text and, for a diff, the spans that changed. */
struct seg {
	size_t start, len;
	enum mdiff_span kind;
};

struct pline {
	struct buf text;
	struct seg *segs;
	size_t nsegs, cap;
	bool heading;
};

struct history {
	struct archive *a;
	const char *id;
	struct archive_rev *revs;
	size_t nrevs, sel, top;
	size_t marks[2];
	size_t nmarks;
	struct pline *lines;
	size_t nlines, lines_cap, ptop;
	bool pane_focus;
	char title[256];
	char msg[512];
	bool quit;
	bool help;
	size_t help_top;                /* the help page's first line shown */
};

static void lines_clear(struct history *h)
{
	for (size_t i = 0; i < h->nlines; i++) {
		buf_free(&h->lines[i].text);
		free(h->lines[i].segs);
	}
	h->nlines = 0;
	h->ptop = 0;
}

static struct pline *line_new(struct history *h, bool heading)
{
	xgrow((void **)&h->lines, &h->lines_cap, h->nlines + 1, sizeof(*h->lines));
	struct pline *l = &h->lines[h->nlines++];
	memset(l, 0, sizeof(*l));
	buf_init(&l->text);
	l->heading = heading;
	return l;
}

static void line_add(struct pline *l, enum mdiff_span kind, const char *s, size_t len)
{
	if (!len)
		return;
	xgrow((void **)&l->segs, &l->cap, l->nsegs + 1, sizeof(*l->segs));
	l->segs[l->nsegs++] = (struct seg){ l->text.len, len, kind };
	buf_add(&l->text, s, len);
}

/* Lays out spans word by word into lines of `width` columns, as gavel
 * diff's render_change_text does: breaks at spaces, the lines after the
 * first four columns in, a word wider than a line broken where it
 * reaches the edge (nothing is cut off at any width). */
struct layout {
	struct history *h;
	struct pline *cur;
	unsigned col, width;
	bool heading;               /* the lines are a change's heading */
};

static void next_line(struct layout *lo)
{
	lo->cur = line_new(lo->h, lo->heading);
	line_add(lo->cur, MDIFF_SAME, "    ", 4);
	lo->col = 4;
}

static void put(void *ctx, enum mdiff_span kind, const char *s, size_t len)
{
	struct layout *lo = ctx;
	size_t i = 0;
	/* Old and new words side by side get a space between them, so they
	 * read apart without colour too. */
	struct pline *l = lo->cur;
	if (kind == MDIFF_INS && l->nsegs && l->segs[l->nsegs - 1].kind == MDIFF_DEL && len &&
	    s[0] != ' ') {
		line_add(l, MDIFF_SAME, " ", 1);
		lo->col++;
	}
	while (i < len) {
		if (s[i] == '\n') {
			next_line(lo);
			i++;
			continue;
		}
		size_t j = i;
		bool sp = s[i] == ' ';
		while (j < len && s[j] != '\n' && (s[j] == ' ') == sp)
			j++;
		unsigned w = utf8_width(s + i, j - i);
		if (sp && lo->col + w > lo->width) {
			next_line(lo);      /* spaces that end a line are not shown */
			i = j;
			continue;
		}
		if (!sp && lo->col + w > lo->width && lo->col > 4)
			next_line(lo);
		if (!sp && lo->col + w > lo->width) {
			/* Wider than a line: as much as fits, the rest below. */
			unsigned room = lo->width > lo->col ? lo->width - lo->col : 1;
			size_t fit = utf8_fit(s + i, j - i, room, true);
			line_add(lo->cur, kind, s + i, fit);
			next_line(lo);
			i += fit;
			continue;
		}
		line_add(lo->cur, kind, s + i, j - i);
		lo->col += w;
		i = j;
	}
}

static void text_lines(struct history *h, const char *text)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		line_add(line_new(h, false), MDIFF_SAME, p, len);
		p += len + (nl ? 1 : 0);
	}
}

/* The structured diff from revision index `older` to `newer`. */
static void show_diff(struct history *h, size_t older, size_t newer)
{
	lines_clear(h);
	struct minutes *x = NULL, *y = NULL;
	struct diags d;
	diags_init(&d);
	snprintf(h->title, sizeof(h->title), "changes from %s to %s",
		 h->revs[older].short_id, h->revs[newer].short_id);
	if (meeting_load(h->a, h->id, h->revs[older].id, &x, NULL, &d) ||
	    meeting_load(h->a, h->id, h->revs[newer].id, &y, NULL, &d)) {
		char *m = d.n ? diag_format(&d.v[0]) : xstrdup("a revision does not load");
		text_lines(h, m);
		free(m);
	} else {
		struct mdiff md = { 0 };
		/* The pane's text runs from column 1 to COLS - 2. */
		unsigned width = COLS > 12 ? (unsigned)COLS - 2 : 10;
		mdiff_compare(x, y, &md);
		for (size_t i = 0; i < md.n; i++) {
			const struct mdiff_change *ch = &md.v[i];
			/* The heading wraps too: "votes: for 9, ... -> for 10, ..." */
			struct layout hd = { h, line_new(h, true), 0, width, true };
			put(&hd, MDIFF_SAME, ch->label, strlen(ch->label));
			if (!ch->old_text && !ch->new_text)
				continue;
			struct layout lo = { h, line_new(h, false), 4, width, false };
			line_add(lo.cur, MDIFF_SAME, "    ", 4);
			if (ch->old_text && ch->new_text)
				mdiff_words(ch->old_text, ch->new_text, put, &lo);
			else if (ch->old_text)
				put(&lo, MDIFF_DEL, ch->old_text, strlen(ch->old_text));
			else
				put(&lo, MDIFF_INS, ch->new_text, strlen(ch->new_text));
		}
		if (!md.n)
			text_lines(h, "no changes");
		mdiff_free(&md);
	}
	minutes_free(x);
	minutes_free(y);
	diags_free(&d);
}

static void show_blame(struct history *h)
{
	lines_clear(h);
	struct buf text = BUF_INIT, warnings = BUF_INIT;
	struct diags d;
	diags_init(&d);
	snprintf(h->title, sizeof(h->title), "who last changed each field");
	/* Each value whole, wrapped under itself rather than cut. */
	if (blame_text_wrapped(&text, &warnings, h->a, h->id, COLS > 12 ? (unsigned)COLS - 2 : 10,
			       &d) != 0 && d.n) {
		char *m = diag_format(&d.v[0]);
		text_lines(h, m);
		free(m);
	}
	text_lines(h, warnings.data);
	text_lines(h, text.data);
	buf_free(&text);
	buf_free(&warnings);
	diags_free(&d);
}

static bool marked(const struct history *h, size_t i)
{
	for (size_t k = 0; k < h->nmarks; k++)
		if (h->marks[k] == i)
			return true;
	return false;
}

static void toggle_mark(struct history *h)
{
	for (size_t k = 0; k < h->nmarks; k++)
		if (h->marks[k] == h->sel) {
			h->marks[k] = h->marks[--h->nmarks];
			return;
		}
	if (h->nmarks == 2) {
		h->marks[0] = h->marks[1];
		h->nmarks = 1;
	}
	h->marks[h->nmarks++] = h->sel;
}

/* Enter: the two marked revisions, else the selected one against the
 * one before it. */
static void compare(struct history *h)
{
	if (h->nmarks == 2) {
		size_t a = h->marks[0], b = h->marks[1];
		show_diff(h, a > b ? a : b, a > b ? b : a);   /* newest first: higher is older */
	} else if (h->sel + 1 < h->nrevs) {
		show_diff(h, h->sel + 1, h->sel);
	} else {
		lines_clear(h);
		snprintf(h->title, sizeof(h->title), "the first revision");
		text_lines(h, "This is the first revision: the meeting was created here.");
	}
}

/* The modes of the key table. */
#define HM_REVS 1u      /* choosing a revision */
#define HM_PANE 2u      /* scrolling the changes */
#define HM_HELP 4u      /* the help page */

enum history_action {
	HA_UP = 1, HA_DOWN, HA_MARK, HA_COMPARE, HA_BLAME,
	HA_PAGE_UP, HA_PAGE_DOWN, HA_PANE,
	HA_HELP, HA_BACK,
};

#define HM_SCREEN (HM_REVS | HM_PANE)
#define UP_KEYS { KC_FN(KEY_UP), 'k' }
#define DOWN_KEYS { KC_FN(KEY_DOWN), 'j' }

/* The entries without an action only label the key line. */
static const struct key_binding bindings[] = {
	{ HA_UP, HM_SCREEN, UP_KEYS, "Up, k", NULL, "Revisions",
	  "The newer revision; with the changes in hand (Tab), scrolls them up a line.", 0 },
	{ HA_DOWN, HM_SCREEN, DOWN_KEYS, "Down, j", NULL, "Revisions",
	  "The older revision; with the changes in hand, scrolls them down a line.", 0 },
	{ KEYS_WIDGET, HM_REVS, { 0 }, "Up/Down", "revision", NULL, NULL, KB_NOHELP },
	{ KEYS_WIDGET, HM_PANE, { 0 }, "Up/Down", "scroll", NULL, NULL, KB_NOHELP },
	{ HA_MARK, HM_SCREEN, { ' ' }, "Space", "mark two", "Revisions",
	  "Marks the selected revision, or unmarks it; a third mark replaces the "
	  "older of two.", 0 },
	{ HA_COMPARE, HM_SCREEN, { '\r', '\n', KC_FN(KEY_ENTER) }, "Enter", "compare", "Revisions",
	  "The changes between the two marked revisions, field by field, the changed "
	  "words highlighted; with none marked, the selected revision's own changes.", 0 },
	{ HA_BLAME, HM_SCREEN, { 'b' }, "b", "blame", "Revisions",
	  "Who last changed each field: the revision, date and author beside it "
	  "(as gavel blame).", 0 },
	{ HA_PAGE_UP, HM_SCREEN, { KC_FN(KEY_PPAGE) }, "PgUp", NULL, "The changes",
	  "Scrolls the changes up a page.", 0 },
	{ HA_PAGE_DOWN, HM_SCREEN, { KC_FN(KEY_NPAGE) }, "PgDn", NULL, "The changes",
	  "Scrolls the changes down a page.", 0 },
	{ HA_PANE, HM_REVS, { '\t' }, "Tab", "scroll", "The changes",
	  "Up and Down scroll the changes instead of choosing a revision, and back.", 0 },
	{ HA_PANE, HM_PANE, { '\t' }, "Tab", "revisions", NULL, NULL, 0 },
	/* Always on the key line, as on every screen. */
	{ HA_HELP, HM_SCREEN, { '?', KC_FN(KEY_F(1)) }, "?, F1", "help", "Other keys",
	  "This list of keys.", KB_PINNED },
	{ HA_BACK, HM_SCREEN, { KC_ESC, 'q', 'h', KC_CTRL('C') }, "Esc, q, h, ^C", "back",
	  "Other keys", "Back to the screen the history was opened from.", KB_PINNED },
};

const struct keymap history_keymap = {
	"history", "The history screen (h on the home screen and in the clerk's hub)",
	"A meeting's revisions, newest first, above the changes of the selected one.",
	bindings, sizeof(bindings) / sizeof(bindings[0]), NULL,
};

static unsigned mode_of(const struct history *h)
{
	return h->help ? HM_HELP : h->pane_focus ? HM_PANE : HM_REVS;
}

static const struct keymap *const help_also[] = { &keys_help_keymap, NULL };

static void draw_help(struct history *h)
{
	keys_help_page(&history_keymap, help_also, &h->help_top);
	refresh();
}

static void draw(struct history *h)
{
	if (ui_too_small()) {
		refresh();
		return;
	}
	if (h->help) {
		draw_help(h);
		return;
	}
	erase();
	char head[300];
	snprintf(head, sizeof(head), "History of %s", h->id);
	char right[32];
	snprintf(right, sizeof(right), "%zu revision%s", h->nrevs, h->nrevs == 1 ? "" : "s");
	ui_bar(0, head, right, ui_attr(THEME_HEADER));
	int listh = LINES / 3 < 3 ? 3 : LINES / 3;
	if (h->sel < h->top)
		h->top = h->sel;
	if (h->sel >= h->top + (size_t)listh)
		h->top = h->sel - (size_t)listh + 1;
	for (int y = 1; y <= listh; y++) {
		size_t i = h->top + (size_t)(y - 1);
		if (i >= h->nrevs)
			break;
		const struct archive_rev *r = &h->revs[i];
		char when[32];
		time_t t = (time_t)r->time;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		struct buf l = BUF_INIT;
		buf_addf(&l, "%s %s  %s  %s%s  %s", marked(h, i) ? "*" : " ", r->short_id, when,
			 archive_made_by_gavel(r->message) ? "" : "(not made by gavel) ",
			 r->author_name, r->summary);
		attr_t a = i == h->sel ? (h->pane_focus ? ui_attr(THEME_FIELD) : ui_attr(THEME_SELECTED))
			: A_NORMAL;
		ui_line_clip(y, 0, COLS, l.data, a);
		buf_free(&l);
	}
	int top = listh + 1;
	ui_bar(top, h->title, NULL, ui_attr(THEME_TITLE));
	int bottom = LINES - 2, ph = bottom - top - 1;
	if (h->ptop + (size_t)ph > h->nlines)
		h->ptop = h->nlines > (size_t)ph ? h->nlines - (size_t)ph : 0;
	for (int y = top + 1; y < bottom; y++) {
		size_t i = h->ptop + (size_t)(y - top - 1);
		if (i >= h->nlines)
			break;
		const struct pline *l = &h->lines[i];
		int x = 1;
		for (size_t k = 0; k < l->nsegs; k++) {
			const struct seg *s = &l->segs[k];
			attr_t a = l->heading ? A_BOLD : s->kind == MDIFF_DEL ? ui_attr(THEME_DIFF_DEL)
				: s->kind == MDIFF_INS ? ui_attr(THEME_DIFF_ADD) : A_NORMAL;
			x += ui_text(y, x, COLS - 1 - x, l->text.data + s->start, s->len, a);
		}
	}
	move(LINES - 2, 0);
	clrtoeol();
	if (h->msg[0])
		ui_text_cut(LINES - 2, 1, COLS - 2, h->msg, strlen(h->msg), ui_attr(THEME_ERROR));
	keys_line(&history_keymap, mode_of(h), LINES - 1);
	curs_set(0);
	refresh();
}

static void scroll_by(size_t *top, long delta)
{
	long t = (long)*top + delta;
	*top = t < 0 ? 0 : (size_t)t;   /* drawing keeps it on the page */
}


static void key(struct history *h, int r, wint_t ch)
{
	unsigned mode = mode_of(h);
	long page = LINES / 2;
	if (mode == HM_HELP) {
		/* Drawing keeps help_top on the page. */
		if (!keys_help_page_key(r, ch, &h->help_top, (long)LINES - 2))
			h->help = false;
		return;
	}
	switch (keys_action(&history_keymap, mode, r, ch)) {
	case HA_UP:
		if (h->pane_focus)
			h->ptop = h->ptop ? h->ptop - 1 : 0;
		else if (h->sel)
			h->sel--;
		break;
	case HA_DOWN:
		if (h->pane_focus)
			h->ptop++;
		else if (h->sel + 1 < h->nrevs)
			h->sel++;
		break;
	case HA_PAGE_DOWN: scroll_by(&h->ptop, page); break;
	case HA_PAGE_UP: scroll_by(&h->ptop, -page); break;
	case HA_MARK:
		if (h->nrevs)
			toggle_mark(h);
		break;
	case HA_COMPARE:
		if (h->nrevs)
			compare(h);
		break;
	case HA_BLAME: show_blame(h); break;
	case HA_PANE: h->pane_focus = !h->pane_focus; break;
	case HA_HELP:
		h->help_top = 0;
		h->help = true;
		break;
	case HA_BACK: h->quit = true; break;
	default: break;
	}
}

void history_run(struct archive *a, const char *id, volatile sig_atomic_t *stop)
{
	struct history h;
	memset(&h, 0, sizeof(h));
	h.a = a;
	h.id = id;
	struct diags d;
	diags_init(&d);
	char *path = meeting_path(id, MEETING_MINUTES);
	if (logcache_log(a, path, SIZE_MAX, &h.revs, &h.nrevs, &d) < 0 && d.n) {
		char *m = diag_format(&d.v[0]);
		snprintf(h.msg, sizeof(h.msg), "%s", m);
		free(m);
	}
	free(path);
	diags_free(&d);
	if (h.nrevs)
		compare(&h);
	draw(&h);
	while (!h.quit && !*stop) {
		wint_t ch = 0;
		int r = field_read_key(stdscr, &ch);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			if (h.nrevs)
				compare(&h);
		} else {
			key(&h, r, ch);
		}
		draw(&h);
	}
	lines_clear(&h);
	free(h.lines);
	archive_revs_free(h.revs, h.nrevs);
}
