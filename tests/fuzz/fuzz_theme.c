/*
 * A libFuzzer target for gavel's theme reader: any bytes as a theme file.
 * Reading must end with a theme or with problems, never a crash or a
 * hang; a theme with problems is the built-in default, and every colour
 * read is one a terminal can be given.
 */
#include "themes/theme.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_colour(short c256, short c8)
{
	if (c256 < -1 || c256 > 255 || c8 < -1 || c8 > 15)
		abort();
	for (int colours = 8; colours <= 256; colours *= 2) {
		short c = theme_pick(c256, c8, colours);
		if (c < -1 || c >= colours)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;
	struct theme t, def;
	diags_init(&d);
	int rc = theme_load_mem(&t, "fuzz.theme", (const char *)data, size, &d);
	if ((rc == 0) != (diags_count(&d) == 0))
		abort();        /* failure and problems go together */
	theme_builtin(&def);
	if (rc != 0 && !theme_equal(&t, &def))
		abort();        /* a broken theme is not used */
	for (int r = 0; r < THEME_ROLES; r++) {
		check_colour(t.role[r].fg256, t.role[r].fg8);
		check_colour(t.role[r].bg256, t.role[r].bg8);
		if (t.role[r].attrs & ~0x3Fu)
			abort();
	}
	for (size_t i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	diags_free(&d);
	return 0;
}
