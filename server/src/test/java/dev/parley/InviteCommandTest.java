package dev.parley;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Registration;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code parley invite create|list|revoke} on a node's database: the link it prints lets one new
 * person into a server run with {@code --registration invite}; list shows it by id; revoke ends it.
 */
class InviteCommandTest {
  private Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void folder() throws Exception {
    dir = Files.createTempDirectory("parley-invite-");
  }

  @AfterEach
  void cleanUp() {
    ParleyServerExtension.deleteRecursively(dir);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = new CommandLine(new Parley());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void theLinkItPrintsLetsOnePersonIntoAnInviteOnlyServer() throws Exception {
    assertThat(
            run(
                "invite",
                "create",
                "--uses",
                "1",
                "--days",
                "2",
                "--public-url",
                "https://chat.example.com/",
                "--data-dir",
                dir.toString()))
        .as(err.toString())
        .isZero();
    String link = out.toString().strip();
    assertThat(link).matches("https://chat\\.example\\.com/#invite=[A-Z2-9]{16}");
    String code = link.substring(link.indexOf('=') + 1);

    assertThat(run("invite", "list", "--data-dir", dir.toString())).isZero();
    String id = Registration.hashOf(code).substring(0, 10);
    assertThat(out.toString()).contains(id).contains("1/1").contains("cli");

    ParleyConfig config =
        ParleyConfig.defaults()
            .withPort(0)
            .withDataDir(dir)
            .withRegistration(Registration.Mode.INVITE);
    try (ParleyServer server = ParleyServer.start(config)) {
      URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
      try (TestClient ann = TestClient.connect(ws);
          TestClient bob = TestClient.connect(ws)) {
        ann.welcomed(obj("type", "hello", "nick", "Ann", "invite", code));
        assertThat(
                bob.error(obj("type", "hello", "nick", "Bob", "invite", code))
                    .path("code")
                    .asString())
            .as("one use only")
            .isEqualTo("bad_invite");
      }
    }
  }

  @Test
  void revokeEndsAnInviteAndBoundsAreChecked() {
    assertThat(run("invite", "create", "--data-dir", dir.toString())).isZero();
    String link = out.toString().strip();
    assertThat(link).startsWith("http://localhost:3000/#invite=");
    String code = link.substring(link.indexOf('=') + 1);
    assertThat(run("invite", "revoke", code, "--data-dir", dir.toString())).isZero();
    assertThat(run("invite", "revoke", code, "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(run("invite", "list", "--data-dir", dir.toString())).isZero();
    assertThat(out.toString()).doesNotContain(Registration.hashOf(code).substring(0, 10));

    assertThat(run("invite", "create", "--uses", "1001", "--data-dir", dir.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("1 to 1000");
    assertThat(run("invite", "create", "--days", "366", "--data-dir", dir.toString())).isEqualTo(2);
  }
}
