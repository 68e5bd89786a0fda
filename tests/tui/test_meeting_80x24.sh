#!/bin/sh
# A whole meeting recorded by keystrokes in a 80x24 terminal.
SIZE=80x24
. "$(dirname "$0")/lib_meeting.sh"
