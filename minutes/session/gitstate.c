/*
 * gitstate: paths and folders for gavel's files under the git directory.
 */
#include "minutes/session/gitstate.h"
#include "minutes/base/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minutes/format/slug.h"

static void add_dir(struct buf *b, const char *gitdir)
{
	size_t n = strlen(gitdir);
	buf_add(b, gitdir, n);
	if (gitdir[n - 1] != '/')
		buf_addch(b, '/');
}

static bool check(const char *gitdir, const char *id, struct diags *d)
{
	if (!gitdir || !*gitdir) {
		diags_add(d, NULL, 0, 0, "no git directory given");
		return false;
	}
	if (!id || !slug_meeting_id_valid(id)) {
		diags_add(d, NULL, 0, 0,
			  "\"%s\" is not a meeting id (committee/YYYY-MM-DD)",
			  id ? id : "");
		return false;
	}
	return true;
}

int gitstate_path(const char *gitdir, const char *kind, const char *id,
		  const char *suffix, struct buf *out, struct diags *d)
{
	buf_reset(out);
	if (!check(gitdir, id, d))
		return -1;
	add_dir(out, gitdir);
	buf_addf(out, "gavel/%s/%s%s", kind, id, suffix);
	return 0;
}

/* Makes the folder `path` (its parent exists); fsyncs the parent when it
 * is new.  An existing folder is fine; an existing other thing is not. */
static int make_one(const char *path, struct diags *d)
{
	struct stat st;
	if (mkdir(path, 0700) == 0) {
		if (fsutil_sync_parent(path) < 0) {
			diags_add(d, path, 0, 0, "cannot sync the new folder: %s",
				  strerror(errno));
			return -1;
		}
		return 0;
	}
	int e = errno;
	if (e == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (e == EEXIST)
		e = ENOTDIR;
	diags_add(d, path, 0, 0, "cannot make the folder: %s", strerror(e));
	return -1;
}

int gitstate_mkdirs(const char *gitdir, const char *kind, const char *id,
		    struct diags *d)
{
	struct stat st;
	if (!check(gitdir, id, d))
		return -1;
	int e = stat(gitdir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (e) {
		diags_add(d, gitdir, 0, 0, "cannot use the git directory: %s",
			  strerror(e));
		return -1;
	}
	struct buf p = BUF_INIT;
	add_dir(&p, gitdir);
	buf_addstr(&p, "gavel");
	int rc = make_one(p.data, d);
	if (rc == 0) {
		buf_addf(&p, "/%s", kind);
		rc = make_one(p.data, d);
	}
	if (rc == 0) {
		buf_addch(&p, '/');
		buf_add(&p, id, (size_t)(strchr(id, '/') - id));
		rc = make_one(p.data, d);
	}
	buf_free(&p);
	return rc;
}
