package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawHttp;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DNS rebinding: a page on evil.example whose name the attacker points at the server's address
 * reaches an intranet server with {@code Host: evil.example} and a matching {@code Origin}, so the
 * Origin check alone lets it in. The server answers only to names it knows: its public names,
 * loopback names, IP literals, this machine's own name and the hosts of its allowed origins.
 */
class HostCheckTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static RawHttp.Response page(int port, String host) {
    return RawHttp.exchange(port, RawHttp.get("/", Map.of("Host", host)));
  }

  @Test
  void aRebindingPagesHandshakeIsRefusedWithASentenceForTheOperator() {
    String evil = "evil.example:" + server.port();
    RawHttp.Response r =
        RawHttp.exchange(
            server.port(), RawHttp.handshake(Map.of("Host", evil, "Origin", "http://" + evil)));
    assertThat(r.status())
        .as("a handshake naming evil.example, with its own origin")
        .isEqualTo(421);
    assertThat(r.body()).contains("evil.example", "--public-names");
  }

  @Test
  void plainHttpNamingAnotherHostIsRefusedToo() {
    assertThat(page(server.port(), "evil.example").status()).isEqualTo(421);
    assertThat(page(server.port(), "evil.example:" + server.port()).status()).isEqualTo(421);
    assertThat(
            RawHttp.exchange(
                    server.port(), RawHttp.get("/healthz", Map.of("Host", "intranet.evil.example")))
                .status())
        .isEqualTo(421);
  }

  @Test
  void loopbackNamesIpLiteralsAndThisMachinesNameAreServed() throws Exception {
    for (String host :
        List.of(
            "localhost",
            "localhost:" + server.port(),
            "LOCALHOST.",
            "app.localhost:" + server.port(),
            "127.0.0.1:" + server.port(),
            "10.1.2.3",
            "[::1]:" + server.port(),
            "[fe80::1]",
            InetAddress.getLocalHost().getHostName())) {
      assertThat(page(server.port(), host).status()).as("Host: %s", host).isEqualTo(200);
    }
    RawHttp.Response ws =
        RawHttp.exchange(
            server.port(), RawHttp.handshake(Map.of("Host", "localhost:" + server.port())));
    assertThat(ws.status()).isEqualTo(101);
  }

  @Test
  void aRequestWithoutHostIsServed() {
    RawHttp.Response r = RawHttp.exchange(server.port(), "GET /healthz HTTP/1.0\r\n\r\n");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void publicNamesAndTheHostsOfAllowedOriginsAreServed() throws Exception {
    Path dir = Files.createTempDirectory("parley-host-");
    ParleyConfig config =
        ParleyConfig.defaults()
            .withPort(0)
            .withDataDir(dir)
            .withAllowedOrigins(List.of("https://embed.example:8443"));
    try (ParleyServer named =
        ParleyServer.start(
            config.withGuards(config.guards().withPublicNames(List.of("Chat.Example.com"))))) {
      assertThat(page(named.port(), "chat.example.com").status()).isEqualTo(200);
      assertThat(page(named.port(), "chat.example.com:443").status()).isEqualTo(200);
      assertThat(page(named.port(), "embed.example").status()).isEqualTo(200);
      assertThat(page(named.port(), "example.com").status()).isEqualTo(421);
      assertThat(page(named.port(), "evil.chat.example.com").status()).isEqualTo(421);
    } finally {
      ParleyServerExtension.deleteRecursively(dir);
    }
  }
}
