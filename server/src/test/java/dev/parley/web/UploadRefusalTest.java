package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an upload refuses, and that a refusal leaves nothing behind. */
class UploadRefusalTest {

  private static final int LIMIT = 64 * 1024;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withUploadMaxBytes(LIMIT));

  private String token() {
    return server.user("refused").token();
  }

  private URI endpoint() {
    return server.httpUri("/api/uploads");
  }

  private static void assertError(Answer a, int status, String code) {
    assertThat(a.status()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    assertThat(a.json().path("error").asString()).isEqualTo(code);
    assertThat(a.json().path("message").asString()).isNotBlank();
  }

  @AfterEach
  void nothingIsStoredAndNoTempFileIsLeft() throws IOException {
    assertThat(list(server.dataDir().resolve("uploads")))
        .noneMatch(p -> !p.getFileName().toString().startsWith("."));
    assertThat(list(server.dataDir().resolve("uploads/.tmp"))).isEmpty();
  }

  // A text, HTML or SVG file that claims to be an image is no longer refused: it is a file, stored
  // and served as bytes to save (FileUploadTest.hostileFilesAreOnlyEverBytesToSave).

  @Test
  void aFileOverTheLimitIsRefusedFromItsDeclaredLength() {
    byte[] big = padded(TestImages.png(10, 10), LIMIT + 1);
    Answer a = UploadRequests.postRaw(endpoint(), token(), big, "image/png");
    assertError(a, 413, "too_large");
    assertThat(a.json().path("message").asString()).contains("64 KiB");
  }

  @Test
  void aBodyWithoutALengthIsCutOffAtTheLimit() {
    byte[] big = padded(TestImages.png(10, 10), 3 * LIMIT);
    assertError(UploadRequests.postChunked(endpoint(), token(), big), 413, "too_large");
  }

  @Test
  void aFormWhoseFileIsOverTheLimitIsRefused() {
    byte[] big = padded(TestImages.png(10, 10), LIMIT + 100);
    Answer a =
        UploadRequests.postMultipart(endpoint(), token(), "file", "big.png", "image/png", big);
    assertError(a, 413, "too_large");
  }

  @Test
  void anImageOfExactlyTheLimitIsTaken() throws IOException {
    byte[] exact = padded(TestImages.png(10, 10), LIMIT);
    Answer a = UploadRequests.postRaw(endpoint(), token(), exact, "image/png");
    assertThat(a.status()).isEqualTo(201);
    // remove its bytes again, so the check after each test (nothing stored) holds
    for (Path p : list(server.dataDir().resolve("uploads"))) {
      if (!p.getFileName().toString().startsWith(".")) Files.delete(p);
    }
  }

  @Test
  void aPngDeclaringTenBillionPixelsIsRefusedUnread() {
    Answer a =
        UploadRequests.postRaw(
            endpoint(), token(), TestImages.pngDeclaring(100_000, 100_000), "image/png");
    assertError(a, 422, "too_many_pixels");
    assertThat(a.json().path("message").asString()).contains("100000 × 100000");
  }

  @Test
  void aHeaderWithoutAnImageIsABadImage() {
    Answer a =
        UploadRequests.postRaw(
            endpoint(),
            token(),
            dev.parley.testing.HostileImages.pngHeaderOnly(640, 480, true),
            "image/png");
    assertError(a, 415, "bad_image");
    Answer jpeg =
        UploadRequests.postRaw(
            endpoint(),
            token(),
            dev.parley.testing.HostileImages.jpegHeaderOnly(TestImages.jpeg(64, 48)),
            "image/jpeg");
    assertError(jpeg, 415, "bad_image");
  }

  @Test
  void aGifWithAFrameFarLargerThanItsScreenIsRefused() {
    byte[] gif =
        dev.parley.testing.HostileImages.gif(
            1, 1, new dev.parley.testing.HostileImages.Frame(0, 0, 8000, 8000));
    assertError(
        UploadRequests.postRaw(endpoint(), token(), gif, "image/gif"), 422, "too_many_pixels");
  }

  @Test
  void aSmallFileDeclaringTensOfMegapixelsIsRefused() {
    byte[] bomb = dev.parley.testing.HostileImages.png(7000, 7000, 40_000);
    Answer a = UploadRequests.postRaw(endpoint(), token(), bomb, "image/png");
    assertError(a, 422, "too_many_pixels");
    assertThat(a.json().path("message").asString()).contains("7000 × 7000");
  }

  @Test
  void withoutATokenNothingIsTaken() {
    Answer a = UploadRequests.postRaw(endpoint(), null, TestImages.png(4, 4), "image/png");
    assertError(a, 401, "unauthorized");
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-token", "x"})
  void aBadTokenIsRefused(String token) {
    assertError(
        UploadRequests.postRaw(endpoint(), token, TestImages.png(4, 4), "image/png"),
        401,
        "unauthorized");
  }

  @Test
  void aFormWithoutAFileFieldIsABadRequest() {
    Answer a =
        UploadRequests.postMultipart(
            endpoint(), token(), "picture", "x.png", "image/png", TestImages.png(4, 4));
    assertError(a, 400, "bad_request");
  }

  /**
   * A form whose Content-Type Netty's decoder cannot even start on (an unknown charset) is the
   * client's error.
   */
  @Test
  void aFormTheDecoderCannotStartOnIsABadRequest() {
    byte[] png = TestImages.png(8, 8);
    Answer a =
        UploadRequests.postRaw(
            endpoint(),
            token(),
            png,
            "multipart/form-data; boundary=xyz; charset=no-such-charset!");
    assertError(a, 400, "bad_request");
  }

  @Test
  void anEmptyBodyIsABadRequest() {
    assertError(
        UploadRequests.postRaw(endpoint(), token(), new byte[0], "image/png"), 400, "bad_request");
  }

  @Test
  void uploadsOnlyTakePost() {
    assertError(UploadRequests.get(endpoint()), 405, "method_not_allowed");
  }

  @Test
  void anUploadAbandonedHalfWayLeavesNoTempFile() throws Exception {
    byte[] png = TestImages.png(10, 10);
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      var out = s.getOutputStream();
      out.write(
          ("POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + token()
                  + "\r\nContent-Length: 50000\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(png);
      out.flush();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> !list(server.dataDir().resolve("uploads/.tmp")).isEmpty());
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> list(server.dataDir().resolve("uploads/.tmp")).isEmpty());
  }

  @Test
  void otherPathsDoNotTakeAnUploadSizedBody() {
    byte[] big = padded(TestImages.png(10, 10), 2 * 1024 * 1024);
    Answer a = UploadRequests.postRaw(server.httpUri("/api/elsewhere"), token(), big, "image/png");
    assertThat(a.status()).isEqualTo(413);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/uploads/.key",
        "/uploads/.tmp",
        "/uploads/..%2F..%2Fparley.db",
        "/uploads/%2e%2e/parley.db",
        "/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.png",
        "/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.svg",
        "/uploads/short.png",
        "/uploads/",
      })
  void namesThatAreNotStoredUploadsAreNotFound(String path) {
    assertThat(UploadRequests.rawStatus(server.port(), "GET " + path + " HTTP/1.1")).isEqualTo(404);
  }

  @Test
  void aTraversalOutOfTheUploadsFolderIsNotFound() {
    assertThat(UploadRequests.rawStatus(server.port(), "GET /uploads/../parley.db HTTP/1.1"))
        .isEqualTo(404);
    assertThat(UploadRequests.rawStatus(server.port(), "GET /uploads/..\\.key HTTP/1.1"))
        .isEqualTo(404);
  }

  /** {@code image} followed by zero bytes up to {@code size}: still a valid header, any length. */
  private static byte[] padded(byte[] image, int size) {
    return java.util.Arrays.copyOf(image, size);
  }

  private static java.util.List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
