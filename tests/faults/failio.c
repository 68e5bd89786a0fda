/*
 * failio: an LD_PRELOAD shim for the fault tests.  It makes chosen file
 * system calls fail, as a full disk (or a failing one) would, so that a
 * test can check what gavel says and that nothing saved is lost.
 *
 *   FAILIO_PATH=S1:S2    fail only calls on a path holding S1 or S2 (for
 *                        write, pwrite and fsync, the path the file
 *                        descriptor was opened on; for rename and link,
 *                        either path; for open and mkdir, the path).
 *                        Unset: every path but terminals and pipes.
 *   FAILIO_CALLS=a,b     the calls to fail, among write (and writev), pwrite, fsync,
 *                        rename, link, open (with O_CREAT), mkdir;
 *                        default "write,pwrite,fsync,rename,link".
 *   FAILIO_ERRNO=E       ENOSPC (default), EDQUOT, EIO, EROFS, EACCES,
 *                        EPERM, or a number.
 *   FAILIO_AFTER=N       let the first N matching calls succeed.
 *   FAILIO_ONOFF=FILE    fail only while FILE exists, so that a test can
 *                        "return the space" by removing it.
 *   FAILIO_LOG=FILE      append a line per failed call (for the test's
 *                        report).
 *
 * Build: cc -shared -fPIC -o failio.so failio.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long matched;            /* matching calls seen so far */

static int chosen_errno(void)
{
	const char *e = getenv("FAILIO_ERRNO");
	if (!e || !*e || !strcmp(e, "ENOSPC"))
		return ENOSPC;
	static const struct { const char *name; int code; } names[] = {
		{ "EDQUOT", EDQUOT }, { "EIO", EIO }, { "EROFS", EROFS },
		{ "EACCES", EACCES }, { "EPERM", EPERM }, { "EFBIG", EFBIG },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(e, names[i].name))
			return names[i].code;
	int n = atoi(e);
	return n > 0 ? n : ENOSPC;
}

static int call_chosen(const char *call)
{
	const char *c = getenv("FAILIO_CALLS");
	if (!c || !*c)
		c = "write,pwrite,fsync,rename,link";
	size_t n = strlen(call);
	for (const char *p = c; *p;) {
		const char *q = strchr(p, ',');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		if (l == n && !memcmp(p, call, n))
			return 1;
		if (!q)
			break;
		p = q + 1;
	}
	return 0;
}

static int path_chosen(const char *path)
{
	if (!path)
		return 0;
	const char *want = getenv("FAILIO_PATH");
	if (!want || !*want)
		return strncmp(path, "/dev/", 5) && strncmp(path, "pipe:", 5) &&
		       strncmp(path, "socket:", 7);
	for (const char *p = want; *p;) {
		const char *q = strchr(p, ':');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		for (const char *s = path; l && *s; s++)
			if (!strncmp(s, p, l))
				return 1;
		if (!q)
			break;
		p = q + 1;
	}
	return 0;
}

static int fd_chosen(int fd)
{
	char link[64], path[4096];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	int saved = errno;
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	errno = saved;
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return path_chosen(path);
}

/* Whether this call fails: the call is chosen, the switch is on, a path
 * is chosen, and FAILIO_AFTER calls have already been let through. */
static int should_fail(const char *call, int fd, const char *p1, const char *p2)
{
	if (!call_chosen(call))
		return 0;
	const char *sw = getenv("FAILIO_ONOFF");
	if (sw && *sw) {
		struct stat st;
		int saved = errno;
		int on = stat(sw, &st) == 0;
		errno = saved;
		if (!on)
			return 0;
	}
	int hit = fd >= 0 ? fd_chosen(fd) : (path_chosen(p1) || path_chosen(p2));
	if (!hit)
		return 0;
	const char *after = getenv("FAILIO_AFTER");
	/* gavel commits on a thread of its own: the count is shared. */
	if (after && *after && __atomic_add_fetch(&matched, 1, __ATOMIC_SEQ_CST) <= atol(after))
		return 0;
	const char *log = getenv("FAILIO_LOG");
	if (log && *log) {
		FILE *f = fopen(log, "a");
		if (f) {
			fprintf(f, "%ld %s %s%s%s\n", (long)getpid(), call,
				p1 ? p1 : "", p2 ? " " : "", p2 ? p2 : "");
			fclose(f);
		}
	}
	errno = chosen_errno();
	return 1;
}

/* The real call, looked up once (two threads may both look it up: they
 * find the same one). */
#define REAL(name) \
	static __typeof__(&name) real_##name; \
	if (!__atomic_load_n((void **)&real_##name, __ATOMIC_ACQUIRE)) \
		__atomic_store_n((void **)&real_##name, dlsym(RTLD_NEXT, #name), \
				 __ATOMIC_RELEASE)

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (should_fail("write", fd, NULL, NULL))
		return -1;
	return real_write(fd, buf, n);
}

/* A gathered write fails as a write does. */
ssize_t writev(int fd, const struct iovec *iov, int n)
{
	REAL(writev);
	if (should_fail("write", fd, NULL, NULL))
		return -1;
	return real_writev(fd, iov, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	if (should_fail("pwrite", fd, NULL, NULL))
		return -1;
	return real_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite64);
	if (should_fail("pwrite", fd, NULL, NULL))
		return -1;
	return real_pwrite64(fd, buf, n, off);
}

int fsync(int fd)
{
	REAL(fsync);
	if (should_fail("fsync", fd, NULL, NULL))
		return -1;
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	if (should_fail("fsync", fd, NULL, NULL))
		return -1;
	return real_fdatasync(fd);
}

int rename(const char *from, const char *to)
{
	REAL(rename);
	if (should_fail("rename", -1, from, to))
		return -1;
	return real_rename(from, to);
}

int renameat(int dfd, const char *from, int tdfd, const char *to)
{
	REAL(renameat);
	if (should_fail("rename", -1, from, to))
		return -1;
	return real_renameat(dfd, from, tdfd, to);
}

int link(const char *from, const char *to)
{
	REAL(link);
	if (should_fail("link", -1, from, to))
		return -1;
	return real_link(from, to);
}

int mkdir(const char *path, mode_t mode)
{
	REAL(mkdir);
	if (should_fail("mkdir", -1, path, NULL))
		return -1;
	return real_mkdir(path, mode);
}

static int open_common(const char *call, const char *path, int flags)
{
	return (flags & O_CREAT) && should_fail(call, -1, path, NULL);
}

int open(const char *path, int flags, ...)
{
	REAL(open);
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (open_common("open", path, flags))
		return -1;
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	REAL(open64);
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (open_common("open", path, flags))
		return -1;
	return real_open64(path, flags, mode);
}
