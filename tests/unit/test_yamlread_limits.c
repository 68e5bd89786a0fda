/*
 * test_yamlread_limits: FORMAT.md's limits and hostile files: the file's
 * size, nesting, how many entries, a file that is not a regular one, and
 * the memory a hostile file of nearly 16 MiB can make the reader use
 * (each loaded in a child, whose high-water mark is the load's own).
 * Files go in the group's temporary folder (yamlread_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "tests/unit/yamlread_fixture.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* ---- the file's size ---- */

static void test_file_over_16_mib(void **state)
{
	(void)state;
	char path[4200];
	tmp_path(path, sizeof(path), "big");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)YR_MAX_FILE + 1), 0);   /* sparse */
	close(fd);
	struct loaded l;
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	expect_at(&l.d, path, 0, 0, "the file is 16777217 bytes; gavel reads files of at most 16 MiB");
	assert_int_equal(diags_count(&l.d), 1);
	unload(&l);
	unlink(path);

	/* From memory, too. */
	char *mem = calloc(YR_MAX_FILE + 1, 1);
	assert_non_null(mem);
	load_n(&l, mem, YR_MAX_FILE + 1, YAMLFILE_ANY);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 0, 0, "larger than 16 MiB");
	unload(&l);
	free(mem);
}

static void test_file_of_exactly_16_mib(void **state)
{
	(void)state;
	/* A valid file of exactly 16 MiB: a long comment fills it. */
	const char *head = HEAD "items: []\n# ";
	size_t hl = strlen(head);
	char *data = malloc(YR_MAX_FILE);
	assert_non_null(data);
	memcpy(data, head, hl);
	memset(data + hl, 'x', YR_MAX_FILE - hl - 1);
	data[YR_MAX_FILE - 1] = '\n';
	char path[4200];
	tmp_path(path, sizeof(path), "exact");
	write_file(path, data, YR_MAX_FILE);
	struct loaded l;
	load_path(&l, path);
	expect_ok_l(&l);
	unload(&l);
	unlink(path);

	load_n(&l, data, YR_MAX_FILE, YAMLFILE_ANY);
	expect_ok_l(&l);
	unload(&l);

	/* Sparse (all NUL): refused for its first byte, not for its size. */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)YR_MAX_FILE), 0);
	close(fd);
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, path, 1, 1, "U+0000 (NUL)");
	expect_no(&l.d, "16 MiB");
	unload(&l);
	unlink(path);
	free(data);
}

/* ---- nesting ---- */

/* HEAD, items, then "x: " and `brackets` nested flow lists: the root
 * mapping is level 1, so the deepest list is level brackets + 1. */
static char *nested(size_t brackets, bool close)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, HEAD "items: []\nx: ");
	for (size_t i = 0; i < brackets; i++)
		buf_addch(&b, '[');
	for (size_t i = 0; close && i < brackets; i++)
		buf_addch(&b, ']');
	buf_addch(&b, '\n');
	return buf_detach(&b, NULL);
}

static void test_nesting_64_levels_allowed(void **state)
{
	(void)state;
	char *text = nested(YR_MAX_DEPTH - 1, true);
	struct loaded l;
	load(&l, text);
	/* The unknown key is a problem; the depth is not. */
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 5, 1, "unknown key 'x'");
	expect_no(&l.d, "nesting");
	assert_int_equal(diags_count(&l.d), 1);
	unload(&l);
	free(text);
}

static void test_nesting_65_levels_refused(void **state)
{
	(void)state;
	char *text = nested(YR_MAX_DEPTH, true);
	struct loaded l;
	load(&l, text);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	/* "x: " is 3 columns; the 64th '[' opens level 65 at column 67. */
	expect_at(&l.d, NAME, 5, 67, "nesting deeper than 64 levels");
	unload(&l);
	free(text);

	/* In block style, under a known key. */
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM "    comments:\n");
	for (int i = 0; i < YR_MAX_DEPTH; i++) {
		for (int k = 0; k < 6 + 2 * i; k++)
			buf_addch(&b, ' ');
		buf_addstr(&b, "-\n");
	}
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "nesting deeper than 64 levels"));
	unload(&l);
	buf_free(&b);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_million_brackets_refused_quickly(void **state)
{
	(void)state;
	char *text = nested(1000000, false);
	struct loaded l;
	double t0 = now();
	load(&l, text);
	double t = now() - t0;
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	expect_at(&l.d, NAME, 5, 67, "nesting deeper than 64 levels");
	assert_true(t < 2.0);
	unload(&l);
	free(text);

	/* Under a known key. */
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM "    comments: ");
	for (int i = 0; i < 1000000; i++)
		buf_addch(&b, '[');
	t0 = now();
	load(&l, b.data);
	t = now() - t0;
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "nesting deeper than 64 levels"));
	assert_true(t < 2.0);
	unload(&l);
	buf_free(&b);
}

/* ---- how many entries ---- */

/* An item with `n` comments, in flow style to keep it small. */
static char *comments(size_t n)
{
	struct buf b = BUF_INIT;
	buf_addstr(&b, ITEM "    comments: [");
	for (size_t i = 0; i < n; i++)
		buf_addstr(&b, i ? ",a" : "a");
	buf_addstr(&b, "]\n");
	return buf_detach(&b, NULL);
}

static void test_entries_most_accepted(void **state)
{
	(void)state;
	/* Exactly 100,000 comments: at the bound, accepted. */
	char *text = comments(YR_MAX_ENTRIES);
	struct loaded l;
	load(&l, text);
	expect_ok_l(&l);
	assert_int_equal(l.doc.minutes->items[0]->ncomments, YR_MAX_ENTRIES);
	unload(&l);
	free(text);
}

static void test_entries_100001_comments_refused(void **state)
{
	(void)state;
	/* Just past the bound: the last comment is refused where it starts. */
	char *text = comments(YR_MAX_ENTRIES + 1);
	struct loaded l;
	load(&l, text);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_null(l.doc.minutes);
	size_t col = strlen("    comments: [") + 2 * YR_MAX_ENTRIES + 1;
	expect_at(&l.d, NAME, 7, (unsigned)col, "too many comments: a file holds at most 100000");
	unload(&l);
	free(text);
}

/* A file with `n` attendees present (each named "a"). */
static void attendees(struct buf *b, size_t n)
{
	buf_reset(b);
	buf_addstr(b, HEAD "items: []\nattendance: {present: [");
	for (size_t i = 0; i < n; i++)
		buf_addstr(b, i ? ",{name: a}" : "{name: a}");
	buf_addstr(b, "]}\n");
}

static void test_entries_limit_of_each_kind(void **state)
{
	(void)state;
	struct loaded l;
	struct buf b = BUF_INIT;

	attendees(&b, YR_MAX_ENTRIES);
	load(&l, b.data);
	expect_ok_l(&l);
	assert_int_equal(l.doc.minutes->present.n, YR_MAX_ENTRIES);
	unload(&l);

	attendees(&b, YR_MAX_ENTRIES + 1);
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "too many attendees"));
	unload(&l);

	/* Each kind has its own bound, and all together have one too, so
	 * that no mixture can make gavel use much memory. */
	buf_reset(&b);
	buf_addstr(&b, HEAD "attendance: {present: [");
	for (size_t i = 0; i < YR_MAX_ENTRIES; i++)
		buf_addstr(&b, i ? ",{name: a}" : "{name: a}");
	buf_addstr(&b, "]}\nitems: [{number: '1', title: t, documents: [");
	for (size_t i = 0; i <= YR_MAX_TOTAL - 2 * YR_MAX_ENTRIES; i++)
		buf_addstr(&b, i ? ",{title: a}" : "{title: a}");
	buf_addstr(&b, "]}");
	for (size_t i = 1; i < YR_MAX_ENTRIES; i++)
		buf_addstr(&b, ",{number: '1', title: t}");
	buf_addstr(&b, "]\n");
	load(&l, b.data);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	assert_true(mentions(&l.d, "too many list entries: a file holds at most 250000"));
	unload(&l);
	buf_free(&b);
}

/* ---- not a regular file ---- */

static void test_not_regular_file(void **state)
{
	(void)state;
	struct loaded l;

	load_path(&l, tmpdir);
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, tmpdir, 0, 0, "a folder, not a regular file");
	unload(&l);

	load_path(&l, "/dev/null");
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, "/dev/null", 0, 0, "a character device, not a regular file");
	unload(&l);

	char path[4200];
	tmp_path(path, sizeof(path), "fifo");
	assert_int_equal(mkfifo(path, 0600), 0);
	double t0 = now();
	load_path(&l, path);       /* no writer: must not wait for one */
	assert_true(now() - t0 < 2.0);
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, path, 0, 0, "a pipe (FIFO), not a regular file");
	unload(&l);
	unlink(path);

	tmp_path(path, sizeof(path), "missing.yaml");
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_UNREADABLE);
	expect_at(&l.d, path, 0, 0, "cannot open");
	unload(&l);
}

static void test_regular_file_loads(void **state)
{
	(void)state;
	char path[4200];
	const char *text = HEAD "items: []\nbogus: 1\n";
	tmp_path(path, sizeof(path), "ok.yaml");
	write_file(path, text, strlen(text));
	struct loaded l;
	load_path(&l, path);
	assert_int_equal(l.rc, YAMLFILE_INVALID);
	/* The problem names the file by its path. */
	expect_at(&l.d, path, 5, 1, "unknown key 'bogus'");
	unload(&l);
	unlink(path);
}

/* ---- memory ---- */

#define LIMIT_KB (64L * 1024)
#define NEARLY_16_MIB (YR_MAX_FILE - 4096)

struct rss {
	long before_kb, after_kb;
	int rc;
	size_t problems;
};

/* Loads `path` in a child process, so that its high-water mark is the
 * load's own, and reports it. */
static struct rss load_in_child(const char *path)
{
	struct rss r;
	int fds[2];
	memset(&r, 0, sizeof(r));
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rusage u;
		struct diags d;
		struct yamlfile doc;
		close(fds[0]);
		getrusage(RUSAGE_SELF, &u);
		r.before_kb = u.ru_maxrss;
		diags_init(&d);
		r.rc = yamlfile_load(&doc, path, YAMLFILE_ANY, &d);
		getrusage(RUSAGE_SELF, &u);     /* the model is still held */
		r.after_kb = u.ru_maxrss;
		r.problems = diags_count(&d);
		yamlfile_free(&doc);
		diags_free(&d);
		_exit(write(fds[1], &r, sizeof(r)) == (ssize_t)sizeof(r) ? 0 : 1);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], &r, sizeof(r));
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(got, (ssize_t)sizeof(r));
	return r;
}

static void expect_small(const char *what, const struct rss *r)
{
	print_message("%s: maxrss %ld KiB before, %ld KiB after loading%s\n", what,
		      r->before_kb, r->after_kb, UNDER_ASAN ? " (ASan: not checked)" : "");
	if (!UNDER_ASAN && r->after_kb >= LIMIT_KB)
		fail_msg("%s: %ld KiB used, expected under %ld KiB", what, r->after_kb, LIMIT_KB);
}

/* Writes a file of the head, then `line` repeated until the file holds
 * at most `size` bytes (and no more than `max_lines` of them), then tail. */
static void make_file(const char *path, const char *head, const char *line,
		      size_t size, size_t max_lines, const char *tail)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	size_t n = strlen(head) + strlen(tail), ll = strlen(line);
	fputs(head, f);
	for (size_t i = 0; i < max_lines && n + ll <= size; i++, n += ll)
		fputs(line, f);
	fputs(tail, f);
	assert_int_equal(fclose(f), 0);
}


static void test_memory_huge_summary(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof(path), "%s/summary.yaml", tmpdir);
	/* One literal block of nearly 16 MiB: valid, held once. */
	make_file(path, ITEM "    summary: |\n",
		  "      The consultation would run until 5 June: Members asked "
		  "questions about funding, schools and # translation.\n",
		  NEARLY_16_MIB, SIZE_MAX, "");
	struct rss r = load_in_child(path);
	assert_int_equal(r.rc, YAMLFILE_OK);
	expect_small("a 16 MiB summary", &r);
	unlink(path);
}

static void test_memory_many_comments(void **state)
{
	(void)state;
	char path[4200];
	char line[200];
	snprintf(path, sizeof(path), "%s/comments.yaml", tmpdir);
	/* 99,999 comments of 155 characters: valid, all kept. */
	memset(line, 'x', sizeof(line));
	memcpy(line, "      - ", 8);
	line[8 + 155] = '\n';
	line[8 + 155 + 1] = '\0';
	make_file(path, ITEM "    comments:\n", line, NEARLY_16_MIB, YR_MAX_ENTRIES - 1, "");
	struct rss r = load_in_child(path);
	assert_int_equal(r.rc, YAMLFILE_OK);
	expect_small("99,999 comments in 16 MiB", &r);
	unlink(path);
}

static void test_memory_many_problems(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof(path), "%s/problems.yaml", tmpdir);
	/* Three problems a line, 140,000 in all: the list of them stays
	 * short.  (Half a MiB: formatting each problem is what takes the
	 * time, and a larger file only repeats it.) */
	make_file(path, HEAD "items: []\n", "k: &a !t v\n", 512 * 1024, SIZE_MAX, "");
	struct rss r = load_in_child(path);
	assert_int_equal(r.rc, YAMLFILE_INVALID);
	assert_true(r.problems > 100000);
	expect_small("many problems", &r);
	unlink(path);
}

static void test_memory_many_entries_refused(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof(path), "%s/entries.yaml", tmpdir);
	/* Far more list entries than allowed: refused at the limit. */
	make_file(path, ITEM "    comments: [", "{text: a, by: b},", NEARLY_16_MIB, SIZE_MAX, "]\n");
	struct rss r = load_in_child(path);
	assert_int_equal(r.rc, YAMLFILE_INVALID);
	expect_small("entries past the limit", &r);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_over_16_mib),
		cmocka_unit_test(test_file_of_exactly_16_mib),
		cmocka_unit_test(test_nesting_64_levels_allowed),
		cmocka_unit_test(test_nesting_65_levels_refused),
		cmocka_unit_test(test_million_brackets_refused_quickly),
		cmocka_unit_test(test_entries_most_accepted),
		cmocka_unit_test(test_entries_100001_comments_refused),
		cmocka_unit_test(test_entries_limit_of_each_kind),
		cmocka_unit_test(test_not_regular_file),
		cmocka_unit_test(test_regular_file_loads),
		cmocka_unit_test(test_memory_huge_summary),
		cmocka_unit_test(test_memory_many_comments),
		cmocka_unit_test(test_memory_many_problems),
		cmocka_unit_test(test_memory_many_entries_refused),
	};
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
