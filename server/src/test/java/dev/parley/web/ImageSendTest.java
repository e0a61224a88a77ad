package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** A message carrying an image: only this server's uploads, with the sizes the server measured. */
class ImageSendTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  private static String upload(TestClient who, byte[] bytes) {
    UploadRequests.Answer a =
        UploadRequests.postRaw(server.httpUri("/api/uploads"), who.token(), bytes, "image/png");
    assertThat(a.status()).isEqualTo(201);
    return a.json().path("url").asString();
  }

  /** A new room that {@code owner} has made. */
  private static String roomOf(TestClient owner, String base) {
    String room = room(base);
    owner.create(room);
    return room;
  }

  private static JsonNode sendImage(TestClient from, String room, JsonNode image, String text) {
    String id = TestClient.newId();
    from.send(
        text == null
            ? obj("type", "send", "room", room, "id", id, "image", image)
            : obj("type", "send", "room", room, "id", id, "image", image, "text", text));
    return from.awaitMessage(room, id);
  }

  @Test
  void anUploadedImageReachesTheOtherMemberWithTheMeasuredSize() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = roomOf(ann, "pics");
    bob.join(room);
    String url = upload(ann, TestImages.encoded("png", 120, 45, 1));

    // the client's claimed sizes are replaced by the ones measured at upload
    JsonNode sent =
        sendImage(
            ann, room, obj("url", url, "name", "cat.png", "width", 1, "height", 99999), "look");
    JsonNode got = bob.awaitMessage(room, sent.path("id").asString());

    assertThat(got).isEqualTo(sent);
    assertThat(got.path("text").asString()).isEqualTo("look");
    assertThat(got.path("image").path("url").asString()).isEqualTo(url);
    assertThat(got.path("image").path("name").asString()).isEqualTo("cat.png");
    assertThat(got.path("image").path("width").asInt()).isEqualTo(120);
    assertThat(got.path("image").path("height").asInt()).isEqualTo(45);
    JsonNode kept = ann.history(room).path("events").findValue("image");
    assertThat(kept).isEqualTo(got.path("image"));
  }

  @Test
  void anImageAloneWithoutTextIsAMessage() {
    TestClient ann = server.user("ann");
    String room = roomOf(ann, "quiet");
    String url = upload(ann, TestImages.encoded("png", 30, 30, 2));

    JsonNode sent = sendImage(ann, room, obj("url", url), null);

    assertThat(sent.has("text")).isFalse();
    assertThat(sent.path("image").path("width").asInt()).isEqualTo(30);
    assertThat(sent.path("image").has("name")).isFalse();
  }

  @Test
  void anImageInADirectConversationReachesTheOtherPerson() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String url =
        upload(ann, TestImages.withExifOrientation(TestImages.encoded("jpg", 80, 20, 3), 6, false));
    String id = TestClient.newId();
    ann.send(
        obj(
            "type",
            "send",
            "to",
            bob.id(),
            "id",
            id,
            "image",
            obj("url", url, "name", "turned.jpg")));

    String dm = DirectMessageTest.dm(ann, bob);
    JsonNode got = bob.awaitMessage(dm, id);
    assertThat(got.path("image").path("url").asString()).isEqualTo(url);
    assertThat(got.path("image").path("width").asInt()).isEqualTo(20);
    assertThat(got.path("image").path("height").asInt()).isEqualTo(80);

    // its image is the conversation's: its members get it, nobody else does, even with the URL
    String bobs =
        UploadRequests.cookie(
            UploadRequests.mintCredential(server.httpUri("/"), bob.token()),
            UploadRequests.CREDENTIAL_COOKIE);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), bobs).status()).isEqualTo(200);
    assertThat(UploadRequests.getAs(server.httpUri(url), ann.token()).status()).isEqualTo(200);
    TestClient eve = server.user("eve");
    String eves =
        UploadRequests.cookie(
            UploadRequests.mintCredential(server.httpUri("/"), eve.token()),
            UploadRequests.CREDENTIAL_COOKIE);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), eves).status()).isEqualTo(404);
    assertThat(UploadRequests.getAs(server.httpUri(url), eve.token()).status()).isEqualTo(404);
    assertThat(UploadRequests.get(server.httpUri(url)).status()).isEqualTo(404);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), "not-a-credential").status())
        .isEqualTo(404);
  }

  @Test
  void thisServersOwnAbsoluteUrlIsKeptAsItsPath() {
    TestClient ann = server.user("ann");
    String room = roomOf(ann, "abs");
    String url = upload(ann, TestImages.encoded("png", 10, 10, 4));

    JsonNode sent = sendImage(ann, room, obj("url", server.httpUri(url).toString()), null);

    assertThat(sent.path("image").path("url").asString()).isEqualTo(url);
  }

  @Test
  void theNameIsCleanedAndCut() {
    TestClient ann = server.user("ann");
    String room = roomOf(ann, "names");
    String url = upload(ann, TestImages.encoded("png", 10, 10, 5));

    String spoof = "C:\\fakepath\\holiday\u202Egnp.exe\u0007";
    assertThat(
            sendImage(ann, room, obj("url", url, "name", spoof), null)
                .path("image")
                .path("name")
                .asString())
        .isEqualTo("holidaygnp.exe");
    String longName = "x".repeat(300) + ".png";
    assertThat(
            sendImage(ann, room, obj("url", url, "name", longName), null)
                .path("image")
                .path("name")
                .asString())
        .hasSize(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://elsewhere.example/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.png",
        "/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.png",
        "/uploads/../parley.db",
        "/uploads/.key",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)//uploads/x.png",
      })
  void aForeignImageUrlIsBadImage(String url) {
    TestClient ann = server.user("ann");
    String room = roomOf(ann, "foreign");

    JsonNode error =
        ann.error(
            obj("type", "send", "room", room, "id", TestClient.newId(), "image", obj("url", url)));

    assertThat(error.path("code").asString()).isEqualTo("bad_image");
    assertThat(ann.history(room).path("events").findValues("image")).isEmpty();
  }

  @Test
  void anUploadedUrlWithAQueryOrAnotherExtensionIsBadImage() {
    TestClient ann = server.user("ann");
    String room = roomOf(ann, "tweaked");
    String url = upload(ann, TestImages.encoded("png", 10, 10, 6));

    for (String tweaked :
        new String[] {url + "?x=1", url + "#top", url.replace(".png", ".gif"), url + "/"}) {
      JsonNode error =
          ann.error(
              obj(
                  "type",
                  "send",
                  "room",
                  room,
                  "id",
                  TestClient.newId(),
                  "image",
                  obj("url", tweaked)));
      assertThat(error.path("code").asString()).as(tweaked).isEqualTo("bad_image");
    }
  }

  @Test
  void anImageUploadedBeforeARestartCanStillBeSent() {
    TestClient ann = server.user("ann");
    String room = roomOf(ann, "after");
    String url = upload(ann, TestImages.encoded("png", 64, 32, 7));
    String token = ann.token();
    server.restart();

    TestClient again = server.track(TestClient.connect(server.wsUri()));
    again.resume(token);
    JsonNode sent = sendImage(again, room, obj("url", url), null);
    assertThat(sent.path("image").path("width").asInt()).isEqualTo(64);
    assertThat(sent.path("image").path("height").asInt()).isEqualTo(32);
  }
}
