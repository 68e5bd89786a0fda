/*
 * payload: the journal's payload of a session (session_priv.h): made from
 * the minutes and the screen's state, and read back after a crash.
 */
#include "minutes/session/session_priv.h"

#include "minutes/audit/audit.h"
#include "minutes/model/yamlfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The journal's payload: in correction mode "correction REASON\n" (so a
 * restart after a crash goes on correcting, for the same reason);
 * "pending C1 C2 ...\n", the checksums (journal_crc32, hexadecimal) of the
 * snapshots taken and not known committed when it was written; "ui
 * LEN\n", the screen's state, "\n", then "items all\n" and the minutes,
 * or "items I J ...\n" and the minutes holding only the items at those
 * positions (the rest are as last committed). */
void payload_make(const struct session *s, const char *ui, struct buf *out)
{
	size_t len = ui ? strlen(ui) : 0;
	if (s->correction)
		buf_addf(out, "correction %s\n", s->correction);
	buf_addstr(out, "pending");
	for (size_t i = 0; i < s->ncrcs; i++)
		buf_addf(out, " %08lx", s->crcs[i].crc);
	buf_addch(out, '\n');
	buf_addf(out, "ui %zu\n", len);
	buf_add(out, ui ? ui : "", len);
	buf_addch(out, '\n');
	if (s->all_dirty) {
		buf_addstr(out, "items all\n");
		minutes_write(s->minutes, out);
		return;
	}
	struct minutes part = *s->minutes;
	struct minutes_item **v = xcalloc(s->ndirty ? s->ndirty : 1, sizeof(*v));
	part.items = v;
	part.nitems = 0;
	buf_addstr(out, "items");
	for (size_t i = 0; i < s->minutes->nitems; i++)
		for (size_t j = 0; j < s->ndirty; j++)
			if (s->dirty[j].it == s->minutes->items[i]) {
				buf_addf(out, " %zu", i);
				v[part.nitems++] = s->minutes->items[i];
				break;
			}
	buf_addch(out, '\n');
	minutes_write(&part, out);
	free(v);
}

/* Puts the journal's items (`m`'s, at positions `at`) in place of the
 * last commit's (`base`'s); `m` keeps the result, `base` is freed. */
static void items_merge(struct minutes *m, struct minutes *base, const size_t *at,
			size_t nat)
{
	size_t n = base->nitems;
	for (size_t k = 0; k < nat; k++)
		if (at[k] >= n)
			n = at[k] + 1;
	struct minutes_item **v = xcalloc(n ? n : 1, sizeof(*v));
	size_t used = 0;
	for (size_t k = 0; k < nat && k < m->nitems; k++) {
		v[at[k]] = m->items[k];
		m->items[k] = NULL;
		used++;
	}
	for (size_t i = 0; i < n; i++)
		if (!v[i] && i < base->nitems) {
			v[i] = base->items[i];
			base->items[i] = NULL;
		}
	/* What is left in either is not part of the result. */
	size_t left = 0;
	for (size_t i = 0; i < base->nitems; i++)
		if (base->items[i])
			base->items[left++] = base->items[i];
	base->nitems = left;
	left = 0;
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i])
			m->items[left++] = m->items[i];
	m->nitems = left;
	minutes_free(base);
	/* Positions the journal named but neither had are closed up. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i])
			v[k++] = v[i];
	for (size_t i = 0; i < m->nitems; i++)
		minutes_free_item(m->items[i]);
	free(m->items);
	m->items = v;
	m->nitems = k;
	m->items_cap = n ? n : 1;
	(void)used;
}

int payload_parse(struct session *s, const char *name, const char *p,
			 size_t len, struct diags *d)
{
	char *end, *reason = NULL;
	if (len > 11 && !memcmp(p, "correction ", 11)) {
		const char *nl = memchr(p, '\n', len);
		if (!nl)
			goto bad;
		reason = xstrndup(p + 11, (size_t)(nl - p - 11));
		len -= (size_t)(nl + 1 - p);
		p = nl + 1;
		if (!audit_reason_ok(reason))
			goto bad;
	}
	if (len > 7 && !memcmp(p, "pending", 7)) {
		const char *nl = memchr(p, '\n', len);
		if (!nl)
			goto bad;
		len -= (size_t)(nl + 1 - p);
		p = nl + 1;
	}
	if (len < 4 || memcmp(p, "ui ", 3))
		goto bad;
	unsigned long long n = strtoull(p + 3, &end, 10);
	if (*end != '\n' || n > len)
		goto bad;
	size_t head = (size_t)(end + 1 - p);
	if (head + n + 1 > len || p[head + n] != '\n')
		goto bad;
	const char *items = p + head + n + 1;
	const char *nl = memchr(items, '\n', len - (size_t)(items - p));
	if (!nl || strncmp(items, "items", 5))
		goto bad;
	bool all = !strncmp(items, "items all\n", 10);
	size_t *at = NULL, nat = 0, cap = 0;
	for (const char *q = items + 5; !all && q < nl;) {
		while (q < nl && *q == ' ')
			q++;
		if (q >= nl)
			break;
		unsigned long long v = strtoull(q, &end, 10);
		if (end == q || end > nl || v > 1000000) {
			free(at);
			goto bad;
		}
		xgrow((void **)&at, &cap, nat + 1, sizeof(*at));
		at[nat++] = (size_t)v;
		q = end;
	}
	struct yamlfile doc;
	int rc = yamlfile_load_mem(&doc, name, nl + 1, len - (size_t)(nl + 1 - p), YAMLFILE_MINUTES, d);
	if (rc != YAMLFILE_OK) {
		free(at);
		free(reason);
		return -1;
	}
	if (all)
		minutes_free(s->minutes);
	else
		items_merge(doc.minutes, s->minutes, at, nat);
	free(at);
	s->minutes = doc.minutes;
	s->all_dirty = true;    /* until the next commit, all of it */
	s->all_gen = 0;
	s->recovered_ui = xstrndup(p + head, (size_t)n);
	if (reason && !s->correction) {
		/* A correction was going on: it goes on, for its reason. */
		s->correction = reason;
		session_add_notice(s, "the correction \"%s\" goes on where it stopped", reason);
	} else {
		free(reason);
	}
	return 0;
bad:
	free(reason);
	diags_add(d, name, 0, 0, "the journal's payload is damaged; expected "
		  "\"ui LENGTH\", \"items ...\" and the minutes");
	return -1;
}


bool payload_pending_has(const char *p, size_t len, unsigned long crc, bool *listed)
{
	*listed = false;
	const char *end = p + len;
	if (len > 11 && !memcmp(p, "correction ", 11)) {
		const char *nl = memchr(p, '\n', len);
		if (!nl)
			return false;
		p = nl + 1;
	}
	if ((size_t)(end - p) < 8 || memcmp(p, "pending", 7) || (p[7] != ' ' && p[7] != '\n'))
		return false;
	*listed = true;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl)
		return false;
	for (const char *q = p + 7; q < nl;) {
		while (q < nl && *q == ' ')
			q++;
		if (q >= nl)
			break;
		char *e;
		unsigned long v = strtoul(q, &e, 16);
		if (e == q)
			break;
		if (v == crc)
			return true;
		q = e;
	}
	return false;
}
