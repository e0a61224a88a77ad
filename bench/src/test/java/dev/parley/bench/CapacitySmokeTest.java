package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Guards;
import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The capacity scenario at a tiny size against a real Parley node on port 0, its rates scaled up so
 * that every kind of action happens in a few seconds: asserts that each was done and answered and
 * that nothing was lost, not that anything is fast (the latency limits are set out of reach).
 */
class CapacitySmokeTest {

  @TempDir static Path tmp;
  static ParleyServer server;
  static String url;

  /** One server for both: its start is most of a smoke run's time on a busy machine. */
  @BeforeAll
  static void start() throws Exception {
    server =
        ParleyServer.start(
            ParleyConfig.defaults()
                .withPort(0)
                .withDataDir(tmp)
                .withRate(1000, 2000)
                .withGuards(Guards.defaults().withNewUsers(1_000_000, 1_000_000)));
    url = "smoke=ws://127.0.0.1:" + server.port() + "/ws";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private Map<String, Object> run(String... extra) throws Exception {
    Capacity.Cmd cmd = new Capacity.Cmd();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--target",
                url,
                "--pid",
                "smoke=" + ProcessHandle.current().pid(),
                "--delivery-p99-ms",
                "60000",
                "--request-p99-ms",
                "60000",
                "--sources",
                "1",
                "--settle",
                "0.3",
                "--loss-deadline",
                "1"));
    args.addAll(List.of(extra));
    new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
    Map<String, Object> r = cmd.run(Client.Target.parse(url));
    System.out.println(Report.json(r));
    return r;
  }

  @Test
  void everyActionOfTheMixIsDoneAndAnsweredAndNothingIsLost() throws Exception {
    Map<String, Object> r =
        run(
            "--start",
            "15",
            "--step",
            "15",
            "--max",
            "30",
            "--hold",
            "3",
            "--message-every",
            "1.5",
            "--typing-ms",
            "200",
            "--read-every",
            "1",
            "--react-every",
            "2",
            "--dm-every",
            "3",
            "--switch-every",
            "2",
            "--search-every",
            "3",
            "--settings-every",
            "2",
            "--arrivals-per-s",
            "50",
            "--reconnect-every",
            "2.5",
            "--password-share",
            "0.3",
            "--reply-share",
            "0.25",
            "--thread-share",
            "0.25",
            "--rooms-per-person",
            "3",
            "--largest-room",
            "0.5");
    assertThat(r.get("stopped_by")).isEqualTo("reached --max");
    assertThat(r.get("supported_people")).isEqualTo(30);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) r.get("steps");
    assertThat(steps).hasSize(2);
    long[] done = new long[Tally.Kind.VALUES.length], answered = new long[done.length];
    for (Map<String, Object> s : steps) {
      // a search may be refused (503 search_busy) when the machine is overloaded; nothing else
      double searchErrors = Report.num(s, "actions", "search", "errors");
      assertThat(Report.num(s, "errors") - (Double.isNaN(searchErrors) ? 0 : searchErrors))
          .as("errors: %s", s.get("last_error"))
          .isEqualTo(0.0);
      assertThat(s.get("failed_arrivals")).isEqualTo(0);
      assertThat(s.get("lost_events")).isEqualTo(0L);
      assertThat(s.get("lost_dms")).isEqualTo(0L);
      assertThat(s.get("closed_by_server")).isEqualTo(0L);
      assertThat(Report.num(s, "delivery_ms", "count")).isGreaterThan(0);
      assertThat(Report.num(s, "server_rss_bytes")).isGreaterThan(0);
      for (Tally.Kind k : Tally.Kind.VALUES) {
        String name = k.name().toLowerCase(Locale.ROOT);
        double d = Report.num(s, "actions", name, "done"),
            a = Report.num(s, "actions", name, "answered");
        if (!Double.isNaN(d)) done[k.ordinal()] += (long) d;
        if (!Double.isNaN(a)) answered[k.ordinal()] += (long) a;
      }
    }
    for (Tally.Kind k : Tally.Kind.VALUES) {
      assertThat(done[k.ordinal()]).as("%s done", k).isGreaterThan(0);
      if (k != Tally.Kind.TYPING)
        assertThat(answered[k.ordinal()]).as("%s answered", k).isGreaterThan(0);
    }
    // typing has no answer: the others in the room see it
    assertThat(Report.num(steps.get(1), "frames_received", "typing")).isGreaterThan(0);
  }

  @Test
  void theReferenceMixSendsOnlyWhatTheReferenceServerSpeaks() throws Exception {
    Map<String, Object> r =
        run(
            "--reference",
            "--start",
            "12",
            "--max",
            "12",
            "--hold",
            "2",
            "--message-every",
            "1",
            "--switch-every",
            "2",
            "--reconnect-every",
            "2",
            "--rooms-per-person",
            "2",
            "--largest-room",
            "0.5");
    assertThat(r.get("supported_people")).isEqualTo(12);
    @SuppressWarnings("unchecked")
    Map<String, Object> s = ((List<Map<String, Object>>) r.get("steps")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> actions = (Map<String, Object>) s.get("actions");
    assertThat(actions.keySet()).containsOnly("message", "history", "reconnect", "hello");
    assertThat(Report.num(s, "actions", "message", "answered")).isGreaterThan(0);
    assertThat(s.get("lost_events")).isEqualTo(0L);
    assertThat(s.get("errors")).as("errors: %s", s.get("last_error")).isEqualTo(0L);
  }
}
