/* record: people and documents, shared by agenda, minutes and committee files. */
#include "minutes/format/record.h"

#include <stdlib.h>
#include <string.h>

void record_text_set(char **dst, const char *src)
{
	char *old = *dst;
	*dst = src ? xstrdup(src) : NULL;
	free(old);
}

static bool empty(const char *s)
{
	return !s || !*s;
}

void person_free(struct person *p)
{
	free(p->name);
	free(p->role);
	free(p->substitute_for);
	free(p->arrived_during);
	free(p->left_during);
	memset(p, 0, sizeof(*p));
}

void names_free(struct names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void names_add(struct names *l, const char *name)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = xstrdup(name ? name : "");
}

void names_copy(struct names *dst, const struct names *src)
{
	for (size_t i = 0; i < src->n; i++)
		names_add(dst, src->v[i]);
}

void people_free(struct people *l)
{
	for (size_t i = 0; i < l->n; i++)
		person_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct person *people_add(struct people *l, const char *name, const char *role)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	struct person *p = &l->v[l->n++];
	memset(p, 0, sizeof(*p));
	p->name = name ? xstrdup(name) : NULL;
	p->role = role ? xstrdup(role) : NULL;
	return p;
}

void people_remove(struct people *l, size_t i)
{
	if (i >= l->n)
		return;
	person_free(&l->v[i]);
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

void documents_remove(struct documents *l, size_t i)
{
	if (i >= l->n)
		return;
	free(l->v[i].title);
	free(l->v[i].ref);
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

void people_copy(struct people *dst, const struct people *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct person *s = &src->v[i];
		struct person *p = people_add(dst, s->name, s->role);
		if (s->substitute_for)
			p->substitute_for = xstrdup(s->substitute_for);
		if (s->arrived_during)
			p->arrived_during = xstrdup(s->arrived_during);
		if (s->left_during)
			p->left_during = xstrdup(s->left_during);
		memcpy(p->arrived, s->arrived, sizeof(p->arrived));
		memcpy(p->left, s->left, sizeof(p->left));
	}
}

void documents_free(struct documents *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].title);
		free(l->v[i].ref);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct document *documents_add(struct documents *l, const char *title, const char *ref)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	struct document *d = &l->v[l->n++];
	d->title = title ? xstrdup(title) : NULL;
	d->ref = ref ? xstrdup(ref) : NULL;
	return d;
}

void documents_copy(struct documents *dst, const struct documents *src)
{
	for (size_t i = 0; i < src->n; i++)
		documents_add(dst, src->v[i].title, src->v[i].ref);
}

/* An attendee's keys: a person's, then format 2's times and substitute
 * (FORMAT.md's order), read only from a format-2 file. */
static const char *const person_keys[] = {
	"name", "role", "substitute_for", "arrived", "arrived_during", "left",
	"left_during", NULL,
};
enum { P_NAME, P_ROLE, P_SUBSTITUTE_FOR, P_ARRIVED, P_ARRIVED_DURING, P_LEFT,
       P_LEFT_DURING, P_PLAIN_KEYS = 2 };
static const char *const plain_person_keys[] = { "name", "role", NULL };
static const char *const document_keys[] = { "title", "ref", NULL };

static void read_people(struct yr *r, const struct yr_node *n, struct people *out,
			const char *what, bool attendee)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of people (each with name and role)"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map m;
		if (!yr_count_entry(r, &e, what))
			break;
		if (!yr_map_begin(r, &m, &e, attendee ? person_keys : plain_person_keys,
				  attendee && yr_format_version(r) >= 2
				  ? "a person (name, role, substitute_for, arrived, arrived_during, "
				  "left, left_during)" : "a person (name and role)"))
			continue;
		struct person *p = people_add(out, NULL, NULL);
		int k;
		while ((k = yr_map_next(r, &m, &v)) >= 0) {
			if (k >= P_PLAIN_KEYS && !yr_map_since(r, &m, k, &v, 2))
				continue;
			char **dst = NULL;
			switch (k) {
			case P_NAME:
				dst = &p->name;
				break;
			case P_ROLE:
				dst = &p->role;
				break;
			case P_SUBSTITUTE_FOR:
				free(p->substitute_for);
				p->substitute_for = yr_text(r, &v, "the name of the member substituted for", false);
				break;
			case P_ARRIVED:
				yr_time(r, &v, p->arrived);
				break;
			case P_LEFT:
				yr_time(r, &v, p->left);
				break;
			case P_ARRIVED_DURING:
			case P_LEFT_DURING: {
				char **at = k == P_ARRIVED_DURING ? &p->arrived_during : &p->left_during;
				free(*at);
				*at = yr_text(r, &v, "an item number (such as \"3\")", false);
				if (*at)
					yr_note_item_ref(r, &v, m.keys[k], *at);
				break;
			}
			}
			if (dst) {
				free(*dst);
				*dst = yr_text(r, &v, k == P_NAME ? "a person's name" : "a role",
					       k == P_NAME);
			}
		}
		yr_map_require(r, &m, P_NAME, "the person's name");
	}
}

void people_read(struct yr *r, const struct yr_node *n, struct people *out,
		 const char *what)
{
	read_people(r, n, out, what, false);
}

void people_read_attendance(struct yr *r, const struct yr_node *n, struct people *out)
{
	read_people(r, n, out, "attendees", true);
}

bool person_has_attendance(const struct person *p)
{
	return !empty(p->substitute_for) || p->arrived[0] || !empty(p->arrived_during) ||
	       p->left[0] || !empty(p->left_during);
}

void documents_read(struct yr *r, const struct yr_node *n, struct documents *out)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of documents (each with title and ref)"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map m;
		if (!yr_count_entry(r, &e, "documents"))
			break;
		if (!yr_map_begin(r, &m, &e, document_keys, "a document (title and ref)"))
			continue;
		struct document *d = documents_add(out, NULL, NULL);
		int k;
		while ((k = yr_map_next(r, &m, &v)) >= 0) {
			char **dst = k == 0 ? &d->title : &d->ref;
			free(*dst);
			*dst = yr_text(r, &v, k == 0 ? "a document's title" : "a path or URL", k == 0);
		}
		yr_map_require(r, &m, 0, "the document's title");
	}
}

/* An entry missing a required key (a person's name, a document's title)
 * is not written: it could not be read back (FORMAT.md). */
static void write_people(struct emit *e, const char *key, const struct people *l,
			 bool attendee)
{
	size_t named = 0;
	for (size_t i = 0; i < l->n; i++)
		named += !empty(l->v[i].name);
	if (!named)
		return;
	emit_open(e, key);
	for (size_t i = 0; i < l->n; i++) {
		const struct person *p = &l->v[i];
		if (empty(p->name))
			continue;       /* not a person yet: FORMAT.md's written form */
		emit_entry(e);
		emit_text(e, "name", p->name);
		emit_text(e, "role", p->role);
		if (attendee) {
			emit_text(e, "substitute_for", p->substitute_for);
			emit_quoted(e, "arrived", p->arrived);
			emit_quoted(e, "arrived_during", p->arrived_during);
			emit_quoted(e, "left", p->left);
			emit_quoted(e, "left_during", p->left_during);
		}
		emit_entry_end(e);
	}
	emit_close(e);
}

void people_write(struct emit *e, const char *key, const struct people *l)
{
	write_people(e, key, l, false);
}

void people_write_attendance(struct emit *e, const char *key, const struct people *l)
{
	write_people(e, key, l, true);
}

void documents_write(struct emit *e, const char *key, const struct documents *l)
{
	size_t titled = 0;
	for (size_t i = 0; i < l->n; i++)
		titled += !empty(l->v[i].title);
	if (!titled)
		return;
	emit_open(e, key);
	for (size_t i = 0; i < l->n; i++) {
		const struct document *d = &l->v[i];
		if (empty(d->title))
			continue;       /* not a document yet */
		emit_entry(e);
		emit_text(e, "title", d->title);
		emit_text(e, "ref", d->ref);
		emit_entry_end(e);
	}
	emit_close(e);
}
