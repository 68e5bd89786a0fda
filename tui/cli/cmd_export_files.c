/*
 * gavel export's formats other than the HTML site: PDF, JSON and Akoma
 * Ntoso files into the folder, through the same writer as the pages (the
 * .gavel-export marker, no link followed); CSV and iCalendar to standard
 * output.  Every meeting is read at the one revision the export names.
 */
#include "tui/cli/cli.h"
#include "tui/cli/export.h"
#include "tui/print/pdf.h"
#include "tui/render/data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool export_to_folder(const char *format)
{
	return !strcmp(format, "html") || !strcmp(format, "pdf") || !strcmp(format, "json") ||
	       !strcmp(format, "akn");
}

bool export_to_stdout(const char *format)
{
	return !strcmp(format, "csv") || !strcmp(format, "ics");
}

/* Loads meeting s at the export's revision; false (warned) when its
 * minutes do not load. */
static bool load(struct export *x, const struct meeting_summary *s, struct minutes **m,
		 struct agenda **ag)
{
	struct diags d;
	diags_init(&d);
	*m = NULL;
	*ag = NULL;
	int rc = meeting_load(x->a, s->id, x->origin.rev, m, ag, &d);
	if (rc) {
		char *why = d.n ? diag_format(&d.v[0]) : xstrdup("the minutes do not load");
		cli_warn("%s: the minutes do not load, so the export leaves them out: %s",
			 s->id, why);
		free(why);
		minutes_free(*m);
		agenda_free(*ag);
		*m = NULL;
		*ag = NULL;
	}
	diags_free(&d);
	return rc == 0;
}

static void put(struct export *x, const char *id, const char *suffix, const struct buf *b)
{
	struct buf rel = BUF_INIT;
	buf_addf(&rel, "%s%s", id, suffix);
	export_put(x, rel.data, b->data ? b->data : "", b->len);
	buf_free(&rel);
}

size_t export_files(struct export *x, const struct meeting_summary *v, size_t n,
		    const char *format)
{
	size_t failed = 0;
	for (size_t i = 0; i < n && !x->write_failed; i++) {
		struct minutes *m;
		struct agenda *ag;
		if (!load(x, &v[i], &m, &ag)) {
			failed++;
			continue;
		}
		struct buf out = BUF_INIT;
		struct diags d;
		diags_init(&d);
		if (!strcmp(format, "pdf")) {
			if (print_pdf(m, ag, &x->origin, &out, &d) == 0)
				put(x, v[i].id, ".pdf", &out);
		} else if (!strcmp(format, "json")) {
			if (render_json_minutes(m, &out, &d) == 0)
				put(x, v[i].id, "/minutes.json", &out);
			buf_reset(&out);
			if (ag && render_json_agenda(ag, &out, &d) == 0)
				put(x, v[i].id, "/agenda.json", &out);
		} else if (!strcmp(format, "akn")) {
			render_akn(v[i].id, m, ag, &x->origin, x->akn_country, &out);
			put(x, v[i].id, ".xml", &out);
		}
		if (d.n) {
			cli_diags(&d, true);
			x->write_failed = true;
		}
		diags_free(&d);
		buf_free(&out);
		minutes_free(m);
		agenda_free(ag);
	}
	return failed;
}

size_t export_stream(struct export *x, const struct meeting_summary *v, size_t n,
		     const char *format, const char *base_url)
{
	size_t failed = 0;
	bool ics = !strcmp(format, "ics");
	struct buf out = BUF_INIT, url = BUF_INIT;
	if (ics)
		render_ics_begin(&out);
	else
		render_csv_votes_header(&out);
	/* Oldest first: a calendar and a table of votes read forwards. */
	for (size_t k = n; k-- > 0;) {
		struct minutes *m;
		struct agenda *ag;
		if (!load(x, &v[k], &m, &ag)) {
			failed++;
			continue;
		}
		if (ics) {
			buf_reset(&url);
			if (base_url) {
				size_t l = strlen(base_url);
				buf_addf(&url, "%s%s%s.html", base_url,
					 l && base_url[l - 1] == '/' ? "" : "/", v[k].id);
			}
			render_ics_event(&out, v[k].id, ag, m, base_url ? url.data : NULL,
					 x->origin.date);
		} else {
			render_csv_votes(v[k].id, m, &out);
		}
		minutes_free(m);
		agenda_free(ag);
	}
	if (ics)
		render_ics_end(&out);
	/* As they are: CRLF is the formats' own line end (cli_write would
	 * show the CR), and the reader let no other control through. */
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	buf_free(&url);
	return failed;
}
