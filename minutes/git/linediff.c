/* linediff: unified line diffs from libgit2's xdiff (see linediff.h). */
#include "minutes/git/linediff.h"
#include "minutes/git/archive_priv.h"

#include <git2.h>

/* "-START,COUNT" as diff -u writes it; xdiff already gives an empty
 * range the number of the line before it. */
static void add_range(struct buf *out, char sign, int start, int count)
{
	if (count == 1)
		buf_addf(out, "%c%d", sign, start);
	else
		buf_addf(out, "%c%d,%d", sign, start, count);
}

static void add_line(struct buf *out, const git_diff_line *l)
{
	buf_addch(out, l->origin);
	buf_add(out, l->content, l->content_len);
	if (l->content_len == 0 || l->content[l->content_len - 1] != '\n')
		buf_addstr(out, "\n\\ No newline at end of file\n");
}

static int add_hunk(struct buf *out, git_patch *patch, size_t h)
{
	const git_diff_hunk *hunk;
	size_t nlines;
	if (git_patch_get_hunk(&hunk, &nlines, patch, h) < 0)
		return -1;
	/* The header is made here, not taken from libgit2: git's would add
	 * the nearest "function" line after the second @@, and a YAML key is
	 * no function. */
	buf_addstr(out, "@@ ");
	add_range(out, '-', hunk->old_start, hunk->old_lines);
	buf_addch(out, ' ');
	add_range(out, '+', hunk->new_start, hunk->new_lines);
	buf_addstr(out, " @@\n");
	for (size_t i = 0; i < nlines; i++) {
		const git_diff_line *l;
		if (git_patch_get_line_in_hunk(&l, patch, h, i) < 0)
			return -1;
		/* The "no newline" markers are written by add_line. */
		if (l->origin == GIT_DIFF_LINE_CONTEXT || l->origin == GIT_DIFF_LINE_ADDITION ||
		    l->origin == GIT_DIFF_LINE_DELETION)
			add_line(out, l);
	}
	return 0;
}

static void options(git_diff_options *opts, unsigned context)
{
	git_diff_options_init(opts, GIT_DIFF_OPTIONS_VERSION);
	opts->context_lines = context;
	opts->interhunk_lines = 0;
	opts->flags |= GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
}

/* The patch as diff -u writes it, after the two labels. */
static int emit(struct buf *out, bool *differ, git_patch *patch, const char *label_a,
		const char *label_b, struct diags *d)
{
	size_t nh = git_patch_num_hunks(patch);
	if (nh > 0)
		buf_addf(out, "--- %s\n+++ %s\n", label_a, label_b);
	for (size_t h = 0; h < nh; h++) {
		if (add_hunk(out, patch, h) < 0) {
			diags_add(d, NULL, 0, 0, "cannot read the difference of the two texts");
			return -1;
		}
	}
	*differ = nh > 0;
	return 0;
}

static void say_failed(struct diags *d)
{
	const git_error *e = git_error_last();
	diags_add(d, NULL, 0, 0, "cannot compare the two texts: %s",
		  e && e->message ? e->message : "libgit2 failed");
}

int linediff_unified(struct buf *out, bool *differ,
		     const char *a, size_t alen, const char *b, size_t blen,
		     const char *label_a, const char *label_b, unsigned context,
		     struct diags *d)
{
	git_diff_options opts;
	git_patch *patch = NULL;
	int rc = -1;
	*differ = false;
	git_libgit2_init();
	options(&opts, context);
	if (git_patch_from_buffers(&patch, a, alen, NULL, b, blen, NULL, &opts) < 0)
		say_failed(d);
	else
		rc = emit(out, differ, patch, label_a, label_b, d);
	git_patch_free(patch);
	git_libgit2_shutdown();
	return rc;
}

int linediff_revisions(struct buf *out, bool *differ, struct archive *a,
		       const char *rev_a, const char *rev_b, const char *path,
		       const char *label_a, const char *label_b, unsigned context,
		       struct diags *d)
{
	git_diff_options opts;
	git_patch *patch = NULL;
	git_blob *x = NULL, *y = NULL;
	int rc;
	*differ = false;
	options(&opts, context);
	/* From the blobs, whose ids git already has: from buffers, libgit2
	 * would hash both texts first, which costs more than the diff. */
	if ((rc = archive_rev_blob(a, rev_a, path, &x, d)) < 0 ||
	    (rc = archive_rev_blob(a, rev_b, path, &y, d)) < 0)
		goto out;
	rc = -1;
	if (git_patch_from_blobs(&patch, x, NULL, y, NULL, &opts) < 0)
		say_failed(d);
	else
		rc = emit(out, differ, patch, label_a, label_b, d);
out:
	git_patch_free(patch);
	git_blob_free(x);
	git_blob_free(y);
	return rc;
}
