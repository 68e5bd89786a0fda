/* field_draw: a field drawn on a curses screen (see field_draw.h). */
#include "tui/screen/field_draw.h"

#include "minutes/base/utf8.h"

static void put_cell(WINDOW *win, int y, int x, const wchar_t *wcs,
		     attr_t attr, short pair)
{
	cchar_t cc;
	if (setcchar(&cc, wcs, attr, pair, NULL) == ERR) {
		wchar_t base[2] = { wcs[0], 0 };
		if (setcchar(&cc, base, attr, pair, NULL) == ERR)
			return;
	}
	mvwadd_wch(win, y, x, &cc);
}

/* Draws one cluster from column x: a cell for each spacing character
 * with the zero-width ones after it (as many as a cell holds); marks
 * with no base go on a space, characters Unicode has not assigned show
 * as U+FFFD.  The widths are utf8.h's and add up as utf8_cluster_width
 * counts them. */
static void draw_cluster(WINDOW *win, int y, int x, const char *s, size_t len,
			 attr_t attr, short pair)
{
	const unsigned char *p = (const unsigned char *)s;
	wchar_t wcs[CCHARW_MAX + 1];
	int k = 0, cw = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0)
			break;
		i += (size_t)n;
		int w = utf8_char_width(cp);
		if (w != 0) {
			if (k) {
				wcs[k] = 0;
				put_cell(win, y, x, wcs, attr, pair);
				x += cw;
			}
			k = 0;
			cw = w;
			/* U+FFFD is one column, as an unassigned character is. */
			wcs[k++] = utf8_assigned(cp) ? (wchar_t)cp : 0xFFFD;
			continue;
		}
		if (k == 0) {
			wcs[k++] = L' ';
			cw = 1;
		}
		if (k < CCHARW_MAX)
			wcs[k++] = (wchar_t)cp;
	}
	if (k) {
		wcs[k] = 0;
		put_cell(win, y, x, wcs, attr, pair);
	}
}

void field_draw(struct field *f, WINDOW *win, int y, int x, int h, int w,
		attr_t attr, short pair, bool focus)
{
	if (h <= 0 || w <= 0)
		return;
	field_layout(f, w);
	int rows = (int)f->nlines;
	if (f->cur_row < f->scroll)
		f->scroll = f->cur_row;
	if (f->cur_row >= f->scroll + h)
		f->scroll = f->cur_row - h + 1;
	if (f->scroll > rows - h)
		f->scroll = rows - h > 0 ? rows - h : 0;
	if (f->scroll < 0)
		f->scroll = 0;

	cchar_t blank;
	setcchar(&blank, L" ", attr, pair, NULL);
	const char *s = field_text(f, NULL);
	for (int row = 0; row < h; row++) {
		int col = 0, r = f->scroll + row;
		if (r < rows) {
			const struct field_line *l = &f->lines[r];
			size_t pos = l->start;
			while (pos < l->end) {
				size_t next = field_next_cluster(s, l->end, pos);
				int cw = utf8_cluster_width(s + pos, next - pos);
				if (col + cw > w)
					break;
				draw_cluster(win, y + row, x + col, s + pos, next - pos, attr, pair);
				col += cw;
				pos = next;
			}
		}
		if (col < w)
			mvwhline_set(win, y + row, x + col, &blank, w - col);
	}
	if (focus && f->cur_row >= f->scroll && f->cur_row < f->scroll + h)
		wmove(win, y + f->cur_row - f->scroll, x + f->cur_col);
}
