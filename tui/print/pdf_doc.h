/*
 * pdf_doc: the printed minutes as a list of styled paragraphs, built from
 * the model with no typesetting library in sight (pdf_doc.c); pdf.c lays
 * them out on A4 pages with cairo and pango.
 *
 * Invariants: every text is owned, NUL-terminated UTF-8 and never NULL;
 * `running` is the heading repeated at the top of every page, `footer`
 * the short line at the foot of every page beside "Page N of M".
 */
#ifndef GAVEL_PDF_DOC_H
#define GAVEL_PDF_DOC_H

#include "agenda/agenda.h"
#include "minutes/model/minutes.h"
#include "tui/render/render.h"

#include <stdbool.h>
#include <stddef.h>

enum pdf_style {
	PDF_TITLE,      /* the committee's name */
	PDF_SUBTITLE,   /* "Minutes of the meeting held on ..." */
	PDF_BODY,
	PDF_HEADING,    /* an item's number and title; kept with what follows */
	PDF_LABEL,      /* "Decision:", "Minute 41"; kept with what follows */
	PDF_BULLET,     /* a list entry, with a bullet before it */
	PDF_SIGN,       /* the signature block */
	PDF_SMALL,      /* the revision it was made from */
};

struct pdf_block {
	enum pdf_style style;
	char *text;
};

struct pdf_doc {
	char *title;            /* the PDF's title (its metadata) */
	char *running;          /* the heading on each page */
	char *footer;           /* "Draft minutes, revision 1a2b3c4" */
	char *date;             /* the revision's date, ISO 8601, or "" */
	struct pdf_block *v;
	size_t n, cap;
};

/* The minutes as printed: heading, attendance, declarations, each item
 * (exempt ones by number, title and reason only), the signature block
 * (draft) or the confirmation (confirmed), and the revision. */
void pdf_doc_build(struct pdf_doc *doc, const struct minutes *m, const struct agenda *ag,
		   const struct render_origin *origin);
void pdf_doc_free(struct pdf_doc *doc);

#endif
