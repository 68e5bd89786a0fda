/* summons: the notice of a meeting and its agenda (see summons.h). */
#include "tui/render/summons.h"

#include "minutes/base/utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

/* ---- the sentences every form shares (plain text) ---- */

static void when_sentence(struct buf *b, const struct agenda *a)
{
	buf_addf(b, "A meeting of the %s will be held on ", a->committee);
	render_date(b, a->date);
	if (a->start[0])
		buf_addf(b, " at %s", a->start);
	if (has(a->venue))
		buf_addf(b, ", at %s", a->venue);
	buf_addch(b, '.');
}

/* "To confirm the minutes of the meeting held on 7 February 2018." */
static void confirms_sentence(struct buf *b, const char *id)
{
	const char *slash = strchr(id, '/');
	buf_addstr(b, "To confirm as a correct record the minutes of the meeting held on ");
	if (slash && strlen(slash + 1) >= 10) {
		char date[11];
		memcpy(date, slash + 1, 10);
		date[10] = '\0';
		render_short_date(b, date);
	} else {
		buf_addstr(b, id);
	}
	buf_addf(b, " (%s).", id);
}

static void exempt_sentence(struct buf *b, const char *reason)
{
	buf_addf(b, "Exempt item: the public may be excluded for this item (%s).", reason);
}

static void presenters_sentence(struct buf *b, const struct people *l)
{
	buf_addstr(b, l->n == 1 ? "Presenter: " : "Presenters: ");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addstr(b, i + 1 == l->n ? " and " : ", ");
		render_person(b, &l->v[i]);
	}
}

static void document_text(struct buf *b, const struct document *d)
{
	buf_addstr(b, d->title);
	if (has(d->ref))
		buf_addf(b, " (%s)", d->ref);
}

/* ---- text ---- */

/* Wraps one paragraph to width, every line after the first indented by
 * `indent` columns, the first starting with `lead`; a word wider than a
 * line is cut between characters. */
static void wrap(struct buf *out, const char *text, unsigned width, const char *lead,
		 unsigned indent)
{
	if (width < indent + 20)
		width = indent + 20;
	buf_addstr(out, lead);
	unsigned col = utf8_width(lead, strlen(lead));
	bool empty = true;
	for (const char *p = text; *p;) {
		if (*p == ' ' || *p == '\n') {
			p++;
			continue;
		}
		size_t wl = strcspn(p, " \n");
		unsigned ww = utf8_width(p, wl);
		if (!empty && col + 1 + ww > width) {
			buf_addch(out, '\n');
			for (unsigned i = 0; i < indent; i++)
				buf_addch(out, ' ');
			col = indent;
			empty = true;
		}
		while (empty && col + ww > width && wl) {
			size_t k = utf8_fit(p, wl, width - col, true);
			buf_add(out, p, k);
			buf_addch(out, '\n');
			for (unsigned i = 0; i < indent; i++)
				buf_addch(out, ' ');
			p += k;
			wl -= k;
			ww = utf8_width(p, wl);
		}
		if (!empty) {
			buf_addch(out, ' ');
			col++;
		}
		buf_add(out, p, wl);
		col += ww;
		p += wl;
		empty = false;
	}
	buf_addch(out, '\n');
}

void render_summons_text(const struct agenda *a, const struct committee *c,
			 const struct render_origin *origin, unsigned width,
			 struct buf *out)
{
	struct buf b = BUF_INIT;
	if (width < 40)
		width = 40;
	wrap(out, a->committee, width, "", 0);
	buf_addstr(out, "\nNotice of meeting\n\n");
	when_sentence(&b, a);
	wrap(out, b.data, width, "", 0);
	if (has(a->chair)) {
		buf_reset(&b);
		buf_addf(&b, "Chair: %s", a->chair);
		buf_addch(out, '\n');
		wrap(out, b.data, width, "", 2);
	}
	if (c && c->members.n) {
		buf_addstr(out, "\nMembership:\n");
		for (size_t i = 0; i < c->members.n; i++) {
			buf_reset(&b);
			render_person(&b, &c->members.v[i]);
			wrap(out, b.data, width, "  ", 4);
		}
	}
	buf_addstr(out, "\nAgenda\n");
	if (!a->nitems)
		buf_addstr(out, "\n(no items yet)\n");
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		char lead[48];
		snprintf(lead, sizeof(lead), "%s. ", it->number);
		unsigned ind = (unsigned)utf8_width(lead, strlen(lead));
		if (ind > 8)
			ind = 4;
		char pad[12];
		memset(pad, ' ', ind);
		pad[ind] = '\0';
		buf_addch(out, '\n');
		wrap(out, it->title, width, lead, ind);
		if (has(it->purpose)) {
			buf_reset(&b);
			buf_addf(&b, "Purpose: %s", it->purpose);
			wrap(out, b.data, width, pad, ind);
		}
		if (has(it->confirms)) {
			buf_reset(&b);
			confirms_sentence(&b, it->confirms);
			wrap(out, b.data, width, pad, ind);
		}
		if (it->presenters.n) {
			buf_reset(&b);
			presenters_sentence(&b, &it->presenters);
			wrap(out, b.data, width, pad, ind);
		}
		if (has(it->exempt)) {
			buf_reset(&b);
			exempt_sentence(&b, it->exempt);
			wrap(out, b.data, width, pad, ind);
		}
		if (it->documents.n) {
			wrap(out, "Supporting documents:", width, pad, ind);
			char dlead[24];
			snprintf(dlead, sizeof(dlead), "%s  - ", pad);
			for (size_t k = 0; k < it->documents.n; k++) {
				buf_reset(&b);
				document_text(&b, &it->documents.v[k]);
				wrap(out, b.data, width, dlead, ind + 4);
			}
		}
	}
	if (origin) {
		buf_reset(&b);
		render_provenance(NULL, origin, &b);
		buf_addch(out, '\n');
		wrap(out, b.data, width, "", 0);
	}
	buf_free(&b);
}

/* ---- Markdown ---- */

/* Text on one line with everything Markdown could read as markup escaped
 * (as render_md does for the minutes). */
static void md(struct buf *out, const char *s, bool line_start)
{
	if (line_start) {
		while (*s == ' ')
			s++;
		if (*s && strchr("+-=", *s))
			buf_addch(out, '\\');
		size_t d = strspn(s, "0123456789");
		if (d && d < 10 && (s[d] == '.' || s[d] == ')')) {
			buf_add(out, s, d);
			buf_addch(out, '\\');
			s += d;
		}
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>&|~#", *s))
			buf_addch(out, '\\');
		buf_addch(out, *s == '\n' || *s == '\t' ? ' ' : *s);
	}
}

void render_summons_markdown(const struct agenda *a, const struct committee *c,
			     const struct render_origin *origin, struct buf *out)
{
	struct buf b = BUF_INIT;
	buf_addstr(out, "# ");
	md(out, a->committee, false);
	buf_addstr(out, "\n\n## Notice of meeting\n\n");
	when_sentence(&b, a);
	md(out, b.data, true);
	buf_addstr(out, "\n\n");
	if (has(a->chair)) {
		buf_addstr(out, "Chair: ");
		md(out, a->chair, false);
		buf_addstr(out, "\n\n");
	}
	if (c && c->members.n) {
		buf_addstr(out, "### Membership\n\n");
		for (size_t i = 0; i < c->members.n; i++) {
			buf_reset(&b);
			render_person(&b, &c->members.v[i]);
			buf_addstr(out, "- ");
			md(out, b.data, false);
			buf_addch(out, '\n');
		}
		buf_addch(out, '\n');
	}
	buf_addstr(out, "## Agenda\n\n");
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		buf_addstr(out, "### ");
		md(out, it->number, false);
		buf_addstr(out, ". ");
		md(out, it->title, false);
		buf_addstr(out, "\n\n");
		if (has(it->purpose)) {
			buf_addstr(out, "Purpose: ");
			md(out, it->purpose, false);
			buf_addstr(out, "\n\n");
		}
		if (has(it->confirms)) {
			buf_reset(&b);
			confirms_sentence(&b, it->confirms);
			md(out, b.data, true);
			buf_addstr(out, "\n\n");
		}
		if (it->presenters.n) {
			buf_reset(&b);
			presenters_sentence(&b, &it->presenters);
			md(out, b.data, true);
			buf_addstr(out, "\n\n");
		}
		if (has(it->exempt)) {
			buf_reset(&b);
			exempt_sentence(&b, it->exempt);
			buf_addstr(out, "**");
			md(out, b.data, false);
			buf_addstr(out, "**\n\n");
		}
		if (it->documents.n) {
			buf_addstr(out, "Supporting documents:\n\n");
			for (size_t k = 0; k < it->documents.n; k++) {
				const struct document *d = &it->documents.v[k];
				buf_addstr(out, "- ");
				if (has(d->ref) && (render_ref_url(d->ref) || render_ref_path(d->ref))) {
					buf_addch(out, '[');
					md(out, d->title, false);
					buf_addstr(out, "](<");
					render_url_encode(out, d->ref);
					buf_addstr(out, ">)");
				} else {
					buf_reset(&b);
					document_text(&b, d);
					md(out, b.data, false);
				}
				buf_addch(out, '\n');
			}
			buf_addch(out, '\n');
		}
	}
	if (origin) {
		buf_reset(&b);
		render_provenance(NULL, origin, &b);
		buf_addstr(out, "---\n\n");
		md(out, b.data, true);
		buf_addch(out, '\n');
	}
	buf_free(&b);
}

/* ---- HTML ---- */

static void el(struct buf *out, const char *tag, const char *text)
{
	buf_addf(out, "<%s>", tag);
	render_html_escape(out, text);
	buf_addf(out, "</%s>\n", tag);
}

static void a_link(struct buf *out, const char *href, const char *label)
{
	buf_addstr(out, "<a href=\"");
	render_html_escape(out, href);
	buf_addstr(out, "\">");
	render_html_escape(out, label);
	buf_addstr(out, "</a>");
}

void render_summons_html(const struct agenda *a, const struct committee *c,
			 const struct render_origin *origin, const struct html_nav *nav,
			 struct buf *out)
{
	struct buf b = BUF_INIT, href = BUF_INIT;
	buf_addf(&b, "%s: notice of meeting, ", a->committee);
	render_short_date(&b, a->date);
	buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		   "<meta charset=\"utf-8\" />\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
		   "<meta name=\"generator\" content=\"gavel " GAVEL_VERSION "\" />\n");
	el(out, "title", b.data);
	buf_addstr(out, "<style>\nbody { font-family: Georgia, serif; line-height: 1.5; "
		   "margin: 0 auto; max-width: 42em; padding: 1em; color: #111; "
		   "background: #fff; }\nnav ul { list-style: none; padding: 0; }\n"
		   "nav li { display: inline; margin-right: 1em; }\n"
		   "ol.agenda { list-style: none; padding: 0; }\nol.agenda > li { margin-top: 1em; }\n.exempt { font-weight: bold; }\n"
		   "footer { border-top: 1px solid #999; margin-top: 2em; font-size: 0.9em; }\n"
		   "</style>\n</head>\n<body>\n");
	if (nav && (nav->home || nav->committee)) {
		buf_addstr(out, "<nav aria-label=\"Minutes archive\">\n<ul>\n");
		if (nav->home) {
			buf_addstr(out, "<li>");
			a_link(out, nav->home, "All committees");
			buf_addstr(out, "</li>\n");
		}
		if (nav->committee) {
			buf_addstr(out, "<li>");
			a_link(out, nav->committee, has(nav->committee_name) ? nav->committee_name
			       : "This committee");
			buf_addstr(out, "</li>\n");
		}
		buf_addstr(out, "</ul>\n</nav>\n");
	}
	buf_addstr(out, "<main>\n");
	el(out, "h1", a->committee);
	el(out, "h2", "Notice of meeting");
	buf_reset(&b);
	when_sentence(&b, a);
	el(out, "p", b.data);
	if (has(a->chair)) {
		buf_reset(&b);
		buf_addf(&b, "Chair: %s", a->chair);
		el(out, "p", b.data);
	}
	if (c && c->members.n) {
		el(out, "h3", "Membership");
		buf_addstr(out, "<ul class=\"membership\">\n");
		for (size_t i = 0; i < c->members.n; i++) {
			buf_reset(&b);
			render_person(&b, &c->members.v[i]);
			el(out, "li", b.data);
		}
		buf_addstr(out, "</ul>\n");
	}
	el(out, "h2", "Agenda");
	buf_addstr(out, "<ol class=\"agenda\">\n");
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		/* The item's own number is in its heading ("3a" too). */
		buf_addstr(out, "<li>\n");
		buf_reset(&b);
		buf_addf(&b, "%s. %s", it->number, it->title);
		el(out, "h3", b.data);
		if (has(it->purpose)) {
			buf_reset(&b);
			buf_addf(&b, "Purpose: %s", it->purpose);
			el(out, "p", b.data);
		}
		if (has(it->confirms)) {
			buf_reset(&b);
			confirms_sentence(&b, it->confirms);
			el(out, "p", b.data);
		}
		if (it->presenters.n) {
			buf_reset(&b);
			presenters_sentence(&b, &it->presenters);
			el(out, "p", b.data);
		}
		if (has(it->exempt)) {
			buf_reset(&b);
			exempt_sentence(&b, it->exempt);
			buf_addstr(out, "<p class=\"exempt\">");
			render_html_escape(out, b.data);
			buf_addstr(out, "</p>\n");
		}
		if (it->documents.n) {
			el(out, "p", "Supporting documents:");
			buf_addstr(out, "<ul>\n");
			for (size_t k = 0; k < it->documents.n; k++) {
				const struct document *doc = &it->documents.v[k];
				buf_addstr(out, "<li>");
				buf_reset(&href);
				bool linked = false;
				if (has(doc->ref)) {
					if (nav && nav->doc_href)
						linked = nav->doc_href(nav->ctx, doc->ref, &href);
					else if (render_ref_url(doc->ref) || render_ref_path(doc->ref)) {
						render_url_encode(&href, doc->ref);
						linked = true;
					}
				}
				if (linked) {
					a_link(out, href.data, doc->title);
				} else {
					buf_reset(&b);
					document_text(&b, doc);
					render_html_escape(out, b.data);
				}
				buf_addstr(out, "</li>\n");
			}
			buf_addstr(out, "</ul>\n");
		}
		buf_addstr(out, "</li>\n");
	}
	buf_addstr(out, "</ol>\n</main>\n<footer>\n");
	if (origin) {
		buf_reset(&b);
		render_provenance(NULL, origin, &b);
		el(out, "p", b.data);
	}
	buf_addstr(out, "</footer>\n</body>\n</html>\n");
	buf_free(&b);
	buf_free(&href);
}
