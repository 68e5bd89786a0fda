/*
 * minutes_read: reading minutes.yaml (formats 1 and 2) into the model.
 *
 * One decoder for both formats: a key that arrived in format 2 is read
 * only from a format-2 file (yr_map_since refuses it elsewhere, naming
 * it).  Problems are reported with file, line and column and reading goes
 * on, so `gavel check` lists them all.  What one key cannot check alone
 * (an item number named elsewhere, a reason without its status, a
 * recorded vote against its counts) is checked once both are read.
 */
#include "minutes/model/minutes.h"
#include "minutes/model/minutes_priv.h"
#include "minutes/format/slug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	M_FORMAT, M_COMMITTEE, M_DATE, M_START, M_END, M_VENUE, M_STATUS,
	M_ATTENDANCE, M_DECLARATIONS, M_ITEMS, M_CONFIRMED,
};
const char *const minutes_keys[] = {
	"format", "committee", "date", "start", "end", "venue", "status",
	"attendance", "declarations", "items", "confirmed", NULL,
};

/* In FORMAT.md's order; those marked 2 are read only from a format-2 file. */
enum {
	I_NUMBER, I_TITLE, I_MINUTE /* 2 */, I_STATUS, I_REASON /* 2 */, I_URGENT,
	I_EXEMPT /* 2 */, I_STARTED, I_ENDED, I_PRESENTERS, I_SUMMARY, I_COMMENTS,
	I_CONFIRMED_MINUTES /* 2 */, I_ACTION_UPDATES /* 2 */, I_MOTIONS /* 2 */,
	I_DECISION, I_VOTES, I_ACTIONS, I_DOCUMENTS,
};
static const char *const item_keys[] = {
	"number", "title", "minute", "status", "reason", "urgent", "exempt",
	"started", "ended", "presenters", "summary", "comments",
	"confirmed_minutes", "action_updates", "motions", "decision", "votes",
	"actions", "documents", NULL,
};
static const bool item_key_2[I_DOCUMENTS + 1] = {
	[I_MINUTE] = true, [I_REASON] = true, [I_EXEMPT] = true,
	[I_CONFIRMED_MINUTES] = true, [I_ACTION_UPDATES] = true, [I_MOTIONS] = true,
};

enum { A_PRESENT, A_APOLOGIES, A_ABSENT /* 2 */, A_IN_ATTENDANCE };
static const char *const attendance_keys[] = {
	"present", "apologies", "absent", "in_attendance", NULL,
};
enum { D_MEMBER, D_ITEM, D_INTEREST, D_KIND /* 2 */, D_LEFT_ROOM /* 2 */ };
static const char *const declaration_keys[] = {
	"member", "item", "interest", "kind", "left_room", NULL,
};
static const char *const comment_keys[] = { "text", "by", NULL };
enum { V_FOR, V_AGAINST, V_ABSTAINED, V_RECORDED /* 2 */ };
static const char *const vote_keys[] = { "for", "against", "abstained", "recorded", NULL };
static const char *const recorded_keys[] = { "for", "against", "abstained", NULL };
enum { AC_ID /* 2 */, AC_TEXT, AC_OWNER, AC_DUE, AC_DONE };
static const char *const action_keys[] = { "id", "text", "owner", "due", "done", NULL };
static const char *const confirmed_keys[] = { "date", "by", NULL };
static const char *const link_keys[] = { "meeting", "blob", NULL };
static const char *const update_keys[] = { "action", "status", "note", NULL };
enum { MO_TEXT, MO_MOVER, MO_SECONDER, MO_AMENDMENTS, MO_VOTES, MO_OUTCOME };
static const char *const motion_keys[] = {
	"text", "mover", "seconder", "amendments", "votes", "outcome", NULL,
};
static const char *const amendment_keys[] = {
	"text", "mover", "seconder", "votes", "outcome", NULL,
};

static const char *const outcome_names[] = { "carried", "lost", "withdrawn", NULL };
static const char *const kind_names[] = {
	"pecuniary", "other-registrable", "non-registrable", NULL,
};
static const char *const update_names[] = { "done", "in-progress", "dropped", NULL };

/* Reads a scalar naming one of `names` (NULL-terminated) into *out;
 * false (reported) when it names none of them. */
static bool read_choice(struct yr *r, const struct yr_node *v,
			const char *const *names, int *out, const char *what)
{
	if (yr_is_null(v))
		return true;    /* optional: null is the default, as left out */
	if (v->type == YR_SCALAR)
		for (int i = 0; names[i]; i++)
			if (strlen(names[i]) == v->len && memcmp(names[i], v->value, v->len) == 0) {
				*out = i;
				return true;
			}
	struct buf b = BUF_INIT;
	buf_addf(&b, "expected %s: ", what);
	for (int i = 0; names[i]; i++)
		buf_addf(&b, "%s%s", i ? " or " : "", names[i]);
	if (v->type == YR_SCALAR) {
		buf_addstr(&b, ", found ");
		yr_quote(&b, v->value, v->len);
	} else {
		buf_addf(&b, ", found %s", yr_describe(v));
	}
	yr_error(r, v, "%s", b.data);
	buf_free(&b);
	yr_skip(r, v);
	return false;
}

/* A list's entry beyond `limit` in one parent (FORMAT.md's Limits):
 * reported once, at the first entry too many. */
static bool within(struct yr *r, const struct yr_node *e, size_t n, size_t limit,
		   const char *what, const char *parent)
{
	if (n < limit)
		return true;
	if (n == limit)
		yr_error(r, e, "too many %s: %s holds at most %zu", what, parent, limit);
	yr_skip(r, e);
	return false;
}

static void read_names(struct yr *r, const struct yr_node *n, struct names *out)
{
	struct yr_node e;
	if (yr_is_null(n) || !yr_seq_begin(r, n, "a list of names"))
		return;
	while (yr_next(r, &e) != YR_END) {
		if (!yr_count_entry(r, &e, "names in recorded votes"))
			break;
		char *name = yr_text(r, &e, "a member's name", true);
		if (name)
			names_add(out, name);
		free(name);
	}
}

static void read_recorded(struct yr *r, const struct yr_node *n, struct recorded_vote *rec)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (yr_is_null(n) || !yr_map_begin(r, &map, n, recorded_keys,
					   "a recorded vote (for, against, abstained: lists of names)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0)
		read_names(r, &v, k == 0 ? &rec->voted_for : k == 1 ? &rec->against : &rec->abstained);
}

/* votes: three counts and, in format 2, who voted each way. */
static void read_votes(struct yr *r, const struct yr_node *n, unsigned count[3],
		       struct recorded_vote *rec)
{
	struct yr_map map;
	struct yr_node v, at[3];
	int k;
	if (yr_is_null(n) || !yr_map_begin(r, &map, n, vote_keys,
					   "the votes (for, against, abstained)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		if (k == V_RECORDED) {
			if (yr_map_since(r, &map, k, &v, 2))
				read_recorded(r, &v, rec);
			continue;
		}
		at[k] = v;
		if (!yr_is_null(&v))    /* null: none, as left out */
			yr_count(r, &v, &count[k]);
	}
	if (!yr_map_has(&map, V_RECORDED))
		return;
	const struct names *lists[3] = { &rec->voted_for, &rec->against, &rec->abstained };
	for (int i = 0; i < 3; i++) {
		if (count[i] == lists[i]->n)
			continue;
		struct yr_node where = { .line = map.line, .col = map.col };
		if (yr_map_has(&map, i))
			where = at[i];
		yr_error(r, &where, "the votes %s are %u but the recorded vote names %zu; "
			 "expected the count to equal the names recorded", vote_keys[i],
			 count[i], lists[i]->n);
	}
}

static void read_attendance(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, attendance_keys,
			  yr_format_version(r) >= 2
			  ? "the attendance (present, apologies, absent, in_attendance)"
			  : "the attendance (present, apologies, in_attendance)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		switch (k) {
		case A_PRESENT: people_read_attendance(r, &v, &m->present); break;
		case A_APOLOGIES: people_read(r, &v, &m->apologies, "attendees"); break;
		case A_ABSENT:
			if (yr_map_since(r, &map, k, &v, 2))
				people_read(r, &v, &m->absent, "attendees");
			break;
		case A_IN_ATTENDANCE: people_read_attendance(r, &v, &m->in_attendance); break;
		}
	}
}

static void read_declarations(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of declarations of interest"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "declarations"))
			break;
		if (!yr_map_begin(r, &map, &e, declaration_keys,
				  yr_format_version(r) >= 2
				  ? "a declaration (member, item, interest, kind, left_room)"
				  : "a declaration (member, item, interest)"))
			continue;
		struct declaration *d = minutes_add_declaration(m, NULL, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			if (k >= D_KIND && !yr_map_since(r, &map, k, &v, 2))
				continue;
			switch (k) {
			case D_MEMBER:
				d->member = yr_text(r, &v, "the member's name", true);
				break;
			case D_ITEM:
				d->item = yr_text(r, &v, "an item number (such as \"5\")", false);
				if (d->item && yr_format_version(r) >= 2)
					yr_note_item_ref(r, &v, "item", d->item);
				break;
			case D_INTEREST:
				d->interest = yr_text(r, &v, "the interest declared", true);
				break;
			case D_KIND: {
				int kind = -1;
				read_choice(r, &v, kind_names, &kind, "the kind of interest");
				d->kind = kind < 0 ? DECL_UNSAID : (enum declaration_kind)(kind + 1);
				break;
			}
			case D_LEFT_ROOM:
				if (!yr_is_null(&v))
					yr_bool(r, &v, &d->left_room);
				break;
			}
		}
		yr_map_require(r, &map, D_MEMBER, "the name of the member who declared it");
		yr_map_require(r, &map, D_INTEREST, "the interest declared");
	}
}

static void read_comments(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of comments"))
		return;
	while (yr_next(r, &e) != YR_END) {
		if (!yr_count_entry(r, &e, "comments"))
			break;
		if (e.type == YR_SCALAR) {
			struct comment *c = minutes_item_add_comment(it, NULL, NULL);
			c->text = yr_text(r, &e, "a comment", true);
			continue;
		}
		struct yr_map map;
		int k;
		if (!yr_map_begin(r, &map, &e, comment_keys, "a comment (text, or a mapping with text and by)"))
			continue;
		struct comment *c = minutes_item_add_comment(it, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			if (k == 0)
				c->text = yr_text(r, &v, "the comment's text", true);
			else
				c->by = yr_text(r, &v, "who made the comment", false);
		}
		yr_map_require(r, &map, 0, "the comment's text");
	}
}

/* An action's id, "<meeting folder>/<n>": the folder a date, perhaps
 * with "-2" for a second meeting that day, and n a whole number from 1. */
static char *read_action_id(struct yr *r, const struct yr_node *v, bool required)
{
	static const char what[] = "an action id: the meeting's folder and a count "
				   "from 1 (such as 2018-06-12/1)";
	char *id = yr_text(r, v, what, required);
	if (!id)
		return NULL;
	const char *slash = strchr(id, '/');
	bool ok = slash && slug_meeting_folder_valid(id, (size_t)(slash - id)) &&
		  slash[1] >= '1' && slash[1] <= '9' && strlen(slash + 1) <= 7 &&
		  strspn(slash + 1, "0123456789") == strlen(slash + 1);
	if (!ok) {
		struct buf b = BUF_INIT;
		yr_quote(&b, id, strlen(id));
		yr_error(r, v, "expected %s, found %s", what, b.data);
		buf_free(&b);
		free(id);
		return NULL;
	}
	return id;
}

static void read_actions(struct yr *r, const struct yr_node *n, struct minutes_item *it,
			 struct ids *seen)
{
	struct yr_node e, v;
	if (!yr_seq_begin(r, n, "a list of actions"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "actions"))
			break;
		if (!yr_map_begin(r, &map, &e, action_keys,
				  yr_format_version(r) >= 2 ? "an action (id, text, owner, due, done)"
				  : "an action (text, owner, due, done)"))
			continue;
		struct action *a = minutes_item_add_action(it, NULL, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			switch (k) {
			case AC_ID:
				if (!yr_map_since(r, &map, k, &v, 2))
					break;
				a->id = read_action_id(r, &v, false);
				if (a->id)
					ids_check(r, seen, &v, a->id);
				break;
			case AC_TEXT: a->text = yr_text(r, &v, "what is to be done", true); break;
			case AC_OWNER: a->owner = yr_text(r, &v, "who is to do it", false); break;
			case AC_DUE: yr_date(r, &v, a->due); break;
			case AC_DONE: yr_date(r, &v, a->done); break;
			}
		}
		yr_map_require(r, &map, AC_TEXT, "what is to be done (text)");
	}
}

static void read_updates(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_node e, v;
	if (yr_is_null(n) || !yr_seq_begin(r, n, "a list of action updates"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "action updates"))
			break;
		if (!yr_map_begin(r, &map, &e, update_keys, "an action update (action, status, note)"))
			continue;
		struct action_update *u = minutes_item_add_update(it, NULL, UPDATE_DONE, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			if (k == 0) {
				u->action = read_action_id(r, &v, true);
			} else if (k == 1) {
				int s = -1;
				if (yr_is_null(&v))
					yr_error(r, &v, "expected the action's status: done or "
						 "in-progress or dropped, found nothing");
				else
					read_choice(r, &v, update_names, &s, "the action's status");
				u->status = s < 0 ? UPDATE_DONE : (enum update_status)s;
			} else {
				u->note = yr_text(r, &v, "a note on the action's progress", false);
			}
		}
		yr_map_require(r, &map, 0, "the id of the action (such as 2018-05-15/2)");
		yr_map_require(r, &map, 1, "the action's status (done, in-progress or dropped)");
	}
}

/* A motion's or an amendment's outcome. */
static void read_outcome(struct yr *r, const struct yr_node *v, enum outcome *out)
{
	int o = -1;
	read_choice(r, v, outcome_names, &o, "the outcome");
	*out = o < 0 ? OUTCOME_UNSAID : (enum outcome)(o + 1);
}

static void read_amendments(struct yr *r, const struct yr_node *n, struct motion *mo)
{
	struct yr_node e, v;
	if (yr_is_null(n) || !yr_seq_begin(r, n, "a list of amendments"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "amendments"))
			break;
		if (!within(r, &e, mo->namendments, MINUTES_MAX_AMENDMENTS, "amendments", "a motion"))
			continue;
		if (!yr_map_begin(r, &map, &e, amendment_keys,
				  "an amendment (text, mover, seconder, votes, outcome)"))
			continue;
		struct amendment *a = minutes_motion_add_amendment(mo, NULL, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			switch (k) {
			case 0: a->text = yr_text(r, &v, "the amendment's text", true); break;
			case 1: a->mover = yr_text(r, &v, "who moved it", false); break;
			case 2: a->seconder = yr_text(r, &v, "who seconded it", false); break;
			case 3: {
				unsigned c[3] = { 0, 0, 0 };
				read_votes(r, &v, c, &a->votes.recorded);
				a->votes.n_for = c[0];
				a->votes.n_against = c[1];
				a->votes.n_abstained = c[2];
				break;
			}
			case 4: read_outcome(r, &v, &a->outcome); break;
			}
		}
		yr_map_require(r, &map, 0, "the amendment's text");
	}
}

static void read_motions(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_node e, v;
	if (yr_is_null(n) || !yr_seq_begin(r, n, "a list of motions"))
		return;
	while (yr_next(r, &e) != YR_END) {
		struct yr_map map;
		int k;
		if (!yr_count_entry(r, &e, "motions"))
			break;
		if (!within(r, &e, it->nmotions, MINUTES_MAX_MOTIONS, "motions", "an item"))
			continue;
		if (!yr_map_begin(r, &map, &e, motion_keys,
				  "a motion (text, mover, seconder, amendments, votes, outcome)"))
			continue;
		struct motion *mo = minutes_item_add_motion(it, NULL, NULL, NULL);
		while ((k = yr_map_next(r, &map, &v)) >= 0) {
			switch (k) {
			case MO_TEXT: mo->text = yr_text(r, &v, "the motion's text", true); break;
			case MO_MOVER: mo->mover = yr_text(r, &v, "who moved it", false); break;
			case MO_SECONDER: mo->seconder = yr_text(r, &v, "who seconded it", false); break;
			case MO_AMENDMENTS: read_amendments(r, &v, mo); break;
			case MO_VOTES: {
				unsigned c[3] = { 0, 0, 0 };
				read_votes(r, &v, c, &mo->votes.recorded);
				mo->votes.n_for = c[0];
				mo->votes.n_against = c[1];
				mo->votes.n_abstained = c[2];
				break;
			}
			case MO_OUTCOME: read_outcome(r, &v, &mo->outcome); break;
			}
		}
		yr_map_require(r, &map, MO_TEXT, "the motion's text");
	}
}

/* confirmed_minutes (format 2): a meeting id and a 40-hex blob id. */
static void read_link(struct yr *r, const struct yr_node *n, struct minutes_item *it)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, link_keys, "the confirmed minutes (meeting and blob)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		if (k == 0) {
			char *id = yr_text(r, &v, "the confirmed meeting's id (committee/YYYY-MM-DD)", true);
			if (id && !slug_meeting_id_valid(id)) {
				struct buf b = BUF_INIT;
				yr_quote(&b, id, strlen(id));
				yr_error(r, &v, "expected the confirmed meeting's id "
					 "(committee/YYYY-MM-DD), found %s", b.data);
				buf_free(&b);
				free(id);
				id = NULL;
			}
			free(it->confirmed_meeting);
			it->confirmed_meeting = id;
			continue;
		}
		char *blob = yr_text(r, &v, "the git blob id of its minutes.yaml (40 hex digits)", true);
		if (blob && (strlen(blob) != 40 || strspn(blob, "0123456789abcdef") != 40)) {
			struct buf b = BUF_INIT;
			yr_quote(&b, blob, strlen(blob));
			yr_error(r, &v, "expected the git blob id of its minutes.yaml (40 "
				 "lower-case hex digits), found %s", b.data);
			buf_free(&b);
		} else if (blob) {
			memcpy(it->confirmed_blob, blob, 41);
		}
		free(blob);
	}
	yr_map_require(r, &map, 0, "the confirmed meeting's id (committee/YYYY-MM-DD)");
	yr_map_require(r, &map, 1, "the git blob id of its minutes.yaml as confirmed");
}

static void read_item(struct yr *r, const struct yr_node *n, struct minutes *m,
		      struct ids *action_ids)
{
	static const char *const statuses[] = { "taken", "withdrawn", "deferred", NULL };
	struct yr_map map;
	struct yr_node v, reason_at = { 0 }, minute_at = { 0 };
	int k;
	if (!yr_map_begin(r, &map, n, item_keys, "an item"))
		return;
	struct minutes_item *it = minutes_add_item(m, NULL, NULL);
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		if (item_key_2[k] && !yr_map_since(r, &map, k, &v, 2))
			continue;
		switch (k) {
		case I_NUMBER:
			it->number = yr_text(r, &v, "the item's number (such as \"5\" or \"3a\")", true);
			break;
		case I_TITLE:
			it->title = yr_text(r, &v, "the item's title", true);
			break;
		case I_MINUTE:
			minute_at = v;
			if (yr_is_null(&v))
				break;
			if (yr_count(r, &v, &it->minute) && it->minute == 0)
				yr_error(r, &v, "expected a minute number: a whole number from 1, found 0");
			break;
		case I_STATUS: {
			int s = ITEM_TAKEN;
			read_choice(r, &v, statuses, &s, "the item's status");
			it->status = (enum item_status)s;
			break;
		}
		case I_REASON:
			reason_at = v;
			it->reason = yr_text(r, &v, "why the item was withdrawn or deferred", false);
			break;
		case I_URGENT:
			if (!yr_is_null(&v))
				yr_bool(r, &v, &it->urgent);
			break;
		case I_EXEMPT:
			it->exempt = yr_text(r, &v, "why the item is exempt from publication", false);
			break;
		case I_STARTED:
			yr_time(r, &v, it->started);
			break;
		case I_ENDED:
			yr_time(r, &v, it->ended);
			break;
		case I_PRESENTERS:
			people_read(r, &v, &it->presenters, "presenters");
			break;
		case I_SUMMARY:
			it->summary = yr_text(r, &v, "the summary", false);
			break;
		case I_COMMENTS:
			read_comments(r, &v, it);
			break;
		case I_CONFIRMED_MINUTES:
			if (!yr_is_null(&v))
				read_link(r, &v, it);
			break;
		case I_ACTION_UPDATES:
			read_updates(r, &v, it);
			break;
		case I_MOTIONS:
			read_motions(r, &v, it);
			break;
		case I_DECISION:
			it->decision = yr_text(r, &v, "the decision", false);
			break;
		case I_VOTES: {
			unsigned c[3] = { 0, 0, 0 };
			read_votes(r, &v, c, &it->recorded);
			it->votes_for = c[0];
			it->votes_against = c[1];
			it->votes_abstained = c[2];
			break;
		}
		case I_ACTIONS:
			read_actions(r, &v, it, action_ids);
			break;
		case I_DOCUMENTS:
			documents_read(r, &v, &it->documents);
			break;
		}
	}
	yr_map_require(r, &map, I_NUMBER, "the item's number, such as \"5\"");
	yr_map_require(r, &map, I_TITLE, "the item's title");
	if (it->reason && it->status == ITEM_TAKEN)
		yr_error(r, &reason_at, "a 'reason' belongs only to an item with status: "
			 "withdrawn or deferred (this one is taken)");
	if (it->minute && it->status != ITEM_TAKEN)
		yr_error(r, &minute_at, "a withdrawn or deferred item has no minute "
			 "number (this one is %s)", minutes_item_status_name(it->status));
}

static void read_confirmed(struct yr *r, const struct yr_node *n, struct minutes *m)
{
	struct yr_map map;
	struct yr_node v;
	int k;
	if (!yr_map_begin(r, &map, n, confirmed_keys, "the confirmation (date and by)"))
		return;
	while ((k = yr_map_next(r, &map, &v)) >= 0) {
		if (k == 0)
			yr_required_date(r, &v, "the date of the meeting that confirmed them",
					 m->confirmed_date);
		else
			m->confirmed_by = yr_text(r, &v, "who signed the minutes", true);
	}
	yr_map_require(r, &map, 0, "the date of the meeting that confirmed them");
	yr_map_require(r, &map, 1, "who signed them as a correct record");
}

/* Item numbers named outside the items must name one of them. */
static void check_item_refs(struct yr *r, const struct minutes *m)
{
	const struct yr_ref *refs;
	size_t n = yr_item_refs(r, &refs);
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t j = 0; j < m->nitems && !found; j++)
			found = m->items[j]->number && strcmp(m->items[j]->number, refs[i].number) == 0;
		if (found)
			continue;
		struct buf b = BUF_INIT;
		yr_quote(&b, refs[i].number, strlen(refs[i].number));
		struct yr_node at = { .line = refs[i].line, .col = refs[i].col };
		yr_error(r, &at, "'%s' names item %s, which these minutes do not have; "
			 "expected the number of one of their items", refs[i].key, b.data);
		buf_free(&b);
	}
}

struct minutes *minutes_read(struct yr *r, struct yr_map *map)
{
	static const char *const statuses[] = { "draft", "confirmed", NULL };
	struct minutes *m = minutes_new(NULL, NULL);
	struct yr_node v, e, confirmed_at = { 0 };
	struct ids action_ids = { 0 };
	int k;
	while ((k = yr_map_next(r, map, &v)) >= 0) {
		switch (k) {
		case M_FORMAT:
			break;  /* checked by the caller */
		case M_COMMITTEE:
			m->committee = yr_text(r, &v, "the committee's name", true);
			break;
		case M_DATE:
			yr_required_date(r, &v, "the meeting's date", m->date);
			break;
		case M_START:
			yr_time(r, &v, m->start);
			break;
		case M_END:
			yr_time(r, &v, m->end);
			break;
		case M_VENUE:
			m->venue = yr_text(r, &v, "the venue", false);
			break;
		case M_STATUS: {
			int s = MINUTES_DRAFT;
			read_choice(r, &v, statuses, &s, "the minutes' status");
			m->status = (enum minutes_status)s;
			break;
		}
		case M_ATTENDANCE:
			if (!yr_is_null(&v))
				read_attendance(r, &v, m);
			break;
		case M_DECLARATIONS:
			read_declarations(r, &v, m);
			break;
		case M_ITEMS:
			if (!yr_seq_begin(r, &v, "a list of items"))
				break;
			while (yr_next(r, &e) != YR_END) {
				if (!yr_count_entry(r, &e, "items"))
					break;
				read_item(r, &e, m, &action_ids);
			}
			break;
		case M_CONFIRMED:
			confirmed_at = v;
			read_confirmed(r, &v, m);
			break;
		}
	}
	ids_free(&action_ids);
	yr_map_require(r, map, M_COMMITTEE, "the committee's name");
	yr_map_require(r, map, M_DATE, "the meeting's date, YYYY-MM-DD");
	yr_map_require(r, map, M_ITEMS, "a list of items (items: [] when there are none yet)");
	if (yr_map_has(map, M_CONFIRMED) && m->status != MINUTES_CONFIRMED)
		yr_error(r, &confirmed_at, "a 'confirmed' block belongs only to minutes "
			 "with status: confirmed (these are draft)");
	if (m->status == MINUTES_CONFIRMED && !yr_map_has(map, M_CONFIRMED) && !yr_stopped(r)) {
		struct yr_node at = { .line = map->line, .col = map->col };
		yr_error(r, &at, "missing key 'confirmed' (date and by) for minutes with status: confirmed");
	}
	if (!yr_stopped(r))
		check_item_refs(r, m);
	return m;
}
