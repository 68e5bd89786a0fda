/* gavel browse: the home screen (what plain gavel opens on a terminal). */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "tui/screen/browse.h"
#include "tui/screen/ui.h"

#include <getopt.h>
#include <stdlib.h>

int cmd_browse(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("browse");
	const char *theme = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 't')
			theme = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
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
