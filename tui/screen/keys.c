#include "tui/screen/keys.h"

#include <stdlib.h>
#include <string.h>

#include "minutes/base/utf8.h"
#include "minutes/base/buf.h"
#include "tui/render/render.h"
#include "tui/screen/ui.h"

const struct keymap *keys_find(const char *name)
{
	for (size_t i = 0; keymaps[i]; i++)
		if (!strcmp(keymaps[i]->name, name))
			return keymaps[i];
	return NULL;
}

bool keys_match(const struct key_binding *b, int r, wint_t ch)
{
	for (size_t i = 0; i < KC_MAX && b->codes[i]; i++) {
		if (r == KEY_CODE_YES && b->codes[i] == KC_FN(ch))
			return true;
		if (r == OK && b->codes[i] == (int)ch)
			return true;
	}
	return false;
}

static bool applies(const struct key_binding *b, unsigned mode)
{
	return !b->modes || (b->modes & mode);
}

int keys_action(const struct keymap *m, unsigned mode, int r, wint_t ch)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct key_binding *b = &m->bindings[i];
		if (b->action != KEYS_WIDGET && applies(b, mode) && keys_match(b, r, ch))
			return b->action;
	}
	return 0;
}

/* The key line's text for a binding: its first key name as the table
 * writes it, up to the first comma ("^X, ^Q" shows as "^X"). */
static size_t first_key_len(const char *keys)
{
	const char *comma = strstr(keys, ", ");
	return comma ? (size_t)(comma - keys) : strlen(keys);
}

static int pair_width(const struct key_binding *b)
{
	return (int)(utf8_width(b->keys, first_key_len(b->keys)) + 1 +
		     utf8_width(b->label, strlen(b->label)));
}

static int draw_pair(int y, int x, const struct key_binding *b)
{
	size_t kl = first_key_len(b->keys);
	int kw = (int)utf8_width(b->keys, kl);
	int lw = (int)utf8_width(b->label, strlen(b->label));
	ui_text(y, x, kw, b->keys, kl, ui_attr(THEME_KEYS) | A_BOLD);
	ui_text(y, x + kw + 1, lw, b->label, strlen(b->label), ui_attr(THEME_KEYS));
	return kw + 1 + lw + 2;
}

void keys_line(const struct keymap *m, unsigned mode, int y)
{
	move(y, 0);
	attrset(ui_attr(THEME_KEYS));
	for (int i = 0; i < COLS; i++)
		addch(' ');
	/* The pinned ones first, from the right, so that nothing pushes
	 * "F1 help" off a narrow screen. */
	int right = COLS;
	for (size_t i = m->n; i-- > 0;) {
		const struct key_binding *b = &m->bindings[i];
		if (!b->label || !(b->flags & KB_PINNED) || !applies(b, mode))
			continue;
		int w = pair_width(b);
		if (right - w - 1 < 0)
			break;
		right -= w + 1;
		draw_pair(y, right, b);
	}
	/* The others, in table order; while they do not fit, the one most
	 * willing to go (highest drop, the last of equals) goes. */
	const struct key_binding *shown[64];
	size_t n = 0;
	int total = -2;
	for (size_t i = 0; i < m->n && n < 64; i++) {
		const struct key_binding *b = &m->bindings[i];
		if (!b->label || (b->flags & KB_PINNED) || !applies(b, mode))
			continue;
		shown[n++] = b;
		total += pair_width(b) + 2;
	}
	while (n && total > right - 1) {
		size_t worst = 0;
		for (size_t i = 1; i < n; i++)
			if (KB_DROP_OF(shown[i]->flags) >= KB_DROP_OF(shown[worst]->flags))
				worst = i;
		total -= pair_width(shown[worst]) + 2;
		memmove(&shown[worst], &shown[worst + 1], (n - worst - 1) * sizeof(shown[0]));
		n--;
	}
	int x = 0;
	for (size_t i = 0; i < n; i++)
		x += draw_pair(y, x, shown[i]);
	attrset(A_NORMAL);
}

/* ---- the help page's own keys ---- */

enum { KH_UP = 1, KH_DOWN, KH_PAGE_UP, KH_PAGE_DOWN };

#define ON_HELP "On a help page"

static const struct key_binding help_page_bindings[] = {
	{ KH_UP, 0, { KC_FN(KEY_UP), 'k' }, "Up, k", NULL, ON_HELP, "Scrolls up a line.", 0 },
	{ KH_DOWN, 0, { KC_FN(KEY_DOWN), 'j' }, "Down, j", NULL, ON_HELP,
	  "Scrolls down a line.", 0 },
	{ KEYS_WIDGET, 0, { 0 }, "Up/Down", "scroll", NULL, NULL, KB_NOHELP },
	{ KH_PAGE_UP, 0, { KC_FN(KEY_PPAGE) }, "PgUp", NULL, ON_HELP, "A page up.", 0 },
	{ KH_PAGE_DOWN, 0, { KC_FN(KEY_NPAGE), ' ' }, "PgDn, Space", NULL, ON_HELP,
	  "A page down.", 0 },
	{ KEYS_WIDGET, 0, { 0 }, "PgUp/PgDn", "page", NULL, NULL, KB_NOHELP },
	{ KEYS_WIDGET, 0, { 0 }, "any other key", "back", ON_HELP,
	  "Back to the screen the help page was opened from.", KB_PINNED },
};

const struct keymap keys_help_keymap = {
	.name = "help",
	.title = "Help pages (F1 or ? on every screen)",
	.intro = NULL,
	.bindings = help_page_bindings,
	.n = sizeof(help_page_bindings) / sizeof(help_page_bindings[0]),
	.outro = NULL,
};

bool keys_help_page_key(int r, wint_t ch, size_t *top, long page)
{
	long delta;
	switch (keys_action(&keys_help_keymap, 0, r, ch)) {
	case KH_UP: delta = -1; break;
	case KH_DOWN: delta = 1; break;
	case KH_PAGE_UP: delta = -page; break;
	case KH_PAGE_DOWN: delta = page; break;
	default: return false;
	}
	long t = (long)*top + delta;
	*top = t < 0 ? 0 : (size_t)t;
	return true;
}

/* ---- the help page ---- */

struct lines {
	char **v;
	size_t n, cap;
};

static void add_line(struct lines *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	char *c = xmalloc(len + 1);
	memcpy(c, s, len);
	c[len] = 0;
	l->v[l->n++] = c;
}

/* Adds `text` wrapped to `width` columns, each line after `indent`
 * spaces (the first after `first`, which is already `indent` wide). */
static void add_wrapped(struct lines *l, const char *first, int indent,
			const char *text, int width)
{
	struct buf line = BUF_INIT;
	buf_add(&line, first, strlen(first));
	int room = width - indent;
	if (room < 20)
		room = 20;
	const char *p = text;
	int col = 0;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		size_t wl = strcspn(p, " \n");
		int ww = (int)utf8_width(p, wl);
		if (col && col + 1 + ww > room) {
			add_line(l, line.data, line.len);
			buf_reset(&line);
			buf_addf(&line, "%*s", indent, "");
			col = 0;
		}
		if (col) {
			buf_add(&line, " ", 1);
			col++;
		}
		buf_add(&line, p, wl);
		col += ww;
		p += wl;
	}
	add_line(l, line.data, line.len);
	buf_free(&line);
}

/* The next paragraph of `*p` (paragraphs are parted by a blank line),
 * malloc'd; NULL at the end. */
static char *paragraph_next(const char **p)
{
	if (!**p)
		return NULL;
	const char *end = strstr(*p, "\n\n");
	size_t len = end ? (size_t)(end - *p) : strlen(*p);
	char *para = xstrndup(*p, len);
	*p += len;
	if (**p)
		*p += 2;
	return para;
}

static void add_paragraph(struct lines *l, const char *text, int width)
{
	/* A blank line in the text is a blank line on the page. */
	char *para;
	for (size_t i = 0; (para = paragraph_next(&text)); i++) {
		if (i)
			add_line(l, "", 0);
		add_wrapped(l, "", 0, para, width);
		free(para);
	}
}

static bool section_seen(const struct keymap *m, size_t before, const char *section)
{
	for (size_t i = 0; i < before; i++)
		if (m->bindings[i].section && !strcmp(m->bindings[i].section, section))
			return true;
	return false;
}

static void add_keymap(struct lines *l, const struct keymap *m, int width)
{
	/* The keys' column: as wide as the widest key listed, within reason. */
	int kw = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct key_binding *b = &m->bindings[i];
		if (!b->help || (b->flags & KB_NOHELP) || !b->section)
			continue;
		int w = (int)utf8_width(b->keys, strlen(b->keys));
		if (w > kw)
			kw = w;
	}
	if (kw > 22)
		kw = 22;
	/* Sections in the order they first appear; within one, table order. */
	for (size_t s = 0; s < m->n; s++) {
		const char *section = m->bindings[s].section;
		if (!section || section_seen(m, s, section))
			continue;
		if (l->n)
			add_line(l, "", 0);
		add_line(l, section, strlen(section));
		for (size_t i = s; i < m->n; i++) {
			const struct key_binding *b = &m->bindings[i];
			if (!b->help || (b->flags & KB_NOHELP) || !b->section ||
			    strcmp(b->section, section))
				continue;
			struct buf first = BUF_INIT;
			int w = (int)utf8_width(b->keys, strlen(b->keys));
			buf_addf(&first, "  %s", b->keys);
			if (w > kw) {
				/* A long key name has its text on the next line. */
				add_line(l, first.data, first.len);
				buf_reset(&first);
				buf_addf(&first, "%*s", kw + 4, "");
			} else {
				buf_addf(&first, "%*s", kw - w + 2, "");
			}
			add_wrapped(l, first.data, kw + 4, b->help, width);
			buf_free(&first);
		}
	}
}

size_t keys_help_lines(const struct keymap *m, const struct keymap *const *also,
		       int width, char ***out)
{
	struct lines l = { 0 };
	if (width < 40)
		width = 40;
	if (m->intro) {
		add_paragraph(&l, m->intro, width);
	}
	add_keymap(&l, m, width);
	for (size_t i = 0; also && also[i]; i++)
		add_keymap(&l, also[i], width);
	if (m->outro) {
		add_line(&l, "", 0);
		add_paragraph(&l, m->outro, width);
	}
	*out = l.v;
	return l.n;
}

void keys_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* ---- for people outside the screen: gavel keys, gavel.1 ---- */

void keys_print(FILE *out, const struct keymap *m)
{
	char **lines;
	size_t n = keys_help_lines(m, NULL, 78, &lines);
	fprintf(out, "%s\n\n", m->title);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\n", lines[i]);
	keys_lines_free(lines, n);
}

/* Roff text: a line may not start with . or ', and \ is an escape. */
static void roff_text(FILE *out, const char *s, bool join_lines)
{
	bool at_start = true;
	for (; *s; s++) {
		if (at_start && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		at_start = false;
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else if (*s == '\n' && join_lines)
			fputc(' ', out);
		else
			fputc(*s, out);
		if (*s == '\n' && !join_lines)
			at_start = true;
	}
}

static void roff_paragraph(FILE *out, const char *text)
{
	char *para;
	while ((para = paragraph_next(&text))) {
		fputs(".PP\n", out);
		roff_text(out, para, true);
		fputc('\n', out);
		free(para);
	}
}

void keys_roff(FILE *out, const struct keymap *m)
{
	fputs(".SS ", out);
	roff_text(out, m->title, true);
	fputc('\n', out);
	if (m->intro)
		roff_paragraph(out, m->intro);
	for (size_t s = 0; s < m->n; s++) {
		const char *section = m->bindings[s].section;
		if (!section || section_seen(m, s, section))
			continue;
		fputs(".PP\n.I ", out);
		roff_text(out, section, true);
		fputc('\n', out);
		for (size_t i = s; i < m->n; i++) {
			const struct key_binding *b = &m->bindings[i];
			if (!b->help || (b->flags & KB_NOHELP) || !b->section ||
			    strcmp(b->section, section))
				continue;
			fputs(".TP\n.B ", out);
			roff_text(out, b->keys, true);
			fputc('\n', out);
			roff_text(out, b->help, true);
			fputc('\n', out);
		}
	}
	if (m->outro)
		roff_paragraph(out, m->outro);
}

void keys_help_page(const struct keymap *m, const struct keymap *const *also,
		    size_t *top)
{
	char **lines;
	size_t n = keys_help_lines(m, also, COLS - 2, &lines);
	size_t room = LINES > 2 ? (size_t)LINES - 2 : 1;
	if (*top + room > n)
		*top = n > room ? n - room : 0;
	erase();
	struct buf title = BUF_INIT;
	buf_addf(&title, "gavel: keys of %s", m->title);
	ui_bar(0, title.data, NULL, ui_attr(THEME_HEADER));
	buf_free(&title);
	for (int y = 1; y < LINES - 1 && *top + (size_t)(y - 1) < n; y++) {
		const char *l = lines[*top + (size_t)(y - 1)];
		ui_text(y, 1, COLS - 2, l, strlen(l), A_NORMAL);
	}
	keys_lines_free(lines, n);
	keys_line(&keys_help_keymap, 0, LINES - 1);
	curs_set(0);
}
