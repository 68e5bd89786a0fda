/*
 * render_html: minutes as one standalone HTML page, in the published
 * text's structure, for councils to publish and for people without gavel.
 *
 * Every page is polyglot markup (HTML5 that is also well-formed XML: void
 * elements closed with " />", only the five XML entities), so any XML
 * parser can check it.  Every text and attribute from the data passes
 * through render_html_escape; links come only from http/https URLs and safe
 * relative paths (render_ref_url, render_ref_path), percent-encoded.  No
 * scripts, no external resources: a text browser and a screen reader read
 * it as it is.
 */
#include "tui/render/render.h"

#include <stdlib.h>
#include <string.h>

static const char style[] =
	"body { font-family: Georgia, serif; line-height: 1.5; margin: 0 auto;"
	" max-width: 42em; padding: 1em; color: #111; background: #fff; }\n"
	"nav ul { list-style: none; padding: 0; }\n"
	"nav li { display: inline; margin-right: 1em; }\n"
	"h2 { border-top: 1px solid #999; padding-top: 0.5em; margin-top: 1.5em; }\n"
	"dt { font-weight: bold; }\n"
	"footer { border-top: 1px solid #999; margin-top: 2em; font-size: 0.9em; }\n"
	/* Printed from a browser: A4, as councils print. */
	"@page { size: A4; margin: 2cm; }\n";

static bool has(const char *s)
{
	return s && *s;
}

void render_html_escape(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_addstr(out, "&amp;"); break;
		case '<': buf_addstr(out, "&lt;"); break;
		case '>': buf_addstr(out, "&gt;"); break;
		case '"': buf_addstr(out, "&quot;"); break;
		case '\'': buf_addstr(out, "&#39;"); break;
		default: buf_addch(out, *s);
		}
	}
}

/* `<tag>` escaped text `</tag>` on a line. */
static void element(struct buf *out, const char *tag, const char *text)
{
	buf_addf(out, "<%s>", tag);
	render_html_escape(out, text);
	buf_addf(out, "</%s>\n", tag);
}

/* Escaped text with its line breaks kept as <br />. */
static void with_breaks(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t n = strcspn(s + i, "\n");
		if (n > len - i)
			n = len - i;
		char *line = xstrndup(s + i, n);
		render_html_escape(out, line);
		free(line);
		i += n;
		if (i < len) {
			buf_addstr(out, "<br />\n");
			i++;
		}
	}
}

/* Where the paragraph starting at p ends: before a line that is empty
 * or holds only spaces and tabs (*next: after it), or at the end. */
static size_t para_end(const char *p, const char **next)
{
	for (const char *q = p;;) {
		const char *nl = strchr(q, '\n');
		if (!nl) {
			*next = NULL;
			return strlen(p);
		}
		const char *r = nl + 1;
		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '\n' || !*r) {
			*next = r;
			return (size_t)(nl - p);
		}
		q = nl + 1;
	}
}

/* Text as paragraphs: blank lines (or lines of spaces) separate them,
 * line breaks inside one are kept. */
static void paragraphs(struct buf *out, const char *s)
{
	const char *p = s;
	while (p) {
		while (*p == '\n' || *p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		const char *next;
		size_t n = para_end(p, &next);
		buf_addstr(out, "<p>");
		with_breaks(out, p, n);
		buf_addstr(out, "</p>\n");
		p = next;
	}
}

/* A list item holding text that may have lines and paragraphs. */
static void list_item(struct buf *out, const char *s)
{
	while (*s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	buf_addstr(out, "<li>");
	with_breaks(out, s, n);
	buf_addstr(out, "</li>\n");
}

static void link(struct buf *out, const char *href, const char *rel, const char *label)
{
	buf_addstr(out, "<a href=\"");
	render_html_escape(out, href);
	buf_addch(out, '"');
	if (rel)
		buf_addf(out, " rel=\"%s\"", rel);
	buf_addch(out, '>');
	render_html_escape(out, label);
	buf_addstr(out, "</a>");
}

static void page_begin(struct buf *out, const char *title, const struct html_nav *nav)
{
	buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		   "<meta charset=\"utf-8\" />\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
		   "<meta name=\"generator\" content=\"gavel " GAVEL_VERSION "\" />\n");
	element(out, "title", title);
	buf_addf(out, "<style>\n%s</style>\n</head>\n<body>\n", style);
	if (nav && (nav->home || nav->committee || nav->prev || nav->next || nav->nlinks)) {
		buf_addstr(out, "<nav aria-label=\"Minutes archive\">\n<ul>\n");
		if (nav->home) {
			buf_addstr(out, "<li>");
			link(out, nav->home, NULL, "All committees");
			buf_addstr(out, "</li>\n");
		}
		if (nav->committee) {
			buf_addstr(out, "<li>");
			link(out, nav->committee, NULL,
			     has(nav->committee_name) ? nav->committee_name : "This committee");
			buf_addstr(out, "</li>\n");
		}
		struct buf b = BUF_INIT;
		if (nav->prev) {
			buf_addf(&b, "Previous meeting%s%s", nav->prev_label ? ": " : "",
				 nav->prev_label ? nav->prev_label : "");
			buf_addstr(out, "<li>");
			link(out, nav->prev, "prev", b.data);
			buf_addstr(out, "</li>\n");
			buf_reset(&b);
		}
		if (nav->next) {
			buf_addf(&b, "Next meeting%s%s", nav->next_label ? ": " : "",
				 nav->next_label ? nav->next_label : "");
			buf_addstr(out, "<li>");
			link(out, nav->next, "next", b.data);
			buf_addstr(out, "</li>\n");
		}
		for (size_t i = 0; i < nav->nlinks; i++) {
			buf_addstr(out, "<li>");
			link(out, nav->links[i].href, NULL, nav->links[i].label);
			buf_addstr(out, "</li>\n");
		}
		buf_free(&b);
		buf_addstr(out, "</ul>\n</nav>\n");
	}
	buf_addstr(out, "<main>\n");
}

/* Closes <main>, adds the footer with `sentence`, ends the page. */
static void page_end(struct buf *out, const char *sentence)
{
	buf_addstr(out, "</main>\n<footer>\n");
	element(out, "p", sentence);
	buf_addstr(out, "</footer>\n</body>\n</html>\n");
}

static bool default_href(void *ctx, const char *ref, struct buf *href)
{
	(void)ctx;
	if (!render_ref_url(ref) && !render_ref_path(ref))
		return false;
	render_url_encode(href, ref);
	return true;
}

static void document(struct buf *out, const struct document *d, const struct html_nav *nav)
{
	const char *title = has(d->title) ? d->title : "(untitled)";
	struct buf href = BUF_INIT;
	bool (*how)(void *, const char *, struct buf *) =
		nav && nav->doc_href ? nav->doc_href : default_href;
	buf_addstr(out, "<li>");
	if (has(d->ref) && how(nav ? nav->ctx : NULL, d->ref, &href)) {
		link(out, href.data, NULL, title);
	} else {
		render_html_escape(out, title);
		if (has(d->ref)) {
			buf_addstr(out, " (");
			render_html_escape(out, d->ref);
			buf_addch(out, ')');
		}
	}
	buf_addstr(out, "</li>\n");
	buf_free(&href);
}

static void people(struct buf *out, const char *label, const struct people *l)
{
	if (!l->n)
		return;
	struct buf b = BUF_INIT;
	element(out, "dt", label);
	buf_addstr(out, "<dd>\n<ul>\n");
	for (size_t i = 0; i < l->n; i++) {
		render_person(&b, &l->v[i]);
		list_item(out, b.data);
		buf_reset(&b);
	}
	buf_addstr(out, "</ul>\n</dd>\n");
	buf_free(&b);
}

/* ---- the HTML layout of an item ---- */

struct html_sink {
	struct buf *out;
	const struct html_nav *nav;
	bool in_list;
};

static void end_list(struct html_sink *h)
{
	if (h->in_list)
		buf_addstr(h->out, "</ul>\n");
	h->in_list = false;
}

static void h_heading(void *ctx, int level, const char *text)
{
	struct html_sink *h = ctx;
	end_list(h);
	element(h->out, level == 2 ? "h2" : level == 3 ? "h3" : "h4", text);
}

static void h_note(void *ctx, const char *text)
{
	struct html_sink *h = ctx;
	end_list(h);
	element(h->out, "p", text);
}

static void h_para(void *ctx, const char *text)
{
	struct html_sink *h = ctx;
	end_list(h);
	paragraphs(h->out, text);
}

static void begin_list(struct html_sink *h)
{
	if (!h->in_list)
		buf_addstr(h->out, "<ul>\n");
	h->in_list = true;
}

static void h_item(void *ctx, const char *text)
{
	struct html_sink *h = ctx;
	begin_list(h);
	list_item(h->out, text);
}

static void h_document(void *ctx, const struct document *d)
{
	struct html_sink *h = ctx;
	begin_list(h);
	document(h->out, d, h->nav);
}

static const struct render_sink html_sink = {
	h_heading, h_note, h_para, h_item, h_document,
};

void render_html(const struct minutes *m, const struct agenda *agenda,
		 const struct render_origin *origin, const struct html_nav *nav,
		 const struct render_opts *opts, struct buf *out)
{
	struct buf b = BUF_INIT, held = BUF_INIT;
	const char *committee = has(m->committee) ? m->committee : "(no committee)";
	render_held(&held, m);
	buf_addf(&b, "%s: %s", committee, held.data);
	page_begin(out, b.data, nav);
	buf_reset(&b);
	element(out, "h1", committee);
	element(out, "p", held.data);

	buf_addstr(out, "<dl>\n");
	if (has(m->venue)) {
		element(out, "dt", "Venue");
		element(out, "dd", m->venue);
	}
	if (agenda && has(agenda->chair)) {
		element(out, "dt", "Chair");
		element(out, "dd", agenda->chair);
	}
	render_status(&b, m);
	element(out, "dt", "Status");
	element(out, "dd", b.data + strlen("Status: "));
	buf_reset(&b);
	buf_addstr(out, "</dl>\n");

	bool moved = render_movements(&b, &m->present, &m->in_attendance);
	if (m->present.n || m->apologies.n || m->absent.n || m->in_attendance.n || moved) {
		element(out, "h2", "Attendance");
		buf_addstr(out, "<dl>\n");
		people(out, "Present", &m->present);
		people(out, "Apologies", &m->apologies);
		people(out, "Absent", &m->absent);
		people(out, "In attendance", &m->in_attendance);
		buf_addstr(out, "</dl>\n");
		if (moved)
			paragraphs(out, b.data);
		buf_reset(&b);
	}
	if (m->ndeclarations) {
		element(out, "h2", "Declarations of interest:");
		buf_addstr(out, "<ul>\n");
		for (size_t i = 0; i < m->ndeclarations; i++) {
			render_declaration(&b, m, &m->declarations[i]);
			list_item(out, b.data);
			buf_reset(&b);
		}
		buf_addstr(out, "</ul>\n");
	}
	for (size_t i = 0; i < m->nitems; i++) {
		struct html_sink h = { out, nav, false };
		buf_addstr(out, "<section>\n");
		render_item_body(&html_sink, &h, m, agenda, m->items[i], opts);
		end_list(&h);
		buf_addstr(out, "</section>\n");
	}
	if (origin)
		render_provenance(m, origin, &b);
	page_end(out, b.data);
	buf_free(&b);
	buf_free(&held);
}

void render_html_index(const char *heading, const char *intro,
		       const struct html_nav *nav, const struct html_entry *v,
		       size_t n, const struct render_origin *origin, struct buf *out)
{
	page_begin(out, heading, nav);
	element(out, "h1", heading);
	if (intro)
		element(out, "p", intro);
	if (n) {
		buf_addstr(out, "<ul>\n");
		for (size_t i = 0; i < n; i++) {
			buf_addstr(out, "<li>");
			link(out, v[i].href, NULL, v[i].label);
			if (v[i].note) {
				buf_addstr(out, ": ");
				render_html_escape(out, v[i].note);
			}
			buf_addstr(out, "</li>\n");
		}
		buf_addstr(out, "</ul>\n");
	} else {
		element(out, "p", "There are no minutes yet.");
	}
	struct buf b = BUF_INIT;
	if (origin)
		render_provenance(NULL, origin, &b);
	page_end(out, b.data);
	buf_free(&b);
}

void render_html_error(const char *id, const char *error, const struct html_nav *nav,
		       const struct render_origin *origin, struct buf *out)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "Minutes of %s", id);
	page_begin(out, b.data, nav);
	element(out, "h1", b.data);
	buf_reset(&b);
	element(out, "p", "These minutes could not be read from the repository:");
	element(out, "p", error);
	if (origin) {
		render_provenance(NULL, origin, &b);
		if (b.len)
			b.data[--b.len] = '\0';      /* the full stop */
		buf_addstr(&b, "; these minutes could not be read, so neither draft nor "
			   "confirmed can be said.");
	}
	page_end(out, b.data);
	buf_free(&b);
}

void render_html_table_begin(struct buf *out, const char *heading, const char *intro,
			     const struct html_nav *nav, const char *const *heads,
			     size_t ncols)
{
	page_begin(out, heading, nav);
	element(out, "h1", heading);
	if (intro)
		element(out, "p", intro);
	buf_addstr(out, "<table>\n<thead>\n<tr>\n");
	for (size_t i = 0; i < ncols; i++) {
		buf_addstr(out, "<th scope=\"col\">");
		render_html_escape(out, heads[i]);
		buf_addstr(out, "</th>\n");
	}
	buf_addstr(out, "</tr>\n</thead>\n<tbody>\n");
}

void render_html_table_row(struct buf *out, const char *href, const char *const *cells,
			   size_t ncols)
{
	buf_addstr(out, "<tr>\n");
	for (size_t i = 0; i < ncols; i++) {
		const char *c = cells[i] ? cells[i] : "";
		buf_addstr(out, "<td>");
		if (i == 0 && href)
			link(out, href, NULL, c);
		else
			with_breaks(out, c, strlen(c));
		buf_addstr(out, "</td>\n");
	}
	buf_addstr(out, "</tr>\n");
}

void render_html_table_end(struct buf *out, size_t nrows, const char *empty,
			   const struct render_origin *origin)
{
	buf_addstr(out, "</tbody>\n</table>\n");
	if (!nrows && empty)
		element(out, "p", empty);
	struct buf b = BUF_INIT;
	if (origin)
		render_provenance(NULL, origin, &b);
	page_end(out, b.data);
	buf_free(&b);
}
