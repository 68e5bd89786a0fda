/*
 * yamlread: reading FORMAT.md's files, one node at a time.
 *
 * A pull reader over libyaml's event parser that enforces the reading rules
 * every gavel file shares, so the decoders of agenda, minutes and committee
 * files only say what their keys mean:
 *
 *   - the file is a regular file of at most 16 MiB (checked before reading);
 *   - UTF-8 only (a BOM at the very start is dropped), CRLF read as LF;
 *     control characters other than TAB and LF, a lone CR, NEL, U+2028 and
 *     U+2029 are refused in the bytes and in decoded values alike;
 *   - no anchors, aliases or tags; one document only;
 *   - nesting at most 64 deep; at most 100,000 entries of each kind of
 *     list (items, comments, attendees...) and 250,000 in all, so that no
 *     file can make gavel use much memory;
 *   - a mapping's keys are text and appear once (yr_map_next).
 *
 * Problems go to a `struct diags` with file, line and column.  Content
 * problems (a wrong type, an unknown key) are reported and reading goes on,
 * so `gavel check` lists them all; structural ones (a syntax error, nesting
 * too deep) stop the reader, after which every call returns YR_END.
 */
#ifndef GAVEL_YAMLREAD_H
#define GAVEL_YAMLREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"
#include "minutes/base/diag.h"

#define YR_MAX_FILE (16u * 1024 * 1024)
#define YR_MAX_DEPTH 64
#define YR_MAX_ENTRIES 100000u  /* of one kind: items, comments... */
#define YR_MAX_TOTAL 250000u    /* of all kinds together */

struct yr;

enum yr_type {
	YR_END,     /* end of the current mapping, sequence or document */
	YR_SCALAR,
	YR_MAP,
	YR_SEQ,
};

struct yr_node {
	enum yr_type type;
	unsigned line, col;     /* 1-based; col counted in characters */
	const char *value;      /* scalars: the decoded text, valid until the next call */
	size_t len;
	bool plain;             /* a plain scalar (so `~`, `null` and `` mean nothing) */
};

/* Opens a file.  Returns 0; 1 when it is refused for its size (over
 * 16 MiB, an invalid file); or -1 when it cannot be read at all: missing,
 * not a regular file, permission denied.  A diagnostic says which. */
int yr_open_file(struct yr **out, const char *path, struct diags *d);
/* Reads from memory; `name` is used in messages.  Returns 0 or -1. */
int yr_open_mem(struct yr **out, const char *name, const char *data,
		size_t len, struct diags *d);
void yr_free(struct yr *r);

/* Starts again from the first byte (a decoder that met `format:` late). */
int yr_rewind(struct yr *r);

/* The next node, or YR_END. */
enum yr_type yr_next(struct yr *r, struct yr_node *n);
/* Skips what is left of the collection `n` opened (nothing for a scalar). */
void yr_skip(struct yr *r, const struct yr_node *n);
/* After the root node: checks that nothing but the end of the stream follows. */
void yr_finish(struct yr *r);
/* Takes the current scalar's value (malloc'd, NUL-terminated). */
char *yr_take(struct yr *r, const struct yr_node *n);

/* True when a structural problem stopped the reader. */
bool yr_stopped(const struct yr *r);
/* True when the file could not be read (an I/O error, not its content). */
bool yr_io_failed(const struct yr *r);
const char *yr_name(const struct yr *r);
struct diags *yr_diags(struct yr *r);
/* The file's format, once its `format:` is known: the name
 * ("gavel-minutes/1") and its version (1).  Version 0 until set. */
void yr_set_format(struct yr *r, const char *name, int version);
int yr_format_version(const struct yr *r);

/* Number of problems reported so far for this file. */
size_t yr_problems(const struct yr *r);

/* Appends text from a file to b for a message: quoted, control
 * characters shown visibly, cut (never inside a character) after 60
 * bytes with "...". */
void yr_quote(struct buf *b, const char *s, size_t len);

/* Reports a content problem at `n`. */
void yr_error(struct yr *r, const struct yr_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Counts one entry of a list of `what` ("comments"); false (and the
 * reader stops) past the limits. */
bool yr_count_entry(struct yr *r, const struct yr_node *n, const char *what);

/* "a mapping", "a list", "text" or "nothing": for messages. */
const char *yr_describe(const struct yr_node *n);
/* True for a plain scalar that means null: empty, `~`, `null`. */
bool yr_is_null(const struct yr_node *n);

/*
 * Iterating over a mapping whose keys are known.  `keys` is a NULL-
 * terminated list.  yr_map_next returns the index of the key whose value
 * has just been read into `val`, or -1 at the end of the mapping.  Keys
 * that are not text, unknown keys and repeated keys are reported (naming
 * both places) and their values skipped.
 */
#define YR_MAP_KEYS 24
struct yr_map {
	const char *const *keys;
	const char *what;               /* "an item", for messages */
	unsigned line, col;             /* where the mapping starts */
	unsigned seen_line[YR_MAP_KEYS];
	unsigned seen_col[YR_MAP_KEYS];
};

/* Begins a mapping at `n`; false (reported, skipped) if `n` is not one. */
bool yr_map_begin(struct yr *r, struct yr_map *m, const struct yr_node *n,
		  const char *const *keys, const char *what);
int yr_map_next(struct yr *r, struct yr_map *m, struct yr_node *val);
bool yr_map_has(const struct yr_map *m, int key);
/* Reports `key` as missing when the mapping did not have it. */
void yr_map_require(struct yr *r, const struct yr_map *m, int key,
		    const char *expected);

/* For a key that arrived in format `since` (FORMAT.md's *(2)* keys),
 * whose value `val` has just been read: true when the file's format
 * holds it; otherwise reports it at the key, naming the key and the
 * format it arrived in, skips the value and returns false. */
bool yr_map_since(struct yr *r, const struct yr_map *m, int key,
		  const struct yr_node *val, int since);

/* Begins a list at `n`; false (reported, skipped) if `n` is not one. */
bool yr_seq_begin(struct yr *r, const struct yr_node *n, const char *what);

/* Values.  Each reports a problem (and skips a collection) when `n` is not
 * what was expected and then returns false / NULL. */
char *yr_text(struct yr *r, const struct yr_node *n, const char *what,
	      bool required);
bool yr_date(struct yr *r, const struct yr_node *n, char out[11]);
/* A required date, `what` naming it: null is a missing date, not none. */
bool yr_required_date(struct yr *r, const struct yr_node *n, const char *what,
		      char out[11]);
bool yr_time(struct yr *r, const struct yr_node *n, char out[6]);
bool yr_bool(struct yr *r, const struct yr_node *n, bool *out);
bool yr_count(struct yr *r, const struct yr_node *n, unsigned *out);

/* Item numbers a file names outside its items (an attendee's
 * arrived_during, a declaration's item), noted as they are read so the
 * decoder can check them against the items once it has them all. */
struct yr_ref {
	char *number;
	const char *key;        /* "arrived_during", for messages */
	unsigned line, col;
};
void yr_note_item_ref(struct yr *r, const struct yr_node *n, const char *key,
		      const char *number);
size_t yr_item_refs(const struct yr *r, const struct yr_ref **out);

/* Checks text outside a file (a date or a time typed by a user). */
bool yr_date_valid(const char *s, size_t len);
bool yr_time_valid(const char *s, size_t len);

#endif
