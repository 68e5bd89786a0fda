/* form_arising: the open actions under matters arising (form_arising.h). */
#include "tui/edit/form_arising.h"

#include "minutes/format/slug.h"
#include "minutes/git/meeting.h"
#include "minutes/search/registers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool arising_title(const char *title)
{
	static const char word[] = "matters arising";
	if (!title)
		return false;
	while (*title == ' ')
		title++;
	return !strncasecmp(title, word, sizeof(word) - 1) &&
	       (!title[sizeof(word) - 1] || !strcasecmp(title + sizeof(word) - 1,
							 " from the minutes"));
}

/* Whether meeting `other` is one of the same committee's before meeting
 * `ctx` (then its minutes matter to the list). */
static bool earlier(const char *other, const void *ctx)
{
	const char *id = ctx;
	const char *slash = strchr(id, '/');
	size_t n = (size_t)(slash - id) + 1;
	return !strncmp(other, id, n) && strcmp(other, id) < 0;
}

/* The open actions of the committee's meetings before meeting `id`:
 * from the registers when the search index is up to date with HEAD (one
 * query, however many meetings), else by reading every earlier meeting. */
static int load(struct archive *a, const char *id, struct open_action **out, size_t *n,
		struct diags *d)
{
	*out = NULL;
	*n = 0;
	if (!strchr(id, '/'))
		return 0;
	struct search *s = NULL;
	if (search_open_current(&s, a, earlier, id)) {
		struct diags quiet;
		diags_init(&quiet);
		int rc = registers_open_actions(s, id, out, n, &quiet);
		diags_free(&quiet);
		search_close(s);
		if (rc == 0)
			return 0;
	}
	const char *slash = strchr(id, '/');
	if (!slash)
		return 0;
	char *slug = xstrndup(id, (size_t)(slash - id));
	const char *folder = slash + 1;
	struct archive_entry *es = NULL;
	size_t nes = 0;
	int rc = archive_list(a, NULL, slug, &es, &nes, d);
	struct open_actions_meeting *ms = calloc(nes ? nes : 1, sizeof(*ms));
	char **folders = calloc(nes ? nes : 1, sizeof(*folders));
	struct minutes **mins = calloc(nes ? nes : 1, sizeof(*mins));
	if (!ms || !folders || !mins)
		abort();
	size_t nm = 0;
	for (size_t i = 0; rc == 0 && i < nes; i++) {
		const char *name = es[i].name;
		if (!es[i].is_dir || !slug_meeting_folder_valid(name, strlen(name)) ||
		    strcmp(name, folder) >= 0)
			continue;
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s/%s", slug, name);
		struct minutes *m = NULL;
		struct diags quiet;
		diags_init(&quiet);
		if (meeting_load(a, b.data, NULL, &m, NULL, &quiet) == 0 && m) {
			folders[nm] = xstrdup(name);
			mins[nm] = m;
			ms[nm].folder = folders[nm];
			ms[nm++].m = m;
		} else {
			minutes_free(m);
		}
		diags_free(&quiet);
		buf_free(&b);
	}
	if (rc == 0)
		open_actions_of(ms, nm, out, n);
	for (size_t i = 0; i < nm; i++) {
		minutes_free(mins[i]);
		free(folders[i]);
	}
	free(ms);
	free(mins);
	free(folders);
	archive_entries_free(es, nes);
	free(slug);
	return rc;
}

struct arising *arising_open(struct form *f)
{
	if (f->view != FORM_ITEM || !form_item(f)) {
		form_say(f, true, "open an item first (matters arising)");
		return NULL;
	}
	struct arising *ar = calloc(1, sizeof(*ar));
	if (!ar)
		abort();
	ar->f = f;
	ar->item = f->item;
	struct diags d;
	diags_init(&d);
	if (load(session_archive(f->s), session_id(f->s), &ar->v, &ar->n, &d) < 0) {
		char *msg = d.n ? diag_format(&d.v[d.n - 1]) : NULL;
		form_say(f, true, "the earlier meetings cannot be read: %s",
			 msg ? msg : "unknown error");
		free(msg);
		diags_free(&d);
		free(ar);
		return NULL;
	}
	diags_free(&d);
	if (!ar->n)
		form_say(f, false, "no open actions from earlier meetings");
	return ar;
}

void arising_close(struct arising *ar)
{
	if (!ar)
		return;
	if (ar->note)
		arising_note_store(ar);
	open_actions_free(ar->v, ar->n);
	free(ar);
}

/* This meeting's update of action `id`: its item and place. */
static struct action_update *find(const struct arising *ar, const char *id,
				  struct minutes_item **it_out, size_t *k_out)
{
	const struct minutes *m = ar->f->m;
	for (size_t i = 0; i < m->nitems; i++) {
		struct minutes_item *it = m->items[i];
		for (size_t k = 0; k < it->nupdates; k++) {
			if (it->updates[k].action && !strcmp(it->updates[k].action, id)) {
				if (it_out)
					*it_out = it;
				if (k_out)
					*k_out = k;
				return &it->updates[k];
			}
		}
	}
	return NULL;
}

const struct action_update *arising_update(const struct arising *ar, size_t i)
{
	return i < ar->n ? find(ar, ar->v[i].id, NULL, NULL) : NULL;
}

static struct minutes_item *home(const struct arising *ar)
{
	return ar->item < ar->f->m->nitems ? ar->f->m->items[ar->item] : NULL;
}

/* Sets the selected action's update to `st`; its item, or NULL. */
static struct minutes_item *set(struct arising *ar, enum update_status st)
{
	if (ar->sel >= ar->n || form_refuse_read_only(ar->f))
		return NULL;
	struct minutes_item *it = NULL;
	struct action_update *u = find(ar, ar->v[ar->sel].id, &it, NULL);
	if (u) {
		u->status = st;
		return it;
	}
	it = home(ar);
	if (it)
		minutes_item_add_update(it, ar->v[ar->sel].id, st, NULL);
	return it;
}

void arising_mark(struct arising *ar, enum update_status st)
{
	struct minutes_item *it = set(ar, st);
	if (!it)
		return;
	const char *id = ar->v[ar->sel].id;
	form_changed(ar->f, it, "action %s %s", id, minutes_update_status_name(st));
	form_commit(ar->f);
	if (st == UPDATE_IN_PROGRESS) {
		arising_note_begin(ar);
		return;
	}
	form_say(ar->f, false, "action %s: %s", id, minutes_update_status_name(st));
	if (ar->sel + 1 < ar->n)
		ar->sel++;
}

void arising_clear(struct arising *ar)
{
	if (ar->sel >= ar->n || form_refuse_read_only(ar->f))
		return;
	struct minutes_item *it;
	size_t k;
	const char *id = ar->v[ar->sel].id;
	if (!find(ar, id, &it, &k))
		return;
	minutes_item_remove_update(it, k);
	form_changed(ar->f, it, "action %s: update taken back", id);
	form_commit(ar->f);
	form_say(ar->f, false, "action %s: nothing recorded at this meeting", id);
}

void arising_note_begin(struct arising *ar)
{
	if (ar->sel >= ar->n || form_refuse_read_only(ar->f))
		return;
	const struct action_update *u = arising_update(ar, ar->sel);
	if (!u) {
		arising_mark(ar, UPDATE_IN_PROGRESS);
		return;
	}
	field_delete(ar->note);
	ar->note = field_new(0);
	if (u->note)
		field_set_text(ar->note, u->note, strlen(u->note));
	form_say(ar->f, false, "the note on action %s (Enter stores it)", ar->v[ar->sel].id);
}

void arising_note_store(struct arising *ar)
{
	if (!ar->note)
		return;
	size_t len;
	const char *t = field_text(ar->note, &len);
	char *text = xstrndup(t, len);
	field_delete(ar->note);
	ar->note = NULL;
	struct minutes_item *it;
	struct action_update *u = ar->sel < ar->n ? find(ar, ar->v[ar->sel].id, &it, NULL)
						  : NULL;
	if (u && strcmp(u->note ? u->note : "", text)) {
		free(u->note);
		u->note = *text ? xstrdup(text) : NULL;
		form_changed(ar->f, it, "action %s: note", ar->v[ar->sel].id);
		form_commit(ar->f);
	}
	free(text);
	if (ar->sel + 1 < ar->n)
		ar->sel++;
}
