package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawHttp;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.TestClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Slowloris (issue 14, item 5): sockets that never finish a request, or never say hello, held every
 * file descriptor the server had. Each connection now has deadlines (here shortened to one second:
 * the contract's are ten), and one address holds at most so many connections at once. The attacks
 * come from 127.0.0.2 and up, so that the bystander on 127.0.0.1 is another client.
 */
class SlowlorisTest {
  private static final Duration DEADLINE = Duration.ofSeconds(1);

  /** How long past a deadline the server may take to close: generous for a loaded machine. */
  private static final long SLACK_MILLIS = 2500;

  private static final int CAP = 40;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withGuards(
                  c.guards().withTimeouts(DEADLINE, DEADLINE).withConnectionsPerAddress(CAP)));

  /** For the attack: a deadline long enough that every socket is open before the first closes. */
  private static final Duration ATTACK_DEADLINE = Duration.ofSeconds(4);

  @RegisterExtension
  static final ParleyServerExtension attacked =
      ParleyServerExtension.with(
          c ->
              c.withGuards(
                  c.guards()
                      .withTimeouts(ATTACK_DEADLINE, ATTACK_DEADLINE)
                      .withConnectionsPerAddress(CAP)));

  /** New users one every 3 s and no burst: the second new user of a test is told to wait. */
  @RegisterExtension
  static final ParleyServerExtension slowed =
      ParleyServerExtension.with(
          c -> c.withGuards(c.guards().withTimeouts(DEADLINE, DEADLINE).withNewUsers(20, 1)));

  @Test
  void aHelloToldToSlowDownKeepsItsSocketUntilTheWaitAndTheDeadlineHavePassed() {
    slowed.user("first"); // takes the one new user the address may make now
    TestClient waiting = slowed.track(TestClient.connect(slowed.wsUri()));
    JsonNode refused =
        waiting.call(obj("type", "hello", "nick", ParleyServerExtension.nick("second")));
    assertThat(refused.path("code").asString()).isEqualTo("slow_down");
    long retryAfter = refused.path("retryAfter").asLong();
    assertThat(retryAfter).isBetween(1L, 3L);
    long refusedAt = System.nanoTime();

    // Waiting as told is not going quiet: past the hello deadline, the socket is still open.
    Awaitility.await()
        .pollDelay(DEADLINE.plusMillis(500))
        .atMost(DEADLINE.plusSeconds(1))
        .until(() -> true);
    assertThat(waiting.isClosed()).as("closed while waiting as told").isFalse();

    // A client that then never says hello again is closed once the wait and a deadline pass.
    assertThat(
            waiting.closeCode(
                Duration.ofSeconds(retryAfter).plus(DEADLINE).plusMillis(SLACK_MILLIS)))
        .isEqualTo(1008);
    assertThat(Duration.ofNanos(System.nanoTime() - refusedAt))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfter).plus(DEADLINE).minusMillis(200));
  }

  @Test
  void aSocketThatSendsNothingIsClosedAfterTheHeaderDeadline() throws IOException {
    try (Socket idle = RawHttp.open("127.0.0.2", server.port())) {
      assertThat(RawHttp.closedByServer(idle, DEADLINE.toMillis() / 2))
          .as("closed before the deadline")
          .isFalse();
      assertThat(RawHttp.closedByServer(idle, DEADLINE.toMillis() + SLACK_MILLIS))
          .as("closed after the deadline")
          .isTrue();
    }
  }

  @Test
  void aRequestHeadSentAByteAtATimeIsCutOffAtTheDeadline() throws Exception {
    try (Socket slow = RawHttp.open("127.0.0.3", server.port())) {
      OutputStream out = slow.getOutputStream();
      byte[] head =
          "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
              .getBytes(StandardCharsets.US_ASCII);
      long start = System.nanoTime();
      boolean cut = false;
      for (byte b : head) {
        try {
          out.write(b);
          out.flush();
        } catch (IOException e) {
          cut = true;
          break;
        }
        if (RawHttp.closedByServer(slow, 100)) {
          cut = true;
          break;
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(cut).as("the trickle was cut off").isTrue();
      assertThat(millis)
          .as("ms until cut")
          .isBetween(DEADLINE.toMillis() - 100, DEADLINE.toMillis() + SLACK_MILLIS);
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws IOException {
    try (Socket s = RawHttp.open("127.0.0.4", server.port())) {
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
      assertThat(RawHttp.closedByServer(s, DEADLINE.toMillis() + SLACK_MILLIS))
          .as("idle keep-alive closed")
          .isTrue();
    }
  }

  @Test
  void anUpgradedSocketThatNeverSaysHelloIsClosedWith1008() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), 0)) {
      List<RawWebSocket.Frame> frames =
          ws.readUntilClose((int) (DEADLINE.toMillis() + SLACK_MILLIS));
      assertThat(frames).isNotEmpty();
      assertThat(frames.get(frames.size() - 1).opcode()).isEqualTo(RawWebSocket.Frame.CLOSE);
      assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(1008);
    }
  }

  @Test
  void aConnectionThatSaidHelloOutlivesTheDeadlines() throws InterruptedException {
    TestClient c = server.user("prompt");
    Thread.sleep(DEADLINE.toMillis() * 2 + 500);
    assertThat(c.ping().path("type").asString()).isEqualTo("pong");
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void anAddressOverTheCapIsRefusedWith429AndOthersAreNot() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) held.add(RawHttp.open("127.0.0.5", server.port()));
      // counted as they open: give the server a moment to see the last of them
      Thread.sleep(100);
      RawHttp.Response refused =
          RawHttp.exchange(
              "127.0.0.5", server.port(), RawHttp.get("/healthz", Map.of("Host", "127.0.0.1")));
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.body()).contains("Too many connections");
      assertThat(
              RawHttp.exchange(
                      "127.0.0.6",
                      server.port(),
                      RawHttp.get("/healthz", Map.of("Host", "127.0.0.1")))
                  .status())
          .as("another address")
          .isEqualTo(200);
    } finally {
      for (Socket s : held) s.close();
    }
    // the deadline or the close frees the address's places
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int status = 0;
    while (System.nanoTime() < until && status != 200) {
      status =
          RawHttp.exchange(
                  "127.0.0.5", server.port(), RawHttp.get("/healthz", Map.of("Host", "127.0.0.1")))
              .status();
      if (status != 200) Thread.sleep(50);
    }
    assertThat(status).as("once its sockets closed").isEqualTo(200);
  }

  /**
   * The attack at a size that runs in seconds: 1,500 sockets that never send a byte, from six
   * addresses, while a bystander keeps using the server. Each address gets at most the cap; the
   * rest are refused at once, and the deadline closes those it let in.
   */
  @Test
  void manyIdleSocketsNeitherStarveABystanderNorStayOpen() throws Exception {
    int sockets = 1500;
    int addresses = 6;
    Bystander bystander = Bystander.watch(attacked);
    List<Socket> attack = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < sockets; i++)
        attack.add(RawHttp.open("127.0.1." + (10 + i % addresses), attacked.port()));
      long opening = (System.nanoTime() - start) / 1_000_000;
      assertThat(opening)
          .as("ms to open the sockets: under the deadline, or the count below means nothing")
          .isLessThan(ATTACK_DEADLINE.toMillis());
      int refused = 0;
      int closed = 0;
      for (Socket s : attack) {
        long left =
            ATTACK_DEADLINE.toMillis() + SLACK_MILLIS - (System.nanoTime() - start) / 1_000_000;
        String got = readUntilClosed(s, Math.max(1, left));
        if (got == null) continue;
        closed++;
        if (got.startsWith("HTTP/1.1 429")) refused++;
      }
      bystander.assertServed();
      assertThat(closed)
          .as("idle sockets the server closed within the deadline and slack, of %d", sockets)
          .isEqualTo(sockets);
      assertThat(sockets - refused)
          .as("sockets let in (at most the cap per address)")
          .isLessThanOrEqualTo(CAP * addresses);
      System.out.printf(
          "slowloris: %d idle sockets from %d addresses: %d refused at once (cap %d each), the other %d closed"
              + " by the deadline; bystander %s%n",
          sockets, addresses, refused, CAP, sockets - refused, bystander.worst());
    } finally {
      bystander.close();
      for (Socket s : attack) s.close();
    }
  }

  /**
   * What the server sent before closing {@code s} within {@code millis}, or null when it did not
   * close it.
   */
  private static String readUntilClosed(Socket s, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    StringBuilder got = new StringBuilder();
    try {
      byte[] buf = new byte[512];
      while (System.nanoTime() - deadline < 0) {
        s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        int n;
        try {
          n = s.getInputStream().read(buf);
        } catch (java.net.SocketTimeoutException e) {
          return null;
        }
        if (n < 0) return got.toString();
        got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
      return null;
    } catch (IOException e) {
      return got.toString(); // reset by the server
    }
  }
}
