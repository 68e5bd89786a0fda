/*
 * committer: commits made in order by a thread of their own
 * (committer.h).
 *
 * Invariants: the queue (head..tail) holds the snapshots handed over and
 * not yet taken, oldest first; `busy` is true while the thread commits
 * one it took; pending = queued + busy.  The status fields (landed, id,
 * landed_at, failures, error, warning) and the queue are read and written
 * only under `mu`; `last` and `carry` only by whoever commits (the thread,
 * or committer_push when inline).
 */
#include "minutes/session/committer.h"

#include "minutes/audit/audit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* A gavel killed while it commits leaves git's locks behind (index.lock,
 * refs/heads/main.lock), and every later commit (gavel's or git's) would
 * fail on them.  So each commit is bracketed by a marker,
 * <gitdir>/gavel/committing-PID, made before and removed after; a gavel
 * that starts and finds the marker of a process that is gone removes that
 * process's locks: those made after the marker, within STALE_WINDOW
 * seconds of it (the commit's length; a git program that took a lock
 * later is left alone). */
#define STALE_WINDOW 10

struct job {
	unsigned long seq;
	struct buf bytes;
	struct notes notes;
	char *correction;
	struct job *next;
};

struct committer {
	struct archive *a;
	char *marker;                   /* <gitdir>/gavel/committing-PID */
	bool own_archive;               /* opened here, freed here */
	bool threaded;
	char *file_path, *meeting_id;
	long delay_ms;

	struct buf last;                /* the file as last committed */
	struct notes carry;             /* the notes of commits that failed */

	pthread_mutex_t mu;
	pthread_cond_t work, done;
	pthread_t thread;
	struct job *head, *tail;
	size_t queued;
	bool busy, stop;

	unsigned long landed, failures;
	char id[41];
	time_t landed_at;
	char *error, *warning;
};

static void job_free(struct job *j)
{
	buf_free(&j->bytes);
	notes_clear(&j->notes);
	free(j->correction);
	free(j);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0)
		;
}

/* Commits one snapshot; the status is set under the lock. */
static void run_job(struct committer *c, struct job *j)
{
	notes_merge(&c->carry, &j->notes);
	char id[41] = "";
	char *error = NULL;
	const char *warning = NULL;
	bool same = j->bytes.len == c->last.len &&
		    !memcmp(j->bytes.data ? j->bytes.data : "", c->last.data ? c->last.data : "",
			    j->bytes.len);
	if (!same) {
		struct buf msg = BUF_INIT;
		notes_message(&c->carry, c->meeting_id, &msg);
		if (j->correction)
			audit_add_correction(&msg, j->correction);
		struct archive_file f = { c->file_path, j->bytes.data ? j->bytes.data : "",
					  j->bytes.len };
		struct diags d;
		diags_init(&d);
		int mfd = open(c->marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (mfd >= 0)
			close(mfd);
		if (c->delay_ms > 0)
			sleep_ms(c->delay_ms);
		int rc = archive_commit(c->a, &f, 1, msg.data, id, &d);
		unlink(c->marker);
		if (rc < 0)
			error = d.n ? diag_format(&d.v[d.n - 1]) : xstrdup("the commit failed");
		else
			warning = archive_take_warning(c->a);
		diags_free(&d);
		buf_free(&msg);
	}
	if (!error) {
		buf_free(&c->last);
		c->last = j->bytes;
		buf_init(&j->bytes);
		notes_clear(&c->carry);
	}
	pthread_mutex_lock(&c->mu);
	if (error) {
		c->failures++;
		free(c->error);
		c->error = error;
	} else {
		c->landed = j->seq;
		if (*id)
			memcpy(c->id, id, sizeof(c->id));
		c->landed_at = time(NULL);
		free(c->error);
		c->error = NULL;
		if (warning) {
			free(c->warning);
			c->warning = xstrdup(warning);
		}
	}
	pthread_mutex_unlock(&c->mu);
}

static void *thread_main(void *arg)
{
	struct committer *c = arg;
	/* The keys come first: on a busy machine git's hashing and writing
	 * yield the processor to the screen's thread (on Linux, a thread's
	 * own nice value; elsewhere this does nothing). */
#ifdef SYS_gettid
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->head && !c->stop)
			pthread_cond_wait(&c->work, &c->mu);
		if (!c->head)
			break;
		struct job *j = c->head;
		c->head = j->next;
		if (!c->head)
			c->tail = NULL;
		c->queued--;
		c->busy = true;
		pthread_mutex_unlock(&c->mu);
		run_job(c, j);
		job_free(j);
		pthread_mutex_lock(&c->mu);
		c->busy = false;
		pthread_cond_broadcast(&c->done);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* Removes `path` when it was made within STALE_WINDOW seconds after
 * `since`: the lock of the gavel that made its marker then. */
static void unlock_stale(const char *path, time_t since)
{
	struct stat ls;
	if (stat(path, &ls) == 0 && S_ISREG(ls.st_mode) && ls.st_mtime >= since &&
	    ls.st_mtime - since <= STALE_WINDOW)
		unlink(path);
}

/* The same for every NAME.lock in the folder `dir` and those under it
 * (the branches' locks, refs/heads/main.lock). */
static void unlock_refs(const char *dir, time_t since, int depth)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	struct buf p = BUF_INIT;
	/* cppcheck-suppress readdirCalled ; this folder is read by one thread */
	while (dp && depth < 8 && (e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir, e->d_name);
		size_t n = strlen(e->d_name);
		struct stat st;
		if (n > 5 && !strcmp(e->d_name + n - 5, ".lock"))
			unlock_stale(p.data, since);
		else if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
			unlock_refs(p.data, since, depth + 1);
	}
	if (dp)
		closedir(dp);
	buf_free(&p);
}

/* Removes what a gavel killed while committing left: git's locks (see
 * STALE_WINDOW) and its marker. */
static void clear_stale(const char *gitdir)
{
	static const char *const locks[] = { "index.lock", "HEAD.lock", "packed-refs.lock" };
	struct buf dir = BUF_INIT, p = BUF_INIT;
	buf_addf(&dir, "%s/gavel", gitdir);
	DIR *dp = opendir(dir.data);
	struct dirent *e;
	/* cppcheck-suppress readdirCalled ; this folder is read by one thread */
	while (dp && (e = readdir(dp))) {
		long pid;
		char tail;
		if (sscanf(e->d_name, "committing-%ld%c", &pid, &tail) != 1 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;       /* that gavel still runs */
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir.data, e->d_name);
		struct stat ms;
		if (stat(p.data, &ms) == 0) {
			struct buf l = BUF_INIT;
			for (size_t i = 0; i < sizeof(locks) / sizeof(locks[0]); i++) {
				buf_reset(&l);
				buf_addf(&l, "%s/%s", gitdir, locks[i]);
				unlock_stale(l.data, ms.st_mtime);
			}
			buf_reset(&l);
			buf_addf(&l, "%s/refs/heads", gitdir);
			unlock_refs(l.data, ms.st_mtime, 0);
			buf_free(&l);
		}
		unlink(p.data);
	}
	if (dp)
		closedir(dp);
	buf_free(&dir);
	buf_free(&p);
}

/* Removes FILE.tmp-PID beside `file_path` for every PID that no longer
 * runs: the half-written copy of a gavel killed while it replaced the
 * file (fsutil_replace), which would otherwise stay in the work tree as
 * an untracked file. */
static void clear_stale_tmp(const char *file_path)
{
	const char *slash = strrchr(file_path, '/');
	struct buf dir = BUF_INIT, p = BUF_INIT;
	if (slash)
		buf_add(&dir, file_path, (size_t)(slash - file_path));
	else
		buf_addstr(&dir, ".");
	const char *base = slash ? slash + 1 : file_path;
	size_t bn = strlen(base);
	DIR *dp = opendir(dir.data);
	struct dirent *e;
	/* cppcheck-suppress readdirCalled ; this folder is read by one thread */
	while (dp && (e = readdir(dp))) {
		long pid;
		char tail;
		if (strncmp(e->d_name, base, bn) ||
		    sscanf(e->d_name + bn, ".tmp-%ld%c", &pid, &tail) != 1 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;       /* that gavel still runs */
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir.data, e->d_name);
		unlink(p.data);
	}
	if (dp)
		closedir(dp);
	buf_free(&dir);
	buf_free(&p);
}

static struct committer *make(struct archive *a, const char *file_path,
			      const char *meeting_id, const struct buf *last)
{
	struct committer *c = xcalloc(1, sizeof(*c));
	c->a = a;
	clear_stale(archive_gitdir(a));
	if (!archive_is_bare(a)) {
		struct buf full = BUF_INIT;
		if (file_path[0] != '/')
			buf_addf(&full, "%s/", archive_path(a));
		buf_addstr(&full, file_path);
		clear_stale_tmp(full.data);
		buf_free(&full);
	}
	struct buf m = BUF_INIT;
	buf_addf(&m, "%s/gavel/committing-%ld", archive_gitdir(a), (long)getpid());
	c->marker = buf_detach(&m, NULL);
	c->file_path = xstrdup(file_path);
	c->meeting_id = xstrdup(meeting_id);
	buf_init(&c->last);
	buf_add(&c->last, last->data ? last->data : "", last->len);
	notes_init(&c->carry);
	const char *delay = getenv("GAVEL_TEST_COMMIT_DELAY_MS");
	c->delay_ms = delay ? strtol(delay, NULL, 10) : 0;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->work, NULL);
	pthread_cond_init(&c->done, NULL);
	return c;
}

static void destroy(struct committer *c)
{
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->work);
	pthread_cond_destroy(&c->done);
	if (c->own_archive)
		archive_free(c->a);
	buf_free(&c->last);
	notes_clear(&c->carry);
	free(c->file_path);
	free(c->marker);
	free(c->meeting_id);
	free(c->error);
	free(c->warning);
	free(c);
}

int committer_start(struct committer **out, const char *repo_path, const char *file_path,
		    const char *meeting_id, const struct buf *last, struct diags *d)
{
	*out = NULL;
	struct archive *a;
	if (archive_open(&a, repo_path, d) < 0)
		return -1;
	struct committer *c = make(a, file_path, meeting_id, last);
	c->own_archive = true;
	c->threaded = true;
	/* Signals are the screen's: the thread starts with all of them
	 * blocked, so that none interrupts it and each reaches the loop. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&c->thread, NULL, thread_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		diags_add(d, NULL, 0, 0, "cannot start the thread that commits");
		destroy(c);
		return -1;
	}
	*out = c;
	return 0;
}

struct committer *committer_new_inline(struct archive *a, const char *file_path,
				       const char *meeting_id, const struct buf *last)
{
	return make(a, file_path, meeting_id, last);
}

void committer_push(struct committer *c, unsigned long seq, struct buf *bytes,
		    struct notes *notes, const char *correction)
{
	struct job *j = xcalloc(1, sizeof(*j));
	j->seq = seq;
	j->bytes = *bytes;
	buf_init(bytes);
	notes_init(&j->notes);
	notes_move(&j->notes, notes);
	j->correction = correction ? xstrdup(correction) : NULL;
	if (!c->threaded) {
		run_job(c, j);
		job_free(j);
		return;
	}
	pthread_mutex_lock(&c->mu);
	if (c->tail)
		c->tail->next = j;
	else
		c->head = j;
	c->tail = j;
	c->queued++;
	pthread_cond_signal(&c->work);
	pthread_mutex_unlock(&c->mu);
}

void committer_status(struct committer *c, struct committer_status *st)
{
	pthread_mutex_lock(&c->mu);
	st->landed = c->landed;
	memcpy(st->id, c->id, sizeof(st->id));
	st->landed_at = c->landed_at;
	st->failures = c->failures;
	st->error = c->error ? xstrdup(c->error) : NULL;
	st->warning = c->warning;
	c->warning = NULL;
	st->pending = c->queued + (c->busy ? 1 : 0);
	pthread_mutex_unlock(&c->mu);
}

void committer_status_clear(struct committer_status *st)
{
	free(st->error);
	free(st->warning);
	st->error = st->warning = NULL;
}

bool committer_wait(struct committer *c, long ms)
{
	if (!c->threaded)
		return true;
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	if (ms >= 0) {
		until.tv_sec += ms / 1000;
		until.tv_nsec += (ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&c->mu);
	int rc = 0;
	while ((c->queued || c->busy) && rc == 0)
		rc = ms < 0 ? pthread_cond_wait(&c->done, &c->mu)
			    : pthread_cond_timedwait(&c->done, &c->mu, &until);
	bool idle = !c->queued && !c->busy;
	pthread_mutex_unlock(&c->mu);
	return idle;
}

void committer_stop(struct committer *c)
{
	if (!c)
		return;
	if (c->threaded) {
		pthread_mutex_lock(&c->mu);
		c->stop = true;
		pthread_cond_signal(&c->work);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
	}
	destroy(c);
}
