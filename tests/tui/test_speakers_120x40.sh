#!/bin/sh
# Speakers as clerks type them, in a 120x40 terminal.
SIZE=120x40
. "$(dirname "$0")/lib_speakers.sh"
