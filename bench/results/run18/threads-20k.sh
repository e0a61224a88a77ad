#!/bin/bash
D=$(mktemp -d /tmp/pd.XXXX)
cd "$(dirname "$0")/../../.."
java -XX:+UseG1GC -jar server/target/parley.jar serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > /tmp/thr-server.log 2>&1 &
PID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2 --duration 60 --rates 20000 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:"
node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2 --duration 40 --rates 20000 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:" &
sleep 12; python3 bench/results/run18/threads.py $PID 25
wait %2 2>/dev/null; sleep 1
kill $PID; wait $PID 2>/dev/null; rm -rf $D
