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

#endif
