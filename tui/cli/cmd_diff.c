/*
 * gavel diff MEETING [REV_A [REV_B]]: what changed in a meeting's minutes
 * between two revisions, field by field (or, with --yaml, line by line).
 */
#include "tui/cli/cli.h"
#include "minutes/git/linediff.h"
#include "minutes/audit/mdiff.h"
#include "minutes/git/meeting.h"
#include "tui/render/render.h"
#include "tui/render/change.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"
#include "minutes/search/logcache.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RED "\033[31m"
#define GREEN "\033[32m"
#define BOLD "\033[1m"
#define RESET "\033[m"

static bool use_colour(void)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

/* ---- naming revisions ---- */

/* Both revisions to compare, from what the user gave (NULL when not; each
 * through cli_revision): the latest revision of the meeting and the one
 * before it. */
static bool pick_revs(struct archive *a, const char *id, const char *ra, const char *rb,
		      char ida[41], char idb[41])
{
	struct archive_rev *log;
	size_t n;
	struct diags d;
	diags_init(&d);
	/* The history is needed for the defaults (its newest two); two
	 * named revisions need none of it. */
	size_t max = ra && rb ? 0 : 2;
	char *path = meeting_path(id, MEETING_MINUTES);
	int rc = max ? logcache_log(a, path, max, &log, &n, &d) : 0;
	free(path);
	if (!max) {
		log = NULL;
		n = 0;
	}
	if (rc < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return false;
	}
	diags_free(&d);
	bool ok = true;
	if (n == 0 && max) {
		cli_error("no meeting %s in %s", id, archive_path(a));
		ok = false;
	} else if (!ra && n < 2) {
		cli_error("%s has one revision only; name one to compare it with", id);
		ok = false;
	}
	if (ok)
		ok = rb ? cli_revision(a, id, rb, idb) : (memcpy(idb, log[0].id, 41), true);
	if (ok)
		ok = ra ? cli_revision(a, id, ra, ida) : (memcpy(ida, log[1].id, 41), true);
	archive_revs_free(log, n);
	return ok;
}

static bool describe(struct archive *a, const char *id, struct buf *out)
{
	struct archive_rev *r;
	struct diags d;
	diags_init(&d);
	if (archive_rev_info(a, id, &r, &d) < 0) {
		cli_diags(&d, true);
		diags_free(&d);
		return false;
	}
	char day[11];
	render_rev_date(r, day);
	buf_addf(out, "%s (%s %s)", r->short_id, day, r->author_name);
	archive_revs_free(r, 1);
	diags_free(&d);
	return true;
}

/* ---- gavel diff ---- */

static int diff_yaml(struct archive *a, const char *id, const char ida[41],
		     const char idb[41])
{
	char *path = meeting_path(id, MEETING_MINUTES);
	struct buf out = BUF_INIT, la = BUF_INIT, lb = BUF_INIT;
	struct diags d;
	diags_init(&d);
	int result = EXIT_FAIL;
	buf_addf(&la, "a/%s (%.7s)", path, ida);
	buf_addf(&lb, "b/%s (%.7s)", path, idb);
	bool differ;
	if (linediff_revisions(&out, &differ, a, ida, idb, path, la.data, lb.data, 3, &d) < 0) {
		cli_diags(&d, true);
		goto out;
	}
	result = differ ? EXIT_NO : EXIT_YES;
	if (!use_colour()) {
		cli_write(out.data, out.len);
	} else {
		/* Each line in its colour: the escapes are ours, the text filtered. */
		size_t i = 0;
		while (i < out.len) {
			size_t e = i;
			while (e < out.len && out.data[e] != '\n')
				e++;
			char c = out.data[i];
			bool head = i + 3 <= out.len && (!strncmp(out.data + i, "---", 3) ||
							 !strncmp(out.data + i, "+++", 3));
			fputs(head ? BOLD : c == '-' ? RED : c == '+' ? GREEN : "", stdout);
			cli_write(out.data + i, e - i);
			fputs(head || c == '-' || c == '+' ? RESET "\n" : "\n", stdout);
			i = e + 1;
		}
	}
out:
	free(path);
	buf_free(&out);
	buf_free(&la);
	buf_free(&lb);
	diags_free(&d);
	return result;
}

static int diff_fields(struct archive *a, const char *id, const char ida[41],
		       const char idb[41])
{
	struct minutes *x = NULL, *y = NULL;
	struct buf head = BUF_INIT;
	struct diags d;
	diags_init(&d);
	int result = EXIT_FAIL;
	if (meeting_load(a, id, ida, &x, NULL, &d) || meeting_load(a, id, idb, &y, NULL, &d)) {
		cli_diags(&d, true);
		goto out;
	}
	buf_addf(&head, "%s: ", id);
	if (!describe(a, ida, &head))
		goto out;
	buf_addstr(&head, " -> ");
	if (!describe(a, idb, &head))
		goto out;
	bool colour = use_colour();
	unsigned width = cli_width();
	if (colour)
		fputs(BOLD, stdout);
	cli_write(head.data, head.len);
	fputs(colour ? RESET "\n" : "\n", stdout);
	struct mdiff md = { 0 };
	mdiff_compare(x, y, &md);
	for (size_t i = 0; i < md.n; i++) {
		cli_printf("%s\n", md.v[i].label);
		{
			struct buf t = BUF_INIT;
			render_change_text(&t, &md.v[i], colour, width);
			cli_write(t.data, t.len);
			buf_free(&t);
		}
	}
	if (md.n == 0)
		cli_printf("no changes\n");
	result = md.n ? EXIT_NO : EXIT_YES;
	mdiff_free(&md);
out:
	minutes_free(x);
	minutes_free(y);
	buf_free(&head);
	diags_free(&d);
	return result;
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "yaml", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("diff");
	bool yaml = false;
	int o;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'y')
			yaml = true;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	int nargs = argc - optind;
	if (nargs < 1 || nargs > 3) {
		cli_usage_error(cmd, nargs < 1 ? "name the meeting" : "give at most two revisions");
		return EXIT_FAIL;
	}
	const char *id = argv[optind];
	if (!slug_meeting_id_valid(id)) {
		cli_usage_error(cmd, "'%s' is not a meeting id; expected committee/YYYY-MM-DD", id);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	char ida[41], idb[41];
	int result = EXIT_FAIL;
	if (pick_revs(a, id, nargs > 1 ? argv[optind + 1] : NULL,
		      nargs > 2 ? argv[optind + 2] : NULL, ida, idb))
		result = yaml ? diff_yaml(a, id, ida, idb) : diff_fields(a, id, ida, idb);
	archive_free(a);
	return result;
}
