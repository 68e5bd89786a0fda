/* gavel blame MEETING: the revision that last set each field. */
#include "tui/cli/cli.h"
#include "tui/render/blame.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_blame(struct cli *c, int argc, char **argv)
{
	const char *id;
	int done;
	struct archive *a = cli_meeting_repo(c, "blame", argc, argv, &id, &done);
	if (!a)
		return done;
	struct buf text = BUF_INIT, warnings = BUF_INIT;
	struct diags d;
	diags_init(&d);
	int rc = blame_text(&text, &warnings, a, id, cli_width(), &d);
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
