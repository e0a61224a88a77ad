#!/bin/bash
# pair.sh PEOPLE BASE_JAR NEW_JAR [NAME]: one step of PEOPLE on each jar, new first (step.sh each);
# results step-PEOPLE-NAME.* (NAME default "new") and step-PEOPLE-base.* here
P=$1; H=$(dirname "$0"); N=${4:-new}
"$H/step.sh" step-$P-$N "$3" "$P"
"$H/step.sh" step-$P-base "$2" "$P"
