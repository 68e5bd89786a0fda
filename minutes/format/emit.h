/*
 * emit: FORMAT.md's written form, one key or list entry at a time.
 *
 * libyaml's emitter cannot write the form FORMAT.md fixes (it leaves
 * sequences unindented, prefers single quotes and folds long lines), so
 * gavel writes its own: block style, two spaces per level, a sequence
 * under a key indented too, and each text in the one style the rules
 * choose (plain, double-quoted or a literal block).  The same content
 * always gives the same bytes.
 */
#ifndef GAVEL_EMIT_H
#define GAVEL_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/buf.h"

struct emit {
	struct buf *out;
	unsigned indent;   /* columns of the current level */
	bool dash;         /* the line has begun with "- ": no indent for the next key */
};

void emit_init(struct emit *e, struct buf *out);

/* `key:` opening a nested mapping or list; the level goes in by 2. */
void emit_open(struct emit *e, const char *key);
void emit_close(struct emit *e);

/* A list entry: "- " and the entry's keys at the level of the text after it.
 * emit_entry_end goes back out. */
void emit_entry(struct emit *e);
void emit_entry_end(struct emit *e);
/* A list entry with no keys at all: "- {}". */
void emit_empty_entry(struct emit *e);
/* `key: []`, for a required list that is empty. */
void emit_empty_list(struct emit *e, const char *key);

/* `key: text` in the style FORMAT.md chooses; nothing when text is NULL
 * or empty (emit_text_always writes "" for empty text). */
void emit_text(struct emit *e, const char *key, const char *text);
void emit_text_always(struct emit *e, const char *key, const char *text);
/* `- text` as a list entry. */
void emit_list_text(struct emit *e, const char *text);
/* `key: "text"`, always double-quoted (times, item numbers). */
void emit_quoted(struct emit *e, const char *key, const char *text);
/* `key: value` written as it is (dates, counts, true). */
void emit_raw(struct emit *e, const char *key, const char *value);
void emit_uint(struct emit *e, const char *key, unsigned value);

/* Style decisions, exposed for tests. */
bool emit_plain_ok(const char *s, size_t len);
enum emit_style { EMIT_PLAIN, EMIT_QUOTED, EMIT_LITERAL };
enum emit_style emit_style_of(const char *s, size_t len);

#endif
