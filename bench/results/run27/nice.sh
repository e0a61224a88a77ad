#!/bin/bash
# nice.sh PEOPLE: one step of the default mix on a fresh server, the hashing threads at nice 10
# (/tmp/parley-n10.jar, as shipped) then at nice 5 (/tmp/parley-n5.jar, Niceness.LOWER_BY = 5),
# the same bench, 90 s hold; ORDER: the jars in another order, TAG: after the name; run 27: 10500
# people, then ORDER="n5 n10" TAG=-b 10500
cd "$(dirname "$0")/../../.."
for n in ${ORDER:-n10 n5}; do
  OUT=$PWD/bench/results/run27 HOLD=90 JAR=/tmp/parley-$n.jar BENCH_JAR=${BENCH_JAR:-/tmp/bench.jar} bash bench/results/run19/cap.sh nice-$n-$1$TAG $1 1500 $1 --arrivals-per-s 25
done
