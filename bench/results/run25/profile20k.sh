#!/bin/bash
# profile20k.sh TAG: Parley (JAR) warmed 60 s at 20k deliveries/s by the Node.js client, then
# async-profiler (AP: libasyncProfiler.so) over 30 s of a 40 s run at 20k; per-thread collapsed stacks;
# RATE: another rate for the profiled run, EVENT: another profiler event with its options (run 28:
# EVENT=alloc,total RATE=30000: the bytes allocated, by stack), OUT: another results folder
TAG=$1
D=$(mktemp -d /tmp/pd.XXXX)
cd "$(dirname "$0")/../../.."
R=${OUT:-$PWD/bench/results/run25}
java -XX:+UseG1GC -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -jar ${JAR:-server/target/parley.jar} serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > $R/$TAG-server.log 2>&1 &
PID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
S="node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2 --rates 20000"
$S --duration 60 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:"
S="${S% --rates 20000} --rates ${RATE:-20000}"
$S --duration 40 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:" & SP=$!
sleep 6
jcmd $PID JVMTI.agent_load $AP "\"start,event=${EVENT:-cpu,interval=1ms},threads\"" > /dev/null
sleep 30
jcmd $PID JVMTI.agent_load $AP "\"stop,collapsed,threads,file=$R/$TAG.collapsed\"" > /dev/null
wait $SP
kill $PID; wait $PID 2>/dev/null; rm -rf $D; gzip -f $R/$TAG.collapsed
