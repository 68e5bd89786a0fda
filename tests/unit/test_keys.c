/*
 * test_keys: the screens' key tables (keymaps[]) hold together: no key
 * hidden behind another in a mode, every binding that acts has keys and
 * every one that only describes has none, what has help text is in a
 * section; and the text field's table does what it lists.
 *
 * That a screen's handling reacts to no key outside its table cannot be
 * tested from here; the handling is a switch on keys_action's result,
 * so a key only reaches it through the table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/screen/field_keys.h"
#include "tui/screen/keys.h"

static bool overlap(unsigned a, unsigned b)
{
	return !a || !b || (a & b);
}

static size_t ncodes(const struct key_binding *b)
{
	size_t n = 0;
	while (n < KC_MAX && b->codes[n])
		n++;
	return n;
}

/* A key bound twice in one mode: the second binding could never act. */
static void test_no_hidden_key(void **state)
{
	(void)state;
	for (size_t m = 0; keymaps[m]; m++) {
		const struct keymap *km = keymaps[m];
		for (size_t i = 0; i < km->n; i++) {
			const struct key_binding *a = &km->bindings[i];
			if (a->action == KEYS_WIDGET)
				continue;
			for (size_t j = i + 1; j < km->n; j++) {
				const struct key_binding *b = &km->bindings[j];
				if (b->action == KEYS_WIDGET || !overlap(a->modes, b->modes))
					continue;
				for (size_t x = 0; x < ncodes(a); x++)
					for (size_t y = 0; y < ncodes(b); y++)
						if (a->codes[x] == b->codes[y])
							fail_msg("%s: \"%s\" and \"%s\" share key code %#x "
								 "in a mode", km->name, a->keys, b->keys,
								 (unsigned)a->codes[x]);
			}
			/* Twice in one binding is a slip too. */
			for (size_t x = 0; x < ncodes(a); x++)
				for (size_t y = x + 1; y < ncodes(a); y++)
					if (a->codes[x] == a->codes[y])
						fail_msg("%s: \"%s\" lists key code %#x twice",
							 km->name, a->keys, (unsigned)a->codes[x]);
		}
	}
}

static void test_bindings_well_formed(void **state)
{
	(void)state;
	for (size_t m = 0; keymaps[m]; m++) {
		const struct keymap *km = keymaps[m];
		assert_non_null(km->name);
		assert_non_null(km->title);
		assert_ptr_equal(keys_find(km->name), km);
		for (size_t i = 0; i < km->n; i++) {
			const struct key_binding *b = &km->bindings[i];
			if (!b->keys || !*b->keys)
				fail_msg("%s: binding %zu names no key", km->name, i);
			if (b->action != KEYS_WIDGET && ncodes(b) == 0)
				fail_msg("%s: \"%s\" acts but holds no key code", km->name, b->keys);
			if (b->action == KEYS_WIDGET && ncodes(b) != 0)
				fail_msg("%s: \"%s\" only describes, yet holds key codes that "
					 "nothing matches", km->name, b->keys);
			/* Help text with no section is shown nowhere. */
			if (b->help && !(b->flags & KB_NOHELP) && !b->section)
				fail_msg("%s: \"%s\" has help but no section", km->name, b->keys);
			if (b->section && !b->help)
				fail_msg("%s: \"%s\" has a section but no help", km->name, b->keys);
			/* Neither the key line nor the help page would show it. */
			if (!b->label && (!b->section || (b->flags & KB_NOHELP)) &&
			    b->action == KEYS_WIDGET)
				fail_msg("%s: \"%s\" is shown nowhere", km->name, b->keys);
		}
	}
}

/* Every binding that acts is said on the help page: it has help text, or
 * another binding of its action or its keys has, or it is marked
 * KB_NOHELP (said elsewhere, on purpose). */
static void test_every_action_listed(void **state)
{
	(void)state;
	for (size_t m = 0; keymaps[m]; m++) {
		const struct keymap *km = keymaps[m];
		for (size_t i = 0; i < km->n; i++) {
			const struct key_binding *b = &km->bindings[i];
			if (b->action == KEYS_WIDGET || b->help || (b->flags & KB_NOHELP))
				continue;
			bool said = false;
			for (size_t j = 0; j < km->n && !said; j++) {
				const struct key_binding *o = &km->bindings[j];
				said = o->help && !(o->flags & KB_NOHELP) && o->section &&
				       (o->action == b->action || strstr(o->keys, b->keys));
			}
			/* Enter in a text field is the screen's to describe. */
			if (!said && !(km == &field_keymap && !strcmp(b->keys, "Enter")))
				fail_msg("%s: \"%s\" acts but no help text names it",
					 km->name, b->keys);
		}
	}
}

/* ---- the text field's table, acted on ---- */

static struct field *field_with(const char *text, unsigned flags)
{
	struct field *f = field_new(flags);
	field_set_text(f, text, strlen(text));
	return f;
}

static void expect_text(struct field *f, const char *want)
{
	const char *got = field_text(f, NULL);
	if (strcmp(got, want))
		fail_msg("expected \"%s\", got \"%s\"", want, got);
}

static int press(struct field *f, int code)
{
	if (code & KC_FN(0) & ~KC_ALT(0))
		return field_handle_key(f, KEY_CODE_YES, (wint_t)(code & ~KC_FN(0)));
	return field_handle_key(f, OK, (wint_t)code);
}

static void test_field_keys(void **state)
{
	(void)state;
	struct field *f = field_with("one two three", 0);
	assert_int_equal(press(f, KC_ALT(KC_FN(KEY_LEFT))), FIELD_KEY_USED);
	assert_int_equal(press(f, KC_ALT(KC_FN(KEY_DC))), FIELD_KEY_USED);	/* M-Delete */
	expect_text(f, "one two ");
	assert_int_equal(press(f, KC_FN(KEY_SHOME)), FIELD_KEY_USED);
	assert_int_equal(press(f, KC_ALT('d')), FIELD_KEY_USED);
	expect_text(f, " two ");
	assert_int_equal(press(f, KC_ALT(KC_FN(KEY_END))), FIELD_KEY_USED);
	assert_int_equal(press(f, KC_FN(FK_CTRL_HOME)), FIELD_KEY_USED);
	press(f, 'x');
	expect_text(f, "x two ");
	/* An Alt key the table does not hold is the screen's, never text. */
	assert_int_equal(press(f, KC_ALT('q')), FIELD_KEY_IGNORED);
	/* ^N and ^P are the screens' (next and previous step). */
	assert_int_equal(press(f, KC_CTRL('N')), FIELD_KEY_IGNORED);
	assert_int_equal(press(f, KC_CTRL('P')), FIELD_KEY_IGNORED);
	assert_int_equal(press(f, KC_CTRL('O')), FIELD_KEY_EDITOR);
	/* M-Up is Up: a single-line field cannot move, the screen takes it. */
	assert_int_equal(press(f, KC_ALT(KC_FN(KEY_UP))), FIELD_KEY_IGNORED);
	expect_text(f, "x two ");
	field_delete(f);

	f = field_with("ab", FIELD_MULTILINE);
	assert_int_equal(press(f, '\r'), FIELD_KEY_IGNORED);
	assert_int_equal(press(f, KC_ALT('\r')), FIELD_KEY_USED);
	expect_text(f, "ab\n");
	assert_int_equal(press(f, KC_FN(KEY_UP)), FIELD_KEY_USED);
	assert_int_equal(press(f, KC_CTRL('Z')), FIELD_KEY_USED);
	expect_text(f, "ab");
	assert_int_equal(press(f, KC_ALT('_')), FIELD_KEY_USED);
	expect_text(f, "ab\n");
	field_delete(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_hidden_key),
		cmocka_unit_test(test_bindings_well_formed),
		cmocka_unit_test(test_every_action_listed),
		cmocka_unit_test(test_field_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
