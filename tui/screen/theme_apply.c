/* theme_apply: a theme's roles as curses colour pairs and attributes. */
#include "tui/screen/theme_apply.h"

static attr_t role_attr[THEME_ROLES];

static attr_t curses_attrs(unsigned a)
{
	attr_t out = A_NORMAL;
	if (a & THEME_BOLD)
		out |= A_BOLD;
	if (a & THEME_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		out |= A_REVERSE;
	if (a & THEME_DIM_ATTR)
		out |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		out |= A_ITALIC;
#endif
	if (a & THEME_STANDOUT)
		out |= A_STANDOUT;
	return out;
}

void theme_apply(const struct theme *t)
{
	bool colour = has_colors() && !theme_is_mono(t);
	if (colour && (start_color() == ERR || COLORS < 8 || COLOR_PAIRS <= THEME_ROLES))
		colour = false;
	if (!colour) {
		struct theme mono;
		if (!theme_is_mono(t)) {
			theme_builtin_mono(&mono);
			t = &mono;
		}
		for (int r = 0; r < THEME_ROLES; r++)
			role_attr[r] = curses_attrs(t->role[r].attrs);
		return;
	}
	bool own = use_default_colors() == OK;
	for (int r = 0; r < THEME_ROLES; r++) {
		const struct theme_style *s = &t->role[r];
		short fg = theme_pick(s->fg256, s->fg8, COLORS);
		short bg = theme_pick(s->bg256, s->bg8, COLORS);
		if (!own && fg < 0)
			fg = COLOR_WHITE;
		if (!own && bg < 0)
			bg = COLOR_BLACK;
		if (init_pair((short)(r + 1), fg, bg) == ERR)
			role_attr[r] = curses_attrs(s->attrs);
		else
			role_attr[r] = COLOR_PAIR(r + 1) | curses_attrs(s->attrs);
	}
}

attr_t theme_attr(enum theme_role r)
{
	if ((int)r < 0 || r >= THEME_ROLES)
		return A_NORMAL;
	return role_attr[r];
}
