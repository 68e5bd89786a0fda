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

/* ---- columns and clusters on a terminal ----
 *
 * The one rule for how many columns text takes, for the screens, the
 * renderers, the field and the command line alike.  Widths of printable
 * characters come from libutf8proc (Unicode's East Asian Width and emoji
 * data), not from the C library's locale, so every part of gavel agrees:
 *   - a printable character: 2 for CJK and emoji (a skin tone modifier
 *     too), 0 for combining marks, ZWJ and variation selectors, 1 for the
 *     rest (a character Unicode has not assigned included);
 *   - TAB and LF: 1 (where text is not broken at them, they show as a
 *     space);
 *   - any other C0 control and DEL: 2, shown as ^[ and ^?;
 *   - the other characters FORMAT.md forbids (C1 controls, U+2028,
 *     U+2029, U+FEFF, U+FFFE, U+FFFF): 6, shown as \u0085 or <0085>;
 *   - a byte that is not UTF-8: 4, shown as \xNN.
 * A cluster (a user-perceived character: a base with its combining
 * marks, an emoji with its skin tone or ZWJ sequence, a flag's two
 * regional indicators) follows Unicode's grapheme cluster boundaries
 * (UAX #29, from libutf8proc); LF and other controls stand alone.  A
 * cluster is as wide as its characters added up (each spacing character
 * takes its own cells, as a terminal draws it), and a cluster that
 * starts with a zero-width character counts one more column: it is drawn
 * on a space.
 */
#define UTF8_BAD_BYTE_WIDTH 4

/* Columns of one character by the rule above. */
int utf8_char_width(uint32_t cp);

/* Columns of `len` bytes of text: its characters added up, each byte
 * that is not UTF-8 counted UTF8_BAD_BYTE_WIDTH. */
unsigned utf8_width(const char *s, size_t len);

/* Whether Unicode assigns cp a character (a terminal may not draw one
 * it does not). */
bool utf8_assigned(uint32_t cp);

/* The end of the cluster that starts at `pos` (len when pos >= len).  A
 * byte that is not UTF-8 is a cluster of its own. */
size_t utf8_cluster_next(const char *s, size_t len, size_t pos);

/* The start of the cluster that ends at `pos` (0 when pos is 0). */
size_t utf8_cluster_prev(const char *s, size_t len, size_t pos);

/* Whether `pos` is the start or the end of a cluster. */
bool utf8_cluster_boundary(const char *s, size_t len, size_t pos);

/* Columns of the cluster `s` (len bytes) by the rule above. */
int utf8_cluster_width(const char *s, size_t len);

/* The length in bytes of the longest run of whole clusters at the start
 * of s (len bytes) that fits in `cols` columns; with `at_least_one`, the
 * first cluster even when it is wider (a line must move on). */
size_t utf8_fit(const char *s, size_t len, unsigned cols, bool at_least_one);

/* The bytes of s (len bytes) to show in `cols` columns: all of it when it
 * fits (*cut false); else the words that fit in cols - 1 columns, leaving
 * one for an ellipsis, without the space or the punctuation before the
 * cut ("18 Smith Square," in 17 columns gives "18 Smith"), *cut true.  A
 * first word too long for the room is cut at a cluster. */
size_t utf8_fit_words(const char *s, size_t len, unsigned cols, bool *cut);

#endif
