/* pdf_doc: what the printed minutes say, paragraph by paragraph (see
 * pdf_doc.h); the words are those of the text form (tui/render). */
#include "tui/print/pdf_doc.h"

#include <stdlib.h>
#include <string.h>

static bool has(const char *s)
{
	return s && *s;
}

static void add(struct pdf_doc *doc, enum pdf_style st, const char *text)
{
	xgrow((void **)&doc->v, &doc->cap, doc->n + 1, sizeof(*doc->v));
	doc->v[doc->n].style = st;
	/* A summary's closing line break is the paragraph's own. */
	size_t len = text ? strlen(text) : 0;
	while (len && text[len - 1] == '\n')
		len--;
	doc->v[doc->n].text = xstrndup(text ? text : "", len);
	doc->n++;
}

/* Adds the buffer's text as a block and empties the buffer. */
static void take(struct pdf_doc *doc, enum pdf_style st, struct buf *b)
{
	add(doc, st, b->data ? b->data : "");
	buf_reset(b);
}

/* "Present: Name (Role), Name (substituting for X)", as the text form
 * says it (render_person). */
static void people(struct pdf_doc *doc, const char *label, const struct people *l)
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
	take(doc, PDF_BODY, &b);
	buf_free(&b);
}

/* "Cllr Jabbar arrived at 18:25, during item 3.", a paragraph each, as
 * the text, Markdown and HTML forms say them (render_movements). */
static void movements(struct pdf_doc *doc, const struct minutes *m)
{
	struct buf b = BUF_INIT;
	if (render_movements(&b, &m->present, &m->in_attendance))
		for (char *line = b.data, *nl; line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			add(doc, PDF_BODY, line);
		}
	buf_free(&b);
}

/* An item as every other form lays it out (render_item_body), in the
 * PDF's styles. */
static void sink_heading(void *ctx, int level, const char *text)
{
	add(ctx, level <= 2 ? PDF_HEADING : PDF_LABEL, text);
}

static void sink_body(void *ctx, const char *text)
{
	add(ctx, PDF_BODY, text);
}

static void sink_item(void *ctx, const char *text)
{
	add(ctx, PDF_BULLET, text);
}

static void sink_document(void *ctx, const struct document *d)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, has(d->title) ? d->title : "(untitled)");
	if (has(d->ref))
		buf_addf(&b, " (%s)", d->ref);
	take(ctx, PDF_BULLET, &b);
	buf_free(&b);
}

static const struct render_sink pdf_sink = {
	sink_heading, sink_body, sink_body, sink_item, sink_document,
};

static void item(struct pdf_doc *doc, const struct minutes *m, const struct agenda *ag,
		 const struct minutes_item *it)
{
	static const struct render_opts public = { 0 };
	render_item_body(&pdf_sink, doc, m, ag, it, &public);
}

/* Draft minutes end with the lines the chair signs; confirmed ones say
 * who signed them and when. */
static void signature(struct pdf_doc *doc, const struct minutes *m)
{
	struct buf b = BUF_INIT;
	if (m->status == MINUTES_CONFIRMED) {
		buf_addstr(&b, "Confirmed as a correct record");
		if (m->confirmed_date[0]) {
			buf_addstr(&b, " on ");
			render_short_date(&b, m->confirmed_date);
		}
		if (has(m->confirmed_by))
			buf_addf(&b, ", signed by %s", m->confirmed_by);
		buf_addch(&b, '.');
	} else {
		buf_addstr(&b, "Signed .............................. Chair"
			   "      Date ...................");
	}
	take(doc, PDF_SIGN, &b);
	buf_free(&b);
}

void pdf_doc_build(struct pdf_doc *doc, const struct minutes *m, const struct agenda *ag,
		   const struct render_origin *origin)
{
	struct buf b = BUF_INIT;
	memset(doc, 0, sizeof(*doc));
	const char *committee = has(m->committee) ? m->committee : "(no committee)";

	buf_addf(&b, "%s: minutes of ", committee);
	render_short_date(&b, m->date);
	doc->title = buf_detach(&b, NULL);
	buf_addf(&b, "%s \xe2\x80\x94 ", committee);
	render_date(&b, m->date);
	doc->running = buf_detach(&b, NULL);
	buf_addstr(&b, m->status == MINUTES_CONFIRMED ? "Confirmed minutes" : "Draft minutes");
	if (origin)
		buf_addf(&b, ", revision %.7s", origin->rev);
	doc->footer = buf_detach(&b, NULL);
	doc->date = xstrdup(origin ? origin->date : "");

	add(doc, PDF_TITLE, committee);
	render_held(&b, m);
	take(doc, PDF_SUBTITLE, &b);
	if (has(m->venue)) {
		buf_addf(&b, "Venue: %s", m->venue);
		take(doc, PDF_BODY, &b);
	}
	if (ag && has(ag->chair)) {
		buf_addf(&b, "Chair: %s", ag->chair);
		take(doc, PDF_BODY, &b);
	}
	render_status(&b, m);
	take(doc, PDF_BODY, &b);
	if (m->present.n || m->apologies.n || m->in_attendance.n || m->absent.n)
		add(doc, PDF_LABEL, "Attendance");
	people(doc, "Present", &m->present);
	people(doc, "Apologies", &m->apologies);
	people(doc, "Absent", &m->absent);
	people(doc, "In attendance", &m->in_attendance);
	movements(doc, m);
	if (m->ndeclarations) {
		add(doc, PDF_LABEL, "Declarations of interest:");
		for (size_t i = 0; i < m->ndeclarations; i++) {
			const struct declaration *d = &m->declarations[i];
			render_declaration(&b, m, d);
			take(doc, PDF_BULLET, &b);
		}
	}
	for (size_t i = 0; i < m->nitems; i++)
		item(doc, m, ag, m->items[i]);
	signature(doc, m);
	if (origin) {
		render_provenance(m, origin, &b);
		take(doc, PDF_SMALL, &b);
	}
	buf_free(&b);
}

void pdf_doc_free(struct pdf_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->v[i].text);
	free(doc->v);
	free(doc->title);
	free(doc->running);
	free(doc->footer);
	free(doc->date);
	memset(doc, 0, sizeof(*doc));
}
