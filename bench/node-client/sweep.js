// sweep.js — A second-opinion fan-out load client: Node.js + ws, the most ordinary kind.
//
// N connections in R rooms, split over W worker threads. Each step offers a rate in deliveries
// per second: every connection sends on an open-loop schedule spread evenly over the period,
// each text carrying its intended send time, and every member of the room receives it. Every
// frame received is parsed with JSON.parse. Latency runs from the intended send time to receipt,
// so a stalled server (or client) shows as latency, not as a lower offered rate.
//
//   node sweep.js --target parley=ws://127.0.0.1:3000/ws --pid parley=1234 \
//                 --target baseline=ws://127.0.0.1:3100/ws --pid baseline=5678 \
//                 --rates 25000,50000,100000 --json out.json
//
// It writes nothing but its JSON and a summary; it knows neither server's internals, only the
// wire contract (hello, create, join, send, message).
'use strict';
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const os = require('os');


// ---------------------------------------------------------------- main thread

function parseArgs(argv) {
  const o = { targets: [], pids: {}, clients: 1000, rooms: 10, workers: 2, warmup: 2, duration: 6,
    rates: [25000, 50000, 75000, 100000, 125000, 150000, 200000], failures: 2, p99: 50, text: 64, json: null, prewarm: 10, prewarmRate: 30000 };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i], v = () => argv[++i];
    if (a === '--target') { const [n, u] = v().split(/=(.*)/s); o.targets.push({ name: n, url: u }); }
    else if (a === '--pid') { const [n, p] = v().split('='); o.pids[n] = Number(p); }
    else if (a === '--clients') o.clients = Number(v());
    else if (a === '--rooms') o.rooms = Number(v());
    else if (a === '--workers') o.workers = Number(v());
    else if (a === '--warmup') o.warmup = Number(v());
    else if (a === '--duration') o.duration = Number(v());
    else if (a === '--rates') o.rates = v().split(',').map(Number);
    else if (a === '--failures') o.failures = Number(v());
    else if (a === '--p99-ms') o.p99 = Number(v());
    else if (a === '--text-bytes') o.text = Number(v());
    else if (a === '--prewarm') o.prewarm = Number(v());
    else if (a === '--prewarm-rate') o.prewarmRate = Number(v());
    else if (a === '--json') o.json = v();
    else throw new Error('unknown option ' + a);
  }
  if (!o.targets.length) throw new Error('at least one --target name=ws://host:port/ws');
  return o;
}

/** utime+stime of a process in seconds, from /proc (USER_HZ 100). */
function cpuOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch { return NaN; }
}

function machineBusy() {
  const t = os.cpus().reduce((acc, c) => {
    const x = c.times; acc.busy += x.user + x.nice + x.sys + x.irq; acc.total += x.user + x.nice + x.sys + x.irq + x.idle; return acc;
  }, { busy: 0, total: 0 });
  return t;
}

class Pool {
  constructor(o, target) {
    this.o = o; this.target = target; this.workers = []; this.waiting = new Map(); this.nextId = 1;
  }
  async start() {
    const tag = Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
    for (let w = 0; w < this.o.workers; w++) {
      const worker = new Worker(__filename, { workerData: { w, workers: this.o.workers, url: this.target.url, clients: this.o.clients,
        rooms: this.o.rooms, tag, textBytes: this.o.text } });
      worker.on('message', (m) => { const cb = this.waiting.get(m.id); if (cb) { this.waiting.delete(m.id); cb(m); } });
      worker.on('error', (e) => { console.error('worker failed', e); process.exit(1); });
      this.workers.push(worker);
    }
    // the first member of each room creates it; then everyone else joins
    await this.all({ cmd: 'connect', phase: 'create' });
    await this.all({ cmd: 'connect', phase: 'join' });
  }
  call(worker, msg) {
    return new Promise((resolve) => { const id = this.nextId++; this.waiting.set(id, resolve); worker.postMessage({ ...msg, id }); });
  }
  all(msg) { return Promise.all(this.workers.map((w) => this.call(w, msg))); }
  async stop() { await this.all({ cmd: 'close' }); for (const w of this.workers) await w.terminate(); }
}

function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function step(pool, o, rate, stepNo, warmup, duration, pid) {
  const avgRoom = o.clients / o.rooms;
  const sendsPerSec = rate / avgRoom;
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const start = nowUs() + 200_000;
  const windowStart = start + warmup * 1e6;
  const windowEnd = windowStart + duration * 1e6;
  const running = pool.all({ cmd: 'step', stepNo, sendsPerSec, start, windowStart, windowEnd });
  await sleepUntil(windowStart);
  const cpu0 = cpuOf(pid), self0 = process.cpuUsage(), m0 = machineBusy(), t0 = nowUs();
  await sleepUntil(windowEnd);
  const cpu1 = cpuOf(pid), self1 = process.cpuUsage(self0), m1 = machineBusy(), t1 = nowUs();
  await running; // senders done
  const results = await pool.all({ cmd: 'drain' });
  const lat = [];
  let sent = 0, expected = 0, received = 0, inWindow = 0, gaps = 0, dups = 0, errors = 0, closed = 0, lastError = null;
  for (const r of results) {
    for (const x of r.lat) lat.push(x);
    sent += r.sent; expected += r.expected; received += r.received; inWindow += r.inWindow;
    gaps += r.gaps; dups += r.dups; errors += r.errors; closed += r.closed; if (r.lastError) lastError = r.lastError;
  }
  lat.sort((a, b) => a - b);
  const window = (t1 - t0) / 1e6;
  const serverCpu = cpu1 - cpu0;
  const clientCpu = (self1.user + self1.system) / 1e6;
  const busy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
  const achieved = inWindow / window;
  const s = {
    offered_deliveries_per_s: rate, sends_per_s: sendsPerSec, sent, expected, received,
    lost: Math.max(0, expected - received), seq_gaps: gaps, seq_dups: dups, errors, closed_connections: closed,
    achieved_deliveries_per_s: achieved,
    latency_ms: { count: lat.length, p50: percentile(lat, 0.5), p90: percentile(lat, 0.9), p99: percentile(lat, 0.99),
      p999: percentile(lat, 0.999), max: lat.length ? lat[lat.length - 1] : NaN },
    window_s: window, server_cpu_s: serverCpu, client_cpu_s: clientCpu,
    server_cores: serverCpu / window, client_cores: clientCpu / window, machine_busy: busy,
    server_cpu_s_per_million: inWindow ? serverCpu / (inWindow / 1e6) : NaN,
    client_cpu_s_per_million: inWindow ? clientCpu / (inWindow / 1e6) : NaN,
  };
  if (lastError) s.last_error = lastError;
  s.sustainable = s.lost === 0 && gaps === 0 && dups === 0 && errors === 0 && closed === 0 && lat.length > 0 && s.latency_ms.p99 <= o.p99;
  return s;
}

function sleepUntil(us) {
  return new Promise((resolve) => {
    const tick = () => { const d = us - Number(process.hrtime.bigint() / 1000n); if (d <= 0) resolve(); else setTimeout(tick, Math.min(50, d / 1000)); };
    tick();
  });
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

async function main() {
  const o = parseArgs(process.argv);
  const out = { client: 'node-ws', node: process.version, ws: require('ws/package.json').version, workers: o.workers,
    clients: o.clients, rooms: o.rooms, warmup_s: o.warmup, duration_s: o.duration, p99_limit_ms: o.p99, targets: {} };
  for (const t of o.targets) {
    const pid = o.pids[t.name];
    if (!pid) throw new Error('no --pid for ' + t.name + ' (its server CPU is part of the result)');
    const pool = new Pool(o, t);
    const setupStart = Date.now();
    await pool.start();
    console.log(`${t.name}: ${o.clients} connections in ${o.rooms} rooms over ${o.workers} workers, set up in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);
    let stepNo = 1;
    // Both JITs warm, not measured: the same 10 s at 30k deliveries/s as the Java client's --prewarm.
    if (o.prewarm > 0) await step(pool, o, o.prewarmRate, stepNo++, 0, o.prewarm, pid);
    const steps = [];
    let best = 0, failed = 0;
    for (const rate of o.rates) {
      const s = await step(pool, o, rate, stepNo++, o.warmup, o.duration, pid);
      steps.push(s);
      console.log(`${t.name} ${rate}/s: achieved ${f(s.achieved_deliveries_per_s, 0)}/s, lost ${s.lost}, p50 ${f(s.latency_ms.p50)} ms, `
        + `p99 ${f(s.latency_ms.p99)} ms, server ${f(s.server_cpu_s_per_million, 2)} CPU-s/M (${f(s.server_cores, 2)} cores), `
        + `client ${f(s.client_cores, 2)} cores${s.sustainable ? '' : '  [not sustainable]'}`);
      if (s.sustainable) { best = rate; failed = 0; } else if (++failed >= o.failures) break;
    }
    await pool.stop();
    out.targets[t.name] = { url: t.url, sustainable_deliveries_per_s: best, steps };
    console.log(`${t.name}: sustainable fan-out rate ${best} deliveries/s (nothing lost, p99 <= ${o.p99} ms)`);
  }
  const names = Object.keys(out.targets);
  if (names.length === 2) {
    const [a, b] = names.map((n) => out.targets[n]);
    out.ratio_sustainable = b.sustainable_deliveries_per_s ? a.sustainable_deliveries_per_s / b.sustainable_deliveries_per_s : null;
    console.log(`ratio ${names[0]}/${names[1]} sustainable: ${f(out.ratio_sustainable, 2)}`);
  }
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(out, null, 2));
}

// ---------------------------------------------------------------- worker threads

function worker() {
  const WebSocket = require('ws');
  const { w, workers, url, clients, rooms, tag, textBytes } = workerData;
  const mine = [];
  for (let i = w; i < clients; i += workers) mine.push(i);
  const roomName = (r) => `nb-${tag}-${r}`;
  const roomSize = new Array(rooms).fill(0);
  for (let i = 0; i < clients; i++) roomSize[i % rooms]++;
  const pad = 'x'.repeat(Math.max(0, textBytes - 24));
  const conns = new Map(); // index -> {ws, room, lastSeq, n}
  let st = null; // the current step's counters

  function open(i, create) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const c = { ws, i, room: i % rooms, lastSeq: -1, n: 0 };
      conns.set(i, c);
      let ready = false;
      ws.on('error', (e) => { if (!ready) reject(e); });
      ws.on('close', () => { c.closed = true; });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', nick: `nb${tag}-${i}`, ref: 'h' })));
      ws.on('message', (data) => {
        const f = JSON.parse(data);
        if (!ready) {
          if (f.type === 'welcome') ws.send(JSON.stringify({ type: create ? 'create' : 'join', room: roomName(c.room), ref: 'j' }));
          else if (f.type === 'ok' && f.ref === 'j') { ready = true; resolve(); }
          else if (f.type === 'error') reject(new Error(`${f.code}: ${f.message}`));
          return;
        }
        onFrame(c, f);
      });
    });
  }

  function onFrame(c, f) {
    if (f.type === 'message' || f.type === 'notice') {
      if (f.room === roomName(c.room) && Number.isInteger(f.seq)) {
        if (c.lastSeq < 0 || f.seq === c.lastSeq + 1) c.lastSeq = f.seq;
        else if (f.seq <= c.lastSeq) { if (st) st.dups++; }
        else { if (st) st.gaps++; c.lastSeq = f.seq; }
      }
      if (f.type !== 'message' || !st || typeof f.text !== 'string') return;
      const a = f.text.indexOf('.'), b = f.text.indexOf('.', a + 1);
      if (Number(f.text.slice(0, a)) !== st.stepNo) return;
      const intended = Number(f.text.slice(a + 1, b));
      const now = Number(process.hrtime.bigint() / 1000n);
      st.received++;
      if (now >= st.windowStart && now < st.windowEnd) st.inWindow++;
      if (intended >= st.windowStart && intended < st.windowEnd) st.lat.push((now - intended) / 1000);
    } else if (f.type === 'error') {
      if (st) { st.errors++; st.lastError = JSON.stringify(f).slice(0, 300); }
    }
  }

  async function connect(phase) {
    const list = mine.filter((i) => (phase === 'create' ? i < rooms : i >= rooms));
    for (let k = 0; k < list.length; k += 50) await Promise.all(list.slice(k, k + 50).map((i) => open(i, phase === 'create')));
  }

  function runStep(m) {
    st = { stepNo: m.stepNo, windowStart: m.windowStart, windowEnd: m.windowEnd, lat: [], sent: 0, expected: 0, received: 0,
      inWindow: 0, gaps: 0, dups: 0, errors: 0, lastError: null };
    // every connection sends every `interval` µs, connection j offset by j/clients of the period
    const interval = 1e6 * clients / m.sendsPerSec;
    const schedule = mine.map((i) => ({ c: conns.get(i), next: m.start + (i / clients) * interval }));
    return new Promise((resolve) => {
      const tick = () => {
        const now = Number(process.hrtime.bigint() / 1000n);
        let pending = false;
        for (const s of schedule) {
          while (s.next <= now && s.next < m.windowEnd) {
            const c = s.c;
            if (!c.closed) {
              c.ws.send(`{"type":"send","room":"${roomName(c.room)}","id":"${c.i}-${m.stepNo}-${c.n++}","text":"${m.stepNo}.${Math.round(s.next)}.${pad}"}`);
              st.sent++;
              st.expected += roomSize[c.room];
            }
            s.next += interval;
          }
          if (s.next < m.windowEnd) pending = true;
        }
        if (pending) setTimeout(tick, 1); else resolve();
      };
      tick();
    });
  }

  async function drain() {
    const t0 = Date.now();
    let last = -1, lastChange = Date.now();
    while (st.received < st.expected && Date.now() - t0 < 30000) {
      if (st.received !== last) { last = st.received; lastChange = Date.now(); }
      if (Date.now() - lastChange > 2000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    let closed = 0;
    for (const c of conns.values()) if (c.closed) closed++;
    const r = { ...st, closed };
    st = null;
    return r;
  }

  parentPort.on('message', async (m) => {
    let reply = {};
    if (m.cmd === 'connect') await connect(m.phase);
    else if (m.cmd === 'step') await runStep(m);
    else if (m.cmd === 'drain') reply = await drain();
    else if (m.cmd === 'close') { for (const c of conns.values()) c.ws.terminate(); }
    parentPort.postMessage({ ...reply, id: m.id });
  });
}

if (isMainThread) main().catch((e) => { console.error(e); process.exit(1); });
else worker();
