package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.Change;
import dev.parley.domain.Protection;
import dev.parley.store.sql.DirectAccess;
import dev.parley.testing.OlderHashes;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A password stored by an older Parley (Argon2id at 19 MiB) still signs in, and that sign-in hashes
 * it again with today's settings (7 MiB, five passes), in memory and in the store, so that the
 * account costs what a new one does from then on. A wrong password changes nothing.
 */
class PasswordRehashTest {
  static final String GOOD = "velvet-otter-41-maple";
  static final String TODAY = "$argon2id$v=19$m=7168,t=5,p=1$";

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static String hashOf(String userId) {
    return Protection.passwordHash(server.server().chat(), userId);
  }

  private static JsonNode signIn(String nick, String password) {
    return server.client().call(obj("type", "hello", "nick", nick, "password", password));
  }

  @Test
  void anOlderHashSignsInAndIsMadeAgainWithTodaysSettings() {
    String nick = ParleyServerExtension.nick("Ola");
    TestClient first = server.client();
    first.welcomed(obj("type", "hello", "nick", nick, "password", GOOD));
    String id = first.id();
    assertThat(hashOf(id)).startsWith(TODAY);

    String older = OlderHashes.nineteenMebibytes(GOOD);
    try (DirectAccess db = DirectAccess.open(server.config().jdbcUrl())) {
      db.write(new Change.PasswordSet(id, older));
    }
    server.restart();
    assertThat(hashOf(id)).as("as an older server left it").isEqualTo(older);

    assertThat(signIn(nick, GOOD + "?").path("code").asString()).isEqualTo("bad_credentials");
    assertThat(hashOf(id)).as("a wrong password changes nothing").isEqualTo(older);

    JsonNode welcome = signIn(nick, GOOD);
    assertThat(welcome.path("type").asString()).isEqualTo("welcome");
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> hashOf(id).startsWith(TODAY));
    String made = hashOf(id);

    server.restart();
    assertThat(hashOf(id)).as("stored, not only held").isEqualTo(made);
    assertThat(signIn(nick, GOOD).path("user").path("id").asString()).isEqualTo(id);
    assertThat(hashOf(id)).as("a hash of today's settings is not made again").isEqualTo(made);
  }
}
