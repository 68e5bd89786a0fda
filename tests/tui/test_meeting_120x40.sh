#!/bin/sh
# A whole meeting recorded by keystrokes in a 120x40 terminal.
SIZE=120x40
. "$(dirname "$0")/lib_meeting.sh"
