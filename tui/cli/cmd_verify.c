/* gavel verify: confirmed minutes checked for alteration. */
#include "minutes/audit/audit.h"
#include "tui/cli/cli.h"
#include "minutes/model/yamlfile.h"
#include "minutes/git/meeting.h"
#include "minutes/base/proc.h"
#include "minutes/format/slug.h"
#include "minutes/format/yamlread.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How a meeting was checked: its tag, the tag's signature, the chain
 * links that name it. */
static void checked(struct buf *line, const struct audit_result *r)
{
	buf_addstr(line, "  checked: ");
	if (!r->tagged)
		buf_addstr(line, "no tag");
	else if (r->signer)
		buf_addf(line, "tag, signed by %s", r->signer);
	else if (r->note)
		buf_addf(line, "tag, %s", r->note);
	else
		buf_addstr(line, r->tag_signed ? "tag, signature bad" : "tag, not signed");
	if (r->links.len)
		buf_addf(line, "; chain link from %s", r->links.data);
	else
		buf_addstr(line, "; no chain link");
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("verify");
	int o;
	while ((o = cli_getopt(c, argc, argv, "", NULL, cmd)) != -1)
		return o == 'h' ? EXIT_YES : EXIT_FAIL;
	for (int i = optind; i < argc; i++)
		if (!slug_meeting_id_valid(argv[i])) {
			cli_usage_error(cmd, "'%s' is not a meeting id; expected committee/YYYY-MM-DD",
					argv[i]);
			return EXIT_FAIL;
		}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct diags d;
	struct audit_result *r;
	size_t n;
	diags_init(&d);
	int result = EXIT_YES;
	if (audit_verify(a, argv + optind, (size_t)(argc - optind), &r, &n, &d)) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	} else {
		int w = 0;
		for (size_t i = 0; i < n; i++)
			if ((int)strlen(r[i].id) > w)
				w = (int)strlen(r[i].id);
		struct buf line = BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			buf_reset(&line);
			buf_addf(&line, "%-*s  %s", w, r[i].id, audit_state_name(r[i].state));
			if (r[i].state == AUDIT_CORRECTED)
				buf_addf(&line, " (%zu)", r[i].corrections);
			if (r[i].state == AUDIT_ALTERED)
				buf_addf(&line, "  %s", r[i].why.data);
			if (r[i].state == AUDIT_DRAFT)
				buf_addstr(&line, "  not confirmed");
			else
				checked(&line, &r[i]);
			buf_addch(&line, '\n');
			cli_write(line.data, line.len);
			if (r[i].state == AUDIT_ALTERED)
				result = EXIT_NO;
		}
		buf_free(&line);
		audit_results_free(r, n);
	}
	diags_free(&d);
	archive_free(a);
	return result;
}
