/* gavel browse: the home screen (what plain gavel opens on a terminal). */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "tui/screen/browse.h"
#include "tui/screen/ui.h"

#include <getopt.h>
#include <stdlib.h>

int cmd_browse(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("browse");
	const char *theme;
	int rc = cli_screen_options(c, argc, argv, cmd, &theme);
	if (rc >= 0)
		return rc;
	if (optind != argc) {
		cli_usage_error(cmd, "browse takes no arguments");
		return EXIT_FAIL;
	}
	if (!cli_screen_possible("gavel browse"))
		return EXIT_FAIL;
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	char *problem = NULL;
	if (!cli_screen_start(theme, &problem)) {
		archive_free(a);
		return EXIT_FAIL;
	}
	free(problem);
	browse_run(a, &cli_stop_signal, cli_take_minutes);
	ui_close();
	archive_free(a);
	return cli_stop_signal ? 128 + cli_stop_signal : EXIT_YES;
}
