/* form_speakers: speakers of the item in hand, "Name: text" in comments. */
#include "tui/edit/form_speakers.h"

#include "tui/edit/form.h"

#include <string.h>
#include <strings.h>

size_t form_speakers(const struct form *f, const char **out, size_t max)
{
	size_t n = 0;
	const struct minutes_item *it = form_item(f);
	if (it)
		for (size_t i = 0; i < it->presenters.n && n < max; i++)
			if (it->presenters.v[i].name && *it->presenters.v[i].name)
				out[n++] = it->presenters.v[i].name;
	for (size_t i = 0; i < f->roll.n && n < max; i++) {
		const struct form_person *p = &f->roll.v[i];
		if (p->state == FORM_ABSENT || p->state == FORM_APOLOGIES)
			continue;
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(out[j], p->name);
		if (!dup)
			out[n++] = p->name;
	}
	return n;
}

const char *form_speakers_match(const struct form *f, const char *prefix, size_t len)
{
	const char *v[256];
	size_t n = form_speakers(f, v, 256);
	const char *found = NULL;
	int hits = 0;
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i]) == len && !strncasecmp(v[i], prefix, len))
			return v[i];
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i];
		const char *sp = strchr(name, ' ');
		if (sp && strlen(sp + 1) == len && !strncasecmp(sp + 1, prefix, len))
			return name;
		const char *last = strrchr(name, ' ');
		last = last ? last + 1 : name;
		if (strlen(last) == len && !strncasecmp(last, prefix, len)) {
			found = name;
			hits++;
		}
	}
	return hits == 1 ? found : NULL;
}

const char *form_speakers_split(const struct form *f, const char *s, const char **by)
{
	*by = NULL;
	const char *colon = strstr(s, ": ");
	if (!colon || colon - s > 80 || colon == s)
		return s;
	const char *name = form_speakers_match(f, s, (size_t)(colon - s));
	if (!name)
		return s;
	*by = name;
	s = colon + 2;
	while (*s == ' ')
		s++;
	return s;
}

void form_speakers_set(struct form *f, const char *name)
{
	if (!f->field)
		return;
	const char *by;
	const char *rest = form_speakers_split(f, field_text(f->field, NULL), &by);
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s: %s", name, rest);
	form_set_text(f, b.data);
	buf_free(&b);
}
