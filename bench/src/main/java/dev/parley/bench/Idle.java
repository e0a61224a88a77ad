package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Idle connections: the server's resident memory before and after N open, quiet connections. */
final class Idle {
  private Idle() {}

  @Command(
      name = "idle",
      mixinStandardHelpOptions = true,
      description = "Server memory per idle connection (VmRSS from /proc).")
  static final class Cmd implements Callable<Integer> {
    @Mixin Bench.Common common = new Bench.Common();

    @Option(names = "--connections", description = "default ${DEFAULT-VALUE}")
    int connections = 20_000;

    @Option(
        names = "--hello",
        negatable = true,
        description = "say hello on each (a user online; default ${DEFAULT-VALUE})")
    boolean hello = false;

    @Option(
        names = "--coalesce",
        negatable = true,
        description =
            "say coalesce in the hello, as Parley's web client does (default ${DEFAULT-VALUE})")
    boolean coalesce = true;

    @Option(names = "--parallel", description = "setups in flight (default ${DEFAULT-VALUE})")
    int parallel = 500;

    @Option(
        names = "--sources",
        description = "spread client sockets over 127.0.0.1..N (default ${DEFAULT-VALUE})")
    int sources = 4;

    @Option(
        names = "--hold",
        description = "seconds to hold them open before reading memory (default ${DEFAULT-VALUE})")
    double hold = 5;

    @Option(
        names = "--live-heap",
        description =
            "for a JVM server, also read its live heap after a full GC (jcmd GC.run, GC.heap_info) before, with and after the connections")
    boolean liveHeap = false;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "idle");
      Map<String, Object> per = new LinkedHashMap<>();
      for (Client.Target t : common.targets()) {
        long pid = common.pid(t);
        String tag = Setup.runTag();
        Map<String, Object> m = new LinkedHashMap<>();
        try (Client client = new Client(common.loops)) {
          long heap0 = liveHeap ? Proc.liveHeapBytes(pid) : -1;
          long rss0 = Proc.rssBytes(pid);
          double cpu0 = Proc.cpuSeconds(pid);
          long s = System.nanoTime();
          // open them all, tolerating failures (e.g. the server's open-file limit): count, don't
          // abort
          java.util.concurrent.Semaphore sem = new java.util.concurrent.Semaphore(parallel);
          List<Conn> conns = new java.util.ArrayList<>(connections);
          java.util.concurrent.atomic.AtomicLong failed =
              new java.util.concurrent.atomic.AtomicLong();
          Map<String, Long> why = new java.util.concurrent.ConcurrentHashMap<>();
          List<CompletableFuture<?>> all = new java.util.ArrayList<>(connections);
          for (int i = 0; i < connections; i++) {
            sem.acquire();
            Conn c = client.connect(t, i, Client.source(i, sources), new Conn.Listener() {});
            conns.add(c);
            CompletableFuture<?> f =
                c.opened
                    .thenCompose(
                        x ->
                            hello
                                ? Setup.hello(x, "i" + tag + "-" + x.index, null, coalesce)
                                : CompletableFuture.completedFuture(x))
                    .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS);
            all.add(
                f.whenComplete(
                    (v, e) -> {
                      sem.release();
                      if (e != null) {
                        failed.incrementAndGet();
                        why.merge(String.valueOf(Setup.root(e).getMessage()), 1L, Long::sum);
                        c.abort();
                      }
                    }));
          }
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
              .exceptionally(e -> null)
              .join();
          m.put("failed", failed.get());
          if (!why.isEmpty()) m.put("failures", new LinkedHashMap<>(why));
          double openS = (System.nanoTime() - s) / 1e9;
          double cpu1 = Proc.cpuSeconds(pid);
          Thread.sleep((long) (hold * 1000));
          long rss1 = Proc.rssBytes(pid);
          long heap1 = liveHeap ? Proc.liveHeapBytes(pid) : -1;
          long open = conns.stream().filter(Conn::isOpen).count();
          long clientRss = Proc.rssBytes(ProcessHandle.current().pid());
          for (Conn c : conns) c.abort();
          for (Conn c : conns) c.closed.join();
          Thread.sleep(2000);
          long rss2 = Proc.rssBytes(pid);
          long heap2 = liveHeap ? Proc.liveHeapBytes(pid) : -1;
          m.put("connections", connections);
          m.put("hello", hello);
          m.put("coalesce", coalesce);
          m.put("still_open_after_hold", open);
          m.put("open_seconds", openS);
          m.put("server_rss_before_mb", rss0 / 1048576.0);
          m.put("server_rss_with_connections_mb", rss1 / 1048576.0);
          m.put("server_rss_after_close_mb", rss2 / 1048576.0);
          m.put(
              "server_bytes_per_connection",
              open == 0 ? Double.NaN : (double) (rss1 - rss0) / open);
          if (heap0 >= 0 && heap1 >= 0) {
            m.put("server_live_heap_before_mb", heap0 / 1048576.0);
            m.put("server_live_heap_with_connections_mb", heap1 / 1048576.0);
            m.put("server_live_heap_after_close_mb", heap2 / 1048576.0);
            m.put(
                "server_live_heap_bytes_per_connection",
                open == 0 ? Double.NaN : (double) (heap1 - heap0) / open);
          }
          m.put("server_cpu_ms_per_connection", 1000 * (cpu1 - cpu0) / connections);
          m.put("client_rss_mb", clientRss / 1048576.0);
          System.out.printf(
              Locale.ROOT,
              "%-9s idle: %d connections (%s) opened in %.1f s, %d still open after %.0f s; server RSS %.0f -> %.0f MB = %.1f KiB per open connection (after close %.0f MB)%n",
              t.name(),
              connections,
              hello ? "hello" : "upgrade only",
              openS,
              open,
              hold,
              rss0 / 1048576.0,
              rss1 / 1048576.0,
              (rss1 - rss0) / 1024.0 / Math.max(1, open),
              rss2 / 1048576.0);
          if (heap0 >= 0 && heap1 >= 0) {
            System.out.printf(
                Locale.ROOT,
                "%-9s   live heap after full GC %.1f -> %.1f MB = %.1f KiB per open connection (after close %.1f MB)%n",
                t.name(),
                heap0 / 1048576.0,
                heap1 / 1048576.0,
                (heap1 - heap0) / 1024.0 / Math.max(1, open),
                heap2 / 1048576.0);
          }
          if (failed.get() > 0)
            System.out.printf(Locale.ROOT, "%-9s   %d failed: %s%n", t.name(), failed.get(), why);
        }
        per.put(t.name(), m);
        Thread.sleep(2000);
      }
      result.put("targets", per);
      Bench.ratios(per, result, "server_bytes_per_connection");
      common.write(result);
      return 0;
    }
  }
}
