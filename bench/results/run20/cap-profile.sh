#!/bin/bash
# cap-profile.sh PEOPLE [capacity args...]: run 19's profiled step (../run19/cap-profile.sh), results here
OUT=$(cd "$(dirname "$0")" && pwd) exec "$(dirname "$0")/../run19/cap-profile.sh" "$@"
