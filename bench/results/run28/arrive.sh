#!/bin/bash
# arrive.sh DIR TAG: Parley (JAR) warmed 20 s at 10k deliveries/s by the Node.js client, then
# async-profiler (AP) counts the bytes allocated, by stack, while a new sweep's 1,000 connections
# arrive and run 10 s at 10k (run 28: TAG arrive-old with 24fb547's jar, arrive-new with replies
# encoded into the socket's buffer); DIR gets TAG.collapsed.gz, TAG-gc.log, TAG-server.log
cd "$(dirname "$0")/../../.."
D=$(mktemp -d /tmp/pd.XXXX); R=$1; TAG=$2
java -XX:+UseG1GC -Xlog:gc:file=$R/$TAG-gc.log -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -jar ${JAR:-/tmp/parley.jar} serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > $R/$TAG-server.log 2>&1 &
PID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
S="node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2 --rates 10000"
$S --duration 20 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:"
sleep 2
jcmd $PID JVMTI.agent_load $AP "\"start,event=alloc,threads\"" > /dev/null
$S --duration 10 --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID | grep "/s:"
sleep 3
jcmd $PID JVMTI.agent_load $AP "\"stop,collapsed,threads,total,file=$R/$TAG.collapsed\"" > /dev/null
kill $PID; wait $PID 2>/dev/null; rm -rf $D; gzip -f $R/$TAG.collapsed
