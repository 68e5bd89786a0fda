/*
 * The torture test's script (the keys of a whole meeting, built once) and
 * its model of what was typed: when each byte of each field was sent, and
 * which comments, decisions, item changes and the end gavel has handled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/torture/torture.h"

/* The demo's items 1-5; phrases as the clerk's screen lists them (the
 * committee's, after the confirmation for item 2). */
static const struct item_script script[MAX_ITEMS] = {
	{ "The Chair welcomed members and officers to the meeting.",
	  { "Apologies were received from Cllr Sam Patel.",
	    "Cllr Jo Reid declared an interest as a trustee of a café charity.",
	    "No other interests were declared." },
	  '1', "Members noted the presentation." },
	{ "The minutes of 17 January 2018 were presented for approval.",
	  { "Members asked that the action on good practice be carried forward.",
	    "The clerk confirmed the correction to page 3 – the date of the visit.",
	    "There were no matters arising." },
	  '1', "RESOLVED: that the minutes of the meeting held on 17 January 2018 "
	       "be confirmed as a correct record." },
	{ "Officers of the Ministry presented the green paper and its pilots.",
	  { "Peter Fenn: The consultation closes on 5 June; responses are welcome.",
	    "Penny Hobman: Funding of £50 million is set aside for the pilots.",
	    "Members asked how the success of the pilots would be measured." },
	  '3', "RESOLVED: that the recommendations be approved." },
	{ "Rebecca Cox introduced the report on loneliness among older residents.",
	  { "Rebecca Cox: Half of those surveyed had no visitor in a typical week.",
	    "Members praised the befriending schemes run by Zoë Ní Bhriain.",
	    "Officers will report back on the role of libraries." },
	  '2', "Members noted the report." },
	{ "The Board considered its work programme for the coming year.",
	  { "Members asked for a session on integration in rural areas.",
	    "The Chair asked that housing be added for the autumn.",
	    "Officers agreed to circulate a revised programme." },
	  '4', "Members agreed the work programme." },
};

int nitems = MAX_ITEMS;

const char *target(int i, int f)
{
	if (f == 0)
		return script[i].summary;
	if (f <= NC)
		return script[i].comments[f - 1];
	return script[i].decision;
}

const char *field_name(int f, char *buf, size_t n)
{
	if (f == 0)
		snprintf(buf, n, "summary");
	else if (f <= NC)
		snprintf(buf, n, "comment %d", f);
	else
		snprintf(buf, n, "decision");
	return buf;
}

static const char *const act_names[] = {
	"attendance Enter", "opening ^N", "a character", "Tab after the summary",
	"Enter after the comment", "Tab to the decision", "the phrase's digit",
	"^N", "Esc", "E", "q",
};

struct step *steps;
size_t nsteps;

static void step_add(enum act a, int i, int f, size_t off, size_t len)
{
	static size_t cap;
	if (nsteps == cap) {
		cap = cap ? 2 * cap : 1024;
		steps = xrealloc(steps, cap * sizeof(*steps));
	}
	steps[nsteps++] = (struct step){ a, i, f, off, len };
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void chars_add(int i, int f)
{
	const char *t = target(i, f);
	for (size_t off = 0; t[off];) {
		size_t l = utf8_len((unsigned char)t[off]);
		step_add(A_CHAR, i, f, off, l);
		off += l;
	}
}

void script_build(void)
{
	step_add(A_BEGIN_ENTER, 0, 0, 0, 0);
	step_add(A_BEGIN_NEXT, 0, 0, 0, 0);
	for (int i = 0; i < nitems; i++) {
		chars_add(i, 0);
		step_add(A_SUMMARY_TAB, i, 0, 0, 0);
		for (int f = 1; f <= NC; f++) {
			chars_add(i, f);
			step_add(A_COMMENT_ENTER, i, f, 0, 0);
		}
		step_add(A_DECISION_TAB, i, NC + 1, 0, 0);
		step_add(A_PHRASE, i, NC + 1, 0, 0);
		if (i + 1 < nitems)
			step_add(A_NEXT_ITEM, i, 0, 0, 0);
	}
	step_add(A_HUB, nitems - 1, 0, 0, 0);
	step_add(A_END, nitems - 1, 0, 0, 0);
	step_add(A_QUIT, nitems - 1, 0, 0, 0);
}

/* The step of `act` for item i, field f (and `off` for A_CHAR). */
size_t step_find(enum act a, int i, int f, size_t off)
{
	for (size_t k = 0; k < nsteps; k++)
		if (steps[k].act == a && steps[k].item == i &&
		    (a == A_NEXT_ITEM || a == A_HUB || a == A_END || a == A_QUIT ||
		     steps[k].field == f) &&
		    (a != A_CHAR || steps[k].off == off))
			return k;
	fprintf(stderr, "torture: no step %d for item %d field %d offset %zu\n", (int)a, i, f,
		off);
	exit(2);
}

const char *step_bytes(const struct step *s, size_t *len)
{
	static char digit[2];
	*len = 1;
	switch (s->act) {
	case A_BEGIN_ENTER: return "\r";
	case A_BEGIN_NEXT: return "\016";
	case A_CHAR:
		*len = s->len;
		return target(s->item, s->field) + s->off;
	case A_SUMMARY_TAB: return "\t";
	case A_COMMENT_ENTER: return "\r";
	case A_DECISION_TAB: return "\t";
	case A_PHRASE:
		digit[0] = script[s->item].key;
		return digit;
	case A_NEXT_ITEM: return "\016";
	case A_HUB: return "\033";
	case A_END: return "E";
	case A_QUIT: return "q";
	}
	return "";
}

void step_describe(size_t k, char *out, size_t n)
{
	if (k >= nsteps) {
		snprintf(out, n, "the end");
		return;
	}
	const struct step *s = &steps[k];
	char f[32];
	if (s->act == A_CHAR)
		snprintf(out, n, "step %zu: item %d %s, byte %zu ('%.*s')", k, s->item + 1,
			 field_name(s->field, f, sizeof(f)), s->off, (int)s->len,
			 target(s->item, s->field) + s->off);
	else
		snprintf(out, n, "step %zu: item %d, %s", k, s->item + 1, act_names[s->act]);
}

/* ---- the model of what was typed ---- */

struct fmodel model[MAX_ITEMS][NF];
bool item_entered[MAX_ITEMS];    /* ^N into it handled */
double item_entered_at[MAX_ITEMS];
bool item_left[MAX_ITEMS];       /* ^N from it to the next handled */
bool end_done;                   /* E handled */
double end_done_at;

void model_reset(void)
{
	memset(model, 0, sizeof(model));
	memset(item_entered, 0, sizeof(item_entered));
	memset(item_left, 0, sizeof(item_left));
	end_done = false;
}

/* The model learns that step k was typed (at `when`) ... */
void model_sent(size_t k, double when)
{
	const struct step *s = &steps[k];
	struct fmodel *m = &model[s->item][s->field];
	if (s->act == A_CHAR) {
		for (size_t b = s->off; b < s->off + s->len && b < MAX_TEXT; b++)
			m->t[b] = when;
		if (m->sent < s->off + s->len)
			m->sent = s->off + s->len;
	} else if (s->act == A_PHRASE) {
		size_t n = strlen(target(s->item, s->field));
		for (size_t b = 0; b < n && b < MAX_TEXT; b++)
			m->t[b] = when;
		m->sent = n;
	}
}

/* ... and that gavel handled it. */
void model_done(size_t k, double when)
{
	const struct step *s = &steps[k];
	switch (s->act) {
	case A_COMMENT_ENTER:
	case A_PHRASE:
		model[s->item][s->field].stored = true;
		model[s->item][s->field].stored_at = when;
		break;
	case A_BEGIN_NEXT:
		item_entered[0] = true;
		item_entered_at[0] = when;
		break;
	case A_NEXT_ITEM:
		item_left[s->item] = true;
		item_entered[s->item + 1] = true;
		item_entered_at[s->item + 1] = when;
		break;
	case A_END:
		end_done = true;
		end_done_at = when;
		break;
	default:
		break;
	}
}
