/*
 * A libFuzzer target for gavel's file loader: any bytes, as any kind of
 * file.  Whatever it is given, loading must end with a model or with
 * problems, never a crash, a hang or unbounded memory; a model that loads
 * must write and load again to the same bytes.
 */
#include "minutes/model/yamlfile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;
	struct yamlfile doc;
	diags_init(&d);
	if (yamlfile_load_mem(&doc, "fuzz.yaml", (const char *)data, size, YAMLFILE_ANY, &d) == YAMLFILE_OK) {
		struct buf once = BUF_INIT, twice = BUF_INIT;
		struct yamlfile again;
		if (doc.minutes)
			minutes_write(doc.minutes, &once);
		else if (doc.agenda)
			agenda_write(doc.agenda, &once);
		else
			committee_write(doc.committee, &once);
		if (yamlfile_load_mem(&again, "again.yaml", once.data, once.len, doc.kind, &d) != YAMLFILE_OK)
			abort();        /* what gavel writes, gavel must read */
		if (again.minutes)
			minutes_write(again.minutes, &twice);
		else if (again.agenda)
			agenda_write(again.agenda, &twice);
		else
			committee_write(again.committee, &twice);
		if (once.len != twice.len || memcmp(once.data, twice.data, once.len))
			abort();        /* the written form is a fixed point */
		yamlfile_free(&again);
		yamlfile_free(&doc);
		buf_free(&once);
		buf_free(&twice);
	}
	diags_free(&d);
	return 0;
}
