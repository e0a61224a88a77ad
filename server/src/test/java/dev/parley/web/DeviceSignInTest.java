package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * "Sign in on another device": {@code link} gives a short code, valid ten minutes and once, that a
 * {@code hello} trades for a new session of the same user. A wrong code is {@code bad_code} (the
 * connection stays open); an address that keeps guessing gets {@code slow_down}.
 */
class DeviceSignInTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withGuards(c.guards().withTrustedProxies(List.of("127.0.0.1"))));

  private static TestClient from(String address) {
    return server.track(TestClient.connect(server.wsUri(), Map.of("X-Forwarded-For", address)));
  }

  @Test
  void aCodeSignsInASecondSessionOfTheSameUser() {
    TestClient ann = server.user("Ann");
    JsonNode link = ann.call(obj("type", "link"));
    assertThat(link.path("type").asString()).isEqualTo("link");
    String code = link.path("code").asString();
    assertThat(code).matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}");
    long expires = link.path("expires").asLong();
    assertThat(expires - System.currentTimeMillis()).isBetween(9 * 60_000L, 10 * 60_000L + 1);

    TestClient phone = server.client();
    JsonNode welcome = phone.welcomed(obj("type", "hello", "code", code.toLowerCase()));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(ann.nick());
    assertThat(welcome.path("token").asString()).isNotEmpty().isNotEqualTo(ann.token());
    assertThat(welcome.path("session").asString())
        .isNotEqualTo(ann.welcome().path("session").asString());

    TestClient laterTab = server.client();
    assertThat(laterTab.resume(phone.token()).path("user").path("id").asString())
        .as("the new token is the same user's")
        .isEqualTo(ann.id());
  }

  @Test
  void aCodeWorksOnce() {
    TestClient ann = server.user("Ann");
    String code = ann.call(obj("type", "link")).path("code").asString();
    server.client().welcomed(obj("type", "hello", "code", code));

    TestClient late = from("10.1.0.1");
    JsonNode refused = late.error(obj("type", "hello", "code", code));
    assertThat(refused.path("code").asString()).isEqualTo("bad_code");
    assertThat(late.hello(ParleyServerExtension.nick("Late")).path("type").asString())
        .as("it stays open")
        .isEqualTo("welcome");
  }

  @Test
  void anUnknownCodeIsRefusedAndTheConnectionMayTryAgain() {
    TestClient ann = server.user("Ann");
    TestClient phone = from("10.1.0.2");
    assertThat(phone.error(obj("type", "hello", "code", "ABCDEFGH")).path("code").asString())
        .isEqualTo("bad_code");
    assertThat(phone.error(obj("type", "hello", "code", "short")).path("code").asString())
        .isEqualTo("bad_code");
    String code = ann.call(obj("type", "link")).path("code").asString();
    assertThat(
            phone.welcomed(obj("type", "hello", "code", code)).path("user").path("id").asString())
        .isEqualTo(ann.id());
  }

  @Test
  void aUserHoldsOnlyTheNewestFewCodes() {
    TestClient ann = server.user("Ann");
    String oldest = ann.call(obj("type", "link")).path("code").asString();
    for (int i = 0; i < 3; i++) ann.call(obj("type", "link"));
    TestClient phone = from("10.1.0.3");
    assertThat(phone.error(obj("type", "hello", "code", oldest)).path("code").asString())
        .as("making a fourth dropped the first")
        .isEqualTo("bad_code");
  }

  @Test
  void makingCodesIsSlowedDownPerUser() {
    TestClient ann = server.user("Ann");
    for (int i = 0; i < 5; i++)
      assertThat(ann.call(obj("type", "link")).path("type").asString()).isEqualTo("link");
    JsonNode slowed = ann.error(obj("type", "link"));
    assertThat(slowed.path("code").asString()).isEqualTo("slow_down");
    assertThat(slowed.path("retryAfter").asLong()).isPositive();
  }

  @Test
  void guessingCodesIsSlowedDownPerAddress() {
    TestClient guesser = from("10.2.0.1");
    String last = null;
    for (int i = 0; i < 8; i++) {
      last =
          guesser
              .error(obj("type", "hello", "code", "ZZZZZZZ" + (i % 8 + 2)))
              .path("code")
              .asString();
    }
    JsonNode slowed = guesser.error(obj("type", "hello", "code", "ZZZZZZZZ"));
    assertThat(slowed.path("code").asString()).isEqualTo("slow_down");
    assertThat(slowed.path("retryAfter").asLong()).isPositive();
    assertThat(last).isEqualTo("slow_down");

    TestClient ann = server.user("Ann");
    String code = ann.call(obj("type", "link")).path("code").asString();
    TestClient elsewhere = from("10.2.0.2");
    assertThat(
            elsewhere
                .welcomed(obj("type", "hello", "code", code))
                .path("user")
                .path("id")
                .asString())
        .as("another address is not slowed")
        .isEqualTo(ann.id());
  }
}
