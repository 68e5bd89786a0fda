/* theme: reading theme files, choosing and finding themes (no curses). */
#include "themes/theme.h"
#include "minutes/base/buf.h"
#include "minutes/base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static const char *const role_names[THEME_ROLES] = {
	[THEME_NORMAL] = "normal",
	[THEME_HEADER] = "header",
	[THEME_KEYS] = "keys",
	[THEME_SELECTED] = "selected",
	[THEME_FIELD] = "field",
	[THEME_FIELD_ACTIVE] = "field_active",
	[THEME_TITLE] = "title",
	[THEME_LABEL] = "label",
	[THEME_DECISION] = "decision",
	[THEME_DIM] = "dim",
	[THEME_ERROR] = "error",
	[THEME_WARNING] = "warning",
	[THEME_SAVED] = "saved",
	[THEME_MATCH] = "match",
	[THEME_DIFF_ADD] = "diff_add",
	[THEME_DIFF_DEL] = "diff_del",
};

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", THEME_BOLD },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "dim", THEME_DIM_ATTR },
	{ "italic", THEME_ITALIC },
	{ "standout", THEME_STANDOUT },
};

#define D THEME_COLOUR_DEFAULT
enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

/* Keep in step with themes/default.theme (test_theme checks). */
static const struct theme_style builtin_default[THEME_ROLES] = {
	[THEME_NORMAL]       = { D, D, D, D, 0 },
	[THEME_HEADER]       = { 231, WHITE, 24, BLUE, THEME_BOLD },
	[THEME_KEYS]         = { 252, BLACK, 238, WHITE, 0 },
	[THEME_SELECTED]     = { 16, BLACK, 152, CYAN, THEME_BOLD | THEME_UNDERLINE },
	[THEME_FIELD]        = { D, D, 236, D, THEME_UNDERLINE },
	[THEME_FIELD_ACTIVE] = { 231, WHITE, 60, MAGENTA, THEME_BOLD },
	[THEME_TITLE]        = { 229, YELLOW, D, D, THEME_BOLD },
	[THEME_LABEL]        = { 110, CYAN, D, D, 0 },
	[THEME_DECISION]     = { 114, GREEN, D, D, THEME_BOLD },
	[THEME_DIM]          = { 245, D, D, D, THEME_DIM_ATTR },
	[THEME_ERROR]        = { 231, WHITE, 124, RED, THEME_BOLD },
	[THEME_WARNING]      = { 214, YELLOW, D, D, THEME_BOLD },
	[THEME_SAVED]        = { 114, GREEN, D, D, 0 },
	[THEME_MATCH]        = { 16, BLACK, 214, YELLOW, THEME_BOLD },
	[THEME_DIFF_ADD]     = { 114, GREEN, D, D, 0 },
	[THEME_DIFF_DEL]     = { 203, RED, D, D, 0 },
};

/* Keep in step with themes/mono.theme: every role told apart without
 * colour. */
static const unsigned builtin_mono[THEME_ROLES] = {
	[THEME_NORMAL]       = 0,
	[THEME_HEADER]       = THEME_REVERSE | THEME_BOLD,
	[THEME_KEYS]         = THEME_REVERSE,
	[THEME_SELECTED]     = THEME_REVERSE,
	[THEME_FIELD]        = THEME_UNDERLINE,
	[THEME_FIELD_ACTIVE] = THEME_REVERSE | THEME_UNDERLINE,
	[THEME_TITLE]        = THEME_BOLD,
	[THEME_LABEL]        = THEME_DIM_ATTR,
	[THEME_DECISION]     = THEME_BOLD,
	[THEME_DIM]          = THEME_DIM_ATTR,
	[THEME_ERROR]        = THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE,
	[THEME_WARNING]      = THEME_BOLD,
	[THEME_SAVED]        = 0,
	[THEME_MATCH]        = THEME_UNDERLINE | THEME_BOLD,
	[THEME_DIFF_ADD]     = THEME_BOLD,
	[THEME_DIFF_DEL]     = THEME_DIM_ATTR,
};
#undef D

static void set_name(struct theme *t, const char *s, size_t n)
{
	if (n > THEME_NAME_MAX)
		n = THEME_NAME_MAX;
	memcpy(t->name, s, n);
	t->name[n] = '\0';
}

void theme_builtin(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	set_name(t, "default", 7);
	memcpy(t->role, builtin_default, sizeof(t->role));
}

void theme_builtin_mono(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	set_name(t, "mono", 4);
	for (int r = 0; r < THEME_ROLES; r++) {
		struct theme_style *s = &t->role[r];
		s->fg256 = s->fg8 = s->bg256 = s->bg8 = THEME_COLOUR_DEFAULT;
		s->attrs = builtin_mono[r];
	}
}

const char *theme_role_name(enum theme_role r)
{
	if ((int)r < 0 || r >= THEME_ROLES)
		return NULL;
	return role_names[r];
}

bool theme_equal(const struct theme *a, const struct theme *b)
{
	for (int r = 0; r < THEME_ROLES; r++) {
		const struct theme_style *x = &a->role[r], *y = &b->role[r];
		if (x->fg256 != y->fg256 || x->fg8 != y->fg8 || x->bg256 != y->bg256 ||
		    x->bg8 != y->bg8 || x->attrs != y->attrs)
			return false;
	}
	return true;
}

bool theme_is_mono(const struct theme *t)
{
	for (int r = 0; r < THEME_ROLES; r++) {
		const struct theme_style *s = &t->role[r];
		if (s->fg256 >= 0 || s->fg8 >= 0 || s->bg256 >= 0 || s->bg8 >= 0)
			return false;
	}
	return true;
}

short theme_pick(short c256, short c8, int colours)
{
	if (colours >= 256 && colours <= 32767)
		return c256;
	if (c8 < 0 || colours < 8)
		return THEME_COLOUR_DEFAULT;
	if (c8 >= 8 && (colours < 16 || colours > 32767))
		return (short)(c8 - 8);
	return c8;
}

/* ---- Reading ---- */

/* A word of a line: bytes [s, s+n), starting at column col. */
struct word {
	const char *s;
	size_t n;
	unsigned col;
};

struct reader {
	const char *file;
	struct diags *d;
	unsigned line;
	int errors;
};

static void problem(struct reader *rd, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct reader *rd, unsigned col, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diags_add(rd->d, rd->file, rd->line, col, "%s", b.data);
	buf_free(&b);
	rd->errors++;
}

/* The word as it should appear in a message: quoted, controls visible,
 * shortened when long. */
static char *shown(const struct word *w)
{
	struct buf b = BUF_INIT;
	size_t n = w->n > 40 ? 40 : w->n;
	buf_addch(&b, '"');
	utf8_add_visible(&b, w->s, n);
	if (n < w->n)
		buf_addstr(&b, "...");
	buf_addch(&b, '"');
	return buf_detach(&b, NULL);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* True when the word is `name`, ignoring ASCII case; '-' in the word
 * matches '_' in the name. */
static bool word_is(const struct word *w, const char *name)
{
	size_t n = strlen(name);
	if (w->n != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = lower(w->s[i]);
		if (c == '-' && name[i] == '_')
			c = '_';
		if (c != name[i])
			return false;
	}
	return true;
}

/* A colour word: default, a name, bright-NAME or a number up to `max`.
 * Returns false when it is none of them. */
static bool colour_word(const struct word *w, int max, short *out)
{
	if (word_is(w, "default")) {
		*out = THEME_COLOUR_DEFAULT;
		return true;
	}
	if (w->n >= 1 && w->n <= 3 && w->s[0] >= '0' && w->s[0] <= '9') {
		int v = 0;
		for (size_t i = 0; i < w->n; i++) {
			if (w->s[i] < '0' || w->s[i] > '9')
				return false;
			v = v * 10 + (w->s[i] - '0');
		}
		if (v > max)
			return false;
		*out = (short)v;
		return true;
	}
	struct word base = *w;
	int bright = 0;
	if (w->n > 7 && word_is(&(struct word){ w->s, 7, 0 }, "bright_")) {
		base.s += 7;
		base.n -= 7;
		bright = 8;
	}
	for (int i = 0; i < 8; i++) {
		if (word_is(&base, colour_names[i])) {
			*out = (short)(i + bright);
			return true;
		}
	}
	return false;
}

/* The basic colour nearest a colour of the 256-colour palette (0-15 are
 * their own; theme_pick makes 8-15 basic where it must). */
static short nearest8(short c)
{
	if (c < 16)
		return c;
	if (c >= 232)
		return c >= 244 ? WHITE : BLACK;
	int v = c - 16, rgb[3] = { v / 36, v / 6 % 6, v % 6 };
	int m = rgb[0] > rgb[1] ? rgb[0] : rgb[1];
	if (rgb[2] > m)
		m = rgb[2];
	short out = 0;
	for (int i = 0; i < 3; i++)
		if (m > 0 && rgb[i] * 2 > m)
			out = (short)(out | 1 << i);
	return out;
}

/* "C" or "C256/C8": the 256-colour form and the fallback. */
static bool colour_spec(struct reader *rd, const struct word *w, const char *what,
			short *c256, short *c8)
{
	const char *slash = memchr(w->s, '/', w->n);
	struct word a = *w, b;
	if (slash) {
		a.n = (size_t)(slash - w->s);
		b.s = slash + 1;
		b.n = w->n - a.n - 1;
		b.col = w->col + (unsigned)a.n + 1;
	}
	if (!colour_word(&a, 255, c256)) {
		char *s = shown(&a);
		problem(rd, a.col, "expected a %s colour (default, black, red, green, "
			"yellow, blue, magenta, cyan, white, bright-NAME or 0-255), "
			"found %s", what, s);
		free(s);
		return false;
	}
	if (!slash) {
		*c8 = *c256 < 0 ? THEME_COLOUR_DEFAULT : nearest8(*c256);
		return true;
	}
	if (!colour_word(&b, 15, c8)) {
		char *s = shown(&b);
		problem(rd, b.col, "expected a %s colour for 8-colour terminals after "
			"'/' (default, a colour name, bright-NAME or 0-15), found %s",
			what, s);
		free(s);
		return false;
	}
	return true;
}

/* Splits [s, end) into words at spaces and tabs, up to a '#' that starts
 * a word.  Returns how many (at most max; *more is set past that). */
static size_t split(const char *s, const char *end, struct word *w, size_t max,
		    bool *more)
{
	size_t n = 0;
	unsigned col = 1;
	const char *p = s;
	*more = false;
	while (p < end) {
		if (*p == ' ' || *p == '\t') {
			p++;
			col++;
			continue;
		}
		if (*p == '#')
			break;
		const char *start = p;
		unsigned start_col = col;
		while (p < end && *p != ' ' && *p != '\t') {
			if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
			p++;
		}
		if (n == max) {
			*more = true;
			break;
		}
		w[n++] = (struct word){ start, (size_t)(p - start), start_col };
	}
	return n;
}

/* Column (in characters) of byte offset `off` of a line. */
static unsigned column(const char *line, size_t off)
{
	unsigned col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Checks a line's bytes are text; reports the first that is not. */
static bool line_clean(struct reader *rd, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n <= 0) {
			problem(rd, column(s, i), "expected UTF-8 text, found the byte 0x%02X",
				p[i]);
			return false;
		}
		if (utf8_forbidden(cp)) {
			struct buf b = BUF_INIT;
			utf8_describe(&b, cp);
			problem(rd, column(s, i), "expected text, found the control "
				"character %s", b.data);
			buf_free(&b);
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

static void header_line(struct reader *rd, struct theme *t, const char *s,
			const char *end, const struct word *key, bool *named)
{
	if (!word_is(key, "name:")) {
		char *k = shown(key);
		problem(rd, key->col, "expected a role or \"name:\", found %s", k);
		free(k);
		return;
	}
	const char *v = key->s + key->n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	/* The value ends at a comment, like every line. */
	const char *e = v;
	for (const char *p = v; p < end; p++) {
		if (*p == '#' && (p[-1] == ' ' || p[-1] == '\t'))
			break;
		if (*p != ' ' && *p != '\t')
			e = p + 1;
	}
	if (e == v) {
		problem(rd, column(s, (size_t)(v - s)), "expected the theme's name after \"name:\"");
		return;
	}
	if ((size_t)(e - v) > THEME_NAME_MAX) {
		problem(rd, column(s, (size_t)(v - s)),
			"expected a name of at most %d bytes", THEME_NAME_MAX);
		return;
	}
	if (*named) {
		problem(rd, key->col, "expected one \"name:\" line, found a second");
		return;
	}
	*named = true;
	set_name(t, v, (size_t)(e - v));
}

static void role_line(struct reader *rd, struct theme *t, const char *s,
		      const struct word *w, size_t n, bool more,
		      unsigned given[THEME_ROLES])
{
	int role = -1;
	for (int r = 0; r < THEME_ROLES; r++)
		if (word_is(&w[0], role_names[r]))
			role = r;
	if (role < 0) {
		char *k = shown(&w[0]);
		problem(rd, w[0].col, "expected a role (normal, header, keys, selected, "
			"field, field_active, title, label, decision, dim, error, "
			"warning, saved, match, diff_add, diff_del) or \"name:\", found %s", k);
		free(k);
		return;
	}
	if (given[role]) {
		problem(rd, w[0].col, "expected each role once; %s was given on line %u",
			role_names[role], given[role]);
		return;
	}
	given[role] = rd->line;
	unsigned end_col = column(s, (size_t)(w[n - 1].s + w[n - 1].n - s)) + 1;
	if (n < 2) {
		problem(rd, end_col, "expected a foreground colour after %s", role_names[role]);
		return;
	}
	if (n < 3) {
		problem(rd, end_col, "expected a background colour after the foreground");
		return;
	}
	struct theme_style st = { 0, 0, 0, 0, 0 };
	if (!colour_spec(rd, &w[1], "foreground", &st.fg256, &st.fg8) ||
	    !colour_spec(rd, &w[2], "background", &st.bg256, &st.bg8))
		return;
	for (size_t i = 3; i < n; i++) {
		size_t a = 0;
		while (a < sizeof(attr_names) / sizeof(attr_names[0]) &&
		       !word_is(&w[i], attr_names[a].name))
			a++;
		if (a == sizeof(attr_names) / sizeof(attr_names[0])) {
			char *k = shown(&w[i]);
			problem(rd, w[i].col, "expected an attribute (bold, underline, "
				"reverse, dim, italic, standout) or a comment, found %s", k);
			free(k);
			return;
		}
		st.attrs |= attr_names[a].bit;
	}
	if (more) {
		problem(rd, w[n - 1].col, "expected the line to end after %zu attributes",
			n - 3);
		return;
	}
	t->role[role] = st;
}

/* The name a theme takes from its file when it has no "name:" line. */
static void name_from_file(struct theme *t, const char *file)
{
	if (!file)
		return;
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t n = strlen(base);
	if (n > 6 && !strcmp(base + n - 6, ".theme"))
		n -= 6;
	if (n > 0 && utf8_clean(base, n, NULL))
		set_name(t, base, n);
}

int theme_load_mem(struct theme *t, const char *file, const char *data,
		   size_t len, struct diags *d)
{
	struct reader rd = { file, d, 0, 0 };
	unsigned given[THEME_ROLES] = { 0 };
	bool named = false;
	enum { MAX_WORDS = 3 + 6 };

	theme_builtin(t);
	name_from_file(t, file);
	if (len > THEME_FILE_MAX) {
		problem(&rd, 0, "expected a theme file of at most %d KiB", THEME_FILE_MAX / 1024);
		theme_builtin(t);
		return -1;
	}
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;      /* a byte order mark at the start is allowed */
		len -= 3;
	}
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t n = (size_t)(eol - p);
		rd.line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;        /* CRLF line ends */
		if (n > THEME_LINE_MAX) {
			problem(&rd, 0, "expected a line of at most %d bytes", THEME_LINE_MAX);
		} else if (line_clean(&rd, p, n)) {
			struct word w[MAX_WORDS];
			bool more;
			size_t nw = split(p, p + n, w, MAX_WORDS, &more);
			if (nw > 0 && w[0].s[w[0].n - 1] == ':')
				header_line(&rd, t, p, p + n, &w[0], &named);
			else if (nw > 0)
				role_line(&rd, t, p, w, nw, more, given);
		}
		p = nl ? nl + 1 : end;
	}
	if (rd.errors) {
		theme_builtin(t);
		return -1;
	}
	return 0;
}

int theme_load_file(struct theme *t, const char *path, struct diags *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		diags_add(d, path, 0, 0, "cannot read the theme: %s", strerror(errno));
		theme_builtin(t);
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diags_add(d, path, 0, 0, "cannot read the theme: %s", strerror(errno));
		close(fd);
		theme_builtin(t);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diags_add(d, path, 0, 0, "expected a theme file, found %s",
			  S_ISDIR(st.st_mode) ? "a folder" : "something else");
		close(fd);
		theme_builtin(t);
		return -1;
	}
	/* Read one byte past the limit, so a file that grew is still told. */
	char *data = xmalloc(THEME_FILE_MAX + 1);
	size_t len = 0;
	while (len < THEME_FILE_MAX + 1) {
		ssize_t r = read(fd, data + len, THEME_FILE_MAX + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diags_add(d, path, 0, 0, "cannot read the theme: %s", strerror(errno));
			free(data);
			close(fd);
			theme_builtin(t);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	int rc = theme_load_mem(t, path, data, len, d);
	free(data);
	return rc;
}

/* ---- Choosing and finding ---- */

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

const char *theme_choose_name(const char *option)
{
	if (option && *option)
		return option;
	if (env("NO_COLOR"))
		return "mono";
	const char *v = env("GAVEL_THEME");
	return v ? v : "default";
}

bool theme_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > THEME_NAME_MAX || name[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* The user's themes folder: $XDG_CONFIG_HOME/gavel/themes, or
 * ~/.config/gavel/themes when XDG_CONFIG_HOME is unset or relative (the
 * XDG rule).  "" when neither is known or it does not fit. */
static void user_dir(char *out, size_t n)
{
	const char *xdg = env("XDG_CONFIG_HOME");
	const char *home = env("HOME");
	int w = -1;
	if (xdg && xdg[0] == '/')
		w = snprintf(out, n, "%s/gavel/themes", xdg);
	else if (home)
		w = snprintf(out, n, "%s/.config/gavel/themes", home);
	if (w < 0 || (size_t)w >= n)
		out[0] = '\0';
}

/* Writes DIR/NAME.theme to out; true when it fits and is a regular file. */
static bool try_dir(const char *dir, const char *name, char *out, size_t n)
{
	if (!dir[0])
		return false;
	int w = snprintf(out, n, "%s/%s.theme", dir, name);
	if (w < 0 || (size_t)w >= n)
		return false;
	struct stat st;
	return stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

int theme_find(const char *name, const char *const *dirs, char *path_out,
	       size_t n)
{
	if (n == 0)
		return -1;
	if (strchr(name, '/')) {
		size_t len = strlen(name);
		if (len >= n)
			return -1;
		memcpy(path_out, name, len + 1);
		return 0;
	}
	if (!theme_name_valid(name))
		return -1;
	char user[4096];
	user_dir(user, sizeof(user));
	if (try_dir(user, name, path_out, n))
		return 0;
	for (size_t i = 0; dirs && dirs[i]; i++)
		if (try_dir(dirs[i], name, path_out, n))
			return 0;
	path_out[0] = '\0';
	return -1;
}

/* Where the shipped themes are, found from the running executable so
 * that gavel can be moved: DIR/themes when it runs from its source tree,
 * DIR/../share/gavel/themes when installed (PREFIX/bin/gavel).  "" when
 * not known. */
static void exe_themes(char *here, char *installed, size_t n)
{
	char exe[4096];
	ssize_t r = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	here[0] = installed[0] = '\0';
	if (r <= 0)
		return;
	exe[r] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	int w = snprintf(here, n, "%s/themes", exe);
	if (w < 0 || (size_t)w >= n)
		here[0] = '\0';
	w = snprintf(installed, n, "%s/../share/gavel/themes", exe);
	if (w < 0 || (size_t)w >= n)
		installed[0] = '\0';
}

int theme_load_named(struct theme *t, const char *name, struct diags *d)
{
	char here[4096 + 32], installed[4096 + 32], path[4096 + THEME_NAME_MAX + 48];
	exe_themes(here, installed, sizeof(here));
	const char *dirs[] = { here, installed, NULL };
	bool mono = !strcmp(name, "mono");

	if (theme_find(name, dirs, path, sizeof(path)) == 0) {
		if (theme_load_file(t, path, d) == 0)
			return 0;
		if (mono)
			theme_builtin_mono(t);
		return -1;
	}
	if (!strcmp(name, "default")) {
		theme_builtin(t);
		return 0;
	}
	if (mono) {
		theme_builtin_mono(t);
		return 0;
	}
	theme_builtin(t);
	struct buf b = BUF_INIT;
	utf8_add_visible(&b, name, strlen(name));
	if (!theme_name_valid(name) && !strchr(name, '/')) {
		diags_add(d, NULL, 0, 0, "theme \"%s\": expected a name of letters, "
			  "digits, '-', '_' and '.', or a path containing '/'", b.data);
	} else {
		char user[4096];
		user_dir(user, sizeof(user));
		struct buf where = BUF_INIT;
		utf8_add_visible(&where, user, strlen(user));
		buf_addstr(&where, user[0] ? ", " : "");
		utf8_add_visible(&where, here, strlen(here));
		buf_addstr(&where, here[0] ? " or " : "");
		utf8_add_visible(&where, installed, strlen(installed));
		diags_add(d, NULL, 0, 0, "no theme named \"%s\" in %s; using the default",
			  b.data, where.data);
		buf_free(&where);
	}
	buf_free(&b);
	return -1;
}
