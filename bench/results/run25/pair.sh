#!/bin/bash
# pair.sh TAG RATES...: Parley (JAR) and the reference started once, each warmed 60 s at 20k with the
# Node.js client, then 3 rounds of: for each rate, Parley 40 s then the reference 40 s (the sweep's
# p99 and CPU-s per million, and each process's cores from /proc over 30 s of it)
TAG=$1; shift; RATES=${*:-10000 20000 30000}
D=$(mktemp -d /tmp/pd.XXXX)
cd "$(dirname "$0")/../../.."
R=$PWD/bench/results/run25
java -XX:+UseG1GC -jar ${JAR:-server/target/parley.jar} serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > $R/$TAG-server.log 2>&1 &
PID=$!
(cd bench/target/baseline && PORT=3100 exec node server.js > $R/$TAG-base.log 2>&1) &
BPID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && (echo > /dev/tcp/127.0.0.1/3100) 2>/dev/null && break; sleep 0.1; done; sleep 1
S="node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2"
$S --rates 20000 --duration 60 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:"
$S --rates 20000 --duration 60 --target baseline=ws://127.0.0.1:3100/ws --pid baseline=$BPID | grep "/s:"
for r in 1 2 3; do
  for rate in $RATES; do
    for t in parley:3000:$PID baseline:3100:$BPID; do IFS=: read n port p <<< "$t"
      echo "round $r rate $rate"
      $S --rates $rate --duration 40 --target $n=ws://127.0.0.1:$port/ws --pid $n=$p | grep "/s:" & SP=$!
      sleep 6; echo "$n $(python3 bench/results/run18/threads.py $p 30 2>/dev/null | head -4 | tr '\n' ' ')"; wait $SP
    done
  done
done
kill $PID $BPID; wait $PID 2>/dev/null; rm -rf $D
