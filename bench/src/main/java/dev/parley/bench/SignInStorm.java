package dev.parley.bench;

import dev.parley.auth.Argon2Passwords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sign-in storm (issue 17): does a crowd signing in with passwords slow a room that is chatting? K
 * clients chat in one room at a steady open-loop rate (the fan-out scenario's sender and latency,
 * so no coordinated omission); a measured window without a storm (the baseline), then an equal
 * window at whose start N protected users all send {@code hello} with nick and password on new
 * sockets. Reported: each sign-in's time to welcome (retries after {@code slow_down} included), the
 * slow_downs, and delivery latency over the whole window and over the storm alone (its start to the
 * last welcome). Parley only: the reference server has no passwords.
 */
final class SignInStorm {
  private SignInStorm() {}

  @Command(
      name = "signin-storm",
      mixinStandardHelpOptions = true,
      description =
          "N password sign-ins at once while K clients chat in a room: delivery latency with and without the storm.")
  static final class Cmd implements Callable<Integer> {
    @Mixin Bench.Common common = new Bench.Common();

    @Option(
        names = "--users",
        description = "protected users signing in (default ${DEFAULT-VALUE})")
    int users = 200;

    @Option(
        names = "--chatters",
        description = "clients chatting in the room (default ${DEFAULT-VALUE})")
    int chatters = 50;

    @Option(
        names = "--messages-per-s",
        description = "messages sent per second, all chatters together (default ${DEFAULT-VALUE})")
    double messagesPerS = 200;

    @Option(
        names = "--duration",
        description = "seconds of each measured window (default ${DEFAULT-VALUE})")
    double duration = 20;

    @Option(
        names = "--warmup",
        description = "unmeasured seconds before each window (default ${DEFAULT-VALUE})")
    double warmup = 2;

    @Option(
        names = "--prewarm",
        description = "unmeasured seconds of chat first (default ${DEFAULT-VALUE})")
    double prewarm = 10;

    @Option(names = "--rounds", description = "baseline + storm pairs (default ${DEFAULT-VALUE})")
    int rounds = 2;

    @Option(
        names = "--setup-parallel",
        description = "users created at once in the setup (default ${DEFAULT-VALUE})")
    int setupParallel = 16;

    @Option(
        names = "--sources",
        description = "spread client sockets over 127.0.0.1..N (default ${DEFAULT-VALUE})")
    int sources = 4;

    @Option(
        names = "--hash-samples",
        description = "Argon2id hashes timed in this process first (default ${DEFAULT-VALUE})")
    int hashSamples = 10;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "signin-storm");
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("users", users);
      params.put("chatters", chatters);
      params.put("messages_per_s", messagesPerS);
      params.put("duration_s", duration);
      params.put("rounds", rounds);
      params.put("loops", common.loops);
      result.put("params", params);
      result.put("loadavg_at_start", loadAverage());
      result.put("argon2id_ms", argon2Cost(hashSamples));
      System.out.printf(
          Locale.ROOT,
          "Argon2id (the server's own settings) in this JVM, one thread: %s%n",
          result.get("argon2id_ms"));
      Map<String, Object> per = new LinkedHashMap<>();
      for (Client.Target t : common.targets()) per.put(t.name(), run(t));
      result.put("targets", per);
      result.put("loadavg_at_end", loadAverage());
      common.write(result);
      return 0;
    }

    private Map<String, Object> run(Client.Target t) throws Exception {
      Map<String, Object> m = new LinkedHashMap<>();
      long[] pids = common.pids(t);
      SignIns signIns = new SignIns(users, Setup.runTag());
      try (Client setup = new Client(1)) {
        double s = signIns.create(setup, t, setupParallel, sources);
        m.put("setup_s", s);
        System.out.printf(
            Locale.ROOT, "%s: %d protected users made in %.1f s%n", t.name(), users, s);
      }
      double deliveries = messagesPerS * chatters;
      var p = new FanOut.Params(chatters, 1, 64, warmup, duration, 10, chatters, sources);
      List<Map<String, Object>> rs = new ArrayList<>();
      try (Client chat = new Client(common.loops);
          Client stormClient = new Client(1);
          FanOut f = new FanOut(chat, t, p, pids)) {
        f.setup();
        f.prewarm(deliveries, prewarm);
        for (int r = 0; r < rounds; r++) {
          Map<String, Object> round = new LinkedHashMap<>();
          f.atWindowStart = null;
          Map<String, Object> base = f.step(deliveries, warmup, duration);
          System.out.println(Report.stepLine(t.name() + " calm", base));
          round.put("baseline", base);
          Thread.sleep(1000);
          AtomicReference<SignIns.Storm> storm = new AtomicReference<>();
          f.atWindowStart =
              () -> {
                SignIns.Storm st = signIns.new Storm(stormClient, t, sources, pids);
                f.mark(st.startNs);
                st.allDone.thenAccept(f::markEnd);
                storm.set(st);
              };
          Map<String, Object> during = f.step(deliveries, warmup, duration);
          f.atWindowStart = null;
          SignIns.Storm st = storm.get();
          try {
            st.allDone.get(120, TimeUnit.SECONDS);
          } catch (Exception e) {
            // reported as not all signed in
          }
          Map<String, Object> si = st.result();
          during.put("sign_ins", si);
          System.out.println(Report.stepLine(t.name() + " storm", during));
          System.out.println(line(t.name(), si, base, during));
          round.put("storm", during);
          rs.add(round);
          st.hangUp();
          Thread.sleep(2000);
        }
      }
      m.put("rounds", rs);
      return m;
    }

    static String line(
        String name, Map<String, Object> si, Map<String, Object> base, Map<String, Object> during) {
      return String.format(
          Locale.ROOT,
          "%-9s %d sign-ins: welcome p50 %s p99 %s max %s ms, all in %.2f s, %d slow_down to %d users %s, %d sockets reopened, errors %s, server %s ms CPU/sign-in | delivery p99 calm %s ms, whole storm window %s ms, during the storm %s ms (p50 %s, max %s, %d deliveries)",
          name,
          (long) Report.num(si, "signed_in"),
          Report.f(Report.num(si, "time_to_welcome_ms", "p50")),
          Report.f(Report.num(si, "time_to_welcome_ms", "p99")),
          Report.f(Report.num(si, "time_to_welcome_ms", "max")),
          Report.num(si, "all_signed_in_s"),
          (long) Report.num(si, "slow_down_answers"),
          (long) Report.num(si, "users_slowed"),
          si.get("retry_after_counts"),
          (long) Report.num(si, "sockets_reopened"),
          si.get("errors"),
          Report.f(Report.num(si, "server_cpu_ms_per_sign_in")),
          Report.f(Report.num(base, "latency_ms", "p99")),
          Report.f(Report.num(during, "latency_ms", "p99")),
          Report.f(Report.num(during, "latency_marked_ms", "p99")),
          Report.f(Report.num(during, "latency_marked_ms", "p50")),
          Report.f(Report.num(during, "latency_marked_ms", "max")),
          (long) Report.num(during, "latency_marked_ms", "count"));
    }

    /**
     * Milliseconds per Argon2id hash and check with the server's own parameters, here: wall time
     * and this thread's CPU time (the wall time grows with whatever else runs on the machine, the
     * CPU time hardly). Warmed first, so that the JIT has compiled the hash.
     */
    static Map<String, Object> argon2Cost(int samples) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      Argon2Passwords a = new Argon2Passwords();
      String phc = null;
      for (int i = 0; i < 20; i++) phc = a.hash("warm-up-password-" + i);
      long[] hash = new long[samples], check = new long[samples], cpu = new long[samples];
      for (int i = 0; i < samples; i++) {
        long c = threads.getCurrentThreadCpuTime();
        long s = System.nanoTime();
        phc = a.hash("correct-horse-" + i);
        hash[i] = System.nanoTime() - s;
        cpu[i] = threads.getCurrentThreadCpuTime() - c;
        s = System.nanoTime();
        a.verify("correct-horse-" + i, phc);
        check[i] = System.nanoTime() - s;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hash_median", median(hash));
      m.put("hash_cpu_median", median(cpu));
      m.put("check_median", median(check));
      m.put("samples", samples);
      return m;
    }

    private static double median(long[] ns) {
      long[] c = ns.clone();
      java.util.Arrays.sort(c);
      return c.length == 0 ? Double.NaN : c[c.length / 2] / 1e6;
    }

    static String loadAverage() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).strip();
      } catch (Exception e) {
        return "unknown";
      }
    }
  }
}
