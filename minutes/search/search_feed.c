/*
 * search_feed: the minutes of a first build read and loaded on a thread
 * of its own (search_priv.h), so that reading blobs and loading YAML
 * (half the build's CPU, and nothing of SQLite's) overlap the inserts.
 * The two sides share that work: when the indexer needs a file the
 * thread has not begun, it reads that one itself rather than wait, so
 * neither core idles while the other has work.
 *
 * Invariants: slot i % FEED_SLOTS belongs to file i from when one side
 * claims it (the slot's `claimed` is i + 1) and holds its result from
 * when that side has made it (`made` is i + 1) until the indexer is done
 * with it (i < done: feed_take(i) means every file before i is done).
 * The thread claims file i only when i - done < FEED_SLOTS, so the
 * slot's earlier file is done with, and never a file the indexer has
 * claimed.  `claimed`, `made`, `done` and `stop` are read and written
 * under `mu`; a slot's document only by whichever side the counters say
 * owns it.  The side that fills a slot frees its earlier minutes, mostly
 * the thread, so that freeing them, like loading them, is mostly off the
 * indexer's thread.  The thread has its own repository handle (libgit2's
 * are not shared between threads); the indexer reads with its own.
 */
#include "minutes/search/search_priv.h"
#include "minutes/model/yamlfile.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Enough minutes read ahead to keep the reading thread busy while the
 * indexer writes a batch of meetings into the full-text index (a few
 * tenths of a second, a thousand meetings' reading): with 64, the two
 * threads took turns more than they overlapped (31 s against 25 s at
 * 100,000 meetings).  About 20 MB at 100,000 meetings' sizes. */
#define FEED_SLOTS 1024

struct feed_slot {
	int state;                      /* FEED_LOADED, FEED_UNREADABLE, FEED_NONE */
	size_t claimed, made;           /* i + 1 once file i is claimed, made */
	struct yamlfile doc;
};

struct feed {
	struct archive *a;              /* the thread's own */
	struct archive *own;            /* the indexer's */
	const struct archive_blob *files;
	size_t n;
	char *(*meeting_of)(const char *path);
	struct feed_slot slots[FEED_SLOTS];
	pthread_mutex_t mu;
	pthread_cond_t cond;
	pthread_t thread;
	size_t done;
	bool stop;
};

/* Reads and loads file i into `slot`, with repository handle `a`. */
static void load(struct feed *f, struct archive *a, size_t i, struct feed_slot *slot)
{
	if (slot->state == FEED_LOADED)
		yamlfile_free(&slot->doc);
	slot->state = FEED_NONE;
	const struct archive_blob *b = &f->files[i];
	char *id = b->id[0] ? f->meeting_of(b->path) : NULL;
	if (!id)
		return;
	slot->state = search_load_minutes(a, b->id, id, &slot->doc) ? FEED_LOADED
		      : FEED_UNREADABLE;
	free(id);
}

bool search_load_minutes(struct archive *a, const char *blob, const char *id,
			 struct yamlfile *doc)
{
	struct buf bytes = BUF_INIT;
	struct diags quiet;
	diags_init(&quiet);
	bool ok = archive_read_blob(a, blob, &bytes, &quiet) == 0 &&
		  yamlfile_load_mem(doc, id, bytes.data, bytes.len, YAMLFILE_MINUTES,
				    &quiet) == YAMLFILE_OK;
	diags_free(&quiet);
	buf_free(&bytes);
	return ok;
}

static void *feed_main(void *arg)
{
	struct feed *f = arg;
	for (size_t i = 0; i < f->n; i++) {
		struct feed_slot *slot = &f->slots[i % FEED_SLOTS];
		pthread_mutex_lock(&f->mu);
		while (!f->stop && i - f->done >= FEED_SLOTS)
			pthread_cond_wait(&f->cond, &f->mu);
		bool stop = f->stop, mine = slot->claimed != i + 1;
		if (mine)
			slot->claimed = i + 1;
		pthread_mutex_unlock(&f->mu);
		if (stop)
			break;
		if (!mine)
			continue;       /* the indexer read it */
		load(f, f->a, i, slot);
		pthread_mutex_lock(&f->mu);
		slot->made = i + 1;
		pthread_cond_broadcast(&f->cond);
		pthread_mutex_unlock(&f->mu);
	}
	return NULL;
}

struct feed *feed_start(struct archive *a, const struct archive_blob *files, size_t n,
			char *(*meeting_of)(const char *path))
{
	struct diags quiet;
	diags_init(&quiet);
	struct feed *f = xcalloc(1, sizeof(*f));
	if (archive_open(&f->a, archive_path(a), &quiet) < 0) {
		diags_free(&quiet);
		free(f);
		return NULL;
	}
	diags_free(&quiet);
	f->own = a;
	f->files = files;
	f->n = n;
	f->meeting_of = meeting_of;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cond, NULL);
	/* Signals are the main thread's: this one starts with all blocked. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&f->thread, NULL, feed_main, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cond);
		archive_free(f->a);
		free(f);
		return NULL;
	}
	return f;
}

int feed_take(struct feed *f, size_t i, const struct yamlfile **doc)
{
	struct feed_slot *slot = &f->slots[i % FEED_SLOTS];
	pthread_mutex_lock(&f->mu);
	f->done = i;
	pthread_cond_broadcast(&f->cond);
	bool mine = slot->claimed != i + 1;
	if (mine)
		slot->claimed = i + 1;
	while (!mine && slot->made != i + 1)
		pthread_cond_wait(&f->cond, &f->mu);
	pthread_mutex_unlock(&f->mu);
	if (mine) {
		/* Not begun by the thread: read here rather than wait. */
		load(f, f->own, i, slot);
		slot->made = i + 1;
	}
	*doc = slot->state == FEED_LOADED ? &slot->doc : NULL;
	return slot->state;
}

void feed_stop(struct feed *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->thread, NULL);
	for (size_t i = 0; i < FEED_SLOTS; i++)
		if (f->slots[i].state == FEED_LOADED)
			yamlfile_free(&f->slots[i].doc);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cond);
	archive_free(f->a);
	free(f);
}
