#!/bin/bash
# pair.sh TAG RATES...: Parley (JAR) and the reference started once, each warmed 60 s at 20k with the
# Node.js client, then 3 rounds of: for each rate, Parley 40 s then the reference 40 s (trio.sh
# without its second Parley)
TWO=1 exec "$(dirname "$0")/trio.sh" "$1" 3 "${@:2}"
