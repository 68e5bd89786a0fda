/*
 * yamlfile: loading any of gavel's YAML files, whose kind and version come from
 * its `format:` key ("gavel-minutes/1").  This is where a later format 2
 * is taught beside format 1: one row in the table of yamlfile.c.
 */
#ifndef GAVEL_YAMLFILE_H
#define GAVEL_YAMLFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/base/diag.h"
#include "minutes/model/minutes.h"

enum yamlfile_kind { YAMLFILE_ANY, YAMLFILE_AGENDA, YAMLFILE_MINUTES, YAMLFILE_COMMITTEE };

struct yamlfile {
	enum yamlfile_kind kind;
	int version;
	struct agenda *agenda;          /* the one that kind holds */
	struct minutes *minutes;
	struct committee *committee;
};

/* Load results. */
#define YAMLFILE_OK 0
#define YAMLFILE_INVALID 1       /* the content breaks the rules: problems in `d` */
#define YAMLFILE_UNREADABLE (-1) /* the file could not be read at all */

/* Loads a file (or bytes named `name`).  With `want` other than YAMLFILE_ANY,
 * a file of another kind is a problem.  On YAMLFILE_OK `out` holds the model;
 * otherwise it holds nothing. */
int yamlfile_load(struct yamlfile *out, const char *path, enum yamlfile_kind want,
		  struct diags *d);
int yamlfile_load_mem(struct yamlfile *out, const char *name, const char *data,
		 size_t len, enum yamlfile_kind want, struct diags *d);
void yamlfile_free(struct yamlfile *doc);

/* Whether bytes named `name` load as a document of kind `want` and
 * write back to the very same bytes (gavel's written form); when not,
 * one problem in `d` says which. */
bool yamlfile_round_trips(const char *name, const char *data, size_t len,
		     enum yamlfile_kind want, struct diags *d);

const char *yamlfile_kind_name(enum yamlfile_kind k);

#endif
