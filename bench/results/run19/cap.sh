#!/bin/bash
# cap.sh NAME START STEP MAX [capacity args...]: the full mix ramp on a fresh Parley pinned to core 0,
# the bench's client on core 1, a 60 s settle before each 30 s hold (run 17 settled 10 s);
# OUT (results folder), HOLD (seconds), JAR (the server's jar), SERVER_ARGS (more server options),
# SERVER_JAVA_OPTS (the server JVM's) and BENCH_JAR (the bench's jar) may come from the environment
NAME=$1; START=$2; STEP=$3; MAX=$4; shift 4
cd "$(dirname "$0")/../../.."
OUT=${OUT:-$PWD/bench/results/run19}; mkdir -p $OUT
D=$(mktemp -d /tmp/pd.XXXX)
ulimit -n 20000
taskset -c 0 java -XX:+UseG1GC $SERVER_JAVA_OPTS -jar ${JAR:-server/target/parley.jar} serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M $SERVER_ARGS > $OUT/$NAME-server.log 2>&1 &
PID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
echo "parley pid $PID"
taskset -c 1 java -jar ${BENCH_JAR:-bench/target/parley-bench.jar} capacity --loops 1 --start $START --step $STEP --max $MAX --hold ${HOLD:-30} --settle 60 "$@" \
  --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID --json $OUT/$NAME.json --svg $OUT/$NAME.svg > $OUT/$NAME.log 2>&1
kill $PID; wait $PID 2>/dev/null
rm -rf $D
tail -6 $OUT/$NAME.log
