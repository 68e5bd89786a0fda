/*
 * data: the minutes and agendas for other programs rather than readers:
 * JSON (the files themselves in another syntax), CSV of votes, an
 * iCalendar feed of meetings and Akoma Ntoso XML.  Each appends to a buf
 * and knows nothing of git or the screen.
 */
#ifndef GAVEL_DATA_H
#define GAVEL_DATA_H

#include "agenda/agenda.h"
#include "minutes/base/buf.h"
#include "minutes/base/diag.h"
#include "minutes/model/minutes.h"
#include "tui/render/render.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- JSON (json.c) ---- */

/* Appends the JSON form of one of gavel's YAML files as written (`yaml`,
 * `len` bytes; `name` names it in messages): each mapping an object with
 * its keys in the file's order, each list an array, a plain whole number
 * a number, a plain true or false a boolean, a plain null nothing (null),
 * and every other value a string.  Returns 0, or -1 with diagnostics. */
int render_json_yaml(const char *name, const char *yaml, size_t len, struct buf *out,
		     struct diags *d);
/* The minutes and the agenda, written as gavel writes them, as JSON. */
int render_json_minutes(const struct minutes *m, struct buf *out, struct diags *d);
int render_json_agenda(const struct agenda *a, struct buf *out, struct diags *d);
/* Appends s as a JSON string, quotes included. */
void render_json_string(struct buf *out, const char *s, size_t len);

/* ---- CSV of votes (csv.c), RFC 4180: CRLF, fields quoted when needed ---- */

/* The header row: meeting,date,minute,item,title,vote,for,against,
 * abstained,outcome,voter,voted. */
void render_csv_votes_header(struct buf *out);
/* A row for every vote of the minutes of meeting `id` (an item's
 * decision, each motion and amendment), and after it a row for every
 * named voter of a recorded vote.  Exempt items are left out. */
void render_csv_votes(const char *id, const struct minutes *m, struct buf *out);

/* ---- iCalendar (ics.c), RFC 5545: CRLF, lines folded at 75 octets ---- */

/* `stamp` is the revision's date (ISO 8601 with its offset): the
 * DTSTAMP of every event, so that the same revision makes the same feed. */
void render_ics_begin(struct buf *out);
/* One VEVENT: UID from the meeting's id, DTSTART from the agenda's date
 * and start (the minutes' when the agenda has none), LOCATION its venue,
 * SUMMARY the committee, URL `url` when not NULL.  m or ag may be NULL. */
void render_ics_event(struct buf *out, const char *id, const struct agenda *ag,
		      const struct minutes *m, const char *url, const char *stamp);
void render_ics_end(struct buf *out);

/* ---- Akoma Ntoso 3.0 (akn.c) ---- */

/* The minutes of meeting `id` as an Akoma Ntoso 3.0 `debate` document
 * (OASIS LegalDocML): identification (FRBRWork, FRBRExpression of the
 * revision, FRBRManifestation), the votes in `analysis`, every person as a
 * TLCPerson in `references`; in `debateBody` the roll call, each item a
 * `debateSection` with its number and heading, speeches `by` their
 * speaker, decisions and recorded votes; documents as `attachments`.
 * Exempt items by number, heading and reason only.  `ag` may be NULL. */
void render_akn(const char *id, const struct minutes *m, const struct agenda *ag,
		const struct render_origin *origin, const char *country, struct buf *out);
/* `country` (NULL: "gb") is the FRBRcountry and the first part of the
 * Work's URI: two lowercase letters (ISO 3166-1 alpha-2), which this
 * checks. */
bool render_akn_country_valid(const char *country);

#endif
