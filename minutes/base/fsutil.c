/* fsutil: whole writes, atomic replaces and folder syncs (see fsutil.h). */
#include "minutes/base/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

int fsutil_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync of what `path` names, opened with `flags`; errno kept. */
static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int fsutil_sync_dir(const char *dir)
{
	return sync_path(dir, O_RDONLY | O_DIRECTORY);
}

int fsutil_sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return fsutil_sync_dir(".");
	if (slash == path)
		return fsutil_sync_dir("/");
	char *dir = xstrndup(path, (size_t)(slash - path));
	int rc = fsutil_sync_dir(dir);
	int e = errno;
	free(dir);
	errno = e;
	return rc;
}

int fsutil_write_parts(int fd, const struct fsutil_part *parts, size_t nparts)
{
	/* writev in batches: a file of many parts (git's index, rebuilt around
	 * the one changed entry) goes out in a few calls. */
	struct iovec iov[64];
	size_t i = 0, skip = 0;
	while (i < nparts) {
		int k = 0;
		for (size_t j = i; j < nparts && k < 64; j++) {
			size_t s = j == i ? skip : 0;
			if (parts[j].len == s)
				continue;
			iov[k].iov_base = (char *)(uintptr_t)parts[j].data + s;
			iov[k].iov_len = parts[j].len - s;
			k++;
		}
		if (!k)
			break;
		ssize_t w = writev(fd, iov, k);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		size_t done = (size_t)w;
		while (i < nparts && done >= parts[i].len - skip) {
			done -= parts[i].len - skip;
			skip = 0;
			i++;
		}
		skip += done;
	}
	return 0;
}

int fsutil_sync_file(const char *path)
{
	return sync_path(path, O_RDONLY);
}

int fsutil_write_synced(const char *tmp, const struct fsutil_part *parts,
			size_t nparts, mode_t mode, const char *what,
			struct diags *d)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0) {
		diags_add(d, tmp, 0, 0, "cannot create %s: %s", what, strerror(errno));
		return -1;
	}
	const char *step = "write";
	int rc = 0;
	rc = fsutil_write_parts(fd, parts, nparts);
	if (rc == 0) {
		step = "sync";
		rc = fsync(fd);
	}
	int e = errno;
	/* close can report a write the kernel had deferred (NFS, quotas). */
	if (close(fd) < 0 && rc == 0) {
		e = errno;
		step = "write";
		rc = -1;
	}
	if (rc < 0) {
		diags_add(d, tmp, 0, 0, "cannot %s %s: %s", step, what, strerror(e));
		unlink(tmp);
	}
	return rc;
}

int fsutil_rename_synced(const char *tmp, const char *path, const char *what,
			 struct diags *d)
{
	if (rename(tmp, path) < 0) {
		diags_add(d, path, 0, 0, "cannot replace %s: %s", what, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (fsutil_sync_parent(path) < 0) {
		diags_add(d, path, 0, 0, "cannot sync %s's folder: %s", what,
			  strerror(errno));
		return -1;
	}
	return 0;
}

int fsutil_replace(const char *path, const void *data, size_t len, mode_t mode,
		   const char *what, struct diags *d)
{
	struct buf tmp = BUF_INIT;
	struct fsutil_part part = { data, len };
	int rc = -1;
	buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	if (fsutil_write_synced(tmp.data, &part, 1, mode, what, d) < 0)
		goto out;
	rc = fsutil_rename_synced(tmp.data, path, what, d);
out:
	buf_free(&tmp);
	return rc;
}
