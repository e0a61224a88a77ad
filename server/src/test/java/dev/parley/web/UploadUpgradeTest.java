package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Uploads and messages from before each upload had its own URL (schema version 7 and older: a file
 * named by the keyed hash of its bytes, the same name in every message that showed it) keep working
 * after the upgrade: the old URL still serves its bytes, to the same people as before (a direct
 * conversation's image to its members only), and may still be sent.
 */
class UploadUpgradeTest {

  private Path dir;
  private ParleyServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
    ParleyServerExtension.deleteRecursively(dir);
  }

  private ParleyConfig config() {
    return ParleyServerExtension.roomy(ParleyConfig.defaults().withPort(0).withDataDir(dir));
  }

  private URI http(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private TestClient client() {
    return TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
  }

  @Test
  void anOldContentAddressedImageStillServesItsConversationAndCanBeSentAgain() throws Exception {
    dir = Files.createTempDirectory("parley-upgrade-");
    server = ParleyServer.start(config());
    TestClient ann = client();
    TestClient bob = client();
    TestClient eve = client();
    String annToken;
    String bobToken;
    String eveToken;
    String dm;
    try {
      ann.hello(ParleyServerExtension.nick("ann"));
      bob.hello(ParleyServerExtension.nick("bob"));
      eve.hello(ParleyServerExtension.nick("eve"));
      String id = TestClient.newId();
      ann.send(obj("type", "send", "to", bob.id(), "id", id, "text", "a picture follows"));
      dm = bob.await("message", m -> id.equals(m.path("id").asString())).path("room").asString();
      annToken = ann.token();
      bobToken = bob.token();
      eveToken = eve.token();
    } finally {
      ann.close();
      bob.close();
      eve.close();
    }
    server.close();
    server = null;

    // what a version-7 node left: the bytes under their keyed content hash, and a message showing
    // that URL
    byte[] png = TestImages.encoded("png", 48, 36, 9);
    Path uploads = dir.resolve("uploads");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Files.readAllBytes(uploads.resolve(".key")), "HmacSHA256"));
    String name =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(MessageDigest.getInstance("SHA-256").digest(png)))
            + ".png";
    Files.write(uploads.resolve(name), png);
    String url = "/uploads/" + name;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"))) {
      long seq;
      try (var rs =
          c.createStatement()
              .executeQuery("SELECT last_seq FROM rooms WHERE name = '" + dm + "'")) {
        rs.next();
        seq = rs.getLong(1) + 1;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO events (room, seq, kind, ts, user_id, nick, client_id, image_url,"
                  + " image_width, image_height, deleted) VALUES (?, ?, 'message', 1, 'old', 'Old', 'old-1', ?, 48, 36, 0)")) {
        ps.setString(1, dm);
        ps.setLong(2, seq);
        ps.setString(3, url);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE rooms SET last_seq = ? WHERE name = ?")) {
        ps.setLong(1, seq);
        ps.setString(2, dm);
        ps.executeUpdate();
      }
    }

    server = ParleyServer.start(config());
    assertThat(UploadRequests.getAs(http(url), bobToken).body()).isEqualTo(png);
    assertThat(UploadRequests.getAs(http(url), annToken).status()).isEqualTo(200);
    assertThat(UploadRequests.getAs(http(url), eveToken).status()).isEqualTo(404);
    assertThat(UploadRequests.get(http(url)).status()).isEqualTo(404);

    // the same bytes uploaded now are another upload, under a URL of their own
    String fresh =
        UploadRequests.postRaw(http("/api/uploads"), annToken, png, "image/png")
            .json()
            .path("url")
            .asString();
    assertThat(fresh).isNotEqualTo(url);
    assertThat(Files.list(uploads).filter(p -> !p.getFileName().toString().startsWith(".")).count())
        .as("files of bytes")
        .isEqualTo(1);

    // and a message may still show the old URL (a client's outbox from before the upgrade)
    TestClient again = client();
    try {
      again.resume(annToken);
      String room = ParleyServerExtension.room("old");
      again.create(room);
      String id = TestClient.newId();
      again.send(obj("type", "send", "room", room, "id", id, "image", obj("url", url)));
      JsonNode sent = again.awaitMessage(room, id);
      assertThat(sent.path("image").path("width").asInt()).isEqualTo(48);
      assertThat(UploadRequests.get(http(url)).status())
          .as("shown in a public room now")
          .isEqualTo(200);
    } finally {
      again.close();
    }
  }
}
