/*
 * render_md: minutes as Markdown (CommonMark), in the published text's
 * structure.  The data can never become markup: every character that
 * Markdown reads as markup anywhere is backslash-escaped, and so is
 * whatever would open a block at the start of a line (a heading, a list
 * item, a quotation, a setext underline); leading spaces, which would
 * make code blocks, are dropped.  Line breaks in the data are kept as hard
 * breaks and blank lines as paragraph breaks.
 */
#include "tui/render/render.h"

#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

/* Characters that are markup wherever they stand. */
static bool md_special(char c)
{
	return c && strchr("\\`*_[]<>&|~#", c) != NULL;
}

/* One line of data (no line break in it), escaped.  `line_start`: it
 * begins a line of the output, where block markup would be read. */
static void md_line(struct buf *out, const char *s, size_t len, bool line_start)
{
	size_t i = 0;
	if (line_start) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len && strchr("+-=", s[i])) {
			buf_addch(out, '\\');
		} else {
			size_t d = i;
			while (d < len && d - i < 10 && s[d] >= '0' && s[d] <= '9')
				d++;
			if (d > i && d < len && (s[d] == '.' || s[d] == ')')) {
				buf_add(out, s + i, d - i);    /* "1." would start a list */
				buf_addch(out, '\\');
				i = d;
			}
		}
	}
	for (; i < len; i++) {
		if (md_special(s[i]))
			buf_addch(out, '\\');
		buf_addch(out, s[i] == '\t' ? ' ' : s[i]);
	}
}

/* Text on one line (a heading, a link's text): line breaks become spaces. */
static void md_inline(struct buf *out, const char *s)
{
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\n");
		md_line(out, p, n, false);
		p += n;
		if (*p) {
			buf_addch(out, ' ');
			while (*p == '\n')
				p++;
		}
	}
}

/* Text that may hold lines and paragraphs; lines after the first are
 * indented by `indent` spaces (to stay inside a list item). */
static void md_text(struct buf *out, const char *s, unsigned indent)
{
	bool first = true;
	unsigned breaks = 0;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\n");
		size_t k = 0;
		while (k < n && (p[k] == ' ' || p[k] == '\t'))
			k++;
		if (k == n) {           /* an empty line: a paragraph's end */
			if (!first)
				breaks = 2;
		} else {
			if (!first) {
				buf_addstr(out, breaks >= 2 ? "\n\n" : "  \n");
				for (unsigned i = 0; i < indent; i++)
					buf_addch(out, ' ');
			}
			md_line(out, p, n, true);
			first = false;
			breaks = 1;
		}
		p += n;
		if (*p)
			p++;
	}
	buf_addch(out, '\n');
}

static void md_para(struct buf *out, const char *s)
{
	buf_addch(out, '\n');
	md_text(out, s, 0);
}

static void md_heading(struct buf *out, const char *hashes, const char *s)
{
	buf_addf(out, "\n%s ", hashes);
	md_inline(out, s);
	buf_addch(out, '\n');
}

static void md_item(struct buf *out, const char *s)
{
	buf_addstr(out, "- ");
	md_text(out, s, 2);
}

static void md_people(struct buf *out, const char *label, const struct people *l,
		      bool *first)
{
	if (!l->n)
		return;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s: ", label);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addstr(&b, ", ");
		render_person(&b, &l->v[i]);
	}
	buf_addstr(out, *first ? "\n" : "  \n");
	md_inline(out, b.data);
	*first = false;
	buf_free(&b);
}

static void md_document(struct buf *out, const struct document *d)
{
	const char *title = has(d->title) ? d->title : "(untitled)";
	buf_addstr(out, "- ");
	if (render_ref_url(d->ref) || render_ref_path(d->ref)) {
		buf_addch(out, '[');
		md_inline(out, title);
		buf_addstr(out, "](");
		render_url_encode(out, d->ref);
		buf_addstr(out, ")\n");
		return;
	}
	struct buf b = BUF_INIT;
	buf_addstr(&b, title);
	if (has(d->ref))
		buf_addf(&b, " (%s)", d->ref);
	md_inline(out, b.data);
	buf_addch(out, '\n');
	buf_free(&b);
}

/* ---- the Markdown layout of an item ---- */

struct md_sink {
	struct buf *out;
	bool in_list;
};

static void k_heading(void *ctx, int level, const char *text)
{
	struct md_sink *k = ctx;
	if (level == 4)
		md_para(k->out, text);  /* the comments' lead-in, as published */
	else
		md_heading(k->out, level == 2 ? "##" : "###", text);
	k->in_list = false;
}

static void k_para(void *ctx, const char *text)
{
	struct md_sink *k = ctx;
	md_para(k->out, text);
	k->in_list = false;
}

static void k_item(void *ctx, const char *text)
{
	struct md_sink *k = ctx;
	if (!k->in_list)
		buf_addch(k->out, '\n');
	md_item(k->out, text);
	k->in_list = true;
}

static void k_document(void *ctx, const struct document *d)
{
	struct md_sink *k = ctx;
	if (!k->in_list)
		buf_addch(k->out, '\n');
	md_document(k->out, d);
	k->in_list = true;
}

static const struct render_sink md_sink = {
	k_heading, k_para, k_para, k_item, k_document,
};

void render_markdown(const struct minutes *m, const struct agenda *agenda,
		     const struct render_origin *origin, const struct render_opts *opts,
		     struct buf *out)
{
	struct buf b = BUF_INIT;
	buf_addstr(out, "# ");
	md_inline(out, has(m->committee) ? m->committee : "(no committee)");
	buf_addch(out, '\n');
	render_held(&b, m);
	md_para(out, b.data);
	buf_reset(&b);

	/* Venue, chair and status: one paragraph, a line each. */
	buf_addch(out, '\n');
	if (has(m->venue)) {
		buf_addf(&b, "Venue: %s", m->venue);
		md_inline(out, b.data);
		buf_addstr(out, "  \n");
		buf_reset(&b);
	}
	if (agenda && has(agenda->chair)) {
		buf_addf(&b, "Chair: %s", agenda->chair);
		md_inline(out, b.data);
		buf_addstr(out, "  \n");
		buf_reset(&b);
	}
	render_status(&b, m);
	md_inline(out, b.data);
	buf_addch(out, '\n');
	buf_reset(&b);

	if (m->present.n || m->apologies.n || m->absent.n || m->in_attendance.n) {
		bool first = true;
		md_people(out, "Present", &m->present, &first);
		md_people(out, "Apologies", &m->apologies, &first);
		md_people(out, "Absent", &m->absent, &first);
		md_people(out, "In attendance", &m->in_attendance, &first);
		buf_addch(out, '\n');
	}
	if (render_movements(&b, &m->present, &m->in_attendance)) {
		md_para(out, b.data);
		buf_reset(&b);
	}
	if (m->ndeclarations) {
		md_heading(out, "##", "Declarations of interest:");
		buf_addch(out, '\n');
		for (size_t i = 0; i < m->ndeclarations; i++) {
			render_declaration(&b, m, &m->declarations[i]);
			md_item(out, b.data);
			buf_reset(&b);
		}
	}
	struct md_sink k = { out, false };
	for (size_t i = 0; i < m->nitems; i++)
		render_item_body(&md_sink, &k, m, agenda, m->items[i], opts);
	if (origin) {
		buf_addstr(out, "\n---\n");
		render_provenance(m, origin, &b);
		md_para(out, b.data);
	}
	buf_free(&b);
}
