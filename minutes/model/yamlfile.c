/* document: recognising a file by its `format:` and loading it. */
#include "minutes/model/yamlfile.h"
#include "minutes/base/utf8.h"
#include "minutes/format/yamlread.h"

#include <stdlib.h>
#include <string.h>

struct format {
	const char *name;       /* the value of `format:` */
	enum yamlfile_kind kind;
	int version;
	const char *const *keys;
};

/* Every format gavel has ever written, each kind's newest last.  A format
 * adds keys and never changes an older one's meaning, so each kind's
 * versions share one decoder and one key list: the decoders ask
 * yr_map_since() of each key that arrived later. */
static const struct format formats[] = {
	{ AGENDA_FORMAT, YAMLFILE_AGENDA, 1, agenda_keys },
	{ AGENDA_FORMAT_2, YAMLFILE_AGENDA, 2, agenda_keys },
	{ MINUTES_FORMAT, YAMLFILE_MINUTES, 1, minutes_keys },
	{ MINUTES_FORMAT_2, YAMLFILE_MINUTES, 2, minutes_keys },
	{ COMMITTEE_FORMAT, YAMLFILE_COMMITTEE, 1, committee_keys },
	{ COMMITTEE_FORMAT_2, YAMLFILE_COMMITTEE, 2, committee_keys },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const char *yamlfile_kind_name(enum yamlfile_kind k)
{
	switch (k) {
	case YAMLFILE_AGENDA: return "an agenda";
	case YAMLFILE_MINUTES: return "minutes";
	case YAMLFILE_COMMITTEE: return "a committee file";
	default: return "a gavel file";
	}
}

static const char *expected_formats(enum yamlfile_kind want)
{
	switch (want) {
	case YAMLFILE_AGENDA: return "format: " AGENDA_FORMAT " or " AGENDA_FORMAT_2;
	case YAMLFILE_MINUTES: return "format: " MINUTES_FORMAT " or " MINUTES_FORMAT_2;
	case YAMLFILE_COMMITTEE: return "format: " COMMITTEE_FORMAT " or " COMMITTEE_FORMAT_2;
	default: return "format: gavel-agenda, gavel-minutes or gavel-committee, version 1 or 2"
			" (such as " MINUTES_FORMAT ")";
	}
}

/* Finds the format named by scalar `v`, reporting when there is none. */
static const struct format *match_format(struct yr *r, const struct yr_node *v,
					 enum yamlfile_kind want)
{
	if (v->type == YR_SCALAR) {
		for (size_t i = 0; i < NFORMATS; i++) {
			if (strlen(formats[i].name) != v->len ||
			    memcmp(formats[i].name, v->value, v->len))
				continue;
			if (want != YAMLFILE_ANY && formats[i].kind != want) {
				yr_error(r, v, "expected %s, found %s (%s)", expected_formats(want),
					 formats[i].name, yamlfile_kind_name(formats[i].kind));
				return NULL;
			}
			return &formats[i];
		}
		/* A newer version of a known kind deserves its own words. */
		const char *slash = memchr(v->value, '/', v->len);
		for (size_t i = 0; slash && i < NFORMATS; i++) {
			size_t base = (size_t)(strchr(formats[i].name, '/') - formats[i].name);
			if ((size_t)(slash - v->value) != base || memcmp(formats[i].name, v->value, base))
				continue;
			const struct format *newest = &formats[i];
			while (newest + 1 < formats + NFORMATS && newest[1].kind == newest->kind)
				newest++;
			size_t dl = v->len - base - 1;
			const char *dv = slash + 1;
			size_t nd = 0;
			while (nd < dl && dv[nd] >= '0' && dv[nd] <= '9')
				nd++;
			if (dl > 0 && dl < 6 && nd == dl && dv[0] != '0') {
				yr_error(r, v, "this file's format, %.*s, is newer than this gavel "
					 "reads; the newest it reads is %s (a later gavel wrote "
					 "it: read it with that one)", (int)v->len, v->value,
					 newest->name);
				return NULL;
			}
			yr_error(r, v, "this file's format is newer or other than this gavel "
				 "reads; expected %s", expected_formats(want));
			return NULL;
		}
	}
	struct buf b = BUF_INIT;
	buf_addf(&b, "expected %s, found %s", expected_formats(want),
		 v->type == YR_SCALAR && !yr_is_null(v) ? "" : yr_describe(v));
	if (v->type == YR_SCALAR && !yr_is_null(v)) {
		buf_addch(&b, '\'');
		buf_add(&b, v->value, v->len > 40 ? 40 : v->len);
		buf_addch(&b, '\'');
	}
	/* The value came from the file: show it safely. */
	struct buf safe = BUF_INIT;
	utf8_add_visible(&safe, b.data, b.len);
	yr_error(r, v, "%s", safe.data);
	buf_free(&safe);
	buf_free(&b);
	yr_skip(r, v);
	return NULL;
}

/* Looks through the top-level mapping for `format:` when it is not the
 * first key.  Leaves the reader anywhere; the caller rewinds. */
static const struct format *scan_format(struct yr *r, enum yamlfile_kind want)
{
	struct yr_node k, v;
	while (yr_next(r, &k) != YR_END) {
		/* The key's text lives only until the next call: decide now. */
		bool is_format = k.type == YR_SCALAR && k.len == 6 && !memcmp(k.value, "format", 6);
		yr_skip(r, &k);
		if (yr_next(r, &v) == YR_END)
			return NULL;
		if (is_format)
			return match_format(r, &v, want);
		yr_skip(r, &v);
	}
	return NULL;
}

static void decode(struct yr *r, const struct format *f, struct yr_map *m,
		   struct yamlfile *out)
{
	out->kind = f->kind;
	out->version = f->version;
	yr_set_format(r, f->name, f->version);
	switch (f->kind) {
	case YAMLFILE_AGENDA: out->agenda = agenda_read(r, m); break;
	case YAMLFILE_MINUTES: out->minutes = minutes_read(r, m); break;
	case YAMLFILE_COMMITTEE: out->committee = committee_read(r, m); break;
	default: break;
	}
}

static int load(struct yamlfile *out, struct yr *r, enum yamlfile_kind want)
{
	struct yr_node root, k, v;
	struct yr_map m;
	const struct format *f = NULL;

	if (yr_next(r, &root) != YR_MAP) {
		if (!yr_stopped(r)) {
			if (root.type == YR_END)
				yr_error(r, &root, "the file is empty; expected a mapping "
					 "starting with %s", expected_formats(want));
			else
				yr_error(r, &root, "expected a mapping starting with %s, found %s",
					 expected_formats(want), yr_describe(&root));
		}
		return YAMLFILE_INVALID;
	}
	/* The usual case: `format:` comes first, as gavel writes it. */
	if (yr_next(r, &k) == YR_SCALAR && k.len == 6 && !memcmp(k.value, "format", 6)) {
		unsigned line = k.line, col = k.col;
		if (yr_next(r, &v) == YR_END)
			return YAMLFILE_INVALID;
		f = match_format(r, &v, want);
		if (!f)
			return YAMLFILE_INVALID;
		yr_map_begin(r, &m, &root, f->keys, yamlfile_kind_name(f->kind));
		m.seen_line[0] = line;
		m.seen_col[0] = col;
	} else {
		if (k.type == YR_END) {
			if (!yr_stopped(r))
				yr_error(r, &root, "missing key 'format'; expected %s",
					 expected_formats(want));
			return YAMLFILE_INVALID;
		}
		yr_skip(r, &k);
		if (yr_next(r, &v) == YR_END)
			return YAMLFILE_INVALID;
		yr_skip(r, &v);
		f = scan_format(r, want);
		if (!f) {
			if (!yr_stopped(r) && !yr_problems(r))
				yr_error(r, &root, "missing key 'format'; expected %s",
					 expected_formats(want));
			return YAMLFILE_INVALID;
		}
		if (yr_rewind(r) < 0 || yr_next(r, &root) != YR_MAP)
			return yr_io_failed(r) ? YAMLFILE_UNREADABLE : YAMLFILE_INVALID;
		yr_map_begin(r, &m, &root, f->keys, yamlfile_kind_name(f->kind));
	}
	decode(r, f, &m, out);
	yr_finish(r);
	if (yr_io_failed(r))
		return YAMLFILE_UNREADABLE;
	return yr_problems(r) ? YAMLFILE_INVALID : YAMLFILE_OK;
}

static int finish(struct yamlfile *out, struct yr *r, int rc)
{
	if (rc != YAMLFILE_OK)
		yamlfile_free(out);
	yr_free(r);
	return rc;
}

int yamlfile_load(struct yamlfile *out, const char *path, enum yamlfile_kind want,
		  struct diags *d)
{
	struct yr *r;
	memset(out, 0, sizeof(*out));
	int rc = yr_open_file(&r, path, d);
	if (rc)
		return rc < 0 ? YAMLFILE_UNREADABLE : YAMLFILE_INVALID;
	return finish(out, r, load(out, r, want));
}

int yamlfile_load_mem(struct yamlfile *out, const char *name, const char *data,
		 size_t len, enum yamlfile_kind want, struct diags *d)
{
	struct yr *r;
	memset(out, 0, sizeof(*out));
	if (yr_open_mem(&r, name, data, len, d))
		return YAMLFILE_INVALID;
	return finish(out, r, load(out, r, want));
}

void yamlfile_free(struct yamlfile *doc)
{
	agenda_free(doc->agenda);
	minutes_free(doc->minutes);
	committee_free(doc->committee);
	memset(doc, 0, sizeof(*doc));
}

bool yamlfile_round_trips(const char *name, const char *data, size_t len,
		     enum yamlfile_kind want, struct diags *d)
{
	struct yamlfile doc;
	if (yamlfile_load_mem(&doc, name, data, len, want, d) != YAMLFILE_OK) {
		if (!d->n)
			diags_add(d, name, 0, 0, "does not load");
		return false;
	}
	struct buf again = BUF_INIT;
	switch (doc.kind) {
	case YAMLFILE_AGENDA: agenda_write(doc.agenda, &again); break;
	case YAMLFILE_MINUTES: minutes_write(doc.minutes, &again); break;
	default: committee_write(doc.committee, &again); break;
	}
	bool same = again.len == len && !memcmp(again.data, data, len);
	if (!same)
		diags_add(d, name, 0, 0, "writing it again gives other bytes");
	buf_free(&again);
	yamlfile_free(&doc);
	return same;
}
