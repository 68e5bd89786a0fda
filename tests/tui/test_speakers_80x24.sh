#!/bin/sh
# Speakers as clerks type them, in a 80x24 terminal.
SIZE=80x24
. "$(dirname "$0")/lib_speakers.sh"
