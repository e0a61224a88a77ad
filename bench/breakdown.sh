#!/usr/bin/env bash
# Where a message's time goes inside Parley at one offered rate, from the server's own metrics.
#
#   bench/breakdown.sh [RATE]        # default 10000 deliveries/s; PARLEY_JAVA_OPTS as for run-comparison.sh
#
# Starts Parley alone (port 3000, a fresh data folder), runs the Java client's fanout scenario
# (1000 clients in 10 rooms, prewarm 10 s at 30k/s, then RATE), reads /metrics as the measured
# window starts and as it ends, and prints for that window alone: the client's figures, then
# for each server stage the count, mean and bucket bounds of p50/p90/p99/p99.9:
#   store_append        an append's wait for the writer plus its commit
#   store_write         one writer batch, first statement to commit
#   store_search_index  one transaction of deferred FTS5 rows (SQLite)
#   fanout_latency      publish (after the commit) to the loop that writes it
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-10000}
DATA=$(mktemp -d /tmp/parley-breakdown.XXXXXX)
M1=$DATA/m1.txt; M2=$DATA/m2.txt
java ${PARLEY_JAVA_OPTS:-} -jar server/target/parley.jar serve --port 3000 --host 127.0.0.1 \
  --data-dir "$DATA/data" --rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M > "$DATA/server.log" 2>&1 &
P=$!
trap 'kill $P 2>/dev/null; wait $P 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf localhost:3000/healthz > /dev/null && break; sleep 0.1; done
# set-up (~4 s) + prewarm (10 s) + warm-up (3 s): the measured window starts about 17 s in
( sleep 18; curl -s localhost:3000/metrics > "$M1" ) &
S=$!
java -jar bench/target/parley-bench.jar fanout --clients 1000 --rooms 10 --rate "$RATE" --duration 12 \
  --prewarm 10 --warmup 3 --target parley=ws://127.0.0.1:3000/ws 2>&1 | grep offered
curl -s localhost:3000/metrics > "$M2"
wait $S
awk '
  function stage(line) { sub(/^parley_/, "", line); sub(/_seconds.*/, "", line); return line }
  /^parley_[a-z_]+_seconds_(bucket|count|sum)/ {
    name = stage($0); v = $NF
    if ($0 ~ /_bucket/) { le = $0; sub(/.*le="/, "", le); sub(/".*/, "", le); key = name SUBSEP le }
    else if ($0 ~ /_count /) key = name SUBSEP "count"
    else key = name SUBSEP "sum"
    if (FILENAME == ARGV[1]) before[key] = v; else { after[key] = v; names[name] = 1; if ($0 ~ /_bucket/ && le != "+Inf") les[name, ++nles[name]] = le }
  }
  END {
    split("store_append store_write store_search_index fanout_latency", order, " ")
    for (o = 1; o <= 4; o++) {
      n = order[o]; if (!(n in names)) continue
      c = after[n, "count"] - before[n, "count"]; if (c <= 0) { printf "%-20s none\n", n; continue }
      printf "%-20s n=%6d mean %6.3f ms", n, c, 1000 * (after[n, "sum"] - before[n, "sum"]) / c
      split("0.5 0.9 0.99 0.999", qs, " ")
      for (q = 1; q <= 4; q++) for (i = 1; i <= nles[n]; i++) {
        le = les[n, i]; if ((after[n, le] - before[n, le]) / c >= qs[q]) { printf "  p%s<=%.2f", qs[q] * 100, le * 1000; break }
      }
      printf "\n"
    }
  }' "$M1" "$M2"
