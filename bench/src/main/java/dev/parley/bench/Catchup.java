package dev.parley.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reconnect catch-up: N clients in R rooms; all but a few senders per room hang up; the senders
 * post messages; then everyone who left reconnects at once (hello with its token, join, history
 * after the last seq it saw, paging until done) and the time until each has every missed event is
 * measured. Events are checked for gaps.
 */
final class Catchup {
  private Catchup() {}

  @Command(
      name = "catchup",
      mixinStandardHelpOptions = true,
      description = "Many clients reconnect at once and fetch what they missed.")
  static final class Cmd implements Callable<Integer> {
    @Mixin Bench.Common common = new Bench.Common();

    @Option(names = "--clients", description = "default ${DEFAULT-VALUE}")
    int clients = 1000;

    @Option(names = "--rooms", description = "default ${DEFAULT-VALUE}")
    int rooms = 10;

    @Option(
        names = "--missed",
        description = "messages posted per room while they are away (default ${DEFAULT-VALUE})")
    int missed = 100;

    @Option(names = "--senders-per-room", description = "default ${DEFAULT-VALUE}")
    int senders = 2;

    @Option(
        names = "--send-rate",
        description =
            "messages/s per sender, under the server's rate limit (default ${DEFAULT-VALUE})")
    double sendRate = 15;

    @Option(names = "--page", description = "history limit per request (default ${DEFAULT-VALUE})")
    int page = 100;

    @Option(names = "--parallel", description = "reconnects in flight (default: all at once)")
    int parallel = Integer.MAX_VALUE;

    @Option(
        names = "--retries",
        description =
            "history requests answered with an error are retried this often, after 100 ms, 200 ms, ... (default ${DEFAULT-VALUE})")
    int retries = 5;

    private final java.util.concurrent.ConcurrentHashMap<String, Long> errorKinds =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "retry");
              t.setDaemon(true);
              return t;
            });

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "catchup");
      Map<String, Object> per = new LinkedHashMap<>();
      for (Client.Target t : common.targets()) {
        per.put(t.name(), run(t));
        Thread.sleep(2000);
      }
      result.put("targets", per);
      Bench.ratios(per, result, "all_caught_up_s", "server_cpu_s");
      common.write(result);
      return 0;
    }

    Map<String, Object> run(Client.Target t) throws Exception {
      long pid = common.pid(t);
      Map<String, Object> m = new LinkedHashMap<>();
      var params = new FanOut.Params(clients, rooms, 32, 0, 0, 0, 100, 1);
      try (Client client = new Client(common.loops);
          FanOut f = new FanOut(client, t, params, pid)) {
        f.setup();
        Thread.sleep(1000);
        // who stays: the first `senders` members of each room (setup order: index idx, room idx %
        // R)
        List<Conn> stay = new ArrayList<>(), away = new ArrayList<>();
        for (Conn c : f.conns) (((int[]) c.attachment)[0] < rooms * senders ? stay : away).add(c);
        long[] last = new long[away.size()];
        for (int i = 0; i < away.size(); i++) {
          Conn c = away.get(i);
          last[i] = c.loop.call(() -> c.lastSeq);
          c.abort();
        }
        for (Conn c : away) c.closed.join();
        // the senders post `missed` messages per room, paced under the rate limit
        int perSender = (missed + senders - 1) / senders;
        long s0 = System.nanoTime();
        for (int k = 0; k < perSender; k++) {
          for (Conn c : stay) {
            int[] st = (int[]) c.attachment;
            String frame =
                "{\"type\":\"send\",\"room\":\""
                    + f.roomName(c.room)
                    + "\",\"id\":\"c"
                    + st[0]
                    + "-"
                    + (st[1]++)
                    + "\",\"text\":\"missed "
                    + k
                    + "\"}";
            c.loop.loop.execute(() -> c.send(frame, true));
          }
          FanOut.sleepUntil(s0 + (long) ((k + 1) * 1e9 / sendRate));
        }
        // wait until the senders have seen their own messages: the room's last seq
        long[] target = new long[rooms];
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
          java.util.Arrays.fill(target, 0);
          for (Conn c : stay)
            target[c.room] = Math.max(target[c.room], c.loop.call(() -> c.lastSeq));
          Thread.sleep(500);
          long[] again = new long[rooms];
          for (Conn c : stay) again[c.room] = Math.max(again[c.room], c.loop.call(() -> c.lastSeq));
          if (java.util.Arrays.equals(target, again) || System.nanoTime() > deadline) break;
        }
        // everyone reconnects at once
        ConcurrentHistogram h = new ConcurrentHistogram(600_000_000L, 3);
        java.util.concurrent.atomic.AtomicLong
            events = new java.util.concurrent.atomic.AtomicLong(),
            requests = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong
            incomplete = new java.util.concurrent.atomic.AtomicLong(),
            failed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.Semaphore sem =
            new java.util.concurrent.Semaphore(Math.min(parallel, away.size()));
        Proc.CpuWindow cpu = new Proc.CpuWindow(pid);
        cpu.start();
        long start = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>();
        List<Conn> fresh = new ArrayList<>();
        for (int i = 0; i < away.size(); i++) {
          Conn old = away.get(i);
          long from = Math.max(0, last[i]);
          long to = target[old.room];
          BitSet seen = new BitSet();
          String room = f.roomName(old.room);
          byte[] roomBytes = Scan.ascii(room);
          Conn.Listener live =
              new Conn.Listener() {
                @Override
                public void onText(Conn c, byte[] a, int off, int len, long now) {
                  Scan.Result r = c.loop.scan;
                  Scan.scan(a, off, off + len, r);
                  if (r.seq > from && r.seq <= to && Scan.valueIs(a, r.room, off + len, roomBytes))
                    seen.set((int) (r.seq - from));
                }
              };
          sem.acquire();
          Conn c = client.connect(t, old.index, null, live);
          fresh.add(c);
          CompletableFuture<?> done =
              c.opened
                  .thenCompose(x -> Setup.hello(x, old.nick, old.token))
                  .thenCompose(x -> Setup.join(x, room))
                  .thenCompose(x -> fetch(x, room, from, to, seen, events, requests))
                  .orTimeout(120, TimeUnit.SECONDS)
                  .whenComplete(
                      (ok, e) -> {
                        sem.release();
                        if (e != null) {
                          failed.incrementAndGet();
                          errorKinds.merge("failed: " + Setup.root(e).getMessage(), 1L, Long::sum);
                          return;
                        }
                        h.recordValue((System.nanoTime() - start) / 1000);
                        if (to > from && seen.nextClearBit(1) <= to - from)
                          incomplete.incrementAndGet();
                      });
          all.add(done);
        }
        try {
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(150, TimeUnit.SECONDS);
        } catch (Exception e) {
          // counted per client
        }
        double allS = (System.nanoTime() - start) / 1e9;
        cpu.stop();
        long missedTotal = 0;
        for (int i = 0; i < away.size(); i++)
          missedTotal += Math.max(0, target[away.get(i).room] - Math.max(0, last[i]));
        m.put("reconnecting_clients", away.size());
        m.put("missed_messages_per_room", missed);
        m.put("missed_events_total", missedTotal);
        m.put("history_requests", requests.get());
        m.put("history_events_received", events.get());
        m.put("failed", failed.get());
        m.put("errors_seen", new LinkedHashMap<>(errorKinds));
        m.put("incomplete", incomplete.get());
        m.put("all_caught_up_s", allS);
        m.put("per_client_ms", Report.percentiles(h.copy()));
        m.put("server_cpu_s", cpu.server());
        m.put("client_cpu_s", cpu.client());
        System.out.printf(
            Locale.ROOT,
            "%-9s catch-up: %d clients reconnected at once, %d missed events in all, %d history requests; all caught up in %.2f s (per client p50 %s p99 %s ms); failed %d incomplete %d; server %.2f CPU-s%n",
            t.name(),
            away.size(),
            missedTotal,
            requests.get(),
            allS,
            Report.f(Report.num(m, "per_client_ms", "p50")),
            Report.f(Report.num(m, "per_client_ms", "p99")),
            failed.get(),
            incomplete.get(),
            cpu.server());
        errorKinds.forEach(
            (k, v) ->
                System.out.printf(
                    Locale.ROOT,
                    "%-9s   %d x %s%n",
                    t.name(),
                    v,
                    k.length() > 160 ? k.substring(0, 160) : k));
        errorKinds.clear();
        for (Conn c : fresh) c.abort();
      }
      return m;
    }

    /** One history request; an error reply is retried with a growing pause, up to --retries. */
    private CompletableFuture<String> fetchPage(Conn c, String frame, int attempt) {
      return c.request(frame, "q", false)
          .thenCompose(
              s -> {
                if (!"error".equals(Scan.type(s))) return CompletableFuture.completedFuture(s);
                String code = Scan.stringField(s, "code");
                errorKinds.merge(
                    "history error " + code + ": " + Scan.stringField(s, "message"), 1L, Long::sum);
                if (attempt >= retries) throw new Setup.ServerError(code, s);
                CompletableFuture<String> later = new CompletableFuture<>();
                timer.schedule(
                    () ->
                        fetchPage(c, frame, attempt + 1)
                            .whenComplete(
                                (v, e) -> {
                                  if (e != null) later.completeExceptionally(e);
                                  else later.complete(v);
                                }),
                    100L << attempt,
                    TimeUnit.MILLISECONDS);
                return later;
              });
    }

    /** history after `from`, page by page, until the room's events up to `to` are all seen. */
    private CompletableFuture<Conn> fetch(
        Conn c,
        String room,
        long from,
        long to,
        BitSet seen,
        java.util.concurrent.atomic.AtomicLong events,
        java.util.concurrent.atomic.AtomicLong requests) {
      if (to <= from || seen.nextClearBit(1) > to - from)
        return CompletableFuture.completedFuture(c);
      long after = from + seen.nextClearBit(1) - 1;
      requests.incrementAndGet();
      String frame =
          "{\"type\":\"history\",\"ref\":\"q\",\"room\":\""
              + room
              + "\",\"after\":"
              + after
              + ",\"limit\":"
              + page
              + "}";
      return fetchPage(c, frame, 0)
          .thenCompose(
              s -> {
                int n = 0;
                int i = 0;
                while ((i = s.indexOf("\"seq\":", i)) >= 0) {
                  i += 6;
                  while (s.charAt(i) == ' ') i++;
                  int j = i;
                  while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                  long seq = Long.parseLong(s.substring(i, j));
                  if (seq > from && seq <= to) seen.set((int) (seq - from));
                  n++;
                }
                events.addAndGet(n);
                boolean more = s.contains("\"more\":true");
                if (n == 0 && !more)
                  return CompletableFuture.completedFuture(c); // nothing more to get
                return fetch(c, room, from, to, seen, events, requests);
              });
    }
  }
}
