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
	for (size_t i = 0; i < r->ntags_in; i++)
		cli_printf("received the tag confirmed/%s from %s\n", r->tags_in[i], r->remote);
	for (size_t i = 0; i < r->ntags_out; i++)
		cli_printf("pushed the tag confirmed/%s to %s\n", r->tags_out[i], r->remote);
	for (size_t i = 0; i < r->ntags_waiting; i++)
		cli_printf("not taken: %s has the tag confirmed/%s, but its minutes are not "
			   "confirmed in its branch\n", r->remote, r->tags_waiting[i]);
	for (size_t i = 0; i < r->ntags_settled; i++)
		cli_printf("settled: the tags confirmed/%s agree again, so the kept one was "
			   "removed\n", r->tags_settled[i]);
	said = said || r->ntags_in || r->ntags_out || r->ntags_waiting || r->ntags_settled;
	if (!said && rc == 0)
		cli_printf("up to date with %s\n", r->remote);
}

/* One side of a tag conflict: "tag ID (commit SHORT)", or none. */
static void side(struct buf *b, const char *whose, const char *tag, const char *commit)
{
	if (!*tag)
		buf_addf(b, "%s none (deleted)", whose);
	else if (*commit)
		buf_addf(b, "%s %s (commit %.7s)", whose, tag, commit);
	else
		buf_addf(b, "%s %s", whose, tag);
}

/* Each meeting whose confirmation tag differs from the remote's. */
static void report_tags(const struct archive_sync_result *r)
{
	for (size_t i = 0; i < r->ntag_conflicts; i++) {
		const struct archive_sync_tag *t = &r->tag_conflicts[i];
		struct buf b = BUF_INIT, there = BUF_INIT;
		buf_addf(&there, "%s's", r->remote);
		side(&b, "here", t->here, t->here_commit);
		buf_addstr(&b, ", ");
		side(&b, there.data, t->there, t->there_commit);
		cli_error("%s: the confirmation tag differs from %s: %s; neither was "
			  "changed, %s kept as %s", t->meeting, there.data, b.data,
			  there.data, t->kept);
		buf_free(&b);
		buf_free(&there);
	}
	if (r->ntag_conflicts)
		cli_error("a confirmation tag is never replaced: nothing of %s was merged "
			  "or pushed; put back the tag that was confirmed (git push or git "
			  "fetch it), then gavel sync again", r->ntag_conflicts == 1
			  ? "that tag" : "those tags");
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
		report_tags(&r);
		for (size_t i = 0; i < r.nconflicts; i++)
			cli_error("%s: changed on both sides; yours kept, theirs saved as %s",
				  r.conflicts[i], r.conflict_ref);
		if (r.nconflicts)
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
