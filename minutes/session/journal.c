/*
 * journal: framed, checksummed, atomically replaced snapshots of a
 * meeting's unsaved work (see journal.h for the format and the rules).
 */
#include "minutes/session/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "minutes/base/fsutil.h"
#include "minutes/session/gitstate.h"

#define MAGIC "gavel-journal/1"
/* Room for the frame around the largest payload, when reading. */
#define FRAME_MAX 4096

/* ---- checksum ---- */

/* zlib's crc32 is the standard CRC-32 (ISO-HDLC: reflected 0xEDB88320,
 * initial and final XOR 0xFFFFFFFF) that journals have always carried, so
 * a journal written before this change still restores; crc32_z takes a
 * size_t, so a payload over 4 GiB is no special case. */
unsigned long journal_crc32(unsigned long crc, const void *data, size_t len)
{
	return crc32_z(crc, data, len);
}

/* ---- entries and paths ---- */

void journal_entry_init(struct journal_entry *e)
{
	memset(e, 0, sizeof(*e));
	buf_init(&e->payload);
}

void journal_entry_free(struct journal_entry *e)
{
	buf_free(&e->payload);
	journal_entry_init(e);
}

int journal_path(const char *gitdir, const char *meeting_id, struct buf *out,
		 struct diags *d)
{
	return gitstate_path(gitdir, "journal", meeting_id, ".journal", out, d);
}

static bool base_valid(const char *base)
{
	size_t n = strlen(base);
	if (n > JOURNAL_BASE_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((base[i] >= '0' && base[i] <= '9') || (base[i] >= 'a' && base[i] <= 'f')))
			return false;
	return true;
}

/* ---- writing ---- */

/* Writes the whole frame to `tmp` and makes it durable.  On failure the
 * diagnostic is added and the file removed. */
static int write_tmp(const char *tmp, const char *head, size_t head_len,
		     const void *payload, size_t len, struct diags *d)
{
	unsigned long crc = journal_crc32(0, head, head_len);
	crc = journal_crc32(crc, payload, len);
	crc = journal_crc32(crc, "\n", 1);
	char tail[32];
	int tail_len = snprintf(tail, sizeof(tail), "\nend crc32 %08lx\n", crc);
	const struct fsutil_part parts[] = {
		{ head, head_len }, { payload, len }, { tail, (size_t)tail_len },
	};
	return fsutil_write_synced(tmp, parts, 3, 0600, "the journal", d);
}

int journal_write(const char *gitdir, const char *meeting_id, const char *base,
		  const void *payload, size_t len, struct diags *d)
{
	struct buf path = BUF_INIT, tmp = BUF_INIT, prev = BUF_INIT, head = BUF_INIT;
	int rc = -1;
	if (!base)
		base = "";
	if (journal_path(gitdir, meeting_id, &path, d) < 0)
		goto out;
	if (!base_valid(base)) {
		diags_add(d, path.data, 0, 0,
			  "cannot write the journal: the base \"%.80s\" is not a commit id", base);
		goto out;
	}
	if (len > JOURNAL_MAX) {
		diags_add(d, path.data, 0, 0,
			  "cannot write the journal: %zu bytes is over the limit of %zu MiB",
			  len, JOURNAL_MAX >> 20);
		goto out;
	}
	if (gitstate_mkdirs(gitdir, "journal", meeting_id, d) < 0)
		goto out;
	buf_addf(&tmp, "%s.tmp", path.data);
	buf_addf(&prev, "%s.prev", path.data);

	char when[32];
	struct tm tm;
	time_t now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_addf(&head, MAGIC "\nmeeting: %s\nbase: %s\nwritten: %s\nlength: %zu\n\n",
		 meeting_id, base, when, len);
	if (write_tmp(tmp.data, head.data, head.len, len ? payload : "", len, d) < 0)
		goto out;

	/* The previous copy is a bonus: failing to keep it is not a failure
	 * to keep the new one. */
	if (unlink(prev.data) == 0 || errno == ENOENT)
		(void)link(path.data, prev.data);

	rc = fsutil_rename_synced(tmp.data, path.data, "the journal", d);
out:
	buf_free(&path);
	buf_free(&tmp);
	buf_free(&prev);
	buf_free(&head);
	return rc;
}

/* ---- reading ---- */

struct cursor {
	const char *data;
	size_t len, pos;
	unsigned line;          /* of the line at pos */
	const char *path;
	struct diags *d;
};

static int damaged(struct cursor *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int damaged(struct cursor *c, const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	diags_add(c->d, c->path, c->line, 0, "the journal is damaged: %s", m.data);
	buf_free(&m);
	return JOURNAL_DAMAGED;
}

/* The next line without its newline (NUL-free); NULL at a torn end. */
static const char *next_line(struct cursor *c, size_t *n)
{
	const char *s = c->data + c->pos;
	const char *nl = memchr(s, '\n', c->len - c->pos);
	if (!nl || memchr(s, '\0', (size_t)(nl - s)))
		return NULL;
	*n = (size_t)(nl - s);
	c->pos += *n + 1;
	c->line++;
	return s;
}

/* Reads the header line "key: value"; the value is copied into `val`
 * (of `cap` bytes).  c->line is then this line's number. */
static int header(struct cursor *c, const char *key, char *val, size_t cap)
{
	size_t n, k = strlen(key);
	const char *s = next_line(c, &n);
	if (!s) {
		c->line++;
		return damaged(c, "it ends in the header (expected \"%s:\")", key);
	}
	if (n < k + 1 || memcmp(s, key, k) != 0 || s[k] != ':' ||
	    (n > k + 1 && s[k + 1] != ' '))
		return damaged(c, "expected \"%s: …\", found \"%.*s\"", key,
			       (int)(n > 60 ? 60 : n), s);
	size_t off = n > k + 1 ? k + 2 : k + 1;
	if (n - off >= cap)
		return damaged(c, "the %s is too long", key);
	memcpy(val, s + off, n - off);
	val[n - off] = '\0';
	return 0;
}

static bool parse_time(const char *s, time_t *out)
{
	int y, mo, dd, h, mi, se, used = 0;
	if (strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &dd, &h, &mi, &se, &used) != 6 ||
	    used != 20)
		return false;
	if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || h > 23 || mi > 59 || se > 60 ||
	    y < 1970 || h < 0 || mi < 0 || se < 0)
		return false;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = dd;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = timegm(&tm);
	return true;
}

static int parse(struct cursor *c, const char *id, struct journal_entry *out)
{
	char meeting[160], base[JOURNAL_BASE_MAX + 1], written[32], length[24];
	size_t n;
	const char *s = next_line(c, &n);
	if (!s) {
		c->line = 1;
		return damaged(c, "it ends before its first line");
	}
	if (n != strlen(MAGIC) || memcmp(s, MAGIC, n) != 0) {
		c->line = 1;
		if (n > 14 && memcmp(s, "gavel-journal/", 14) == 0)
			return damaged(c, "it is in format \"%.*s\", which this gavel does not read",
				       (int)(n > 40 ? 40 : n), s);
		return damaged(c, "it does not start with \"" MAGIC "\"");
	}
	int rc;
	if ((rc = header(c, "meeting", meeting, sizeof(meeting))) < 0 ||
	    (rc = header(c, "base", base, sizeof(base))) < 0 ||
	    (rc = header(c, "written", written, sizeof(written))) < 0 ||
	    (rc = header(c, "length", length, sizeof(length))) < 0)
		return rc;
	if (strcmp(meeting, id) != 0) {
		c->line = 2;
		return damaged(c, "it belongs to meeting \"%s\", not \"%s\"", meeting, id);
	}
	if (!base_valid(base)) {
		c->line = 3;
		return damaged(c, "the base is not a commit id");
	}
	time_t when;
	if (!parse_time(written, &when)) {
		c->line = 4;
		return damaged(c, "\"%s\" is not a time (YYYY-MM-DDTHH:MM:SSZ)", written);
	}
	size_t plen = 0;
	if (!*length || strlen(length) > 9 || strspn(length, "0123456789") != strlen(length) ||
	    (length[0] == '0' && length[1]))
		return damaged(c, "\"%s\" is not a length", length);
	plen = (size_t)strtoul(length, NULL, 10);
	if (plen > JOURNAL_MAX)
		return damaged(c, "a length of %zu is over the limit of %zu MiB", plen,
			       JOURNAL_MAX >> 20);
	if (!(s = next_line(c, &n)) || n != 0) {
		c->line = 6;
		return damaged(c, "expected a blank line after the header");
	}

	/* The payload starts on line 7; the closing line follows the line
	 * the payload ends on. */
	size_t start = c->pos;
	c->line = 7;
	if (c->len - start < plen + 1)
		return damaged(c, "it is cut short: %zu bytes of the %zu announced are there",
			       c->len - start < plen ? c->len - start : plen, plen);
	for (const char *p = c->data + start, *e = p + plen;
	     (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
		c->line++;
	if (c->data[start + plen] != '\n')
		return damaged(c, "the payload is not followed by a newline (length wrong?)");
	c->line++;
	c->pos = start + plen + 1;
	unsigned long want = journal_crc32(0, c->data, c->pos);
	const char *t = c->data + c->pos;
	size_t rest = c->len - c->pos;
	char hex[9];
	if (rest < 19 || memcmp(t, "end crc32 ", 10) != 0 || t[18] != '\n' ||
	    strspn(t + 10, "0123456789abcdef") < 8)
		return damaged(c, "the closing line \"end crc32 XXXXXXXX\" is %s",
			       rest == 0 ? "missing" : "incomplete or wrong");
	if (rest != 19)
		return damaged(c, "there are %zu bytes after the closing line", rest - 19);
	memcpy(hex, t + 10, 8);
	hex[8] = '\0';
	if (strtoul(hex, NULL, 16) != want)
		return damaged(c, "the checksum does not match (%s, the content gives %08lx)",
			       hex, want);

	memcpy(out->base, base, strlen(base) + 1);
	memcpy(out->written, written, strlen(written) + 1);
	out->written_time = when;
	buf_reset(&out->payload);
	buf_add(&out->payload, c->data + start, plen);
	return JOURNAL_FOUND;
}

/* Reads one copy.  JOURNAL_NONE when the file does not exist. */
static int read_one(const char *path, const char *id, struct journal_entry *out,
		    struct diags *d)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return JOURNAL_NONE;
		diags_add(d, path, 0, 0, "cannot read the journal: %s", strerror(errno));
		return JOURNAL_ERROR;
	}
	struct stat st;
	struct buf data = BUF_INIT;
	int rc = JOURNAL_ERROR;
	if (fstat(fd, &st) < 0) {
		diags_add(d, path, 0, 0, "cannot read the journal: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diags_add(d, path, 0, 0, "cannot read the journal: it is not a regular file");
		goto out;
	}
	if ((uintmax_t)st.st_size > JOURNAL_MAX + FRAME_MAX) {
		diags_add(d, path, 0, 0, "cannot read the journal: %jd bytes is over the limit of %zu MiB",
			  (intmax_t)st.st_size, JOURNAL_MAX >> 20);
		goto out;
	}
	buf_grow(&data, (size_t)st.st_size + 1);
	for (;;) {
		if (data.len > JOURNAL_MAX + FRAME_MAX) {
			diags_add(d, path, 0, 0, "cannot read the journal: it is over the limit of %zu MiB",
				  JOURNAL_MAX >> 20);
			goto out;
		}
		if (data.cap - data.len < 2)
			buf_grow(&data, 65536);
		ssize_t n = read(fd, data.data + data.len, data.cap - data.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diags_add(d, path, 0, 0, "cannot read the journal: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		data.len += (size_t)n;
		data.data[data.len] = '\0';
	}
	struct cursor c = { data.data, data.len, 0, 0, path, d };
	rc = parse(&c, id, out);
out:
	close(fd);
	buf_free(&data);
	return rc;
}

int journal_read(const char *gitdir, const char *meeting_id,
		 struct journal_entry *out, struct diags *d)
{
	struct buf path = BUF_INIT, prev = BUF_INIT;
	int rc = JOURNAL_ERROR;
	if (journal_path(gitdir, meeting_id, &path, d) < 0)
		goto out;
	out->from_previous = false;
	rc = read_one(path.data, meeting_id, out, d);
	if (rc != JOURNAL_DAMAGED)
		goto out;
	buf_addf(&prev, "%s.prev", path.data);
	int r2 = read_one(prev.data, meeting_id, out, d);
	if (r2 == JOURNAL_FOUND) {
		out->from_previous = true;
		diags_add(d, prev.data, 0, 0,
			  "using the previous copy of the journal, which lacks the last changes");
		rc = JOURNAL_FOUND;
	} else if (r2 == JOURNAL_NONE) {
		diags_add(d, prev.data, 0, 0, "there is no previous copy of the journal to use");
	}
out:
	buf_free(&path);
	buf_free(&prev);
	return rc;
}

/* ---- discarding ---- */

int journal_discard(const char *gitdir, const char *meeting_id, struct diags *d)
{
	struct buf path = BUF_INIT, other = BUF_INIT;
	int rc = -1;
	if (journal_path(gitdir, meeting_id, &path, d) < 0)
		goto out;
	/* The journal first: a .prev without a journal is never read. */
	if (unlink(path.data) < 0 && errno != ENOENT) {
		diags_add(d, path.data, 0, 0, "cannot remove the journal: %s", strerror(errno));
		goto out;
	}
	rc = 0;
	static const char *const extra[] = { ".prev", ".tmp" };
	for (size_t i = 0; i < 2; i++) {
		buf_reset(&other);
		buf_addf(&other, "%s%s", path.data, extra[i]);
		if (unlink(other.data) < 0 && errno != ENOENT) {
			diags_add(d, other.data, 0, 0, "cannot remove: %s", strerror(errno));
			rc = -1;
		}
	}
	if (fsutil_sync_parent(path.data) < 0 && errno != ENOENT) {
		diags_add(d, path.data, 0, 0, "cannot sync the journal's folder: %s",
			  strerror(errno));
		rc = -1;
	}
	/* The committee's folder goes when it is empty. */
	char *slash = strrchr(path.data, '/');
	*slash = '\0';
	(void)rmdir(path.data);
out:
	buf_free(&path);
	buf_free(&other);
	return rc;
}
