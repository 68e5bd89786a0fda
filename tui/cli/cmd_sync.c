/* gavel sync: fetch, integrate and push, and say what happened. */
#include "tui/cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "a, b and c", or the first few and how many more. */
static void print_list(char **v, size_t n)
{
	enum { SHOWN = 8 };
	for (size_t i = 0; i < n && i < SHOWN; i++)
		cli_printf("%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", v[i]);
	if (n > SHOWN)
		cli_printf(" and %zu more", n - SHOWN);
}

static void report(const struct archive_sync_result *r, int rc)
{
	bool said = false;
	if (r->fetched) {
		cli_printf("fetched %zu new commit%s from %s\n", r->fetched,
			   r->fetched == 1 ? "" : "s", r->remote);
		said = true;
	}
	if (r->step == ARCHIVE_SYNC_FAST_FORWARD || r->step == ARCHIVE_SYNC_MERGED) {
		cli_printf("%s: ", r->step == ARCHIVE_SYNC_MERGED ? "merged" : "updated");
		if (r->nmeetings) {
			cli_printf("%zu meeting%s came in (", r->nmeetings,
				   r->nmeetings == 1 ? "" : "s");
			print_list(r->meetings, r->nmeetings);
			cli_printf(")\n");
		} else {
			cli_printf("no files changed\n");
		}
		said = true;
	}
	if (r->pushed) {
		cli_printf("pushed %s to %s%s\n", r->branch, r->remote,
			   r->remote_new ? " (a new branch there)" : "");
		said = true;
	}
	if (r->rounds > 1 && r->pushed)
		cli_printf("(the first push was refused because %s had moved on; "
			   "fetched and integrated again)\n", r->remote);
	for (size_t i = 0; i < r->nsettled; i++) {
		cli_printf("settled: %s is merged, so it was removed\n", r->settled[i]);
		said = true;
	}
	if (!said && rc == 0)
		cli_printf("up to date with %s\n", r->remote);
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("sync");
	int o;
	while ((o = cli_getopt(c, argc, argv, "", NULL, cmd)) != -1)
		return o == 'h' ? EXIT_YES : EXIT_FAIL;
	if (argc - optind > 1) {
		cli_usage_error(cmd, "name one remote at most");
		return EXIT_FAIL;
	}
	const char *remote = optind < argc ? argv[optind] : NULL;
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct archive_sync_result r;
	struct diags d;
	diags_init(&d);
	int rc = archive_sync(a, remote, &r, &d);
	cli_repo_warnings(a);
	report(&r, rc);
	int result = EXIT_YES;
	if (rc == ARCHIVE_SYNC_CONFLICT) {
		for (size_t i = 0; i < r.nconflicts; i++)
			cli_error("%s: changed on both sides; yours kept, theirs saved as %s",
				  r.conflicts[i], r.conflict_ref);
		cli_error("nothing was merged or pushed; compare with: git diff HEAD %s, "
			  "settle it in one commit (git merge %s), then gavel sync again",
			  r.conflict_ref, r.conflict_ref);
		result = EXIT_NO;
	} else if (rc < 0) {
		cli_diags(&d, true);
		result = EXIT_FAIL;
	}
	archive_sync_result_free(&r);
	diags_free(&d);
	archive_free(a);
	return result;
}
