/* gavel run MEETING: the clerk's screen. */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"

#include <getopt.h>

int cmd_run(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "read-only", no_argument, NULL, 'r' },
		{ "theme", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("run");
	bool read_only = false;
	const char *theme = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'r')
			read_only = true;
		else if (o == 't')
			theme = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind + 1 != argc) {
		cli_usage_error(cmd, optind >= argc ? "name the meeting to take minutes of"
				      : "name one meeting only");
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	int rc = cli_run_meeting(a, argv[optind], read_only, theme);
	archive_free(a);
	return rc;
}
