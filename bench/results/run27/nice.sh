#!/bin/bash
# nice.sh PEOPLE: one step of the default mix on a fresh server, the hashing threads at nice 10
# (/tmp/parley-n10.jar, as shipped) then at nice 5 (/tmp/parley-n5.jar, Niceness.LOWER_BY = 5),
# the same bench, 90 s hold; run 27: 10500 people
cd "$(dirname "$0")/../../.."
for n in n10 n5; do
  OUT=$PWD/bench/results/run27 HOLD=90 JAR=/tmp/parley-$n.jar BENCH_JAR=${BENCH_JAR:-/tmp/bench.jar} bash bench/results/run19/cap.sh nice-$n-$1 $1 1500 $1 --arrivals-per-s 25
done
