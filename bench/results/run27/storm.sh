#!/bin/bash
# storm.sh ROUNDS: the sign-in storm (200 password sign-ins at once while 50 clients chat,
# 10,000 deliveries/s) against Parley pinned to core 0, the bench on core 1, the hashing threads
# at nice 10 (/tmp/parley-n10.jar) then nice 5 (/tmp/parley-n5.jar), ROUNDS times in turn
cd "$(dirname "$0")/../../.."
OUT=$PWD/bench/results/run27
G="--rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M"
for r in $(seq ${1:-1}); do
  for n in n10 n5; do
    D=$(mktemp -d /tmp/pd.XXXX)
    taskset -c 0 java -XX:+UseG1GC -jar /tmp/parley-$n.jar serve --port 3000 --host 127.0.0.1 --data-dir $D $G > $OUT/storm-$n-$r-server.log 2>&1 &
    PID=$!
    for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
    taskset -c 1 java -jar ${BENCH_JAR:-/tmp/bench.jar} signin-storm --loops 1 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID --json $OUT/storm-$n-$r.json > $OUT/storm-$n-$r.log 2>&1
    kill $PID; wait $PID 2>/dev/null; rm -rf $D
    echo "== $n round $r"; grep "sign-ins:" $OUT/storm-$n-$r.log
  done
done
