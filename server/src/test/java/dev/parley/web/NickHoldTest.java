package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.nick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A nick belongs to one user: nobody else gets it, or anything that looks like it, while they are
 * online and for {@code --nick-hold} after they were last seen, across a restart too; their token
 * always brings them back under it.
 */
class NickHoldTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  /** A node whose holds last two seconds, to see one end. */
  @RegisterExtension
  static final ParleyServerExtension briefHolds =
      ParleyServerExtension.with(c -> c.withNickHold(Duration.ofSeconds(2)));

  @Test
  void aNickStaysItsUsersAfterTheyLeave() {
    String nick = nick("Kim");
    TestClient kim = left(server, nick);

    JsonNode refused = server.client().error(obj("type", "hello", "nick", nick.toLowerCase()));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
    assertThat(refused.path("message").asString())
        .as("it says plainly why")
        .contains(nick.toLowerCase(), "recently", "30 days");

    JsonNode back = server.client().resume(kim.token());
    assertThat(back.path("user").path("id").asString()).isEqualTo(kim.id());
    assertThat(back.path("user").path("nick").asString()).isEqualTo(nick);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0410nn", // Cyrillic capital A
        "\uff21\uff4e\uff4e", // fullwidth
        "ANN",
        "\u0430nn" // Cyrillic small a
      })
  void aLookAlikeOfANickIsTheSameNick(String lookAlike) {
    String suffix = nick(""); // "-" and digits: the same in every look-alike
    TestClient ann = server.client();
    ann.hello("Ann" + suffix);

    JsonNode refused = server.client().error(obj("type", "hello", "nick", lookAlike + suffix));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");

    ann.close();
    JsonNode stillRefused = server.client().error(obj("type", "hello", "nick", lookAlike + suffix));
    assertThat(stillRefused.path("code").asString())
        .as("held after she left too")
        .isEqualTo("nick_taken");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ann\ufe0f", // variation selector
        "An\u034fn", // combining grapheme joiner
        "\u3164Ann", // Hangul filler
        "A\u200bnn", // zero-width space
        "Ann\u202e", // right-to-left override
        "Ann\u0007" // a control character
      })
  void invisibleControlAndBidiCharactersAreRefusedInNicks(String nick) {
    JsonNode refused = server.client().error(obj("type", "hello", "nick", nick));
    assertThat(refused.path("code").asString()).isEqualTo("invalid_nick");
  }

  @Test
  void doubledSpacesAreOneSpace() {
    String last = nick("Lee");
    TestClient ann = server.client();
    JsonNode welcome = ann.hello("Ann  " + last);
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo("Ann " + last);

    JsonNode refused = server.client().error(obj("type", "hello", "nick", "Ann   " + last));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
  }

  @Test
  void aRenameToSomeoneElsesHeldNickKeepsTheUsersOwn() {
    String held = nick("Mia");
    left(server, held);
    TestClient bob = server.user("Bob");
    bob.close();

    JsonNode back = server.client().resume(bob.token(), held);
    assertThat(back.path("user").path("nick").asString()).isEqualTo(bob.nick());
  }

  @Test
  void aProfileRenameToSomeoneElsesHeldNickOrALookAlikeIsRefused() {
    String held = nick("Pia");
    left(server, held);
    TestClient bob = server.user("Bob");

    JsonNode refused = bob.error(obj("type", "profile", "nick", held));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
    JsonNode lookAlike = bob.error(obj("type", "profile", "nick", "\u0420" + held.substring(1)));
    assertThat(lookAlike.path("code").asString()).as("a Cyrillic Р").isEqualTo("nick_taken");

    String before = bob.nick();
    bob.ok(obj("type", "profile", "nick", nick("Bobby")));
    JsonNode reply = server.client().call(obj("type", "hello", "nick", before));
    assertThat(reply.path("type").asString())
        .as("a rename lets go of the old nick at once")
        .isEqualTo("welcome");
  }

  @Test
  void theHoldOutlivesARestart() {
    String nick = nick("Noa");
    TestClient noa = left(server, nick);
    server.restart();

    JsonNode refused = server.client().error(obj("type", "hello", "nick", nick));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
    assertThat(server.client().resume(noa.token()).path("user").path("id").asString())
        .isEqualTo(noa.id());
  }

  @Test
  void aNickIsFreeAgainOnceTheHoldHasPassed() {
    String nick = nick("Oda");
    TestClient oda = left(briefHolds, nick);

    JsonNode refused = briefHolds.client().error(obj("type", "hello", "nick", nick));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              JsonNode reply = briefHolds.client().call(obj("type", "hello", "nick", nick));
              assertThat(reply.path("type").asString()).isEqualTo("welcome");
              assertThat(reply.path("user").path("id").asString()).isNotEqualTo(oda.id());
            });
  }

  /** A user who said hello as {@code nick} and left; returns once the server knows they left. */
  private static TestClient left(ParleyServerExtension on, String nick) {
    TestClient watcher = on.user("watcher");
    TestClient user = on.client();
    user.hello(nick);
    user.close();
    watcher.await(
        "presence",
        p ->
            user.id().equals(p.path("user").path("id").asString())
                && "offline".equals(p.path("status").asString()));
    return user;
  }
}
