#!/bin/bash
# storm.sh NAME JAR: issue 17's sign-in storm (200 password sign-ins at once while 50 people chat
# at 10,000 deliveries a second, two rounds) on a fresh server pinned to core 0, the bench on core 1
NAME=$1; JAR=$2; OUT=${OUT:-$(cd "$(dirname "$0")" && pwd)}
cd "$(dirname "$0")/../../.."
D=$(mktemp -d /tmp/pd.XXXX)
taskset -c 0 java -XX:+UseG1GC -jar $JAR serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 > $OUT/$NAME-server.log 2>&1 &
PID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
taskset -c 1 java -jar bench/target/parley-bench.jar signin-storm --loops 1 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID --json $OUT/$NAME.json > $OUT/$NAME.log 2>&1
kill $PID; wait $PID 2>/dev/null; rm -rf $D
tail -8 $OUT/$NAME.log
