/*
 * diag: problems found in a file or an operation, as values.
 *
 * A diagnostic names the file, line and column (1-based, column counted in
 * characters; 0 when not known) and says what was wrong and what was
 * expected.  Modules append to a list; only the entry point decides how to
 * show them (stderr on the command line, the status line on screen).
 * The list keeps at most DIAG_MAX entries and then counts the rest, so a
 * hostile file cannot fill memory with complaints.
 */
#ifndef GAVEL_DIAG_H
#define GAVEL_DIAG_H

#include <stddef.h>

#define DIAG_MAX 100

struct diag {
	char *file;
	unsigned line;
	unsigned col;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t dropped;   /* problems past DIAG_MAX, not stored */
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);
void diags_clear(struct diags *d);
/* Adds one problem; `file` may be NULL. */
void diags_add(struct diags *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t diags_count(const struct diags *d);
/* Sorts by file order of insertion, then line and column. */
void diags_sort(struct diags *d);
/* "FILE:LINE:COL: message" (parts left out when unknown), into a new string. */
char *diag_format(const struct diag *d);

#endif
