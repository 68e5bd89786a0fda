/*
 * buf: a growable byte buffer for building text.
 *
 * Invariants: `data` is never NULL once initialised (it points at a shared
 * empty string until the first append), data[len] is always '\0', and
 * len < cap whenever cap > 0.  Appending never truncates: on allocation
 * failure the program stops with a message (gavel cannot go on safely
 * without memory, and a half-written minute is worse than a clear exit).
 * The bytes may hold anything, including NUL; `len` is the truth.
 */
#ifndef GAVEL_BUF_H
#define GAVEL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { buf_empty_, 0, 0 }
extern char buf_empty_[];

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_addstr(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Hands the bytes to the caller (free() them) and resets the buffer. */
char *buf_detach(struct buf *b, size_t *len_out);

/* Memory helpers that stop the program on exhaustion. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *v (of *cap elements of `size` bytes) to hold at least `need`. */
void xgrow(void **v, size_t *cap, size_t need, size_t size);

#endif
