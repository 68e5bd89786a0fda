/* diag: the list of problems found while reading or writing. */
#include "minutes/base/diag.h"
#include "minutes/base/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

void diags_clear(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	d->n = 0;
	d->dropped = 0;
}

void diags_free(struct diags *d)
{
	diags_clear(d);
	free(d->v);
	diags_init(d);
}

void diags_add(struct diags *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...)
{
	if (d->n >= DIAG_MAX) {
		d->dropped++;
		return;
	}
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	struct diag *x = &d->v[d->n++];
	x->file = file ? xstrdup(file) : NULL;
	x->line = line;
	x->col = col;
	x->msg = buf_detach(&b, NULL);
}

size_t diags_count(const struct diags *d)
{
	return d->n + d->dropped;
}

static int cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

void diags_sort(struct diags *d)
{
	/* Stable enough for our use: problems of one file share its name. */
	size_t start = 0;
	for (size_t i = 1; i <= d->n; i++) {
		if (i == d->n || !d->v[i].file || !d->v[start].file ||
		    strcmp(d->v[i].file, d->v[start].file)) {
			qsort(d->v + start, i - start, sizeof(*d->v), cmp);
			start = i;
		}
	}
}

char *diag_format(const struct diag *d)
{
	struct buf b = BUF_INIT;
	if (d->file) {
		buf_addstr(&b, d->file);
		if (d->line) {
			buf_addf(&b, ":%u", d->line);
			if (d->col)
				buf_addf(&b, ":%u", d->col);
		}
		buf_addstr(&b, ": ");
	}
	buf_addstr(&b, d->msg);
	return buf_detach(&b, NULL);
}
