package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Uploading an image: what is stored, under which name, and how it is served back. */
class UploadTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static final String NAME = "/uploads/[A-Za-z0-9_-]{43}\\.";

  private String token() {
    return server.user("uploader").token();
  }

  private URI endpoint() {
    return server.httpUri("/api/uploads");
  }

  private Answer upload(byte[] bytes, String contentType) {
    return UploadRequests.postRaw(endpoint(), token(), bytes, contentType);
  }

  private static void assertStored(
      Answer a, String type, String ext, int size, int width, int height) {
    assertThat(a.status()).as("status of %s", a.json()).isEqualTo(201);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    JsonNode j = a.json();
    assertThat(j.path("url").asString()).matches(NAME + ext);
    assertThat(j.path("type").asString()).isEqualTo(type);
    assertThat(j.path("size").asLong()).isEqualTo(size);
    assertThat(j.path("width").asInt()).isEqualTo(width);
    assertThat(j.path("height").asInt()).isEqualTo(height);
  }

  @Test
  void oneGoodFileOfEachTypeIsStoredWithItsTypeAndSize() {
    byte[] png = TestImages.encoded("png", 40, 30, 1);
    byte[] jpeg = TestImages.encoded("jpg", 64, 48, 1);
    byte[] gif = TestImages.encoded("gif", 20, 10, 1);
    byte[] lossy = TestImages.webpLossy(300, 200);
    byte[] lossless = TestImages.webpLossless(30, 20);
    byte[] extended = TestImages.webpExtended(1024, 768);

    // the client's Content-Type is not what decides: a wrong one or none changes nothing
    assertStored(upload(png, "image/png"), "image/png", "png", png.length, 40, 30);
    assertStored(
        upload(jpeg, "application/octet-stream"), "image/jpeg", "jpg", jpeg.length, 64, 48);
    assertStored(upload(gif, null), "image/gif", "gif", gif.length, 20, 10);
    assertStored(upload(lossy, "image/png"), "image/webp", "webp", lossy.length, 300, 200);
    assertStored(upload(lossless, "image/webp"), "image/webp", "webp", lossless.length, 30, 20);
    assertStored(upload(extended, "image/webp"), "image/webp", "webp", extended.length, 1024, 768);
  }

  @Test
  void aMultipartFormUploadIsStoredLikeARawBody() {
    byte[] jpeg = TestImages.encoded("jpg", 50, 20, 4);
    Answer a =
        UploadRequests.postMultipart(
            endpoint(), token(), "file", "holiday.jpg", "image/jpeg", jpeg);
    assertStored(a, "image/jpeg", "jpg", jpeg.length, 50, 20);
  }

  @Test
  void aBodyWithoutALengthIsStoredToo() {
    byte[] gif = TestImages.encoded("gif", 12, 34, 5);
    Answer a = UploadRequests.postChunked(endpoint(), token(), gif);
    assertStored(a, "image/gif", "gif", gif.length, 12, 34);
  }

  @Test
  void aJpegWithExifOrientationSixReportsItsSidesSwapped() {
    byte[] turned = TestImages.withExifOrientation(TestImages.encoded("jpg", 80, 30, 6), 6, false);
    assertStored(upload(turned, "image/jpeg"), "image/jpeg", "jpg", turned.length, 30, 80);
  }

  @Test
  void aStoredImageIsServedAsAnImageThatIsCachedForeverAndNeverSniffed() {
    byte[] png = TestImages.encoded("png", 8, 8, 7);
    String token = token();
    String url =
        UploadRequests.postRaw(endpoint(), token, png, "image/png").json().path("url").asString();

    Answer got = UploadRequests.getAs(server.httpUri(url), token);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(png);
    assertThat(got.header("Content-Type")).isEqualTo("image/png");
    assertThat(got.header("Content-Length")).isEqualTo(String.valueOf(png.length));
    assertThat(got.header("X-Content-Type-Options")).isEqualTo("nosniff");
    // private: the images of a direct conversation must not sit in a cache shared with others
    assertThat(got.header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
    assertThat(got.header("Content-Security-Policy"))
        .isEqualTo("default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
    assertThat(got.header("Content-Disposition")).isEqualTo("inline");

    // not sent yet, it is its uploader's alone; nobody else even learns that it exists
    assertThat(UploadRequests.head(server.httpUri(url)).status()).isEqualTo(404);
    Answer head = UploadRequests.headAs(server.httpUri(url), token);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Type")).isEqualTo("image/png");
    assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(png.length));
  }

  @Test
  void eachTypeIsServedWithItsOwnMediaType() {
    for (var c :
        List.of(
            new Object[] {TestImages.encoded("jpg", 9, 9, 8), "image/jpeg"},
            new Object[] {TestImages.encoded("gif", 9, 9, 8), "image/gif"},
            new Object[] {TestImages.webpLossy(9, 9), "image/webp"})) {
      String token = token();
      String url =
          UploadRequests.postRaw(endpoint(), token, (byte[]) c[0], null)
              .json()
              .path("url")
              .asString();
      assertThat(UploadRequests.getAs(server.httpUri(url), token).header("Content-Type"))
          .isEqualTo(c[1]);
    }
  }

  @Test
  void theKeyIsReadableByTheServerOnlyAndNamesDoNotRevealTheContentHash() throws Exception {
    byte[] png = TestImages.encoded("png", 5, 5, 9);
    String url = upload(png, "image/png").json().path("url").asString();
    Path key = server.dataDir().resolve("uploads/.key");
    assertThat(Files.size(key)).isEqualTo(32);
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    String plainHash =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(png));
    assertThat(url).doesNotContain(plainHash);
  }

  @Test
  void anUploadIsServedAfterARestart() {
    byte[] png = TestImages.encoded("png", 6, 6, 10);
    String token = token();
    String url =
        UploadRequests.postRaw(endpoint(), token, png, "image/png").json().path("url").asString();
    server.restart();
    assertThat(UploadRequests.getAs(server.httpUri(url), token).body()).isEqualTo(png);
  }

  private static List<Path> storedFiles() throws IOException {
    try (Stream<Path> files = Files.list(server.dataDir().resolve("uploads"))) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
