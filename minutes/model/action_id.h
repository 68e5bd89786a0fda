/*
 * action_id: the stable id an action gets when it is recorded (FORMAT.md,
 * format 2): "<meeting folder>/<n>", n counting the meeting's actions
 * from 1.  Knows nothing of git or the screen.
 */
#ifndef GAVEL_ACTION_ID_H
#define GAVEL_ACTION_ID_H

#include "minutes/model/minutes.h"

/* Gives `ac` (an action of `m` with no id yet) the id "<folder>/<n>",
 * `folder` being the meeting's folder ("2018-06-12", "2018-06-12-2"), n
 * one more than the highest n among the ids of `m` in that folder, so an
 * id is never given twice in the minutes; an action removed before the
 * next is recorded leaves its number free only when it was the last. */
void minutes_action_id_assign(struct minutes *m, struct action *ac, const char *folder);

#endif
