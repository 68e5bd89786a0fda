/* blame: who last changed each field of a meeting's minutes, as text. */
#include "tui/render/blame.h"

#include "minutes/audit/mdiff.h"
#include "minutes/base/utf8.h"
#include "minutes/git/meeting.h"
#include "minutes/search/logcache.h"
#include "tui/render/render.h"

#include <stdint.h>
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

int blame_text(struct buf *text, struct buf *warnings, struct archive *a, const char *id,
	       unsigned width, struct diags *d)
{
	struct archive_rev *log = NULL;
	size_t n = 0;
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = logcache_log(a, path, SIZE_MAX, &log, &n, d);
	free(path);
	if (rc < 0)
		return rc;
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
