/* gavel edit MEETING: the minutes in the user's editor, checked before
 * they are committed; confirmed minutes are corrected with a reason. */
#include "minutes/audit/audit.h"
#include "tui/cli/cli.h"
#include "minutes/model/yamlfile.h"
#include "minutes/git/meeting.h"
#include "minutes/base/proc.h"
#include "minutes/base/fsutil.h"
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

static bool write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsutil_write_all(fd, data, len) == 0;
	return close(fd) == 0 && ok;
}

static bool read_file(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	char chunk[8192];
	ssize_t n;
	buf_reset(out);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return false;
		}
		buf_add(out, chunk, (size_t)n);
	}
	close(fd);
	return true;
}

/* Asks what to do after an invalid edit: 'e' or 'a' (also at the end of
 * standard input). */
static char ask(void)
{
	char line[64];
	for (;;) {
		fputs("What now? (e)dit again, (a)bandon: ", stderr);
		fflush(stderr);
		if (!fgets(line, sizeof(line), stdin)) {
			fputc('\n', stderr);
			return 0;
		}
		if (line[0] == 'e' || line[0] == 'E')
			return 'e';
		if (line[0] == 'a' || line[0] == 'A')
			return 'a';
	}
}

/* Checks edited minutes: they load, and keep the meeting's date and
 * status.  Problems go to `d`, named by `name`. */
static bool edit_valid(const char *id, const char *name, const struct buf *b,
		       const struct minutes *before, struct buf *canonical, struct diags *d)
{
	struct yamlfile doc;
	if (yamlfile_load_mem(&doc, name, b->data, b->len, YAMLFILE_MINUTES, d) != YAMLFILE_OK)
		return false;
	const char *folder = strchr(id, '/') + 1;
	if (strncmp(doc.minutes->date, folder, 10))
		diags_add(d, name, 0, 0, "the date must stay %.10s, the meeting's own", folder);
	if (before && doc.minutes->status != before->status)
		diags_add(d, name, 0, 0, "the status must stay %s (gavel confirm confirms minutes; "
			  "confirmed minutes stay confirmed)", minutes_status_name(before->status));
	if (!d->n)
		minutes_write(doc.minutes, canonical);
	yamlfile_free(&doc);
	return d->n == 0;
}

int cmd_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_command("edit");
	const char *reason = NULL;
	int o;
	while ((o = cli_getopt(c, argc, argv, "m:", opts, cmd)) != -1) {
		if (o == 'm')
			reason = optarg;
		else
			return o == 'h' ? EXIT_YES : EXIT_FAIL;
	}
	const char *id = cli_meeting_arg(cmd, argc, argv);
	if (!id)
		return EXIT_FAIL;
	if (reason && !audit_reason_ok(reason)) {
		cli_usage_error(cmd, "the reason must be one line of text");
		return EXIT_FAIL;
	}
	struct archive *a = cli_repo(c);
	if (!a)
		return EXIT_FAIL;
	struct diags d;
	struct buf orig = BUF_INIT, now = BUF_INIT, canonical = BUF_INIT, tmp = BUF_INIT;
	struct yamlfile before = { 0 };
	char *path = meeting_path(id, MEETING_MINUTES), *tag = audit_tag_name(id);
	char *words = NULL, **eargv = NULL;
	char *real = NULL;
	int result = EXIT_FAIL, fd = -1;
	diags_init(&d);

	int rc = archive_read(a, NULL, path, &orig, &d);
	if (rc == ARCHIVE_ENOTFOUND) {
		cli_error("no meeting %s in %s", id, archive_path(a));
		goto out;
	} else if (rc < 0) {
		cli_diags(&d, true);
		goto out;
	}
	struct diags quiet;
	diags_init(&quiet);
	bool loaded = yamlfile_load_mem(&before, path, orig.data, orig.len, YAMLFILE_MINUTES, &quiet) == YAMLFILE_OK;
	bool confirmed = loaded && before.minutes->status == MINUTES_CONFIRMED;
	struct archive_tag t;
	if (!confirmed && archive_tag_read(a, tag, &t, &quiet) == 0) {
		confirmed = true;
		archive_tag_free(&t);
	}
	diags_free(&quiet);
	if (confirmed && !reason) {
		cli_error("%s is confirmed: a change is a correction and needs its reason "
			  "(gavel edit %s -m REASON)", id, id);
		goto out;
	}

	const char *dir = getenv("TMPDIR");
	buf_addf(&tmp, "%s/gavel-edit-XXXXXX.yaml", dir && *dir ? dir : "/tmp");
	fd = mkstemps(tmp.data, 5);
	if (fd < 0) {
		cli_error("cannot make a temporary file in %s: %s", dir && *dir ? dir : "/tmp",
			  strerror(errno));
		buf_reset(&tmp);
		goto out;
	}
	fchmod(fd, 0600);
	close(fd);
	if (!write_file(tmp.data, orig.data, orig.len)) {
		cli_error("cannot write %s: %s", tmp.data, strerror(errno));
		goto out;
	}
	struct buf rp = BUF_INIT;
	buf_addf(&rp, "%s/%s", archive_path(a), path);
	real = buf_detach(&rp, NULL);
	eargv = proc_editor_argv(&words, tmp.data);

	for (;;) {
		struct proc_result r;
		fflush(stdout);
		if (proc_run(eargv, NULL, 0, NULL, NULL, true, &r) < 0 || r.status != 0) {
			struct buf why = BUF_INIT;
			proc_describe(&r, &why);
			cli_error("the editor %s %s; nothing was committed", eargv[0], why.data);
			buf_free(&why);
			break;
		}
		if (!read_file(tmp.data, &now)) {
			cli_error("cannot read %s: %s; nothing was committed", tmp.data, strerror(errno));
			break;
		}
		diags_clear(&d);
		buf_reset(&canonical);
		bool changed = now.len != orig.len || memcmp(now.data, orig.data, now.len);
		if (changed && edit_valid(id, real, &now, loaded ? before.minutes : NULL,
					  &canonical, &d))
			changed = canonical.len != orig.len ||
				  memcmp(canonical.data, orig.data, orig.len);
		if (!changed) {
			cli_printf("%s: no change\n", id);
			result = EXIT_YES;
			break;
		}
		if (d.n == 0) {
			char commit[41];
			rc = audit_commit_edit(a, id, canonical.data, canonical.len, reason,
					       confirmed, commit, &d);
			cli_repo_warnings(a);
			if (rc) {
				cli_diags(&d, true);
				break;
			}
			cli_printf("%s: %s in %.7s\n", id, confirmed ? "corrected" : "edited", commit);
			result = EXIT_YES;
			break;
		}
		diags_sort(&d);
		for (size_t i = 0; i < d.n; i++) {
			char *s = diag_format(&d.v[i]);
			cli_error("%s", s);
			free(s);
		}
		char answer = ask();
		if (answer != 'e') {
			cli_error("abandoned%s; nothing was committed", answer ? "" :
				  " (no answer on standard input)");
			result = EXIT_NO;
			break;
		}
	}
out:
	if (tmp.len)
		unlink(tmp.data);
	yamlfile_free(&before);
	buf_free(&orig);
	buf_free(&now);
	buf_free(&canonical);
	buf_free(&tmp);
	free(path);
	free(tag);
	free(real);
	free(words);
	free(eargv);
	diags_free(&d);
	archive_free(a);
	return result;
}
