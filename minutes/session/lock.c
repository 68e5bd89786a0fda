/*
 * lock: one gavel per meeting, by a lock file and an flock on it (see
 * lock.h for the protocol and why).
 */
#include "minutes/session/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "minutes/base/fsutil.h"
#include "minutes/session/gitstate.h"

/* Attempts before giving up on a lock file that keeps changing, and how
 * long to wait between looks at a lock being written or taken over. */
#define TRIES 60
#define PAUSE_MS 20

/* ---- the locks this process holds ---- */

struct held {
	char *path;
	int fd;
};
static struct held *held_v;
static size_t held_n, held_cap;

static void held_add(const char *path, int fd)
{
	xgrow((void **)&held_v, &held_cap, held_n + 1, sizeof(*held_v));
	held_v[held_n].path = xstrdup(path);
	held_v[held_n].fd = fd;
	held_n++;
}

/* ---- the lines of a lock file ---- */

static void copy_clean(char *dst, size_t cap, const char *src)
{
	size_t n = 0;
	for (; n < cap - 1 && src[n]; n++)
		dst[n] = (unsigned char)src[n] < 0x20 || src[n] == 0x7f ? '?' : src[n];
	/* Never cut a UTF-8 sequence in two. */
	if (src[n])
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	dst[n] = '\0';
}

static void me(struct lock_holder *h)
{
	memset(h, 0, sizeof(*h));
	/* cppcheck-suppress getpwuidCalled ; gavel has one thread: the static result is not shared */
	const struct passwd *pw = getpwuid(geteuid());
	const char *user = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
	if (user && *user)
		copy_clean(h->user, sizeof(h->user), user);
	else
		snprintf(h->user, sizeof(h->user), "uid %ld", (long)geteuid());
	char host[sizeof(h->host)] = "";
	if (gethostname(host, sizeof(host) - 1) < 0 || !*host)
		strcpy(host, "unknown-host");
	host[sizeof(host) - 1] = '\0';
	copy_clean(h->host, sizeof(h->host), host);
	h->pid = (long)getpid();
	time_t now = time(NULL);
	struct tm tm;
	char t[40];
	localtime_r(&now, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* +0100 -> +01:00, as ISO 8601's extended form wants. */
	size_t n = strlen(t);
	if (n == 24) {
		memmove(t + 23, t + 22, 2);
		t[22] = ':';
		t[25] = '\0';
	}
	copy_clean(h->since, sizeof(h->since), t);
}

static bool since_valid(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd";
	if (strlen(s) < sizeof(pat) - 1)
		return false;
	for (size_t i = 0; i < sizeof(pat) - 1; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return false;
	return true;
}

/* Reads "key: value\n" at *p into val; false when it is not there. */
static bool line(const char **p, const char *end, const char *key, char *val, size_t cap)
{
	size_t k = strlen(key);
	const char *s = *p;
	if ((size_t)(end - s) < k + 2 || memcmp(s, key, k) != 0 || s[k] != ':' || s[k + 1] != ' ')
		return false;
	s += k + 2;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl || nl == s || (size_t)(nl - s) >= cap)
		return false;
	for (const char *c = s; c < nl; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return false;
	memcpy(val, s, (size_t)(nl - s));
	val[nl - s] = '\0';
	*p = nl + 1;
	return true;
}

/* Parses the lock file open on fd; false (holder zeroed) when unreadable. */
static bool read_holder(int fd, struct lock_holder *h)
{
	char data[1024], pid[24];
	memset(h, 0, sizeof(*h));
	ssize_t n;
	do
		n = pread(fd, data, sizeof(data), 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0 || (size_t)n == sizeof(data))
		return false;
	const char *p = data, *end = data + n;
	char *e;
	if (!line(&p, end, "user", h->user, sizeof(h->user)) ||
	    !line(&p, end, "host", h->host, sizeof(h->host)) ||
	    !line(&p, end, "pid", pid, sizeof(pid)) ||
	    !line(&p, end, "since", h->since, sizeof(h->since)) || p != end ||
	    !since_valid(h->since))
		goto bad;
	errno = 0;
	h->pid = strtol(pid, &e, 10);
	if (errno || *e || pid[0] < '1' || pid[0] > '9')
		goto bad;
	struct lock_holder self;
	me(&self);
	h->other_host = strcmp(h->host, self.host) != 0;
	return true;
bad:
	memset(h, 0, sizeof(*h));
	return false;
}

static int write_holder(int fd, const struct lock_holder *h)
{
	char data[1024];
	int n = snprintf(data, sizeof(data), "user: %s\nhost: %s\npid: %ld\nsince: %s\n",
			 h->user, h->host, h->pid, h->since);
	if (n < 0 || (size_t)n >= sizeof(data)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (ftruncate(fd, 0) < 0)
		return -1;
	ssize_t w;
	do
		w = pwrite(fd, data, (size_t)n, 0);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return -1;
	if (w != n) {
		errno = ENOSPC;
		return -1;
	}
	return fsync(fd);
}

/* ---- liveness ---- */

static bool pid_alive(long pid)
{
	if (pid <= 0 || (long)(pid_t)pid != pid)
		return false;
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

/* True when fd is still the file at path. */
static bool same_file(int fd, const char *path)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void pause_briefly(void)
{
	struct timespec ts = { 0, PAUSE_MS * 1000000L };
	nanosleep(&ts, NULL);
}

/* 0 when locked, 1 when busy, 2 when the file system has no flock, -1. */
static int try_flock(int fd)
{
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK || errno == EAGAIN)
			return 1;
		if (errno == ENOLCK || errno == EOPNOTSUPP || errno == ENOSYS)
			return 2;
		return -1;
	}
	return 0;
}

/* ---- taking and leaving ---- */

int lock_path(const char *gitdir, const char *id, struct buf *out,
		      struct diags *d)
{
	return gitstate_path(gitdir, "locks", id, ".lock", out, d);
}

/* Writes our lines to a new file beside the lock, flocks it and renames
 * it over the lock (whose flock the caller holds).  The new descriptor,
 * or -1 with a diagnostic. */
static int take_over(const char *path, const struct lock_holder *self, struct diags *d)
{
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.%ld.tmp", path, self->pid);
	(void)unlink(tmp.data);
	const char *what = "create";
	int fd = open(tmp.data, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0) {
		what = "lock";
		int lk = try_flock(fd);
		if (lk == 1 || lk < 0)
			goto fail;
		what = "write";
		if (write_holder(fd, self) < 0)
			goto fail;
		what = "replace";
		if (rename(tmp.data, path) < 0)
			goto fail;
		(void)fsutil_sync_parent(path);
		buf_free(&tmp);
		return fd;
	}
fail:
	diags_add(d, tmp.data, 0, 0, "cannot %s the lock: %s", what, strerror(errno));
	if (fd >= 0) {
		(void)unlink(tmp.data);
		close(fd);
	}
	buf_free(&tmp);
	return -1;
}

int lock_acquire(const char *gitdir, const char *id, struct lock_holder *holder,
		 bool *taken_over, struct diags *d)
{
	struct lock_holder self, other, dummy;
	bool dummy_flag;
	struct buf path = BUF_INIT;
	int rc = -1, fd = -1;
	if (!holder)
		holder = &dummy;
	if (!taken_over)
		taken_over = &dummy_flag;
	*taken_over = false;
	memset(holder, 0, sizeof(*holder));
	if (lock_path(gitdir, id, &path, d) < 0 ||
	    gitstate_mkdirs(gitdir, "locks", id, d) < 0)
		goto out;
	me(&self);

	for (int tries = 0; tries < TRIES; tries++) {
		bool created = true;
		fd = open(path.data, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST) {
			created = false;
			fd = open(path.data, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0 && errno == ENOENT)
				continue;       /* removed meanwhile: again */
		}
		if (fd < 0) {
			diags_add(d, path.data, 0, 0, "cannot %s the lock: %s",
				  created ? "create" : "open", strerror(errno));
			goto out;
		}
		int lk = try_flock(fd);
		if (lk < 0) {
			diags_add(d, path.data, 0, 0, "cannot lock: %s", strerror(errno));
			goto out;
		}
		if (lk == 1 && !same_file(fd, path.data)) {
			close(fd);      /* it was just removed or replaced */
			fd = -1;
			continue;
		}
		if (lk == 1) {
			/* A live holder.  Lines being written, or naming a
			 * dead process while a take-over is under way: look
			 * again in a moment. */
			bool ok = read_holder(fd, &other);
			close(fd);
			fd = -1;
			if ((!ok || (!other.other_host && !pid_alive(other.pid))) &&
			    tries < TRIES - 1) {
				pause_briefly();
				continue;
			}
			*holder = other;
			rc = LOCK_HELD;
			goto out;
		}
		if (!same_file(fd, path.data)) {
			close(fd);
			fd = -1;
			continue;
		}
		if (created) {
			if (write_holder(fd, &self) < 0) {
				diags_add(d, path.data, 0, 0, "cannot write the lock: %s",
					  strerror(errno));
				(void)unlink(path.data);
				goto out;
			}
			(void)fsutil_sync_parent(path.data);
			held_add(path.data, fd);
			fd = -1;
			*holder = self;
			rc = 0;
			goto out;
		}
		/* The flock is ours (or the file system has none): the holder
		 * is gone, unless another host or, without flock, a live pid
		 * says otherwise. */
		bool ok = read_holder(fd, &other);
		if (ok && (other.other_host || (lk == 2 && pid_alive(other.pid)))) {
			*holder = other;
			rc = LOCK_HELD;
			goto out;
		}
		int nfd = take_over(path.data, &self, d);
		if (nfd < 0)
			goto out;
		held_add(path.data, nfd);
		*holder = other;
		*taken_over = true;
		rc = 0;
		goto out;
	}
	diags_add(d, path.data, 0, 0, "cannot lock: the lock file keeps changing");
out:
	if (fd >= 0)
		close(fd);
	buf_free(&path);
	return rc;
}

void lock_release(const char *gitdir, const char *id)
{
	struct diags d;
	struct buf path = BUF_INIT;
	diags_init(&d);
	if (lock_path(gitdir, id, &path, &d) < 0)
		goto out;
	for (size_t i = 0; i < held_n; i++) {
		if (strcmp(held_v[i].path, path.data) != 0)
			continue;
		struct lock_holder h, self;
		me(&self);
		/* A child of the holder inherits the table, not the lock. */
		if (!read_holder(held_v[i].fd, &h) || h.pid != self.pid ||
		    strcmp(h.host, self.host) != 0)
			break;
		if (same_file(held_v[i].fd, path.data)) {
			(void)unlink(path.data);
			(void)fsutil_sync_parent(path.data);
		}
		close(held_v[i].fd);
		free(held_v[i].path);
		held_v[i] = held_v[--held_n];
		break;
	}
out:
	buf_free(&path);
	diags_free(&d);
}

char *lock_holder_describe(const struct lock_holder *h)
{
	struct buf b = BUF_INIT;
	if (!h->user[0]) {
		buf_addstr(&b, "held by another gavel (its lock file cannot be read)");
		return buf_detach(&b, NULL);
	}
	buf_addf(&b, "held by %s on %s (process %ld) since %.10s %.5s",
		 h->user, h->host, h->pid, h->since, h->since + 11);
	if (h->other_host)
		buf_addstr(&b, "; that is another computer, so gavel cannot tell whether it "
			   "still runs (if it does not, remove the lock file)");
	return buf_detach(&b, NULL);
}
