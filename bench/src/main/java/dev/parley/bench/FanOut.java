package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Fan-out: N clients in R rooms, each sending on an open-loop schedule; every member of the room
 * (the sender too) receives each message. Latency runs from the intended send time, carried in the
 * message text, to receipt, so a stalled server or client shows up as latency, not as a slower
 * offered rate (no coordinated omission).
 */
final class FanOut implements Conn.Listener, AutoCloseable {

  record Params(
      int clients,
      int rooms,
      int textBytes,
      double warmup,
      double duration,
      double drainMax,
      int parallel,
      int sources) {}

  private static final byte[] MESSAGE = Scan.ascii("message");
  private static final byte[] NOTICE = Scan.ascii("notice");
  private static final byte[] ERROR = Scan.ascii("error");
  private static final byte[] RATE_LIMITED = Scan.ascii("rate_limited");

  final Client client;
  final Client.Target target;
  final Params p;
  final long[] serverPids;
  final String tag = Setup.runTag();
  final long t0 = System.nanoTime();
  final int[] roomSize;
  final byte[][] roomNames;
  List<Conn> conns = List.of();
  double setupSeconds;

  private volatile int step;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  // a span inside the window (another scenario's storm), its end unknown until it ends
  private volatile long markStart = Long.MAX_VALUE;
  private volatile long markEnd = Long.MAX_VALUE;

  /** Run by {@link #step} when its measured window opens (on the driver's thread: be quick). */
  volatile Runnable atWindowStart;

  FanOut(Client client, Client.Target target, Params p, long... serverPids) {
    this.client = client;
    this.target = target;
    this.p = p;
    this.serverPids = serverPids;
    roomSize = new int[p.rooms];
    roomNames = new byte[p.rooms][];
    for (int i = 0; i < p.clients; i++) roomSize[i % p.rooms]++;
    for (int r = 0; r < p.rooms; r++) roomNames[r] = Scan.ascii(roomName(r));
  }

  String roomName(int r) {
    return "bench-" + tag + "-" + r;
  }

  void setup() throws InterruptedException {
    long s = System.nanoTime();
    // the first member of each room creates it, then everyone else joins
    List<Conn> firsts =
        Client.openAll(
            client, target, p.rooms, p.rooms, p.sources, i -> this, c -> enter(c, c.index));
    List<Conn> rest =
        Client.openAll(
            client,
            target,
            p.clients - p.rooms,
            p.parallel,
            p.sources,
            i -> this,
            c -> enter(c, c.index + p.rooms));
    List<Conn> all = new ArrayList<>(firsts);
    // Client.openAll numbered the rest from 0; renumber through attachment: index used for loop
    // choice only
    all.addAll(rest);
    conns = all;
    setupSeconds = (System.nanoTime() - s) / 1e9;
  }

  private java.util.concurrent.CompletableFuture<Conn> enter(Conn c, int idx) {
    int room = idx % p.rooms;
    c.room = room;
    c.roomBytes = roomNames[room];
    c.attachment = new int[] {idx, 0};
    return Setup.hello(c, "b" + tag + "-" + idx, null)
        .thenCompose(x -> Setup.join(x, roomName(room)));
  }

  @Override
  public void onText(Conn c, byte[] a, int off, int len, long now) {
    Loop L = c.loop;
    Scan.Result r = L.scan;
    int end = off + len;
    Scan.scan(a, off, end, r);
    if (r.type < 0) return;
    byte t = a[r.type];
    if (t == 'm' && Scan.valueIs(a, r.type, end, MESSAGE)) {
      checkSeq(c, a, r, end);
      if (r.text < 0) return;
      int i = r.text;
      long st = Scan.parseLong(a, i, end);
      while (i < end && a[i] != '.') i++;
      long micros = Scan.parseLong(a, i + 1, end);
      if (st < 0 || micros < 0) return;
      if (st != step) {
        L.stale++;
        return;
      }
      L.received++;
      if (now >= windowStart && now < windowEnd) L.receivedInWindow++;
      long intended = t0 + micros * 1000;
      if (intended >= windowStart && intended < windowEnd) {
        long lat = (now - intended) / 1000;
        L.hist.recordValue(Math.max(0, Math.min(lat, 60_000_000L)));
        if (intended >= markStart && intended < markEnd)
          L.marked.recordValue(Math.max(0, Math.min(lat, 60_000_000L)));
      }
    } else if (t == 'n' && Scan.valueIs(a, r.type, end, NOTICE)) {
      checkSeq(c, a, r, end);
    } else if (t == 'e' && Scan.valueIs(a, r.type, end, ERROR)) {
      L.errors++;
      if (Scan.indexOf(a, off, end, RATE_LIMITED) >= 0) L.rateLimited++;
      L.lastError = new String(a, off, Math.min(len, 300), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void checkSeq(Conn c, byte[] a, Scan.Result r, int end) {
    if (r.seq < 0 || c.roomBytes == null || !Scan.valueIs(a, r.room, end, c.roomBytes)) return;
    if (c.lastSeq < 0 || r.seq == c.lastSeq + 1) c.lastSeq = r.seq;
    else if (r.seq <= c.lastSeq) c.seqDups++;
    else {
      c.seqGaps++;
      c.lastSeq = r.seq;
    }
  }

  /** Sends of one loop's connections on a fixed schedule (open loop). */
  private final class Sender implements Runnable {
    final Loop L;
    final Conn[] cs;
    final double intervalNs;
    final long start, end;
    final int stepNo;
    long k;
    final StringBuilder sb = new StringBuilder(256);
    final String pad;

    Sender(Loop L, Conn[] cs, double intervalNs, long start, long end, int stepNo) {
      this.L = L;
      this.cs = cs;
      this.intervalNs = intervalNs;
      this.start = start;
      this.end = end;
      this.stepNo = stepNo;
      pad = "x".repeat(Math.max(0, p.textBytes - 24));
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      while (true) {
        long t = start + (long) (k * intervalNs);
        if (t >= end) return;
        if (t > now) {
          L.loop.schedule(this, t - now, TimeUnit.NANOSECONDS);
          return;
        }
        Conn c = cs[(int) (k % cs.length)];
        k++;
        if (!c.isOpen()) continue;
        int[] st = (int[]) c.attachment;
        sb.setLength(0);
        sb.append("{\"type\":\"send\",\"room\":\"")
            .append(roomName(c.room))
            .append("\",\"id\":\"")
            .append(st[0])
            .append('-')
            .append(st[1]++)
            .append("\",\"text\":\"")
            .append(stepNo)
            .append('.')
            .append((t - t0) / 1000)
            .append('.')
            .append(pad)
            .append("\"}");
        c.send(sb, true);
        L.sent++;
        L.expected += roomSize[c.room];
      }
    }
  }

  /**
   * Marks a span of the current step from {@code startNs}: its deliveries are also reported apart
   * ({@code latency_marked_ms}). The end comes later, through {@link #markEnd}.
   */
  void mark(long startNs) {
    markEnd = Long.MAX_VALUE;
    markStart = startNs;
  }

  void markEnd(long endNs) {
    markEnd = endNs;
  }

  /** One measured step at an offered rate in deliveries per second. */
  Map<String, Object> step(double deliveriesPerSec) throws InterruptedException {
    return step(deliveriesPerSec, p.warmup, p.duration);
  }

  /**
   * An unmeasured step so that both JITs (the server's and the client's) are warm before measuring.
   */
  void prewarm(double deliveriesPerSec, double seconds) throws InterruptedException {
    if (seconds > 0) step(deliveriesPerSec, 0, seconds);
  }

  Map<String, Object> step(double deliveriesPerSec, double warmupS, double durationS)
      throws InterruptedException {
    int stepNo = step + 1;
    for (Loop L : client.loops)
      L.call(
          () -> {
            L.resetStep();
            return null;
          });
    for (Conn c : conns)
      c.loop.loop.execute(
          () -> {
            c.seqGaps = 0;
            c.seqDups = 0;
          });
    step = stepNo;
    markStart = Long.MAX_VALUE;
    markEnd = Long.MAX_VALUE;
    double avgRoom = (double) p.clients / p.rooms;
    double sendsPerSec = deliveriesPerSec / avgRoom;
    long start = System.nanoTime() + 100_000_000L;
    long ws = start + (long) (warmupS * 1e9);
    long we = ws + (long) (durationS * 1e9);
    windowStart = ws;
    windowEnd = we;
    Map<Loop, List<Conn>> byLoop = new LinkedHashMap<>();
    for (Conn c : conns) byLoop.computeIfAbsent(c.loop, k -> new ArrayList<>()).add(c);
    for (var e : byLoop.entrySet()) {
      double loopRate = sendsPerSec * e.getValue().size() / conns.size();
      Sender s =
          new Sender(
              e.getKey(), e.getValue().toArray(Conn[]::new), 1e9 / loopRate, start, we, stepNo);
      e.getKey().loop.schedule(s, start - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    Proc.CpuWindow cpu = new Proc.CpuWindow(serverPids);
    sleepUntil(ws);
    cpu.start();
    Runnable hook = atWindowStart;
    if (hook != null) hook.run();
    sleepUntil(we);
    cpu.stop();
    // drain: until every expected delivery arrived, or no progress for 2 s, or drainMax
    long drainStart = System.nanoTime();
    long lastProgress = drainStart, lastCount = -1;
    long[] sums;
    while (true) {
      sums = sums();
      if (sums[1] >= sums[0]) break;
      long now = System.nanoTime();
      if (sums[1] != lastCount) {
        lastCount = sums[1];
        lastProgress = now;
      }
      if (now - lastProgress > 2_000_000_000L || now - drainStart > p.drainMax * 1e9) break;
      Thread.sleep(50);
    }
    double drain = (System.nanoTime() - drainStart) / 1e9;
    Histogram h = new Histogram(60_000_000L, 3);
    Histogram marked = new Histogram(60_000_000L, 3);
    long errors = 0, rateLimited = 0, stale = 0, inWindow = 0, sent = 0;
    String lastError = null;
    for (Loop L : client.loops) {
      Object[] snap =
          L.call(
              () ->
                  new Object[] {
                    L.hist.copy(),
                    L.errors,
                    L.rateLimited,
                    L.stale,
                    L.receivedInWindow,
                    L.sent,
                    L.lastError,
                    L.marked.copy()
                  });
      h.add((Histogram) snap[0]);
      marked.add((Histogram) snap[7]);
      errors += (Long) snap[1];
      rateLimited += (Long) snap[2];
      stale += (Long) snap[3];
      inWindow += (Long) snap[4];
      sent += (Long) snap[5];
      if (snap[6] != null) lastError = (String) snap[6];
    }
    long gaps = 0, dups = 0;
    for (Conn c : conns) {
      long[] g = c.loop.call(() -> new long[] {c.seqGaps, c.seqDups});
      gaps += g[0];
      dups += g[1];
    }
    long closed = conns.stream().filter(c -> !c.isOpen()).count();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("offered_deliveries_per_s", deliveriesPerSec);
    m.put("sends_per_s", sendsPerSec);
    m.put("sent", sent);
    m.put("expected", sums[0]);
    m.put("received", sums[1]);
    m.put("lost", Math.max(0, sums[0] - sums[1]));
    m.put("seq_gaps", gaps);
    m.put("seq_dups", dups);
    m.put("errors", errors);
    m.put("rate_limited", rateLimited);
    m.put("stale", stale);
    m.put("closed_connections", closed);
    if (lastError != null) m.put("last_error", lastError);
    m.put("achieved_deliveries_per_s", inWindow / cpu.seconds());
    m.put("latency_ms", Report.percentiles(h));
    if (marked.getTotalCount() > 0) m.put("latency_marked_ms", Report.percentiles(marked));
    m.put("window_s", cpu.seconds());
    m.put("drain_s", drain);
    m.put("server_cpu_s", cpu.server());
    m.put("client_cpu_s", cpu.client());
    m.put("server_cores", cpu.server() / cpu.seconds());
    m.put("client_cores", cpu.client() / cpu.seconds());
    m.put("server_kernel_share", cpu.serverSysShare());
    m.put("client_kernel_share", cpu.clientSysShare());
    m.put("machine_busy", cpu.machineBusy());
    // CPU used by anything else on the machine during the window (other builds, the other server)
    m.put(
        "other_cores",
        cpu.machineBusy() * Runtime.getRuntime().availableProcessors()
            - (cpu.server() + cpu.client()) / cpu.seconds());
    m.put("server_cpu_s_per_million", inWindow == 0 ? Double.NaN : cpu.server() / (inWindow / 1e6));
    m.put("client_cpu_s_per_million", inWindow == 0 ? Double.NaN : cpu.client() / (inWindow / 1e6));
    return m;
  }

  private long[] sums() {
    long exp = 0, rec = 0;
    for (Loop L : client.loops) {
      long[] v = L.call(() -> new long[] {L.expected, L.received});
      exp += v[0];
      rec += v[1];
    }
    return new long[] {exp, rec};
  }

  static boolean sustainable(Map<String, Object> step, double p99LimitMs) {
    @SuppressWarnings("unchecked")
    Map<String, Object> lat = (Map<String, Object>) step.get("latency_ms");
    return ((Number) step.get("lost")).longValue() == 0
        && ((Number) step.get("seq_gaps")).longValue() == 0
        && ((Number) step.get("seq_dups")).longValue() == 0
        && ((Number) step.get("errors")).longValue() == 0
        && ((Number) step.get("closed_connections")).longValue() == 0
        && ((Number) lat.get("p99")).doubleValue() <= p99LimitMs
        && ((Number) lat.get("count")).longValue() > 0;
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long d;
    while ((d = nanoTime - System.nanoTime()) > 0)
      TimeUnit.NANOSECONDS.sleep(Math.min(d, 50_000_000L));
  }

  @Override
  public void close() {
    for (Conn c : conns) c.abort();
    for (Conn c : conns) c.closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> c).join();
  }
}
