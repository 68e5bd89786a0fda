/* ui: curses set-up, theme roles, safe text, wrapping, bars, key line. */
#include "tui/screen/ui.h"

#include "minutes/base/buf.h"
#include "tui/screen/field_draw.h"
#include "tui/render/render.h"
#include "tui/screen/theme_apply.h"
#include "minutes/base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static bool open_;

bool ui_open(const struct theme *theme, struct diags *d)
{
	if (open_)
		return true;
	/* newterm rather than initscr: initscr exits the program when the
	 * terminal is unusable, and gavel must save first. */
	const char *term = getenv("TERM");
	if (!term || !*term) {
		diags_add(d, NULL, 0, 0, "TERM is not set; gavel needs a terminal");
		return false;
	}
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		diags_add(d, NULL, 0, 0, "cannot use the terminal '%s' (no terminfo entry?)", term);
		return false;
	}
	/* A terminal that cannot place the cursor (TERM=dumb, an editor's
	 * shell buffer) would get a screen drawn as one scrolling line. */
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		delscreen(scr);
		diags_add(d, NULL, 0, 0, "the terminal '%s' cannot move the cursor, which gavel's "
			  "screens need; use one that can (such as TERM=xterm-256color), or "
			  "gavel run --plain, gavel show and the other commands", term);
		return false;
	}
	open_ = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	struct theme builtin;
	if (!theme) {
		theme_builtin(&builtin);
		theme = &builtin;
	}
	theme_apply(theme);
	bkgd(theme_attr(THEME_NORMAL));
	field_keys_init();
	field_bracketed_paste(true);
	return true;
}

void ui_close(void)
{
	if (!open_)
		return;
	field_bracketed_paste(false);
	endwin();
	open_ = false;
}

bool ui_is_open(void)
{
	return open_;
}

attr_t ui_attr(enum theme_role role)
{
	return theme_attr(role);
}

int ui_text(int y, int x, int width, const char *s, size_t len, attr_t attr)
{
	int used = 0;
	size_t i = 0;
	if (width <= 0)
		return 0;
	move(y, x);
	attrset(attr);
	while (i < len && used < width) {
		uint32_t cp;
		int n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n <= 0 || utf8_forbidden(cp) || cp == '\t' || cp == '\n') {
			/* Shown, never sent: ^[ for ESC, \xNN for a bad byte;
			 * TAB and LF as one space. */
			char vis[16];
			if (n > 0 && (cp == '\t' || cp == '\n'))
				snprintf(vis, sizeof(vis), " ");
			else if (n > 0 && cp < 0x20)
				snprintf(vis, sizeof(vis), "^%c", (char)(cp + '@'));
			else if (n > 0 && cp == 0x7f)
				snprintf(vis, sizeof(vis), "^?");
			else if (n > 0)
				snprintf(vis, sizeof(vis), "<%04X>", (unsigned)cp);
			else
				snprintf(vis, sizeof(vis), "\\x%02X", (unsigned char)s[i]);
			int w = (int)strlen(vis);
			if (used + w > width)
				break;
			if (vis[0] != ' ')
				attrset(attr | ui_attr(THEME_DIM));
			addstr(vis);
			attrset(attr);
			used += w;
			i += n > 0 ? (size_t)n : 1;
			continue;
		}
		int w = utf8_char_width(cp);
		if (used + w > width)
			break;
		addnstr(s + i, n);
		used += w;
		i += (size_t)n;
	}
	attrset(A_NORMAL);
	return used;
}

int ui_text_cut(int y, int x, int width, const char *s, size_t len, attr_t attr)
{
	bool cut;
	if (width <= 0)
		return 0;
	size_t keep = utf8_fit_words(s, len, (unsigned)width, &cut);
	int used = ui_text(y, x, width, s, keep, attr);
	if (cut && used < width) {
		attrset(attr);
		addstr("\u2026");
		used++;
	}
	return used;
}

static void pad_line(int y, int x, int width, const char *s, attr_t attr, bool words)
{
	size_t len = s ? strlen(s) : 0;
	int used = words ? ui_text_cut(y, x, width, s ? s : "", len, attr)
		   : ui_text(y, x, width, s, len, attr);
	attrset(attr);
	for (; used < width; used++)
		addch(' ');
	attrset(A_NORMAL);
}

void ui_line(int y, int x, int width, const char *s, attr_t attr)
{
	pad_line(y, x, width, s, attr, true);
}

void ui_line_clip(int y, int x, int width, const char *s, attr_t attr)
{
	pad_line(y, x, width, s, attr, false);
}

size_t ui_wrap(const char *s, size_t len, int width, struct ui_span *out,
	       size_t max)
{
	size_t lines = 0, start = 0, i = 0, brk = 0;
	int col = 0, col_at_brk = 0;
	if (width < 1)
		width = 1;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		bool bad = n <= 0;
		if (bad) {
			n = 1;
			cp = 0xFFFD;
		}
		if (cp == '\n') {
			if (lines < max)
				out[lines] = (struct ui_span){ start, i };
			lines++;
			i += (size_t)n;
			start = i;
			brk = 0;
			col = 0;
			continue;
		}
		int w = bad ? UTF8_BAD_BYTE_WIDTH : utf8_char_width(cp);
		if (col + w > width && col > 0) {
			size_t end = brk > start ? brk : i;
			if (lines < max)
				out[lines] = (struct ui_span){ start, end };
			lines++;
			if (brk > start) {
				start = brk;       /* after the space */
				col -= col_at_brk;
			} else {
				start = i;
				col = 0;
			}
			brk = 0;
			continue;               /* the same character again */
		}
		col += w;
		i += (size_t)n;
		if (cp == ' ') {
			brk = i;
			col_at_brk = col;
		}
	}
	if (lines < max)
		out[lines] = (struct ui_span){ start, len };
	return lines + 1;
}

void ui_bar(int y, const char *left, const char *right, attr_t attr)
{
	int rw = right ? (int)utf8_width(right, strlen(right)) : 0;
	int room = COLS - 1 - (rw ? rw + 2 : 0);
	move(y, 0);
	attrset(attr);
	addch(' ');
	int used = 1 + ui_text_cut(y, 1, room, left, strlen(left), attr);
	attrset(attr);
	for (; used < COLS; used++)
		addch(' ');
	if (rw && rw < COLS - 1)
		ui_text(y, COLS - 1 - rw, rw, right, strlen(right), attr);
	attrset(A_NORMAL);
}

bool ui_too_small(void)
{
	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES)
		return false;
	erase();
	char msg[96];
	snprintf(msg, sizeof(msg), "terminal too small: %dx%d", COLS, LINES);
	const char *need = "gavel needs 80x24; make the window larger";
	const char *safe = "(what you type is still kept)";
	int y = LINES / 2 - 1;
	if (y < 0)
		y = 0;
	const char *lines[] = { msg, need, safe };
	for (int i = 0; i < 3 && y + i < LINES; i++) {
		int w = (int)strlen(lines[i]);
		int x = (COLS - w) / 2;
		ui_text(y + i, x < 0 ? 0 : x, COLS, lines[i], strlen(lines[i]),
			i == 0 ? ui_attr(THEME_ERROR) : A_NORMAL);
	}
	return true;
}

