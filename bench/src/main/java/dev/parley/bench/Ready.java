package dev.parley.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Start-to-ready: launches a server command, then tries connect + upgrade + hello every few
 * milliseconds; ready is the first welcome. The server is stopped afterwards (SIGTERM to its tree).
 */
final class Ready {
  private Ready() {}

  @Command(
      name = "ready",
      mixinStandardHelpOptions = true,
      description = "Time from process start to the first welcome.")
  static final class Cmd implements Callable<Integer> {
    @Mixin Bench.Common common = new Bench.Common();

    @Option(
        names = "--cmd",
        required = true,
        description = "name=shell command that starts that target's server")
    Map<String, String> cmds = new LinkedHashMap<>();

    @Option(names = "--repeat", description = "default ${DEFAULT-VALUE}")
    int repeat = 3;

    @Option(names = "--timeout", description = "seconds (default ${DEFAULT-VALUE})")
    double timeout = 30;

    @Option(names = "--log", description = "server output goes here (default ${DEFAULT-VALUE})")
    File log = new File("ready-server.log");

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "ready");
      Map<String, Object> per = new LinkedHashMap<>();
      try (Client client = new Client(1)) {
        for (Client.Target t : common.targets()) {
          String cmd = cmds.get(t.name());
          if (cmd == null) throw new IllegalArgumentException("no --cmd for " + t.name());
          List<Double> times = new ArrayList<>();
          List<Double> upgrades = new ArrayList<>();
          for (int r = 0; r < repeat; r++) {
            if (Proc.pidListeningOn(t.port()) > 0)
              throw new IllegalStateException("port " + t.port() + " is already in use");
            Process p =
                new ProcessBuilder("bash", "-c", "exec " + cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            long s = System.nanoTime();
            double took = Double.NaN;
            double upgraded = Double.NaN;
            int k = 0;
            final int run = r;
            while ((System.nanoTime() - s) / 1e9 < timeout && p.isAlive()) {
              Conn c = client.connect(t, k, null, new Conn.Listener() {});
              String nick = "ready-" + run + "-" + (k++);
              try {
                c.opened.get(1, TimeUnit.SECONDS);
                if (Double.isNaN(upgraded)) upgraded = (System.nanoTime() - s) / 1e9;
                c.opened.thenCompose(x -> Setup.hello(x, nick, null)).get(1, TimeUnit.SECONDS);
                took = (System.nanoTime() - s) / 1e9;
                c.abort();
                break;
              } catch (Exception e) {
                c.abort();
                Thread.sleep(5);
              }
            }
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
              p.destroyForcibly();
              p.waitFor();
            }
            while (Proc.pidListeningOn(t.port()) > 0) Thread.sleep(50);
            times.add(took);
            upgrades.add(upgraded);
            System.out.printf(
                Locale.ROOT,
                "%-9s start to first upgrade %.3f s, to first welcome %.3f s%n",
                t.name(),
                upgraded,
                took);
          }
          List<Double> sorted = new ArrayList<>(times);
          sorted.sort(null);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("runs_s", times);
          m.put("first_upgrade_s", upgrades);
          m.put("median_s", sorted.get(sorted.size() / 2));
          per.put(t.name(), m);
          System.out.printf(
              Locale.ROOT,
              "%-9s start to ready, median of %d: %.3f s%n",
              t.name(),
              repeat,
              sorted.get(sorted.size() / 2));
        }
      }
      result.put("targets", per);
      Bench.ratios(per, result, "median_s");
      common.write(result);
      return 0;
    }
  }
}
