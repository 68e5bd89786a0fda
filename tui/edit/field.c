/* field: the text field model (see field.h); no curses here. */
#include "tui/edit/field.h"
#include "minutes/base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define PASTE_MAX ((size_t)4 << 20)

enum edit_kind { EDIT_OTHER, EDIT_TYPE, EDIT_BACKSPACE, EDIT_DELETE };

/* One undo step: at `pos`, `removed` was replaced by `inserted`. */
struct field_edit {
	size_t pos;
	struct buf removed, inserted;
	size_t cur_before, cur_after;
	enum edit_kind kind;
};

/* ---- characters and clusters -------------------------------------- */

/* The text is always valid UTF-8, so decoding cannot fail; the checks
 * are for safety only. */
static uint32_t cp_at(const char *s, size_t len, size_t p, size_t *n)
{
	uint32_t cp;
	int k = utf8_decode((const unsigned char *)s + p, len - p, &cp);
	if (k <= 0) {
		*n = 1;
		return 0xFFFD;
	}
	*n = (size_t)k;
	return cp;
}

/* Clusters and their widths follow the program's one rule (utf8.h). */
static size_t next_cluster(const char *s, size_t len, size_t p)
{
	return utf8_cluster_next(s, len, p);
}

static size_t prev_cluster(const char *s, size_t len, size_t p)
{
	return utf8_cluster_prev(s, len, p);
}

static bool at_boundary(const char *s, size_t len, size_t p)
{
	return utf8_cluster_boundary(s, len, p);
}

size_t field_next_cluster(const char *s, size_t len, size_t pos)
{
	return utf8_cluster_next(s, len, pos);
}

static bool is_space(uint32_t cp)
{
	if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F)	/* no-break */
		return false;
	return cp == ' ' || iswspace((wint_t)cp);
}

static bool is_word(uint32_t cp)
{
	return cp == '_' || iswalnum((wint_t)cp);
}

static bool word_before(const struct field *f, size_t p)
{
	size_t n, q = prev_cluster(f->text.data, f->text.len, p);
	return is_word(cp_at(f->text.data, f->text.len, q, &n));
}

static bool word_after(const struct field *f, size_t p)
{
	size_t n;
	return is_word(cp_at(f->text.data, f->text.len, p, &n));
}

static size_t word_left(const struct field *f, size_t p)
{
	const char *s = f->text.data;
	size_t len = f->text.len;
	while (p > 0 && !word_before(f, p))
		p = prev_cluster(s, len, p);
	while (p > 0 && word_before(f, p))
		p = prev_cluster(s, len, p);
	return p;
}

static size_t word_right(const struct field *f, size_t p)
{
	const char *s = f->text.data;
	size_t len = f->text.len;
	while (p < len && !word_after(f, p))
		p = next_cluster(s, len, p);
	while (p < len && word_after(f, p))
		p = next_cluster(s, len, p);
	return p;
}

static size_t utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Appends s to out filtered as field.h says. */
static void filter(bool multiline, const char *s, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0) {
			i++;
			continue;
		}
		i += (size_t)n;
		if (cp == '\r' || cp == '\n') {
			if (cp == '\r' && i < len && p[i] == '\n')
				i++;
			if (multiline)
				buf_addch(out, '\n');
			else if (i < len)
				buf_addch(out, ' ');
		} else if (cp == '\t') {
			buf_addch(out, ' ');
		} else if (!utf8_forbidden(cp)) {
			buf_add(out, s + i - n, (size_t)n);
		}
	}
}

/* ---- editing ------------------------------------------------------- */

static void splice(struct buf *b, size_t pos, size_t del, const char *ins, size_t n)
{
	if (n > del)
		buf_grow(b, n - del);
	if (b->len - pos - del)
		memmove(b->data + pos + n, b->data + pos + del, b->len - pos - del);
	if (n)
		memcpy(b->data + pos, ins, n);
	b->len = b->len - del + n;
	if (b->cap)
		b->data[b->len] = '\0';
}

static void changed(struct field *f)
{
	f->changes++;
	f->laid_out = false;
	f->goal_col = -1;
}

static void snap_cursor(struct field *f)
{
	if (f->cur > f->text.len)
		f->cur = f->text.len;
	if (!at_boundary(f->text.data, f->text.len, f->cur))
		f->cur = next_cluster(f->text.data, f->text.len, f->cur);
}

static void edit_free(struct field_edit *e)
{
	buf_free(&e->removed);
	buf_free(&e->inserted);
}

/* Whether the edit about to be made can join the last undo step. */
static bool merge(struct field *f, size_t pos, size_t del, const char *ins,
		  size_t n, enum edit_kind kind)
{
	if (kind == EDIT_OTHER || !f->group_open || f->undo_pos != f->nundo ||
	    f->nundo == 0)
		return false;
	struct field_edit *e = &f->undo[f->nundo - 1];
	if (e->kind != kind)
		return false;
	const char *t = f->text.data;
	switch (kind) {
	case EDIT_TYPE:
		/* A word and the spaces after it make one step. */
		if (del || pos != e->pos + e->inserted.len || e->removed.len)
			return false;
		if (e->inserted.len && e->inserted.data[e->inserted.len - 1] == ' ' &&
		    !(n == 1 && ins[0] == ' '))
			return false;
		buf_add(&e->inserted, ins, n);
		return true;
	case EDIT_BACKSPACE:
		if (n || pos + del != e->pos || e->inserted.len)
			return false;
		{
			struct buf r = BUF_INIT;
			buf_add(&r, t + pos, del);
			buf_add(&r, e->removed.data, e->removed.len);
			buf_free(&e->removed);
			e->removed = r;
			e->pos = pos;
		}
		return true;
	case EDIT_DELETE:
		if (n || pos != e->pos || e->inserted.len)
			return false;
		buf_add(&e->removed, t + pos, del);
		return true;
	case EDIT_OTHER:
		break;
	}
	return false;
}

/* Replaces del bytes at pos with ins, puts the cursor at `cur` (snapped
 * to a cluster boundary) and records the undo step. */
static void edit(struct field *f, size_t pos, size_t del, const char *ins,
		 size_t n, size_t cur, enum edit_kind kind)
{
	struct field_edit *e;
	if (merge(f, pos, del, ins, n, kind)) {
		e = &f->undo[f->nundo - 1];
	} else {
		while (f->nundo > f->undo_pos)
			edit_free(&f->undo[--f->nundo]);
		if (f->nundo == FIELD_UNDO_MAX) {
			edit_free(&f->undo[0]);
			memmove(f->undo, f->undo + 1, (f->nundo - 1) * sizeof(*f->undo));
			f->nundo--;
		}
		xgrow((void **)&f->undo, &f->undo_cap, f->nundo + 1, sizeof(*f->undo));
		e = &f->undo[f->nundo++];
		e->pos = pos;
		buf_init(&e->removed);
		buf_init(&e->inserted);
		buf_add(&e->removed, f->text.data + pos, del);
		buf_add(&e->inserted, ins, n);
		e->cur_before = f->cur;
		e->kind = kind;
		f->undo_pos = f->nundo;
	}
	splice(&f->text, pos, del, ins, n);
	f->cur = cur;
	snap_cursor(f);
	e->cur_after = f->cur;
	f->group_open = kind != EDIT_OTHER;
	changed(f);
}

static void edit_delete(struct field *f, size_t from, size_t to, enum edit_kind kind)
{
	edit(f, from, to - from, NULL, 0, from, kind);
}

static void keep_killed(struct field *f, size_t from, size_t to)
{
	buf_reset(&f->kill);
	buf_add(&f->kill, f->text.data + from, to - from);
}

/* ---- the public functions ----------------------------------------- */

void field_init(struct field *f, unsigned flags)
{
	memset(f, 0, sizeof(*f));
	buf_init(&f->text);
	buf_init(&f->kill);
	buf_init(&f->paste);
	f->flags = flags;
	f->goal_col = -1;
}

static void forget_undo(struct field *f)
{
	for (size_t i = 0; i < f->nundo; i++)
		edit_free(&f->undo[i]);
	f->nundo = f->undo_pos = 0;
	f->group_open = false;
}

struct field *field_new(unsigned flags)
{
	struct field *f = xmalloc(sizeof(*f));
	field_init(f, flags);
	return f;
}

void field_delete(struct field *f)
{
	if (!f)
		return;
	field_free(f);
	free(f);
}

void field_free(struct field *f)
{
	forget_undo(f);
	free(f->undo);
	free(f->lines);
	buf_free(&f->text);
	buf_free(&f->kill);
	buf_free(&f->paste);
	memset(f, 0, sizeof(*f));
	buf_init(&f->text);
	buf_init(&f->kill);
	buf_init(&f->paste);
}

void field_set_text(struct field *f, const char *s, size_t len)
{
	struct buf t = BUF_INIT;
	filter(field_multiline(f), s, len, &t);
	buf_free(&f->text);
	f->text = t;
	f->cur = t.len;
	forget_undo(f);
	changed(f);
}

const char *field_text(const struct field *f, size_t *len)
{
	if (len)
		*len = f->text.len;
	return f->text.data;
}

bool field_multiline(const struct field *f)
{
	return (f->flags & FIELD_MULTILINE) != 0;
}

unsigned long field_changes(const struct field *f)
{
	return f->changes;
}

size_t field_cursor(const struct field *f)
{
	return f->cur;
}

void field_set_cursor(struct field *f, size_t pos)
{
	f->cur = pos;
	snap_cursor(f);
	f->goal_col = -1;
	f->group_open = false;
}

bool field_insert(struct field *f, const char *s, size_t len)
{
	struct buf t = BUF_INIT;
	filter(field_multiline(f), s, len, &t);
	bool any = t.len > 0;
	if (any)
		edit(f, f->cur, 0, t.data, t.len, f->cur + t.len, EDIT_OTHER);
	buf_free(&t);
	return any;
}

bool field_replace(struct field *f, const char *s, size_t len)
{
	struct buf t = BUF_INIT;
	filter(field_multiline(f), s, len, &t);
	bool same = t.len == f->text.len && memcmp(t.data, f->text.data, t.len) == 0;
	if (!same)
		edit(f, 0, f->text.len, t.data, t.len, t.len, EDIT_OTHER);
	buf_free(&t);
	return !same;
}

bool field_insert_wch(struct field *f, wchar_t wc)
{
	char u[4];
	if (wc < 0 || (uint32_t)wc > 0x10FFFF || (wc >= 0xD800 && wc <= 0xDFFF))
		return false;
	uint32_t cp = (uint32_t)wc;
	if (cp == '\r' || cp == '\n') {
		if (!field_multiline(f))
			return false;
		edit(f, f->cur, 0, "\n", 1, f->cur + 1, EDIT_OTHER);
		return true;
	}
	if (cp == '\t')
		cp = ' ';
	if (utf8_forbidden(cp))
		return false;
	size_t n = utf8_put(u, cp);
	edit(f, f->cur, 0, u, n, f->cur + n, EDIT_TYPE);
	return true;
}

void field_paste_begin(struct field *f)
{
	buf_reset(&f->paste);
	f->pasting = true;
}

void field_paste_wch(struct field *f, wchar_t wc)
{
	char u[4];
	if (!f->pasting || wc < 0 || (uint32_t)wc > 0x10FFFF ||
	    (wc >= 0xD800 && wc <= 0xDFFF))
		return;
	size_t n = utf8_put(u, (uint32_t)wc);
	if (f->paste.len + n <= PASTE_MAX)
		buf_add(&f->paste, u, n);
}

bool field_paste_end(struct field *f)
{
	if (!f->pasting)
		return false;
	f->pasting = false;
	bool any = field_insert(f, f->paste.data, f->paste.len);
	buf_free(&f->paste);
	return any;
}

bool field_pasting(const struct field *f)
{
	return f->pasting;
}

/* ---- layout -------------------------------------------------------- */

static void push_line(struct field *f, size_t start, size_t end, int cols, bool soft)
{
	xgrow((void **)&f->lines, &f->lines_cap, f->nlines + 1, sizeof(*f->lines));
	f->lines[f->nlines++] = (struct field_line){ start, end, cols, soft };
}

/* A line ended by LF or by the end of the text.  When it is full, the
 * cursor at its end needs a cell: an empty line follows. */
static void end_hard(struct field *f, int width, size_t start, size_t end, int cols)
{
	if (width > 0 && cols >= width) {
		push_line(f, start, end, cols, true);
		push_line(f, end, end, 0, false);
	} else {
		push_line(f, start, end, cols, false);
	}
}

static void build_lines(struct field *f, int width)
{
	const char *s = f->text.data;
	size_t len = f->text.len, pos = 0, start = 0, brk = 0, n;
	int cols = 0, brk_cols = 0;
	bool has_brk = false;

	f->nlines = 0;
	for (;;) {
		if (pos >= len) {
			end_hard(f, width, start, len, cols);
			break;
		}
		if (s[pos] == '\n') {
			end_hard(f, width, start, pos, cols);
			start = ++pos;
			cols = 0;
			has_brk = false;
			continue;
		}
		size_t next = next_cluster(s, len, pos);
		int cw = utf8_cluster_width(s + pos, next - pos);
		bool space = is_space(cp_at(s, len, pos, &n));
		if (width > 0 && !space && cols > 0 && cols + cw > width) {
			if (cw >= 2 || !has_brk) {
				/* Break right here: before a wide character, or
				 * inside a word longer than the line. */
				push_line(f, start, pos, cols, true);
				start = pos;
				cols = 0;
			} else {
				push_line(f, start, brk, brk_cols, true);
				start = brk;
				cols -= brk_cols;
			}
			has_brk = false;
			continue;
		}
		pos = next;
		cols += cw;
		if (space || cw >= 2) {
			has_brk = true;
			brk = pos;
			brk_cols = cols;
		}
	}
}

static int cols_between(const char *s, size_t len, size_t from, size_t to)
{
	int cols = 0;
	while (from < to) {
		size_t next = next_cluster(s, len, from);
		cols += utf8_cluster_width(s + from, next - from);
		from = next;
	}
	return cols;
}

void field_layout(struct field *f, int width)
{
	if (width < 0)
		width = 0;
	if (!f->laid_out || f->width != width) {
		build_lines(f, width);
		f->width = width;
		f->laid_out = true;
	}
	/* The cursor's line is the last one starting at or before it
	 * (starts only grow). */
	size_t lo = 0, hi = f->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid].start <= f->cur)
			lo = mid;
		else
			hi = mid;
	}
	f->cur_row = (int)lo;
	f->cur_col = cols_between(f->text.data, f->text.len, f->lines[lo].start, f->cur);
	if (width > 0 && f->cur_col >= width)
		f->cur_col = width - 1;
}

/* ---- commands ------------------------------------------------------ */

static bool move_to(struct field *f, size_t pos)
{
	f->group_open = false;
	f->goal_col = -1;
	if (pos == f->cur)
		return false;
	f->cur = pos;
	return true;
}

/* Up or down a visual line, aiming at the goal column. */
static bool move_row(struct field *f, int delta)
{
	field_layout(f, f->width);
	int goal = f->goal_col >= 0 ? f->goal_col : f->cur_col;
	long row = (long)f->cur_row + delta;
	f->group_open = false;
	if (row < 0 || (size_t)row >= f->nlines)
		return false;
	const struct field_line *l = &f->lines[row];
	const char *s = f->text.data;
	size_t len = f->text.len, pos = l->start;
	int col = 0;
	while (pos < l->end) {
		size_t next = next_cluster(s, len, pos);
		if (l->soft && next >= l->end)
			break;	/* the end of a wrapped line is the next one's */
		int cw = utf8_cluster_width(s + pos, next - pos);
		if (col + cw > goal)
			break;
		col += cw;
		pos = next;
	}
	f->cur = pos;
	f->goal_col = goal;
	return true;
}

static const struct field_line *cursor_line(struct field *f)
{
	field_layout(f, f->width);
	return &f->lines[f->cur_row];
}

static size_t line_end(const struct field *f, size_t p)
{
	const char *nl = memchr(f->text.data + p, '\n', f->text.len - p);
	return nl ? (size_t)(nl - f->text.data) : f->text.len;
}

static size_t line_start(const struct field *f, size_t p)
{
	while (p > 0 && f->text.data[p - 1] != '\n')
		p--;
	return p;
}

bool field_command(struct field *f, enum field_cmd cmd)
{
	const char *s = f->text.data;
	size_t len = f->text.len, cur = f->cur, to;
	const struct field_line *l;

	if (f->pasting)
		return false;
	switch (cmd) {
	case FIELD_LEFT:
		return move_to(f, prev_cluster(s, len, cur));
	case FIELD_RIGHT:
		return move_to(f, next_cluster(s, len, cur));
	case FIELD_WORD_LEFT:
		return move_to(f, word_left(f, cur));
	case FIELD_WORD_RIGHT:
		return move_to(f, word_right(f, cur));
	case FIELD_HOME:
		l = cursor_line(f);
		return move_to(f, cur == l->start ? 0 : l->start);
	case FIELD_END:
		l = cursor_line(f);
		/* The end of a wrapped line is the next line's start. */
		to = l->soft ? prev_cluster(s, len, l->end) : l->end;
		return move_to(f, cur == to ? len : to);
	case FIELD_TEXT_START:
		return move_to(f, 0);
	case FIELD_TEXT_END:
		return move_to(f, len);
	case FIELD_UP:
		return move_row(f, -1);
	case FIELD_DOWN:
		return move_row(f, 1);
	case FIELD_BACKSPACE:
		if (cur == 0)
			return false;
		edit_delete(f, prev_cluster(s, len, cur), cur, EDIT_BACKSPACE);
		return true;
	case FIELD_DELETE:
		if (cur == len)
			return false;
		edit_delete(f, cur, next_cluster(s, len, cur), EDIT_DELETE);
		return true;
	case FIELD_DELETE_WORD_BACK:
		to = word_left(f, cur);
		if (to == cur)
			return false;
		keep_killed(f, to, cur);
		edit_delete(f, to, cur, EDIT_OTHER);
		return true;
	case FIELD_DELETE_WORD:
		to = word_right(f, cur);
		if (to == cur)
			return false;
		keep_killed(f, cur, to);
		edit_delete(f, cur, to, EDIT_OTHER);
		return true;
	case FIELD_KILL_TO_END:
		to = line_end(f, cur);
		if (to == cur)
			to = cur < len ? cur + 1 : cur;	/* the LF */
		if (to == cur)
			return false;
		keep_killed(f, cur, to);
		edit_delete(f, cur, to, EDIT_OTHER);
		return true;
	case FIELD_KILL_TO_START:
		to = line_start(f, cur);
		if (to == cur)
			return false;
		keep_killed(f, to, cur);
		edit_delete(f, to, cur, EDIT_OTHER);
		return true;
	case FIELD_YANK: {
		f->group_open = false;
		struct buf k = BUF_INIT;
		buf_add(&k, f->kill.data, f->kill.len);
		bool any = field_insert(f, k.data, k.len);
		buf_free(&k);
		return any;
	}
	case FIELD_NEWLINE:
		f->group_open = false;
		return field_insert_wch(f, L'\n');
	case FIELD_UNDO: {
		if (f->undo_pos == 0)
			return false;
		struct field_edit *e = &f->undo[--f->undo_pos];
		splice(&f->text, e->pos, e->inserted.len, e->removed.data, e->removed.len);
		f->cur = e->cur_before;
		f->group_open = false;
		changed(f);
		return true;
	}
	case FIELD_REDO: {
		if (f->undo_pos == f->nundo)
			return false;
		struct field_edit *e = &f->undo[f->undo_pos++];
		splice(&f->text, e->pos, e->removed.len, e->inserted.data, e->inserted.len);
		f->cur = e->cur_after;
		f->group_open = false;
		changed(f);
		return true;
	}
	}
	return false;
}
