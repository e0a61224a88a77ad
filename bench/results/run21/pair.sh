#!/bin/bash
# pair.sh PEOPLE BASE_JAR NEW_JAR: one step of PEOPLE on each jar, new first (step.sh each)
P=$1; H=$(dirname "$0")
"$H/step.sh" step-$P-presence "$3" "$P"
"$H/step.sh" step-$P-base "$2" "$P"
