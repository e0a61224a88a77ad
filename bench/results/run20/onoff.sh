#!/bin/bash
# onoff.sh NAME PEOPLE [capacity args...]: run 18's one step (../run18/onoff/onoff.sh) with arrivals
# paced at 25 a second and a 60 s settle, results in onoff/ here
NAME=$1; N=$2; shift 2
OUT=$(cd "$(dirname "$0")" && pwd)/onoff exec "$(dirname "$0")/../run18/onoff/onoff.sh" "$NAME" "$N" \
  --settle 60 --arrivals-per-s 25 "$@"
