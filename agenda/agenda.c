/* agenda: the agenda model, reading agenda.yaml and writing it back. */
#include "agenda/agenda.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct agenda *agenda_new(const char *committee, const char *date)
{
	struct agenda *a = xcalloc(1, sizeof(*a));
	a->version = 1;
	a->committee = committee ? xstrdup(committee) : NULL;
	if (date)
		snprintf(a->date, sizeof(a->date), "%s", date);
	return a;
}

void agenda_item_clear(struct agenda_item *it)
{
	free(it->number);
	free(it->title);
	free(it->purpose);
	free(it->confirms);
	free(it->exempt);
	people_free(&it->presenters);
	documents_free(&it->documents);
}

void agenda_free(struct agenda *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nitems; i++)
		agenda_item_clear(&a->items[i]);
	free(a->items);
	free(a->committee);
	free(a->venue);
	free(a->chair);
	free(a);
}

struct agenda_item *agenda_add_item(struct agenda *a, const char *number,
				    const char *title)
{
	xgrow((void **)&a->items, &a->cap, a->nitems + 1, sizeof(*a->items));
	struct agenda_item *it = &a->items[a->nitems++];
	memset(it, 0, sizeof(*it));
	it->number = number ? xstrdup(number) : NULL;
	it->title = title ? xstrdup(title) : NULL;
	return it;
}

/* ---- reading ---- */

enum { A_FORMAT, A_COMMITTEE, A_DATE, A_START, A_VENUE, A_CHAIR, A_ITEMS };
const char *const agenda_keys[] = {
	"format", "committee", "date", "start", "venue", "chair", "items", NULL,
};

/* In FORMAT.md's order; exempt arrived in format 2. */
enum { I_NUMBER, I_TITLE, I_PURPOSE, I_CONFIRMS, I_EXEMPT, I_PRESENTERS, I_DOCUMENTS };
static const char *const item_keys[] = {
	"number", "title", "purpose", "confirms", "exempt", "presenters", "documents", NULL,
};

static void read_item(struct yr *r, const struct yr_node *n, struct agenda *a)
{
	struct yr_map m;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &m, n, item_keys, "an agenda item"))
		return;
	struct agenda_item *it = agenda_add_item(a, NULL, NULL);
	while ((k = yr_map_next(r, &m, &v)) >= 0) {
		switch (k) {
		case I_NUMBER:
			it->number = yr_text(r, &v, "the item's number (such as \"5\" or \"3a\")", true);
			break;
		case I_TITLE:
			it->title = yr_text(r, &v, "the item's title", true);
			break;
		case I_PURPOSE:
			it->purpose = yr_text(r, &v, "the item's purpose", false);
			break;
		case I_CONFIRMS:
			it->confirms = yr_text(r, &v, "a meeting id (committee/YYYY-MM-DD)", false);
			break;
		case I_EXEMPT:
			if (yr_map_since(r, &m, k, &v, 2))
				it->exempt = yr_text(r, &v, "why the item is exempt from publication", false);
			break;
		case I_PRESENTERS:
			people_read(r, &v, &it->presenters, "presenters");
			break;
		case I_DOCUMENTS:
			documents_read(r, &v, &it->documents);
			break;
		}
	}
	yr_map_require(r, &m, I_NUMBER, "the item's number, such as \"5\"");
	yr_map_require(r, &m, I_TITLE, "the item's title");
}

struct agenda *agenda_read(struct yr *r, struct yr_map *m)
{
	struct agenda *a = agenda_new(NULL, NULL);
	struct yr_node v, e;
	int k;
	while ((k = yr_map_next(r, m, &v)) >= 0) {
		switch (k) {
		case A_FORMAT:
			break;  /* checked by the caller */
		case A_COMMITTEE:
			a->committee = yr_text(r, &v, "the committee's name", true);
			break;
		case A_DATE:
			yr_required_date(r, &v, "the meeting's date", a->date);
			break;
		case A_START:
			yr_time(r, &v, a->start);
			break;
		case A_VENUE:
			a->venue = yr_text(r, &v, "the venue", false);
			break;
		case A_CHAIR:
			a->chair = yr_text(r, &v, "the chair's name", false);
			break;
		case A_ITEMS:
			if (!yr_seq_begin(r, &v, "a list of agenda items"))
				break;
			while (yr_next(r, &e) != YR_END) {
				if (!yr_count_entry(r, &e, "agenda items"))
					break;
				read_item(r, &e, a);
			}
			break;
		}
	}
	yr_map_require(r, m, A_COMMITTEE, "the committee's name");
	yr_map_require(r, m, A_DATE, "the meeting's date, YYYY-MM-DD");
	yr_map_require(r, m, A_ITEMS, "a list of agenda items (items: [] when there are none yet)");
	return a;
}

/* ---- writing ---- */

int agenda_format(const struct agenda *a)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (a->items[i].exempt && *a->items[i].exempt)
			return 2;
	return 1;
}

void agenda_write(const struct agenda *a, struct buf *out)
{
	struct emit e;
	emit_init(&e, out);
	emit_raw(&e, "format", agenda_format(a) >= 2 ? AGENDA_FORMAT_2 : AGENDA_FORMAT);
	emit_text_always(&e, "committee", a->committee);
	emit_raw(&e, "date", a->date);
	emit_quoted(&e, "start", a->start);
	emit_text(&e, "venue", a->venue);
	emit_text(&e, "chair", a->chair);
	if (!a->nitems) {
		emit_empty_list(&e, "items");
		return;
	}
	emit_open(&e, "items");
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		emit_entry(&e);
		emit_quoted(&e, "number", it->number ? it->number : "");
		if (!it->number || !*it->number)
			emit_text_always(&e, "number", "");
		emit_text_always(&e, "title", it->title);
		emit_text(&e, "purpose", it->purpose);
		emit_text(&e, "confirms", it->confirms);
		emit_text(&e, "exempt", it->exempt);
		people_write(&e, "presenters", &it->presenters);
		documents_write(&e, "documents", &it->documents);
		emit_entry_end(&e);
	}
	emit_close(&e);
}
