/*
 * bench/commit: what gavel does to save one change to a meeting's minutes,
 * timed by bench/run.sh.
 *
 *   bench/commit REPO MEETING [-n K] [--write-only]
 *
 * Opens REPO (a work tree or a bare repository), reads MEETING's
 * minutes.yaml at HEAD, loads it into the model, sets a comment on its
 * last item to a text no run has used before (so every run has something
 * to commit, and the file does not grow run after run), writes it in
 * gavel's form and commits that one file with archive_commit.  -n repeats
 * it K times in one process.  --write-only writes the changed file into
 * the work tree and commits nothing: the preparation for timing
 * `git add && git commit` on the same change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "minutes/git/archive.h"
#include "minutes/model/yamlfile.h"
#include "minutes/git/meeting.h"
#include "minutes/model/minutes.h"

#define EDIT_MARK "Benchmark edit "

static void die_diags(const char *what, struct diags *d)
{
	fprintf(stderr, "bench/commit: %s\n", what);
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		fprintf(stderr, "  %s\n", s);
		free(s);
	}
	exit(1);
}

/* The meeting's minutes at HEAD, changed, in gavel's written form. */
static void changed_minutes(struct archive *a, const char *path, unsigned iter,
			    struct buf *out)
{
	struct diags d;
	struct buf in = BUF_INIT, text = BUF_INIT;
	struct yamlfile doc;
	struct timespec ts;

	diags_init(&d);
	if (archive_read(a, NULL, path, &in, &d) < 0)
		die_diags("cannot read the minutes", &d);
	if (yamlfile_load_mem(&doc, path, in.data, in.len, YAMLFILE_MINUTES, &d) != YAMLFILE_OK)
		die_diags("the minutes do not load", &d);
	struct minutes *m = doc.minutes;
	if (!m->nitems)
		die_diags("the minutes have no items", &d);
	struct minutes_item *it = m->items[m->nitems - 1];
	clock_gettime(CLOCK_REALTIME, &ts);
	buf_addf(&text, EDIT_MARK "%lld.%09ld by process %ld, run %u.",
		 (long long)ts.tv_sec, ts.tv_nsec, (long)getpid(), iter);
	struct comment *c = it->ncomments ? &it->comments[it->ncomments - 1] : NULL;
	if (c && c->text && !strncmp(c->text, EDIT_MARK, strlen(EDIT_MARK)))
		record_text_set(&c->text, text.data);
	else
		minutes_item_add_comment(it, text.data, NULL);
	minutes_write(m, out);
	yamlfile_free(&doc);
	buf_free(&in);
	buf_free(&text);
	diags_free(&d);
}

static void usage(void)
{
	fputs("usage: bench/commit REPO MEETING [-n K] [--write-only]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long k = 1;
	int write_only = 0;
	if (argc < 3)
		usage();
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--write-only")) {
			write_only = 1;
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			char *end;
			k = strtoul(argv[++i], &end, 10);
			if (*end || k == 0)
				usage();
		} else {
			usage();
		}
	}
	const char *repo = argv[1], *id = argv[2];
	struct archive *a;
	struct diags d;
	diags_init(&d);
	if (archive_open(&a, repo, &d) < 0)
		die_diags("cannot open the repository", &d);
	char *path = meeting_path(id, MEETING_MINUTES);
	struct buf out = BUF_INIT, msg = BUF_INIT;
	buf_addf(&msg, "Correct the minutes of %s\n", id);

	for (unsigned long i = 0; i < k; i++) {
		buf_reset(&out);
		changed_minutes(a, path, (unsigned)i, &out);
		if (write_only) {
			if (archive_is_bare(a)) {
				fputs("bench/commit: --write-only needs a work tree\n", stderr);
				return 1;
			}
			struct buf full = BUF_INIT;
			buf_addf(&full, "%s/%s", archive_path(a), path);
			FILE *f = fopen(full.data, "wb");
			if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0) {
				perror(full.data);
				return 1;
			}
			buf_free(&full);
			continue;
		}
		struct archive_file file = { path, out.data, out.len };
		if (archive_commit(a, &file, 1, msg.data, NULL, &d) < 0)
			die_diags("cannot commit", &d);
	}
	const char *w = archive_take_warning(a);
	if (w)
		fprintf(stderr, "bench/commit: %s\n", w);
	archive_free(a);
	free(path);
	buf_free(&out);
	buf_free(&msg);
	diags_free(&d);
	return 0;
}
