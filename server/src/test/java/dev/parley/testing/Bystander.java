package dev.parley.testing;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Someone else on the server while a test attacks it: an ordinary user who, every {@link
 * #EVERY_MILLIS} ms until closed, pings, asks a room's history and fetches {@code /healthz}, and
 * remembers the slowest answer to each. An attack test starts one before the attack and ends with
 * {@link #assertServedWithin}: the contract's promise is that no single client slows everyone else,
 * and this is "everyone else".
 *
 * <p>A request that fails or takes longer than {@link TestClient#TIMEOUT} counts as that long, so a
 * bystander who was not answered at all fails the assertion too.
 */
public final class Bystander implements AutoCloseable {

  /** Pause between two rounds of questions. */
  public static final long EVERY_MILLIS = 50;

  private final TestClient client;
  private final String room;

  /** True: ask for the room's oldest page ({@code after: 0}) rather than its newest. */
  private final boolean oldest;

  private final URI healthz;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TestClient.TIMEOUT).build();
  private final AtomicLong worstPing = new AtomicLong();
  private final AtomicLong worstHistory = new AtomicLong();
  private final AtomicLong worstHealthz = new AtomicLong();
  private final AtomicLong rounds = new AtomicLong();
  private final List<String> failures = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private Bystander(TestClient client, String room, URI healthz) {
    this(client, room, healthz, false);
  }

  private Bystander(TestClient client, String room, URI healthz, boolean oldest) {
    this.client = client;
    this.room = room;
    this.oldest = oldest;
    this.healthz = healthz;
    this.thread = new Thread(this::loop, "bystander");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A new user of {@code server} (say hello before the attack starts, so the attack's own limits
   * never touch them) who keeps asking about {@code general}.
   */
  public static Bystander watch(ParleyServerExtension server) {
    TestClient c = server.user("bystander");
    return new Bystander(c, "general", server.httpUri("/healthz"));
  }

  /** Watches with a client that has already said hello, asking about {@code room}. */
  public static Bystander watch(TestClient helloed, String room, URI healthz) {
    return new Bystander(helloed, room, healthz);
  }

  /**
   * Watches with a client that has already said hello, asking for the oldest page of {@code room}
   * ({@code after: 0}). The newest page of a room is usually answered from the room's tail in
   * memory; the oldest page of a room longer than that tail is read from the store every round, so
   * this bystander notices an attack on the store's reads.
   */
  public static Bystander watchOldest(TestClient helloed, String room, URI healthz) {
    return new Bystander(helloed, room, healthz, true);
  }

  private void loop() {
    while (running) {
      time(worstPing, "ping", client::ping);
      time(
          worstHistory,
          "history",
          () -> {
            JsonNode reply =
                client.call(
                    oldest
                        ? obj("type", "history", "room", room, "after", 0, "limit", 5)
                        : obj("type", "history", "room", room, "limit", 5));
            if (oldest && !"history".equals(reply.path("type").asString())) {
              throw new IllegalStateException("history answered " + reply);
            }
          });
      time(
          worstHealthz,
          "healthz",
          () -> {
            try {
              HttpResponse<Void> r =
                  http.send(
                      HttpRequest.newBuilder(healthz).timeout(TestClient.TIMEOUT).build(),
                      HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() != 200)
                throw new IllegalStateException("/healthz answered " + r.statusCode());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            } catch (java.io.IOException e) {
              throw new IllegalStateException(e);
            }
          });
      rounds.incrementAndGet();
      try {
        Thread.sleep(EVERY_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void time(AtomicLong worst, String what, Runnable ask) {
    if (!running) return;
    long t0 = System.nanoTime();
    long millis;
    try {
      ask.run();
      millis = (System.nanoTime() - t0) / 1_000_000;
    } catch (RuntimeException | AssertionError e) {
      if (!running) return; // stopped mid-question: not an answer the server owed
      millis = Math.max(TestClient.TIMEOUT.toMillis(), (System.nanoTime() - t0) / 1_000_000);
      synchronized (failures) {
        if (failures.size() < 5) failures.add(what + ": " + e);
      }
    }
    worst.accumulateAndGet(millis, Math::max);
  }

  /** Rounds of questions answered so far. */
  public long rounds() {
    return rounds.get();
  }

  /** The slowest answers so far, for a test's log line: {@code ping 12 ms, history 30 ms, ...}. */
  public String worst() {
    return "ping "
        + worstPing.get()
        + " ms, history "
        + worstHistory.get()
        + " ms, /healthz "
        + worstHealthz.get()
        + " ms over "
        + rounds.get()
        + " rounds";
  }

  /**
   * Stops asking and asserts that every ping, history and {@code /healthz} was answered within
   * {@code bound}, over at least {@code minRounds} rounds (so the bystander really was there during
   * the attack).
   */
  public void assertServedWithin(Duration bound, long minRounds) {
    close();
    synchronized (failures) {
      assertThat(failures).as("requests of a bystander that failed during the attack").isEmpty();
    }
    assertThat(rounds.get())
        .as("rounds the bystander asked during the attack")
        .isGreaterThanOrEqualTo(minRounds);
    assertThat(worstPing.get())
        .as("slowest ping of a bystander (%s)", worst())
        .isLessThanOrEqualTo(bound.toMillis());
    assertThat(worstHistory.get())
        .as("slowest history of a bystander (%s)", worst())
        .isLessThanOrEqualTo(bound.toMillis());
    assertThat(worstHealthz.get())
        .as("slowest /healthz (%s)", worst())
        .isLessThanOrEqualTo(bound.toMillis());
  }

  /**
   * {@link #assertServedWithin(Duration, long)} with the bound: 500 ms, at least 3 rounds.
   */
  public void assertServed() {
    assertServedWithin(Duration.ofMillis(500), 3);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TestClient.TIMEOUT.toMillis() * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
