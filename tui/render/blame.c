/* blame: who last changed each field of a meeting's minutes, as text. */
#include "tui/render/blame.h"

#include "minutes/audit/mdiff.h"
#include "minutes/base/utf8.h"
#include "minutes/git/meeting.h"
#include "minutes/git/walk.h"
#include "minutes/search/logcache.h"
#include "tui/render/render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The widest label column: the text keeps room at 80 columns. */
#define LABEL_COLS 18u

/* Appends `s` cut to `cols` columns (with "..." when cut). */
static void add_cut(struct buf *out, const char *s, unsigned cols)
{
	size_t len = strlen(s);
	if (utf8_width(s, len) <= cols) {
		buf_add(out, s, len);
		return;
	}
	buf_add(out, s, utf8_fit(s, len, cols > 3 ? cols - 3 : 0, false));
	buf_addstr(out, "...");
}

/* A revision's parents' ids, full hex: *n of them (malloc'd). */
static char (*parents_of(struct walk_differ *wd, const char *hex, size_t *n))[41]
{
	struct walk_oid id, p[WALK_MAX_PARENTS];
	*n = 0;
	for (size_t i = 0; i < WALK_OID_SIZE; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return NULL;
		id.id[i] = (unsigned char)v;
	}
	size_t np = 0;
	if (walk_parents(wd, &id, p, WALK_MAX_PARENTS, &np) < 0)
		return NULL;
	if (np > WALK_MAX_PARENTS)
		np = WALK_MAX_PARENTS;
	char (*out)[41] = xmalloc((np + 1) * sizeof(*out));
	for (size_t k = 0; k < np; k++)
		for (size_t i = 0; i < WALK_OID_SIZE; i++)
			snprintf(out[k] + 2 * i, 3, "%02x", p[k].id[i]);
	*n = np;
	return out;
}

/* The newest revision after `after` (an index of the log, newest first)
 * whose file is the blob `blob` and that has a blame, or SIZE_MAX. */
static size_t revision_of(char (*blobs)[41], struct mdiff_blame **st, size_t n, size_t after,
			  const char *blob)
{
	for (size_t j = after; j < n; j++)
		if (st[j] && blobs[j][0] && !strcmp(blobs[j], blob))
			return j;
	return SIZE_MAX;
}

/* Drops from `log` (HEAD's history of `path`, newest first) the commits
 * made after `rev`: those HEAD has and `rev` has not. */
static int log_until(struct archive *a, const char *path, const char *rev,
		     struct archive_rev **log, size_t *n, struct diags *d)
{
	struct archive_watch w = { .path = path };
	snprintf(w.since, sizeof(w.since), "%s", rev);
	int rc = archive_changes_since(a, &w, 1, d);
	if (rc == 0 && !w.reachable) {
		diags_add(d, NULL, 0, 0, "revision %.7s is not in the history of HEAD; blame "
			  "follows HEAD's history", rev);
		rc = MEETING_INVALID;
	}
	size_t k = 0;
	for (size_t i = 0; rc == 0 && i < *n; i++) {
		bool later = false;
		for (size_t j = 0; j < w.nrevs && !later; j++)
			later = !strcmp(w.revs[j].id, (*log)[i].id);
		if (later)
			archive_rev_clear(&(*log)[i]);
		else
			(*log)[k++] = (*log)[i];
	}
	if (rc == 0)
		*n = k;
	archive_watches_free(&w, 1);
	return rc;
}

/*
 * Blame along the history as git blame follows it: each revision of the
 * log (oldest first) takes its fields from its parents', a parent's
 * being that of the revision whose file it holds (the newest such; a
 * merge that kept one side's file is not in the log); a merge's field
 * equal to one parent's keeps that parent's revision, so a change that
 * came in through a merge stays with the commit that made it.  A revision
 * that does not load passes its first parent's blame on.  The answer is
 * the blame of the revision whose file HEAD (or `rev`) holds.  `st[k]` is the blame
 * of log[k] (owned[k] when it is its own).
 */
static struct mdiff_blame *blame_walk(struct archive *a, const char *id, const char *path,
				      const char *rev, const struct archive_rev *log, size_t n,
				      struct buf *warnings, struct mdiff_blame **st, bool *owned,
				      size_t *loaded)
{
	char (*blobs)[41] = xcalloc(n + 1, sizeof(*blobs));
	struct walk_differ *wd = walk_differ_new(a);
	struct diags why;
	diags_init(&why);
	for (size_t k = n; k-- > 0;) {
		diags_clear(&why);
		if (archive_blob_id(a, log[k].id, path, blobs[k], &why) < 0)
			blobs[k][0] = '\0';
		size_t np = 0;
		char (*par)[41] = parents_of(wd, log[k].id, &np);
		struct mdiff_blame **ps = xcalloc(np + 1, sizeof(*ps));
		for (size_t p = 0; p < np; p++) {
			char blob[41];
			diags_clear(&why);
			if (archive_blob_id(a, par[p], path, blob, &why) == 0) {
				size_t j = revision_of(blobs, st, n, k + 1, blob);
				ps[p] = j == SIZE_MAX ? NULL : st[j];
			}
		}
		struct minutes *m;
		diags_clear(&why);
		if (meeting_load(a, id, log[k].id, &m, NULL, &why)) {
			char *w = why.n ? diag_format(&why.v[0]) : xstrdup("it does not load");
			buf_addf(warnings, "revision %s skipped: %s\n", log[k].short_id, w);
			free(w);
			for (size_t p = 0; p < np && !st[k]; p++)
				st[k] = ps[p];
		} else {
			st[k] = mdiff_blame_of(m, k, ps, np);
			owned[k] = true;
			(*loaded)++;
		}
		free(ps);
		free(par);
	}
	diags_free(&why);
	walk_differ_free(wd);
	char head[41];
	struct diags quiet;
	diags_init(&quiet);
	size_t j = archive_blob_id(a, rev, path, head, &quiet) == 0
		 ? revision_of(blobs, st, n, 0, head) : SIZE_MAX;
	diags_free(&quiet);
	for (size_t k = 0; j == SIZE_MAX && k < n; k++)
		if (st[k])
			j = k;
	free(blobs);
	return j == SIZE_MAX ? NULL : st[j];
}

/* Appends `s` from column `col` (the text's own), wrapped at spaces to
 * `width` columns, each line after the first `col` spaces in; a word
 * wider than that is broken at the edge. */
static void add_wrapped(struct buf *out, const char *s, unsigned col, unsigned width)
{
	unsigned at = col, room = width > col + 10 ? width - col : 10;
	bool start = true;
	while (*s) {
		size_t sp = strspn(s, " "), w = strcspn(s + sp, " ");
		unsigned ww = utf8_width(s + sp, w);
		if (!start && at + sp + ww > col + room) {
			buf_addf(out, "\n%*s", (int)col, "");
			at = col;
			start = true;
		}
		if (!start) {
			buf_add(out, s, sp);
			at += (unsigned)sp;
		}
		s += sp;
		while (ww > room) {     /* wider than a line */
			size_t fit = utf8_fit(s, w, room, true);
			buf_add(out, s, fit);
			buf_addf(out, "\n%*s", (int)col, "");
			s += fit;
			w -= fit;
			ww = utf8_width(s, w);
		}
		buf_add(out, s, w);
		at += ww;
		s += w;
		start = false;
	}
}

static int blame_render(struct buf *text, struct buf *warnings, struct archive *a,
			const char *id, const char *rev, unsigned width, bool wrap,
			struct diags *d);

int blame_text(struct buf *text, struct buf *warnings, struct archive *a, const char *id,
	       unsigned width, struct diags *d)
{
	return blame_render(text, warnings, a, id, NULL, width, false, d);
}

int blame_text_at(struct buf *text, struct buf *warnings, struct archive *a,
		  const char *id, const char *rev, unsigned width, struct diags *d)
{
	return blame_render(text, warnings, a, id, rev, width, false, d);
}

int blame_text_wrapped(struct buf *text, struct buf *warnings, struct archive *a,
		       const char *id, unsigned width, struct diags *d)
{
	return blame_render(text, warnings, a, id, NULL, width, true, d);
}

static int blame_render(struct buf *text, struct buf *warnings, struct archive *a,
			const char *id, const char *rev, unsigned width, bool wrap,
			struct diags *d)
{
	struct archive_rev *log = NULL;
	size_t n = 0;
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = logcache_log(a, path, SIZE_MAX, &log, &n, d);
	if (rc == 0 && rev)
		rc = log_until(a, path, rev, &log, &n, d);
	if (rc < 0 || rc == MEETING_INVALID) {
		free(path);
		archive_revs_free(log, n);
		return rc;
	}
	if (n == 0) {
		free(path);
		diags_add(d, NULL, 0, 0, "no meeting %s in %s", id, archive_path(a));
		archive_revs_free(log, n);
		return MEETING_INVALID;
	}
	struct mdiff_blame **st = xcalloc(n, sizeof(*st));
	bool *owned = xcalloc(n, sizeof(*owned));
	size_t loaded = 0;
	struct mdiff_blame *bl = blame_walk(a, id, path, rev, log, n, warnings, st, owned, &loaded);
	free(path);
	struct mdiff_blame_field *f = NULL;
	size_t nf = 0;
	if (bl)
		mdiff_blame_fields(bl, &f, &nf);
	for (size_t k = 0; k < n; k++)
		if (owned[k])
			mdiff_blame_free(st[k]);
	free(st);
	free(owned);
	/* Columns: the authors padded to the longest, the labels to the
	 * longest of at most LABEL_COLS (a longer one, "item 5 action 1
	 * owner", pushes its own text along rather than every line's); a star
	 * after the author when the revision was not made by gavel (no
	 * Made-by trailer), each such revision named below the fields. */
	unsigned wa = 0, wl = 0;
	bool *plain = xcalloc(n, sizeof(*plain)), any = false;
	for (size_t k = 0; k < n; k++)
		plain[k] = !archive_made_by_gavel(log[k].message);
	for (size_t i = 0; i < nf; i++)
		any = any || plain[f[i].rev];
	for (size_t i = 0; i < nf; i++) {
		const char *name = log[f[i].rev].author_name;
		unsigned x = utf8_width(name, strlen(name)), y = utf8_width(f[i].label, strlen(f[i].label));
		wa = x > wa ? x : wa;
		wl = y > wl && y <= LABEL_COLS ? y : wl;
	}
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < nf; i++) {
		const struct archive_rev *r = &log[f[i].rev];
		char day[11];
		render_rev_date(r, day);
		buf_reset(&line);
		buf_addf(&line, "%s %s %s", r->short_id, day, r->author_name);
		buf_addf(&line, "%*s%s  %s", (int)(wa - utf8_width(r->author_name, strlen(r->author_name))),
			 "", !any ? "" : plain[f[i].rev] ? " *" : "  ", f[i].label);
		unsigned lw = utf8_width(f[i].label, strlen(f[i].label));
		buf_addf(&line, "%*s  ", (int)(wl > lw ? wl - lw : 0), "");
		unsigned used = utf8_width(line.data, line.len);
		if (wrap)
			add_wrapped(&line, f[i].text, used, width);
		else
			add_cut(&line, f[i].text, width > used + 10 ? width - used : 10);
		buf_addch(&line, '\n');
		buf_add(text, line.data, line.len);
	}
	for (size_t i = 0; i < nf; i++) {
		size_t k = f[i].rev;
		if (!plain[k])
			continue;
		plain[k] = false;       /* named once */
		buf_addf(text, "* %s was not made by gavel (no Made-by trailer)\n", log[k].short_id);
	}
	free(plain);
	buf_free(&line);
	mdiff_blame_fields_free(f, nf);
	archive_revs_free(log, n);
	if (!loaded) {
		diags_add(d, NULL, 0, 0, "no revision of %s loads", id);
		return MEETING_INVALID;
	}
	return 0;
}
