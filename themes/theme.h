/*
 * theme: the colours and attributes gavel's screens use, by role.
 *
 * A theme gives each role (the header, the key line, the cursor row, ...)
 * a foreground, a background and attributes.  Each colour has two forms:
 * one for terminals with 256 colours and a fallback (0-15) for terminals
 * with 8 or 16; -1 stands for the terminal's own colour.  This module
 * reads theme files (docs/THEMES.md) and knows nothing of curses, so it
 * can be tested and fuzzed alone; tui/theme_apply.c hands a theme to
 * curses.
 *
 * The built-in default theme is compiled in, so gavel draws its screens
 * when no theme file is installed; themes/default.theme must equal it.
 * A file need not name every role: those it leaves out keep the built-in
 * default's style.  A file with any problem is not used at all: loading
 * reports every problem with its line and column and leaves the built-in
 * default in place.
 */
#ifndef GAVEL_THEME_H
#define GAVEL_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "minutes/base/diag.h"

enum theme_role {
	THEME_NORMAL,        /* ordinary text, and the screen's background */
	THEME_HEADER,        /* the top line */
	THEME_KEYS,          /* the bottom line naming the keys */
	THEME_SELECTED,      /* the cursor row in lists */
	THEME_FIELD,         /* an editable field */
	THEME_FIELD_ACTIVE,  /* the field being edited */
	THEME_TITLE,         /* an item's title */
	THEME_LABEL,         /* a field's label */
	THEME_DECISION,      /* a decision */
	THEME_DIM,           /* secondary text */
	THEME_ERROR,         /* an error message */
	THEME_WARNING,       /* a warning */
	THEME_SAVED,         /* the save state when all is saved */
	THEME_MATCH,         /* a search hit */
	THEME_DIFF_ADD,      /* a line added, in a revision's changes */
	THEME_DIFF_DEL,      /* a line removed */
	THEME_ROLES
};

/* Attributes, as bits of theme_style.attrs. */
enum {
	THEME_BOLD      = 1 << 0,
	THEME_UNDERLINE = 1 << 1,
	THEME_REVERSE   = 1 << 2,
	THEME_DIM_ATTR  = 1 << 3,
	THEME_ITALIC    = 1 << 4,
	THEME_STANDOUT  = 1 << 5,
};

#define THEME_COLOUR_DEFAULT (-1)   /* the terminal's own colour */
#define THEME_NAME_MAX 64           /* bytes in a theme's name */
#define THEME_FILE_MAX (64 * 1024)  /* larger theme files are refused */
#define THEME_LINE_MAX 1000         /* bytes in a line, without its end */

struct theme_style {
	short fg256, fg8;   /* fg256: -1 or 0-255; fg8: -1 or 0-15 */
	short bg256, bg8;
	unsigned attrs;     /* THEME_BOLD | ... */
};

struct theme {
	char name[THEME_NAME_MAX + 1];   /* from "name:", else the file's */
	struct theme_style role[THEME_ROLES];
};

/* The compiled-in default (dark) theme, and the compiled-in mono theme
 * (attributes only), which themes/default.theme and themes/mono.theme
 * repeat. */
void theme_builtin(struct theme *t);
void theme_builtin_mono(struct theme *t);

/* Reads a theme from len bytes (any bytes) named `file` in diagnostics.
 * Returns 0, or -1 after adding problems to d and setting t to the
 * built-in default. */
int theme_load_mem(struct theme *t, const char *file, const char *data,
		   size_t len, struct diags *d);
/* The same from a file; files over THEME_FILE_MAX bytes are refused. */
int theme_load_file(struct theme *t, const char *path, struct diags *d);

/* "normal", "header", "field_active", ...; NULL out of range. */
const char *theme_role_name(enum theme_role r);
/* True when a and b style every role alike (names are not compared). */
bool theme_equal(const struct theme *a, const struct theme *b);
/* True when every colour is the terminal's own: attributes only. */
bool theme_is_mono(const struct theme *t);

/* The colour to use on a terminal with `colours` colours: c256 from 256
 * up to 32767; else the fallback c8, as 0-7 when the terminal has fewer
 * than 16.  Direct-colour terminals (more than 32767, where numbers are
 * RGB values) get the fallback too: 0-7 mean the same there. */
short theme_pick(short c256, short c8, int colours);

/* The theme name to use: `option` (from --theme) when given; else "mono"
 * when NO_COLOR is set and not empty; else $GAVEL_THEME when not empty;
 * else "default". */
const char *theme_choose_name(const char *option);

/* True for a name gavel will look up in its folders: 1-64 bytes of
 * letters, digits, '-', '_' and '.', not starting with '.'. */
bool theme_name_valid(const char *name);

/* Finds theme `name`.  A name containing '/' is a path, copied as it is
 * (loading then says whether it can be read).  Otherwise NAME.theme is
 * looked for in $XDG_CONFIG_HOME/gavel/themes (~/.config/gavel/themes
 * when XDG_CONFIG_HOME is unset or not absolute), then in each folder of
 * the NULL-terminated list dirs (may be NULL).  Returns 0 with the path
 * in path_out (n bytes), or -1 when not found or the name is not valid. */
int theme_find(const char *name, const char *const *dirs, char *path_out,
	       size_t n);

/* Finds and loads theme `name` from the user's folder, the themes folder
 * beside the running executable (an uninstalled build) and the installed
 * PREFIX/share/gavel/themes (found as ../share/gavel/themes from the
 * executable, so an installed gavel can be moved).  "default" and "mono" fall back to their built-in
 * forms when no file is found.  Returns 0, or -1 after adding problems to
 * d and setting t to the built-in default (to mono for "mono"). */
int theme_load_named(struct theme *t, const char *name, struct diags *d);

#endif
