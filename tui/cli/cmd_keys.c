/* gavel keys [--roff] [SCREEN]: the key tables of gavel's screens as
 * text (beside a terminal, or over ssh), or as gavel.1's KEYS section. */
#include "tui/cli/cli.h"
#include "tui/screen/keys.h"

#include <getopt.h>
#include <stdio.h>

int cmd_keys(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "roff", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("keys");
	bool roff = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'r')
			roff = true;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (argc - optind > 1) {
		cli_usage_error(cmd, "name one screen at most");
		return EXIT_FAIL;
	}
	const struct keymap *only = NULL;
	if (optind < argc) {
		only = keys_find(argv[optind]);
		if (!only) {
			struct buf names = BUF_INIT;
			for (size_t i = 0; keymaps[i]; i++)
				buf_addf(&names, "%s%s", i ? ", " : "", keymaps[i]->name);
			cli_usage_error(cmd, "'%s' is not a screen; the screens are %s",
					argv[optind], names.data);
			buf_free(&names);
			return EXIT_FAIL;
		}
	}
	for (size_t i = 0; keymaps[i]; i++) {
		if (only && keymaps[i] != only)
			continue;
		if (roff) {
			keys_roff(stdout, keymaps[i]);
		} else {
			if (!only && i)
				putchar('\n');
			keys_print(stdout, keymaps[i]);
		}
	}
	return EXIT_YES;
}
