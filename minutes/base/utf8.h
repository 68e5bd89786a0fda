/*
 * utf8: the few facts about UTF-8 text that gavel's files depend on.
 *
 * Validation follows RFC 3629 (no overlong forms, no surrogates, nothing
 * past U+10FFFF).  "Forbidden" characters are those FORMAT.md refuses in
 * any file: control characters other than TAB and LF (C0, DEL, C1 with NEL),
 * U+2028, U+2029, a byte order mark past the start, and U+FFFE/U+FFFF.
 */
#ifndef GAVEL_UTF8_H
#define GAVEL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "minutes/base/buf.h"

/* Decodes one character at s (len bytes available).  Returns its length
 * (1 to 4), 0 when the bytes end in the middle of a valid sequence, or
 * -1 when the bytes are not UTF-8. */
int utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

bool utf8_forbidden(uint32_t cp);

/* True when s holds valid UTF-8 with no forbidden character; when not,
 * *bad (may be NULL) gets the offset of the first offending byte. */
bool utf8_clean(const char *s, size_t len, size_t *bad);

/* A short name for a character in messages: "U+001B (ESC)". */
void utf8_describe(struct buf *out, uint32_t cp);

/* Appends s to out with anything that could reach a terminal as a control
 * (C0, DEL, C1, invalid bytes) shown visibly: ^[ for ESC, \x9B, and so on. */
void utf8_add_visible(struct buf *out, const char *s, size_t len);

#endif
