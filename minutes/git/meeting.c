/* meeting: creating, loading and listing meetings in the archive. */
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *meeting_path(const char *id, const char *name)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/%s", id, name);
	return buf_detach(&b, NULL);
}

/* Loads `path` at `rev` as a document of kind `want`.  ARCHIVE_ENOTFOUND
 * when the file is not there. */
static int load_at(struct archive *a, const char *rev, const char *path,
		   enum yamlfile_kind want, struct yamlfile *doc, struct diags *d)
{
	struct buf b = BUF_INIT;
	struct diags quiet;
	diags_init(&quiet);
	int rc = archive_read(a, rev, path, &b, &quiet);
	if (rc == ARCHIVE_ENOTFOUND) {
		diags_free(&quiet);
		buf_free(&b);
		return ARCHIVE_ENOTFOUND;
	}
	if (rc < 0) {
		for (size_t i = 0; i < quiet.n; i++)
			diags_add(d, quiet.v[i].file, 0, 0, "%s", quiet.v[i].msg);
		diags_free(&quiet);
		buf_free(&b);
		return rc;
	}
	diags_free(&quiet);
	rc = yamlfile_load_mem(doc, path, b.data, b.len, want, d);
	buf_free(&b);
	return rc == YAMLFILE_OK ? 0 : MEETING_INVALID;
}

static int refuse_id(struct diags *d, const char *id)
{
	diags_add(d, NULL, 0, 0, "'%s' is not a meeting id; expected "
		  "committee/YYYY-MM-DD, such as communities-board/2018-03-14", id);
	return MEETING_INVALID;
}

int meeting_load(struct archive *a, const char *id, const char *rev,
		 struct minutes **out, struct agenda **agenda, struct diags *d)
{
	struct yamlfile doc;
	*out = NULL;
	if (agenda)
		*agenda = NULL;
	if (!slug_meeting_id_valid(id))
		return refuse_id(d, id);
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = load_at(a, rev, path, YAMLFILE_MINUTES, &doc, d);
	if (rc == ARCHIVE_ENOTFOUND)
		diags_add(d, NULL, 0, 0, "no meeting %s%s%s in %s", id,
			  rev ? " at revision " : "", rev ? rev : "", archive_path(a));
	free(path);
	if (rc)
		return rc;
	*out = doc.minutes;
	if (agenda) {
		struct yamlfile ad;
		path = meeting_path(id, MEETING_AGENDA);
		if (load_at(a, rev, path, YAMLFILE_AGENDA, &ad, d) == 0)
			*agenda = ad.agenda;
		free(path);
	}
	return 0;
}

int meeting_committee_by_slug(struct archive *a, const char *slug, struct committee **out,
		   struct diags *d)
{
	*out = NULL;
	if (!slug_valid(slug, strlen(slug)))
		return MEETING_INVALID;
	char *path = meeting_path(slug, COMMITTEE_FILE);
	struct yamlfile doc;
	int rc = load_at(a, NULL, path, YAMLFILE_COMMITTEE, &doc, d);
	free(path);
	if (rc == ARCHIVE_ENOTFOUND)
		return 0;
	if (rc == 0)
		*out = doc.committee;
	return rc;
}

int meeting_committee(struct archive *a, const char *id,
		      struct committee **out, struct diags *d)
{
	*out = NULL;
	if (!slug_meeting_id_valid(id))
		return MEETING_INVALID;
	const char *slash = strchr(id, '/');
	char *slug = xstrndup(id, (size_t)(slash - id));
	int rc = meeting_committee_by_slug(a, slug, out, d);
	free(slug);
	return rc;
}

int meeting_save(struct archive *a, const char *id, const struct minutes *m,
		 const char *message, char commit_out[41], struct diags *d)
{
	if (!slug_meeting_id_valid(id))
		return refuse_id(d, id);
	struct buf bytes = BUF_INIT;
	minutes_write(m, &bytes);
	char *path = meeting_path(id, MEETING_MINUTES);
	struct archive_file f = { path, bytes.data, bytes.len };
	int rc = archive_commit(a, &f, 1, message, commit_out, d);
	free(path);
	buf_free(&bytes);
	return rc;
}

/* ---- creating ---- */

#define refuse(d, ...) (diags_add((d), NULL, 0, 0, __VA_ARGS__), MEETING_INVALID)

/* The first free folder for `date` in the committee's folder. */
static int free_folder(struct archive *a, const char *slug, const char *date,
		       char out[32], struct diags *d)
{
	struct archive_entry *v = NULL;
	size_t n = 0;
	struct diags quiet;
	diags_init(&quiet);
	int rc = archive_list(a, NULL, slug, &v, &n, &quiet);
	if (rc == ARCHIVE_ENOTFOUND) {     /* a committee's first meeting */
		rc = 0;
		n = 0;
	}
	for (size_t i = 0; rc < 0 && i < quiet.n; i++)
		diags_add(d, quiet.v[i].file, quiet.v[i].line, quiet.v[i].col, "%s", quiet.v[i].msg);
	diags_free(&quiet);
	if (rc < 0)
		return rc;
	for (int k = 1; k < 1000; k++) {
		if (k == 1)
			snprintf(out, 32, "%s", date);
		else
			snprintf(out, 32, "%s-%d", date, k);
		bool taken = false;
		for (size_t i = 0; i < n && !taken; i++)
			taken = strcmp(v[i].name, out) == 0;
		if (!taken)
			break;
	}
	archive_entries_free(v, n);
	return 0;
}

int meeting_create(struct archive *a, const struct meeting_spec *spec,
		   char **id_out, struct diags *d)
{
	char slug[SLUG_MAX + 1], folder[32];
	struct yamlfile agenda_doc = { 0 }, committee_doc = { 0 };
	struct agenda *agenda = NULL;
	struct minutes *m = NULL;
	char *id = NULL, *apath = NULL, *mpath = NULL, *cpath = NULL;
	struct buf abytes = BUF_INIT, mbytes = BUF_INIT;
	int rc;

	*id_out = NULL;
	if (!spec->committee || !*spec->committee)
		return refuse(d, "the committee's name is empty");
	if (!yr_date_valid(spec->date, strlen(spec->date)))
		return refuse(d, "'%s' is not a date; expected YYYY-MM-DD, such as 2018-03-14",
			      spec->date);
	if (spec->start && !yr_time_valid(spec->start, strlen(spec->start)))
		return refuse(d, "'%s' is not a time; expected a 24-hour HH:MM, such as 11:00",
			      spec->start);
	size_t bad;
	if (!utf8_clean(spec->committee, strlen(spec->committee), &bad) ||
	    (spec->venue && !utf8_clean(spec->venue, strlen(spec->venue), &bad)))
		return refuse(d, "the committee's name and the venue must be UTF-8 text "
			      "without control characters");

	slug_make(spec->committee, slug);
	const char *name = spec->committee;

	cpath = meeting_path(slug, COMMITTEE_FILE);
	rc = load_at(a, NULL, cpath, YAMLFILE_COMMITTEE, &committee_doc, d);
	if (rc == ARCHIVE_ENOTFOUND)
		rc = 0;
	else if (rc == 0)
		name = committee_doc.committee->name;
	if (rc)
		goto done;

	if (spec->agenda_path) {
		rc = yamlfile_load(&agenda_doc, spec->agenda_path, YAMLFILE_AGENDA, d);
		if (rc != YAMLFILE_OK) {
			rc = rc == YAMLFILE_UNREADABLE ? ARCHIVE_ERROR : MEETING_INVALID;
			goto done;
		}
		agenda = agenda_doc.agenda;
		agenda_doc.agenda = NULL;
		char aslug[SLUG_MAX + 1];
		slug_make(agenda->committee, aslug);
		if (strcmp(aslug, slug)) {
			diags_add(d, spec->agenda_path, 0, 0, "this agenda is for the committee "
				  "'%s', not '%s'", agenda->committee, spec->committee);
			rc = MEETING_INVALID;
			goto done;
		}
		if (strcmp(agenda->date, spec->date)) {
			diags_add(d, spec->agenda_path, 0, 0, "this agenda is for %s, not %s",
				  agenda->date, spec->date);
			rc = MEETING_INVALID;
			goto done;
		}
		if (!committee_doc.committee)
			name = agenda->committee;
	} else {
		agenda = agenda_new(name, spec->date);
	}
	/* name may be the agenda's own committee (no committee file), which
	 * record_text_set would free before copying it. */
	if (name != agenda->committee)
		record_text_set(&agenda->committee, name);
	if (spec->start)
		snprintf(agenda->start, sizeof(agenda->start), "%s", spec->start);
	if (spec->venue)
		record_text_set(&agenda->venue, spec->venue);

	rc = free_folder(a, slug, spec->date, folder, d);
	if (rc)
		goto done;
	struct buf idb = BUF_INIT;
	buf_addf(&idb, "%s/%s", slug, folder);
	id = buf_detach(&idb, NULL);

	m = minutes_from_agenda(agenda, committee_doc.committee);
	agenda_write(agenda, &abytes);
	minutes_write(m, &mbytes);
	apath = meeting_path(id, MEETING_AGENDA);
	mpath = meeting_path(id, MEETING_MINUTES);
	struct archive_file files[] = {
		{ apath, abytes.data, abytes.len },
		{ mpath, mbytes.data, mbytes.len },
	};
	struct buf msg = BUF_INIT;
	buf_addf(&msg, "%s: meeting created\n\n%s, %s, %zu agenda item%s.\n", id, name,
		 spec->date, agenda->nitems, agenda->nitems == 1 ? "" : "s");
	rc = archive_commit(a, files, 2, msg.data, NULL, d);
	buf_free(&msg);
	if (rc == 0) {
		*id_out = id;
		id = NULL;
	}
done:
	yamlfile_free(&agenda_doc);
	yamlfile_free(&committee_doc);
	agenda_free(agenda);
	minutes_free(m);
	buf_free(&abytes);
	buf_free(&mbytes);
	free(id);
	free(apath);
	free(mpath);
	free(cpath);
	return rc;
}

/* ---- listing ---- */

static int newest_first(const void *x, const void *y)
{
	const struct meeting_summary *a = x, *b = y;
	const char *fa = strchr(a->id, '/') + 1, *fb = strchr(b->id, '/') + 1;
	int c = strncmp(fb, fa, 10);            /* the date, newest first */
	if (c)
		return c;
	size_t la = strlen(fa), lb = strlen(fb);   /* then -3 before -2 before none */
	if (la != lb)
		return la < lb ? 1 : -1;
	c = strcmp(fb, fa);
	if (c)
		return c;
	return strcmp(a->id, b->id);
}

int meetings_list(struct archive *a, const char *committee_slug,
		  struct meeting_summary **out, size_t *n, struct diags *d)
{
	return meetings_list_at(a, NULL, committee_slug, out, n, d);
}

int meetings_list_at(struct archive *a, const char *rev, const char *committee_slug,
		     struct meeting_summary **out, size_t *n, struct diags *d)
{
	struct archive_entry *cs = NULL;
	size_t ncs = 0, cap = 0;
	*out = NULL;
	*n = 0;
	int rc = archive_list(a, rev, "", &cs, &ncs, d);
	if (rc)
		return rc;
	for (size_t i = 0; i < ncs; i++) {
		if (!cs[i].is_dir || !slug_valid(cs[i].name, strlen(cs[i].name)))
			continue;
		if (committee_slug && strcmp(committee_slug, cs[i].name))
			continue;
		struct archive_entry *ms = NULL;
		size_t nms = 0;
		if (archive_list(a, rev, cs[i].name, &ms, &nms, d) < 0)
			continue;
		for (size_t j = 0; j < nms; j++) {
			if (!ms[j].is_dir || !slug_meeting_folder_valid(ms[j].name, strlen(ms[j].name)))
				continue;
			xgrow((void **)out, &cap, *n + 1, sizeof(**out));
			struct meeting_summary *s = &(*out)[(*n)++];
			memset(s, 0, sizeof(*s));
			struct buf b = BUF_INIT;
			buf_addf(&b, "%s/%s", cs[i].name, ms[j].name);
			s->id = buf_detach(&b, NULL);

			struct diags problems;
			struct yamlfile doc;
			diags_init(&problems);
			char *path = meeting_path(s->id, MEETING_MINUTES);
			int lrc = load_at(a, rev, path, YAMLFILE_MINUTES, &doc, &problems);
			if (lrc == 0) {
				s->committee = xstrdup(doc.minutes->committee);
				s->status = doc.minutes->status;
				s->nitems = doc.minutes->nitems;
				yamlfile_free(&doc);
			} else if (lrc == ARCHIVE_ENOTFOUND) {
				s->error = xstrdup("no minutes.yaml in this meeting's folder");
			} else {
				s->error = problems.n ? diag_format(&problems.v[0])
						      : xstrdup("the minutes do not load");
			}
			free(path);
			diags_free(&problems);
		}
		archive_entries_free(ms, nms);
	}
	archive_entries_free(cs, ncs);
	if (*n)
		qsort(*out, *n, sizeof(**out), newest_first);
	return 0;
}

void meeting_summaries_free(struct meeting_summary *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].committee);
		free(v[i].error);
	}
	free(v);
}
