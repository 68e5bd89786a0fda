/*
 * test_theme: theme files (docs/THEMES.md).  Every shipped theme loads
 * cleanly and default.theme and mono.theme equal the compiled-in themes;
 * a broken file is reported by line and column and leaves the default in
 * place; roles left out are inherited; themes are found in the documented
 * order and chosen by --theme, NO_COLOR and GAVEL_THEME.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "themes/theme.h"

static const char *const shipped[] = {
	"themes/default.theme", "themes/light.theme",
	"themes/high-contrast.theme", "themes/mono.theme",
};

/* Loads text; returns the return code, with the problems in d. */
static int load(struct theme *t, const char *text, struct diags *d)
{
	diags_init(d);
	return theme_load_mem(t, "t.theme", text, strlen(text), d);
}

/* Loading text fails with exactly one problem, starting `want`. */
static void expect_problem(const char *text, const char *want)
{
	struct theme t, def;
	struct diags d;
	int rc = load(&t, text, &d);
	if (rc != -1 || diags_count(&d) != 1) {
		for (size_t i = 0; i < d.n; i++) {
			char *s = diag_format(&d.v[i]);
			print_message("  %s\n", s);
			free(s);
		}
		fail_msg("\"%s\": expected one problem, got rc %d and %zu", text, rc,
			 diags_count(&d));
	}
	char *s = diag_format(&d.v[0]);
	if (strncmp(s, want, strlen(want)) != 0)
		fail_msg("expected \"%s...\", got \"%s\"", want, s);
	free(s);
	theme_builtin(&def);
	assert_true(theme_equal(&t, &def));     /* a broken file is not used */
	diags_free(&d);
}

static void expect_clean(struct theme *t, const char *text)
{
	struct diags d;
	int rc = load(t, text, &d);
	if (rc != 0 || diags_count(&d) != 0) {
		char *s = d.n ? diag_format(&d.v[0]) : xstrdup("");
		fail_msg("\"%s\": expected no problem, got %s", text, s);
	}
	diags_free(&d);
}

static void test_shipped_themes_load_cleanly(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		struct theme t;
		struct diags d;
		diags_init(&d);
		if (theme_load_file(&t, shipped[i], &d) != 0 || diags_count(&d)) {
			char *s = d.n ? diag_format(&d.v[0]) : xstrdup("?");
			fail_msg("%s: %s", shipped[i], s);
		}
		diags_free(&d);
	}
}

static void test_shipped_files_equal_builtins(void **state)
{
	(void)state;
	struct theme file, builtin;
	struct diags d;
	diags_init(&d);
	assert_int_equal(theme_load_file(&file, "themes/default.theme", &d), 0);
	theme_builtin(&builtin);
	assert_true(theme_equal(&file, &builtin));
	assert_string_equal(file.name, "default");
	assert_string_equal(builtin.name, "default");

	assert_int_equal(theme_load_file(&file, "themes/mono.theme", &d), 0);
	theme_builtin_mono(&builtin);
	assert_true(theme_equal(&file, &builtin));
	assert_true(theme_is_mono(&file));
	diags_free(&d);
}

/* The promise of the mono theme and of the screens without colour: no
 * two of the roles a screen shows side by side look the same. */
static void test_mono_tells_roles_apart(void **state)
{
	(void)state;
	struct theme m;
	theme_builtin_mono(&m);
	const enum theme_role apart[] = {
		THEME_NORMAL, THEME_HEADER, THEME_SELECTED, THEME_FIELD,
		THEME_FIELD_ACTIVE, THEME_TITLE, THEME_ERROR, THEME_MATCH,
	};
	for (size_t i = 0; i < sizeof(apart) / sizeof(apart[0]); i++)
		for (size_t j = i + 1; j < sizeof(apart) / sizeof(apart[0]); j++)
			if (m.role[apart[i]].attrs == m.role[apart[j]].attrs)
				fail_msg("mono: %s and %s look alike",
					 theme_role_name(apart[i]), theme_role_name(apart[j]));
	assert_int_equal(m.role[THEME_SELECTED].attrs, THEME_REVERSE);
	assert_int_equal(m.role[THEME_HEADER].attrs, THEME_REVERSE | THEME_BOLD);
	assert_int_equal(m.role[THEME_MATCH].attrs, THEME_UNDERLINE | THEME_BOLD);
}

/* The cursor row shows without colour in every shipped theme: an
 * attribute of its own (not the field's it is listed among, nor bold
 * alone, which with ">" marks the hub's item in hand), and a search hit
 * within it shows by attributes too. */
static void test_selection_needs_no_colour(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(shipped) / sizeof(*shipped); i++) {
		struct theme t;
		struct diags d;
		diags_init(&d);
		assert_int_equal(theme_load_file(&t, shipped[i], &d), 0);
		unsigned sel = t.role[THEME_SELECTED].attrs;
		if (!sel || sel == THEME_BOLD || sel == t.role[THEME_FIELD].attrs ||
		    sel == t.role[THEME_FIELD_ACTIVE].attrs)
			fail_msg("%s: the selection's attributes (%#x) need colour to be seen",
				 shipped[i], sel);
		/* A search hit inside the selected row shows too. */
		if (t.role[THEME_MATCH].attrs == sel)
			fail_msg("%s: a search hit in the selected row differs from it by colour "
				 "alone (%#x)", shipped[i], sel);
		diags_free(&d);
	}
}

static void test_role_names(void **state)
{
	(void)state;
	for (int r = 0; r < THEME_ROLES; r++) {
		assert_non_null(theme_role_name((enum theme_role)r));
		for (int s = 0; s < r; s++)
			assert_string_not_equal(theme_role_name((enum theme_role)r),
						theme_role_name((enum theme_role)s));
	}
	assert_string_equal(theme_role_name(THEME_FIELD_ACTIVE), "field_active");
	assert_string_equal(theme_role_name(THEME_DIFF_DEL), "diff_del");
	assert_null(theme_role_name(THEME_ROLES));
}

static void test_errors_name_line_and_column(void **state)
{
	(void)state;
	expect_problem("# a comment\n\nheader purple blue\n",
		       "t.theme:3:8: expected a foreground colour");
	expect_problem("header white blue\nfooter white blue\n",
		       "t.theme:2:1: expected a role");
	expect_problem("\n\n\n   header white\n",
		       "t.theme:4:17: expected a background colour");
	expect_problem("header\n", "t.theme:1:8: expected a foreground colour");
	expect_problem("header white blue blink\n",
		       "t.theme:1:19: expected an attribute");
	expect_problem("header white 256\n", "t.theme:1:14: expected a background colour");
	expect_problem("header 231/99 blue\n",
		       "t.theme:1:12: expected a foreground colour for 8-colour");
	expect_problem("header white/ blue\n",
		       "t.theme:1:14: expected a foreground colour for 8-colour");
	expect_problem("header white blue\nheader red blue\n",
		       "t.theme:2:1: expected each role once; header was given on line 1");
	expect_problem("colour: blue\n", "t.theme:1:1: expected a role or \"name:\"");
	expect_problem("name:\n", "t.theme:1:6: expected the theme's name");
	expect_problem("header white blue bold bold bold bold bold bold bold\n",
		       "t.theme:1:");
}

static void test_every_problem_is_reported(void **state)
{
	(void)state;
	struct theme t;
	struct diags d;
	assert_int_equal(load(&t, "header red\nkeys red nope\nbogus 1 2\n", &d), -1);
	assert_int_equal(diags_count(&d), 3);
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[1].line, 2);
	assert_int_equal(d.v[2].line, 3);
	diags_free(&d);
}

static void test_roles_left_out_are_inherited(void **state)
{
	(void)state;
	struct theme t, def;
	expect_clean(&t, "# short\nheader  red  blue  underline\n");
	theme_builtin(&def);
	for (int r = 0; r < THEME_ROLES; r++) {
		if (r == THEME_HEADER)
			continue;
		assert_memory_equal(&t.role[r], &def.role[r], sizeof(t.role[r]));
	}
	assert_int_equal(t.role[THEME_HEADER].fg256, 1);
	assert_int_equal(t.role[THEME_HEADER].fg8, 1);
	assert_int_equal(t.role[THEME_HEADER].bg256, 4);
	assert_int_equal(t.role[THEME_HEADER].bg8, 4);
	assert_int_equal(t.role[THEME_HEADER].attrs, THEME_UNDERLINE);
	assert_string_equal(t.name, "t");       /* from the file's name */

	expect_clean(&t, "");
	assert_true(theme_equal(&t, &def));
}

static void test_colours_and_fallbacks(void **state)
{
	(void)state;
	struct theme t;
	expect_clean(&t, "header 231/white 24/blue bold\n"
		     "keys bright-red default/bright-blue italic standout\n"
		     "title 214 240\n"
		     "label 24 default reverse dim\n"
		     "error 9 16\n"
		     "Match  BLACK  Yellow  Bold\n"
		     "diff-add 0/0 255/15\n");
	struct theme_style *s = &t.role[THEME_HEADER];
	assert_int_equal(s->fg256, 231);
	assert_int_equal(s->fg8, 7);
	assert_int_equal(s->bg256, 24);
	assert_int_equal(s->bg8, 4);
	assert_int_equal(s->attrs, THEME_BOLD);
	s = &t.role[THEME_KEYS];
	assert_int_equal(s->fg256, 9);
	assert_int_equal(s->fg8, 9);
	assert_int_equal(s->bg256, THEME_COLOUR_DEFAULT);
	assert_int_equal(s->bg8, 12);
	assert_int_equal(s->attrs, THEME_ITALIC | THEME_STANDOUT);
	/* A 256-colour value alone falls back to the nearest basic colour. */
	s = &t.role[THEME_TITLE];
	assert_int_equal(s->fg256, 214);
	assert_int_equal(s->fg8, 3);            /* orange: yellow */
	assert_int_equal(s->bg8, 0);            /* dark grey: black */
	s = &t.role[THEME_LABEL];
	assert_int_equal(s->fg8, 4);            /* dark blue: blue */
	assert_int_equal(s->bg8, THEME_COLOUR_DEFAULT);
	assert_int_equal(s->attrs, THEME_REVERSE | THEME_DIM_ATTR);
	assert_int_equal(t.role[THEME_ERROR].fg8, 9);
	assert_int_equal(t.role[THEME_ERROR].bg8, 0);
	s = &t.role[THEME_MATCH];
	assert_int_equal(s->fg256, 0);
	assert_int_equal(s->bg256, 3);
	assert_int_equal(s->attrs, THEME_BOLD);
	s = &t.role[THEME_DIFF_ADD];
	assert_int_equal(s->bg256, 255);
	assert_int_equal(s->bg8, 15);
}

static void test_pick_by_terminal(void **state)
{
	(void)state;
	assert_int_equal(theme_pick(231, 7, 256), 231);
	assert_int_equal(theme_pick(231, 7, 88), 7);
	assert_int_equal(theme_pick(231, 7, 8), 7);
	assert_int_equal(theme_pick(9, 9, 16), 9);
	assert_int_equal(theme_pick(9, 9, 8), 1);     /* bright red: red */
	assert_int_equal(theme_pick(-1, -1, 256), -1);
	assert_int_equal(theme_pick(-1, 4, 256), -1);
	assert_int_equal(theme_pick(-1, 4, 8), 4);
	assert_int_equal(theme_pick(196, 9, 0x1000000), 1);  /* direct colour */
	assert_int_equal(theme_pick(196, 1, 0), -1);
}

static void test_name_header_and_comments(void **state)
{
	(void)state;
	struct theme t;
	expect_clean(&t, "name:   Ocean  breeze   # after the name\n"
		     "header white blue bold # a comment\n"
		     "#keys nothing\n"
		     "\t  \n");
	assert_string_equal(t.name, "Ocean  breeze");
	assert_int_equal(t.role[THEME_HEADER].attrs, THEME_BOLD);
	expect_problem("name: a\nname: b\n", "t.theme:2:1: expected one \"name:\" line");
}

static void test_hostile_bytes(void **state)
{
	(void)state;
	struct theme t;
	struct diags d;
	expect_problem("header white blue\nkeys \x1b[31m red\n",
		       "t.theme:2:6: expected text, found the control character U+001B");
	expect_problem("header \xff white blue\n", "t.theme:1:8: expected UTF-8 text");
	expect_problem("# caf\xc3\xa9 \xc3\n", "t.theme:1:8: expected UTF-8 text");

	const char nul[] = "header white\0 blue\n";
	diags_init(&d);
	assert_int_equal(theme_load_mem(&t, "t.theme", nul, sizeof(nul) - 1, &d), -1);
	assert_int_equal(d.v[0].line, 1);
	diags_free(&d);

	/* Windows line ends and a byte order mark are fine. */
	expect_clean(&t, "\xEF\xBB\xBFheader white blue\r\nkeys red default\r\n");
	assert_int_equal(t.role[THEME_KEYS].fg256, 1);

	char *line = xmalloc(THEME_LINE_MAX + 20);
	memset(line, '#', THEME_LINE_MAX + 1);
	strcpy(line + THEME_LINE_MAX + 1, "\n");
	expect_problem(line, "t.theme:1: expected a line of at most 1000 bytes");
	line[THEME_LINE_MAX] = '\n';
	line[THEME_LINE_MAX + 1] = '\0';
	expect_clean(&t, line);
	free(line);

	size_t big = THEME_FILE_MAX + 1;
	char *data = xmalloc(big);
	memset(data, '\n', big);
	diags_init(&d);
	assert_int_equal(theme_load_mem(&t, "t.theme", data, big, &d), -1);
	assert_int_equal(diags_count(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "at most 64 KiB"));
	diags_clear(&d);
	assert_int_equal(theme_load_mem(&t, "t.theme", data, big - 1, &d), 0);
	diags_free(&d);
	free(data);
}

/* ---- Finding and choosing ---- */

static char tmp[1024];

static int make_tmp(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(tmp, sizeof(tmp), "%s/gavel-test-theme.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(tmp) ? 0 : -1;
}

static int remove_tmp(void **state)
{
	(void)state;
	char cmd[1100];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *rel, const char *text)
{
	char path[2048], dir[2200];
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	snprintf(dir, sizeof(dir), "mkdir -p \"$(dirname '%s')\"", path);
	assert_int_equal(system(dir), 0);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *in_tmp(const char *rel)
{
	static char path[2048];
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	return path;
}

static void test_search_order(void **state)
{
	(void)state;
	char xdg[1100], one[1100], two[1100], home[1100], found[4200];
	snprintf(xdg, sizeof(xdg), "%s/config", tmp);
	snprintf(one, sizeof(one), "%s/one", tmp);
	snprintf(two, sizeof(two), "%s/two", tmp);
	snprintf(home, sizeof(home), "%s/home", tmp);
	const char *dirs[] = { one, two, NULL };
	put("config/gavel/themes/x.theme", "header red blue\n");
	put("one/x.theme", "header green blue\n");
	put("one/y.theme", "");
	put("two/y.theme", "");
	put("two/z.theme", "");
	put("home/.config/gavel/themes/z.theme", "");
	mkdir(in_tmp("two/d.theme"), 0700);     /* a folder is not a theme */

	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", home, 1);
	assert_int_equal(theme_find("x", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, in_tmp("config/gavel/themes/x.theme"));
	assert_int_equal(theme_find("y", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, in_tmp("one/y.theme"));
	assert_int_equal(theme_find("z", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, in_tmp("two/z.theme"));
	assert_int_equal(theme_find("d", dirs, found, sizeof(found)), -1);
	assert_int_equal(theme_find("nothere", dirs, found, sizeof(found)), -1);
	assert_int_equal(theme_find("x", NULL, found, sizeof(found)), 0);

	/* Unset (or relative) XDG_CONFIG_HOME: ~/.config. */
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(theme_find("z", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, in_tmp("home/.config/gavel/themes/z.theme"));
	assert_int_equal(theme_find("x", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, in_tmp("one/x.theme"));
	setenv("XDG_CONFIG_HOME", "config", 1);
	assert_int_equal(theme_find("z", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, in_tmp("home/.config/gavel/themes/z.theme"));
	setenv("XDG_CONFIG_HOME", xdg, 1);

	/* A name with '/' is a path; other names stay in their folders. */
	assert_int_equal(theme_find("./my.theme", dirs, found, sizeof(found)), 0);
	assert_string_equal(found, "./my.theme");
	assert_int_equal(theme_find("..", dirs, found, sizeof(found)), -1);
	assert_int_equal(theme_find(".x", dirs, found, sizeof(found)), -1);
	assert_int_equal(theme_find("", dirs, found, sizeof(found)), -1);
	assert_int_equal(theme_find("a b", dirs, found, sizeof(found)), -1);
	assert_int_equal(theme_find("x", dirs, found, 8), -1);  /* too long */
	assert_false(theme_name_valid("x\x1b"));
	assert_true(theme_name_valid("high-contrast"));

	/* Loading by name: the user's theme, then fallbacks and errors. */
	struct theme t, want;
	struct diags d;
	diags_init(&d);
	assert_int_equal(theme_load_named(&t, "x", &d), 0);
	assert_int_equal(t.role[THEME_HEADER].fg256, 1);
	assert_int_equal(theme_load_named(&t, "mono", &d), 0);
	theme_builtin_mono(&want);
	assert_true(theme_equal(&t, &want));
	assert_int_equal(diags_count(&d), 0);
	assert_int_equal(theme_load_named(&t, "nosuchtheme", &d), -1);
	assert_int_equal(diags_count(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "no theme named \"nosuchtheme\""));
	theme_builtin(&want);
	assert_true(theme_equal(&t, &want));
	diags_clear(&d);
	put("config/gavel/themes/broken.theme", "header red\n");
	assert_int_equal(theme_load_named(&t, "broken", &d), -1);
	assert_int_equal(d.v[0].line, 1);
	assert_true(theme_equal(&t, &want));
	diags_clear(&d);
	put("config/gavel/themes/mono.theme", "header red blue\n");
	assert_int_equal(theme_load_named(&t, "mono", &d), 0);
	assert_int_equal(t.role[THEME_HEADER].fg256, 1);   /* the user's own */
	diags_free(&d);
	unsetenv("XDG_CONFIG_HOME");
}

static void test_choose_name(void **state)
{
	(void)state;
	unsetenv("NO_COLOR");
	unsetenv("GAVEL_THEME");
	assert_string_equal(theme_choose_name(NULL), "default");
	assert_string_equal(theme_choose_name(""), "default");
	setenv("GAVEL_THEME", "light", 1);
	assert_string_equal(theme_choose_name(NULL), "light");
	setenv("NO_COLOR", "1", 1);
	assert_string_equal(theme_choose_name(NULL), "mono");
	assert_string_equal(theme_choose_name("high-contrast"), "high-contrast");
	unsetenv("GAVEL_THEME");
	assert_string_equal(theme_choose_name(NULL), "mono");
	setenv("NO_COLOR", "", 1);              /* empty: not set */
	assert_string_equal(theme_choose_name(NULL), "default");
	setenv("GAVEL_THEME", "", 1);
	assert_string_equal(theme_choose_name(NULL), "default");
	assert_string_equal(theme_choose_name("light"), "light");
	unsetenv("NO_COLOR");
	unsetenv("GAVEL_THEME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_load_cleanly),
		cmocka_unit_test(test_shipped_files_equal_builtins),
		cmocka_unit_test(test_mono_tells_roles_apart),
		cmocka_unit_test(test_selection_needs_no_colour),
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_errors_name_line_and_column),
		cmocka_unit_test(test_every_problem_is_reported),
		cmocka_unit_test(test_roles_left_out_are_inherited),
		cmocka_unit_test(test_colours_and_fallbacks),
		cmocka_unit_test(test_pick_by_terminal),
		cmocka_unit_test(test_name_header_and_comments),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test_setup_teardown(test_search_order, make_tmp, remove_tmp),
		cmocka_unit_test(test_choose_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
