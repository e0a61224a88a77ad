#!/bin/bash
# ab.sh NAME PEOPLE PASSWORD_SHARE: one step on a fresh server, the old jar (OLD_JAR) then the new
# (NEW_JAR), the same bench and step; run 26: 9000 people, 0.3 of them with passwords
cd "$(dirname "$0")/../../.."
for v in old new; do
  J=${OLD_JAR:-/tmp/parley.jar}; [ $v = new ] && J=${NEW_JAR:-server/target/parley.jar}
  OUT=${OUT:-$PWD/bench/results/run26} HOLD=30 JAR=$J BENCH_JAR=${BENCH_JAR:-bench/target/parley-bench.jar} bash bench/results/run19/cap.sh $1-$v $2 1500 $2 --arrivals-per-s 25 --password-share $3
done
