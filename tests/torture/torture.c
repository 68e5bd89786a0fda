/*
 * tests/torture/torture: the crash torture test of the clerk's screen.
 *
 *   tests/torture/torture [GAVEL]          (default ./gavel)
 *
 * Environment: TORTURE_SEED (the kill moments; printed; default 20180314,
 * "random" takes one from the clock), TORTURE_KILLS (200), TORTURE_ITEMS (items of the script, 1-5,
 * default 5), TORTURE_GAP_MS (at least this long from one key to the next
 * in the run that is killed, default 20), TORTURE_WAIT_MS (how long gavel
 * may take over one key or a start, 20000), TORTURE_VERBOSE=1 (a line per
 * kill and restart), TORTURE_KEEP=1 (keep the folder even when all went
 * well; it is always kept after a failure, and named),
 * TORTURE_COMMIT_DELAY_MS (150: each commit of the killed run waits that
 * long on gavel's committing thread, GAVEL_TEST_COMMIT_DELAY_MS, so that
 * kills land while commits are in flight; a quarter of the kills are busy
 * ones at a key that commits, up to that long and 40 ms more after it).
 *
 * In a folder of its own (a pinned HOME with a git identity, TZ=UTC), it
 * makes two demo repositories (`gavel demo --no-run`) and records the same
 * scripted meeting in each with `gavel -C REPO run MEETING` on an 80x24
 * pseudo-terminal (tests/lib/ptyrun.c, shared with bench/keys): attendance
 * Enter, ^N to item 1; for each item a summary, Tab, three comments (each
 * typed character by character, then Enter, which stores and commits it),
 * Tab to the decision and a digit that picks its phrase, ^N to the next
 * item; after the last, Esc, E (end the meeting) and q.  Every key is typed
 * alone: the next one only once gavel has read it and waits again.
 *
 * The first run is never interrupted; its minutes are the reference.  The
 * second is killed with SIGKILL at TORTURE_KILLS moments drawn from the
 * seed: each is a position in the script and one of
 *   busy     the key at that position is typed and gavel killed 0-40 ms
 *            later, while it handles the key (storing, committing, journal);
 *   idle     gavel is killed 0-1500 ms after it took the key before, with
 *            nothing typed meanwhile;
 *   startup  gavel is killed 0-400 ms after the restart that follows the
 *            kill before, while it starts, restores and rewrites its journal.
 * The driver keeps a model of the meeting: when each byte of each field was
 * typed, which comments and decisions are stored (the Enter, the digit was
 * handled), which item changes (^N) and the end were handled.  After each
 * kill:
 *   - the journal, when there is one, reads whole (not damaged, not only
 *     its previous copy);
 *   - `git fsck --strict` is clean;
 *   - the journal over the last commit holds every stored comment and
 *     decision, the end and start times of every item change, the
 *     meeting's end once E was handled; the last commit holds those
 *     handled a second or more before the kill by the gavel killed
 *     (commits land after the screen answers, on their own thread);
 * then gavel is started again and, once it has restored its journal and
 * written it anew (the restored minutes and where the clerk was: view,
 * item, field, its text and cursor), that state is checked:
 *   - every stored comment and decision is there, as stored;
 *   - every field holds a prefix of what was typed into it, and what is
 *     missing was all typed less than 1 s before the kill (the issue's
 *     rule; 0.25 s more is allowed for scheduling, TORTURE_MARGIN_MS);
 *     blanks at the end of a field that gavel stored (it trims them) are
 *     not counted;
 *   - the cursor is at the end of the restored text;
 *   - items entered and changed are stamped, the end once E was handled.
 * The driver then goes on from what gavel restored: it types the rest of
 * the restored field, or (when gavel opened elsewhere) goes there by the
 * hub (Esc, Home, Down to the item, Enter, Tab or Shift-Tab to the field),
 * so the meeting is finished as if nothing had happened.  At the end gavel
 * must exit 0 and leave no journal, a clean tree and a clean `git fsck`,
 * and the committed minutes must equal the reference, the stamped times
 * (start, end, started, ended) made "HH:MM" in both.
 *
 * The kill moments are reproducible from the seed; what gavel has done by
 * a moment depends on timing, so a run is not repeated byte for byte.
 * Results are TAP lines ("ok - ", "not ok - "), details on "# " lines.
 *
 * This file is the main program, its report and the final comparison; the
 * script and the model of what was typed are in script.c, the terminal and
 * the kill loop in drive.c, the checks after each kill and restart in
 * check.c (torture.h is what they share).
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "minutes/base/buf.h"
#include "minutes/model/yamlfile.h"
#include "minutes/model/minutes.h"

#include "tests/torture/torture.h"

/* ---- reporting ---- */

static const char *const failure_names[] = {
	"stored comment, decision or item missing", "typing lost beyond the rule",
	"restored text that was not typed", "cursor not at the end",
	"git fsck", "damaged or unrestored journal", "commit failed", "restart",
};

static unsigned failures[F_NKINDS];
static unsigned printed;
static struct buf report;       /* every failure, for the report file */
char context[1024];      /* the kill being checked */
bool verbose;

void fail(enum failure k, const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	failures[k]++;
	buf_addf(&report, "[%s] %s\n    %s\n", failure_names[k], context, m.data);
	if (printed++ < 40)
		printf("# FAIL [%s] %s\n#     %s\n", failure_names[k], context, m.data);
	fflush(stdout);
	buf_free(&m);
}

void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
}

static unsigned tap_passed, tap_failed;

static void tap(bool good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap(bool good, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(good ? "ok - " : "not ok - ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
	if (good)
		tap_passed++;
	else
		tap_failed++;
}

/* ---- commands ---- */

static char *workdir;

/* Runs `sh -c CMD` with its output (both streams) in `out`; its exit
 * status, or -1. */
int run_cmd(struct buf *out, const char *fmt, ...)
{
	struct buf c = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&c, fmt, ap);
	va_end(ap);
	buf_addstr(&c, " 2>&1");
	fflush(stdout);
	FILE *p = popen(c.data, "r");
	buf_free(&c);
	if (!p)
		return -1;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out)
			buf_add(out, chunk, n);
	int st = pclose(p);
	return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
/* ---- setting up and comparing ---- */

static char *demo_repo(const char *gavel)
{
	struct buf out = BUF_INIT;
	int rc = run_cmd(&out, "'%s' demo --no-run </dev/null", gavel);
	const char *p = out.data ? strstr(out.data, "The demo repository is ") : NULL;
	const char *e = p ? strstr(p, " (meeting ") : NULL;
	if (rc != 0 || !e) {
		printf("# gavel demo --no-run failed (%d): %s\n", rc, out.data ? out.data : "");
		buf_free(&out);
		return NULL;
	}
	p += strlen("The demo repository is ");
	char *repo = xstrndup(p, (size_t)(e - p));
	buf_free(&out);
	return repo;
}

/* The committed minutes with the stamped times made "HH:MM". */
static bool normalised(const char *repo, struct buf *out)
{
	struct buf raw = BUF_INIT;
	int rc = run_cmd(&raw, "git -C '%s' show 'HEAD:%s'", repo, MINUTES_PATH);
	if (rc != 0) {
		buf_free(&raw);
		return false;
	}
	static const char *const keys[] = { "start: \"", "end: \"", "started: \"", "ended: \"" };
	for (const char *p = raw.data; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		const char *q = p;
		while (*q == ' ')
			q++;
		bool done = false;
		for (size_t k = 0; k < 4 && !done; k++) {
			size_t kl = strlen(keys[k]);
			if (!strncmp(q, keys[k], kl) && (size_t)(q - p) + kl + 7 <= len &&
			    isdigit((unsigned char)q[kl]) && isdigit((unsigned char)q[kl + 1]) &&
			    q[kl + 2] == ':' && isdigit((unsigned char)q[kl + 3]) &&
			    isdigit((unsigned char)q[kl + 4]) && q[kl + 5] == '"') {
				buf_add(out, p, (size_t)(q - p) + kl);
				buf_addstr(out, "HH:MM\"\n");
				done = true;
			}
		}
		if (!done)
			buf_add(out, p, len);
		p += len;
	}
	buf_addstr(out, "");
	buf_free(&raw);
	return true;
}

static bool write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	return fclose(f) == 0 && ok;
}

static long env_number(const char *name, long def, long lo, long hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return def;
	char *e;
	long n = strtol(v, &e, 10);
	if (*e || n < lo || n > hi) {
		fprintf(stderr, "torture: %s must be a number from %ld to %ld\n", name, lo, hi);
		exit(2);
	}
	return n;
}

static int kill_order(const void *a, const void *b)
{
	const struct kill *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* The final state of a finished run: no journal, a clean tree and fsck. */
static void check_final(const char *name, const char *repo)
{
	struct buf out = BUF_INIT;
	char *j = journal_file(repo);
	tap(!file_exists(j), "%s run: no journal is left", name);
	free(j);
	int rc = run_cmd(&out, "git -C '%s' status --porcelain", repo);
	tap(rc == 0 && out.len == 0, "%s run: git status is clean", name);
	if (out.len)
		printf("#   %.*s\n", (int)(out.len > 400 ? 400 : out.len), out.data);
	buf_reset(&out);
	rc = run_cmd(&out, "git -C '%s' fsck --strict --no-dangling --no-progress", repo);
	tap(rc == 0, "%s run: git fsck --strict is clean", name);
	if (rc)
		printf("#   %.*s\n", (int)(out.len > 400 ? 400 : out.len), out.data);
	buf_free(&out);
}

int main(int argc, char **argv)
{
	const char *gavel_arg = argc > 1 ? argv[1] : "./gavel";
	char gavel[4096];
	if (!realpath(gavel_arg, gavel)) {
		fprintf(stderr, "torture: %s: %s\n", gavel_arg, strerror(errno));
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	verbose = getenv("TORTURE_VERBOSE") && *getenv("TORTURE_VERBOSE") == '1';
	long kills = env_number("TORTURE_KILLS", 200, 0, 100000);
	nitems = (int)env_number("TORTURE_ITEMS", MAX_ITEMS, 1, MAX_ITEMS);
	long gap = env_number("TORTURE_GAP_MS", 20, 0, 10000);
	long wait_ms = env_number("TORTURE_WAIT_MS", 20000, 100, 3600000);
	long margin = env_number("TORTURE_MARGIN_MS", 250, 0, 100000);
	uint64_t seed = 20180314;
	const char *sv = getenv("TORTURE_SEED");
	if (sv && !strcmp(sv, "random")) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = ((uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^
			(uint64_t)getpid()) % 1000000000u;
	} else if (sv && *sv) {
		char *e;
		seed = strtoull(sv, &e, 10);
		if (*e) {
			fprintf(stderr, "torture: TORTURE_SEED must be a number\n");
			return 2;
		}
	}
	script_build();
	printf("# seed %llu (TORTURE_SEED=%llu repeats these kill moments), %ld kills, "
	       "%d items, %zu keys in the script, %ld ms between keys\n",
	       (unsigned long long)seed, (unsigned long long)seed, kills, nitems, nsteps, gap);

	/* The folder: a pinned HOME with a git identity, TZ=UTC. */
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT;
	buf_addf(&dir, "%s/gavel-torture-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.data)) {
		perror("torture: mkdtemp");
		return 2;
	}
	workdir = dir.data;
	struct buf home = BUF_INIT, tmpd = BUF_INIT, gc = BUF_INIT;
	buf_addf(&home, "%s/home", workdir);
	buf_addf(&tmpd, "%s/tmp", workdir);
	mkdir(home.data, 0700);
	mkdir(tmpd.data, 0700);
	buf_addf(&gc, "%s/.gitconfig", home.data);
	struct buf gcfg = BUF_INIT;
	buf_addstr(&gcfg, "[user]\n\tname = Test Clerk\n\temail = clerk@example.org\n"
		   "[init]\n\tdefaultBranch = main\n");
	write_file(gc.data, &gcfg);
	buf_free(&gcfg);
	setenv("HOME", home.data, 1);
	setenv("TMPDIR", tmpd.data, 1);
	setenv("TZ", "UTC", 1);
	setenv("LANG", "C.UTF-8", 1);
	static const char *const drop[] = {
		"LC_ALL", "GAVEL_REPO", "GAVEL_THEME", "NO_COLOR", "XDG_DATA_HOME",
		"XDG_CONFIG_HOME", "GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME",
		"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "VISUAL",
		"EDITOR", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
	};
	for (size_t k = 0; k < sizeof(drop) / sizeof(drop[0]); k++)
		unsetenv(drop[k]);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);

	char *ref_repo = demo_repo(gavel), *tor_repo = demo_repo(gavel);
	if (!ref_repo || !tor_repo) {
		tap(false, "gavel demo --no-run makes the repositories");
		printf("# kept: %s\n", workdir);
		return 1;
	}

	/* The uninterrupted run, as fast as gavel takes the keys. */
	buf_init(&report);
	double t0 = ptyrun_now_ms();
	struct run ref = { .name = "uninterrupted", .gavel = gavel, .repo = ref_repo,
			   .gap_ms = 0, .wait_ms = wait_ms, .margin_ms = (double)margin };
	snprintf(context, sizeof(context), "uninterrupted run");
	bool ref_ok = drive(&ref);
	unsigned ref_failures = 0;
	for (int k = 0; k < F_NKINDS; k++)
		ref_failures += failures[k];
	tap(ref_ok && !ref_failures, "the uninterrupted run records the meeting (%.1f s)",
	    (ptyrun_now_ms() - t0) / 1000);
	if (ref_ok)
		check_final("uninterrupted", ref_repo);
	memset(failures, 0, sizeof(failures));

	/* Each commit of the killed run waits a while first (off the keys'
	 * way), so that kills land while commits are in flight. */
	const char *delay = getenv("TORTURE_COMMIT_DELAY_MS");
	long commit_delay = delay && *delay ? atol(delay) : 150;
	char delay_s[32];
	snprintf(delay_s, sizeof(delay_s), "%ld", commit_delay);
	setenv("GAVEL_TEST_COMMIT_DELAY_MS", delay_s, 1);

	/* The kill moments. */
	rng_state = seed;
	struct kill *kv = xcalloc((size_t)kills + 1, sizeof(*kv));
	/* The keys that commit: a quarter of the kills come right after one,
	 * while its commit is on its way (each waits commit_delay ms first). */
	size_t *committing = xcalloc(nsteps, sizeof(*committing)), ncommitting = 0;
	for (size_t k = 0; k < nsteps; k++)
		if (steps[k].act == A_COMMENT_ENTER || steps[k].act == A_PHRASE ||
		    steps[k].act == A_NEXT_ITEM || steps[k].act == A_BEGIN_NEXT)
			committing[ncommitting++] = k;
	for (long k = 0; k < kills; k++) {
		kv[k].n = (unsigned)k + 1;
		kv[k].pos = (size_t)(rng() % nsteps);
		unsigned m = (unsigned)(rng() % 100);
		kv[k].mode = m < 45 ? KILL_BUSY : m < 80 ? KILL_IDLE : KILL_STARTUP;
		double u = (double)(rng() % 1000000) / 1e6;
		kv[k].delay_ms = kv[k].mode == KILL_BUSY ? 40 * u
			       : kv[k].mode == KILL_IDLE ? 1500 * u : 400 * u;
		if (ncommitting && rng() % 4 == 0) {
			kv[k].pos = committing[rng() % ncommitting];
			kv[k].mode = KILL_BUSY;
			kv[k].delay_ms = (commit_delay + 40) * u;
		}
	}
	free(committing);
	qsort(kv, (size_t)kills, sizeof(*kv), kill_order);
	/* A startup kill follows the kill before it: none comes first. */
	if (kills && kv[0].mode == KILL_STARTUP)
		kv[0].mode = KILL_IDLE;

	t0 = ptyrun_now_ms();
	struct run tor = { .name = "killed", .gavel = gavel, .repo = tor_repo,
			   .gap_ms = (double)gap, .wait_ms = wait_ms,
			   .margin_ms = (double)margin, .kills = kv, .nkills = (size_t)kills };
	bool tor_ok = drive(&tor);
	double took = (ptyrun_now_ms() - t0) / 1000;
	note("%zu kills in %.1f s (%u restarts, %u times by the hub); seed %llu", tor.kills_done,
	     took, tor.restarts, tor.navigations, (unsigned long long)seed);
	note("%zu of the kills landed while a commit was in flight", tor.kills_in_commit);
	tap(tor_ok && tor.kills_done == (size_t)kills,
	    "gavel, killed %zu times, restarted each time and finished the meeting",
	    tor.kills_done);
	tap(!failures[F_RESTART], "gavel restarted and took the keys every time (%u failures)",
	    failures[F_RESTART]);
	tap(!failures[F_STORED], "every stored comment, decision and item change was in the "
	    "last commit after each kill and restored after each restart (%u failures)",
	    failures[F_STORED]);
	tap(!failures[F_LOST] && !failures[F_WRONG] && !failures[F_CURSOR],
	    "at most one second of typing was missing after each restart, nothing else "
	    "changed, the cursor at its end (%u, %u, %u failures)", failures[F_LOST],
	    failures[F_WRONG], failures[F_CURSOR]);
	tap(!failures[F_JOURNAL], "the journal read whole after every kill and was restored "
	    "(%u failures)", failures[F_JOURNAL]);
	tap(!failures[F_COMMIT], "no commit failed (%u failures)", failures[F_COMMIT]);
	tap(!failures[F_FSCK], "git fsck --strict was clean after every kill (%u failures)",
	    failures[F_FSCK]);
	if (tor_ok) {
		check_final("killed", tor_repo);
		struct buf a = BUF_INIT, b = BUF_INIT;
		bool same = ref_ok && normalised(ref_repo, &a) && normalised(tor_repo, &b) &&
			    a.len == b.len && !memcmp(a.data, b.data, a.len);
		tap(same, "the final minutes equal those of the uninterrupted run "
		    "(stamped times aside)");
		if (!same && ref_ok) {
			struct buf pa = BUF_INIT, pb = BUF_INIT, d = BUF_INIT;
			buf_addf(&pa, "%s/uninterrupted.yaml", workdir);
			buf_addf(&pb, "%s/killed.yaml", workdir);
			write_file(pa.data, &a);
			write_file(pb.data, &b);
			run_cmd(&d, "diff -u '%s' '%s'", pa.data, pb.data);
			for (const char *p = d.data; p && *p;) {
				const char *nl = strchr(p, '\n');
				printf("#   %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
				p = nl ? nl + 1 : "";
			}
			buf_free(&pa);
			buf_free(&pb);
			buf_free(&d);
		}
		buf_free(&a);
		buf_free(&b);
	} else {
		tap(false, "the final minutes equal those of the uninterrupted run "
		    "(the killed run did not finish)");
	}
	bool keep = tap_failed || (getenv("TORTURE_KEEP") && *getenv("TORTURE_KEEP") == '1');
	if (report.len) {
		struct buf rp = BUF_INIT;
		buf_addf(&rp, "%s/report.txt", workdir);
		struct buf head = BUF_INIT;
		buf_addf(&head, "seed %llu, %ld kills, %d items, gap %ld ms\n",
			 (unsigned long long)seed, kills, nitems, gap);
		buf_add(&head, report.data, report.len);
		write_file(rp.data, &head);
		note("every failure is in %s", rp.data);
		buf_free(&rp);
		buf_free(&head);
	}
	if (keep) {
		note("kept: %s (uninterrupted: %s, killed: %s)", workdir, ref_repo, tor_repo);
		if (tap_failed)
			note("seed %llu: TORTURE_SEED=%llu TORTURE_KILLS=%ld TORTURE_ITEMS=%d "
			     "repeats the kill moments", (unsigned long long)seed,
			     (unsigned long long)seed, kills, nitems);
	} else {
		run_cmd(NULL, "rm -rf '%s'", workdir);
	}
	printf("# %u passed, %u failed\n", tap_passed, tap_failed);
	free(kv);
	free(ref_repo);
	free(tor_repo);
	free(ref.journal);
	free(tor.journal);
	free(steps);
	buf_free(&report);
	buf_free(&home);
	buf_free(&tmpd);
	buf_free(&gc);
	buf_free(&dir);
	return tap_failed ? 1 : 0;
}
