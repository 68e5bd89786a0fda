/* action_id: an action's stable id (action_id.h). */
#include "minutes/model/action_id.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void minutes_action_id_assign(struct minutes *m, struct action *ac, const char *folder)
{
	if (!ac || (ac->id && *ac->id) || !folder || !*folder)
		return;
	size_t flen = strlen(folder);
	unsigned long max = 0;
	for (size_t i = 0; i < m->nitems; i++) {
		const struct minutes_item *it = m->items[i];
		for (size_t j = 0; j < it->nactions; j++) {
			const char *id = it->actions[j].id;
			if (!id || strncmp(id, folder, flen) || id[flen] != '/')
				continue;
			char *end;
			unsigned long n = strtoul(id + flen + 1, &end, 10);
			if (!*end && n > max)
				max = n;
		}
	}
	char buf[128];
	snprintf(buf, sizeof(buf), "%s/%lu", folder, max + 1);
	free(ac->id);
	ac->id = xstrdup(buf);
}
