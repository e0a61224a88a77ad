#!/usr/bin/env bash
# Runs Parley on the embedded default (SQLite in ./data) at http://localhost:3000,
# building the jar first if it is missing or older than the sources.
# Extra arguments go to `parley serve` (try ./run.sh --help).
set -euo pipefail
cd "$(dirname "$0")"
jar=server/target/parley.jar
cds=server/target/parley.jsa
if [ ! -f "$jar" ] || [ -n "$(find server/src pom.xml server/pom.xml -newer "$jar" -type f -print -quit)" ]; then
  echo "run.sh: building Parley (mvn package, tests skipped)..."
  mvn -B -q -ntp -pl server -am package -DskipTests
fi
# A class-data archive of the classes a start loads makes every later start faster; it is
# trained once per build by starting and stopping a node on a scratch folder.
if [ ! -f "$cds" ] || [ "$jar" -nt "$cds" ]; then
  scratch=$(mktemp -d)
  java -XX:+UseG1GC -XX:ArchiveClassesAtExit="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" serve \
    --port 0 --host 127.0.0.1 --data-dir "$scratch" --exit-when-ready >/dev/null 2>&1 || rm -f "$cds"
  rm -rf "$scratch"
fi
# G1 even on a one-core machine, where the JVM would pick the serial collector: its full
# collections held every request up to 580 ms at 6,000 people (docs/performance.md, run 17).
cds_opt=()
[ -f "$cds" ] && cds_opt=(-XX:SharedArchiveFile="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off)
exec java -XX:+UseG1GC "${cds_opt[@]}" -jar "$jar" serve "$@"
