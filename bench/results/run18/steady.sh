#!/bin/bash
# steady.sh RATE N DUR [java opts...]: N successive runs against one Parley and one reference
RATE=$1; N=$2; DUR=$3; shift 3
D=$(mktemp -d /tmp/pd.XXXX)
cd "$(dirname "$0")/../../.."
java ${@:--XX:+UseG1GC} -jar server/target/parley.jar serve --port 3000 --host 127.0.0.1 --data-dir $D --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > /tmp/steady-server.log 2>&1 &
PID=$!
(cd bench/target/baseline && PORT=3100 node server.js > /tmp/steady-base.log 2>&1) &
for i in $(seq 200); do (echo > /dev/tcp/127.0.0.1/3000) 2>/dev/null && (echo > /dev/tcp/127.0.0.1/3100) 2>/dev/null && break; sleep 0.1; done; sleep 1
BPID=$(pgrep -f "node server.js" | head -1)
for i in $(seq $N); do
  node bench/node-client/sweep.js --clients 1000 --rooms 10 --workers 2 --warmup 2 --duration $DUR --rates $RATE --target parley=ws://127.0.0.1:3000/ws --pid parley=$PID --target baseline=ws://127.0.0.1:3100/ws --pid baseline=$BPID 2>&1 | grep "/s:"
done
kill $PID $BPID; wait $PID
rm -rf $D
