#!/bin/bash
cd /work/main
SERVER_JAVA_OPTS="-Ddiag.out=/tmp/run24/d3.tsv -Xlog:gc*:file=/tmp/run24/d3-gc.log:time,uptime" bench/results/run24/step.sh d3 /tmp/diag-new.jar 10500 &
S=$!
sleep 5
PID=$(pgrep -f 'diag-new.jar serve' | head -1)
echo server $PID
# arrivals take about 420 s, then 60 s settle, 90 s hold: sample from 400 s on for 180 s
sleep 395
python3 /tmp/run24/sampler.py $PID 185 /tmp/run24/d3-threads.jsonl
wait $S
echo DIAG DONE
