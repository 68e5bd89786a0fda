/*
 * change: one changed field's old and new text as gavel diff prints it,
 * the changed words marked (in colour, or [-old-] {+new+} without it)
 * and wrapped at spaces to the width, four spaces in.
 */
#include "tui/render/change.h"

#include "minutes/base/utf8.h"

#include <stdlib.h>
#include <string.h>

#define RED "\033[31m"
#define GREEN "\033[32m"
#define RESET "\033[m"

struct span {
	enum mdiff_span kind;
	const char *s;
	size_t len;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

static void collect(void *ctx, enum mdiff_span kind, const char *s, size_t len)
{
	struct spans *sp = ctx;
	xgrow((void **)&sp->v, &sp->cap, sp->n + 1, sizeof(*sp->v));
	sp->v[sp->n++] = (struct span){ kind, s, len };
}

struct writer {
	struct buf *out;
	bool colour;
	unsigned width, indent, col;
	bool line_start;
	bool glue;                  /* the next word may not start a line */
	enum mdiff_span attr;       /* the colour in force */
};

static void set_attr(struct writer *w, enum mdiff_span kind)
{
	if (!w->colour || kind == w->attr)
		return;
	buf_addstr(w->out, kind == MDIFF_DEL ? RED : kind == MDIFF_INS ? GREEN : RESET);
	w->attr = kind;
}

static void new_line(struct writer *w)
{
	set_attr(w, MDIFF_SAME);
	buf_addf(w->out, "\n%*s", (int)w->indent, "");
	w->col = w->indent;
	w->line_start = true;
}

/* Writes one span's text, word by word, breaking lines at spaces. */
static void put_words(struct writer *w, enum mdiff_span kind, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] == '\n') {
			new_line(w);
			i++;
			continue;
		}
		size_t j = i;
		bool sp = s[i] == ' ' || s[i] == '\t';
		while (j < len && s[j] != '\n' && ((s[j] == ' ' || s[j] == '\t') == sp))
			j++;
		unsigned tw = utf8_width(s + i, j - i);
		if (sp) {
			/* Spaces that end a line are not written. */
			size_t k = j;
			while (k < len && s[k] != '\n' && s[k] != ' ' && s[k] != '\t')
				k++;
			unsigned next = utf8_width(s + j, k - j);
			if (!w->line_start && w->col + tw + next > w->width && k > j) {
				new_line(w);
			} else if (!w->line_start || kind != MDIFF_SAME) {
				set_attr(w, kind);
				buf_add(w->out, s + i, j - i);
				w->col += tw;
			}
		} else {
			if (!w->line_start && !w->glue && w->col + tw > w->width)
				new_line(w);
			w->glue = false;
			set_attr(w, kind);
			buf_add(w->out, s + i, j - i);
			w->col += tw;
			w->line_start = false;
		}
		i = j;
	}
}

void render_change_text(struct buf *out, const struct mdiff_change *ch, bool colour,
			unsigned width)
{
	struct spans sp = { NULL, 0, 0 };
	if (ch->old_text && ch->new_text)
		mdiff_words(ch->old_text, ch->new_text, collect, &sp);
	else if (ch->old_text)
		collect(&sp, MDIFF_DEL, ch->old_text, strlen(ch->old_text));
	else if (ch->new_text)
		collect(&sp, MDIFF_INS, ch->new_text, strlen(ch->new_text));
	else
		return;
	struct writer w = { out, colour, width, 4, 4, true, false, MDIFF_SAME };
	buf_addstr(out, "    ");
	for (size_t i = 0; i < sp.n; i++) {
		const struct span *s = &sp.v[i];
		bool marks = !colour && s->kind != MDIFF_SAME;
		if (marks) {
			/* A mark stays on its word: the line breaks before both. */
			size_t k = 0;
			while (k < s->len && s->s[k] != ' ' && s->s[k] != '\n')
				k++;
			if (!w.line_start && w.col + 2 + utf8_width(s->s, k) > w.width)
				new_line(&w);
			put_words(&w, MDIFF_SAME, s->kind == MDIFF_DEL ? "[-" : "{+", 2);
			w.glue = true;
		}
		put_words(&w, s->kind, s->s, s->len);
		if (marks) {
			w.glue = true;
			put_words(&w, MDIFF_SAME, s->kind == MDIFF_DEL ? "-]" : "+}", 2);
		}
	}
	set_attr(&w, MDIFF_SAME);
	buf_addch(out, '\n');
	free(sp.v);
}

