#!/bin/sh
# The meeting's times in a 120x40 terminal.
SIZE=120x40
. "$(dirname "$0")/lib_times.sh"
