#!/bin/bash
# step.sh NAME JAR PEOPLE [capacity args...]: one step of PEOPLE (25 arrivals a second, 60 s settle,
# 90 s hold: about three times the sign-ins of a ramp's hold) on the server jar JAR, results here
NAME=$1; JAR=$2; P=$3; shift 3
JAR=$JAR HOLD=90 OUT=$(cd "$(dirname "$0")" && pwd) exec "$(dirname "$0")/../run19/cap.sh" "$NAME" "$P" 1500 "$P" --arrivals-per-s 25 "$@"
