/*
 * document: loading any of gavel's files, whose kind and version come from
 * its `format:` key ("gavel-minutes/1").  This is where a later format 2
 * is taught beside format 1: one row in the table of document.c.
 */
#ifndef GAVEL_DOCUMENT_H
#define GAVEL_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda/agenda.h"
#include "agenda/committee.h"
#include "minutes/base/diag.h"
#include "minutes/model/minutes.h"

enum doc_kind { DOC_ANY, DOC_AGENDA, DOC_MINUTES, DOC_COMMITTEE };

struct doc {
	enum doc_kind kind;
	int version;
	struct agenda *agenda;          /* the one that kind holds */
	struct minutes *minutes;
	struct committee *committee;
};

/* Load results. */
#define DOC_OK 0
#define DOC_INVALID 1       /* the content breaks the rules: problems in `d` */
#define DOC_UNREADABLE (-1) /* the file could not be read at all */

/* Loads a file (or bytes named `name`).  With `want` other than DOC_ANY,
 * a file of another kind is a problem.  On DOC_OK `out` holds the model;
 * otherwise it holds nothing. */
int doc_load_file(struct doc *out, const char *path, enum doc_kind want,
		  struct diags *d);
int doc_load_mem(struct doc *out, const char *name, const char *data,
		 size_t len, enum doc_kind want, struct diags *d);
void doc_free(struct doc *doc);

/* Whether bytes named `name` load as a document of kind `want` and
 * write back to the very same bytes (gavel's written form); when not,
 * one problem in `d` says which. */
bool doc_round_trips(const char *name, const char *data, size_t len,
		     enum doc_kind want, struct diags *d);

const char *doc_kind_name(enum doc_kind k);

#endif
