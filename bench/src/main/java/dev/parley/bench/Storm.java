package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Connection storm: new connections at a fixed offered rate (open loop), each doing TCP connect,
 * WebSocket upgrade and hello until welcome, then hanging up (RST, so no TIME_WAIT). The rate steps
 * up until a step has errors or its p99 passes the limit.
 */
final class Storm {
  private Storm() {}

  @Command(
      name = "storm",
      mixinStandardHelpOptions = true,
      description = "Connects per second until errors.")
  static final class Cmd implements Callable<Integer> {
    @Mixin Bench.Common common = new Bench.Common();

    @Option(
        names = "--rates",
        split = ",",
        description = "connects/s per step (default ${DEFAULT-VALUE})")
    List<Integer> rates = List.of(100, 250, 500, 1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000);

    @Option(names = "--step-seconds", description = "default ${DEFAULT-VALUE}")
    double stepSeconds = 2;

    @Option(
        names = "--timeout-ms",
        description = "a connect+hello slower than this is an error (default ${DEFAULT-VALUE})")
    long timeoutMs = 5000;

    @Option(
        names = "--p99-ms",
        description = "a step with p99 above this is over (default ${DEFAULT-VALUE})")
    double p99Ms = 1000;

    @Option(
        names = "--sources",
        description = "spread client sockets over 127.0.0.1..N (default ${DEFAULT-VALUE})")
    int sources = 4;

    @Option(
        names = "--no-hello",
        negatable = true,
        description = "stop after the WebSocket upgrade")
    boolean noHello = false;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "storm");
      Map<String, Object> per = new LinkedHashMap<>();
      for (Client.Target t : common.targets()) {
        long pid = common.pid(t);
        List<Map<String, Object>> steps = new ArrayList<>();
        double best = 0;
        String tag = Setup.runTag();
        int idx = 0;
        try (Client client = new Client(common.loops)) {
          for (int rate : rates) {
            ConcurrentHistogram h = new ConcurrentHistogram(60_000_000L, 3);
            ConcurrentHistogram up = new ConcurrentHistogram(60_000_000L, 3);
            AtomicLong ok = new AtomicLong(), err = new AtomicLong();
            Map<String, Long> why = new java.util.concurrent.ConcurrentHashMap<>();
            List<CompletableFuture<?>> all = new ArrayList<>();
            Proc.CpuWindow cpu = new Proc.CpuWindow(pid);
            cpu.start();
            long start = System.nanoTime() + 20_000_000L;
            long n = (long) (rate * stepSeconds);
            double interval = 1e9 / rate;
            for (long k = 0; k < n; k++) {
              long intended = start + (long) (k * interval);
              FanOut.sleepUntil(intended);
              int i = idx++;
              Conn c = client.connect(t, i, Client.source(i, sources), new Conn.Listener() {});
              c.opened.thenRun(
                  () ->
                      up.recordValue(Math.min(60_000_000L, (System.nanoTime() - intended) / 1000)));
              CompletableFuture<?> f =
                  noHello
                      ? c.opened
                      : c.opened.thenCompose(x -> Setup.hello(x, "s" + tag + "-" + i, null));
              all.add(
                  f.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                      .whenComplete(
                          (v, e) -> {
                            if (e == null) {
                              ok.incrementAndGet();
                              h.recordValue(
                                  Math.min(60_000_000L, (System.nanoTime() - intended) / 1000));
                            } else {
                              err.incrementAndGet();
                              why.merge(
                                  Setup.root(e).getClass().getSimpleName()
                                      + ": "
                                      + String.valueOf(Setup.root(e).getMessage()),
                                  1L,
                                  Long::sum);
                            }
                            c.abort();
                          }));
            }
            try {
              CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                  .get(timeoutMs + 5000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
              // counted per connection
            }
            cpu.stop();
            Histogram hh = h.copy();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("offered_per_s", rate);
            s.put("attempted", n);
            s.put("ok", ok.get());
            s.put("errors", err.get());
            if (!why.isEmpty()) s.put("error_kinds", new LinkedHashMap<>(why));
            s.put("achieved_per_s", ok.get() / cpu.seconds());
            s.put("latency_ms", Report.percentiles(hh));
            s.put("upgrade_latency_ms", Report.percentiles(up.copy()));
            s.put("server_cpu_s", cpu.server());
            s.put("client_cpu_s", cpu.client());
            s.put("server_cpu_ms_per_connect", 1000 * cpu.server() / Math.max(1, ok.get()));
            boolean good = err.get() == 0 && Report.num(s, "latency_ms", "p99") <= p99Ms;
            s.put("clean", good);
            steps.add(s);
            System.out.printf(
                Locale.ROOT,
                "%-9s storm %6d/s: ok %d err %d  upgrade p50 %s p99 %s, +hello p50 %s p99 %s max %s ms  server %s ms CPU/connect%s%n",
                t.name(),
                rate,
                ok.get(),
                err.get(),
                Report.f(Report.num(s, "upgrade_latency_ms", "p50")),
                Report.f(Report.num(s, "upgrade_latency_ms", "p99")),
                Report.f(Report.num(s, "latency_ms", "p50")),
                Report.f(Report.num(s, "latency_ms", "p99")),
                Report.f(Report.num(s, "latency_ms", "max")),
                Report.f(Report.num(s, "server_cpu_ms_per_connect")),
                good ? "" : "  <- over " + why);
            if (!good) break;
            best = rate;
            Thread.sleep(1000);
          }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_clean_connects_per_s", best);
        m.put("steps", steps);
        per.put(t.name(), m);
        System.out.printf(
            Locale.ROOT,
            "%s: %s connects/s without errors (p99 <= %s ms)%n",
            t.name(),
            Report.f(best),
            Report.f(p99Ms));
        Thread.sleep(2000);
      }
      result.put("targets", per);
      Bench.ratios(per, result, "max_clean_connects_per_s");
      common.write(result);
      return 0;
    }
  }
}
