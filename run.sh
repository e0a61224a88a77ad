#!/usr/bin/env bash
# Runs Parley on the embedded default (SQLite in ./data) at http://localhost:3000,
# building the jar first if it is missing or older than the sources.
# Extra arguments go to `parley serve` (try ./run.sh --help).
set -euo pipefail
cd "$(dirname "$0")"
jar=server/target/parley.jar
if [ ! -f "$jar" ] || [ -n "$(find server/src pom.xml server/pom.xml -newer "$jar" -type f -print -quit)" ]; then
  echo "run.sh: building Parley (mvn package, tests skipped)..."
  mvn -B -q -ntp -pl server -am package -DskipTests
fi
exec java -jar "$jar" serve "$@"
