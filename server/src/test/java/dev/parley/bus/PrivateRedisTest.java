package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.PostgresSchema;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode trusts whatever arrives on its Redis channel, so Redis must be private: the README
 * and docs/architecture.md say how, and this test holds the ways they name to what they promise. A
 * password in the URL ({@code redis://:password@host}), an ACL user that may touch only the
 * cluster's own keys and channel ({@code redis://user:password@host}), and TLS ({@code rediss://},
 * the certificate checked against the JVM's trust store) each carry a message from a user on one
 * node to a user on another; a node with a wrong password or without the certificate's trust
 * refuses to start, and never prints the password.
 */
class PrivateRedisTest {

  static final String SECRET = "s3cret-0f-the-cluster";
  static final String CHANNEL = "parley-private-" + UUID.randomUUID();
  static final Path CERTS = TlsFiles.make();

  @RegisterExtension
  static final RedisServer withPassword = RedisServer.with("--requirepass", SECRET);

  @RegisterExtension
  static final RedisServer withAcl =
      RedisServer.with(
          "--user",
          "default",
          "off",
          "--user",
          "parley",
          "on",
          ">" + SECRET,
          "~" + CHANNEL + ":*",
          "&" + CHANNEL + ":*",
          "+@all",
          "-@dangerous",
          "--user",
          "auditor",
          "on",
          ">" + SECRET,
          "+@all",
          "~*",
          "&*");

  @RegisterExtension
  static final RedisServer withTls =
      RedisServer.with(
          "--port",
          "0",
          "--tls-port",
          "{port}",
          "--tls-auth-clients",
          "no",
          "--requirepass",
          SECRET,
          "--tls-cert-file",
          CERTS.resolve("cert.pem").toString(),
          "--tls-key-file",
          CERTS.resolve("key.pem").toString());

  @TempDir Path dir;

  @Test
  void aPasswordInTheUrlOpensARedisThatAsksForOne() throws Exception {
    String url = "redis://:" + SECRET + "@127.0.0.1:" + withPassword.port();
    try (PostgresSchema schema = PostgresSchema.create()) {
      List<ParleyServer> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) nodes.add(ParleyServer.start(node(schema, url, i)));
        aMessageCrosses(ws(nodes.get(0)), ws(nodes.get(1)));
      } finally {
        for (ParleyServer n : nodes) n.close();
      }
    }
  }

  @Test
  void aWrongOrMissingPasswordStopsTheNodeWithoutPrintingIt() {
    try (PostgresSchema schema = PostgresSchema.create()) {
      String wrong = "n0t-the-password";
      assertThatThrownBy(
              () ->
                  ParleyServer.start(
                          node(
                              schema, "redis://:" + wrong + "@127.0.0.1:" + withPassword.port(), 0))
                      .close())
          .hasMessageContaining(
              "cannot reach Redis at redis://:***@127.0.0.1:" + withPassword.port())
          .satisfies(e -> assertThat(causes(e)).doesNotContain(wrong));
      assertThatThrownBy(
              () ->
                  ParleyServer.start(node(schema, "redis://127.0.0.1:" + withPassword.port(), 0))
                      .close())
          .hasMessageContaining("cannot reach Redis");
    }
  }

  @Test
  void anAclUserThatMayTouchOnlyTheClustersKeysAndChannelIsEnough() throws Exception {
    String url = "redis://parley:" + SECRET + "@127.0.0.1:" + withAcl.port();
    try (PostgresSchema schema = PostgresSchema.create()) {
      List<ParleyServer> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) nodes.add(ParleyServer.start(node(schema, url, i)));
        aMessageCrosses(ws(nodes.get(0)), ws(nodes.get(1)));
        TestClient taken = TestClient.connect(ws(nodes.get(1)));
        try {
          // nick claims are scripts on the cluster's keys: they work under the ACL too
          String nick = ParleyServerExtension.nick("held");
          TestClient holder = TestClient.connect(ws(nodes.get(0)));
          holder.hello(nick);
          assertThat(
                  taken
                      .error(dev.parley.testing.Json.obj("type", "hello", "nick", nick))
                      .path("code")
                      .asString())
              .isEqualTo("nick_taken");
          holder.close();
        } finally {
          taken.close();
        }
        Thread.sleep(2_500); // a presence sweep and a rate lease's return run too
      } finally {
        for (ParleyServer n : nodes) n.close();
      }
      // nothing the nodes did was refused by the ACL
      RedisClient auditor =
          RedisClient.create("redis://auditor:" + SECRET + "@127.0.0.1:" + withAcl.port());
      try (StatefulRedisConnection<String, String> c = auditor.connect()) {
        assertThat(c.sync().aclLog()).as("ACL LOG").isEmpty();
      } finally {
        auditor.shutdown();
      }
    }
  }

  /** TLS in child JVMs, so that each has the trust store it is started with (or none). */
  @Test
  void tlsWithTheCertificateTrustedCarriesTheClusterAndWithoutItTheNodeRefusesToStart()
      throws Exception {
    String url = "rediss://:" + SECRET + "@127.0.0.1:" + withTls.port();
    List<String> trusting =
        List.of(
            "-Djavax.net.ssl.trustStore=" + CERTS.resolve("trust.p12"),
            "-Djavax.net.ssl.trustStorePassword=changeit",
            "-Djavax.net.ssl.trustStoreType=PKCS12");
    try (PostgresSchema schema = PostgresSchema.create();
        ParleyProcess a = ParleyProcess.start(trusting, dir.resolve("a"), args(schema, url));
        ParleyProcess b = ParleyProcess.start(trusting, dir.resolve("b"), args(schema, url))) {
      aMessageCrosses(a.wsUri(), b.wsUri());
      assertThatThrownBy(() -> ParleyProcess.start(dir.resolve("c"), args(schema, url)).close())
          .hasMessageContaining("cannot reach Redis at rediss://:***@127.0.0.1:" + withTls.port())
          .satisfies(e -> assertThat(causes(e)).doesNotContain(SECRET));
    }
  }

  @Test
  void aUrlIsShownWithoutItsPassword() {
    assertThat(RedisUrl.shown("redis://:pw@host:6379")).isEqualTo("redis://:***@host:6379");
    assertThat(RedisUrl.shown("rediss://parley:p%40ss@host:6380/0"))
        .isEqualTo("rediss://parley:***@host:6380/0");
    assertThat(RedisUrl.shown("redis://host:6379")).isEqualTo("redis://host:6379");
    assertThat(RedisUrl.shown("redis://user@host:6379")).isEqualTo("redis://user@host:6379");
  }

  // ------------------------------------------------------------------ helpers

  private static URI ws(ParleyServer node) {
    return URI.create("ws://127.0.0.1:" + node.port() + "/ws");
  }

  private static String[] args(PostgresSchema schema, String url) {
    return new String[] {"--db", schema.url(), "--redis", url, "--cluster-channel", CHANNEL};
  }

  private ParleyConfig node(PostgresSchema schema, String url, int i) throws IOException {
    return ParleyServerExtension.roomy(ParleyConfig.defaults())
        .withPort(0)
        .withDataDir(Files.createDirectories(dir.resolve("node" + i + "-" + System.nanoTime())))
        .withDb(schema.url())
        .withRedis(url, CHANNEL);
  }

  /** Ann on the first node says something in a room; Bob on the second reads it live. */
  private static void aMessageCrosses(URI first, URI second) {
    try (TestClient ann = TestClient.connect(first);
        TestClient bob = TestClient.connect(second)) {
      ann.hello(ParleyServerExtension.nick("ann"));
      bob.hello(ParleyServerExtension.nick("bob"));
      String room = ParleyServerExtension.room("private");
      ann.create(room);
      bob.join(room);
      String id = ann.sayAsync(room, "only the nodes can read this");
      assertThat(bob.awaitMessage(room, id).path("text").asString())
          .isEqualTo("only the nodes can read this");
    }
  }

  private static String causes(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) all.append(t).append('\n');
    return all.toString();
  }

  /**
   * A self-signed certificate for 127.0.0.1 (openssl), its key, and a PKCS12 trust store holding
   * it.
   */
  static final class TlsFiles {
    static Path make() {
      try {
        Path d = Files.createTempDirectory("parley-tls-");
        d.toFile().deleteOnExit();
        Process p =
            new ProcessBuilder(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-keyout",
                    d.resolve("key.pem").toString(),
                    "-out",
                    d.resolve("cert.pem").toString(),
                    "-subj",
                    "/CN=127.0.0.1",
                    "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
          throw new AssertionError("openssl failed: " + out);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream cert = Files.newInputStream(d.resolve("cert.pem"))) {
          trust.setCertificateEntry(
              "redis", CertificateFactory.getInstance("X.509").generateCertificate(cert));
        }
        try (OutputStream store = Files.newOutputStream(d.resolve("trust.p12"))) {
          trust.store(store, "changeit".toCharArray());
        }
        return d;
      } catch (IOException e) {
        throw new AssertionError(
            "this test needs openssl on the PATH to make a certificate for Redis: "
                + e.getMessage(),
            e);
      } catch (Exception e) {
        throw new AssertionError("could not make the TLS files: " + e, e);
      }
    }
  }
}
