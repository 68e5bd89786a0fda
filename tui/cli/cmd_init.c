/* gavel init [--bare] [DIR]: a new minutes repository. */
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bare", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("init");
	bool bare = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'b')
			bare = true;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (argc - optind > 1) {
		cli_usage_error(cmd, "name one folder only");
		return EXIT_FAIL;
	}
	const char *dir = optind < argc ? argv[optind] : c->repo ? c->repo : ".";
	struct archive *a;
	struct diags d;
	diags_init(&d);
	if (archive_init(&a, dir, bare, &d) < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return EXIT_FAIL;
	}
	cli_repo_warnings(a);
	cli_printf("Created a gavel minutes repository in %s\n", archive_path(a));
	archive_free(a);
	diags_free(&d);
	return EXIT_YES;
}
