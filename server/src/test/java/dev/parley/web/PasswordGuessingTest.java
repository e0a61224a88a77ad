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
 * Guessing passwords is slowed: after five wrong ones for a nick, or twenty from one address, the
 * next gets {@code slow_down} with {@code retryAfter} before its password is looked at; and the
 * owner is not locked out: their token and a sign-in code still work.
 */
class PasswordGuessingTest {
  static final String GOOD = "velvet-otter-41-maple";

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withGuards(c.guards().withTrustedProxies(List.of("127.0.0.1"))));

  private static TestClient from(String address) {
    return server.track(TestClient.connect(server.wsUri(), Map.of("X-Forwarded-For", address)));
  }

  @Test
  void guessingOneNickIsSlowedButTheOwnerStillSignsIn() {
    TestClient ann = server.user("Ann");
    ann.ok(obj("type", "protect", "password", GOOD));
    for (int i = 0; i < 5; i++) {
      TestClient guesser = from("10.8.0." + (i + 1)); // a new address each time: per nick
      JsonNode wrong =
          guesser.error(obj("type", "hello", "nick", ann.nick(), "password", "guess-no-" + i));
      assertThat(wrong.path("code").asString()).isEqualTo("bad_credentials");
    }
    TestClient guesser = from("10.8.0.9");
    JsonNode slowed = guesser.error(obj("type", "hello", "nick", ann.nick(), "password", GOOD));
    assertThat(slowed.path("code").asString())
        .as("even the right password waits: it is not looked at")
        .isEqualTo("slow_down");
    assertThat(slowed.path("retryAfter").asLong()).isPositive();

    TestClient laptop = server.client();
    assertThat(laptop.resume(ann.token()).path("user").path("id").asString())
        .as("the owner's token still works")
        .isEqualTo(ann.id());
    String code = ann.call(obj("type", "link")).path("code").asString();
    assertThat(
            from("10.8.0.10")
                .welcomed(obj("type", "hello", "code", code))
                .path("user")
                .path("id")
                .asString())
        .as("and so does a sign-in code")
        .isEqualTo(ann.id());
  }

  @Test
  void guessingFromOneAddressIsSlowedAcrossNicks() {
    TestClient guesser = from("10.7.0.1");
    for (int i = 0; i < 20; i++) {
      TestClient guest = server.user("G" + i);
      JsonNode wrong = guesser.error(obj("type", "hello", "nick", guest.nick(), "password", GOOD));
      assertThat(wrong.path("code").asString()).isEqualTo("bad_credentials");
    }
    TestClient owner = server.user("Own");
    JsonNode slowed = guesser.error(obj("type", "hello", "nick", owner.nick(), "password", GOOD));
    assertThat(slowed.path("code").asString()).isEqualTo("slow_down");
    assertThat(slowed.path("retryAfter").asLong()).isPositive();
    assertThat(
            from("10.7.0.2")
                .error(obj("type", "hello", "nick", owner.nick(), "password", GOOD))
                .path("code")
                .asString())
        .as("another address is not slowed")
        .isEqualTo("bad_credentials");
  }
}
