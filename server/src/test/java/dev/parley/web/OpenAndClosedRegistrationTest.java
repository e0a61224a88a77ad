package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Registration;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code --registration open} ignores an invite; {@code --registration closed}: no hello makes a
 * user, not even with an invite ({@code forbidden}, the connection stays open); existing users
 * still sign in by token and by sign-in code.
 */
class OpenAndClosedRegistrationTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void noNewUserButExistingUsersSignInByTokenAndByCode() {
    TestClient ann = server.user("Ann"); // made while the server was open
    server.server().registration().configure(Registration.Mode.CLOSED, "http://localhost");
    try {
      TestClient guest = server.client();
      JsonNode refused = guest.error(obj("type", "hello", "nick", ParleyServerExtension.nick("G")));
      assertThat(refused.path("code").asString()).isEqualTo("forbidden");
      assertThat(refused.path("message").asString()).contains("no new accounts");
      String code =
          Registration.create(
                  server.server().invites(),
                  "test",
                  1,
                  TimeUnit.DAYS.toMillis(1),
                  System.currentTimeMillis())
              .join();
      assertThat(
              guest
                  .error(
                      obj("type", "hello", "nick", ParleyServerExtension.nick("G"), "invite", code))
                  .path("code")
                  .asString())
          .as("an invite does not open a closed server")
          .isEqualTo("forbidden");

      assertThat(guest.resume(ann.token()).path("user").path("id").asString()).isEqualTo(ann.id());
      String link = ann.call(obj("type", "link")).path("code").asString();
      assertThat(
              server
                  .client()
                  .welcomed(obj("type", "hello", "code", link))
                  .path("user")
                  .path("id")
                  .asString())
          .isEqualTo(ann.id());
    } finally {
      server.server().registration().configure(Registration.Mode.OPEN, "http://localhost");
    }
  }

  @Test
  void anOpenServerIgnoresAnInviteAndMakesTheUser() {
    TestClient guest = server.client();
    JsonNode welcome =
        guest.welcomed(
            obj("type", "hello", "nick", ParleyServerExtension.nick("Open"), "invite", "whatever"));
    assertThat(welcome.path("user").path("id").asString()).isNotEmpty();
  }
}
