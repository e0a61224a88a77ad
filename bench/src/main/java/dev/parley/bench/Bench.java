package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point: {@code java -jar parley-bench.jar <scenario> --target name=ws://host:port/ws ...}.
 */
@Command(
    name = "parley-bench",
    mixinStandardHelpOptions = true,
    description = "Load client for any server speaking the Parley wire contract.",
    subcommands = {
      Bench.FanOutCmd.class,
      Bench.SweepCmd.class,
      Storm.Cmd.class,
      Idle.Cmd.class,
      Catchup.Cmd.class,
      Ready.Cmd.class,
      SignInStorm.Cmd.class,
      Capacity.Cmd.class
    })
public final class Bench {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  /** Options every scenario shares. */
  static final class Common {
    @Option(
        names = "--target",
        required = true,
        description = "name=ws://host:port/ws; repeat to compare servers (ratios are first/second)")
    List<String> targets = new ArrayList<>();

    @Option(
        names = "--pid",
        description =
            "name=pid of a target's server process (pid,pid,... for a cluster's nodes: their CPU is added up); default: found by port with ss")
    Map<String, String> pids = new LinkedHashMap<>();

    @Option(names = "--loops", description = "client event loops (default ${DEFAULT-VALUE})")
    int loops = 1;

    @Option(names = "--json", description = "write the result here")
    Path json;

    List<Client.Target> targets() {
      return targets.stream().map(Client.Target::parse).toList();
    }

    long pid(Client.Target t) {
      return pids(t)[0];
    }

    /** The processes whose CPU counts as the target's: every node of a cluster. */
    long[] pids(Client.Target t) {
      String p = pids.get(t.name());
      if (p != null)
        return java.util.Arrays.stream(p.split(","))
            .mapToLong(x -> Long.parseLong(x.strip()))
            .toArray();
      return t.nodes().stream()
          .mapToLong(u -> Proc.pidListeningOn(Client.Target.port(u)))
          .toArray();
    }

    void write(Map<String, Object> result) throws Exception {
      result.put("machine", machine());
      if (json != null) {
        Report.write(json, result);
        System.out.println("result: " + json);
      }
    }
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("open_files_limit", Proc.openFilesLimit());
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo")))
        if (l.startsWith("model name")) {
          m.put("cpu", l.split(":", 2)[1].trim());
          break;
        }
      for (String l : Files.readAllLines(Path.of("/proc/meminfo")))
        if (l.startsWith("MemTotal")) {
          m.put("memory", l.split(":", 2)[1].trim());
          break;
        }
    } catch (Exception e) {
      // not Linux
    }
    return m;
  }

  static class FanOutOptions {
    @Option(names = "--clients", description = "connections (default ${DEFAULT-VALUE})")
    int clients = 1000;

    @Option(
        names = "--rooms",
        description = "rooms; client i joins room i mod R (default ${DEFAULT-VALUE})")
    int rooms = 10;

    @Option(names = "--text-bytes", description = "message text size (default ${DEFAULT-VALUE})")
    int textBytes = 64;

    @Option(
        names = "--warmup",
        description = "seconds before the measured window (default ${DEFAULT-VALUE})")
    double warmup = 3;

    @Option(names = "--duration", description = "measured seconds (default ${DEFAULT-VALUE})")
    double duration = 10;

    @Option(
        names = "--drain",
        description = "max seconds to wait for stragglers (default ${DEFAULT-VALUE})")
    double drain = 10;

    @Option(
        names = "--parallel",
        description = "connection setups in flight (default ${DEFAULT-VALUE})")
    int parallel = 100;

    @Option(
        names = "--sources",
        description = "spread client sockets over 127.0.0.1..N (default ${DEFAULT-VALUE})")
    int sources = 1;

    @Option(
        names = "--p99-ms",
        description = "latency limit for 'sustainable' (default ${DEFAULT-VALUE})")
    double p99Ms = 50;

    @Option(
        names = "--prewarm",
        description =
            "unmeasured seconds of fan-out first, to warm the JITs (default ${DEFAULT-VALUE})")
    double prewarm = 10;

    @Option(
        names = "--prewarm-rate",
        description = "offered deliveries/s while prewarming (default ${DEFAULT-VALUE})")
    double prewarmRate = 30_000;

    FanOut.Params params() {
      return new FanOut.Params(
          clients, rooms, textBytes, warmup, duration, drain, parallel, sources);
    }
  }

  @Command(
      name = "fanout",
      mixinStandardHelpOptions = true,
      description = "Fan-out at one offered rate (deliveries/s).")
  static final class FanOutCmd extends FanOutOptions implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Option(
        names = "--rate",
        description = "offered deliveries per second (default ${DEFAULT-VALUE})")
    double rate = 200_000;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "fanout");
      result.put(
          "params",
          Map.of(
              "clients",
              clients,
              "rooms",
              rooms,
              "rate",
              rate,
              "duration_s",
              duration,
              "loops",
              common.loops));
      Map<String, Object> per = new LinkedHashMap<>();
      for (Client.Target t : common.targets()) {
        try (Client client = new Client(common.loops);
            FanOut f = new FanOut(client, t, params(), common.pids(t))) {
          f.setup();
          System.out.printf(
              Locale.ROOT,
              "%s: %d clients in %d rooms set up in %.1f s (server pids %s, %s)%n",
              t.name(),
              clients,
              rooms,
              f.setupSeconds,
              java.util.Arrays.toString(f.serverPids),
              client.epoll ? "epoll" : "nio");
          f.prewarm(prewarmRate, prewarm);
          Map<String, Object> s = f.step(rate);
          s.put("setup_s", f.setupSeconds);
          System.out.println(Report.stepLine(t.name(), s));
          per.put(t.name(), s);
        }
        Thread.sleep(1000);
      }
      result.put("targets", per);
      ratios(
          per,
          result,
          "server_cpu_s_per_million",
          "client_cpu_s_per_million",
          "latency_ms.p50",
          "latency_ms.p99");
      common.write(result);
      return 0;
    }
  }

  @Command(
      name = "sweep",
      mixinStandardHelpOptions = true,
      description =
          "Steps the offered rate up until p99 > limit or anything is lost; reports the sustainable rate and plots.")
  static final class SweepCmd extends FanOutOptions implements Callable<Integer> {
    @Mixin Common common = new Common();

    @Option(
        names = "--rates",
        split = ",",
        description = "offered deliveries/s per step (default ${DEFAULT-VALUE})")
    List<Double> rates =
        List.of(
            10_000.0, 25_000.0, 50_000.0, 75_000.0, 100_000.0, 150_000.0, 200_000.0, 250_000.0,
            300_000.0, 400_000.0, 500_000.0, 600_000.0);

    @Option(names = "--svg", description = "write the plot here")
    Path svg;

    @Option(
        names = "--failures",
        description = "stop after this many unsustainable steps (default ${DEFAULT-VALUE})")
    int failures = 2;

    @Option(names = "--settle", description = "seconds between steps (default ${DEFAULT-VALUE})")
    double settle = 2;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "sweep");
      result.put(
          "params",
          Map.of(
              "clients",
              clients,
              "rooms",
              rooms,
              "p99_limit_ms",
              p99Ms,
              "duration_s",
              duration,
              "loops",
              common.loops));
      Map<String, Object> per = new LinkedHashMap<>();
      Map<String, List<Map<String, Object>>> series = new LinkedHashMap<>();
      for (Client.Target t : common.targets()) {
        List<Map<String, Object>> steps = new ArrayList<>();
        double best = 0;
        try (Client client = new Client(common.loops);
            FanOut f = new FanOut(client, t, params(), common.pids(t))) {
          f.setup();
          System.out.printf(
              Locale.ROOT,
              "%s: %d clients in %d rooms set up in %.1f s (server pids %s)%n",
              t.name(),
              clients,
              rooms,
              f.setupSeconds,
              java.util.Arrays.toString(f.serverPids));
          f.prewarm(prewarmRate, prewarm);
          int failed = 0;
          for (double r : rates) {
            Map<String, Object> s = f.step(r);
            boolean ok = FanOut.sustainable(s, p99Ms);
            s.put("sustainable", ok);
            steps.add(s);
            System.out.println(Report.stepLine(t.name(), s) + (ok ? "" : "  <- over"));
            if (ok) best = Math.max(best, r);
            else if (++failed >= failures) break;
            if (f.conns.stream().filter(Conn::isOpen).count() < clients) {
              System.out.println("connections lost; stopping");
              break;
            }
            Thread.sleep((long) (settle * 1000));
          }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sustainable_deliveries_per_s", best);
        m.put("steps", steps);
        per.put(t.name(), m);
        series.put(t.name(), steps);
        System.out.printf(
            Locale.ROOT,
            "%s: sustainable fan-out rate %s deliveries/s (nothing lost, p99 <= %s ms)%n",
            t.name(),
            Report.f(best),
            Report.f(p99Ms));
        Thread.sleep(2000);
      }
      result.put("targets", per);
      ratios(per, result, "sustainable_deliveries_per_s");
      if (svg != null) {
        if (svg.getParent() != null) Files.createDirectories(svg.getParent());
        Files.writeString(svg, Report.svg(series, p99Ms));
        System.out.println("plot: " + svg);
      }
      common.write(result);
      return 0;
    }
  }

  /** Adds first/second ratios of the named (dotted) fields when two targets ran; prints them. */
  static void ratios(Map<String, Object> per, Map<String, Object> result, String... fields) {
    if (per.size() < 2) return;
    var names = new ArrayList<>(per.keySet());
    @SuppressWarnings("unchecked")
    Map<String, Object> a = (Map<String, Object>) per.get(names.get(0));
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) per.get(names.get(1));
    Map<String, Object> r = new LinkedHashMap<>();
    for (String f : fields) {
      String[] path = f.split("\\.");
      double x = Report.num(a, path), y = Report.num(b, path);
      double q = x / y;
      r.put(f, q);
      System.out.printf(
          Locale.ROOT,
          "ratio %s/%s %-28s %s / %s = %.2fx%n",
          names.get(0),
          names.get(1),
          f,
          Report.f(x),
          Report.f(y),
          q);
    }
    result.put("ratios_" + names.get(0) + "_over_" + names.get(1), r);
  }
}
