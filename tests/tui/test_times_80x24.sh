#!/bin/sh
# The meeting's times in a 80x24 terminal.
SIZE=80x24
. "$(dirname "$0")/lib_times.sh"
