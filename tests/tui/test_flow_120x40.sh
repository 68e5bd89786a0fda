#!/bin/sh
# The flow of a meeting in a 120x40 terminal.
SIZE=120x40
. "$(dirname "$0")/lib_flow.sh"
