/*
 * print: the minutes as the paper the chair signs, an A4 PDF typeset with
 * cairo and pango, so that every script of the minutes (accents, Welsh,
 * CJK) is shaped and drawn in a font that has it.  The only layer that
 * includes <cairo.h> and pango's headers (make layers checks it).
 */
#ifndef GAVEL_PDF_H
#define GAVEL_PDF_H

#include "agenda/agenda.h"
#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/model/minutes.h"
#include "tui/render/render.h"

/* Appends the PDF of the minutes to `out`: the meeting's heading on every
 * page, "Page N of M", minute numbers, the signature block and the
 * revision.  `agenda` and `origin` may be NULL.  Returns 0, or -1 with a
 * diagnostic when cairo fails, or cannot be loaded (pdf_libs.h). */
int print_pdf(const struct minutes *m, const struct agenda *agenda,
	      const struct render_origin *origin, struct buf *out, struct diags *d);

#endif
