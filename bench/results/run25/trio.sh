#!/bin/bash
# trio.sh TAG ROUNDS RATES...: Parley as it starts (JAR), Parley with its event loops one per core
# (-Dio.netty.eventLoopThreads=$(nproc)) and the reference, started once, each warmed 60 s at 20k
# with the Node.js client, then ROUNDS rounds of: for each rate, each server 40 s in turn (the
# sweep's p99 and CPU-s per million, and each process's cores from /proc over 30 s of it).
# TWO=1: Parley as it starts and the reference only (pair.sh); OUT: the results folder (run25's);
# SERVER_JAVA_OPTS: more options for Parley's JVM (run 26: a GC log); SECOND_OPTS: the second
# Parley's options instead of one loop per core (run 26: -XX:MaxGCPauseMillis=10), SECOND_NAME its
# name in the output (run 26's t30.log predates it: there "parley-loops-per-core" is that server)
TAG=$1; ROUNDS=$2; shift 2; RATES=${*:-10000 20000 30000}
D=$(mktemp -d /tmp/pd.XXXX); D2=$(mktemp -d /tmp/pd.XXXX)
cd "$(dirname "$0")/../../.."
R=${OUT:-$PWD/bench/results/run25}
G="--rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M"
java -XX:+UseG1GC $SERVER_JAVA_OPTS -jar ${JAR:-server/target/parley.jar} serve --port 3000 --host 127.0.0.1 --data-dir $D $G > $R/$TAG-server.log 2>&1 &
PID=$!
if [ -z "$TWO" ]; then
  java -XX:+UseG1GC ${SECOND_OPTS:--Dio.netty.eventLoopThreads=$(nproc)} -jar ${JAR:-server/target/parley.jar} serve --port 3001 --host 127.0.0.1 --data-dir $D2 $G > $R/$TAG-server2.log 2>&1 &
  PID2=$!
fi
(cd bench/target/baseline && PORT=3100 exec node server.js > $R/$TAG-base.log 2>&1) &
BPID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && { [ -n "$TWO" ] || (echo > /dev/tcp/127.0.0.1/3001) 2>/dev/null; } && (echo > /dev/tcp/127.0.0.1/3100) 2>/dev/null && break; sleep 0.1; done; sleep 1
S="node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2"
T="parley:3000:$PID ${PID2:+${SECOND_NAME:-parley-loops-per-core}:3001:$PID2 }baseline:3100:$BPID"
for t in $T; do IFS=: read n port p <<< "$t"
  $S --rates 20000 --duration 60 --target $n=ws://127.0.0.1:$port/ws --pid $n=$p | grep "/s:"
done
for r in $(seq $ROUNDS); do
  for rate in $RATES; do
    for t in $T; do IFS=: read n port p <<< "$t"
      echo "round $r rate $rate"
      $S --rates $rate --duration 40 --target $n=ws://127.0.0.1:$port/ws --pid $n=$p | grep "/s:" & SP=$!
      sleep 6; echo "$n $(python3 bench/results/run18/threads.py $p 30 2>/dev/null | head -4 | tr '\n' ' ')"; wait $SP
    done
  done
done
kill $PID $PID2 $BPID; wait $PID $PID2 2>/dev/null; rm -rf $D $D2
