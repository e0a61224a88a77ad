package dev.parley.web;

import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Bystander;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit's search attack (issue 14, item 2) at a size that runs in seconds: a room of long
 * messages of nothing but {@code a}, and several users each sending eight-word typo queries whose
 * halves every message holds (so every message is a candidate) but which no message matches within
 * one edit. Before, each such query cost seconds of CPU on the store's read threads, and another
 * user's {@code history} waited behind them. The contract: a search is bounded (2 seconds; a
 * partial page with {@code next}, or 503 {@code search_busy}) and runs apart from history reads.
 *
 * <p>Run on both stores: {@link SqliteSearchStarvationTest}, {@link PostgresSearchStarvationTest}.
 */
abstract class SearchStarvation {
  static final int MESSAGES = 600;
  static final int LETTERS = 6_000;
  static final int ATTACKERS = 6;
  static final Duration ATTACK = Duration.ofSeconds(6);

  /** The contract's 2 seconds, with room for a test machine shared by several builds. */
  static final Duration ANSWER_WITHIN = Duration.ofMillis(3_000);

  abstract ParleyServerExtension server();

  /**
   * Eight words of 24 letters: twelve {@code a}s (the left half, in every message), then two other
   * letters among {@code a}s, so no text of {@code a}s is within one edit of any of them.
   */
  static String typoQuery(int variant) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      char x = (char) ('b' + (variant + i) % 20);
      words.add("a".repeat(12 + i) + x + x + "a".repeat(10 - i));
    }
    return String.join(" ", words);
  }

  record Answer(int status, String error, long millis, int results, boolean next) {}

  @Test
  void typoSearchesOverLongMessagesLeaveEveryoneElsesHistoryAlone() throws Exception {
    ParleyServerExtension server = server();
    TestClient seeder = server.user("seeder");
    String room = room("aaaa");
    seeder.create(room);
    String text = "a".repeat(LETTERS);
    String last = null;
    for (int i = 0; i < MESSAGES; i++) last = seeder.sayAsync(room, text);
    String lastId = last;
    seeder.await("message", m -> lastId.equals(m.path("id").asString()), Duration.ofSeconds(120));
    seeder.close();

    // someone else, in a room of their own long enough that its oldest page is read from the store
    TestClient other = server.user("bystander");
    String quiet = room("quiet");
    other.create(quiet);
    for (int i = 0; i < 150; i++) last = other.sayAsync(quiet, "an ordinary message " + i);
    String quietLast = last;
    other.await("message", m -> quietLast.equals(m.path("id").asString()), Duration.ofSeconds(60));

    List<TestClient> attackers = new ArrayList<>();
    for (int n = 0; n < ATTACKERS; n++) {
      TestClient a = server.user("searcher");
      a.join(room);
      attackers.add(a);
    }

    Bystander bystander = Bystander.watchOldest(other, quiet, server.httpUri("/healthz"));
    List<Answer> answers = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
    try {
      long end = System.nanoTime() + ATTACK.toNanos();
      List<Future<?>> running = new ArrayList<>();
      for (int n = 0; n < ATTACKERS; n++) {
        TestClient a = attackers.get(n);
        int variant = n;
        running.add(
            pool.submit(
                () -> {
                  HttpClient http = HttpClient.newHttpClient();
                  while (System.nanoTime() < end)
                    answers.add(search(server, http, a.token(), typoQuery(variant)));
                  return null;
                }));
      }
      for (Future<?> f : running) f.get(ATTACK.toSeconds() + 120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "search attack (%s): bystander %s; %d searches, slowest %d ms, %d busy, %d partial%n",
        getClass().getSimpleName(),
        bystander.worst(),
        answers.size(),
        answers.stream().mapToLong(Answer::millis).max().orElse(0),
        answers.stream().filter(a -> a.status() == 503).count(),
        answers.stream().filter(Answer::next).count());
    bystander.assertServed();

    assertThat(answers).isNotEmpty();
    for (Answer a : answers) {
      if (a.status() == 200) {
        assertThat(a.results()).as("no message is within one edit of the query").isZero();
      } else {
        assertThat(a.status()).as("%s", a).isEqualTo(503);
        assertThat(a.error()).as("%s", a).isEqualTo("search_busy");
      }
      assertThat(a.millis())
          .as("time to answer %s", a)
          .isLessThanOrEqualTo(ANSWER_WITHIN.toMillis());
    }
    assertThat(answers).as("searches answered with a page").anyMatch(a -> a.status() == 200);

    // and after the attack, an ordinary search is answered at once
    Answer after =
        search(server, HttpClient.newHttpClient(), other.token(), "ordinary message 149");
    assertThat(after.status()).as("%s", after).isEqualTo(200);
    assertThat(after.results()).isPositive();
  }

  static Answer search(ParleyServerExtension server, HttpClient http, String token, String q)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                server.httpUri("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - t0) / 1_000_000;
    JsonNode body = Json.parse(res.body());
    return new Answer(
        res.statusCode(),
        body.path("error").asString(null),
        millis,
        body.path("results").size(),
        body.path("next").isString());
  }
}
