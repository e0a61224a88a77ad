package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, item 8: a deleted direct message's image became public, and since the same bytes got
 * the same URL, anyone holding a picture could upload it and learn whether it had been shared
 * privately. Each upload has a URL of its own now, and who may fetch it follows every message that
 * ever showed it, deleted ones included.
 */
class UploadPrivacyTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  private static Answer upload(TestClient who, byte[] bytes) {
    Answer a =
        UploadRequests.postRaw(server.httpUri("/api/uploads"), who.token(), bytes, "image/png");
    assertThat(a.status()).isEqualTo(201);
    return a;
  }

  /** Sends {@code url} to {@code to} directly; the direct room's name. */
  private static JsonNode sendDirect(TestClient from, TestClient to, String url) {
    String id = TestClient.newId();
    from.send(obj("type", "send", "to", to.id(), "id", id, "image", obj("url", url)));
    return to.await("message", m -> id.equals(m.path("id").asString()));
  }

  @Test
  void theSameBytesUploadedTwiceGetTwoUrlsAndAreStoredOnce() throws Exception {
    TestClient ann = server.user("ann");
    byte[] png = TestImages.encoded("png", 33, 33, 2);
    String first = upload(ann, png).json().path("url").asString();
    long files = storedFiles();
    String second = upload(ann, png).json().path("url").asString();

    assertThat(second).isNotEqualTo(first).matches("/uploads/[A-Za-z0-9_-]{43}\\.png");
    assertThat(storedFiles()).as("files holding the bytes").isEqualTo(files);
    assertThat(UploadRequests.getAs(server.httpUri(first), ann.token()).body()).isEqualTo(png);
    assertThat(UploadRequests.getAs(server.httpUri(second), ann.token()).body()).isEqualTo(png);
  }

  @Test
  void uploadingSomeoneElsesPictureTellsNothingAboutIt() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    byte[] picture = TestImages.encoded("png", 64, 40, 3);
    Answer anns = upload(ann, picture);
    String url = anns.json().path("url").asString();
    sendDirect(ann, bob, url);

    // eve has the same picture: uploading it answers exactly as for a picture nobody has
    Answer eves = upload(eve, picture);
    Answer fresh = upload(eve, TestImages.encoded("png", 64, 40, 4));
    assertThat(eves.json().path("url").asString()).isNotEqualTo(url);
    for (String field : new String[] {"type", "size", "width", "height"}) {
      assertThat(eves.json().path(field)).isEqualTo(anns.json().path(field));
    }
    assertThat(eves.json().properties().stream().map(java.util.Map.Entry::getKey).toList())
        .isEqualTo(fresh.json().properties().stream().map(java.util.Map.Entry::getKey).toList());
    // and ann's URL stays ann's and bob's
    assertThat(UploadRequests.getAs(server.httpUri(url), eve.token()).status()).isEqualTo(404);
    assertThat(UploadRequests.getAs(server.httpUri(url), bob.token()).status()).isEqualTo(200);
  }

  @Test
  void aDeletedDirectMessagesImageStaysWithTheConversationsMembers() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    String url = upload(ann, TestImages.encoded("png", 50, 50, 5)).json().path("url").asString();
    JsonNode m = sendDirect(ann, bob, url);
    String dm = m.path("room").asString();
    long seq = m.path("seq").asLong();

    ann.ok(obj("type", "delete", "room", dm, "seq", seq));
    bob.await("message", d -> d.path("seq").asLong() == seq && d.path("deleted").asBoolean());

    assertThat(UploadRequests.getAs(server.httpUri(url), eve.token()).status())
        .as("someone else, signed in")
        .isEqualTo(404);
    assertThat(UploadRequests.get(server.httpUri(url)).status())
        .as("nobody signed in")
        .isEqualTo(404);
    assertThat(UploadRequests.head(server.httpUri(url)).status()).isEqualTo(404);
    assertThat(UploadRequests.getAs(server.httpUri(url), bob.token()).status())
        .as("the other member")
        .isEqualTo(200);
    assertThat(UploadRequests.getAs(server.httpUri(url), ann.token()).status())
        .as("its uploader")
        .isEqualTo(200);
  }

  @Test
  void onlyItsUploaderMayShowAnUploadInAMessage() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    String url = upload(ann, TestImages.encoded("png", 20, 20, 6)).json().path("url").asString();
    sendDirect(ann, bob, url);
    // eve learnt the URL somehow: she cannot make the picture public by showing it in a public room
    String room = ParleyServerExtension.room("open");
    eve.create(room);
    JsonNode error =
        eve.error(
            obj("type", "send", "room", room, "id", TestClient.newId(), "image", obj("url", url)));
    assertThat(error.path("code").asString()).isEqualTo("bad_image");
    assertThat(UploadRequests.get(server.httpUri(url)).status()).isEqualTo(404);
  }

  @Test
  void anUploadNotSentYetIsItsUploadersAlone() {
    TestClient ann = server.user("ann");
    TestClient eve = server.user("eve");
    String url = upload(ann, TestImages.encoded("png", 20, 20, 7)).json().path("url").asString();
    assertThat(UploadRequests.getAs(server.httpUri(url), ann.token()).status()).isEqualTo(200);
    assertThat(UploadRequests.getAs(server.httpUri(url), eve.token()).status()).isEqualTo(404);
    assertThat(UploadRequests.get(server.httpUri(url)).status()).isEqualTo(404);
  }

  @Test
  void anImageShownInAPublicRoomIsAsOpenAsTheRoom() {
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room("gallery");
    ann.create(room);
    String url = upload(ann, TestImages.encoded("png", 20, 20, 8)).json().path("url").asString();
    String id = TestClient.newId();
    ann.send(obj("type", "send", "room", room, "id", id, "image", obj("url", url)));
    ann.awaitMessage(room, id);
    assertThat(UploadRequests.get(server.httpUri(url)).status()).isEqualTo(200);
  }

  private static long storedFiles() throws Exception {
    try (Stream<Path> files = Files.list(server.dataDir().resolve("uploads"))) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
