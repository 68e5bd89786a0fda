/*
 * test_outputs: format 2's content in the outputs for other people and
 * programs (the PDF's paragraphs, the CSV of votes, the Akoma Ntoso
 * debate), from minutes built in memory, before the format-2 reader can
 * bring them through the binary: exempt business left out of each, minute
 * numbers, motions with their amendments, outcomes and named voters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes/model/minutes.h"
#include "tui/print/pdf_doc.h"
#include "tui/render/data.h"

#define SECRET "the land's price is 1.2m"

/* Minutes of two items: 9 public, with a minute number, a motion, an
 * amendment and a recorded vote; 10 exempt, with content that must not
 * appear. */
static struct minutes *two_items(void)
{
	struct minutes *m = minutes_new("Planning Committee", "2018-06-12");
	struct minutes_item *it = minutes_add_item(m, "9", "Land at Mill Lane");
	it->minute = 44;
	struct motion *mo = minutes_item_add_motion(it, "That permission be refused.",
						    "Cllr Sam Patel", "Cllr Alex Morgan");
	struct amendment *am = minutes_motion_add_amendment(mo, "That it be deferred.",
							    "Cllr Dombey", NULL);
	am->votes.n_for = 1;
	am->votes.n_against = 2;
	names_add(&am->votes.recorded.voted_for, "Cllr Dombey");
	names_add(&am->votes.recorded.against, "Cllr Alex Morgan");
	names_add(&am->votes.recorded.against, "Cllr Zoë Reid");
	am->outcome = OUTCOME_LOST;
	mo->votes.n_for = 6;
	mo->votes.n_against = 3;
	mo->outcome = OUTCOME_CARRIED;
	record_text_set(&it->decision, "RESOLVED: that permission be refused.");
	struct minutes_item *ex = minutes_add_item(m, "10", "Purchase of land");
	ex->minute = 45;
	record_text_set(&ex->exempt, "Local Government Act 1972, Schedule 12A, paragraph 3");
	record_text_set(&ex->summary, SECRET);
	record_text_set(&ex->decision, "Agreed " SECRET);
	ex->votes_for = 5;
	names_add(&ex->recorded.voted_for, "Cllr Secret Voter");
	minutes_item_add_comment(ex, SECRET, "Cllr Zoë Reid");
	return m;
}

static void test_pdf_doc(void **state)
{
	(void)state;
	struct minutes *m = two_items();
	struct render_origin o = { "0123456789abcdef0123456789abcdef01234567",
				   "2018-06-13T10:00:00+01:00" };
	struct pdf_doc doc;
	pdf_doc_build(&doc, m, NULL, &o);
	struct buf all = BUF_INIT;
	for (size_t i = 0; i < doc.n; i++)
		buf_addf(&all, "%d|%s\n", (int)doc.v[i].style, doc.v[i].text);
	assert_non_null(strstr(all.data, "44. Land at Mill Lane\n"));
	assert_non_null(strstr(all.data, "45. Purchase of land\n"));
	/* The same phrases as the text, Markdown and HTML (render_item_body). */
	assert_non_null(strstr(all.data, "Exempt from publication: Local Government Act 1972, "
			       "Schedule 12A, paragraph 3.\n"));
	assert_non_null(strstr(all.data, "Exempt item: minute not for publication.\n"));
	assert_null(strstr(all.data, SECRET));
	assert_null(strstr(all.data, "Cllr Secret Voter"));
	assert_non_null(strstr(all.data, "The amendment, moved by Cllr Dombey, was put to the "
			       "vote and LOST (1 for, 2 against)."));
	assert_non_null(strstr(all.data, "Against: Cllr Alex Morgan, Cllr Zoë Reid"));
	assert_non_null(strstr(all.data, "The substantive motion, moved by Cllr Patel and "
			       "seconded by Cllr Morgan, was put to the vote and CARRIED "
			       "(6 for, 3 against)."));
	/* Draft: the signature block, then the revision. */
	assert_string_equal(doc.v[doc.n - 2].text,
			    "Signed .............................. Chair      Date ...................");
	assert_non_null(strstr(doc.v[doc.n - 1].text, "Made from revision 0123456789abcdef"));
	assert_string_equal(doc.footer, "Draft minutes, revision 0123456");
	buf_free(&all);
	pdf_doc_free(&doc);
	minutes_free(m);
}

static void test_csv(void **state)
{
	(void)state;
	struct minutes *m = two_items();
	struct buf out = BUF_INIT;
	render_csv_votes_header(&out);
	render_csv_votes("planning-committee/2018-06-12", m, &out);
	const char *want =
		"meeting,date,minute,item,title,vote,for,against,abstained,outcome,voter,voted\r\n"
		"planning-committee/2018-06-12,2018-06-12,44,9,Land at Mill Lane,motion 1 amendment 1,1,2,0,lost,,\r\n"
		"planning-committee/2018-06-12,2018-06-12,44,9,Land at Mill Lane,motion 1 amendment 1,,,,,Cllr Dombey,for\r\n"
		"planning-committee/2018-06-12,2018-06-12,44,9,Land at Mill Lane,motion 1 amendment 1,,,,,Cllr Alex Morgan,against\r\n"
		"planning-committee/2018-06-12,2018-06-12,44,9,Land at Mill Lane,motion 1 amendment 1,,,,,Cllr Zoë Reid,against\r\n"
		"planning-committee/2018-06-12,2018-06-12,44,9,Land at Mill Lane,motion 1,6,3,0,carried,,\r\n";
	assert_string_equal(out.data, want);
	buf_free(&out);
	minutes_free(m);
}

static void test_akn(void **state)
{
	(void)state;
	struct minutes *m = two_items();
	struct render_origin o = { "0123456789abcdef0123456789abcdef01234567",
				   "2018-06-13T10:00:00+01:00" };
	struct buf out = BUF_INIT;
	render_akn("planning-committee/2018-06-12", m, NULL, &o, NULL, &out);
	assert_null(strstr(out.data, SECRET));
	assert_null(strstr(out.data, "Cllr Secret Voter"));
	assert_non_null(strstr(out.data, "<num>10</num>\n        <heading>Purchase of land</heading>\n"
			       "        <subheading>Minute 45</subheading>"));
	assert_non_null(strstr(out.data, "<subheading>Minute 44</subheading>"));
	assert_non_null(strstr(out.data, "outcome=\"#lost\""));
	assert_non_null(strstr(out.data, "outcome=\"#carried\""));
	/* A named voter is a person of the references, referred to. */
	const char *tlc = strstr(out.data, "showAs=\"Cllr Zoë Reid\"");
	assert_non_null(tlc);
	const char *eid = tlc;
	while (eid > out.data && strncmp(eid, "eId=\"", 5))
		eid--;
	char ref[64];
	snprintf(ref, sizeof(ref), "<person refersTo=\"#%.*s\">Cllr Zoë Reid</person>",
		 (int)strcspn(eid + 5, "\""), eid + 5);
	assert_non_null(strstr(out.data, ref));
	assert_non_null(strstr(out.data, "Recorded vote, Against: "));
	buf_free(&out);
	minutes_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_doc),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_akn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
