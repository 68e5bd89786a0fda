/*
 * gavel committee new NAME / commit SLUG: a committee made or its file
 * committed from the command line (no terminal needed), and the check
 * that `gavel new` and `gavel run` make before they read a committee: a
 * committee.yaml in the work tree that differs from HEAD's is never
 * silently ignored.
 */
#include "tui/cli/cli.h"
#include "minutes/git/meeting.h"
#include "minutes/format/slug.h"
#include "minutes/base/utf8.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "Name, Role" or "Name" into the committee's members; false when the
 * name is empty. */
static bool add_member(struct committee *c, const char *arg)
{
	const char *comma = strchr(arg, ',');
	size_t n = comma ? (size_t)(comma - arg) : strlen(arg);
	while (n && arg[n - 1] == ' ')
		n--;
	while (n && *arg == ' ')
		arg++, n--;
	if (!n)
		return false;
	char *name = xstrndup(arg, n);
	const char *role = comma ? comma + 1 : NULL;
	while (role && *role == ' ')
		role++;
	char *r = role && *role ? xstrdup(role) : NULL;
	for (size_t len = r ? strlen(r) : 0; len && r[len - 1] == ' '; len--)
		r[len - 1] = '\0';
	people_add(&c->members, name, r && *r ? r : NULL);
	free(name);
	free(r);
	return true;
}

static bool parse_quorum(const char *s, unsigned *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 100000)
		return false;
	*out = (unsigned)v;
	return true;
}

static int commit_file(struct archive *a, const char *path, const char *data,
		       size_t len, const char *message)
{
	struct diags d;
	diags_init(&d);
	struct archive_file f = { path, data, len };
	int rc = archive_commit(a, &f, 1, message, NULL, &d);
	cli_repo_warnings(a);
	if (rc < 0)
		cli_diags(&d, true);
	diags_free(&d);
	return rc < 0 ? EXIT_FAIL : EXIT_YES;
}

static int cmd_committee_new(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "member", required_argument, NULL, 'm' },
		{ "quorum", required_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("committee");
	const char **members = NULL;
	size_t nmembers = 0;
	const char *quorum = NULL;
	int o, result = EXIT_FAIL;
	while ((o = cli_getopt(c, argc, argv, "", opts, cmd)) != -1) {
		if (o == 'm') {
			members = xrealloc(members, (nmembers + 1) * sizeof(*members));
			members[nmembers++] = optarg;
		} else if (o == 'q') {
			quorum = optarg;
		} else {
			free(members);
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
		}
	}
	struct committee *com = NULL;
	struct archive *a = NULL;
	if (argc - optind != 1) {
		cli_usage_error(cmd, "name the committee once: gavel committee new \"Planning Committee\"");
		goto out;
	}
	const char *name = argv[optind];
	size_t nlen = strlen(name);
	while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
		nlen--;
	while (*name == ' ' || *name == '\t')
		name++, nlen = nlen ? nlen - 1 : 0;
	if (!nlen) {
		cli_usage_error(cmd, "the committee's name is empty");
		goto out;
	}
	char *clean = xstrndup(name, nlen);
	if (!utf8_clean(clean, nlen, NULL) || strchr(clean, '\n')) {
		free(clean);
		cli_usage_error(cmd, "the committee's name must be one line of text");
		goto out;
	}
	com = committee_new(clean);
	free(clean);
	for (size_t i = 0; i < nmembers; i++) {
		if (!utf8_clean(members[i], strlen(members[i]), NULL) ||
		    strchr(members[i], '\n') || !add_member(com, members[i])) {
			cli_usage_error(cmd, "--member '%s': expected \"NAME\" or \"NAME, ROLE\"",
					members[i]);
			goto out;
		}
	}
	if (quorum) {
		if (!parse_quorum(quorum, &com->quorum)) {
			cli_usage_error(cmd, "--quorum '%s': expected a whole number from 1", quorum);
			goto out;
		}
		if (com->quorum > com->members.n) {
			cli_usage_error(cmd, "--quorum %u: more than the %zu member%s given with "
					"--member", com->quorum, com->members.n,
					com->members.n == 1 ? "" : "s");
			goto out;
		}
	}
	a = cli_repo(c);
	if (!a)
		goto out;
	char slug[SLUG_MAX + 1];
	slug_make(com->name, slug);
	char *path = meeting_path(slug, COMMITTEE_FILE);
	struct buf old = BUF_INIT;
	struct diags d;
	diags_init(&d);
	int rc = archive_read(a, NULL, path, &old, &d);
	diags_free(&d);
	buf_free(&old);
	if (rc == 0) {
		cli_error("the committee '%s' exists already (%s); 'gavel committee edit %s' "
			  "changes it", com->name, path, slug);
		result = EXIT_NO;
	} else {
		struct buf yaml = BUF_INIT, msg = BUF_INIT;
		committee_write(com, &yaml);
		buf_addf(&msg, "Committee %s created", com->name);
		result = commit_file(a, path, yaml.data, yaml.len, msg.data);
		if (result == EXIT_YES)
			cli_printf("%s\n", slug);
		buf_free(&yaml);
		buf_free(&msg);
	}
	free(path);
out:
	free(members);
	committee_free(com);
	archive_free(a);
	return result;
}

/* The work tree's committee.yaml of `slug` when it differs from HEAD's:
 * 1 with its bytes in `wt`; 0 when it is the same, absent, or the
 * repository is bare. */
static int work_tree_differs(struct archive *a, const char *slug, struct buf *wt)
{
	if (archive_is_bare(a) || !slug_valid(slug, strlen(slug)))
		return 0;
	char *rel = meeting_path(slug, COMMITTEE_FILE);
	struct buf full = BUF_INIT, head = BUF_INIT;
	buf_addf(&full, "%s/%s", archive_path(a), rel);
	int differs = 0;
	FILE *f = fopen(full.data, "rb");
	if (f) {
		char chunk[8192];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(wt, chunk, n);
		fclose(f);
		struct diags d;
		diags_init(&d);
		int rc = archive_read(a, NULL, rel, &head, &d);
		diags_free(&d);
		differs = rc < 0 || head.len != wt->len || memcmp(head.data, wt->data, wt->len);
	}
	free(rel);
	buf_free(&full);
	buf_free(&head);
	return differs;
}

/* Checks and commits the work tree's committee.yaml of `slug`. */
static int commit_work_tree(struct archive *a, const char *slug, const struct buf *wt)
{
	char *rel = meeting_path(slug, COMMITTEE_FILE);
	struct diags d;
	struct yamlfile doc;
	diags_init(&d);
	int result;
	if (yamlfile_load_mem(&doc, rel, wt->data, wt->len, YAMLFILE_COMMITTEE, &d) != YAMLFILE_OK) {
		diags_sort(&d);
		cli_diags(&d, true);
		cli_error("%s is not committed: it does not load", rel);
		result = EXIT_NO;
	} else {
		struct buf msg = BUF_INIT;
		buf_addf(&msg, "Committee %s: committee.yaml as changed in the work tree",
			 doc.committee->name);
		yamlfile_free(&doc);
		result = commit_file(a, rel, wt->data, wt->len, msg.data);
		if (result == EXIT_YES)
			cli_printf("%s committed\n", rel);
		buf_free(&msg);
	}
	diags_free(&d);
	free(rel);
	return result;
}

static int cmd_committee_commit(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("committee");
	int o;
	while ((o = cli_getopt(c, argc, argv, "", NULL, cmd)) != -1)
		return o == 'h' ? EXIT_YES : EXIT_FAIL;
	if (argc - optind != 1) {
		cli_usage_error(cmd, "name the committee's folder: gavel committee commit SLUG");
		return EXIT_FAIL;
	}
	const char *slug = argv[optind];
	if (!slug_valid(slug, strlen(slug))) {
		cli_usage_error(cmd, "'%s' is not a committee's folder (lower-case letters, "
				"digits and hyphens)", slug);
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct buf wt = BUF_INIT;
	int result;
	if (archive_is_bare(a)) {
		cli_error("a bare repository has no work tree to commit from");
		result = EXIT_FAIL;
	} else if (!work_tree_differs(a, slug, &wt)) {
		cli_error("%s/%s in the work tree is %s", slug, COMMITTEE_FILE,
			  wt.len ? "as committed: nothing to commit" : "missing");
		result = EXIT_NO;
	} else {
		result = commit_work_tree(a, slug, &wt);
	}
	buf_free(&wt);
	archive_free(a);
	return result;
}

int cmd_committee(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = cli_command("committee");
	if (argc >= 2 && !strcmp(argv[1], "new"))
		return cmd_committee_new(c, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "commit"))
		return cmd_committee_commit(c, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "edit"))
		return cmd_committee_edit(c, argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cli_help(stdout, cmd);
		return EXIT_YES;
	}
	cli_usage_error(cmd, argc < 2 ? "say what to do: new, edit or commit"
			: "'%s' is not one of new, edit, commit", argv[1]);
	return EXIT_FAIL;
}

int cli_committee_check(struct archive *a, const char *committee)
{
	char slug[SLUG_MAX + 1];
	slug_make(committee, slug);
	struct buf wt = BUF_INIT;
	int rc = 0;
	if (work_tree_differs(a, slug, &wt)) {
		cli_warn("%s/%s in the work tree differs from the one committed, which is "
			 "the one gavel reads", slug, COMMITTEE_FILE);
		if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
			fprintf(stderr, "Commit it now? [y/N] ");
			fflush(stderr);
			char line[16];
			if (fgets(line, sizeof(line), stdin) && (line[0] == 'y' || line[0] == 'Y'))
				rc = commit_work_tree(a, slug, &wt) == EXIT_YES ? 0 : -1;
		} else {
			cli_warn("to use it, commit it first: gavel committee commit %s", slug);
		}
	}
	buf_free(&wt);
	return rc;
}
