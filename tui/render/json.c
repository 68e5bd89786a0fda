/*
 * json: gavel's files as JSON.  The JSON is made from the YAML gavel
 * writes, read back through the same reader that loads it
 * (minutes/format/yamlread), so it holds exactly what the file holds, in
 * the file's order, whatever keys a later format adds (docs/FORMAT.md,
 * "JSON").
 */
#include "tui/render/data.h"
#include "minutes/format/yamlread.h"

#include <string.h>

void render_json_string(struct buf *out, const char *s, size_t len)
{
	buf_addch(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			buf_addf(out, "\\%c", c);
		else if (c == '\n')
			buf_addstr(out, "\\n");
		else if (c == '\t')
			buf_addstr(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_addf(out, "\\u%04x", c);
		else
			buf_addch(out, (char)c);
	}
	buf_addch(out, '"');
}

static bool whole_number(const char *s, size_t len)
{
	if (!len || len > 15 || (s[0] == '0' && len > 1))
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void scalar(struct buf *out, const struct yr_node *n)
{
	if (n->plain && yr_is_null(n))
		buf_addstr(out, "null");
	else if (n->plain && (whole_number(n->value, n->len) ||
			      (n->len == 4 && !memcmp(n->value, "true", 4)) ||
			      (n->len == 5 && !memcmp(n->value, "false", 5))))
		buf_add(out, n->value, n->len);
	else
		render_json_string(out, n->value, n->len);
}

static void indent(struct buf *out, unsigned depth)
{
	buf_addch(out, '\n');
	for (unsigned i = 0; i < depth; i++)
		buf_addstr(out, "  ");
}

/* The node n (just read) and, for a collection, everything in it. */
static void node(struct yr *r, const struct yr_node *n, struct buf *out, unsigned depth)
{
	if (n->type == YR_SCALAR) {
		scalar(out, n);
		return;
	}
	bool map = n->type == YR_MAP;
	buf_addch(out, map ? '{' : '[');
	size_t count = 0;
	for (;;) {
		struct yr_node k;
		if (yr_next(r, &k) == YR_END)
			break;
		buf_addstr(out, count++ ? "," : "");
		indent(out, depth + 1);
		if (map) {
			/* A key is text (the reader refuses a file whose keys
			 * are not; this reads files gavel wrote). */
			render_json_string(out, k.value ? k.value : "", k.value ? k.len : 0);
			buf_addstr(out, ": ");
			struct yr_node v;
			if (yr_next(r, &v) == YR_END) {
				buf_addstr(out, "null");
				break;
			}
			node(r, &v, out, depth + 1);
		} else {
			node(r, &k, out, depth + 1);
		}
	}
	if (count)
		indent(out, depth);
	buf_addch(out, map ? '}' : ']');
}

int render_json_yaml(const char *name, const char *yaml, size_t len, struct buf *out,
		     struct diags *d)
{
	struct yr *r;
	if (yr_open_mem(&r, name, yaml, len, d) < 0)
		return -1;
	struct yr_node n;
	size_t start = out->len;
	if (yr_next(r, &n) != YR_END)
		node(r, &n, out, 0);
	else
		buf_addstr(out, "null");
	buf_addch(out, '\n');
	yr_finish(r);
	int rc = yr_problems(r) || yr_stopped(r) ? -1 : 0;
	yr_free(r);
	if (rc < 0) {
		out->len = start;
		out->data[start] = '\0';
	}
	return rc;
}

int render_json_minutes(const struct minutes *m, struct buf *out, struct diags *d)
{
	struct buf yaml = BUF_INIT;
	minutes_write(m, &yaml);
	int rc = render_json_yaml("minutes.yaml", yaml.data, yaml.len, out, d);
	buf_free(&yaml);
	return rc;
}

int render_json_agenda(const struct agenda *a, struct buf *out, struct diags *d)
{
	struct buf yaml = BUF_INIT;
	agenda_write(a, &yaml);
	int rc = render_json_yaml("agenda.yaml", yaml.data, yaml.len, out, d);
	buf_free(&yaml);
	return rc;
}
