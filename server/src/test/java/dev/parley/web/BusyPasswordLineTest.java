package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * More sign-ins with a password than the server hashes at once: those past its line (64 waiting)
 * are told {@code slow_down} with {@code busy: true}, and one that asks again on the same
 * connection keeps the place it first asked for, ahead of sign-ins that asked after it. Real
 * Argon2id hashes through real sockets; the line is the server's own (two threads, 64 waiting).
 */
class BusyPasswordLineTest {
  static final String GOOD = "velvet-otter-41-maple";

  /** More than two running and 64 waiting, sent in one burst. */
  static final int WAVE = 90;

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  /** The reply to {@code ref} (welcome or error), waiting as long as a line of hashes takes. */
  private static JsonNode replyTo(TestClient c, String ref) {
    try {
      return replyTo0(c, ref);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          c + " had no reply to " + ref + (c.isClosed() ? ", closed " + c.closeReason() : ""), e);
    }
  }

  private static JsonNode replyTo0(TestClient c, String ref) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                c.frames().stream()
                    .filter(f -> ref.equals(f.path("ref").asString(null)))
                    .findFirst()
                    .orElse(null),
            f -> f != null);
  }

  private static List<TestClient> connected(int n) {
    List<TestClient> all = new ArrayList<>();
    for (int i = 0; i < n; i++) all.add(server.client());
    return all;
  }

  /** Each client signs in as the person of its index (one sign-in each: a user keeps 50). */
  private static List<String> signIn(List<TestClient> clients, List<String> nicks) {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++)
      refs.add(
          clients.get(i).request(obj("type", "hello", "nick", nicks.get(i), "password", GOOD)));
    return refs;
  }

  @Test
  void aSignInRefusedForABusyServerKeepsItsPlaceWhenItAsksAgain() {
    List<String> nicks = new ArrayList<>();
    for (int i = 0; i < WAVE; i++) {
      TestClient owner = server.user("Pw" + i);
      owner.ok(obj("type", "protect", "password", GOOD));
      nicks.add(owner.nick());
    }

    List<TestClient> first = connected(WAVE);
    List<String> refs = signIn(first, nicks);
    List<TestClient> refused = new ArrayList<>();
    List<String> refusedNicks = new ArrayList<>();
    for (int i = 0; i < WAVE; i++) {
      JsonNode reply = replyTo(first.get(i), refs.get(i));
      if ("welcome".equals(reply.path("type").asString())) continue;
      assertThat(reply.path("code").asString()).as("%s", reply).isEqualTo("slow_down");
      assertThat(reply.path("busy").asBoolean()).as("the server's load, said so").isTrue();
      assertThat(reply.path("retryAfter").asLong()).isPositive();
      refused.add(first.get(i));
      refusedNicks.add(nicks.get(i));
    }
    assertThat(refused).as("a burst of %d past a line of 64", WAVE).isNotEmpty();

    // A second burst of newcomers, then those refused ask again on their own connections, last:
    // the line is full of newcomers by then, and each retry takes the place of one that asked
    // later.
    List<TestClient> second = connected(WAVE);
    List<String> secondRefs = signIn(second, nicks);
    List<String> retryRefs = signIn(refused, refusedNicks);
    for (int i = 0; i < refused.size(); i++) {
      assertThat(replyTo(refused.get(i), retryRefs.get(i)).path("type").asString())
          .as("a retry of a sign-in first asked before every newcomer of the second burst")
          .isEqualTo("welcome");
    }
    long newcomersRefused =
        java.util.stream.IntStream.range(0, WAVE)
            .filter(
                i ->
                    "error"
                        .equals(replyTo(second.get(i), secondRefs.get(i)).path("type").asString()))
            .count();
    assertThat(newcomersRefused)
        .as("the places the retries took were newcomers'")
        .isGreaterThanOrEqualTo(1);
  }
}
