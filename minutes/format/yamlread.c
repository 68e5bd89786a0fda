/*
 * yamlread: the pull reader over libyaml that enforces FORMAT.md's reading
 * rules.  The bytes pass through our own input handler first, which checks
 * UTF-8 and refuses control characters with an exact line and column
 * (libyaml's reader reports such problems at the wrong place), turns CRLF
 * into LF and drops a leading BOM.
 */
#include "minutes/format/yamlread.h"
#include "minutes/base/buf.h"
#include "minutes/base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define CHUNK 65536
#define YR_KINDS 16

struct yr {
	char *name;
	struct diags *d;
	size_t diag_base;

	/* The source: a file descriptor or memory. */
	int fd;
	const char *mem;
	size_t mem_len, mem_pos;

	/* The input filter's state. */
	unsigned char raw[CHUNK + 8];
	size_t carry;                  /* undecoded bytes kept at raw[0] */
	unsigned char out[CHUNK + 8];
	size_t out_pos, out_len;
	unsigned line, col;            /* of the next byte to check */
	size_t total;                  /* bytes read so far */
	bool at_start, eof, bad_input, io_error;

	yaml_parser_t parser;
	bool parser_ready;
	yaml_event_t ev;
	bool have_ev;
	bool stopped;
	unsigned depth;
	unsigned docs;
	size_t entries;                /* list entries of every kind */
	struct kind_count {
		const char *what;
		size_t n;
	} kinds[YR_KINDS];             /* list entries of each kind */
	size_t nkinds;
	char format[48];               /* the file's `format:`, once known */
	int version;                   /* its version: 0 until known */
	struct yr_ref *refs;           /* item numbers named, for the decoder's check */
	size_t nrefs, refs_cap;
};

/* ---- reporting ---- */

struct diags *yr_diags(struct yr *r) { return r->d; }
const char *yr_name(const struct yr *r) { return r->name; }
bool yr_stopped(const struct yr *r) { return r->stopped; }
bool yr_io_failed(const struct yr *r) { return r->io_error; }

void yr_set_format(struct yr *r, const char *name, int version)
{
	snprintf(r->format, sizeof(r->format), "%s", name);
	r->version = version;
}

int yr_format_version(const struct yr *r)
{
	return r->version;
}

bool yr_map_since(struct yr *r, const struct yr_map *m, int key,
		  const struct yr_node *val, int since)
{
	if (r->version >= since)
		return true;
	const char *slash = strchr(r->format, '/');
	int base = slash ? (int)(slash - r->format) : (int)strlen(r->format);
	struct yr_node at = { .line = m->seen_line[key], .col = m->seen_col[key] };
	yr_error(r, &at, "the key '%s' arrived in format %d (format: %.*s/%d); this "
		 "file says format: %s", m->keys[key], since, base, r->format, since,
		 r->format);
	yr_skip(r, val);
	return false;
}

size_t yr_problems(const struct yr *r)
{
	return diags_count(r->d) - r->diag_base;
}

void yr_error(struct yr *r, const struct yr_node *n, const char *fmt, ...)
{
	if (r->d->n >= DIAG_MAX) {
		r->d->dropped++;        /* counted, not worth formatting */
		return;
	}
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diags_add(r->d, r->name, n ? n->line : 0, n ? n->col : 0, "%s", b.data);
	buf_free(&b);
}

static void stop(struct yr *r, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void stop(struct yr *r, unsigned line, unsigned col, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diags_add(r->d, r->name, line, col, "%s", b.data);
	buf_free(&b);
	r->stopped = true;
}

void yr_quote(struct buf *b, const char *s, size_t len)
{
	size_t n = len > 60 ? 60 : len;
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;    /* never cut a character in two */
	buf_addch(b, '\'');
	utf8_add_visible(b, s, n);
	if (n < len)
		buf_addstr(b, "...");
	buf_addch(b, '\'');
}

/* ---- the input filter ---- */

static ssize_t source_read(struct yr *r, unsigned char *dst, size_t n)
{
	if (r->mem) {
		size_t left = r->mem_len - r->mem_pos;
		if (n > left)
			n = left;
		memcpy(dst, r->mem + r->mem_pos, n);
		r->mem_pos += n;
		return (ssize_t)n;
	}
	for (;;) {
		ssize_t got = read(r->fd, dst, n);
		if (got < 0 && errno == EINTR)
			continue;
		return got;
	}
}

static void input_problem(struct yr *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void input_problem(struct yr *r, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diags_add(r->d, r->name, r->line, r->col, "%s", b.data);
	buf_free(&b);
	r->bad_input = true;
}

/* Reads and checks the next chunk into r->out.  False on a problem. */
static bool refill(struct yr *r)
{
	r->out_pos = r->out_len = 0;
	size_t n = r->carry;
	if (!r->eof) {
		ssize_t got = source_read(r, r->raw + n, CHUNK);
		if (got < 0) {
			input_problem(r, "cannot read the file: %s", strerror(errno));
			r->io_error = true;
			return false;
		}
		if (got == 0)
			r->eof = true;
		r->total += (size_t)got;
		n += (size_t)got;
		if (r->total > YR_MAX_FILE) {
			input_problem(r, "the file is larger than 16 MiB, the most gavel reads");
			return false;
		}
	}
	size_t i = 0;
	unsigned char *o = r->out;
	size_t ol = 0;
	while (i < n) {
		unsigned char c = r->raw[i];
		if (c >= 0x20 && c < 0x7F) {
			o[ol++] = c;
			r->col++;
			i++;
			r->at_start = false;
			continue;
		}
		if (c == '\n') {
			o[ol++] = c;
			r->line++;
			r->col = 1;
			i++;
			r->at_start = false;
			continue;
		}
		if (c == '\r') {
			if (i + 1 >= n && !r->eof)
				break;          /* keep it until we see what follows */
			if (i + 1 < n && r->raw[i + 1] == '\n') {
				i++;            /* CRLF is read as LF */
				continue;
			}
			input_problem(r, "a carriage return (CR) not followed by a line feed; "
				      "lines must end in LF or CRLF");
			return false;
		}
		uint32_t cp;
		int len = utf8_decode(r->raw + i, n - i, &cp);
		if (len == 0 && !r->eof)
			break;
		if (len == 0) {
			input_problem(r, "the file ends in the middle of a UTF-8 character; "
				      "expected text in UTF-8");
			return false;
		}
		if (len < 0) {
			input_problem(r, "invalid UTF-8 (byte 0x%02X); expected text in UTF-8", c);
			return false;
		}
		if (cp == 0xFEFF && r->at_start) {
			i += (size_t)len;       /* a BOM at the very start is dropped */
			r->at_start = false;
			continue;
		}
		if (utf8_forbidden(cp)) {
			struct buf b = BUF_INIT;
			utf8_describe(&b, cp);
			input_problem(r, "%s is not allowed in a gavel file; expected text "
				      "without control characters (TAB and line feed are allowed)",
				      b.data);
			buf_free(&b);
			return false;
		}
		memcpy(o + ol, r->raw + i, (size_t)len);
		ol += (size_t)len;
		i += (size_t)len;
		r->col++;
		r->at_start = false;
	}
	r->carry = n - i;
	memmove(r->raw, r->raw + i, r->carry);
	r->out_len = ol;
	return true;
}

static int input_handler(void *data, unsigned char *buffer, size_t size,
			 size_t *size_read)
{
	struct yr *r = data;
	*size_read = 0;
	if (r->bad_input)
		return 0;
	while (r->out_pos == r->out_len) {
		if (r->eof && r->carry == 0)
			return 1;
		if (!refill(r))
			return 0;
	}
	size_t n = r->out_len - r->out_pos;
	if (n > size)
		n = size;
	memcpy(buffer, r->out + r->out_pos, n);
	r->out_pos += n;
	*size_read = n;
	return 1;
}

/* ---- opening ---- */

static void reset(struct yr *r)
{
	if (r->have_ev)
		yaml_event_delete(&r->ev);
	if (r->parser_ready)
		yaml_parser_delete(&r->parser);
	r->have_ev = false;
	r->carry = r->out_pos = r->out_len = 0;
	r->line = r->col = 1;
	r->total = 0;
	r->at_start = true;
	r->eof = r->bad_input = r->stopped = false;
	r->depth = r->docs = 0;
	r->entries = 0;
	r->nkinds = 0;
	r->mem_pos = 0;
	yaml_parser_initialize(&r->parser);
	yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input(&r->parser, input_handler, r);
	r->parser_ready = true;
}

static struct yr *yr_new(const char *name, struct diags *d)
{
	struct yr *r = xcalloc(1, sizeof(*r));
	r->name = xstrdup(name);
	r->d = d;
	r->diag_base = diags_count(d);
	r->fd = -1;
	reset(r);
	return r;
}

int yr_open_mem(struct yr **out, const char *name, const char *data,
		size_t len, struct diags *d)
{
	*out = NULL;
	if (len > YR_MAX_FILE) {
		diags_add(d, name, 0, 0, "the file is larger than 16 MiB, the most gavel reads");
		return 1;
	}
	struct yr *r = yr_new(name, d);
	r->mem = data ? data : "";
	r->mem_len = len;
	*out = r;
	return 0;
}

static const char *file_kind(mode_t m)
{
	if (S_ISDIR(m)) return "a folder";
	if (S_ISFIFO(m)) return "a pipe (FIFO)";
	if (S_ISCHR(m)) return "a character device";
	if (S_ISBLK(m)) return "a block device";
	if (S_ISSOCK(m)) return "a socket";
	return "not a regular file";
}

int yr_open_file(struct yr **out, const char *path, struct diags *d)
{
	struct stat st;
	*out = NULL;
	/* O_NONBLOCK so that opening a FIFO cannot hang before fstat says what it is. */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diags_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diags_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diags_add(d, path, 0, 0, "cannot read: %s, not a regular file",
			  file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if ((unsigned long long)st.st_size > YR_MAX_FILE) {
		diags_add(d, path, 0, 0, "the file is %lld bytes; gavel reads files of at most 16 MiB "
			  "(%u bytes)", (long long)st.st_size, YR_MAX_FILE);
		close(fd);
		return 1;
	}
	struct yr *r = yr_new(path, d);
	r->fd = fd;
	*out = r;
	return 0;
}

int yr_rewind(struct yr *r)
{
	/* What the first pass found will be found again: say it once.  The
	 * last problems counted are the dropped ones, so those go first. */
	while (diags_count(r->d) > r->diag_base) {
		if (r->d->dropped) {
			r->d->dropped--;
			continue;
		}
		struct diag *x = &r->d->v[--r->d->n];
		free(x->file);
		free(x->msg);
	}
	if (r->fd >= 0 && lseek(r->fd, 0, SEEK_SET) < 0) {
		diags_add(r->d, r->name, 0, 0, "cannot read: %s", strerror(errno));
		r->io_error = true;
		return -1;
	}
	reset(r);
	return 0;
}

void yr_free(struct yr *r)
{
	if (!r)
		return;
	if (r->have_ev)
		yaml_event_delete(&r->ev);
	if (r->parser_ready)
		yaml_parser_delete(&r->parser);
	if (r->fd >= 0)
		close(r->fd);
	for (size_t i = 0; i < r->nrefs; i++)
		free(r->refs[i].number);
	free(r->refs);
	free(r->name);
	free(r);
}

void yr_note_item_ref(struct yr *r, const struct yr_node *n, const char *key,
		      const char *number)
{
	xgrow((void **)&r->refs, &r->refs_cap, r->nrefs + 1, sizeof(*r->refs));
	r->refs[r->nrefs++] = (struct yr_ref){ xstrdup(number), key, n->line, n->col };
}

size_t yr_item_refs(const struct yr *r, const struct yr_ref **out)
{
	*out = r->refs;
	return r->nrefs;
}

/* ---- events ---- */

static void syntax_error(struct yr *r)
{
	yaml_parser_t *p = &r->parser;
	if (r->bad_input)
		return;         /* the input filter has said what was wrong */
	if (p->error == YAML_MEMORY_ERROR) {
		stop(r, 0, 0, "out of memory while reading");
		return;
	}
	struct buf b = BUF_INIT;
	buf_addf(&b, "expected valid YAML: %s", p->problem ? p->problem : "unreadable");
	if (p->context)
		buf_addf(&b, " (%s at line %zu, column %zu)", p->context,
			 p->context_mark.line + 1, p->context_mark.column + 1);
	stop(r, (unsigned)p->problem_mark.line + 1, (unsigned)p->problem_mark.column + 1,
	     "%s", b.data);
	buf_free(&b);
}

static bool pull(struct yr *r)
{
	if (r->have_ev) {
		yaml_event_delete(&r->ev);
		r->have_ev = false;
	}
	if (r->stopped)
		return false;
	if (!yaml_parser_parse(&r->parser, &r->ev)) {
		syntax_error(r);
		r->stopped = true;
		return false;
	}
	r->have_ev = true;
	return true;
}

static void set_pos(struct yr_node *n, const yaml_mark_t *m)
{
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
}

static void check_props(struct yr *r, const struct yr_node *n,
			const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor) {
		struct buf b = BUF_INIT;
		yr_quote(&b, (const char *)anchor, strlen((const char *)anchor));
		yr_error(r, n, "anchors are not allowed (found &%s); write the text out in full", b.data);
		buf_free(&b);
	}
	if (tag) {
		struct buf b = BUF_INIT;
		yr_quote(&b, (const char *)tag, strlen((const char *)tag));
		yr_error(r, n, "tags are not allowed (found %s); gavel knows each value's type from its key", b.data);
		buf_free(&b);
	}
}

static void check_value(struct yr *r, const struct yr_node *n)
{
	size_t bad;
	if (utf8_clean(n->value, n->len, &bad))
		return;
	uint32_t cp = 0;
	struct buf b = BUF_INIT;
	if (utf8_decode((const unsigned char *)n->value + bad, n->len - bad, &cp) > 0)
		utf8_describe(&b, cp);
	else
		buf_addstr(&b, "invalid UTF-8");
	yr_error(r, n, "the text holds %s (written as an escape); control characters "
		 "other than TAB and line feed are not allowed", b.data);
	buf_free(&b);
}

enum yr_type yr_next(struct yr *r, struct yr_node *n)
{
	memset(n, 0, sizeof(*n));
	for (;;) {
		if (!pull(r))
			return n->type = YR_END;
		yaml_event_t *e = &r->ev;
		set_pos(n, &e->start_mark);
		switch (e->type) {
		case YAML_STREAM_START_EVENT:
			continue;
		case YAML_DOCUMENT_START_EVENT:
			if (r->docs++) {
				stop(r, n->line, n->col, "a second document starts here; "
				     "expected one document per file");
				return n->type = YR_END;
			}
			continue;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
		case YAML_NO_EVENT:
			return n->type = YR_END;
		case YAML_ALIAS_EVENT: {
			struct buf b = BUF_INIT;
			const char *a = (const char *)e->data.alias.anchor;
			yr_quote(&b, a, strlen(a));
			yr_error(r, n, "aliases are not allowed (found *%s); write the text out in full", b.data);
			buf_free(&b);
			n->type = YR_SCALAR;
			n->value = "";
			n->plain = true;
			return n->type;
		}
		case YAML_SCALAR_EVENT:
			n->type = YR_SCALAR;
			n->value = (const char *)e->data.scalar.value;
			n->len = e->data.scalar.length;
			n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			/* Any tag, even the non-specific `!` that libyaml
			 * marks implicit. */
			check_props(r, n, e->data.scalar.anchor, e->data.scalar.tag);
			if (e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
				check_value(r, n);
			return n->type;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++r->depth > YR_MAX_DEPTH) {
				stop(r, n->line, n->col, "nesting deeper than %d levels; "
				     "gavel files are never that deep", YR_MAX_DEPTH);
				return n->type = YR_END;
			}
			if (e->type == YAML_SEQUENCE_START_EVENT) {
				n->type = YR_SEQ;
				check_props(r, n, e->data.sequence_start.anchor,
					    e->data.sequence_start.tag);
			} else {
				n->type = YR_MAP;
				check_props(r, n, e->data.mapping_start.anchor,
					    e->data.mapping_start.tag);
			}
			return n->type;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			r->depth--;
			return n->type = YR_END;
		}
	}
}

void yr_skip(struct yr *r, const struct yr_node *n)
{
	if (n->type != YR_MAP && n->type != YR_SEQ)
		return;
	unsigned level = 1;
	struct yr_node x;
	while (level > 0) {
		enum yr_type t = yr_next(r, &x);
		if (t == YR_END) {
			if (r->stopped)
				return;
			level--;
		} else if (t == YR_MAP || t == YR_SEQ) {
			level++;
		}
	}
}

void yr_finish(struct yr *r)
{
	struct yr_node n;
	/* The end of the first document, then the end of the stream. */
	if (yr_next(r, &n) != YR_END) {
		yr_error(r, &n, "expected the end of the document");
		r->stopped = true;
		return;
	}
	yr_next(r, &n);
}

char *yr_take(struct yr *r, const struct yr_node *n)
{
	if (n->type != YR_SCALAR)
		return NULL;
	if (r->have_ev && r->ev.type == YAML_SCALAR_EVENT &&
	    (const char *)r->ev.data.scalar.value == n->value) {
		/* libyaml allocates with malloc; take the text instead of copying
		 * it, so a large summary is held once, not twice. */
		char *v = (char *)r->ev.data.scalar.value;
		r->ev.data.scalar.value = NULL;
		return v;
	}
	return xstrndup(n->value, n->len);
}

bool yr_count_entry(struct yr *r, const struct yr_node *n, const char *what)
{
	size_t k = 0;
	while (k < r->nkinds && strcmp(r->kinds[k].what, what))
		k++;
	if (k == r->nkinds) {
		if (k == YR_KINDS)
			k--;    /* more kinds than any format has: count them together */
		else
			r->kinds[r->nkinds++] = (struct kind_count){ what, 0 };
	}
	if (++r->kinds[k].n > YR_MAX_ENTRIES) {
		stop(r, n->line, n->col, "too many %s: a file holds at most %u", what,
		     YR_MAX_ENTRIES);
		return false;
	}
	if (++r->entries > YR_MAX_TOTAL) {
		stop(r, n->line, n->col, "too many list entries: a file holds at most %u "
		     "(items, comments, attendees and the rest together)", YR_MAX_TOTAL);
		return false;
	}
	return true;
}
