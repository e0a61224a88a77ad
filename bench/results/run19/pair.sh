#!/bin/bash
# pair.sh TAG [java opts]: Parley and the reference, warmed 60 s each at 20k, then 3 x (Parley 30 s, reference 30 s) measured by /proc
TAG=$1; shift
D=$(mktemp -d /tmp/pd.XXXX)
cd "$(dirname "$0")/../../.."
R=$PWD/bench/results/run19
java ${@:--XX:+UseG1GC} -jar server/target/parley.jar serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > $R/$TAG-server.log 2>&1 &
PID=$!
(cd bench/target/baseline && PORT=3100 exec node server.js > $R/$TAG-base.log 2>&1) &
BPID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && (echo > /dev/tcp/127.0.0.1/3100) 2>/dev/null && break; sleep 0.1; done; sleep 1
S="node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2 --rates 20000"
$S --duration 60 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:"
$S --duration 60 --target baseline=ws://127.0.0.1:3100/ws --pid baseline=$BPID | grep "/s:"
for r in 1 2 3; do
  for t in parley:3000:$PID baseline:3100:$BPID; do IFS=: read n port p <<< "$t"
    $S --duration 40 --target $n=ws://127.0.0.1:$port/ws --pid $n=$p | grep "/s:" & SP=$!
    sleep 6; echo "$n $(python3 bench/results/run18/threads.py $p 30 2>/dev/null | head -4 | tr '\n' ' ')"; wait $SP
  done
done
kill $PID $BPID; wait $PID 2>/dev/null; rm -rf $D
