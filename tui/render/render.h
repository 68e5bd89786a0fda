/*
 * render: minutes as people read them.  The forms follow published
 * council minutes: attendance with arrivals, departures and substitutes,
 * declarations, then each item by its minute number and title, "Minutes:",
 * the summary, "The following comments were made:" with a bullet a
 * comment, "Decision:" with motions and amendments as they were put,
 * "Action: ..." a line each, "Supporting documents:".
 */
#ifndef GAVEL_RENDER_H
#define GAVEL_RENDER_H

#include "agenda/agenda.h"
#include "minutes/base/buf.h"
#include "minutes/git/archive.h"
#include "minutes/model/minutes.h"

#include <stdbool.h>
#include <stddef.h>

/* The revision minutes are rendered from, named at the end of every
 * rendered form so that a published copy can be checked against the
 * repository. */
struct render_origin {
	char rev[41];           /* the commit's full hex id */
	char date[32];          /* its date, ISO 8601: 2018-03-14T12:40:00+00:00 */
};

/* What a public output holds beyond the published minutes (NULL: the
 * defaults, all false or NULL). */
struct render_opts {
	/* Print exempt business in full; otherwise its number, title and
	 * reason and RENDER_EXEMPT_LINE only. */
	bool include_exempt;
	/* The text of an earlier meeting's action, by its id (NULL when not
	 * known or not to be published); may be NULL. */
	const char *(*action_text)(void *ctx, const char *id);
	void *ctx;
};

#define RENDER_EXEMPT_LINE "Exempt item: minute not for publication."
/* Under an item the meeting never took (neither taken, deferred nor
 * withdrawn), in every public form. */
#define RENDER_UNTAKEN_LINE "This item was not taken at this meeting."

/* Appends the minutes as text wrapped to `width` columns.  `agenda` (may
 * be NULL) adds what only it holds, such as the chair and an item's
 * exemption; `origin` (may be NULL) the closing provenance line. */
void render_text(const struct minutes *m, const struct agenda *agenda,
		 const struct render_origin *origin, const struct render_opts *opts,
		 unsigned width, struct buf *out);

/* Pieces every form shares, as plain text (unescaped) appended to b. */
void render_held(struct buf *b, const struct minutes *m);   /* "Minutes of the meeting held on ..." */
void render_status(struct buf *b, const struct minutes *m); /* "Status: draft, not yet confirmed" */
/* "Name (Role; substituting for Cllr Jo Reid)" */
void render_person(struct buf *b, const struct person *p);
/* "Cllr Jabbar" from "Cllr Abdul Jabbar": the title and the surname; a
 * name without a title as it is. */
void render_short_name(struct buf *b, const char *name);
/* "Cllr Jabbar arrived at 11:25, during item 3." and "... left at ...",
 * of those present and in attendance, a line each in order of time,
 * after what b holds; false: none. */
bool render_movements(struct buf *b, const struct people *present,
		      const struct people *others);
void render_introduced(struct buf *b, const struct people *l); /* "The Chair introduced ..." */
/* "Cllr Sam Patel, item 4 (Title): Interest. A disclosable pecuniary
 * interest. Cllr Patel left the room for the item." */
void render_declaration(struct buf *b, const struct minutes *m, const struct declaration *d);
/* "77. Title" by the minute number; "5. Title" by the item's number in
 * minutes without minute numbers; "Title" alone for an item without one
 * (deferred, withdrawn) in minutes with them. */
void render_item_heading(struct buf *b, const struct minutes *m, const struct minutes_item *it);
/* "(agenda item 3; started 11:40, ended 12:15)"; false: nothing to say.
 * The agenda's number only when the minutes give minute numbers. */
bool render_item_times(struct buf *b, const struct minutes *m, const struct minutes_item *it);
/* "This item was deferred. Reason: ...", or RENDER_UNTAKEN_LINE for an
 * item not taken (minutes_item_untaken) at a meeting under way or over
 * (minutes_under_way); false: nothing to say. */
bool render_item_fate(struct buf *b, const struct minutes *m, const struct minutes_item *it);
/* Why the item is exempt from publication (the minutes' or the agenda's
 * word), or NULL when it is public. */
const char *render_exempt(const struct agenda *ag, const struct minutes_item *it);
bool render_votes(struct buf *b, const struct minutes_item *it);       /* false: none */
/* A motion, its amendments and how each was put: paragraphs separated by
 * a blank line, a recorded vote's names a line each. */
void render_motion(struct buf *b, const struct motion *mo);
/* "Action: Text (Owner, by 30 April 2018)." */
void render_action(struct buf *b, const struct action *a);
/* "Action 2018-05-15/2 (Text): done — Note." (`text` may be NULL) */
void render_update(struct buf *b, const struct action_update *u, const char *text);

/* How a form lays out an item: render_item_body tells it the blocks in
 * order.  heading: level 2 (the item), 3 (a part), 4 (the comments);
 * note: a line under the item's heading; para: text whose blank lines
 * part paragraphs and whose line breaks are kept; item: an entry of a
 * list (consecutive entries make one list); document: an entry of the
 * supporting documents. */
struct render_sink {
	void (*heading)(void *ctx, int level, const char *text);
	void (*note)(void *ctx, const char *text);
	void (*para)(void *ctx, const char *text);
	void (*item)(void *ctx, const char *text);
	void (*document)(void *ctx, const struct document *d);
};

void render_item_body(const struct render_sink *s, void *ctx, const struct minutes *m,
		      const struct agenda *ag, const struct minutes_item *it,
		      const struct render_opts *o);
/* "14 March 2018" from "2018-03-14". */
void render_short_date(struct buf *out, const char *date);

/* The provenance sentence, unescaped, without a line break: "Made from
 * revision ID of DATE; these minutes are draft." (or "confirmed (confirmed
 * on DATE by NAME)").  With `m` NULL, only "Made from revision ID of DATE." */
void render_provenance(const struct minutes *m, const struct render_origin *o,
		       struct buf *out);

/* A supporting document's ref that may become a link: an http or https
 * URL... */
bool render_ref_url(const char *ref);
/* ...or a relative path whose every segment is a slug, optionally with a
 * lower-case extension ("papers/green-paper.pdf"): never absolute, never
 * "..", never a scheme such as javascript:. */
bool render_ref_path(const char *ref);
/* Appends a URL or path with every byte outside RFC 3986's unreserved and
 * reserved characters (and also ( ) [ ] ' ) percent-encoded. */
void render_url_encode(struct buf *out, const char *ref);

/* The minutes as Markdown (CommonMark), the same structure as the text,
 * with every character of the data that Markdown would read as markup
 * escaped. */
void render_markdown(const struct minutes *m, const struct agenda *agenda,
		     const struct render_origin *origin, const struct render_opts *opts,
		     struct buf *out);

struct html_entry;

/* Where an HTML page sits among others (every field may be NULL). */
struct html_nav {
	const char *home;             /* href of the archive's index */
	const char *committee;        /* href of the committee's index */
	const char *committee_name;   /* its label */
	const char *prev, *prev_label;   /* the previous meeting */
	const char *next, *next_label;   /* the next meeting */
	/* How a supporting document is linked: fills `href` and returns true,
	 * or returns false for no link.  NULL: a URL or a safe relative path
	 * links to itself, anything else is not a link. */
	bool (*doc_href)(void *ctx, const char *ref, struct buf *href);
	void *ctx;
	/* More links of the navigation (a committee's registers), after the
	 * others; may be NULL. */
	const struct html_entry *links;
	size_t nlinks;
};

/* One standalone HTML page of the minutes: semantic headings and lists,
 * lang="en-GB", UTF-8, an inline style, no scripts and nothing external;
 * every text and attribute escaped.  Ends with a footer naming `origin`. */
void render_html(const struct minutes *m, const struct agenda *agenda,
		 const struct render_origin *origin, const struct html_nav *nav,
		 const struct render_opts *opts, struct buf *out);

/* An entry of an index page. */
struct html_entry {
	const char *href;
	const char *label;
	const char *note;             /* after the link, may be NULL */
};

/* An index page: `heading` (also the title), an optional paragraph
 * `intro`, the entries as a list, a footer naming `origin`. */
void render_html_index(const char *heading, const char *intro,
		       const struct html_nav *nav, const struct html_entry *v,
		       size_t n, const struct render_origin *origin, struct buf *out);

/* The page of a meeting whose minutes do not load: its id and why. */
void render_html_error(const char *id, const char *error, const struct html_nav *nav,
		       const struct render_origin *origin, struct buf *out);

/* A page holding one table (a register): the heading (also the title),
 * an optional paragraph `intro`, a header row of `heads`; then rows of
 * ncols cells, the first a link when `href` is not NULL; then `empty`
 * (may be NULL) as a paragraph when there were no rows, and the footer
 * naming `origin`.  Cells are escaped; their line breaks kept. */
void render_html_table_begin(struct buf *out, const char *heading, const char *intro,
			     const struct html_nav *nav, const char *const *heads,
			     size_t ncols);
void render_html_table_row(struct buf *out, const char *href, const char *const *cells,
			   size_t ncols);
void render_html_table_end(struct buf *out, size_t nrows, const char *empty,
			   const struct render_origin *origin);

/* Appends s with & < > " ' as character references. */
void render_html_escape(struct buf *out, const char *s);


/* A revision's date, "2026-11-21", in its author's own time. */
void render_rev_date(const struct archive_rev *r, char out[11]);

/* "Wednesday 14 March 2018" from "2018-03-14". */
void render_date(struct buf *out, const char *date);

#endif
