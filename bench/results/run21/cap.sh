#!/bin/bash
# cap.sh NAME START STEP MAX [capacity args...]: run 19's ramp (../run19/cap.sh), results here
OUT=$(cd "$(dirname "$0")" && pwd) exec "$(dirname "$0")/../run19/cap.sh" "$@"
