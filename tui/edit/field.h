/*
 * field: the text field the clerk types into, as a model with no curses
 * in it (field_draw.h puts it on the screen, field_keys.h reads keys for it).
 *
 * The text is UTF-8 and always clean: valid, with no character FORMAT.md
 * forbids (utf8_forbidden), and with LF only in a multi-line field.
 * Whatever comes in (typed, pasted, read back from an editor) is filtered
 * the same way:
 *   - CR LF and a lone CR become LF;
 *   - in a single-line field each line break becomes one space, and one
 *     line break at the very end of the inserted text is dropped;
 *   - TAB becomes one space (a field has no tab stops to honour);
 *   - other control characters (C0, DEL, C1 with U+0085), U+2028, U+2029,
 *     U+FEFF, U+FFFE, U+FFFF and bytes that are not UTF-8 are dropped.
 *
 * The cursor is a byte offset that always sits on a character boundary,
 * and more than that on a cluster boundary: clusters are Unicode's
 * (a character with its combining marks, an emoji with its skin tone or
 * its ZWJ sequence, a flag's pair of regional indicators), as utf8.h
 * finds them.  Moving, Backspace and Delete take a cluster at a time, so
 * e + U+0301 is one step.
 *
 * Widths are terminal columns by the program's one rule (utf8.h, from
 * libutf8proc, whatever the locale): CJK 2, combining 0, a cluster that
 * starts with a zero-width character one more (it is drawn on a space).
 *
 * Cost: every operation is proportional to the field's own text at most
 * (an insertion moves the bytes after it; field_layout walks the text
 * once and only when the text or the width changed since the last time).
 */
#ifndef GAVEL_FIELD_H
#define GAVEL_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "minutes/base/buf.h"

enum {
	FIELD_MULTILINE = 1 << 0,	/* LF allowed: summaries, minutes */
	FIELD_ENTER_NEWLINE = 1 << 1,	/* field_handle_key: Enter inserts a
					 * LF (multi-line only); without it
					 * Enter is left to the screen and
					 * Alt-Enter inserts the LF */
};

/* Undo keeps this many steps (and redo what was undone since). */
#define FIELD_UNDO_MAX 128

/* What a key asks of a field.  field_keys.c maps curses keys onto these. */
enum field_cmd {
	FIELD_LEFT,		/* one cluster back */
	FIELD_RIGHT,		/* one cluster on */
	FIELD_WORD_LEFT,	/* to the start of this or the previous word */
	FIELD_WORD_RIGHT,	/* to the end of this or the next word */
	FIELD_HOME,		/* start of the visual line; there already:
				 * start of the field */
	FIELD_END,		/* end of the visual line; there already: end
				 * of the field */
	FIELD_TEXT_START,	/* start of the field */
	FIELD_TEXT_END,		/* end of the field */
	FIELD_UP,		/* visual line above, same column */
	FIELD_DOWN,		/* visual line below, same column */
	FIELD_BACKSPACE,	/* delete the cluster before the cursor */
	FIELD_DELETE,		/* delete the cluster after the cursor */
	FIELD_DELETE_WORD_BACK,	/* delete back to FIELD_WORD_LEFT's place */
	FIELD_DELETE_WORD,	/* delete on to FIELD_WORD_RIGHT's place */
	FIELD_KILL_TO_END,	/* delete to the end of the line (the LF when
				 * at it); kept for FIELD_YANK */
	FIELD_KILL_TO_START,	/* delete to the start of the line; kept */
	FIELD_YANK,		/* insert what was last killed or deleted by
				 * word */
	FIELD_NEWLINE,		/* insert LF (multi-line fields only) */
	FIELD_UNDO,
	FIELD_REDO,
};

/* One visual line of the layout: the bytes [start, end) of the text, end
 * not counting the LF that ends a hard line.  `soft` when the line was
 * wrapped, so that the next line starts at `end`.  `cols` is the width of
 * the bytes; it can pass the layout width only by spaces hanging at the
 * end of a wrapped line (they are not drawn) or by a single cluster wider
 * than the whole width. */
struct field_line {
	size_t start, end;
	int cols;
	bool soft;
};

struct field_edit;	/* an undo step, private to field.c */

/* The members are field.c's; read them through the functions below,
 * except the layout (lines, nlines, cur_row, cur_col) and `scroll`, which
 * field_layout fills and field_draw keeps. */
struct field {
	struct buf text;
	size_t cur;		/* byte offset, on a cluster boundary */
	unsigned flags;
	int goal_col;		/* column FIELD_UP/DOWN aim for, or -1 */
	unsigned long changes;	/* counts every change to the text */

	struct field_edit *undo;	/* steps, oldest first */
	size_t nundo, undo_cap;
	size_t undo_pos;	/* steps below are done, above are redo */
	bool group_open;	/* the last step may take more typing */

	struct buf kill;	/* FIELD_YANK's text */
	struct buf paste;	/* text of a paste under way */
	bool pasting;

	/* Layout for `width`, valid while `laid_out` (reset on change). */
	struct field_line *lines;
	size_t nlines, lines_cap;
	int width;
	bool laid_out;
	int cur_row, cur_col;
	int scroll;		/* first row shown, kept by field_draw */
};

void field_init(struct field *f, unsigned flags);
void field_free(struct field *f);
/* A field of its own allocation (field_init'ed); field_delete frees it
 * (NULL is fine). */
struct field *field_new(unsigned flags);
void field_delete(struct field *f);

/* Replaces the text (filtered as above) and forgets the undo history; the
 * cursor goes to the end.  For loading a field, not for editing it. */
void field_set_text(struct field *f, const char *s, size_t len);
/* The text, NUL-terminated; *len (may be NULL) gets its length. */
const char *field_text(const struct field *f, size_t *len);
bool field_multiline(const struct field *f);
/* Goes up by one with every change to the text, undo included. */
unsigned long field_changes(const struct field *f);

size_t field_cursor(const struct field *f);
/* Moves the cursor to pos, or the next cluster boundary after it. */
void field_set_cursor(struct field *f, size_t pos);

/* Inserts text at the cursor as one undo step, filtered as above (so
 * pasted or loaded text).  False when nothing was left to insert. */
bool field_insert(struct field *f, const char *s, size_t len);
/* Replaces the whole text as one undo step (the external editor's
 * result); the cursor goes to the end.  False when nothing changed. */
bool field_replace(struct field *f, const char *s, size_t len);
/* Inserts one typed character.  Typing is grouped for undo: the letters
 * of a word and the spaces after it are one step.  False (and nothing
 * happens) for a character that may not be in the text: controls, LF in
 * a single-line field (TAB is a space, as above). */
bool field_insert_wch(struct field *f, wchar_t wc);
/* Does what cmd asks.  False when it could do nothing (Left at the start,
 * Up on the first line, undo with no history, ...): the screen may use
 * that, for instance to move to the field above. */
bool field_command(struct field *f, enum field_cmd cmd);

/* Bracketed paste: between begin and end, characters are collected with
 * field_paste_wch (nothing in them is a command; CR and LF are line
 * breaks) and go in at the end through field_insert, as one undo step.
 * A paste larger than 4 MiB keeps its first 4 MiB. */
void field_paste_begin(struct field *f);
void field_paste_wch(struct field *f, wchar_t wc);
bool field_paste_end(struct field *f);
bool field_pasting(const struct field *f);

/* Wraps the text to `width` columns (no wrapping when width <= 0): words
 * move whole to the next line, a line breaks after spaces and before and
 * after wide characters, a word longer than the width is broken between
 * clusters, a wide character is never split.  A full line at the end of
 * the text or before a LF is followed by an empty line for the cursor.
 * Fills f->lines / f->nlines and the cursor's f->cur_row / f->cur_col
 * (the column is kept below the width).  Cheap when nothing changed. */
void field_layout(struct field *f, int width);

/* Where the cluster starting at pos in s (valid UTF-8) ends; its width
 * is utf8_cluster_width's (minutes/base/utf8.h). */
size_t field_next_cluster(const char *s, size_t len, size_t pos);

#endif
