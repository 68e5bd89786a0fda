/*
 * meeting: meetings in the minutes repository, by id
 * ("communities-board/2018-03-14"): creating one from an agenda, loading
 * its minutes at a revision, and listing them all.  Works through the
 * archive's API; knows nothing of git itself, nor of the screen.
 */
#ifndef GAVEL_MEETING_H
#define GAVEL_MEETING_H

#include <stddef.h>

#include "minutes/git/archive.h"
#include "minutes/base/diag.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"

#define MEETING_MINUTES "minutes.yaml"
#define MEETING_AGENDA "agenda.yaml"
#define COMMITTEE_FILE "committee.yaml"

/* What `gavel new` is asked for. */
struct meeting_spec {
	const char *committee;      /* a name or a slug */
	const char *date;           /* YYYY-MM-DD */
	const char *agenda_path;    /* may be NULL: an empty agenda */
	const char *start;          /* HH:MM, may be NULL */
	const char *venue;          /* may be NULL */
};

/* Results beyond the archive's: the meeting's files break the rules (or
 * the request does), with the problems in `d`. */
#define MEETING_INVALID 1

/* Creates the meeting's folder, agenda.yaml and minutes.yaml as one
 * commit; *id_out (malloc'd) names it. */
int meeting_create(struct archive *a, const struct meeting_spec *spec,
		   char **id_out, struct diags *d);

/* Loads a meeting's minutes (and, when agenda is not NULL, its agenda, if
 * it has one) as they stood at `rev` (NULL: HEAD). */
int meeting_load(struct archive *a, const char *id, const char *rev,
		 struct minutes **out, struct agenda **agenda, struct diags *d);

/* The committee file (committee.yaml) of committee `slug` at HEAD; *out
 * is NULL (and 0 returned) when the committee has none. */
int meeting_committee_by_slug(struct archive *a, const char *slug, struct committee **out,
		   struct diags *d);

/* The committee file of a meeting's committee at HEAD; *out is NULL (and
 * 0 returned) when the committee has none. */
int meeting_committee(struct archive *a, const char *id,
		      struct committee **out, struct diags *d);

/* Writes the minutes and commits them as one commit with `message`;
 * `commit_out` (may be NULL) receives the new commit's id. */
int meeting_save(struct archive *a, const char *id, const struct minutes *m,
		 const char *message, char commit_out[41], struct diags *d);

/* The path of a meeting's file: "<id>/<name>". */
char *meeting_path(const char *id, const char *name);

struct meeting_summary {
	char *id;
	char *committee;            /* the name in its minutes (NULL on error) */
	enum minutes_status status;
	size_t nitems;
	char *error;                /* why its minutes did not load, or NULL */
};

/* Every meeting at HEAD (of one committee when `committee_slug` is not
 * NULL), newest first.  A meeting whose minutes do not load is listed
 * with its error. */
int meetings_list(struct archive *a, const char *committee_slug,
		  struct meeting_summary **out, size_t *n, struct diags *d);
/* The same as they stood at `rev` (NULL: HEAD). */
int meetings_list_at(struct archive *a, const char *rev, const char *committee_slug,
		     struct meeting_summary **out, size_t *n, struct diags *d);
void meeting_summaries_free(struct meeting_summary *v, size_t n);

#endif
