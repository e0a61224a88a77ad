package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Capacity (issue 21): how many people one server serves. Simulated people (one connection each, on
 * the shared event loops) doing the {@link Mix} are added in steps; each step is held and measured;
 * the ramp stops at the first step where delivery p99 passes its limit, a request p99 (history,
 * search, password sign-in) passes its limit, anything is lost, or errors pass their share. The
 * last good step is the supported count.
 */
final class Capacity {
  private Capacity() {}

  /** The requests whose p99 judges a step. */
  static final Tally.Kind[] JUDGED = {Tally.Kind.HISTORY, Tally.Kind.SEARCH, Tally.Kind.SIGNIN};

  @Command(
      name = "capacity",
      mixinStandardHelpOptions = true,
      description =
          "Adds people doing a realistic mix in steps until latency, loss or errors break; reports the supported count.")
  static final class Cmd implements Callable<Integer> {
    @Mixin Bench.Common common = new Bench.Common();
    @Mixin Mix mix = new Mix();

    @Option(names = "--start", description = "people in the first step (default ${DEFAULT-VALUE})")
    int start = 500;

    @Option(names = "--step", description = "people added per step (default ${DEFAULT-VALUE})")
    int step = 500;

    @Option(names = "--max", description = "most people (default ${DEFAULT-VALUE})")
    int max = 30_000;

    @Option(names = "--hold", description = "measured seconds per step (default ${DEFAULT-VALUE})")
    double hold = 60;

    @Option(
        names = "--settle",
        description = "unmeasured seconds after adding people (default ${DEFAULT-VALUE})")
    double settle = 10;

    @Option(
        names = "--loss-deadline",
        description =
            "s after a step within which every event must have reached every member (default ${DEFAULT-VALUE})")
    double lossDeadline = 5;

    @Option(
        names = "--parallel",
        description = "people arriving at once (default ${DEFAULT-VALUE})")
    int parallel = 50;

    @Option(
        names = "--arrivals-per-s",
        description =
            "most people arriving a second, spread over the settle; 0: as fast as they get in (default ${DEFAULT-VALUE})")
    double arrivalsPerS = 0;

    @Option(
        names = "--sources",
        description = "spread client sockets over 127.0.0.1..N (default ${DEFAULT-VALUE})")
    int sources = 4;

    /** The push service of this run's devices, or null; set by {@link #call}. */
    private PushService pushService;

    @Option(names = "--delivery-p99-ms", description = "default ${DEFAULT-VALUE}")
    double deliveryP99Ms = 200;

    @Option(
        names = "--request-p99-ms",
        description = "history, search, sign-in (default ${DEFAULT-VALUE})")
    double requestP99Ms = 500;

    @Option(names = "--max-error-rate", description = "default ${DEFAULT-VALUE}")
    double maxErrorRate = 0.001;

    @Option(names = "--svg", description = "write the plot of delivery latency against people here")
    java.nio.file.Path svg;

    @Option(
        names = "--replot",
        description = "no run: plot these results of earlier runs (capacity JSON files) to --svg")
    List<java.nio.file.Path> replot;

    @Override
    public Integer call() throws Exception {
      if (replot != null) {
        Map<String, List<Map<String, Object>>> series = new LinkedHashMap<>();
        for (java.nio.file.Path p : replot) {
          @SuppressWarnings("unchecked")
          Map<String, Object> r =
              new tools.jackson.databind.ObjectMapper().readValue(p.toFile(), Map.class);
          @SuppressWarnings("unchecked")
          Map<String, Map<String, Object>> targets =
              (Map<String, Map<String, Object>>) r.get("targets");
          for (var e : targets.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) e.getValue().get("steps");
            String file = p.getFileName().toString().replaceFirst("\\.json$", "");
            series.put(targets.size() > 1 ? file + " " + e.getKey() : file, steps);
          }
        }
        java.nio.file.Files.writeString(svg, Report.capacitySvg(series, deliveryP99Ms));
        return 0;
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("scenario", "capacity");
      result.put("params", params());
      Map<String, Object> per = new LinkedHashMap<>();
      try (LinkSite site = mix.linkShare > 0 ? new LinkSite(mix.linkSitePort) : null;
          PushService push =
              mix.pushShare > 0 ? new PushService(mix.pushPort, mix.pushKeystore) : null) {
        pushService = push;
        for (Client.Target t : common.targets()) {
          long before = site == null ? 0 : site.served();
          long pushed = push == null ? 0 : push.taken();
          Map<String, Object> r = run(t);
          if (site != null) r.put("link_pages_served", site.served() - before);
          if (push != null) r.put("pushes_taken", push.taken() - pushed);
          per.put(t.name(), r);
          Thread.sleep(2000);
        }
      }
      result.put("targets", per);
      Bench.ratios(per, result, "supported_people", "memory_per_person_bytes");
      common.write(result);
      if (svg != null) {
        Map<String, List<Map<String, Object>>> series = new LinkedHashMap<>();
        for (var e : per.entrySet()) {
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> steps =
              (List<Map<String, Object>>) ((Map<String, Object>) e.getValue()).get("steps");
          series.put(e.getKey() + (mix.reference ? " (reference's part)" : ""), steps);
        }
        java.nio.file.Files.writeString(svg, Report.capacitySvg(series, deliveryP99Ms));
      }
      return 0;
    }

    Map<String, Object> params() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("mix", mix.reference ? "reference" : "full");
      p.put("start", start);
      p.put("step", step);
      p.put("max", max);
      p.put("hold_s", hold);
      p.put("settle_s", settle);
      p.put("arrivals_per_s", arrivalsPerS);
      p.put("loss_deadline_s", lossDeadline);
      p.put("speed", mix.speed);
      p.put("message_every_s", mix.messageEvery);
      p.put("read_every_s", mix.readEvery);
      p.put("react_every_s", mix.reactEvery);
      p.put("dm_every_s", mix.dmEvery);
      p.put("switch_every_s", mix.switchEvery);
      p.put("search_every_s", mix.searchEvery);
      p.put("settings_every_s", mix.settingsEvery);
      p.put("reconnect_every_s", mix.reconnectEvery);
      p.put("reply_share", mix.replyShare);
      p.put("thread_share", mix.threadShare);
      p.put("password_share", mix.passwordShare);
      p.put("link_share", mix.linkShare);
      p.put("push_share", mix.pushShare);
      p.put("typing_room_limit", mix.typingRoomLimit);
      p.put("rooms_per_person", mix.roomsPerPerson);
      p.put("largest_room", mix.largestRoom);
      p.put("zipf", mix.zipf);
      p.put("loops", common.loops);
      return p;
    }

    Map<String, Object> run(Client.Target t) throws Exception {
      long[] pids = common.pids(t);
      Map<String, Object> m = new LinkedHashMap<>();
      List<Map<String, Object>> steps = new ArrayList<>();
      int supported = 0;
      String stoppedBy = "reached --max";
      try (Client client = new Client(common.loops);
          Crowd crowd = new Crowd(client, t, mix, max, sources)) {
        crowd.push = pushService;
        Mix.Plan plan = crowd.plan;
        m.put("rooms_planned", plan.rooms);
        m.put("largest_rooms", java.util.Arrays.stream(plan.size).limit(5).boxed().toList());
        System.out.printf(
            Locale.ROOT,
            "%s: up to %d people in %d rooms (largest %s), mix %s, %s%n",
            t.name(),
            max,
            plan.rooms,
            m.get("largest_rooms"),
            mix.reference ? "reference" : "full",
            client.epoll ? "epoll" : "nio");
        long rss0 = rss(pids);
        m.put("server_rss_before_bytes", rss0);
        for (int n = Math.min(start, max); ; n = Math.min(max, n + step)) {
          long s0 = System.nanoTime();
          int failed = crowd.grow(n, parallel, arrivalsPerS);
          double setupS = (System.nanoTime() - s0) / 1e9;
          Thread.sleep((long) (settle * 1000));
          crowd.resetTallies();
          Proc.CpuWindow cpu = new Proc.CpuWindow(pids);
          long ws = System.nanoTime();
          crowd.window(ws, ws + (long) (hold * 1e9));
          cpu.start();
          FanOut.sleepUntil(ws + (long) (hold * 1e9));
          cpu.stop();
          long rss = rss(pids);
          Map<String, Object> loss = crowd.losses(lossDeadline);
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("people", n);
          s.put("setup_s", setupS);
          s.put("failed_arrivals", failed);
          // hellos told slow_down since the last step, arrivals included (with the scripts' limits
          // lifted: the server busy hashing passwords)
          s.put("hello_slow_downs", crowd.helloSlowDowns.getAndSet(0));
          s.put("most_slow_downs_one_hello", crowd.mostSlowDowns.getAndSet(0));
          s.putAll(crowd.collect(cpu.seconds()));
          s.putAll(loss);
          s.put("server_cores", cpu.server() / cpu.seconds());
          s.put("client_cores", cpu.client() / cpu.seconds());
          s.put("machine_busy", cpu.machineBusy());
          s.put("server_rss_bytes", rss);
          s.put("memory_per_person_bytes", rss0 > 0 && rss > 0 ? (double) (rss - rss0) / n : -1.0);
          List<String> why = verdict(s, failed, crowd.firstArrivalError);
          s.put("good", why.isEmpty());
          if (!why.isEmpty()) s.put("over", why);
          steps.add(s);
          System.out.println(line(t.name(), s) + (why.isEmpty() ? "" : "  <- " + why));
          if (!why.isEmpty()) {
            stoppedBy = String.join("; ", why);
            break;
          }
          supported = n;
          m.put("memory_per_person_bytes", s.get("memory_per_person_bytes"));
          if (n >= max) break;
        }
      }
      m.put("supported_people", supported);
      m.put("stopped_by", stoppedBy);
      m.put("steps", steps);
      System.out.printf(
          Locale.ROOT,
          "%s: supported %d people (stopped by: %s)%n",
          t.name(),
          supported,
          stoppedBy);
      return m;
    }

    /** Why a step is over the limits; empty when it is good. */
    List<String> verdict(Map<String, Object> s, int failedArrivals, String arrivalError) {
      List<String> why = new ArrayList<>();
      double p99 = Report.num(s, "delivery_ms", "p99");
      if (Report.num(s, "deliveries") == 0) why.add("nothing delivered");
      else if (p99 > deliveryP99Ms) why.add("delivery p99 " + Report.f(p99) + " ms");
      for (Tally.Kind k : JUDGED) {
        String name = k.name().toLowerCase(Locale.ROOT);
        double q = Report.num(s, "actions", name, "latency_ms", "p99");
        if (q > requestP99Ms) why.add(name + " p99 " + Report.f(q) + " ms");
      }
      long lost = (long) (Report.num(s, "lost_events") + Report.num(s, "lost_dms"));
      if (lost > 0) why.add(lost + " lost");
      if (failedArrivals > 0) why.add(failedArrivals + " could not join (" + arrivalError + ")");
      double er = Report.num(s, "error_rate");
      if (er > maxErrorRate) why.add(String.format(Locale.ROOT, "errors %.2f%%", 100 * er));
      return why;
    }

    static long rss(long[] pids) {
      long sum = 0;
      for (long p : pids) {
        long r = p > 0 ? Proc.rssBytes(p) : -1;
        if (r < 0) return -1;
        sum += r;
      }
      return sum;
    }

    static String line(String target, Map<String, Object> s) {
      return String.format(
          Locale.ROOT,
          "%-9s %6d people  %7s deliveries/s  delivery p50 %s p99 %s ms  history p99 %s  search p99 %s  sign-in p99 %s ms  lost %d  errors %d (%s%%)  server %s cores, %s MB, %s kB/person  client %s cores  slow_down %d (at most %d in a row)",
          target,
          (long) Report.num(s, "people"),
          Report.f(Report.num(s, "deliveries_per_s")),
          Report.f(Report.num(s, "delivery_ms", "p50")),
          Report.f(Report.num(s, "delivery_ms", "p99")),
          Report.f(Report.num(s, "actions", "history", "latency_ms", "p99")),
          Report.f(Report.num(s, "actions", "search", "latency_ms", "p99")),
          Report.f(Report.num(s, "actions", "signin", "latency_ms", "p99")),
          (long) (Report.num(s, "lost_events") + Report.num(s, "lost_dms")),
          (long) Report.num(s, "errors"),
          Report.f(100 * Report.num(s, "error_rate")),
          Report.f(Report.num(s, "server_cores")),
          Report.f(Report.num(s, "server_rss_bytes") / 1e6),
          Report.f(Report.num(s, "memory_per_person_bytes") / 1e3),
          Report.f(Report.num(s, "client_cores")),
          (long) Report.num(s, "hello_slow_downs"),
          (long) Report.num(s, "most_slow_downs_one_hello"));
    }
  }
}
