/*
 * test_archive_index: git's index, updated in place by gavel's commits
 * (the cache tree, the user's own entries, racily clean entries, the
 * index forms gavel declines to write, what it does with each extension,
 * the forms it refuses before committing), and a commit while another
 * program holds the index lock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/archive_fixture.h"

/* ---- git's index, updated in place ---- */

/* Commits several files at once; the new commit's id. */
static const char *commit_n(struct fx *fx, struct archive *a, const struct archive_file *f,
			    size_t n, const char *message)
{
	char id[41] = "";
	struct diags err;
	diags_init(&err);
	if (archive_commit(a, f, n, message, id, &err) != 0)
		fail_msg("archive_commit: %s", diag_text(fx, &err));
	assert_int_equal(diags_count(&err), 0);
	diags_free(&err);
	return P(fx, "%s", id);
}

/* What git says of the index after one of gavel's commits, when the user
 * has nothing staged: the same files as HEAD, in order, the work tree
 * clean, and (the cache tree's test) `git write-tree` gives HEAD's tree:
 * a folder left marked valid with its old tree would give another. */
static void expect_index_is_head(struct fx *fx, const char *dir)
{
	assert_int_equal(sh("git -C '%s' diff --cached --quiet", dir), 0);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	assert_string_equal(out(fx, "git -C '%s' ls-files -s | awk '{print $1, $2, $4}'", dir),
			    out(fx, "git -C '%s' ls-tree -r HEAD | awk '{print $1, $3, $4}'", dir));
	assert_int_equal(sh("git -C '%s' ls-files | LC_ALL=C sort -c", dir), 0);
	assert_string_equal(out(fx, "git -C '%s' write-tree", dir),
			    out(fx, "git -C '%s' rev-parse 'HEAD^{tree}'", dir));
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", dir), 0);
	/* The checksum that ends the index, against coreutils' SHA-1. */
	assert_string_equal(out(fx, "head -c -20 '%s/.git/index' | sha1sum | cut -c1-40", dir),
			    out(fx, "tail -c 20 '%s/.git/index' | od -An -tx1 | tr -d ' \\n'", dir));
}

/* Whether the index file holds a cache tree extension. */
static bool index_has_tree(struct fx *fx, const char *dir)
{
	return sh("grep -q TREE '%s/.git/index'", dir) == 0 && fx;
}

/* An index with a whole cache tree (git write-tree): gavel's commits
 * change only their entries, in place, replacing, inserting before the
 * first entry, after the last and in the middle (where git's byte order
 * puts "m-x/" and "m.yaml" before "m/"), and removing; the cache tree is
 * kept, invalid only above the changed paths. */
static void test_index_in_place_with_cache_tree(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	static const struct archive_file start[] = {
		{ "m/minutes.yaml", "m: 1\n", 5 },
		{ "b/2018-03-14/agenda.yaml", "b: 1\n", 5 },
		{ "b/2018-03-14/minutes.yaml", "b: 2\n", 5 },
		{ "c/2019-01-01/minutes.yaml", "c: 1\n", 5 },
	};
	commit_n(fx, a, start, 4, "Start\n");
	assert_int_equal(sh("git -C '%s' write-tree >/dev/null", dir), 0);
	assert_true(index_has_tree(fx, dir));
	expect_index_is_head(fx, dir);

	archive_index_stats.updated = archive_index_stats.declined = 0;
	/* Replace one entry. */
	commit1(fx, a, "b/2018-03-14/minutes.yaml", "b: 22\n", "Correct\n");
	expect_index_is_head(fx, dir);
	/* Insert first, last and in the middle, in one commit. */
	static const struct archive_file ins[] = {
		{ "zz/last.yaml", "z\n", 2 },
		{ "-first/a.yaml", "f\n", 2 },
		{ "m-x/a.yaml", "mx\n", 3 },
		{ "m.yaml", "m.\n", 3 },
		{ "m/a.yaml", "ma\n", 3 },
	};
	commit_n(fx, a, ins, 5, "Insert\n");
	expect_index_is_head(fx, dir);
	assert_string_equal(out(fx, "git -C '%s' ls-files | tr '\\n' ' '", dir),
			    "-first/a.yaml .gavel b/2018-03-14/agenda.yaml "
			    "b/2018-03-14/minutes.yaml c/2019-01-01/minutes.yaml m-x/a.yaml "
			    "m.yaml m/a.yaml m/minutes.yaml zz/last.yaml ");
	/* Remove the first, the last and one in the middle; change one. */
	static const struct archive_file rm[] = {
		{ "-first/a.yaml", NULL, 0 },
		{ "zz/last.yaml", NULL, 0 },
		{ "m.yaml", NULL, 0 },
		{ "c/2019-01-01/minutes.yaml", "c: 2\n", 5 },
	};
	commit_n(fx, a, rm, 4, "Remove\n");
	expect_index_is_head(fx, dir);
	assert_false(exists(P(fx, "%s/zz", dir)) && exists(P(fx, "%s/zz/last.yaml", dir)));
	assert_int_equal(archive_index_stats.updated, 3);
	assert_int_equal(archive_index_stats.declined, 0);
	assert_true(index_has_tree(fx, dir));

	/* The user's own commit after gavel's reuses what is valid and
	 * rebuilds the rest: it holds exactly the user's change. */
	write_file(P(fx, "%s/m/notes.txt", dir), "the user's\n");
	assert_int_equal(sh("git -C '%s' add m/notes.txt && git -C '%s' commit -q -m mine",
			    dir, dir), 0);
	assert_string_equal(out(fx, "git -C '%s' diff --name-only HEAD~1 HEAD", dir), "m/notes.txt");
	commit1(fx, a, "m/minutes.yaml", "m: 2\n", "After the user's\n");
	expect_index_is_head(fx, dir);
	assert_int_equal(archive_index_stats.updated, 4);
	archive_free(a);
}

/* The user's staged and unstaged changes around gavel's entries, with
 * the in-place update: byte for byte what they were. */
static void test_index_in_place_keeps_the_users_entries(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	commit1(fx, a, "c/minutes.yaml", "c: 1\n", "C\n");
	make_dir(P(fx, "%s/b", dir));
	write_file(P(fx, "%s/b/staged.txt", dir), "staged\n");
	write_file(P(fx, "%s/d.txt", dir), "staged too\n");
	assert_int_equal(sh("git -C '%s' add b/staged.txt d.txt", dir), 0);
	write_file(P(fx, "%s/d.txt", dir), "changed again\n");
	const char *before = out(fx, "git -C '%s' ls-files -s | grep -v minutes.yaml", dir);
	const char *status = out(fx, "git -C '%s' status --porcelain", dir);

	archive_index_stats.updated = archive_index_stats.declined = 0;
	commit1(fx, a, "a/minutes.yaml", "a: 2\n", "A again\n");
	commit1(fx, a, "b/minutes.yaml", "b: 1\n", "B\n");
	commit1(fx, a, "c/minutes.yaml", NULL, "No C\n");
	assert_int_equal(archive_index_stats.updated, 3);
	assert_string_equal(out(fx, "git -C '%s' ls-files -s | grep -v minutes.yaml", dir), before);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), status);
	assert_string_equal(out(fx, "git -C '%s' diff --cached --name-only | tr '\\n' ' '", dir),
			    "b/staged.txt d.txt ");
	assert_string_equal(out(fx, "git -C '%s' show :d.txt", dir), "staged too");
	assert_int_equal(sh("git -C '%s' diff --quiet HEAD -- a b/minutes.yaml c", dir), 0);
	archive_free(a);
}

/* A file git would call racily clean (changed in the second the index
 * was written, so its stat data may match an older content) stays seen
 * as changed when gavel writes a newer index: its cached size is set to
 * 0, as git does, and git looks at its content. */
static void test_index_in_place_racily_clean_entry(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	const char *notes = P(fx, "%s/notes.txt", dir);
	for (int tries = 0; tries < 3; tries++) {
		/* Start at the beginning of a second. */
		time_t t0 = time(NULL);
		while (time(NULL) == t0)
			usleep(1000);
		commit1(fx, a, "notes.txt", "version 1\n", "Notes\n");
		write_file(notes, "version 2\n");      /* same size, same second */
		struct stat sn, si;
		assert_int_equal(stat(notes, &sn), 0);
		assert_int_equal(stat(P(fx, "%s/.git/index", dir), &si), 0);
		if (sn.st_mtime != si.st_mtime)
			continue;               /* a second went by: try again */
		sleep(1);
		commit1(fx, a, "other.yaml", "x: 1\n", "Other\n");
		assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), " M notes.txt");
		assert_string_equal(out(fx, "git -C '%s' diff --cached --name-only", dir), "");
		archive_free(a);
		return;
	}
	archive_free(a);
	skip();
}

/* Indexes it does not fully understand are left to libgit2, which must
 * still get them right: version 4 (compressed paths), an entry marked
 * assume-valid. */
static void declined_but_right(struct fx *fx, const char *setup_cmd, const char *name)
{
	set_identity(fx);
	struct archive *a = new_repo(fx, name);
	const char *dir = P(fx, "%s/%s", fx->root, name);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	write_file(P(fx, "%s/staged.txt", dir), "staged\n");
	assert_int_equal(sh("git -C '%s' add staged.txt", dir), 0);
	assert_int_equal(sh("cd '%s' && %s", dir, setup_cmd), 0);
	const char *staged = out(fx, "git -C '%s' ls-files -s staged.txt", dir);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	commit1(fx, a, "a/minutes.yaml", "a: 2\n", "A again\n");
	commit1(fx, a, "b/minutes.yaml", "b: 1\n", "B\n");
	/* The first is declined; the second may not be (b/ is not
	 * assume-valid). */
	assert_true(archive_index_stats.declined >= 1);
	assert_int_equal(archive_index_stats.declined + archive_index_stats.updated, 2);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "A  staged.txt");
	assert_string_equal(out(fx, "git -C '%s' ls-files -s staged.txt", dir), staged);
	assert_int_equal(sh("git -C '%s' diff --quiet HEAD -- a b", dir), 0);
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	archive_free(a);
}

static void test_index_version_4_declined(void **state)
{
	declined_but_right(*state, "git update-index --index-version 4 && "
			   "[ \"$(od -An -tu1 -j7 -N1 .git/index | tr -d ' ')\" = 4 ]", "v4");
}

static void test_index_assume_valid_declined(void **state)
{
	declined_but_right(*state, "git update-index --assume-unchanged a/minutes.yaml",
			   "assume");
}

/* A damaged index (one byte changed: the checksum no longer matches) is
 * not rewritten with a good checksum over the damage: declined, and
 * libgit2 reports it. */
static void test_index_bad_checksum_declined(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	/* The first byte of the first entry's ctime. */
	assert_int_equal(sh("printf 'Z' | dd of='%s/.git/index' bs=1 seek=12 conv=notrunc "
			    "status=none", dir), 0);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	static const char v2[] = "a: 2\n";
	struct archive_file f = { "a/minutes.yaml", v2, sizeof(v2) - 1 };
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(a, &f, 1, "A again\n", NULL, &err), ARCHIVE_ERROR);
	expect_contains(diag_text(fx, &err), "could not update git's index");
	assert_int_equal(archive_index_stats.declined, 1);
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	diags_free(&err);
	archive_free(a);
}

/* ---- extensions ---- */

/* Whether the index file holds `text` (an extension's signature, a name
 * in the untracked cache). */
static bool index_has(struct fx *fx, const char *dir, const char *text)
{
	return sh("grep -qa '%s' '%s/.git/index'", text, dir) == 0 && fx;
}

/* An index with the extension `ext` (made by `setup_cmd`, with the file
 * untracked.txt untracked and a file staged): gavel's commits are made in
 * place, without libgit2; then `check_cmd` holds (run in the repository),
 * git agrees with every entry, and the user's staged file is as it was. */
static void in_place_with(struct fx *fx, const char *name, const char *setup_cmd,
			  const char *ext, const char *check_cmd)
{
	set_identity(fx);
	struct archive *a = new_repo(fx, name);
	const char *dir = P(fx, "%s/%s", fx->root, name);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	write_file(P(fx, "%s/staged.txt", dir), "staged\n");
	write_file(P(fx, "%s/untracked.txt", dir), "untracked\n");
	assert_int_equal(sh("git -C '%s' add staged.txt", dir), 0);
	assert_int_equal(sh("cd '%s' && %s", dir, setup_cmd), 0);
	assert_true(index_has(fx, dir, ext));
	const char *staged = out(fx, "git -C '%s' ls-files -s staged.txt", dir);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	commit1(fx, a, "a/minutes.yaml", "a: 2\n", "A again\n");
	commit1(fx, a, "b/minutes.yaml", "b: 1\n", "B\n");
	assert_int_equal(archive_index_stats.updated, 2);
	assert_int_equal(archive_index_stats.declined, 0);
	assert_int_equal(sh("cd '%s' && %s", dir, check_cmd), 0);
	assert_string_equal(out(fx, "git -C '%s' ls-files -s staged.txt", dir), staged);
	assert_int_equal(sh("git -C '%s' diff --quiet HEAD -- a b", dir), 0);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir),
			    "A  staged.txt\n?? untracked.txt");
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", dir), 0);
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	archive_free(a);
}

/* The untracked cache is kept, emptied (its header, no folder): the
 * name it had cached is gone, and git's next status fills it again. */
static void test_index_untracked_cache_emptied(void **state)
{
	in_place_with(*state, "untr", "git config core.untrackedCache true && "
		      "git status >/dev/null", "untracked.txt",
		      "grep -qa UNTR .git/index && ! grep -qa untracked.txt .git/index && "
		      "git status >/dev/null && grep -qa untracked.txt .git/index");
}

/* fsmonitor data is dropped; git writes it again at its next status. */
static void test_index_fsmonitor_dropped(void **state)
{
	struct fx *fx = *state;
	const char *hook = P(fx, "%s/fsmonitor-hook", fx->root);
	write_file(hook, "#!/bin/sh\nprintf 'token\\0/\\0'\n");
	assert_int_equal(chmod(hook, 0755), 0);
	in_place_with(fx, "fsmn", P(fx, "git config core.fsmonitor '%s' && git status "
				    ">/dev/null", hook), "FSMN",
		      "! grep -qa FSMN .git/index && git status >/dev/null && "
		      "grep -qa FSMN .git/index");
}

/* The end of entries and the offset table (reading in threads) are
 * dropped: both describe the old entries' offsets. */
static void test_index_offsets_dropped(void **state)
{
	in_place_with(*state, "eoie", "git -c index.recordEndOfIndexEntries=true -c "
		      "index.recordOffsetTable=true -c index.threads=2 update-index "
		      "--really-refresh", "EOIE",
		      "! grep -qa EOIE .git/index && ! grep -qa IEOT .git/index && "
		      "git -c index.threads=2 status >/dev/null");
}

/* An index neither gavel nor libgit2 1.5 can write (a mandatory
 * extension: "link", "sdir"): refused before the commit, in one line that
 * names the setting and how to change it; nothing committed, nothing
 * written, no lock left. */
static void refused_before_commit(struct fx *fx, const char *name, const char *setup_cmd,
				  const char *setting, const char *advice)
{
	set_identity(fx);
	struct archive *a = new_repo(fx, name);
	const char *dir = P(fx, "%s/%s", fx->root, name);
	commit1(fx, a, "a/minutes.yaml", "a: 1\n", "A\n");
	const char *head = commit1(fx, a, "b/minutes.yaml", "b: 1\n", "B\n");
	assert_int_equal(sh("cd '%s' && %s", dir, setup_cmd), 0);
	const char *status = out(fx, "git -C '%s' status --porcelain", dir);
	archive_index_stats.updated = archive_index_stats.declined = 0;
	archive_index_stats.refused = 0;
	static const char v2[] = "a: 2\n";
	struct archive_file f[] = { { "a/minutes.yaml", v2, sizeof(v2) - 1 },
				    { "a/new.yaml", v2, sizeof(v2) - 1 } };
	struct diags err;
	diags_init(&err);
	assert_int_equal(archive_commit(a, f, 2, "A again\n", NULL, &err), ARCHIVE_ERROR);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), setting);
	expect_contains(diag_text(fx, &err), advice);
	expect_contains(diag_text(fx, &err), "nothing was committed");
	assert_int_equal(archive_index_stats.refused, 1);
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), head);
	assert_string_equal(slurp(fx, P(fx, "%s/a/minutes.yaml", dir)), "a: 1\n");
	assert_false(exists(P(fx, "%s/a/new.yaml", dir)));
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), status);
	assert_false(exists(P(fx, "%s/.git/index.lock", dir)));
	diags_free(&err);
	archive_free(a);
}

static void test_index_split_index_refused(void **state)
{
	refused_before_commit(*state, "split", "git update-index --split-index && "
			      "grep -qa link .git/index", "core.splitIndex",
			      "git update-index --no-split-index");
}

/* Version 4's compressed paths are walked to find the extensions. */
static void test_index_split_index_version_4_refused(void **state)
{
	refused_before_commit(*state, "split4", "git update-index --index-version 4 && "
			      "git update-index --split-index && grep -qa link .git/index",
			      "core.splitIndex", "git update-index --no-split-index");
}

static void test_index_sparse_index_refused(void **state)
{
	refused_before_commit(*state, "sparse", "git sparse-checkout set --cone "
			      "--sparse-index a 2>/dev/null && grep -qa sdir .git/index",
			      "index.sparse", "git sparse-checkout reapply --no-sparse-index");
}

/* ---- locks ---- */

static void test_commit_with_held_index_lock(void **state)
{
	struct fx *fx = *state;
	set_identity(fx);
	struct archive *a = new_repo(fx, "repo");
	const char *dir = P(fx, "%s/repo", fx->root);
	const char *id = commit1(fx, a, "a/minutes.yaml", "v: 1\n", "One\n");
	const char *lock = P(fx, "%s/.git/index.lock", dir);
	write_file(lock, "held by another git\n");

	static const char v2[] = "v: 2\n";
	struct archive_file f = { "a/minutes.yaml", v2, sizeof(v2) - 1 };
	struct diags err;
	diags_init(&err);
	char newid[41] = "";
	assert_int_equal(archive_commit(a, &f, 1, "Two\n", newid, &err), ARCHIVE_ERROR);
	assert_int_equal(diags_count(&err), 1);
	expect_contains(diag_text(fx, &err), lock);
	/* The lock is the other program's: still there, untouched. */
	assert_string_equal(slurp(fx, lock), "held by another git\n");
	/* Nothing committed, nothing written. */
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id);
	assert_string_equal(out(fx, "git -C '%s' rev-list --count HEAD", dir), "2");
	assert_string_equal(slurp(fx, P(fx, "%s/a/minutes.yaml", dir)), "v: 1\n");
	assert_string_equal(read_at(fx, a, NULL, "a/minutes.yaml"), "v: 1\n");
	assert_string_equal(out(fx, "ls -A '%s/a'", dir), "minutes.yaml");

	/* Once the other program is done, the same commit goes through. */
	assert_int_equal(unlink(lock), 0);
	diags_clear(&err);
	const char *id2 = commit1(fx, a, "a/minutes.yaml", v2, "Two\n");
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD~1", dir), id);
	assert_string_equal(out(fx, "git -C '%s' rev-parse HEAD", dir), id2);
	assert_string_equal(out(fx, "git -C '%s' status --porcelain", dir), "");
	diags_free(&err);
	archive_free(a);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_commit_with_held_index_lock),
		T(test_index_in_place_with_cache_tree),
		T(test_index_in_place_keeps_the_users_entries),
		T(test_index_in_place_racily_clean_entry),
		T(test_index_version_4_declined),
		T(test_index_assume_valid_declined),
		T(test_index_bad_checksum_declined),
		T(test_index_untracked_cache_emptied),
		T(test_index_fsmonitor_dropped),
		T(test_index_offsets_dropped),
		T(test_index_split_index_refused),
		T(test_index_split_index_version_4_refused),
		T(test_index_sparse_index_refused),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
