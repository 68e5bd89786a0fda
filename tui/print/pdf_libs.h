/*
 * pdf_libs: cairo and pango loaded when a PDF is made, not when gavel
 * starts.  Linked in, they and the ~34 libraries they bring (X11,
 * harfbuzz, fontconfig...) doubled every command's start-up (4.3 to
 * 9.1 ms), though only --format pdf uses them.  Their headers are still
 * read at build time: the table's types are the real prototypes.
 *
 * Test hook: GAVEL_PDF_LIBCAIRO, GAVEL_PDF_LIBPANGO,
 * GAVEL_PDF_LIBPANGOCAIRO and GAVEL_PDF_LIBGOBJECT, when set, name the
 * file loaded in place of that library (tests/cli/test_pdf_libs.sh makes
 * one missing, or one without the functions).  Not for users.
 */
#ifndef GAVEL_PDF_LIBS_H
#define GAVEL_PDF_LIBS_H

#include "minutes/base/diag.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* Every function pdf.c calls, with the library that defines it. */
#define PDF_LIBS_FUNCS(X) \
	X(CAIRO, cairo_create) \
	X(CAIRO, cairo_destroy) \
	X(CAIRO, cairo_line_to) \
	X(CAIRO, cairo_move_to) \
	X(CAIRO, cairo_pdf_surface_create_for_stream) \
	X(CAIRO, cairo_pdf_surface_set_metadata) \
	X(CAIRO, cairo_set_line_width) \
	X(CAIRO, cairo_set_source_rgb) \
	X(CAIRO, cairo_show_page) \
	X(CAIRO, cairo_status) \
	X(CAIRO, cairo_status_to_string) \
	X(CAIRO, cairo_stroke) \
	X(CAIRO, cairo_surface_destroy) \
	X(CAIRO, cairo_surface_finish) \
	X(CAIRO, cairo_surface_status) \
	X(GOBJECT, g_object_unref) \
	X(PANGOCAIRO, pango_cairo_create_layout) \
	X(PANGOCAIRO, pango_cairo_show_layout) \
	X(PANGOCAIRO, pango_cairo_show_layout_line) \
	X(PANGO, pango_font_description_free) \
	X(PANGO, pango_font_description_from_string) \
	X(PANGO, pango_layout_get_extents) \
	X(PANGO, pango_layout_get_iter) \
	X(PANGO, pango_layout_get_line_readonly) \
	X(PANGO, pango_layout_iter_free) \
	X(PANGO, pango_layout_iter_get_baseline) \
	X(PANGO, pango_layout_iter_get_line_extents) \
	X(PANGO, pango_layout_iter_get_line_readonly) \
	X(PANGO, pango_layout_iter_next_line) \
	X(PANGO, pango_layout_set_alignment) \
	X(PANGO, pango_layout_set_ellipsize) \
	X(PANGO, pango_layout_set_font_description) \
	X(PANGO, pango_layout_set_text) \
	X(PANGO, pango_layout_set_width) \
	X(PANGO, pango_layout_set_wrap)

/* A pointer to each, named as the function, typed from its header. */
struct pdf_libs {
#define PDF_LIBS_FIELD(lib, name) __typeof__(name) *name;
	PDF_LIBS_FUNCS(PDF_LIBS_FIELD)
#undef PDF_LIBS_FIELD
};

/* The loaded table, loaded on the first call and kept (with the
 * libraries) until the process ends; or NULL with a diagnostic naming the
 * library or function that is missing and the Debian package to install.
 * Not thread-safe: call it from one thread. */
const struct pdf_libs *pdf_libs_load(struct diags *d);

#endif
