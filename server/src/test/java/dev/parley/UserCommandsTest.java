package dev.parley;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.Seeds;
import dev.parley.testing.TestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code parley user list|ban|unban|reset} on the database directly: on a stopped server's file,
 * and on the file of a running one, which notices a ban within a few seconds (closing the user's
 * connections with 4003) and honours a sign-in link made there.
 */
class UserCommandsTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @TempDir Path dir;

  /** What one run of {@code parley args...} printed, and its exit code. */
  record Run(int code, String out, String err) {}

  private static Run parley(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Parley());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void listBanUnbanAndResetWorkOnAStoppedServersDatabase() {
    Seeds.seed(
        ParleyConfig.defaults().withDataDir(dir),
        s -> s.user("u-ann", "Ann", "t-ann").user("u-bob", "Bob", "t-bob"));
    String db = dir.toString();

    Run list = parley("user", "list", "--data-dir", db);
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("Ann", "u-ann", "Bob", "u-bob", "2 users");

    Run ban = parley("user", "ban", "ann", "--reason", "spam", "--data-dir", db);
    assertThat(ban.code()).as(ban.err()).isZero();
    assertThat(ban.out()).contains("Banned Ann (u-ann)");
    assertThat(parley("user", "list", "Ann", "--data-dir", db).out())
        .contains("yes (spam)")
        .contains("1 users");

    Run refused = parley("user", "reset", "Ann", "--data-dir", db);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("banned");

    assertThat(parley("user", "unban", "Ann", "--data-dir", db).out()).contains("Unbanned Ann");
    assertThat(parley("user", "list", "Ann", "--data-dir", db).out()).doesNotContain("yes");

    Run reset =
        parley("user", "reset", "Bob", "--url", "https://chat.example.com/", "--data-dir", db);
    assertThat(reset.code()).isZero();
    assertThat(reset.out()).containsPattern("https://chat\\.example\\.com/#signin=[A-Z2-9]{8}");

    Run nobody = parley("user", "ban", "Zoe", "--data-dir", db);
    assertThat(nobody.code()).isEqualTo(1);
    assertThat(nobody.err()).contains("nobody is called Zoe");
  }

  @Test
  void aBanFromTheCommandLineClosesTheUsersConnectionsOnARunningServer() {
    TestClient ann = server.user("Ann");
    String db = server.dataDir().toString();

    Run ban = parley("user", "ban", ann.nick(), "--reason", "flooding", "--data-dir", db);
    assertThat(ban.code()).as(ban.err()).isZero();
    assertThat(ann.closeCode(Duration.ofSeconds(6))).isEqualTo(4003);
    JsonNode refused = server.client().error(obj("type", "hello", "token", ann.token()));
    assertThat(refused.path("code").asString()).isEqualTo("banned");
    assertThat(refused.path("message").asString()).contains("flooding");

    assertThat(parley("user", "unban", ann.nick(), "--data-dir", db).code()).isZero();
    await()
        .atMost(Duration.ofSeconds(6))
        .untilAsserted(
            () ->
                assertThat(
                        server
                            .client()
                            .call(obj("type", "hello", "token", ann.token()))
                            .path("type")
                            .asString())
                    .isEqualTo("welcome"));
  }

  @Test
  void aResetLinkFromTheCommandLineSignsInOnARunningServerOnce() {
    TestClient bob = server.user("Bob");
    bob.close();
    Run reset = parley("user", "reset", bob.nick(), "--data-dir", server.dataDir().toString());
    assertThat(reset.code()).as(reset.err()).isZero();
    Matcher m = Pattern.compile("#signin=([A-Z2-9]{8})").matcher(reset.out());
    assertThat(m.find()).as(reset.out()).isTrue();

    JsonNode welcome = server.client().welcomed(obj("type", "hello", "code", m.group(1)));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(bob.id());
    JsonNode again = server.client().error(obj("type", "hello", "code", m.group(1)));
    assertThat(again.path("code").asString()).isEqualTo("bad_code");
  }
}
