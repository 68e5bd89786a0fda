/*
 * theme_apply: hands a loaded theme (themes/theme.h) to curses.
 *
 * Call theme_apply once after initscr(); it starts colour itself.  Where
 * the terminal has no colour, or the theme is mono, roles are drawn with
 * attributes only (a colourful theme then borrows the mono theme's
 * attributes, so every role is still told apart).  Colours named
 * "default" are the terminal's own when curses can use them
 * (use_default_colors), else white on black.  Screens draw their
 * background with bkgd(theme_attr(THEME_NORMAL)).
 */
#ifndef GAVEL_THEME_APPLY_H
#define GAVEL_THEME_APPLY_H

#include <curses.h>

#include "themes/theme.h"

void theme_apply(const struct theme *t);
/* COLOR_PAIR and attributes for a role; A_NORMAL before theme_apply. */
attr_t theme_attr(enum theme_role r);

#endif
