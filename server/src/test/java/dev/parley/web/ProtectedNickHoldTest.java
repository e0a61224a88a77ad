package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A protected nick is held for as long as it is protected, not only for {@code --nick-hold}, and
 * its password still signs in after the server restarts (the hash comes back from the store).
 */
class ProtectedNickHoldTest {
  static final String GOOD = "velvet-otter-41-maple";

  /** Holds that last two seconds, to see that a protected one does not end. */
  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withNickHold(Duration.ofSeconds(2)));

  @Test
  void aProtectedNickOutlastsTheHoldAndARestart() throws InterruptedException {
    String nick = ParleyServerExtension.nick("Ida");
    TestClient ida = server.client();
    ida.welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    String id = ida.id();
    ida.close();
    TestClient guest = server.client();
    guest.hello(ParleyServerExtension.nick("Guest"));
    guest.close();

    Thread.sleep(3000); // past the two-second hold
    JsonNode guestNick =
        server
            .client()
            .call(
                obj("type", "hello", "nick", guest.welcome().path("user").path("nick").asString()));
    assertThat(guestNick.path("type").asString())
        .as("an unprotected nick is free once the hold has passed")
        .isEqualTo("welcome");
    JsonNode refused = server.client().error(obj("type", "hello", "nick", nick));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
    assertThat(refused.path("protected").asBoolean()).isTrue();

    server.restart();
    assertThat(
            server.client().error(obj("type", "hello", "nick", nick)).path("protected").asBoolean())
        .isTrue();
    JsonNode welcome =
        server.client().welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(id);
    assertThat(welcome.path("user").path("protected").asBoolean()).isTrue();
  }
}
