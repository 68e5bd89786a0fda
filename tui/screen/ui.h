/*
 * ui: what every gavel screen shares on top of curses: starting and
 * stopping the terminal, the colours of the theme by role, text drawn
 * safely (UTF-8 measured by display width, control characters shown as
 * ^[ and never sent), wrapping, the bar at the top, and the "terminal
 * too small" screen.  Key lines and help pages are keys.h's.
 */
#ifndef GAVEL_UI_H
#define GAVEL_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/diag.h"
#include "themes/theme.h"

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

/* The smallest screen gavel lays out. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* Starts curses on the terminal with `theme` (NULL: the built-in one).
 * Returns false, with a diagnostic in d, when the terminal cannot be used. */
bool ui_open(const struct theme *theme, struct diags *d);
/* Gives the terminal back as it was; safe to call twice. */
void ui_close(void);
bool ui_is_open(void);

/* The attributes of a role of the theme. */
attr_t ui_attr(enum theme_role role);

/* Draws UTF-8 text at (y, x) in at most `width` columns, clipped at a
 * character boundary; control characters and invalid bytes are shown
 * visibly (^[, \x9B) in the dim role.  Returns the columns used. */
int ui_text(int y, int x, int width, const char *s, size_t len, attr_t attr);
/* The same, cut at a word with an ellipsis ("18 Smith…") when it does not
 * fit, never in the middle of a word (utf8_fit_words). */
int ui_text_cut(int y, int x, int width, const char *s, size_t len, attr_t attr);
/* The same (cut at a word), padded with spaces to `width` columns. */
void ui_line(int y, int x, int width, const char *s, attr_t attr);
/* The same, clipped at the edge, for rows where every column counts more
 * than a whole word (a commit's author and subject in the history, with
 * the controls a hostile one holds shown visibly). */
void ui_line_clip(int y, int x, int width, const char *s, attr_t attr);

/* One wrapped line: bytes [start, end) of the text. */
struct ui_span {
	size_t start, end;
};
/* Wraps text to `width` columns at spaces (a word longer than the line is
 * broken; LF always breaks).  Writes up to `max` spans and returns how many
 * lines the text takes (at least 1). */
size_t ui_wrap(const char *s, size_t len, int width, struct ui_span *out,
	       size_t max);

/* A bar across the screen: `left` from the left, cut at a word when it
 * does not fit, `right` flush right. */
void ui_bar(int y, const char *left, const char *right, attr_t attr);

/* True when the terminal is smaller than gavel's minimum; then it has
 * drawn the "terminal too small" screen. */
bool ui_too_small(void);

#endif
