/* notes: the commit message's words, gathered (notes.h). */
#include "minutes/session/notes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void notes_init(struct notes *n)
{
	n->n = 0;
}

void notes_clear(struct notes *n)
{
	for (size_t i = 0; i < n->n; i++) {
		free(n->v[i].scope);
		buf_free(&n->v[i].what);
	}
	n->n = 0;
}

void notes_move(struct notes *to, struct notes *from)
{
	notes_clear(to);
	*to = *from;
	from->n = 0;
}

void notes_add(struct notes *ns, const char *scope, const char *what, size_t len)
{
	struct note *n = NULL;
	for (size_t i = 0; i < ns->n && !n; i++)
		if (!strcmp(ns->v[i].scope ? ns->v[i].scope : "", scope ? scope : ""))
			n = &ns->v[i];
	if (!n) {
		if (ns->n == NOTES_MAX) {
			n = &ns->v[NOTES_MAX - 1];      /* the rest are "more changes" */
		} else {
			n = &ns->v[ns->n++];
			n->scope = scope ? xstrdup(scope) : NULL;
			buf_init(&n->what);
		}
	}
	/* "comment 3 recorded" once, however often it is edited. */
	const char *p = n->what.data;
	bool seen = false;
	while (p && *p && !seen) {
		const char *q = strstr(p, ", ");
		size_t l = q ? (size_t)(q - p) : strlen(p);
		seen = l == len && !memcmp(p, what, len);
		p = q ? q + 2 : NULL;
	}
	if (!seen) {
		if (n->what.len)
			buf_addstr(&n->what, ", ");
		buf_add(&n->what, what, len);
	}
}

void notes_merge(struct notes *to, const struct notes *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const char *p = from->v[i].what.data;
		while (p && *p) {
			const char *q = strstr(p, ", ");
			size_t l = q ? (size_t)(q - p) : strlen(p);
			notes_add(to, from->v[i].scope, p, l);
			p = q ? q + 2 : NULL;
		}
	}
}

void notes_message(const struct notes *n, const char *id, struct buf *msg)
{
	buf_addf(msg, "%s: ", id);
	if (!n->n)
		buf_addstr(msg, "minutes edited");
	for (size_t i = 0; i < n->n; i++) {
		if (i)
			buf_addstr(msg, "; ");
		if (n->v[i].scope)
			buf_addf(msg, "%s: ", n->v[i].scope);
		buf_add(msg, n->v[i].what.data, n->v[i].what.len);
	}
	buf_addch(msg, '\n');
}
