/*
 * gavel export --format html --out DIR: the whole archive as a static
 * site, read at one revision (HEAD's commit when started, or --rev), so
 * that every page names the same revision.
 *
 * Paths in DIR are made only from names that pass the slug rules: a
 * committee's folder (slug_valid), a meeting's folder
 * (slug_meeting_folder_valid) and a supporting document's ref
 * (render_ref_path).  Files are written to a temporary name and renamed,
 * so a symbolic link planted in DIR is replaced, never followed; folders
 * that exist must be real folders.  DIR itself is refused when it holds
 * anything but an earlier export, which the marker file .gavel-export
 * records along with the list of files it wrote; files of the earlier
 * export that this one did not write again are removed.
 */
#include "tui/cli/cli.h"
#include "tui/cli/cli_publish.h"
#include "tui/cli/export.h"
#include "tui/render/data.h"
#include "minutes/git/meeting.h"
#include "tui/render/render.h"
#include "minutes/format/slug.h"
#include "minutes/base/fsutil.h"
#include "tui/render/summons.h"
#include "minutes/search/search.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXPORT_MARKER ".gavel-export"

/* ---- the output folder ---- */

static char *join(const char *dir, const char *rel)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/%s", dir, rel);
	return buf_detach(&b, NULL);
}

/* Makes the folder `path` when missing; one that exists must be a real
 * folder, not a link to one. */
static int real_dir(const char *path)
{
	struct stat st;
	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno != EEXIST) {
		cli_error("%s: cannot make the folder: %s", path, strerror(errno));
		return -1;
	}
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_error("%s: is in the way of the export and is not a folder", path);
		return -1;
	}
	return 0;
}

/* Writes `rel` (a path that passes render_ref_path, or the marker) inside
 * the export's folder, making its folders. */
static int put_file(struct export *x, const char *rel, const char *data, size_t len)
{
	char *path = join(x->dir, rel);
	for (char *s = strchr(path + strlen(x->dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		int rc = real_dir(path);
		*s = '/';
		if (rc < 0) {
			free(path);
			x->write_failed = true;
			return -1;
		}
	}
	/* Through a temporary file beside it, opened without following a
	 * symbolic link, synced and renamed over it. */
	struct diags d;
	diags_init(&d);
	int rc = fsutil_replace(path, data, len, 0644, "the page", &d);
	if (rc < 0) {
		cli_diags(&d, true);
		x->write_failed = true;
	} else if (strcmp(rel, EXPORT_MARKER)) {
		buf_addf(&x->written, "%s\n", rel);
	}
	diags_free(&d);
	free(path);
	return rc;
}

int export_put(struct export *x, const char *rel, const char *data, size_t len)
{
	return put_file(x, rel, data, len);
}

/* Makes DIR, or accepts it when empty or when it holds an earlier export;
 * *previous (malloc'd, may be "") gets the list of files that one wrote. */
static int prepare_dir(const char *dir, char **previous)
{
	struct stat st;
	*previous = NULL;
	if (mkdir(dir, 0755) == 0) {
		*previous = xstrdup("");
		return 0;
	}
	if (errno != EEXIST || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_error("%s: cannot make the folder: %s", dir,
			  errno == EEXIST ? "a file of that name is there" : strerror(errno));
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		cli_error("%s: cannot read the folder: %s", dir, strerror(errno));
		return -1;
	}
	bool empty = true;
	/* cppcheck-suppress readdirCalled ; gavel has one thread, and readdir_r is deprecated (glibc) */
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	if (empty) {
		*previous = xstrdup("");
		return 0;
	}
	char *marker = join(dir, EXPORT_MARKER);
	FILE *f = NULL;
	if (lstat(marker, &st) == 0 && S_ISREG(st.st_mode))
		f = fopen(marker, "r");
	free(marker);
	if (!f) {
		cli_error("%s: the folder is not empty and holds no earlier gavel export "
			  "(no %s file); name a new or empty folder", dir, EXPORT_MARKER);
		return -1;
	}
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len < (1u << 24))
		buf_add(&b, chunk, n);
	fclose(f);
	*previous = buf_detach(&b, NULL);
	return 0;
}

/* Is `rel` on the list (one path a line)? */
static bool listed(const char *list, const char *rel)
{
	size_t n = strlen(rel);
	for (const char *p = list; *p;) {
		size_t l = strcspn(p, "\n");
		if (l == n && !strncmp(p, rel, n))
			return true;
		p += l;
		if (*p)
			p++;
	}
	return false;
}

/* Removes the files of the earlier export that this one did not write,
 * and their folders when that leaves them empty.  Only names that pass
 * render_ref_path are touched, and only regular files. */
static void remove_stale(struct export *x, const char *previous)
{
	for (const char *p = previous; *p;) {
		size_t l = strcspn(p, "\n");
		char *rel = xstrndup(p, l);
		p += l;
		if (*p)
			p++;
		struct stat st;
		char *path = join(x->dir, rel);
		if (render_ref_path(rel) && !listed(x->written.data, rel) &&
		    lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0) {
			for (char *s = strrchr(path, '/'); s && s > path + strlen(x->dir);
			     s = strrchr(path, '/')) {
				*s = '\0';
				if (rmdir(path) < 0)
					break;
			}
		}
		free(path);
		free(rel);
	}
}

/* ---- the pages ---- */

/* A supporting document: a URL links to itself; a path kept in the
 * repository (beside the meeting's files, or from the root) is copied to
 * COMMITTEE/MEETING/REF and linked; anything else is not a link. */
static bool doc_href(void *ctx, const char *ref, struct buf *href)
{
	struct export *x = ctx;
	if (render_ref_url(ref)) {
		render_url_encode(href, ref);
		return true;
	}
	if (!render_ref_path(ref))
		return false;
	struct buf data = BUF_INIT, path = BUF_INIT;
	struct diags quiet;
	diags_init(&quiet);
	buf_addf(&path, "%s/%s", x->id, ref);
	int rc = archive_read(x->a, x->origin.rev, path.data, &data, &quiet);
	if (rc == ARCHIVE_ENOTFOUND) {
		buf_reset(&data);
		rc = archive_read(x->a, x->origin.rev, ref, &data, &quiet);
	}
	bool linked = false;
	if (rc == 0) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s", x->id, ref);     /* COMMITTEE/MEETING/REF */
		if (put_file(x, path.data, data.data, data.len) == 0) {
			buf_addf(href, "%s/%s", x->folder, ref);
			linked = true;
		}
	}
	diags_free(&quiet);
	buf_free(&data);
	buf_free(&path);
	return linked;
}

/* "Wednesday 14 March 2018", "(meeting 2)" after it for DATE-2. */
static void meeting_label(struct buf *b, const char *folder)
{
	char date[11];
	snprintf(date, sizeof(date), "%.10s", folder);
	render_date(b, date);
	if (folder[10] == '-')
		buf_addf(b, " (meeting %s)", folder + 11);
}

/* The notice of the meeting and its agenda, beside its minutes:
 * COMMITTEE/MEETING-agenda.html (membership from the committee's file). */
static void agenda_page(struct export *x, const char *id, const struct agenda *ag,
			const struct html_nav *nav)
{
	struct committee *c = NULL;
	struct diags quiet;
	struct buf page = BUF_INIT, rel = BUF_INIT;
	diags_init(&quiet);
	meeting_committee(x->a, id, &c, &quiet);
	render_summons_html(ag, c, &x->origin, nav, &page);
	buf_addf(&rel, "%s-agenda.html", id);
	put_file(x, rel.data, page.data, page.len);
	committee_free(c);
	diags_free(&quiet);
	buf_free(&page);
	buf_free(&rel);
}

/* Writes a meeting's page; false when its minutes did not load. */
static bool meeting_page(struct export *x, const struct meeting_summary *s,
			 struct html_nav *nav)
{
	struct minutes *m = NULL;
	struct agenda *ag = NULL;
	struct diags d;
	struct buf page = BUF_INIT, rel = BUF_INIT;
	diags_init(&d);
	x->id = s->id;
	x->folder = strchr(s->id, '/') + 1;
	nav->doc_href = doc_href;
	nav->ctx = x;
	int rc = meeting_load(x->a, s->id, x->origin.rev, &m, &ag, &d);
	if (rc == 0) {
		struct render_opts ro = x->ro;
		struct publish_lookup *look = publish_lookup_new(x->a, x->origin.rev, s->id, &ro);
		render_html(m, ag, &x->origin, nav, &ro, &page);
		publish_lookup_free(look);
		for (size_t i = 0; i < m->nitems; i++)
			if (render_exempt(ag, m->items[i]))
				export_note_exempt(x, s->id, m->items[i]->number);
	} else {
		char *why = d.n ? diag_format(&d.v[0]) : xstrdup("the minutes do not load");
		cli_warn("%s: the minutes do not load, so its page says so: %s", s->id, why);
		render_html_error(s->id, why, nav, &x->origin, &page);
		free(why);
	}
	buf_addf(&rel, "%s.html", s->id);
	put_file(x, rel.data, page.data, page.len);
	if (ag)
		agenda_page(x, s->id, ag, nav);
	minutes_free(m);
	agenda_free(ag);
	diags_free(&d);
	buf_free(&page);
	buf_free(&rel);
	return rc == 0;
}

/* A committee's pages: its meetings v[0..n) (newest first) and its index.
 * Returns how many meetings did not load. */
static size_t committee_pages(struct export *x, const char *slug,
			      const struct meeting_summary *v, size_t n, const char *name)
{
	size_t failed = 0;
	struct html_entry *entries = xcalloc(n, sizeof(*entries));
	struct buf *labels = xcalloc(n, sizeof(*labels)), *hrefs = xcalloc(n, sizeof(*hrefs));
	for (size_t i = 0; i < n; i++) {
		const char *folder = strchr(v[i].id, '/') + 1;
		buf_init(&labels[i]);
		buf_init(&hrefs[i]);
		meeting_label(&labels[i], folder);
		buf_addf(&hrefs[i], "%s.html", folder);
	}
	for (size_t i = 0; i < n; i++) {
		struct html_nav nav = { .home = "../index.html", .committee = "index.html",
					.committee_name = name };
		if (i + 1 < n) {
			nav.prev = hrefs[i + 1].data;
			nav.prev_label = labels[i + 1].data;
		}
		if (i > 0) {
			nav.next = hrefs[i - 1].data;
			nav.next_label = labels[i - 1].data;
		}
		if (!meeting_page(x, &v[i], &nav))
			failed++;
		entries[i].href = hrefs[i].data;
		entries[i].label = labels[i].data;
		entries[i].note = v[i].error ? "could not be read"
				  : minutes_status_name(v[i].status);
	}
	/* The registers, linked from the committee's index and each other. */
	static const struct html_entry regs[] = {
		{ "decisions.html", "Decisions", NULL },
		{ "actions.html", "Actions", NULL },
		{ "attendance.html", "Attendance", NULL },
	};
	struct html_nav nav = { .home = "../index.html" };
	if (x->registers) {
		struct html_nav rnav = { .home = "../index.html", .committee = "index.html",
					 .committee_name = name, .links = regs, .nlinks = 3 };
		if (export_registers(x, x->registers, slug, name, &rnav) == 0) {
			nav.links = regs;
			nav.nlinks = 3;
		}
	}
	buf_reset(&x->exempt);
	struct buf page = BUF_INIT, rel = BUF_INIT;
	render_html_index(name, "Minutes of its meetings, newest first.", &nav, entries, n,
			  &x->origin, &page);
	buf_addf(&rel, "%s/index.html", slug);
	put_file(x, rel.data, page.data, page.len);
	buf_free(&page);
	buf_free(&rel);
	for (size_t i = 0; i < n; i++) {
		buf_free(&labels[i]);
		buf_free(&hrefs[i]);
	}
	free(labels);
	free(hrefs);
	free(entries);
	return failed;
}

/* Every committee's pages and the home page over them.  Returns how many
 * meetings did not load. */
static size_t site(struct export *x, const struct meeting_summary *v, size_t n)
{
	struct html_entry *entries = xcalloc(n + 1, sizeof(*entries));
	struct buf *hrefs = xcalloc(n + 1, sizeof(*hrefs)), *notes = xcalloc(n + 1, sizeof(*notes));
	char **names = xcalloc(n + 1, sizeof(*names));
	struct meeting_summary *mine = xcalloc(n + 1, sizeof(*mine));
	bool *done = xcalloc(n + 1, sizeof(*done));
	size_t nc = 0, failed = 0;
	/* v is newest first across committees; take each committee in turn. */
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		size_t slen = (size_t)(strchr(v[i].id, '/') - v[i].id), k = 0;
		char *slug = xstrndup(v[i].id, slen);
		const char *name = NULL;
		for (size_t j = i; j < n; j++) {
			if (strncmp(v[j].id, slug, slen) || v[j].id[slen] != '/')
				continue;
			done[j] = true;
			mine[k++] = v[j];
			if (!name && v[j].committee && *v[j].committee)
				name = v[j].committee;
		}
		names[nc] = xstrdup(name ? name : slug);
		failed += committee_pages(x, slug, mine, k, names[nc]);
		buf_init(&hrefs[nc]);
		buf_init(&notes[nc]);
		buf_addf(&hrefs[nc], "%s/index.html", slug);
		buf_addf(&notes[nc], "%zu meeting%s", k, k == 1 ? "" : "s");
		entries[nc] = (struct html_entry){ hrefs[nc].data, names[nc], notes[nc].data };
		nc++;
		free(slug);
	}
	/* Committees in order of name, as a reader looks for them. */
	for (size_t i = 1; i < nc; i++)
		for (size_t j = i; j > 0 && strcmp(entries[j - 1].label, entries[j].label) > 0; j--) {
			struct html_entry t = entries[j];
			entries[j] = entries[j - 1];
			entries[j - 1] = t;
		}
	struct buf page = BUF_INIT;
	render_html_index("Minutes", "The minutes of each committee's meetings.", NULL,
			  entries, nc, &x->origin, &page);
	put_file(x, "index.html", page.data, page.len);
	buf_free(&page);
	for (size_t i = 0; i < nc; i++) {
		buf_free(&hrefs[i]);
		buf_free(&notes[i]);
		free(names[i]);
	}
	free(done);
	free(mine);
	free(names);
	free(hrefs);
	free(notes);
	free(entries);
	return failed;
}

/* The search index for the registers' pages, when the export is of
 * HEAD's commit (the index follows HEAD); else NULL, said. */
static struct search *registers_at(struct archive *a, const struct render_origin *o)
{
	struct render_origin head;
	if (cli_origin(a, NULL, &head) < 0 || strcmp(head.rev, o->rev)) {
		cli_warn("the registers (decisions, actions, attendance) are pages of an "
			 "export of HEAD only; they are left out of this one");
		return NULL;
	}
	return cli_registers_open(a);
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "committee", required_argument, NULL, 'c' },
		{ "rev", required_argument, NULL, 'r' },
		{ "include-exempt", no_argument, NULL, 'x' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "akn-country", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("export");
	bool include_exempt = false;
	const char *format = NULL, *dir = NULL, *committee = NULL, *rev = NULL, *base = NULL;
	const char *country = "gb";
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'f')
			format = optarg;
		else if (o == 'o')
			dir = optarg;
		else if (o == 'c')
			committee = optarg;
		else if (o == 'r')
			rev = optarg;
		else if (o == 'x')
			include_exempt = true;
		else if (o == 'b')
			base = optarg;
		else if (o == 'k')
			country = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (!format || (!export_to_folder(format) && !export_to_stdout(format))) {
		cli_usage_error(cmd, format ? "unknown format '%s'; expected html, pdf, json, akn, "
				"csv or ics" : "name the format with --format html (or pdf, json, "
				"akn, csv, ics)", format);
		return EXIT_FAIL;
	}
	if (!render_akn_country_valid(country)) {
		cli_usage_error(cmd, "--akn-country '%s' is not a country code; expected two "
				"lowercase letters, such as gb", country);
		return EXIT_FAIL;
	}
	if (export_to_stdout(format) && dir) {
		cli_usage_error(cmd, "--format %s is written to standard output, not to --out",
				format);
		return EXIT_FAIL;
	}
	if (export_to_stdout(format))
		dir = "-";
	if (!dir || !*dir || optind < argc) {
		cli_usage_error(cmd, optind < argc ? "unexpected argument '%s'"
				: "name the folder with --out DIR", argv[optind < argc ? optind : 0]);
		return EXIT_FAIL;
	}
	if (committee && !slug_valid(committee, strlen(committee))) {
		cli_usage_error(cmd, "'%s' is not a committee's slug", committee);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct export x = { .a = a, .dir = dir, .written = BUF_INIT, .exempt = BUF_INIT,
			    .ro = { .include_exempt = include_exempt }, .akn_country = country };
	struct meeting_summary *v = NULL;
	size_t n = 0;
	char *previous = NULL;
	struct diags d;
	diags_init(&d);
	int result = EXIT_FAIL;
	char at[41];
	if (rev && !cli_revision(a, NULL, rev, at))
		goto out;
	if (cli_origin(a, rev ? at : NULL, &x.origin) < 0)
		goto out;
	/* Everything is read at the one commit the pages name. */
	if (meetings_list_at(a, x.origin.rev, committee, &v, &n, &d) < 0) {
		cli_diags(&d, true);
		goto out;
	}
	if (committee && n == 0) {
		cli_error("no meetings of the committee '%s' at revision %s", committee,
			  x.origin.rev);
		result = EXIT_NO;
		goto out;
	}
	if (export_to_stdout(format)) {
		size_t bad = export_stream(&x, v, n, format, base);
		result = bad ? EXIT_NO : EXIT_YES;
		goto out;
	}
	if (prepare_dir(dir, &previous) < 0)
		goto out;
	/* The marker first, so that an export cut short can be run again. */
	if (put_file(&x, EXPORT_MARKER, previous, strlen(previous)) < 0)
		goto out;
	if (!strcmp(format, "html"))
		x.registers = registers_at(a, &x.origin);
	size_t failed = strcmp(format, "html") ? export_files(&x, v, n, format) : site(&x, v, n);
	struct buf marker = BUF_INIT;
	buf_addf(&marker, "# Written by gavel export from revision %s; gavel replaces "
		 "these files on the next export.\n%s", x.origin.rev, x.written.data);
	if (!x.write_failed) {
		remove_stale(&x, previous);
		put_file(&x, EXPORT_MARKER, marker.data, marker.len);
	}
	buf_free(&marker);
	if (x.write_failed)
		goto out;
	cli_printf("Exported %zu meeting%s to %s (revision %s)\n", n, n == 1 ? "" : "s",
		   dir, x.origin.rev);
	result = failed ? EXIT_NO : EXIT_YES;
out:
	cli_repo_warnings(a);
	meeting_summaries_free(v, n);
	free(previous);
	buf_free(&x.written);
	buf_free(&x.exempt);
	if (x.registers)
		search_close(x.registers);
	diags_free(&d);
	archive_free(a);
	return result;
}
