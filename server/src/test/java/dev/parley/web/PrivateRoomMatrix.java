package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The privacy matrix of a private room (issue 18): to someone not in it, every door of the socket
 * and of HTTP answers word for word as for a room that does not exist, and no frame they get names
 * it; its members use it as any room. Run on SQLite ({@link PrivateRoomTest}) and PostgreSQL
 * ({@link PostgresPrivateRoomTest}); across two nodes: {@code PrivateRoomsAcrossNodesTest}.
 */
abstract class PrivateRoomMatrix {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  abstract ParleyServerExtension server();

  /** A private room of ann's with bob in it and a message holding {@code word}; carol is out. */
  record Setup(TestClient ann, TestClient bob, TestClient carol, String room, long seq) {}

  Setup setup(String word) {
    TestClient ann = server().user("ann");
    TestClient bob = server().user("bob");
    TestClient carol = server().user("carol");
    String room = ParleyServerExtension.room("hush");
    ann.ok(obj("type", "create", "room", room, "private", true));
    ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    bob.await("room", f -> room.equals(f.path("name").asString()));
    long seq = ann.say(room, "secret " + word).path("seq").asLong();
    return new Setup(ann, bob, carol, room, seq);
  }

  static Stream<String> doors() {
    return Stream.of(
        "send",
        "history",
        "changes",
        "typing",
        "read",
        "edit",
        "delete",
        "react",
        "leave",
        "join",
        "members",
        "retention",
        "invite",
        "invite-link",
        "invites",
        "history-thread",
        "send-reply",
        "send-thread",
        "read-thread",
        "history-at",
        "pin",
        "pins",
        "save",
        "notify",
        "unread",
        "unpreview",
        "kick",
        "mute",
        "unmute",
        "ban",
        "unban",
        "sanctions",
        "role",
        "settings",
        "audit");
  }

  @ParameterizedTest
  @MethodSource("doors")
  void anOutsiderMeetsTheAnswerForARoomThatDoesNotExist(String door) {
    Setup s = setup("door" + door);
    String missing = ParleyServerExtension.room("hush");
    String existing = answer(s.carol(), door, s.room(), s.seq(), s.bob());
    String absent = answer(s.carol(), door, missing, s.seq(), s.bob());
    assertThat(existing).startsWith("error:not_found:");
    assertThat(existing).as("a private room answers like a missing one").isEqualTo(absent);
    s.ann().roundTrip(s.room());
    assertThat(s.ann().history(s.room()).path("events").findValuesAsString("text"))
        .containsExactly("secret door" + door, "(barrier)");
    assertThat(s.ann().frames("typing")).isEmpty();
    assertThat(s.ann().frames("reaction")).isEmpty();
    assertThat(s.carol().frames()).noneMatch(f -> !f.has("ref") && names(f, s.room()));
  }

  private static String answer(
      TestClient who, String door, String room, long seq, TestClient other) {
    JsonNode reply = who.call(frame(door, room, seq, other));
    return reply.path("type").asString()
        + ":"
        + reply.path("code").asString()
        + ":"
        + reply.path("message").asString().replace(room, "ROOM");
  }

  static ObjectNode frame(String door, String room, long seq, TestClient other) {
    return switch (door) {
      case "members" -> obj("type", "members", "room", room);
      case "retention" -> obj("type", "retention", "room", room, "days", 3);
      case "invite" -> obj("type", "invite", "room", room, "user", other.id());
      case "invite-link" -> obj("type", "invite", "room", room, "uses", 5);
      case "invites" -> obj("type", "invites", "room", room);
      case "history-thread" -> obj("type", "history", "room", room, "thread", seq);
      case "send-reply" ->
          obj("type", "send", "room", room, "id", TestClient.newId(), "text", "x", "replyTo", seq);
      case "send-thread" ->
          obj("type", "send", "room", room, "id", TestClient.newId(), "text", "x", "thread", seq);
      case "read-thread" -> obj("type", "read", "room", room, "seq", seq, "thread", seq);
      case "history-at" -> obj("type", "history", "room", room, "at", System.currentTimeMillis());
      case "pin" -> obj("type", "pin", "room", room, "seq", seq, "on", true);
      case "pins" -> obj("type", "pins", "room", room);
      case "save" -> obj("type", "save", "room", room, "seq", seq, "on", true);
      case "notify" -> obj("type", "notify", "room", room, "level", "none");
      case "unread" -> obj("type", "unread", "room", room, "seq", seq);
      case "unpreview" -> obj("type", "unpreview", "room", room, "seq", seq);
      case "kick" -> obj("type", "kick", "room", room, "user", other.id(), "reason", "x");
      case "mute" -> obj("type", "mute", "room", room, "user", other.id(), "minutes", 10);
      case "unmute" -> obj("type", "unmute", "room", room, "user", other.id());
      case "ban" -> obj("type", "ban", "room", room, "user", other.id(), "reason", "x");
      case "unban" -> obj("type", "unban", "room", room, "user", other.id());
      case "sanctions" -> obj("type", "sanctions", "room", room);
      case "role" -> obj("type", "role", "room", room, "user", other.id(), "role", "moderator");
      case "settings" -> obj("type", "settings", "room", room, "topic", "mine now");
      case "audit" -> obj("type", "audit", "room", room);
      default -> DirectMessageTest.frame(door, room, seq);
    };
  }

  @Test
  void itIsInNoDirectoryButItsMembersHaveIt() {
    Setup s = setup("dir");
    TestClient carol = server().tabOf(s.carol());
    assertThat(carol.welcome().toString()).doesNotContain(s.room());
    JsonNode page = carol.call(obj("type", "directory", "q", s.room()));
    JsonNode none = carol.call(obj("type", "directory", "q", s.room() + "x"));
    assertThat(page.path("rooms")).isEmpty();
    assertThat(page.path("type")).isEqualTo(none.path("type"));
    assertThat(page.path("more")).isEqualTo(none.path("more"));
    assertThat(page.path("rooms")).isEqualTo(none.path("rooms"));
    TestClient bob = server().tabOf(s.bob());
    JsonNode entry = bob.welcomeRoom(s.room());
    assertThat(entry).isNotNull();
    assertThat(entry.path("private").asBoolean()).isTrue();
    assertThat(entry.path("members").asInt()).isEqualTo(2);
    assertThat(bob.welcome().path("directory").findValuesAsString("name")).doesNotContain(s.room());
  }

  @Test
  void noFrameTellsAnOutsiderOfItsCreationItsMembersOrItsTyping() {
    TestClient carol = server().user("carol");
    Setup s = setup("frames");
    s.bob().send(obj("type", "typing", "room", s.room()));
    s.ann().await("typing", t -> s.room().equals(t.path("room").asString()));
    s.ann().ok(obj("type", "leave", "room", s.room()));
    s.bob().await("room", f -> names(f, s.room()) && f.path("members").asInt() == 1);
    s.bob().roundTrip(s.room());
    carol.roundTrip("general");
    s.carol().roundTrip("general");
    for (TestClient c : List.of(carol, s.carol())) {
      assertThat(c.frames()).as("%s's frames", c).noneMatch(f -> names(f, s.room()));
    }
    assertThat(s.bob().frames("room", f -> names(f, s.room()))).isNotEmpty();
  }

  @Test
  void searchFindsNothingForAnOutsiderAndEverythingForAMember() throws Exception {
    String word = "zq" + System.nanoTime();
    Setup s = setup(word);
    String missing = ParleyServerExtension.room("hush");
    HttpResponse<String> inRoom = search(s.carol(), word, s.room());
    HttpResponse<String> inMissing = search(s.carol(), word, missing);
    assertThat(inRoom.statusCode()).isEqualTo(inMissing.statusCode()).isEqualTo(200);
    assertThat(inRoom.body().replace(s.room(), "ROOM"))
        .isEqualTo(inMissing.body().replace(missing, "ROOM"));
    assertThat(parse(search(s.carol(), word, null).body()).path("results")).isEmpty();
    assertThat(search(s.bob(), word, null).body()).contains("secret " + word);
  }

  @Test
  void exportAnswersAnOutsiderAsForNoSuchRoom() throws Exception {
    Setup s = setup("export");
    String missing = ParleyServerExtension.room("hush");
    HttpResponse<String> real = export(s.carol(), s.room());
    HttpResponse<String> none = export(s.carol(), missing);
    assertThat(real.statusCode()).isEqualTo(none.statusCode()).isEqualTo(404);
    assertThat(real.body().replace(s.room(), "ROOM"))
        .isEqualTo(none.body().replace(missing, "ROOM"));
    assertThat(export(s.bob(), s.room()).statusCode()).isEqualTo(200);
  }

  @Test
  void anImageShownOnlyInThePrivateRoomIsServedToItsMembersOnly() throws Exception {
    Setup s = setup("image");
    UploadRequests.Answer up =
        UploadRequests.postRaw(
            server().httpUri("/api/uploads"),
            s.ann().token(),
            TestImages.encoded("png", 20, 20, 7),
            "image/png");
    assertThat(up.status()).isEqualTo(201);
    String url = up.json().path("url").asString();
    String id = TestClient.newId();
    s.ann().send(obj("type", "send", "room", s.room(), "id", id, "image", obj("url", url)));
    s.bob().await("message", m -> id.equals(m.path("id").asString()));
    String nobodys = url.substring(0, url.lastIndexOf('/') + 1) + "A".repeat(43) + ".png";
    UploadRequests.Answer seen = UploadRequests.getAs(server().httpUri(url), s.carol().token());
    UploadRequests.Answer none = UploadRequests.getAs(server().httpUri(nobodys), s.carol().token());
    assertThat(seen.status()).isEqualTo(none.status()).isEqualTo(404);
    assertThat(seen.body()).isEqualTo(none.body());
    assertThat(UploadRequests.getAs(server().httpUri(url), s.bob().token()).status())
        .isEqualTo(200);
  }

  @Test
  void theUsersFrameFindsNoMoreThroughAPrivateRoom() {
    Setup s = setup("users");
    JsonNode found = s.carol().call(obj("type", "users", "q", "ann"));
    assertThat(found.toString()).doesNotContain(s.room());
    JsonNode members = s.bob().call(obj("type", "members", "room", s.room()));
    assertThat(members.path("members").findValuesAsString("id"))
        .containsExactlyInAnyOrder(s.ann().id(), s.bob().id());
  }

  static boolean names(JsonNode frame, String room) {
    return frame.toString().contains(room);
  }

  HttpResponse<String> search(TestClient who, String q, String room) throws Exception {
    String path = "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    if (room != null) path += "&room=" + URLEncoder.encode(room, StandardCharsets.UTF_8);
    return get(who, path);
  }

  HttpResponse<String> export(TestClient who, String room) throws Exception {
    return get(who, "/api/rooms/" + room + "/export?format=json");
  }

  private HttpResponse<String> get(TestClient who, String path) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(server().httpUri(path))
            .header("Authorization", "Bearer " + who.token())
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode parse(String body) {
    return Json.parse(body);
  }
}
