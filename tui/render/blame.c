/* blame: who last changed each field of a meeting's minutes, as text. */
#include "tui/render/blame.h"

#include "minutes/audit/mdiff.h"
#include "minutes/base/utf8.h"
#include "minutes/git/meeting.h"
#include "minutes/search/logcache.h"
#include "tui/render/render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int blame_text(struct buf *text, struct buf *warnings, struct archive *a, const char *id,
	       unsigned width, struct diags *d)
{
	return blame_text_at(text, warnings, a, id, NULL, width, d);
}

int blame_text_at(struct buf *text, struct buf *warnings, struct archive *a,
		  const char *id, const char *rev, unsigned width, struct diags *d)
{
	struct archive_rev *log = NULL;
	size_t n = 0;
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = logcache_log(a, path, SIZE_MAX, &log, &n, d);
	if (rc == 0 && rev)
		rc = log_until(a, path, rev, &log, &n, d);
	free(path);
	if (rc < 0 || rc == MEETING_INVALID) {
		archive_revs_free(log, n);
		return rc;
	}
	if (n == 0) {
		diags_add(d, NULL, 0, 0, "no meeting %s in %s", id, archive_path(a));
		archive_revs_free(log, n);
		return MEETING_INVALID;
	}
	struct mdiff_blame *bl = mdiff_blame_new();
	size_t loaded = 0;
	struct diags why;
	diags_init(&why);
	for (size_t k = n; k-- > 0;) {
		struct minutes *m;
		diags_clear(&why);
		if (meeting_load(a, id, log[k].id, &m, NULL, &why)) {
			char *w = why.n ? diag_format(&why.v[0]) : xstrdup("it does not load");
			buf_addf(warnings, "revision %s skipped: %s\n", log[k].short_id, w);
			free(w);
			continue;
		}
		mdiff_blame_add(bl, m, k);
		loaded++;
	}
	diags_free(&why);
	struct mdiff_blame_field *f;
	size_t nf;
	mdiff_blame_fields(bl, &f, &nf);
	/* Columns: the authors and the labels padded to the longest. */
	unsigned wa = 0, wl = 0;
	for (size_t i = 0; i < nf; i++) {
		const char *name = log[f[i].rev].author_name;
		unsigned x = utf8_width(name, strlen(name)), y = utf8_width(f[i].label, strlen(f[i].label));
		wa = x > wa ? x : wa;
		wl = y > wl ? y : wl;
	}
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < nf; i++) {
		const struct archive_rev *r = &log[f[i].rev];
		char day[11];
		render_rev_date(r, day);
		buf_reset(&line);
		buf_addf(&line, "%s %s %s", r->short_id, day, r->author_name);
		buf_addf(&line, "%*s  %s", (int)(wa - utf8_width(r->author_name, strlen(r->author_name))),
			 "", f[i].label);
		buf_addf(&line, "%*s  ", (int)(wl - utf8_width(f[i].label, strlen(f[i].label))), "");
		unsigned used = utf8_width(line.data, line.len);
		add_cut(&line, f[i].text, width > used + 10 ? width - used : 10);
		buf_addch(&line, '\n');
		buf_add(text, line.data, line.len);
	}
	buf_free(&line);
	mdiff_blame_fields_free(f, nf);
	mdiff_blame_free(bl);
	archive_revs_free(log, n);
	if (!loaded) {
		diags_add(d, NULL, 0, 0, "no revision of %s loads", id);
		return MEETING_INVALID;
	}
	return 0;
}
