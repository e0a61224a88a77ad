#!/usr/bin/env bash
# Runs the bench scenarios against Parley (port 3000) and the reference Node server (port 3100)
# on this machine, one server at a time under load, and writes JSON results and the plot.
#
#   bench/run-comparison.sh                 # all scenarios
#   bench/run-comparison.sh sweep fanout    # some: ready sweep sweep-node fanout storm catchup idle idle-hello cluster capacity
#
# sweep runs the bench module's own Java client; sweep-node runs the same sweep with the
# independent Node.js ws client in bench/node-client (npm, pinned), against both servers.
# cluster runs the Java client's sweep against one, two and three Parley nodes on PostgreSQL and
# Redis (PARLEY_BENCH_PG, PARLEY_BENCH_REDIS; CLUSTER_RATES); it is not in the default set.
# signin-storm (issue 17; Parley only, the reference has no passwords; not in the default set):
# 200 password sign-ins at once while 50 clients chat in a room, delivery latency with and
# without the storm (SIGNIN_ARGS adds options, e.g. "--rounds 3").
# capacity (issue 21; not in the default set): people doing the mix of docs/performance.md
# ("Capacity benchmark: the mix") added in steps until a limit breaks, the server pinned to core 0
# and the client to core 1 (taskset): first the full mix against Parley alone, then the part the
# reference speaks (--reference: messages, rooms, history, reconnects) against both, one after the
# other, for the ratio. CAPACITY_START, CAPACITY_STEP, CAPACITY_MAX (people), CAPACITY_HOLD
# (seconds per step), CAPACITY_ARGS (more options, e.g. "--settle 20 --largest-room 0.05").
#
# Environment: SKIP_BUILD=1, OUT=dir (default bench/target/results), PLOT=file (default
# docs/fanout-latency.svg), PARLEY_JAVA_OPTS (JVM flags for the server), BENCH_JAVA_OPTS,
# SWEEP_RATES (comma-separated deliveries/s), WARM_UP (seconds of load on each server before a
# sweep, default 60), SWEEP_FAILURES (stop after this many failing steps, default 2), IDLE_CONNECTIONS (default 20000, or the open-files limit less 300),
# IDLE_HELLO_CONNECTIONS (users online for idle-hello, default 3000), LOOPS (client event loops, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-$ROOT/bench/target/results}
PLOT=${PLOT:-$ROOT/docs/fanout-latency.svg}
LOOPS=${LOOPS:-1}
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -eq 0 ] && SCENARIOS=(ready sweep sweep-node fanout storm catchup idle idle-hello)
want() { local s; for s in "${SCENARIOS[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
echo "open files limit: $(ulimit -n)"
# each server process needs one descriptor per connection plus its own files: stay under the limit
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-$(( $(ulimit -n) - 300 < 20000 ? $(ulimit -n) - 300 : 20000 ))}
mkdir -p "$OUT"

if [ -z "${SKIP_BUILD:-}" ]; then
  # not offline (-o): on a fresh machine the bench's dependencies (JMH) are not in the local
  # repository yet; with them there, Maven does not go to the network for released versions
  mvn -B -q -ntp -pl server,bench -am package -DskipTests
fi
PARLEY_JAR=$ROOT/server/target/parley.jar
BENCH_JAR=$ROOT/bench/target/parley-bench.jar

BASE=$ROOT/bench/target/baseline
needs_reference() { local s; for s in "${SCENARIOS[@]}"; do case $s in cluster|signin-storm) ;; *) return 0 ;; esac; done; return 1; }
if needs_reference && [ ! -d "$BASE/node_modules/ws" ]; then
  rm -rf "$BASE" && mkdir -p "$BASE"
  cp -r ../shared/baseline/. "$BASE/" 2>/dev/null || cp -r /work/shared/baseline/. "$BASE/"
  chmod -R u+w "$BASE"
  (cd "$BASE" && npm install --no-audit --no-fund --silent)
fi

DATA=$(mktemp -d /tmp/parley-bench-data.XXXXXX)
PIDS=()
# Parley's rate limit and the guards that count per address are raised so that no limit shapes
# a benchmark (the reference has none, and every client here is 127.0.0.1-4): thousands of new
# users and connections from one address, idle sockets that never say hello. Everything else is
# the server's default (docs/performance.md, "Commands").
PARLEY_GUARDS="--rate 1000 --burst 2000 --new-user-rate 1000000 --max-connections-per-address 1000000 --hello-timeout PT10M"
# G1 as run.sh starts it (on one core, as capacity pins it, the JVM would pick the serial collector)
PARLEY_CMD="java ${PARLEY_JAVA_OPTS:--XX:+UseG1GC} -jar $PARLEY_JAR serve --port 3000 --host 127.0.0.1 --data-dir $DATA $PARLEY_GUARDS"
BASE_CMD="env PORT=3100 node $BASE/server.js"

stop_all() {
  local p
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  PIDS=()
}
cleanup() { stop_all; rm -rf "$DATA"; }
trap cleanup EXIT

wait_port() {
  local port=$1 i
  for i in $(seq 1 600); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return 0; sleep 0.05; done
  echo "port $port did not open" >&2; return 1
}
start_servers() {
  rm -rf "$DATA" && mkdir -p "$DATA"
  $PARLEY_CMD > "$OUT/parley.log" 2>&1 & PIDS+=($!)
  $BASE_CMD > "$OUT/baseline.log" 2>&1 & PIDS+=($!)
  wait_port 3000 && wait_port 3100
  sleep 1
}
# Both servers warmed up before a measured sweep: WARM_UP seconds (default 60, 0 for none) of the
# Node.js client at 20k deliveries/s against each, nothing recorded. A cold JVM spends its first
# minute compiling (C2 took 18 % of Parley's CPU samples in the half-minute after 25 s at 20k/s,
# run 18): that is start-up, not the cost at a rate.
warm_up() {
  local secs=${WARM_UP:-60}
  [ "$secs" -gt 0 ] || return 0
  local NODE_CLIENT=$ROOT/bench/node-client
  [ -d "$NODE_CLIENT/node_modules/ws" ] || (cd "$NODE_CLIENT" && npm ci --no-audit --no-fund --silent)
  echo "warming both servers up: ${secs} s each at 20k deliveries/s, not recorded"
  node "$NODE_CLIENT/sweep.js" --clients 1000 --rooms 10 --workers 2 --warmup 2 --duration "$secs" \
    --rates 20000 --target parley=ws://127.0.0.1:3000/ws --pid "parley=${PIDS[0]}" \
    --target baseline=ws://127.0.0.1:3100/ws --pid "baseline=${PIDS[1]}" > "$OUT/warm-up.log" 2>&1
}

bench() { java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" "$@" --loops "$LOOPS" \
  --target parley=ws://127.0.0.1:3000/ws --target baseline=ws://127.0.0.1:3100/ws; }

if want ready; then
  # Three ways to start: plain `java -jar`, the way ./run.sh starts it (with the class-data
  # archive that run.sh trains when it is missing or older than the jar; --exit-when-ready ends
  # that training start), and the reference.
  CDS=$ROOT/server/target/parley.jsa
  if [ ! -f "$CDS" ] || [ "$PARLEY_JAR" -nt "$CDS" ]; then
    T=$(mktemp -d); "$ROOT/run.sh" --port 0 --host 127.0.0.1 --data-dir "$T" --exit-when-ready >/dev/null 2>&1 || true; rm -rf "$T"
  fi
  CDS_TARGET=(); CDS_CMD=()
  if [ -f "$CDS" ]; then
    CDS_TARGET=(--target parley-cds=ws://127.0.0.1:3000/ws)
    CDS_CMD=(--cmd "parley-cds=java -XX:SharedArchiveFile=$CDS -Xlog:cds=off -jar $PARLEY_JAR serve --port 3000 --host 127.0.0.1 --data-dir $DATA $PARLEY_GUARDS")
  else
    echo "no class-data archive at $CDS: timing plain starts only" >&2
  fi
  rm -rf "$DATA" && mkdir -p "$DATA"
  java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" ready --repeat 5 --log "$OUT/ready-servers.log" \
    --target parley=ws://127.0.0.1:3000/ws "${CDS_TARGET[@]}" --target baseline=ws://127.0.0.1:3100/ws \
    --cmd "parley=$PARLEY_CMD" "${CDS_CMD[@]}" --cmd "baseline=$BASE_CMD" --json "$OUT/ready.json"
fi

if want sweep-node; then
  NODE_CLIENT=$ROOT/bench/node-client
  [ -d "$NODE_CLIENT/node_modules/ws" ] || (cd "$NODE_CLIENT" && npm ci --no-audit --no-fund --silent)
  start_servers
  warm_up
  node "$NODE_CLIENT/sweep.js" --clients 1000 --rooms 10 --workers 2 --warmup 2 --duration 6 \
    ${SWEEP_RATES:+--rates "$SWEEP_RATES"} ${SWEEP_FAILURES:+--failures "$SWEEP_FAILURES"} \
    --target parley=ws://127.0.0.1:3000/ws --pid "parley=${PIDS[0]}" \
    --target baseline=ws://127.0.0.1:3100/ws --pid "baseline=${PIDS[1]}" --json "$OUT/sweep-node.json"
  stop_all
fi

if want sweep || want fanout || want storm || want catchup; then
  start_servers
  want sweep && warm_up
  want sweep && bench sweep --clients 1000 --rooms 10 --warmup 2 --duration 6 ${SWEEP_RATES:+--rates "$SWEEP_RATES"} ${SWEEP_FAILURES:+--failures "$SWEEP_FAILURES"} --svg "$PLOT" --json "$OUT/sweep.json"
  want fanout && bench fanout --clients 1000 --rooms 10 --rate 200000 --duration 15 --json "$OUT/fanout-200k.json"
  want catchup && bench catchup --clients 1000 --rooms 10 --missed 100 --json "$OUT/catchup.json"
  want storm && bench storm --json "$OUT/storm.json"
  stop_all
fi

if want cluster; then
  # The cost of crossing nodes: one Parley, then two and three nodes of a cluster on this
  # machine's PostgreSQL and Redis, the Java client's connections spread evenly over the nodes,
  # the same offered rates each time. All nodes share the same two cores, so the point is what
  # crossing costs (CPU per delivery, latency), not more throughput.
  PG=${PARLEY_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
  REDIS=${PARLEY_BENCH_REDIS:-redis://127.0.0.1:6379}
  for n in 1 2 3; do
    schema=bench_cluster_$$_$n
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null
    urls=() pids=()
    for i in $(seq 1 "$n"); do
      port=$((3000 + i))
      mkdir -p "$DATA/node$i"
      java ${PARLEY_JAVA_OPTS:-} -jar "$PARLEY_JAR" serve --port "$port" --host 127.0.0.1 --data-dir "$DATA/node$i" \
        $PARLEY_GUARDS --db "$PG&currentSchema=$schema" --redis "$REDIS" --cluster-channel "bench-$$-$n" \
        > "$OUT/cluster$n-node$i.log" 2>&1 & PIDS+=($!)
      pids+=($!) urls+=("ws://127.0.0.1:$port/ws")
      wait_port "$port"
    done
    sleep 1
    java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" sweep --loops "$LOOPS" --clients 1000 --rooms 10 --warmup 2 --duration 6 \
      --rates "${CLUSTER_RATES:-25000,50000,100000,150000}" --failures 9 \
      --target "nodes$n=$(IFS=,; echo "${urls[*]}")" --pid "nodes$n=$(IFS=,; echo "${pids[*]}")" --json "$OUT/cluster-$n.json"
    stop_all
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
  done
fi

if want signin-storm; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  $PARLEY_CMD > "$OUT/parley-signin.log" 2>&1 & PIDS+=($!)
  wait_port 3000
  sleep 1
  java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" signin-storm --loops "$LOOPS" ${SIGNIN_ARGS:-} \
    --target parley=ws://127.0.0.1:3000/ws --pid "parley=${PIDS[0]}" --json "$OUT/signin-storm.json"
  stop_all
fi

if want capacity; then
  CAPACITY_RAMP=(--start "${CAPACITY_START:-500}" --step "${CAPACITY_STEP:-500}" --max "${CAPACITY_MAX:-30000}" --hold "${CAPACITY_HOLD:-60}")
  capacity() { taskset -c 1 java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" capacity --loops "$LOOPS" "${CAPACITY_RAMP[@]}" ${CAPACITY_ARGS:-} "$@"; }
  # the full mix: Parley alone on core 0, everything persisted as always
  rm -rf "$DATA" && mkdir -p "$DATA"
  taskset -c 0 $PARLEY_CMD > "$OUT/parley-capacity.log" 2>&1 & PIDS+=($!)
  wait_port 3000
  sleep 1
  capacity --target parley=ws://127.0.0.1:3000/ws --pid "parley=${PIDS[0]}" --json "$OUT/capacity.json" --svg "$OUT/capacity.svg"
  stop_all
  # the reference's part of the mix against both, each on core 0 (the one not measured idles)
  rm -rf "$DATA" && mkdir -p "$DATA"
  taskset -c 0 $PARLEY_CMD > "$OUT/parley-capacity-reference.log" 2>&1 & PIDS+=($!)
  taskset -c 0 $BASE_CMD > "$OUT/baseline-capacity.log" 2>&1 & PIDS+=($!)
  wait_port 3000 && wait_port 3100
  sleep 1
  capacity --reference --target parley=ws://127.0.0.1:3000/ws --pid "parley=${PIDS[0]}" \
    --target baseline=ws://127.0.0.1:3100/ws --pid "baseline=${PIDS[1]}" --json "$OUT/capacity-reference.json" --svg "$OUT/capacity-reference.svg"
  stop_all
fi

if want idle; then
  start_servers   # fresh processes, so that memory is measured from a clean start
  bench idle --connections "$IDLE_CONNECTIONS" --live-heap --json "$OUT/idle.json"
  stop_all
fi

if want idle-hello; then
  start_servers
  bench idle --hello --connections "${IDLE_HELLO_CONNECTIONS:-3000}" --parallel 100 --live-heap --json "$OUT/idle-hello.json"
  stop_all
fi
echo "results in $OUT"
