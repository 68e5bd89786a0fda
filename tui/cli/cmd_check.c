/* gavel check FILE...: validate agenda, minutes and committee files. */
#include "tui/cli/cli.h"
#include "minutes/model/yamlfile.h"

#include <getopt.h>
#include <stdio.h>

int cmd_check(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("check");
	int o;
	while ((o = cli_getopt(c, argc, argv, "", NULL, cmd)) != -1)
		return o == 'h' ? EXIT_YES : EXIT_FAIL;
	if (optind >= argc) {
		cli_usage_error(cmd, "name at least one file to check");
		return EXIT_FAIL;
	}
	int result = EXIT_YES;
	for (int i = optind; i < argc; i++) {
		struct diags d;
		struct yamlfile doc;
		diags_init(&d);
		int rc = yamlfile_load(&doc, argv[i], YAMLFILE_ANY, &d);
		diags_sort(&d);
		if (rc == YAMLFILE_UNREADABLE) {
			cli_diags(&d, true);
			result = EXIT_FAIL;
		} else if (rc == YAMLFILE_INVALID) {
			cli_diags(&d, false);
			if (result == EXIT_YES)
				result = EXIT_NO;
		} else {
			yamlfile_free(&doc);
		}
		diags_free(&d);
	}
	fflush(stdout);
	return result;
}
