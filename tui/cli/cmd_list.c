/* gavel list: every meeting, newest first. */
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

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("list");
	const char *committee = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'c')
			committee = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	if (optind < argc) {
		cli_usage_error(cmd, "unexpected '%s'", argv[optind]);
		return EXIT_FAIL;
	}
	if (committee && !slug_valid(committee, strlen(committee))) {
		cli_usage_error(cmd, "'%s' is not a committee slug (such as communities-board)", committee);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct meeting_summary *v;
	size_t n;
	struct diags d;
	diags_init(&d);
	int result = EXIT_YES;
	if (meetings_list(a, committee, &v, &n, &d) < 0) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else {
		size_t w = 0;
		for (size_t i = 0; i < n; i++)
			if (strlen(v[i].id) > w)
				w = strlen(v[i].id);
		for (size_t i = 0; i < n; i++) {
			if (v[i].error)
				cli_printf("%-*s  error: %s\n", (int)w, v[i].id, v[i].error);
			else
				cli_printf("%-*s  %s  %s  %zu item%s\n", (int)w, v[i].id,
					   v[i].committee, minutes_status_name(v[i].status),
					   v[i].nitems, v[i].nitems == 1 ? "" : "s");
		}
		meeting_summaries_free(v, n);
		if (committee && n == 0)
			result = EXIT_NO;
	}
	diags_free(&d);
	archive_free(a);
	return result;
}
