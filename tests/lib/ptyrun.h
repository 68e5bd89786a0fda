/*
 * ptyrun: runs a program on a pseudo-terminal and types into it one key
 * at a time, waiting after each key until the program has read it and
 * sits idle again.  Shared by bench/keys (the keystroke benchmark) and
 * tests/torture/torture (the crash torture test).
 *
 * "Idle" is seen from outside, without the program's help: it has read
 * every byte written to it (its rchar in /proc/PID/io has grown by them
 * and nothing waits in the terminal's input queue) and it sits in poll()
 * with a timeout of at least `min_timeout_ms` (curses waiting for the
 * next key), per /proc/PID/syscall.  By then the key is handled, whatever
 * it writes (a journal, a commit) written, and the screen drawn.  The
 * output is read and thrown away all along, so the program never blocks
 * on writing it; the newest of it is kept to be searched.
 */
#ifndef GAVEL_PTYRUN_H
#define GAVEL_PTYRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct ptyrun {
	pid_t pid;
	int master;             /* the terminal, our side */
	int slave;              /* its other end, to look at the input queue */
	bool gone;              /* the program has ended (reaped) */
	int status;             /* its wait status, once gone */
	/* The output kept: at most `keep_cap` bytes, the newest when more
	 * came (0: none kept). */
	char *kept;
	size_t nkept, keep_cap;
	/* A poll() of at least this many milliseconds counts as idle: 1 takes
	 * any timeout, 100 leaves out curses' short wait after an Esc. */
	long min_timeout_ms;
};

/* Milliseconds on the monotonic clock. */
double ptyrun_now_ms(void);

/* Starts argv[0] (looked up in PATH) on a terminal of rows x cols with
 * TERM=xterm-256color and LANG=C.UTF-8 (LC_ALL, LC_CTYPE, LINES and
 * COLUMNS unset), the rest of the environment inherited; keeps up to
 * keep_cap bytes of its output.  0, or -1 with errno. */
int ptyrun_start(struct ptyrun *p, int rows, int cols, char *const argv[],
		 size_t keep_cap);

/* Notes the program's end without waiting for it. */
void ptyrun_reap(struct ptyrun *p);

/* Reads what the program wrote within `ms` milliseconds: the bytes read,
 * 0 when nothing came, -1 when the terminal was closed. */
long ptyrun_drain(struct ptyrun *p, int ms);

/* The bytes the program has read so far, -1 when unknown. */
long long ptyrun_bytes_read(const struct ptyrun *p);

/* Whether the program waits for a key now (see above). */
bool ptyrun_idle(const struct ptyrun *p);

/* Reads the output until the program has read `need` bytes in all and is
 * idle, at most `wait_ms`; true then (or when it has ended), false when
 * the time ran out. */
bool ptyrun_settle(struct ptyrun *p, long long need, long wait_ms);

/* Writes the bytes to the program's terminal; false when that failed. */
bool ptyrun_put(struct ptyrun *p, const char *bytes, size_t len);

/* Types one key: writes it and settles as above; false when the program
 * did not take it within `wait_ms`. */
bool ptyrun_key(struct ptyrun *p, const char *bytes, size_t len, long wait_ms);

/* Whether the output kept holds `s`. */
bool ptyrun_kept_has(const struct ptyrun *p, const char *s);

/* Forgets the output kept so far. */
void ptyrun_kept_clear(struct ptyrun *p);

/* Kills the program with `sig` (when it still runs) and waits for it. */
void ptyrun_kill(struct ptyrun *p, int sig);

/* Waits at most `wait_ms` for the program to end, reading its output;
 * true when it has. */
bool ptyrun_wait_end(struct ptyrun *p, long wait_ms);

/* Closes the terminal and frees what is kept (the program must be gone,
 * or is left to its fate). */
void ptyrun_close(struct ptyrun *p);

#endif
