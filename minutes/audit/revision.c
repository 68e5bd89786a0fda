/* revision: one parser for the revisions of a meeting's minutes. */
#include "minutes/audit/revision.h"

#include "minutes/audit/audit.h"
#include "minutes/format/yamlread.h"
#include "minutes/git/meeting.h"
#include "minutes/git/walk.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Adds `from`'s problems to `to`. */
static void diags_append(struct diags *to, const struct diags *from)
{
	for (size_t i = 0; i < from->n; i++)
		diags_add(to, from->v[i].file, from->v[i].line, from->v[i].col, "%s",
			  from->v[i].msg);
}

/* The newest commit of HEAD's history made before `end`, whatever it
 * changed (a revision for every meeting at once, as export takes). */
static int by_day_any(struct archive *a, const char *day, long long end, char out[41],
		      struct diags *d)
{
	struct walk *w;
	int rc = walk_start(&w, a, d);
	if (rc == 1)
		diags_add(d, NULL, 0, 0, "no revision: nothing has been committed yet");
	if (rc)
		return rc < 0 ? rc : ARCHIVE_ENOTFOUND;
	struct walk_oid oid;
	int found = ARCHIVE_ENOTFOUND;
	while (found == ARCHIVE_ENOTFOUND && (rc = walk_next(w, &oid)) == 0) {
		struct archive_rev r;
		if (walk_rev(a, &oid, &r, d) < 0) {
			found = -1;
			break;
		}
		if (r.commit_time < end) {
			memcpy(out, r.id, 41);
			found = 0;
		}
		archive_rev_clear(&r);
	}
	walk_free(w);
	if (rc < 0) {
		diags_add(d, NULL, 0, 0, "cannot read the history of %s", archive_path(a));
		return rc;
	}
	if (found == ARCHIVE_ENOTFOUND)
		diags_add(d, NULL, 0, 0, "no revision on or before %s", day);
	return found;
}

/* "@YYYY-MM-DD": the newest commit that changed the minutes by the end of
 * that day (UTC). */
static int by_day(struct archive *a, const char *id, const char *rev, char out[41],
		  struct diags *d)
{
	const char *day = rev + 1;
	if (!yr_date_valid(day, strlen(day))) {
		diags_add(d, NULL, 0, 0, "'%s' is not a day; expected @YYYY-MM-DD, such as "
			  "@2018-03-14", rev);
		return MEETING_INVALID;
	}
	struct tm tm = { 0 };
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	long long end = (long long)timegm(&tm) + 86400;
	if (!id)
		return by_day_any(a, day, end, out, d);
	struct archive_rev *log;
	size_t n;
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = archive_log(a, path, &log, &n, d);
	free(path);
	if (rc < 0)
		return rc;
	rc = ARCHIVE_ENOTFOUND;
	for (size_t i = 0; i < n && rc; i++)
		if (log[i].commit_time < end) {
			memcpy(out, log[i].id, 41);
			rc = 0;
		}
	if (rc && n == 0)
		diags_add(d, NULL, 0, 0, "no meeting %s in %s", id, archive_path(a));
	else if (rc)
		diags_add(d, NULL, 0, 0, "no revision of %s on or before %s", id, day);
	archive_revs_free(log, n);
	return rc;
}

/* "confirmed": the tag's commit, when the tag can be trusted. */
static int confirmed(struct archive *a, const char *id, char out[41], struct diags *d)
{
	struct diags why;
	diags_init(&why);
	int rc = audit_tag_check(a, id, out, &why);
	if (rc == ARCHIVE_ENOTFOUND) {
		/* Never confirmed, or the tag was deleted: the minutes say which. */
		struct minutes *m = NULL;
		struct diags quiet;
		diags_init(&quiet);
		bool says = meeting_load(a, id, NULL, &m, NULL, &quiet) == 0 &&
			    m->status == MINUTES_CONFIRMED;
		diags_free(&quiet);
		minutes_free(m);
		if (says) {
			diags_add(d, NULL, 0, 0, "%s says it is confirmed, but its tag "
				  "confirmed/%s is missing: there is no confirmed version to "
				  "name (see gavel verify %s)", id, id, id);
			rc = MEETING_INVALID;
		} else {
			diags_add(d, NULL, 0, 0, "%s has not been confirmed: no tag confirmed/%s",
				  id, id);
		}
	} else if (rc == MEETING_INVALID) {
		char *s = why.n ? diag_format(&why.v[0]) : xstrdup("the tag is not right");
		diags_add(d, NULL, 0, 0, "confirmed cannot be trusted for %s: %s (see gavel "
			  "verify %s)", id, s, id);
		free(s);
	} else if (rc < 0) {
		diags_append(d, &why);
	}
	diags_free(&why);
	return rc;
}

int revision_resolve(struct archive *a, const char *id, const char *rev, char out[41],
		     struct diags *d)
{
	if (rev && !strcmp(rev, "confirmed") && !id) {
		diags_add(d, NULL, 0, 0, "confirmed names one meeting's confirmed minutes; "
			  "give a revision for them all: a commit id, a tag, a branch or "
			  "@YYYY-MM-DD");
		return MEETING_INVALID;
	}
	if (rev && !strcmp(rev, "confirmed"))
		return confirmed(a, id, out, d);
	/* git's own @{...} and @ stay git's: a day starts with a digit. */
	if (rev && rev[0] == '@' && isdigit((unsigned char)rev[1]))
		return by_day(a, id, rev, out, d);
	struct diags quiet;
	diags_init(&quiet);
	int rc = archive_resolve(a, rev, out, &quiet);
	if (rc == ARCHIVE_ENOTFOUND && rev)
		diags_add(d, NULL, 0, 0, "no revision '%s' in %s; give " REVISION_FORMS,
			  rev, archive_path(a));
	else if (rc < 0)
		diags_append(d, &quiet);
	diags_free(&quiet);
	return rc;
}
