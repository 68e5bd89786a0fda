/*
 * yamlread_fixture: what the tests of FORMAT.md's reading rules share
 * (test_yamlread, test_yamlread_scalars, test_yamlread_limits): loading a
 * text or a file, expecting a problem at a line and column, and a
 * temporary folder for the rules about the file itself (the group's
 * setup and teardown, make_tmpdir and remove_tmpdir).
 */
#ifndef GAVEL_TEST_YAMLREAD_FIXTURE_H
#define GAVEL_TEST_YAMLREAD_FIXTURE_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"
#include "minutes/format/yamlread.h"

#define NAME "t.yaml"

/* The first three lines of most cases below. */
#define HEAD "format: gavel-minutes/1\ncommittee: C\ndate: 2018-03-14\n"
/* ... and an item on lines 4 to 6 (its keys at column 5): what
 * follows starts on line 7. */
#define ITEM HEAD "items:\n  - number: \"5\"\n    title: T\n"

struct loaded {
	struct diags d;
	struct yamlfile doc;
	int rc;
};

static inline void load_n(struct loaded *l, const char *text, size_t len,
		   enum yamlfile_kind want)
{
	diags_init(&l->d);
	l->rc = yamlfile_load_mem(&l->doc, NAME, text, len, want, &l->d);
}

static inline void load(struct loaded *l, const char *text)
{
	load_n(l, text, strlen(text), YAMLFILE_ANY);
}

static inline void load_path(struct loaded *l, const char *path)
{
	diags_init(&l->d);
	l->rc = yamlfile_load(&l->doc, path, YAMLFILE_ANY, &l->d);
}

static inline void unload(struct loaded *l)
{
	yamlfile_free(&l->doc);
	diags_free(&l->d);
}

static inline void dump(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		print_error("  found: %s\n", s);
		free(s);
	}
}

/* The problem at line:col whose message holds `phrase`, or NULL. */
static inline const struct diag *find(const struct diags *d, unsigned line,
			       unsigned col, const char *phrase)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, phrase))
			return &d->v[i];
	return NULL;
}

/* True when some problem's message holds `phrase`. */
static inline bool mentions(const struct diags *d, const char *phrase)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, phrase))
			return true;
	return false;
}

static inline void expect_at(const struct diags *d, const char *file, unsigned line,
		      unsigned col, const char *phrase)
{
	const struct diag *x = find(d, line, col, phrase);
	if (!x) {
		dump(d);
		fail_msg("expected a problem at %u:%u saying \"%s\"", line, col, phrase);
	}
	assert_non_null(x->file);
	assert_string_equal(x->file, file);
}

static inline void expect_no(const struct diags *d, const char *phrase)
{
	if (mentions(d, phrase)) {
		dump(d);
		fail_msg("expected no problem saying \"%s\"", phrase);
	}
}

static inline void expect_ok_l(struct loaded *l)
{
	if (l->rc != YAMLFILE_OK || diags_count(&l->d)) {
		dump(&l->d);
		fail_msg("expected the file to load (rc %d, %zu problems)", l->rc,
			 diags_count(&l->d));
	}
}

/* Loads `len` bytes and expects them refused with this problem. */
static inline void refused_n(const char *text, size_t len, unsigned line,
		      unsigned col, const char *phrase)
{
	struct loaded l;
	load_n(&l, text, len, YAMLFILE_ANY);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	expect_at(&l.d, NAME, line, col, phrase);
	unload(&l);
}

static inline void refused(const char *text, unsigned line, unsigned col,
		    const char *phrase)
{
	refused_n(text, strlen(text), line, col, phrase);
}

static inline void accepted(const char *text)
{
	struct loaded l;
	load(&l, text);
	expect_ok_l(&l);
	unload(&l);
}

/* The written form of a minutes file's model. */
static inline char *written(const char *text, size_t len)
{
	struct loaded l;
	struct buf b = BUF_INIT;
	load_n(&l, text, len, YAMLFILE_ANY);
	expect_ok_l(&l);
	assert_non_null(l.doc.minutes);
	minutes_write(l.doc.minutes, &b);
	unload(&l);
	return buf_detach(&b, NULL);
}

static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

/* ---- temporary files ---- */

static char tmpdir[4096];

static inline int make_tmpdir(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/gavel-test-yamlread.XXXXXX",
		 t && *t ? t : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int remove_tmpdir(void **state)
{
	(void)state;
	const char *names[] = { "big", "exact", "fifo", "utf16.yaml", "ok.yaml", NULL };
	char path[4200];
	for (int i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	return rmdir(tmpdir);
}

static inline void tmp_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", tmpdir, name);
}

static inline void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

#endif
