#!/bin/bash
# ab.sh PEOPLE: one fresh step of the default mix (90 s hold, 25 arrivals a second) with the jar
# before (/tmp/parley.jar) and after (/tmp/parley-new.jar) replies were encoded into socket
# buffers, each with a GC log; ORDER: another order of "old new", TAG: after the name
cd "$(dirname "$0")/../../.."
R=$PWD/bench/results/run28
for v in ${ORDER:-old new}; do
  jar=/tmp/parley.jar; [ $v = new ] && jar=/tmp/parley-new.jar
  OUT=$R HOLD=90 JAR=$jar BENCH_JAR=${BENCH_JAR:-/tmp/bench.jar} SERVER_JAVA_OPTS="-Xlog:gc:file=$R/step-$v-$1$TAG-gc.log" \
    bash bench/results/run19/cap.sh step-$v-$1$TAG $1 1500 $1 --arrivals-per-s 25
done
