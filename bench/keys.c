/*
 * bench/keys: types a fixed stream of keys into a program on a
 * pseudo-terminal, one key at a time, for the keystroke benchmark
 * (bench/keystroke.sh).
 *
 *   bench/keys [-r STRING] [-p KEYS] [-n BLOCKS] [-i MS] [-w MS] -- COMMAND [ARG...]
 *
 *   -r STRING   before the first key, wait until the program's output
 *               holds STRING (what it draws once it is ready)
 *   -p KEYS     the prefix: keys typed first, each NAME or NAME*COUNT,
 *               separated by commas ("pgdn*5,enter"); the names are
 *               up down left right home end pgup pgdn tab btab enter bs
 *               ctrl-n ctrl-p ctrl-s esc space
 *   -n BLOCKS   then BLOCKS times the typing block below (default 1)
 *   -i MS       at least MS milliseconds from one key to the next (2)
 *   -w MS       at most MS milliseconds for the program to take a key,
 *               and for STRING (60000)
 *
 * COMMAND runs on a pseudo-terminal of 80x24 (forkpty) with
 * TERM=xterm-256color and LANG=C.UTF-8.  After each key bench/keys reads
 * and throws away the program's output until the program has read the
 * key's bytes (its rchar in /proc/PID/io has grown by them and nothing
 * waits in the terminal's input queue) and sits in poll() again with a
 * timeout, waiting for the next key: by then the key is handled, the
 * journal written if it was due and the screen drawn.  So every key is
 * handled alone, never in a burst (curses skips redrawing while keys
 * wait), and the program never blocks on its output.  A key that changes
 * nothing on the screen is no problem: no output is waited for.  After the
 * stream, ^X; then bench/keys reads until the program has gone.
 *
 * The typing block, 80 keys, is a clerk adding a comment: Tab and
 * Shift-Tab (to the decision and back), 63 characters of text, 4
 * Backspaces and those 4 characters again, 3 Lefts and 3 Rights, Enter
 * (stores and commits the comment and starts the next).
 *
 * On standard output, one line:
 *   keys N late N user_us N sys_us N wall_ms N slowest_ms N status N
 *   ready_ms N maxrss_kb N
 * (ready_ms: from the start to the -r STRING drawn, the first frame;
 * maxrss_kb: the program's peak resident memory)
 * the keys typed (^X included), those the program had not finished
 * within -w, its CPU time (getrusage of the children, after it ended),
 * the time from the first key to its end, the longest any one key took
 * (from writing it to the program's waiting again), and its exit status.
 * KEYS_TRACE=1 in the environment prints each key's time on stderr.
 * The terminal and the waiting are tests/lib/ptyrun.c's, which the crash
 * torture test (tests/torture/torture.c) shares.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tests/lib/ptyrun.h"

#define BLOCK_TEXT "Asked whether the figures included agency staff and overtime!!"

struct keyname {
	const char *name;
	const char *bytes;      /* as xterm sends it in keypad mode */
};

static const struct keyname keynames[] = {
	{ "up", "\033OA" }, { "down", "\033OB" }, { "right", "\033OC" },
	{ "left", "\033OD" }, { "home", "\033OH" }, { "end", "\033OF" },
	{ "pgup", "\033[5~" }, { "pgdn", "\033[6~" }, { "tab", "\t" },
	{ "btab", "\033[Z" }, { "enter", "\r" }, { "bs", "\177" },
	{ "ctrl-n", "\016" }, { "ctrl-p", "\020" }, { "ctrl-s", "\023" },
	{ "esc", "\033" }, { "space", " " },
};

/* The stream: one string of bytes per key. */
struct stream {
	const char **keys;
	size_t n, cap;
};

static void push(struct stream *s, const char *bytes)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->keys = realloc(s->keys, s->cap * sizeof(*s->keys));
		if (!s->keys) {
			perror("keys");
			exit(2);
		}
	}
	s->keys[s->n++] = bytes;
}

static void usage(void)
{
	fputs("usage: bench/keys [-r STRING] [-p KEYS] [-n BLOCKS] [-i MS] [-q MS] "
	      "[-w MS] -- COMMAND [ARG...]\n", stderr);
	exit(2);
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 100000000)
		usage();
	return v;
}

static void prefix_parse(struct stream *s, const char *spec)
{
	char *copy = strdup(spec), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long count = 1;
		char *star = strchr(tok, '*');
		if (star) {
			*star = 0;
			count = number(star + 1);
		}
		const char *bytes = NULL;
		for (size_t i = 0; i < sizeof(keynames) / sizeof(keynames[0]); i++)
			if (!strcmp(keynames[i].name, tok))
				bytes = keynames[i].bytes;
		if (!bytes) {
			fprintf(stderr, "keys: unknown key '%s'\n", tok);
			exit(2);
		}
		for (long k = 0; k < count; k++)
			push(s, bytes);
	}
	free(copy);
}

/* One single-byte string per character of the block's text. */
static char chars[256][2];

static void block_add(struct stream *s)
{
	const char *text = BLOCK_TEXT;
	size_t len = strlen(text);
	push(s, "\t");
	push(s, "\033[Z");
	for (size_t i = 0; i < len; i++)
		push(s, chars[(unsigned char)text[i]]);
	for (int i = 0; i < 4; i++)
		push(s, "\177");
	for (size_t i = len - 4; i < len; i++)
		push(s, chars[(unsigned char)text[i]]);
	for (int i = 0; i < 3; i++)
		push(s, "\033OD");
	for (int i = 0; i < 3; i++)
		push(s, "\033OC");
	push(s, "\r");
}

int main(int argc, char **argv)
{
	const char *ready = NULL, *prefix = NULL;
	long blocks = 1, interval = 2, wait_ms = 60000;
	int o;
	while ((o = getopt(argc, argv, "+r:p:n:i:w:")) != -1) {
		switch (o) {
		case 'r': ready = optarg; break;
		case 'p': prefix = optarg; break;
		case 'n': blocks = number(optarg); break;
		case 'i': interval = number(optarg); break;
		case 'w': wait_ms = number(optarg); break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	for (int c = 0; c < 256; c++)
		chars[c][0] = (char)c;

	struct stream s = { NULL, 0, 0 };
	if (prefix)
		prefix_parse(&s, prefix);
	for (long b = 0; b < blocks; b++)
		block_add(&s);
	push(&s, "\030");       /* ^X: store, commit, leave */

	signal(SIGPIPE, SIG_IGN);
	struct ptyrun p;
	if (ptyrun_start(&p, 24, 80, argv + optind, ready ? 1 << 20 : 0) < 0) {
		perror("keys: starting the program on a terminal");
		return 2;
	}

	/* The first screen. */
	double t0 = ptyrun_now_ms();
	if (ready) {
		while (!ptyrun_kept_has(&p, ready) && ptyrun_now_ms() - t0 < wait_ms && !p.gone) {
			ptyrun_drain(&p, 20);
			ptyrun_reap(&p);
		}
		if (!ptyrun_kept_has(&p, ready))
			fprintf(stderr, "keys: '%s' did not appear within %ld ms\n", ready, wait_ms);
		p.keep_cap = 0;         /* nothing more to look for */
	}
	/* Start to the first frame: the ready string drawn. */
	double ready_ms = ptyrun_now_ms() - t0;
	if (!ptyrun_settle(&p, 0, wait_ms))
		fprintf(stderr, "keys: the program did not wait for a key within %ld ms\n", wait_ms);

	bool trace = getenv("KEYS_TRACE") != NULL;
	double last = 0;
	size_t late = 0, typed = 0;
	double slowest = 0;
	t0 = ptyrun_now_ms();
	for (size_t k = 0; k < s.n && !p.gone; k++) {
		double gap = interval - (ptyrun_now_ms() - last);
		if (gap > 0)
			usleep((useconds_t)(gap * 1000));
		last = ptyrun_now_ms();
		size_t len = strlen(s.keys[k]);
		long long need = ptyrun_bytes_read(&p) + (long long)len;
		if (!ptyrun_put(&p, s.keys[k], len))
			perror("keys: writing to the terminal");
		typed++;
		if (k + 1 < s.n && !ptyrun_settle(&p, need, wait_ms))
			late++;
		double took = ptyrun_now_ms() - last;
		if (k + 1 < s.n && took > slowest)
			slowest = took;
		if (trace)
			fprintf(stderr, "key %zu %s: %.2f ms\n", k,
				s.keys[k][0] == 27 ? "ESC" : s.keys[k], took);
	}
	/* After ^X: read until the program has gone. */
	while (!ptyrun_wait_end(&p, 1000))
		;
	double wall = ptyrun_now_ms() - t0;

	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	long user_us = ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec;
	long sys_us = ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec;
	int code = WIFEXITED(p.status) ? WEXITSTATUS(p.status) : 128 + WTERMSIG(p.status);
	printf("keys %zu late %zu user_us %ld sys_us %ld wall_ms %.0f slowest_ms %.2f status %d "
	       "ready_ms %.1f maxrss_kb %ld\n",
	       typed, late, user_us, sys_us, wall, slowest, code, ready_ms, ru.ru_maxrss);
	free(s.keys);
	ptyrun_close(&p);
	return code == 0 ? 0 : 1;
}
