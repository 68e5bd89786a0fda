#!/bin/sh
# The crash torture test, short: a scripted meeting (3 items) typed into
# `gavel run` on a pseudo-terminal, gavel killed with SIGKILL at 20 moments
# and restarted each time; after every kill and restart nothing stored is
# missing, at most a second of typing is, git fsck is clean, and the final
# minutes equal an uninterrupted run's.  tests/torture/torture.c says how;
# `make torture` runs the long one (200 kills, 5 items).  TORTURE_SEED
# (printed) repeats the kill moments.
cd "$(dirname "$0")/../.." || exit 2
if [ ! -x tests/torture/torture ]; then
	echo "not ok - tests/torture/torture is built (make tests/torture/torture)"
	exit 1
fi
TORTURE_KILLS=${TORTURE_CHECK_KILLS:-20} TORTURE_ITEMS=${TORTURE_CHECK_ITEMS:-3} \
	exec tests/torture/torture ./gavel
