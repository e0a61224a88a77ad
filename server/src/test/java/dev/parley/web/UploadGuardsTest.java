package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Bystander;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.RawHttp;
import dev.parley.testing.SlowUpload;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, item 7: one account uploaded 351 MB in 14 s, an upload that went silent kept its slot
 * for 30 s, and uploads no message used stayed on disk for ever unless retention purged something.
 * The contract's guards, at a test's scale: a daily quota (here 1 MiB), an upload silent for a
 * moment (here 2 s) dropped, an upload no message uses removed after a while (here 2 s) by a sweep
 * that runs without any retention configured.
 */
class UploadGuardsTest {

  private static final long QUOTA = 1024 * 1024;
  private static final int PIECE = 300 * 1024;
  private static final Duration IDLE = Duration.ofSeconds(2);
  private static final Duration KEPT = Duration.ofSeconds(2);

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withUploadMaxBytes(512 * 1024)
                  .withGuards(c.guards().withUploads(QUOTA, 3, IDLE, KEPT)));

  private static URI endpoint() {
    return server.httpUri("/api/uploads");
  }

  /** A PNG of {@code size} bytes (zeros after its end): a valid image that costs its size. */
  private static byte[] pngOf(int size, int seed) {
    return Arrays.copyOf(TestImages.encoded("png", 16, 16, seed), size);
  }

  @Test
  void anUploadThatSendsNothingIsDroppedAndItsSlotFreed() {
    TestClient ann = server.user("ann");
    List<SlowUpload> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        SlowUpload s = SlowUpload.start(server.port(), ann.token(), 100_000);
        s.send(Arrays.copyOf(TestImages.png(10, 10), 10));
        silent.add(s);
      }
      long t0 = System.nanoTime();
      for (SlowUpload s : silent) {
        assertThat(s.status(Duration.ofSeconds(8)))
            .as("answer to an upload that went silent")
            .isEqualTo(408);
        assertThat(s.body()).contains("\"error\":\"timeout\"");
      }
      long waited = (System.nanoTime() - t0) / 1_000_000;
      assertThat(waited)
          .as("ms until the silent uploads were dropped")
          .isBetween(IDLE.toMillis() - 300, IDLE.toMillis() * 3);
      // the three slots are free again
      assertThat(
              UploadRequests.postRaw(endpoint(), ann.token(), TestImages.png(12, 12), "image/png")
                  .status())
          .isEqualTo(201);
    } finally {
      silent.forEach(SlowUpload::close);
    }
  }

  @Test
  void aUserOverTheDailyQuotaIsRefusedWith429AndOthersAreNot() {
    Bystander bystander = Bystander.watch(server);
    TestClient ann = server.user("ann");
    for (int i = 0; i < 3; i++) {
      assertThat(
              UploadRequests.postRaw(endpoint(), ann.token(), pngOf(PIECE, i), "image/png")
                  .status())
          .isEqualTo(201);
    }
    Answer over = UploadRequests.postRaw(endpoint(), ann.token(), pngOf(PIECE, 3), "image/png");
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().path("error").asString()).isEqualTo("quota");
    assertThat(over.json().path("message").asString()).contains("1 MiB");
    long retryAfter = Long.parseLong(over.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 86_400L);
    // a smaller one that still fits is taken
    assertThat(
            UploadRequests.postRaw(endpoint(), ann.token(), pngOf(100 * 1024, 4), "image/png")
                .status())
        .isEqualTo(201);

    // and it keeps trying, in vain, while everyone else is served
    int attempts = 0;
    while (bystander.rounds() < 5 || attempts < 10) {
      assertThat(
              UploadRequests.postRaw(
                      endpoint(), ann.token(), pngOf(PIECE, 6 + attempts), "image/png")
                  .status())
          .isEqualTo(429);
      attempts++;
    }

    TestClient bob = server.user("bob");
    assertThat(
            UploadRequests.postRaw(endpoint(), bob.token(), pngOf(PIECE, 5), "image/png").status())
        .isEqualTo(201);
    bystander.assertServed();
  }

  @Test
  void aDeclaredLengthOverTheQuotaIsRefusedBeforeTheBodyIsSent() {
    TestClient ann = server.user("ann");
    for (int i = 0; i < 3; i++) {
      assertThat(
              UploadRequests.postRaw(endpoint(), ann.token(), pngOf(PIECE, 10 + i), "image/png")
                  .status())
          .isEqualTo(201);
    }
    try (SlowUpload up = SlowUpload.start(server.port(), ann.token(), PIECE, true)) {
      assertThat(up.status(Duration.ofSeconds(5))).isEqualTo(429);
      assertThat(up.answer(Duration.ZERO)).doesNotContain("100 Continue");
    }
  }

  @Test
  void theQuotaIsKeptInTheStoreAndHoldsAfterARestart() {
    TestClient ann = server.user("ann");
    String token = ann.token();
    for (int i = 0; i < 3; i++) {
      assertThat(
              UploadRequests.postRaw(endpoint(), token, pngOf(PIECE, 20 + i), "image/png").status())
          .isEqualTo(201);
    }
    server.restart();
    assertThat(UploadRequests.postRaw(endpoint(), token, pngOf(PIECE, 23), "image/png").status())
        .isEqualTo(429);
  }

  /**
   * A small upload that arrives whole, headers and body in one packet, from a user whose quota is
   * all but spent, is answered 429 like any other: its body is in before the quota says no, and the
   * answer must still be written (it was dropped, and the client waited for ever).
   */
  @Test
  void anUploadThatArrivesWholeOverTheQuotaIsAnswered() throws Exception {
    TestClient ann = server.user("ann");
    for (int i = 0; i < 3; i++) {
      assertThat(
              UploadRequests.postRaw(endpoint(), ann.token(), pngOf(PIECE, 30 + i), "image/png")
                  .status())
          .isEqualTo(201);
    }
    int allButFifty = (int) (QUOTA - 3L * PIECE) - 50;
    assertThat(
            UploadRequests.postRaw(endpoint(), ann.token(), pngOf(allButFifty, 33), "image/png")
                .status())
        .isEqualTo(201);

    byte[] head =
        ("POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + ann.token()
                + "\r\nContent-Type: image/png\r\nContent-Length: 100\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = Arrays.copyOf(head, head.length + 100); // 100 bytes of body: over the 50 left
    try (Socket s = RawHttp.open("127.0.0.1", server.port())) {
      s.getOutputStream().write(request); // one write: the server reads headers and body at once
      RawHttp.Response answer = RawHttp.read(s.getInputStream());
      assertThat(answer.status()).isEqualTo(429);
      assertThat(answer.body()).contains("\"error\":\"quota\"");
    }
  }

  @Test
  void anUploadNoMessageUsesIsRemovedWithoutAnyRetentionConfigured() throws Exception {
    assertThat(server.config().retentionDays()).isNull();
    assertThat(server.config().retentionCount()).isNull();
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("kept");
    ann.create(room);
    byte[] unusedBytes = TestImages.encoded("png", 20, 20, 31);
    byte[] usedBytes = TestImages.encoded("png", 20, 20, 32);
    String unused =
        UploadRequests.postRaw(endpoint(), ann.token(), unusedBytes, "image/png")
            .json()
            .path("url")
            .asString();
    String used =
        UploadRequests.postRaw(endpoint(), ann.token(), usedBytes, "image/png")
            .json()
            .path("url")
            .asString();
    String id = TestClient.newId();
    ann.send(obj("type", "send", "room", room, "id", id, "image", obj("url", used)));
    ann.awaitMessage(room, id);
    assertThat(blobFile(unusedBytes)).exists();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> UploadRequests.getAs(server.httpUri(unused), ann.token()).status() == 404);
    await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(blobFile(unusedBytes)));
    assertThat(blobFile(usedBytes)).exists();
    assertThat(UploadRequests.getAs(server.httpUri(used), ann.token()).status()).isEqualTo(200);
    // and a message cannot show it any more
    assertThat(
            ann.error(
                    obj(
                        "type",
                        "send",
                        "room",
                        room,
                        "id",
                        TestClient.newId(),
                        "image",
                        obj("url", unused)))
                .path("code")
                .asString())
        .isEqualTo("bad_image");
  }

  /** The file that keeps {@code png}'s bytes: named by their keyed hash, with the node's key. */
  private static Path blobFile(byte[] png) throws Exception {
    Path dir = server.dataDir().resolve("uploads");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(Files.readAllBytes(dir.resolve(".key")), "HmacSHA256"));
    byte[] digest = mac.doFinal(java.security.MessageDigest.getInstance("SHA-256").digest(png));
    return dir.resolve(
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + ".png");
  }
}
