package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Files of any type (issue 19): any file is taken, served as an attachment of a safe type with
 * seeking, carried by {@code send} as {@code file}, private where its room is, found by its name;
 * voice messages are bounded.
 */
class FileUploadTest {
  private static final int LIMIT = 2 * 1024 * 1024;
  private static final long QUOTA = 5L * 1024 * 1024;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withUploadMaxBytes(LIMIT)
                  .withRate(100, 200)
                  .withGuards(
                      c.guards()
                          .withUploads(QUOTA, 3, Duration.ofSeconds(15), Duration.ofDays(1))));

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static URI endpoint() {
    return server.httpUri("/api/uploads");
  }

  private static JsonNode upload(TestClient who, String name, String type, byte[] bytes) {
    Answer a = UploadRequests.postMultipart(endpoint(), who.token(), "file", name, type, bytes);
    assertThat(a.status()).as(a.json().toString()).isEqualTo(201);
    return a.json();
  }

  private static byte[] pdf(int size) {
    byte[] b =
        Arrays.copyOf("%PDF-1.4\n% a test document\n".getBytes(StandardCharsets.US_ASCII), size);
    for (int i = 28; i < size; i++) b[i] = (byte) ('a' + i % 26);
    return b;
  }

  private static byte[] ogg(int size) {
    byte[] b = new byte[size];
    System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    for (int i = 4; i < size; i++) b[i] = (byte) i;
    return b;
  }

  private static HttpResponse<byte[]> get(String url, String token, String range) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.httpUri(url)).timeout(Duration.ofSeconds(10));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (range != null) b.header("Range", range);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode sendFile(TestClient from, String room, JsonNode file) {
    String id = TestClient.newId();
    from.send(obj("type", "send", "room", room, "id", id, "file", file));
    return from.awaitMessage(room, id);
  }

  @Test
  void aPdfIsTakenAndServedAsAnAttachmentUnderItsName() throws Exception {
    TestClient ann = server.user("ann");
    byte[] bytes = pdf(5000);
    JsonNode stored = upload(ann, "Quarterly report “Q3”.pdf", "application/pdf", bytes);
    assertThat(stored.path("url").asString()).matches("/uploads/[A-Za-z0-9_-]{43}\\.pdf");
    assertThat(stored.path("type").asString()).isEqualTo("application/pdf");
    assertThat(stored.path("size").asLong()).isEqualTo(5000);
    assertThat(stored.path("name").asString()).isEqualTo("Quarterly report “Q3”.pdf");
    assertThat(stored.has("width")).isFalse();

    HttpResponse<byte[]> res = get(stored.path("url").asString(), ann.token(), null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo(bytes);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(res.headers().firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"Quarterly report _Q3_.pdf\";"
                + " filename*=UTF-8''Quarterly%20report%20%E2%80%9CQ3%E2%80%9D.pdf");
    assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(res.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
    assertThat(res.headers().firstValue("Accept-Ranges")).hasValue("bytes");
  }

  @Test
  void aFileSentAsTheWholeBodyIsNamedByItsHeader() throws Exception {
    TestClient ann = server.user("ann");
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(endpoint())
                .header("Authorization", "Bearer " + ann.token())
                .header("Content-Type", "application/pdf")
                .header("X-File-Name", "r%C3%A9sum%C3%A9%20+%201.pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf(700)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(201);
    JsonNode stored = Json.parse(res.body());
    assertThat(stored.path("name").asString()).isEqualTo("résumé + 1.pdf");
    assertThat(
            get(stored.path("url").asString(), ann.token(), null)
                .headers()
                .firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"r_sum_ + 1.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20+%201.pdf");
  }

  @Test
  void imagesAnswerAsBeforeAndStayInline() {
    TestClient ann = server.user("ann");
    JsonNode stored = upload(ann, "cat.png", "image/png", TestImages.encoded("png", 30, 20, 1));
    assertThat(stored.path("width").asInt()).isEqualTo(30);
    assertThat(stored.has("name")).isFalse();
    Answer a = UploadRequests.getAs(server.httpUri(stored.path("url").asString()), ann.token());
    assertThat(a.header("Content-Type")).isEqualTo("image/png");
    assertThat(a.header("Content-Disposition")).isEqualTo("inline");
  }

  @Test
  void hostileFilesAreOnlyEverBytesToSave() throws Exception {
    TestClient ann = server.user("ann");
    String[][] files = {
      {"page.html", "text/html", "<!doctype html><script>alert(document.cookie)</script>"},
      {
        "drawing.svg",
        "image/svg+xml",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
      },
      {"feed.xml", "application/xml", "<?xml version=\"1.0\"?><x/>"},
      {"photo.png", "image/png", "<html><body><script>alert(1)</script></body></html>"},
      {"report.pdf", "application/pdf", "<html><script>alert(1)</script></html>"},
    };
    for (String[] f : files) {
      JsonNode stored = upload(ann, f[0], f[1], f[2].getBytes(StandardCharsets.UTF_8));
      assertThat(stored.path("url").asString()).as(f[0]).endsWith(".bin");
      assertThat(stored.path("type").asString()).isEqualTo("application/octet-stream");
      HttpResponse<byte[]> res = get(stored.path("url").asString(), ann.token(), null);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(res.headers().firstValue("Content-Disposition").orElse(""))
          .startsWith("attachment;");
      assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(res.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("sandbox");
    }
    // a log file is plain text, never HTML
    JsonNode log =
        upload(ann, "server.log", "", "<b>not bold</b>\nline 2\n".getBytes(StandardCharsets.UTF_8));
    assertThat(log.path("type").asString()).isEqualTo("text/plain");
    assertThat(
            get(log.path("url").asString(), ann.token(), null).headers().firstValue("Content-Type"))
        .hasValue("text/plain; charset=utf-8");
  }

  @Test
  void rangesLetAPlayerSeek() throws Exception {
    TestClient ann = server.user("ann");
    byte[] bytes = ogg(100_000);
    String url = upload(ann, "song.ogg", "audio/ogg", bytes).path("url").asString();

    HttpResponse<byte[]> mid = get(url, ann.token(), "bytes=1000-1999");
    assertThat(mid.statusCode()).isEqualTo(206);
    assertThat(mid.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
    assertThat(mid.headers().firstValue("Content-Type")).hasValue("audio/ogg");
    assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));

    HttpResponse<byte[]> open = get(url, ann.token(), "bytes=99990-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(bytes, 99990, 100000));

    HttpResponse<byte[]> suffix = get(url, ann.token(), "bytes=-10");
    assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, 99990, 100000));

    HttpResponse<byte[]> past = get(url, ann.token(), "bytes=0-999999");
    assertThat(past.statusCode()).isEqualTo(206);
    assertThat(past.body()).isEqualTo(bytes);

    for (String bad : new String[] {"bytes=100000-", "bytes=500-100", "bytes=abc-", "bytes=-0"}) {
      HttpResponse<byte[]> r = get(url, ann.token(), bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(416);
      assertThat(r.headers().firstValue("Content-Range")).as(bad).hasValue("bytes */100000");
    }
    assertThat(get(url, ann.token(), "items=0-5").statusCode()).isEqualTo(200);
  }

  @Test
  void aFileGoesOutInAMessageWithTheSizeAndTypeTheServerMeasured() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = ParleyServerExtension.room("files");
    ann.create(room);
    bob.join(room);
    JsonNode stored = upload(ann, "notes.pdf", "application/pdf", pdf(1234));
    String id = TestClient.newId();
    ann.send(
        obj(
            "type",
            "send",
            "room",
            room,
            "id",
            id,
            "text",
            "the notes",
            "file",
            obj(
                "url",
                stored.path("url").asString(),
                "name",
                "notes.pdf",
                "size",
                9,
                "type",
                "text/html")));
    JsonNode m = bob.awaitMessage(room, id);
    assertThat(m.path("text").asString()).isEqualTo("the notes");
    assertThat(m.path("file").path("url").asString()).isEqualTo(stored.path("url").asString());
    assertThat(m.path("file").path("name").asString()).isEqualTo("notes.pdf");
    assertThat(m.path("file").path("size").asLong()).isEqualTo(1234);
    assertThat(m.path("file").path("type").asString()).isEqualTo("application/pdf");
    JsonNode history = ann.call(obj("type", "history", "room", room)).path("events");
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.path("file")).isEqualTo(m.path("file"));
  }

  @Test
  void aFileThatIsNotThisServersUploadIsABadFile() {
    TestClient ann = server.user("ann");
    TestClient eve = server.user("eve");
    String room = ParleyServerExtension.room("badfile");
    ann.create(room);
    eve.join(room);
    String theirs = upload(ann, "a.pdf", "application/pdf", pdf(300)).path("url").asString();
    String image =
        upload(eve, "i.png", "image/png", TestImages.encoded("png", 8, 8, 2))
            .path("url")
            .asString();
    String[] urls = {
      "https://elsewhere.example/uploads/" + theirs.substring(9),
      "/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.pdf",
      "javascript:alert(1)",
      theirs, // ann's, not eve's to show
      image, // an image is sent as an image
    };
    for (String url : urls) {
      JsonNode error =
          eve.error(
              obj("type", "send", "room", room, "id", TestClient.newId(), "file", obj("url", url)));
      assertThat(error.path("code").asString()).as(url).isEqualTo("bad_file");
    }
    JsonNode both =
        eve.error(
            obj(
                "type",
                "send",
                "room",
                room,
                "id",
                TestClient.newId(),
                "image",
                obj("url", image),
                "file",
                obj("url", image)));
    assertThat(both.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void aFileOfAPrivateRoomIsForItsMembersOnly() throws Exception {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    String room = ParleyServerExtension.room("secret");
    ann.ok(obj("type", "create", "room", room, "private", true));
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    JsonNode stored = upload(ann, "plan.pdf", "application/pdf", pdf(800));
    String url = stored.path("url").asString();
    sendFile(ann, room, obj("url", url, "name", "plan.pdf"));

    HttpResponse<byte[]> missing =
        get("/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.pdf", eve.token(), null);
    HttpResponse<byte[]> eves = get(url, eve.token(), null);
    assertThat(eves.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
    assertThat(new String(eves.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(missing.body(), StandardCharsets.UTF_8));
    assertThat(get(url, eve.token(), "bytes=0-10").statusCode()).isEqualTo(404);
    assertThat(get(url, null, null).statusCode()).isEqualTo(404);
    assertThat(get(url, ann.token(), null).statusCode()).isEqualTo(200);
    assertThat(get(url, bob.token(), null).statusCode()).as("a member").isEqualTo(200);
  }

  @Test
  void aFileIsFoundByItsName() throws Exception {
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("searchfiles");
    ann.create(room);
    String url =
        upload(ann, "zanzibar-itinerary.pdf", "application/pdf", pdf(400)).path("url").asString();
    sendFile(ann, room, obj("url", url, "name", "zanzibar-itinerary.pdf"));
    JsonNode results = Json.parse("{}");
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> res =
          HTTP.send(
              HttpRequest.newBuilder(
                      server.httpUri(
                          "/api/search?q=" + URLEncoder.encode("zanzibar", StandardCharsets.UTF_8)))
                  .header("Authorization", "Bearer " + ann.token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      results = Json.parse(res.body()).path("results");
      if (results.size() > 0) break;
      Thread.sleep(100);
    }
    assertThat(results.size()).isEqualTo(1);
  }

  @Test
  void aVoiceMessageIsBoundedInLengthAndSize() {
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("voice");
    ann.create(room);
    String url = upload(ann, "voice.ogg", "audio/ogg", ogg(20_000)).path("url").asString();
    JsonNode m = sendFile(ann, room, obj("url", url, "name", "voice.ogg", "duration", 5));
    assertThat(m.path("file").path("duration").asInt()).isEqualTo(5);
    assertThat(m.path("file").path("type").asString()).isEqualTo("audio/ogg");

    String big = upload(ann, "long.ogg", "audio/ogg", ogg(200_000)).path("url").asString();
    String pdf = upload(ann, "x.pdf", "application/pdf", pdf(500)).path("url").asString();
    Object[][] refused = {
      {url, 3600}, // an hour
      {url, 301},
      {url, 0},
      {big, 2}, // 200 KB is no two-second recording
      {pdf, 10}, // not audio
    };
    for (Object[] r : refused) {
      JsonNode error =
          ann.error(
              obj(
                  "type",
                  "send",
                  "room",
                  room,
                  "id",
                  TestClient.newId(),
                  "file",
                  obj("url", r[0], "duration", r[1])));
      assertThat(error.path("code").asString()).as(r[1] + " s").isEqualTo("bad_file");
    }
  }

  @Test
  void anEmptyFileOrOneOverTheLimitIsRefused() {
    TestClient ann = server.user("ann");
    Answer empty =
        UploadRequests.postMultipart(
            endpoint(), ann.token(), "file", "e.txt", "text/plain", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    Answer big =
        UploadRequests.postMultipart(
            endpoint(), ann.token(), "file", "b.pdf", "application/pdf", pdf(LIMIT + 1));
    assertThat(big.status()).isEqualTo(413);
    // what starts like an image must be a whole one: a PNG cut in its header is no file
    byte[] cut = Arrays.copyOf(TestImages.encoded("png", 20, 20, 3), 20);
    Answer broken = UploadRequests.postRaw(endpoint(), ann.token(), cut, "application/pdf");
    assertThat(broken.status()).isEqualTo(415);
    assertThat(broken.json().path("error").asString()).isEqualTo("unsupported_type");
    assertThat(big.json().path("error").asString()).isEqualTo("too_large");
  }

  @Test
  void filesSpendTheDailyQuotaAsImagesDo() {
    TestClient cy = server.user("cy");
    for (int i = 0; i < 2; i++)
      upload(cy, "part" + i + ".pdf", "application/pdf", pdf(LIMIT - 100_000));
    // about 3.8 of 5 MiB spent: the next 2 MiB does not fit
    Answer over =
        UploadRequests.postMultipart(
            endpoint(), cy.token(), "file", "more.pdf", "application/pdf", pdf(LIMIT - 100_000));
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().path("error").asString()).isEqualTo("quota");
  }
}
