/* ptyrun: a program on a pseudo-terminal, typed into key by key (see ptyrun.h). */
#include "tests/lib/ptyrun.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

double ptyrun_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int ptyrun_start(struct ptyrun *p, int rows, int cols, char *const argv[],
		 size_t keep_cap)
{
	memset(p, 0, sizeof(*p));
	p->master = p->slave = -1;
	p->min_timeout_ms = 1;
	p->keep_cap = keep_cap;
	if (keep_cap) {
		p->kept = malloc(keep_cap);
		if (!p->kept)
			return -1;
	}
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	p->pid = forkpty(&p->master, NULL, NULL, &ws);
	if (p->pid < 0) {
		free(p->kept);
		p->kept = NULL;
		return -1;
	}
	if (p->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("LC_ALL");
		unsetenv("LC_CTYPE");
		unsetenv("LINES");
		unsetenv("COLUMNS");
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	/* The terminal's other end, to see whether the program has read
	 * what was typed. */
	p->slave = open(ptsname(p->master), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->slave < 0) {
		int e = errno;
		ptyrun_kill(p, SIGKILL);
		ptyrun_close(p);
		errno = e;
		return -1;
	}
	(void)fcntl(p->master, F_SETFD, FD_CLOEXEC);
	return 0;
}

void ptyrun_reap(struct ptyrun *p)
{
	if (!p->gone && p->pid > 0 && waitpid(p->pid, &p->status, WNOHANG) == p->pid)
		p->gone = true;
}

static void keep(struct ptyrun *p, const char *buf, size_t n)
{
	if (!p->kept || !p->keep_cap)
		return;
	if (n >= p->keep_cap) {
		memcpy(p->kept, buf + n - p->keep_cap, p->keep_cap);
		p->nkept = p->keep_cap;
		return;
	}
	if (p->nkept + n > p->keep_cap) {
		size_t drop = p->nkept + n - p->keep_cap;
		memmove(p->kept, p->kept + drop, p->nkept - drop);
		p->nkept -= drop;
	}
	memcpy(p->kept + p->nkept, buf, n);
	p->nkept += n;
}

long ptyrun_drain(struct ptyrun *p, int ms)
{
	if (p->master < 0)
		return -1;
	struct pollfd pf = { p->master, POLLIN, 0 };
	int rc = poll(&pf, 1, ms);
	if (rc <= 0)
		return 0;
	char buf[65536];
	ssize_t n = read(p->master, buf, sizeof(buf));
	if (n <= 0)
		return -1;
	keep(p, buf, (size_t)n);
	return n;
}

long long ptyrun_bytes_read(const struct ptyrun *p)
{
	char path[64], line[128];
	long long v = -1;
	snprintf(path, sizeof(path), "/proc/%ld/io", (long)p->pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "rchar: %lld", &v) == 1)
			break;
	fclose(f);
	return v;
}

bool ptyrun_idle(const struct ptyrun *p)
{
	int queued = 0;
	if (ioctl(p->slave, FIONREAD, &queued) < 0 || queued > 0)
		return false;
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%ld/syscall", (long)p->pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool idle = false;
	if (fgets(line, sizeof(line), f)) {
		long nr = -1;
		unsigned long a0, a1, a2;
		if (sscanf(line, "%ld %lx %lx %lx", &nr, &a0, &a1, &a2) == 4) {
			/* poll's third argument is its timeout (int, ms). */
			long timeout = (long)(int)a2;
			idle = (nr == SYS_poll && (timeout < 0 || timeout >= p->min_timeout_ms)) ||
			       (p->min_timeout_ms <= 1 &&
				(nr == SYS_ppoll || nr == SYS_select || nr == SYS_pselect6));
		}
	}
	fclose(f);
	return idle;
}

bool ptyrun_settle(struct ptyrun *p, long long need, long wait_ms)
{
	double until = ptyrun_now_ms() + (double)wait_ms;
	for (;;) {
		ptyrun_reap(p);
		if (p->gone)
			return true;
		while (ptyrun_drain(p, 0) > 0)
			;
		if (ptyrun_bytes_read(p) >= need && ptyrun_idle(p))
			break;
		if (ptyrun_now_ms() > until)
			return false;
		ptyrun_drain(p, 1);
	}
	while (ptyrun_drain(p, 0) > 0)
		;
	return true;
}

bool ptyrun_put(struct ptyrun *p, const char *bytes, size_t len)
{
	while (len) {
		ssize_t w = write(p->master, bytes, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return false;
		bytes += w;
		len -= (size_t)w;
	}
	return true;
}

bool ptyrun_key(struct ptyrun *p, const char *bytes, size_t len, long wait_ms)
{
	long long need = ptyrun_bytes_read(p) + (long long)len;
	if (!ptyrun_put(p, bytes, len))
		return false;
	return ptyrun_settle(p, need, wait_ms);
}

bool ptyrun_kept_has(const struct ptyrun *p, const char *s)
{
	size_t l = strlen(s);
	for (size_t i = 0; i + l <= p->nkept; i++)
		if (!memcmp(p->kept + i, s, l))
			return true;
	return false;
}

void ptyrun_kept_clear(struct ptyrun *p)
{
	p->nkept = 0;
}

void ptyrun_kill(struct ptyrun *p, int sig)
{
	ptyrun_reap(p);
	if (p->gone || p->pid <= 0)
		return;
	kill(p->pid, sig);
	/* Its output is read meanwhile, so that it can end. */
	while (!p->gone) {
		ptyrun_drain(p, 5);
		ptyrun_reap(p);
	}
}

bool ptyrun_wait_end(struct ptyrun *p, long wait_ms)
{
	double until = ptyrun_now_ms() + (double)wait_ms;
	for (;;) {
		ptyrun_reap(p);
		if (p->gone)
			break;
		if (ptyrun_now_ms() > until)
			return false;
		ptyrun_drain(p, 10);
	}
	while (ptyrun_drain(p, 0) > 0)
		;
	return true;
}

void ptyrun_close(struct ptyrun *p)
{
	if (p->slave >= 0)
		close(p->slave);
	if (p->master >= 0)
		close(p->master);
	p->slave = p->master = -1;
	free(p->kept);
	p->kept = NULL;
	p->nkept = p->keep_cap = 0;
}
