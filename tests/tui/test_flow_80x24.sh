#!/bin/sh
# The flow of a meeting in a 80x24 terminal.
SIZE=80x24
. "$(dirname "$0")/lib_flow.sh"
