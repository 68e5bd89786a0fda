/* gavel blame MEETING: the revision that last set each field. */
#include "tui/cli/cli.h"
#include "tui/render/blame.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_blame(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("blame");
	const char *rev = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'r')
			rev = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	const char *id = cli_meeting_arg(cmd, argc, argv);
	if (!id)
		return EXIT_FAIL;
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	char at[41];
	if (rev && !cli_revision(a, id, rev, at)) {
		archive_free(a);
		return EXIT_FAIL;
	}
	struct buf text = BUF_INIT, warnings = BUF_INIT;
	struct diags d;
	diags_init(&d);
	int rc = blame_text_at(&text, &warnings, a, id, rev ? at : NULL, cli_width(), &d);
	for (const char *p = warnings.data; *p;) {
		const char *nl = strchr(p, '\n');
		cli_warn("%.*s", (int)(nl - p), p);
		p = nl + 1;
	}
	cli_write(text.data, text.len);
	if (rc)
		cli_diags(&d, true);
	buf_free(&text);
	buf_free(&warnings);
	diags_free(&d);
	archive_free(a);
	return rc ? EXIT_FAIL : EXIT_YES;
}
