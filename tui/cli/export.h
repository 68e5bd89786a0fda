/*
 * export: what gavel export's formats share (cmd_export.c writes the
 * folder and the HTML site; cmd_export_files.c the other formats).
 */
#ifndef GAVEL_EXPORT_H
#define GAVEL_EXPORT_H

#include "minutes/base/buf.h"
#include "minutes/git/archive.h"
#include "minutes/git/meeting.h"
#include "tui/render/render.h"

#include <stdbool.h>
#include <stddef.h>

struct export {
	struct archive *a;
	const char *dir;
	struct render_origin origin;
	struct buf written;     /* the files written, one relative path a line */
	bool write_failed;
	/* The meeting being written, for its documents. */
	const char *id;
	const char *folder;
	struct render_opts ro;  /* --include-exempt */
	const char *akn_country;        /* --akn-country: "gb" unless given */
	/* The committee's registers (export_registers.c): the search index
	 * when the export is of HEAD, else NULL; the exempt items of the
	 * committee's meetings written so far, "\nID#ITEM\n..." */
	struct search *registers;
	struct buf exempt;
};

/* Writes `rel` (a path that passes render_ref_path) inside the export's
 * folder, as every page is written: 0 or -1 (said, and write_failed). */
int export_put(struct export *x, const char *rel, const char *data, size_t len);

/* Formats written into --out DIR, a file or two a meeting: pdf
 * (COMMITTEE/MEETING.pdf), json (COMMITTEE/MEETING/minutes.json and
 * agenda.json), akn (COMMITTEE/MEETING.xml).  Formats written to standard
 * output, one document for every meeting: csv (the votes), ics (the
 * meetings as a calendar). */
bool export_to_folder(const char *format);
bool export_to_stdout(const char *format);

/* Writes the meetings v[0..n) in `format` into the folder; returns how
 * many did not load (each warned about, and left out). */
size_t export_files(struct export *x, const struct meeting_summary *v, size_t n,
		    const char *format);
/* Prints the meetings v[0..n) in `format`; `base_url` (may be NULL) is
 * where the HTML export is published, for links.  Returns how many did
 * not load, or (size_t)-1 when nothing could be written. */
size_t export_stream(struct export *x, const struct meeting_summary *v, size_t n,
		     const char *format, const char *base_url);

/* Records that item `item` of meeting `id` is exempt business, left out
 * of the registers' pages unless --include-exempt. */
void export_note_exempt(struct export *x, const char *id, const char *item);
/* Writes SLUG/decisions.html, actions.html and attendance.html, each with
 * `nav`; 0, or -1 having said why (the pages then stop short). */
struct search;
int export_registers(struct export *x, struct search *s, const char *slug,
		     const char *name, const struct html_nav *nav);

#endif
