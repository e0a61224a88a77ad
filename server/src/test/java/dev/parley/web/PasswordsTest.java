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
 * Passwords (contract, "Identity you can trust"): {@code protect} sets or changes one; a {@code
 * hello} with {@code nick} and {@code password} signs in as the protected user, makes a protected
 * user for a free nick, and is {@code bad_credentials} for anyone else's; a plain hello for a
 * protected nick is {@code nick_taken} with {@code protected: true}. Each refusal keeps the
 * connection open.
 */
class PasswordsTest {
  static final String GOOD = "velvet-otter-41-maple";

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withGuards(c.guards().withTrustedProxies(List.of("127.0.0.1"))));

  private static TestClient from(String address) {
    return server.track(TestClient.connect(server.wsUri(), Map.of("X-Forwarded-For", address)));
  }

  private static JsonNode helloWith(TestClient c, String nick, String password) {
    return c.call(obj("type", "hello", "nick", nick, "password", password));
  }

  @Test
  void aFreeNickWithAPasswordMakesAProtectedUserAndOthersAreToldWhyItIsTaken() {
    String nick = ParleyServerExtension.nick("Pia");
    JsonNode welcome = helloWith(server.client(), nick, GOOD);
    assertThat(welcome.path("type").asString()).isEqualTo("welcome");
    assertThat(welcome.path("user").path("protected").asBoolean()).isTrue();
    assertThat(welcome.path("token").asString()).isNotEmpty();

    TestClient other = from("10.9.0.1");
    JsonNode taken = other.error(obj("type", "hello", "nick", nick));
    assertThat(taken.path("code").asString()).isEqualTo("nick_taken");
    assertThat(taken.path("protected").asBoolean()).isTrue();
    assertThat(taken.path("message").asString()).contains("password");
    assertThat(other.hello(ParleyServerExtension.nick("Other")).path("type").asString())
        .as("the connection stays open")
        .isEqualTo("welcome");
  }

  @Test
  void renamingToAProtectedNickIsNickTakenAndSaysItIsProtected() {
    String nick = ParleyServerExtension.nick("Pru");
    assertThat(helloWith(server.client(), nick, GOOD).path("type").asString()).isEqualTo("welcome");
    TestClient guest = server.user("Gus");
    JsonNode taken = guest.error(obj("type", "profile", "nick", nick));
    assertThat(taken.path("code").asString()).isEqualTo("nick_taken");
    assertThat(taken.path("protected").asBoolean()).isTrue();
    TestClient other = server.user("Oda");
    JsonNode held = guest.error(obj("type", "profile", "nick", other.nick()));
    assertThat(held.path("code").asString()).isEqualTo("nick_taken");
    assertThat(held.has("protected")).as("a guest's nick is not protected").isFalse();
  }

  @Test
  void theRightPasswordSignsInAsTheSameUserWithANewSession() {
    String nick = ParleyServerExtension.nick("Rex");
    TestClient first = server.client();
    first.welcomed(obj("type", "hello", "nick", nick, "password", GOOD));

    TestClient second = from("10.9.0.2");
    JsonNode welcome =
        second.welcomed(obj("type", "hello", "nick", nick.toUpperCase(), "password", GOOD));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(first.id());
    assertThat(welcome.path("user").path("protected").asBoolean()).isTrue();
    assertThat(welcome.path("token").asString()).isNotEqualTo(first.token());
    assertThat(welcome.path("session").asString())
        .isNotEqualTo(first.welcome().path("session").asString());
  }

  @Test
  void aWrongPasswordIsBadCredentialsAndTheConnectionStaysOpen() {
    String nick = ParleyServerExtension.nick("Wes");
    server.client().welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    TestClient guesser = from("10.9.0.3");
    JsonNode refused = guesser.error(obj("type", "hello", "nick", nick, "password", GOOD + "x"));
    assertThat(refused.path("code").asString()).isEqualTo("bad_credentials");
    assertThat(
            guesser
                .welcomed(obj("type", "hello", "nick", nick, "password", GOOD))
                .path("user")
                .path("nick")
                .asString())
        .isEqualTo(nick);
  }

  @Test
  void aGuestsNickWithAPasswordIsBadCredentials() {
    TestClient guest = server.user("Gus");
    JsonNode refused =
        from("10.9.0.4").error(obj("type", "hello", "nick", guest.nick(), "password", GOOD));
    assertThat(refused.path("code").asString()).isEqualTo("bad_credentials");
    JsonNode taken = from("10.9.0.4").error(obj("type", "hello", "nick", guest.nick()));
    assertThat(taken.path("code").asString()).isEqualTo("nick_taken");
    assertThat(taken.has("protected")).as("a guest's nick is not protected").isFalse();
  }

  @Test
  void protectSetsAPasswordThatSignsInElsewhereAndChangingItNeedsTheCurrentOne() {
    TestClient ann = server.user("Ann");
    assertThat(ann.welcome().path("user").path("protected").asBoolean()).isFalse();
    ann.ok(obj("type", "protect", "password", GOOD));

    TestClient phone = from("10.9.0.5");
    JsonNode welcome = phone.welcomed(obj("type", "hello", "nick", ann.nick(), "password", GOOD));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(welcome.path("user").path("protected").asBoolean()).isTrue();

    JsonNode noCurrent = ann.error(obj("type", "protect", "password", GOOD + "-2"));
    assertThat(noCurrent.path("code").asString()).isEqualTo("bad_credentials");
    JsonNode wrongCurrent =
        ann.error(obj("type", "protect", "password", GOOD + "-2", "current", "not-it-at-all"));
    assertThat(wrongCurrent.path("code").asString()).isEqualTo("bad_credentials");
    ann.ok(obj("type", "protect", "password", GOOD + "-2", "current", GOOD));

    assertThat(
            from("10.9.0.6")
                .error(obj("type", "hello", "nick", ann.nick(), "password", GOOD))
                .path("code")
                .asString())
        .as("the old password no longer works")
        .isEqualTo("bad_credentials");
    assertThat(
            from("10.9.0.6")
                .welcomed(obj("type", "hello", "nick", ann.nick(), "password", GOOD + "-2"))
                .path("user")
                .path("id")
                .asString())
        .isEqualTo(ann.id());
  }

  @Test
  void shortLongAndCommonPasswordsAreWeak() {
    TestClient bea = server.user("Bea");
    for (String weak : List.of("short", "password1", "qwertyuiop", "a".repeat(257))) {
      JsonNode refused = bea.error(obj("type", "protect", "password", weak));
      assertThat(refused.path("code").asString()).as(weak).isEqualTo("weak_password");
    }
    JsonNode common =
        from("10.9.0.7")
            .error(
                obj(
                    "type",
                    "hello",
                    "nick",
                    ParleyServerExtension.nick("Cy"),
                    "password",
                    "iloveyou123"));
    assertThat(common.path("code").asString()).isEqualTo("weak_password");
  }

  @Test
  void aTenThousandCharacterPasswordIsWeakAtOnce() {
    TestClient dan = server.user("Dan");
    String huge = "x7#".repeat(3334);
    long start = System.nanoTime();
    assertThat(dan.error(obj("type", "protect", "password", huge)).path("code").asString())
        .isEqualTo("weak_password");
    assertThat(
            from("10.9.0.8")
                .error(obj("type", "hello", "nick", dan.nick(), "password", huge))
                .path("code")
                .asString())
        .isEqualTo("weak_password");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms, no hashing").isLessThan(1000);
  }

  @Test
  void halfASurrogatePairIsAClearError() {
    TestClient eve = server.user("Eve");
    eve.sendRaw("{\"type\":\"protect\",\"ref\":\"odd\",\"password\":\"abc\\ud800defghij\"}");
    JsonNode refused = eve.awaitRef("odd");
    assertThat(refused.path("code").asString()).isEqualTo("bad_request");
    assertThat(refused.path("message").asString()).contains("surrogate");
  }

  @Test
  void usersAndMembersSayWhoIsProtected() {
    TestClient fay = server.user("Fay");
    fay.ok(obj("type", "protect", "password", GOOD));
    TestClient gil = server.user("Gil");
    JsonNode users = gil.call(obj("type", "users", "q", fay.nick()));
    JsonNode found = users.path("users").get(0);
    assertThat(found.path("id").asString()).isEqualTo(fay.id());
    assertThat(found.path("protected").asBoolean()).isTrue();
    JsonNode guest = fay.call(obj("type", "users", "q", gil.nick())).path("users").get(0);
    assertThat(guest.path("id").asString()).isEqualTo(gil.id());
    assertThat(guest.path("protected").isBoolean()).isTrue();
    assertThat(guest.path("protected").asBoolean()).isFalse();
  }

  @Test
  void strengthEstimatesHowHardAPasswordIsToGuess() {
    TestClient hal = server.user("Hal");
    JsonNode weak = hal.call(obj("type", "strength", "password", "password"));
    assertThat(weak.path("type").asString()).isEqualTo("strength");
    assertThat(weak.path("score").asInt()).isZero();
    assertThat(weak.path("weak").asBoolean()).isTrue();
    JsonNode strong = hal.call(obj("type", "strength", "password", GOOD));
    assertThat(strong.path("score").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(strong.path("weak").asBoolean()).isFalse();
  }
}
