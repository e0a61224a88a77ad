#!/bin/bash
# storm.sh NAME JAR: run 23's storm (issue 17's 200 password sign-ins at once while 50 people chat at
# 10,000 deliveries a second, two rounds, server pinned to core 0), results here
OUT=$(cd "$(dirname "$0")" && pwd) exec "$(dirname "$0")/../run23/storm.sh" "$@"
