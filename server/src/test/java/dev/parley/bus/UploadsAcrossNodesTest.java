package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import dev.parley.store.sql.SqlUploads;
import dev.parley.store.sql.UploadRecords;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import dev.parley.uploads.UploadNames;
import dev.parley.uploads.UploadStore;
import dev.parley.uploads.UploadSweep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Uploads in a cluster live in its PostgreSQL database: what one node took in, any node serves,
 * under the same unguessable name; who may see it, each user's daily quota and the uploads'
 * credentials hold on every node; and the uploads sweep works on them there.
 */
class UploadsAcrossNodesTest {

  private static final long QUOTA = 3 * 1024 * 1024;

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.of(
          2,
          c ->
              c.withRate(100_000, 100_000)
                  .withUploadMaxBytes(4 * 1024 * 1024)
                  .withRetention(null, null, Duration.ofMillis(200))
                  .withGuards(
                      c.guards()
                          .withUploads(QUOTA, 3, Duration.ofSeconds(15), Duration.ofHours(24))));

  private static URI http(int node, String path) {
    return URI.create("http://127.0.0.1:" + cluster.node(node).port() + path);
  }

  private static String upload(int node, TestClient who, byte[] bytes) {
    Answer a = UploadRequests.postRaw(http(node, "/api/uploads"), who.token(), bytes, "image/png");
    assertThat(a.status()).as("upload answer %s", a.json()).isEqualTo(201);
    return a.json().path("url").asString();
  }

  @Test
  void aFileUploadedThroughOneNodeDownloadsAndSeeksThroughTheOtherForAMemberOnly()
      throws Exception {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    TestClient eve = cluster.user(1, "eve");
    // several database pieces of 128 KiB, so that a range starts inside a later one
    byte[] ogg = new byte[400_000];
    new java.util.Random(19).nextBytes(ogg);
    System.arraycopy("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, ogg, 0, 4);
    Answer a =
        UploadRequests.postMultipart(
            http(0, "/api/uploads"), ann.token(), "file", "talk.ogg", "audio/ogg", ogg);
    assertThat(a.status()).isEqualTo(201);
    String url = a.json().path("url").asString();
    assertThat(url).endsWith(".ogg");

    String room = ParleyServerExtension.room("files");
    ann.ok(obj("type", "create", "room", room, "private", true));
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    bob.await("room", f -> room.equals(f.path("name").asString()));
    // sent through the node that did not take the upload in: it reads the upload off its loop
    TestClient annThere = cluster.client(1);
    annThere.resume(ann.token());
    String id = TestClient.newId();
    annThere.send(
        obj("type", "send", "room", room, "id", id, "file", obj("url", url, "name", "talk.ogg")));
    JsonNode got = bob.awaitMessage(room, id);
    assertThat(got.path("file").path("size").asLong()).isEqualTo(ogg.length);
    assertThat(got.path("file").path("type").asString()).isEqualTo("audio/ogg");

    Answer whole = UploadRequests.getAs(http(1, url), bob.token());
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(ogg);
    assertThat(whole.header("Content-Disposition")).startsWith("attachment;");
    java.net.http.HttpResponse<byte[]> part =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(http(1, url))
                    .header("Authorization", "Bearer " + bob.token())
                    .header("Range", "bytes=300000-300099")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 300000-300099/400000");
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(ogg, 300000, 300100));
    assertThat(UploadRequests.getAs(http(1, url), eve.token()).status()).isEqualTo(404);
  }

  @Test
  void anImageUploadedThroughOneNodeIsServedByTheOtherAndSentThroughIt() throws Exception {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    // several database pieces, so that the relay streams more than one
    byte[] png = noise(900, 700);
    assertThat(png.length).isGreaterThan(2 * 128 * 1024);
    String url = upload(0, ann, png);

    Answer got = UploadRequests.getAs(http(1, url), ann.token());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.header("Content-Type")).isEqualTo("image/png");
    assertThat(got.header("Content-Length")).isEqualTo(String.valueOf(png.length));
    assertThat(got.body()).isEqualTo(png);
    assertThat(UploadRequests.headAs(http(1, url), ann.token()).status()).isEqualTo(200);
    // the same bytes through the other node are another upload (its own URL), of the same bytes:
    // one key for the cluster, so they are kept once
    long blobs = rows("uploads");
    String bobs = upload(1, bob, png);
    assertThat(bobs).isNotEqualTo(url);
    assertThat(rows("uploads")).isEqualTo(blobs);
    assertThat(UploadRequests.get(http(0, bobs)).status())
        .as("bob's, not sent yet, to nobody")
        .isEqualTo(404);
    assertThat(UploadRequests.getAs(http(0, bobs), bob.token()).body()).isEqualTo(png);
    // no file in either node's data folder: the bytes are in the database
    for (int node = 0; node < cluster.size(); node++) {
      try (Stream<Path> files = Files.list(cluster.dataDir(node).resolve("uploads"))) {
        assertThat(files).noneMatch(p -> UploadNames.isFileName(p.getFileName().toString()));
      }
    }

    // a node that never saw the upload vouches for it in a message, with its measured size
    TestClient annThere = cluster.client(1);
    annThere.resume(ann.token());
    String room = ParleyServerExtension.room("pics");
    annThere.create(room);
    String id = TestClient.newId();
    annThere.send(
        obj("type", "send", "room", room, "id", id, "image", obj("url", url, "name", "p.png")));
    JsonNode sent = annThere.awaitMessage(room, id);
    assertThat(sent.path("image").path("width").asInt()).isEqualTo(900);
    assertThat(sent.path("image").path("height").asInt()).isEqualTo(700);
  }

  /**
   * A node that has not measured an upload reads it off its event loop before the send goes on (a
   * database query is not for an event loop); the frames sent behind it wait their turn, so the
   * room still gets them in the order they were sent, and a URL of no upload is refused.
   */
  @Test
  void framesBehindASendWhoseImageIsReadFromTheDatabaseKeepTheirOrder() {
    TestClient bob = cluster.user(1, "bob");
    // a session a few ms old on the other node: node 0 may not know it yet, and waits for the
    // cluster's catch-up before it answers (FreshTokensAcrossNodesTest)
    String url = upload(0, bob, TestImages.encoded("png", 64, 48, 5));
    String unknown = url.substring(0, url.lastIndexOf('/') + 1) + "A".repeat(43) + ".png";
    String room = ParleyServerExtension.room("order");
    bob.create(room);
    String picture = TestClient.newId();
    String after = TestClient.newId();
    String bogus = TestClient.newId();
    String last = TestClient.newId();
    bob.send(obj("type", "send", "room", room, "id", picture, "image", obj("url", url)));
    bob.send(
        obj("type", "send", "room", room, "id", after, "text", "sent right behind the picture"));
    bob.send(
        obj(
            "type",
            "send",
            "room",
            room,
            "id",
            bogus,
            "ref",
            "bogus",
            "image",
            obj("url", unknown)));
    bob.send(obj("type", "send", "room", room, "id", last, "text", "and one more"));
    JsonNode first = bob.awaitMessage(room, picture);
    assertThat(first.path("image").path("width").asInt()).isEqualTo(64);
    long lastSeq = bob.awaitMessage(room, last).path("seq").asLong();
    assertThat(bob.awaitMessage(room, after).path("seq").asLong())
        .isEqualTo(first.path("seq").asLong() + 1);
    assertThat(lastSeq).isEqualTo(first.path("seq").asLong() + 2);
    assertThat(
            bob.await("error", e -> "bogus".equals(e.path("ref").asString()))
                .path("code")
                .asString())
        .isEqualTo("bad_image");
  }

  /** A PNG of random pixels: it does not compress, so it is as large as its pixels. */
  private static byte[] noise(int width, int height) throws Exception {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(width * 31L + height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) img.setRGB(x, y, random.nextInt());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void anImageOfADirectConversationIsServedToItsMembersOnlyOnEveryNode() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    TestClient eve = cluster.user(1, "eve");
    String url = upload(0, ann, TestImages.encoded("png", 40, 30, 11));
    String id = TestClient.newId();
    ann.send(obj("type", "send", "to", bob.id(), "id", id, "image", obj("url", url)));
    JsonNode m = bob.await("message", f -> id.equals(f.path("id").asString()));
    String dm = m.path("room").asString();
    assertThat(dm).startsWith("dm:");

    // the member on the other node is given the URL, and gets the image through that node, the
    // way the web client's <img> asks (the token in the uploads cookie) or with a bearer token
    String given = m.path("image").path("url").asString();
    String credential =
        UploadRequests.cookie(
            UploadRequests.mintCredential(http(0, "/"), bob.token()),
            UploadRequests.CREDENTIAL_COOKIE);
    assertThat(UploadRequests.getWithCredential(http(1, given), credential).status())
        .isEqualTo(200);
    assertThat(UploadRequests.getAs(http(0, given), ann.token()).status()).isEqualTo(200);
    // someone else cannot read the conversation, and even with its URL does not get its image,
    // on either node, signed in or not: the same 404 as for no such upload
    assertThat(eve.error(obj("type", "history", "room", dm)).path("code").asString())
        .isEqualTo("not_found");
    for (int node = 0; node < cluster.size(); node++) {
      assertThat(UploadRequests.getAs(http(node, given), eve.token()).status())
          .as("eve on node %d", node)
          .isEqualTo(404);
      assertThat(UploadRequests.get(http(node, given)).status())
          .as("nobody on node %d", node)
          .isEqualTo(404);
      assertThat(UploadRequests.head(http(node, given)).status()).isEqualTo(404);
    }
    // deleted, it stays theirs, on every node
    ann.ok(obj("type", "delete", "room", dm, "seq", m.path("seq").asLong()));
    bob.await(
        "message",
        d -> d.path("seq").asLong() == m.path("seq").asLong() && d.path("deleted").asBoolean());
    for (int node = 0; node < cluster.size(); node++) {
      assertThat(UploadRequests.getAs(http(node, given), eve.token()).status())
          .as("eve after the delete, node %d", node)
          .isEqualTo(404);
      assertThat(UploadRequests.get(http(node, given)).status())
          .as("nobody after the delete, node %d", node)
          .isEqualTo(404);
      assertThat(UploadRequests.getAs(http(node, given), bob.token()).status())
          .as("bob after the delete, node %d", node)
          .isEqualTo(200);
    }
    // once the same image is shown in a public room, it is as open as that room
    String room = ParleyServerExtension.room("open");
    ann.create(room);
    String shared = TestClient.newId();
    ann.send(obj("type", "send", "room", room, "id", shared, "image", obj("url", url)));
    ann.awaitMessage(room, shared);
    assertThat(UploadRequests.get(http(1, given)).status()).isEqualTo(200);
    // and a name of the right shape but not the upload's is refused
    String name = url.substring(url.lastIndexOf('/') + 1);
    String guessed = "/uploads/" + (name.charAt(0) == 'A' ? 'B' : 'A') + name.substring(1);
    assertThat(UploadRequests.get(http(1, guessed)).status()).isEqualTo(404);
    assertThat(UploadRequests.get(http(0, guessed)).status()).isEqualTo(404);
  }

  @Test
  void afterRetentionTheSweepRemovesWhatNoMessageUsesAndEveryNodeStopsServingIt() throws Exception {
    TestClient ann = cluster.user(0, "ann");
    String room = ParleyServerExtension.room("short");
    String other = ParleyServerExtension.room("kept");
    ann.create(room);
    ann.create(other);
    String purged = upload(0, ann, TestImages.encoded("png", 20, 20, 21));
    String used = upload(1, ann, TestImages.encoded("png", 20, 20, 22));
    String unsent = upload(1, ann, TestImages.encoded("png", 20, 20, 23));
    sendImage(ann, room, purged);
    sendImage(ann, other, used);
    // the room keeps its last message only: the image message goes, through whichever node sweeps
    ann.ok(obj("type", "retention", "room", room, "count", 1));
    ann.say(room, "after the picture");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ann.history(room, "limit", 50).path("events").findValues("image").isEmpty());

    Path temp = Files.createTempDirectory("parley-sweep-");
    SqlStore store = SqlStore.open(cluster.jdbcUrl(), new SimpleMeterRegistry());
    UploadRecords records = UploadRecords.open(cluster.jdbcUrl(), store);
    long later = System.currentTimeMillis() + 2 * KEPT;
    UploadStore uploads =
        UploadStore.open(temp, SqlUploads.connect(cluster.jdbcUrl()), records.links(), () -> later);
    try {
      // a day and more later all three are past the time an unused upload is kept: only the kept
      // message's stays
      UploadSweep sweep =
          new UploadSweep(uploads, records.quota(), records.credentials(), () -> later, KEPT, KEPT);
      assertThat(sweep.sweepNow()).isGreaterThanOrEqualTo(2);
      sweep.close();
    } finally {
      uploads.close();
      records.close();
      store.close();
      ParleyServerExtension.deleteRecursively(temp);
    }
    for (int node = 0; node < cluster.size(); node++) {
      // asked by their uploader, who may see them as long as they exist
      assertThat(UploadRequests.getAs(http(node, purged), ann.token()).status())
          .as("the purged message's upload on node %d", node)
          .isEqualTo(404);
      assertThat(UploadRequests.getAs(http(node, unsent), ann.token()).status())
          .as("the unsent upload on node %d", node)
          .isEqualTo(404);
      assertThat(UploadRequests.getAs(http(node, used), ann.token()).status())
          .as("the kept message's upload on node %d", node)
          .isEqualTo(200);
    }
  }

  private static void sendImage(TestClient from, String room, String url) {
    String id = TestClient.newId();
    from.send(obj("type", "send", "room", room, "id", id, "image", obj("url", url)));
    from.awaitMessage(room, id);
  }

  @Test
  void aFakeOrOversizedUploadIsRefusedAndLeavesNothingInTheDatabase() throws Exception {
    TestClient ann = cluster.user(0, "ann");
    long before = uploadRows();
    Answer fake =
        UploadRequests.postRaw(
            http(0, "/api/uploads"),
            ann.token(),
            dev.parley.testing.HostileImages.pngHeaderOnly(640, 480, true),
            "image/png");
    assertThat(fake.status()).isEqualTo(415);
    Answer bomb =
        UploadRequests.postRaw(
            http(1, "/api/uploads"),
            ann.token(),
            TestImages.pngDeclaring(100_000, 100_000),
            "image/png");
    assertThat(bomb.status()).isEqualTo(422);
    Answer big =
        UploadRequests.postRaw(
            http(1, "/api/uploads"), ann.token(), new byte[5 * 1024 * 1024], "image/png");
    assertThat(big.status()).isEqualTo(413);
    assertThat(uploadRows()).isEqualTo(before);
  }

  private static long uploadRows() throws Exception {
    return rows("uploads") + rows("upload_links");
  }

  private static long rows(String table) throws Exception {
    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static final long KEPT = Duration.ofHours(24).toMillis();

  @Test
  void theDailyQuotaHoldsAcrossTheNodes() {
    TestClient ann = cluster.user(0, "ann");
    byte[] piece = java.util.Arrays.copyOf(TestImages.encoded("png", 16, 16, 41), 1024 * 1024);
    assertThat(
            UploadRequests.postRaw(http(0, "/api/uploads"), ann.token(), piece, "image/png")
                .status())
        .isEqualTo(201);
    assertThat(
            UploadRequests.postRaw(http(1, "/api/uploads"), ann.token(), piece, "image/png")
                .status())
        .isEqualTo(201);
    assertThat(
            UploadRequests.postRaw(http(0, "/api/uploads"), ann.token(), piece, "image/png")
                .status())
        .isEqualTo(201);
    Answer over = UploadRequests.postRaw(http(1, "/api/uploads"), ann.token(), piece, "image/png");
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().path("error").asString()).isEqualTo("quota");
    assertThat(
            UploadRequests.postRaw(http(0, "/api/uploads"), ann.token(), piece, "image/png")
                .status())
        .isEqualTo(429);
  }

  @Test
  void aCredentialFromOneNodeOpensImagesOnTheOtherUntilRevokedThere() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String url = upload(0, ann, TestImages.encoded("png", 30, 30, 42));
    String id = TestClient.newId();
    ann.send(obj("type", "send", "to", bob.id(), "id", id, "image", obj("url", url)));
    bob.await("message", f -> id.equals(f.path("id").asString()));

    String credential =
        UploadRequests.cookie(
            UploadRequests.mintCredential(http(0, "/"), bob.token()),
            UploadRequests.CREDENTIAL_COOKIE);
    assertThat(UploadRequests.getWithCredential(http(1, url), credential).status()).isEqualTo(200);
    assertThat(UploadRequests.revokeCredential(http(1, "/"), credential).status()).isEqualTo(204);
    assertThat(UploadRequests.getWithCredential(http(0, url), credential).status()).isEqualTo(404);
    assertThat(UploadRequests.getWithCredential(http(1, url), credential).status()).isEqualTo(404);
  }
}
