/*
 * pdf: the printed minutes laid out on A4 with pango (shaping, line
 * breaking, font fallback through fontconfig: DejaVu for Latin, Greek and
 * Cyrillic, Noto CJK for Chinese, Japanese and Korean) and drawn by
 * cairo's PDF surface.
 *
 * Layout runs twice: the first pass only counts the pages, so that the
 * second can print "Page N of M" on each.  A paragraph breaks across
 * pages between its lines; a heading or a label is kept with the first
 * line of what follows it.
 *
 * cairo and pango are called through pdf_libs' table, loaded when the
 * first PDF is made (pdf_libs.h says why).
 */
#include "tui/print/pdf.h"
#include "tui/print/pdf_doc.h"
#include "tui/print/pdf_libs.h"

#include <string.h>

/* A4 in points, and its margins (2 cm at the sides, room above and
 * below for the running heading and the page number). */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.7
#define TOP    (MARGIN + 22)
#define BOTTOM (PAGE_H - MARGIN - 18)
#define BULLET_INDENT 16.0

#define FONT "DejaVu Sans, Noto Sans CJK JP"

struct style {
	const char *font;       /* a pango font description */
	double before;          /* space above, in points */
	bool keep;              /* kept on the page of what follows */
};

static const struct style styles[] = {
	[PDF_TITLE]    = { FONT " Bold 18", 0, true },
	[PDF_SUBTITLE] = { FONT " 12", 4, false },
	[PDF_BODY]     = { FONT " 10.5", 5, false },
	[PDF_HEADING]  = { FONT " Bold 13", 14, true },
	[PDF_LABEL]    = { FONT " Bold 10.5", 8, true },
	[PDF_BULLET]   = { FONT " 10.5", 3, false },
	[PDF_SIGN]     = { FONT " 11", 36, false },
	[PDF_SMALL]    = { FONT " 8", 18, false },
};

/* cairo's and pango's functions, set by print_pdf before any is called. */
static const struct pdf_libs *lib;

struct page {
	cairo_t *cr;
	const struct pdf_doc *doc;
	int number, total;      /* total 0: the counting pass */
	double y;               /* where the next line goes */
};

static PangoLayout *layout_new(cairo_t *cr, const char *font, const char *text, double width)
{
	PangoLayout *l = lib->pango_cairo_create_layout(cr);
	PangoFontDescription *fd = lib->pango_font_description_from_string(font);
	lib->pango_layout_set_font_description(l, fd);
	lib->pango_font_description_free(fd);
	lib->pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	lib->pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	lib->pango_layout_set_text(l, text, -1);
	return l;
}

/* One line of text at (x, y top), drawn when this is the drawing pass. */
static void show_line(struct page *p, const char *font, const char *text, double x,
		      double y, PangoAlignment align)
{
	PangoLayout *l = layout_new(p->cr, font, text, PAGE_W - 2 * MARGIN);
	lib->pango_layout_set_alignment(l, align);
	lib->pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	lib->cairo_move_to(p->cr, x, y);
	lib->pango_cairo_show_layout(p->cr, l);
	lib->g_object_unref(l);
}

/* The running heading, a rule under it, and the foot of the page. */
static void furniture(struct page *p)
{
	if (!p->total)
		return;
	lib->cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	show_line(p, FONT " 8.5", p->doc->running, MARGIN, MARGIN - 4, PANGO_ALIGN_LEFT);
	lib->cairo_set_line_width(p->cr, 0.5);
	lib->cairo_move_to(p->cr, MARGIN, MARGIN + 10);
	lib->cairo_line_to(p->cr, PAGE_W - MARGIN, MARGIN + 10);
	lib->cairo_stroke(p->cr);
	char number[64];
	snprintf(number, sizeof(number), "Page %d of %d", p->number, p->total);
	show_line(p, FONT " 8.5", p->doc->footer, MARGIN, PAGE_H - MARGIN, PANGO_ALIGN_LEFT);
	show_line(p, FONT " 8.5", number, MARGIN, PAGE_H - MARGIN, PANGO_ALIGN_RIGHT);
	lib->cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(struct page *p)
{
	if (p->number)
		lib->cairo_show_page(p->cr);
	p->number++;
	p->y = TOP;
	furniture(p);
}

/* Height of a layout's first line (what a kept block must have beside it). */
static double first_line_height(PangoLayout *l)
{
	PangoRectangle r;
	PangoLayoutIter *it = lib->pango_layout_get_iter(l);
	lib->pango_layout_iter_get_line_extents(it, NULL, &r);
	lib->pango_layout_iter_free(it);
	return (double)r.height / PANGO_SCALE;
}

static PangoLayout *block_layout(cairo_t *cr, const struct pdf_block *b)
{
	double width = PAGE_W - 2 * MARGIN;
	if (b->style == PDF_BULLET)
		width -= BULLET_INDENT;
	return layout_new(cr, styles[b->style].font, b->text, width);
}

/* Places block i, its lines one by one, moving to a new page where a line
 * does not fit. */
static void place(struct page *p, size_t i)
{
	const struct pdf_block *b = &p->doc->v[i];
	const struct style *st = &styles[b->style];
	PangoLayout *l = block_layout(p->cr, b);
	double x = MARGIN + (b->style == PDF_BULLET ? BULLET_INDENT : 0);
	if (p->y > TOP)
		p->y += st->before;
	/* A heading (and the labels after it) stays with the first line of
	 * what follows. */
	double need = first_line_height(l);
	if (st->keep) {
		PangoRectangle r;
		lib->pango_layout_get_extents(l, NULL, &r);
		need = (double)r.height / PANGO_SCALE;
		for (size_t j = i + 1; j < p->doc->n; j++) {
			PangoLayout *next = block_layout(p->cr, &p->doc->v[j]);
			bool keep = styles[p->doc->v[j].style].keep;
			lib->pango_layout_get_extents(next, NULL, &r);
			need += styles[p->doc->v[j].style].before +
				(keep ? (double)r.height / PANGO_SCALE : first_line_height(next));
			lib->g_object_unref(next);
			if (!keep)
				break;
		}
	}
	if (st->keep && p->y + need > BOTTOM && p->y > TOP)
		new_page(p);
	PangoLayoutIter *it = lib->pango_layout_get_iter(l);
	bool first = true;
	do {
		PangoRectangle r;
		lib->pango_layout_iter_get_line_extents(it, NULL, &r);
		double h = (double)r.height / PANGO_SCALE;
		double base = (double)(lib->pango_layout_iter_get_baseline(it) - r.y) / PANGO_SCALE;
		if (p->y + h > BOTTOM && p->y > TOP)
			new_page(p);
		if (p->total) {
			if (first && b->style == PDF_BULLET) {
				PangoLayout *dot = layout_new(p->cr, st->font, "\xe2\x80\xa2", 20);
				PangoLayoutLine *dl = lib->pango_layout_get_line_readonly(dot, 0);
				lib->cairo_move_to(p->cr, MARGIN + 4, p->y + base);
				lib->pango_cairo_show_layout_line(p->cr, dl);
				lib->g_object_unref(dot);
			}
			lib->cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE, p->y + base);
			lib->pango_cairo_show_layout_line(p->cr, lib->pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
		first = false;
	} while (lib->pango_layout_iter_next_line(it));
	lib->pango_layout_iter_free(it);
	lib->g_object_unref(l);
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* One pass over the document: returns the number of pages, or -1 with
 * cairo's message in d. */
static int typeset(const struct pdf_doc *doc, int total, struct buf *out, struct diags *d)
{
	cairo_surface_t *s = lib->cairo_pdf_surface_create_for_stream(total ? append : discard, out,
								 PAGE_W, PAGE_H);
	if (total) {
		lib->cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
		lib->cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       "gavel " GAVEL_VERSION);
		/* The revision's date, not the clock: the same minutes at the
		 * same revision make the same file. */
		if (doc->date[0]) {
			lib->cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, doc->date);
			lib->cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, doc->date);
		}
	}
	cairo_t *cr = lib->cairo_create(s);
	struct page p = { .cr = cr, .doc = doc, .total = total };
	new_page(&p);
	for (size_t i = 0; i < doc->n; i++)
		place(&p, i);
	lib->cairo_show_page(cr);
	cairo_status_t st = lib->cairo_status(cr);
	lib->cairo_destroy(cr);
	lib->cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = lib->cairo_surface_status(s);
	lib->cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		diags_add(d, NULL, 0, 0, "cannot make the PDF: %s", lib->cairo_status_to_string(st));
		return -1;
	}
	return p.number;
}

int print_pdf(const struct minutes *m, const struct agenda *agenda,
	      const struct render_origin *origin, struct buf *out, struct diags *d)
{
	lib = pdf_libs_load(d);
	if (!lib)
		return -1;
	struct pdf_doc doc;
	pdf_doc_build(&doc, m, agenda, origin);
	int pages = typeset(&doc, 0, NULL, d);
	if (pages > 0)
		pages = typeset(&doc, pages, out, d);
	pdf_doc_free(&doc);
	return pages < 0 ? -1 : 0;
}
