#!/bin/sh
# The council meeting of lib_council.sh in a 80x24 terminal.
SIZE=80x24
. "$(dirname "$0")/lib_council.sh"
