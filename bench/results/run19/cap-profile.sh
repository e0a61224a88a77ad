#!/bin/bash
# cap-profile.sh PEOPLE [capacity args...]: one step of the full mix (60 s settle, 30 s hold) on a fresh Parley pinned to
# core 0, the client on core 1; async-profiler (cpu, 5 ms, per thread) over 30 s of the settle and
# /proc per thread over 20 s; needs async-profiler 4.0 in /tmp/ap (see docs/performance.md, run 19)
N=$1; shift
cd "$(dirname "$0")/../../.."
OUT=${OUT:-$PWD/bench/results/run19}; mkdir -p $OUT
D=$(mktemp -d /tmp/pd.XXXX)
ulimit -n 20000
taskset -c 0 java -XX:+UseG1GC -jar server/target/parley.jar serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > $OUT/profile-$N-server.log 2>&1 &
PID=$!
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && break; sleep 0.1; done; sleep 1
taskset -c 1 java -jar bench/target/parley-bench.jar capacity --loops 1 --start $N --step $N --max $N --hold 30 --settle 60 "$@" \
  --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID --json $OUT/profile-$N.json > $OUT/profile-$N.log 2>&1 &
CP=$!
# wait until the people have arrived (a descriptor each), then profile inside the 60 s settle
until [ "$(ls /proc/$PID/fd | wc -l)" -ge "$N" ] || ! kill -0 $CP 2>/dev/null; do sleep 2; done
sleep 10; date
jcmd $PID JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so '"start,event=cpu,interval=5ms,threads"' > /dev/null
python3 bench/results/run18/threads.py $PID 20 2>/dev/null | head -12 > $OUT/profile-$N-threads.txt
sleep 10
jcmd $PID JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,file=/tmp/profile-$N.collapsed,collapsed,threads\"" > /dev/null
wait $CP
kill $PID; wait $PID 2>/dev/null
rm -rf $D
cat $OUT/profile-$N-threads.txt; tail -3 $OUT/profile-$N.log
