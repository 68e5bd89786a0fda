#!/bin/sh
# The council meeting of lib_council.sh in a 120x40 terminal.
SIZE=120x40
. "$(dirname "$0")/lib_council.sh"
