/* render: the published text form of minutes, wrapped to a width. */
#include "tui/render/render.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <wchar.h>

static const char *bullet_mark(void)
{
	/* A bullet where the terminal can show one, an asterisk elsewhere. */
	const char *l = getenv("LC_ALL");
	if (!l || !*l)
		l = getenv("LC_CTYPE");
	if (!l || !*l)
		l = getenv("LANG");
	if (l && (strstr(l, "UTF-8") || strstr(l, "utf8") || strstr(l, "UTF8") || strstr(l, "utf-8")))
		return "\xe2\x80\xa2";
	return "*";
}

static void spaces(struct buf *out, unsigned n)
{
	while (n--)
		buf_addch(out, ' ');
}

/*
 * Wraps `text` into lines of at most `width` columns.  The first line
 * starts with `lead` (e.g. "  • "); the others are indented by `indent`.
 * Line breaks in the text are kept; a word wider than a line is cut
 * between characters (CJK text has no spaces to break at).
 */
static void wrap(struct buf *out, const char *text, unsigned width,
		 const char *lead, unsigned indent)
{
	unsigned col = 0;
	bool line_empty = true;
	buf_addstr(out, lead);
	col = utf8_width(lead, strlen(lead));
	if (width < indent + 10)
		width = indent + 10;
	const char *p = text, *end = text + strlen(text);
	while (end > text && end[-1] == '\n')
		end--;          /* the final line break is the paragraph's own */
	while (p < end) {
		if (*p == '\n') {
			buf_addch(out, '\n');
			p++;
			if (p < end && *p != '\n') {
				spaces(out, indent);
				col = indent;
			} else {
				col = 0;
			}
			line_empty = true;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t wl = strcspn(p, " \n");
		if (wl > (size_t)(end - p))
			wl = (size_t)(end - p);
		unsigned ww = utf8_width(p, wl);
		unsigned need = ww + (line_empty ? 0 : 1);
		if (!line_empty && col + need > width) {
			buf_addch(out, '\n');
			spaces(out, indent);
			col = indent;
			line_empty = true;
			need = ww;
		}
		if (line_empty && col + ww > width) {
			/* Cut the word itself. */
			while (wl) {
				size_t k = utf8_fit(p, wl, width - col, true);
				buf_add(out, p, k);
				p += k;
				wl -= k;
				if (wl) {
					buf_addch(out, '\n');
					spaces(out, indent);
					col = indent;
				} else {
					col += utf8_width(p - k, k);
				}
			}
			line_empty = false;
			continue;
		}
		if (!line_empty)
			buf_addch(out, ' ');
		buf_add(out, p, wl);
		col += need;
		p += wl;
		line_empty = false;
	}
	buf_addch(out, '\n');
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

void render_date(struct buf *out, const char *date)
{
	static const char *const days[] = {
		"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	};
	if (!date || strlen(date) != 10) {
		buf_addstr(out, date ? date : "");
		return;
	}
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	if (m < 1 || m > 12) {
		buf_addstr(out, date);
		return;
	}
	/* Sakamoto's day of the week. */
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int yy = m < 3 ? y - 1 : y;
	int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
	buf_addf(out, "%s %d %s %d", days[wd], d, months[m - 1], y);
}

void render_short_date(struct buf *out, const char *date)
{
	int m = atoi(date + 5);
	if (strlen(date) != 10 || m < 1 || m > 12) {
		buf_addstr(out, date);
		return;
	}
	buf_addf(out, "%d %s %d", atoi(date + 8), months[m - 1], atoi(date));
}

static bool has(const char *s)
{
	return s && *s;
}

static void people_line(struct buf *out, const char *label, const struct people *l,
			unsigned width)
{
	if (!l->n)
		return;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addstr(&b, ", ");
		render_person(&b, &l->v[i]);
	}
	struct buf lead = BUF_INIT;
	buf_addf(&lead, "%s: ", label);
	wrap(out, b.data, width, lead.data, 2);
	buf_free(&lead);
	buf_free(&b);
}

/* "The Chair introduced A and B, Role; and C, Other." */
void render_introduced(struct buf *b, const struct people *l)
{
	buf_addstr(b, "The Chair introduced ");
	size_t i = 0;
	while (i < l->n) {
		size_t j = i + 1;
		const char *role = l->v[i].role;
		while (j < l->n && has(role) && has(l->v[j].role) && !strcmp(role, l->v[j].role))
			j++;
		if (i)
			buf_addstr(b, j >= l->n ? " and " : "; ");
		for (size_t k = i; k < j; k++) {
			if (k > i)
				buf_addstr(b, k + 1 == j ? " and " : ", ");
			buf_addstr(b, has(l->v[k].name) ? l->v[k].name : "(no name)");
		}
		if (has(role))
			buf_addf(b, ", %s", role);
		i = j;
	}
	buf_addch(b, '.');
}

static void heading(struct buf *out, const char *text, unsigned width)
{
	buf_addch(out, '\n');
	wrap(out, text, width, "", 0);
	buf_addch(out, '\n');
}

static void bullet(struct buf *out, const char *text, unsigned width)
{
	struct buf lead = BUF_INIT;
	buf_addf(&lead, "  %s ", bullet_mark());
	wrap(out, text, width, lead.data, 4);
	buf_free(&lead);
}

/* ---- pieces every form shares, as plain text ---- */

void render_held(struct buf *b, const struct minutes *m)
{
	buf_addstr(b, "Minutes of the meeting held on ");
	render_date(b, m->date);
	if (m->start[0] && m->end[0])
		buf_addf(b, ", %s to %s", m->start, m->end);
	else if (m->start[0])
		buf_addf(b, " at %s", m->start);
}

void render_status(struct buf *b, const struct minutes *m)
{
	if (m->status == MINUTES_CONFIRMED) {
		buf_addstr(b, "Status: confirmed as a correct record");
		if (m->confirmed_date[0]) {
			buf_addstr(b, " on ");
			render_short_date(b, m->confirmed_date);
		}
		if (has(m->confirmed_by))
			buf_addf(b, ", signed by %s", m->confirmed_by);
	} else {
		buf_addstr(b, "Status: draft, not yet confirmed");
	}
}

void render_provenance(const struct minutes *m, const struct render_origin *o,
		       struct buf *b)
{
	buf_addf(b, "Made from revision %s of %s", o->rev, o->date);
	if (!m) {
		buf_addch(b, '.');
		return;
	}
	if (m->status != MINUTES_CONFIRMED) {
		buf_addstr(b, "; these minutes are draft.");
		return;
	}
	buf_addstr(b, "; these minutes are confirmed");
	if (m->confirmed_date[0] || has(m->confirmed_by)) {
		buf_addstr(b, " (confirmed");
		if (m->confirmed_date[0]) {
			buf_addstr(b, " on ");
			render_short_date(b, m->confirmed_date);
		}
		if (has(m->confirmed_by))
			buf_addf(b, " by %s", m->confirmed_by);
		buf_addch(b, ')');
	}
	buf_addch(b, '.');
}

bool render_ref_url(const char *ref)
{
	if (!ref)
		return false;
	size_t n = strncasecmp(ref, "https://", 8) == 0 ? 8
		 : strncasecmp(ref, "http://", 7) == 0 ? 7 : 0;
	return n && ref[n] && ref[n] != '/';
}

/* A segment of a document's path: a slug, then optionally "." and a
 * lower-case extension of letters and digits. */
static bool ref_segment(const char *s, size_t len)
{
	const char *dot = memchr(s, '.', len);
	size_t stem = dot ? (size_t)(dot - s) : len;
	if (!slug_valid(s, stem))
		return false;
	if (!dot)
		return true;
	size_t ext = len - stem - 1;
	if (ext < 1 || ext > 10)
		return false;
	for (size_t i = stem + 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

bool render_ref_path(const char *ref)
{
	if (!ref || !*ref || strlen(ref) > 512)
		return false;
	int depth = 0;
	for (const char *p = ref;;) {
		size_t n = strcspn(p, "/");
		if (!ref_segment(p, n) || ++depth > 8)
			return false;
		if (!p[n])
			return true;
		p += n + 1;
	}
}

void render_url_encode(struct buf *out, const char *ref)
{
	static const char keep[] = "-._~:/?#@!$&*+,;=%";
	for (const unsigned char *p = (const unsigned char *)ref; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			buf_addch(out, (char)*p);
		else
			buf_addf(out, "%%%02X", *p);
	}
}

/* ---- the text form's layout of an item ---- */

struct text_sink {
	struct buf *out;
	unsigned width;
	bool in_list;
};

static void t_heading(void *ctx, int level, const char *text)
{
	struct text_sink *t = ctx;
	buf_addch(t->out, '\n');
	wrap(t->out, text, t->width, "", level == 2 ? 4 : 0);
	t->in_list = false;
}

static void t_note(void *ctx, const char *text)
{
	struct text_sink *t = ctx;
	wrap(t->out, text, t->width, "", 0);
	t->in_list = false;
}

static void t_para(void *ctx, const char *text)
{
	struct text_sink *t = ctx;
	buf_addch(t->out, '\n');
	wrap(t->out, text, t->width, "", 0);
	t->in_list = false;
}

static void t_item(void *ctx, const char *text)
{
	struct text_sink *t = ctx;
	if (!t->in_list)
		buf_addch(t->out, '\n');
	bullet(t->out, text, t->width);
	t->in_list = true;
}

static void t_document(void *ctx, const struct document *d)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, has(d->title) ? d->title : "(untitled)");
	if (has(d->ref))
		buf_addf(&b, " (%s)", d->ref);
	t_item(ctx, b.data);
	buf_free(&b);
}

static const struct render_sink text_sink = {
	t_heading, t_note, t_para, t_item, t_document,
};

void render_text(const struct minutes *m, const struct agenda *agenda,
		 const struct render_origin *origin, const struct render_opts *opts,
		 unsigned width, struct buf *out)
{
	struct buf b = BUF_INIT;
	wrap(out, has(m->committee) ? m->committee : "(no committee)", width, "", 0);
	render_held(&b, m);
	wrap(out, b.data, width, "", 0);
	buf_reset(&b);
	if (has(m->venue)) {
		buf_addf(&b, "Venue: %s", m->venue);
		wrap(out, b.data, width, "", 0);
		buf_reset(&b);
	}
	if (agenda && has(agenda->chair)) {
		buf_addf(&b, "Chair: %s", agenda->chair);
		wrap(out, b.data, width, "", 0);
		buf_reset(&b);
	}
	render_status(&b, m);
	wrap(out, b.data, width, "", 0);
	buf_reset(&b);

	if (m->present.n || m->apologies.n || m->absent.n || m->in_attendance.n) {
		buf_addch(out, '\n');
		people_line(out, "Present", &m->present, width);
		people_line(out, "Apologies", &m->apologies, width);
		people_line(out, "Absent", &m->absent, width);
		people_line(out, "In attendance", &m->in_attendance, width);
	}
	if (render_movements(&b, &m->present, &m->in_attendance)) {
		buf_addch(out, '\n');
		wrap(out, b.data, width, "", 0);
		buf_reset(&b);
	}
	if (m->ndeclarations) {
		heading(out, "Declarations of interest:", width);
		for (size_t i = 0; i < m->ndeclarations; i++) {
			render_declaration(&b, m, &m->declarations[i]);
			bullet(out, b.data, width);
			buf_reset(&b);
		}
	}
	struct text_sink t = { out, width, false };
	for (size_t i = 0; i < m->nitems; i++)
		render_item_body(&text_sink, &t, m, agenda, m->items[i], opts);
	if (origin) {
		buf_addch(out, '\n');
		render_provenance(m, origin, &b);
		wrap(out, b.data, width, "", 0);
	}
	buf_free(&b);
}

void render_rev_date(const struct archive_rev *r, char out[11])
{
	time_t t = (time_t)(r->time + (long long)r->offset * 60);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
