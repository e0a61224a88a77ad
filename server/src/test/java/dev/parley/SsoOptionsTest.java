package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code parley serve}'s single sign-on options refuse a half-configured provider before anything
 * starts, and a public URL that is not a server's address.
 */
class SsoOptionsTest {

  /** What the command says on stderr (the subcommand reports there itself) when it refuses. */
  static String refusal(String... args) {
    java.io.PrintStream was = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(new Parley());
      cli.setErr(new PrintWriter(new StringWriter()));
      code = cli.execute(args);
    } finally {
      System.setErr(was);
    }
    assertThat(code).as("exit code").isEqualTo(2);
    return err.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void anIssuerWithoutClientIdAndSecretIsRefused() {
    assertThat(refusal("serve", "--port", "0", "--oidc-issuer", "https://id.example.org"))
        .contains("--oidc-issuer needs --oidc-client-id and --oidc-client-secret too");
  }

  @Test
  void aPublicUrlWithAPathIsRefused() {
    assertThat(
            refusal(
                "serve",
                "--port",
                "0",
                "--oidc-issuer",
                "https://id.example.org",
                "--oidc-client-id",
                "parley",
                "--oidc-client-secret",
                "s",
                "--public-url",
                "chat.example.org/parley"))
        .contains("--public-url is the server's address");
  }
}
