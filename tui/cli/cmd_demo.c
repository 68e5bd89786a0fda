/* gavel demo: a throwaway repository with a meeting to try gavel on. */
#include "tui/cli/cli.h"
#include "tui/cli/cli_screen.h"
#include "tui/cli/demo.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "no-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("demo");
	const char *theme = NULL;
	bool run = true;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 't')
			theme = optarg;
		else if (o == 'n')
			run = false;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind != argc) {
		cli_usage_error(cmd, "demo takes no arguments");
		return EXIT_FAIL;
	}
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT;
	buf_addf(&dir, "%s/gavel-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.data)) {
		cli_error("cannot make a folder for the demo in %s: %s",
			  tmp && *tmp ? tmp : "/tmp", strerror(errno));
		buf_free(&dir);
		return EXIT_FAIL;
	}
	struct diags d;
	diags_init(&d);
	struct archive *a = NULL;
	char *id = NULL;
	int rc = demo_create(dir.data, &a, &id, &d);
	if (rc) {
		cli_diags(&d, true);
		diags_free(&d);
		buf_free(&dir);
		return EXIT_FAIL;
	}
	diags_free(&d);
	int result = EXIT_YES;
	if (run)
		result = cli_run_meeting(a, id, false, NULL, theme);
	archive_free(a);
	printf("The demo repository is %s (meeting %s).\n"
	       "  gavel -C %s show %s     the minutes as text\n"
	       "  git -C %s log           its commits\n",
	       dir.data, id, dir.data, id, dir.data);
	free(id);
	buf_free(&dir);
	return result;
}
