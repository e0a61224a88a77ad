package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/rooms/{room}/export}: members only, through the same doors as the socket,
 * streamed.
 */
class RoomExportTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 2000));

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> export(String room, String token, String query) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
            server.httpUri(
                "/api/rooms/"
                    + URLEncoder.encode(room, StandardCharsets.UTF_8)
                    + "/export"
                    + query));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aMemberGetsTheWholeLogAsJsonAndAsText() throws Exception {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("exp");
    ann.create(room);
    bob.join(room);
    long seq = ann.say(room, "first *thing*").path("seq").asLong();
    ann.ok(obj("type", "edit", "room", room, "seq", seq, "text", "first thing, edited"));
    bob.ok(obj("type", "react", "room", room, "seq", seq, "emoji", "👍", "on", true));
    bob.say(room, "two\nlines");
    bob.leave(room);
    // the leave notice is gathered for up to a tick before it is stored: export once it is out
    ann.await(
        "notice",
        n -> room.equals(n.path("room").asString()) && "leave".equals(n.path("event").asString()));

    HttpResponse<String> json = export(room, ann.token(), "?format=json");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(json.headers().firstValue("content-disposition").orElseThrow())
        .startsWith("attachment; filename=\"parley-" + room);
    assertThat(json.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(json.body()).startsWith("{\"format\":\"parley-room-export\"");
    assertThat(json.body().lines().filter(l -> l.startsWith("{\"type\""))).hasSize(5);
    assertThat(json.body())
        .contains(
            "first thing, edited",
            "\"reactions\":{\"👍\":[\"" + bob.id() + "\"]}",
            "\"event\":\"leave\"");

    HttpResponse<String> txt = export(room, bob.token(), "?format=txt&tz=UTC");
    assertThat(txt.statusCode()).as("bob left, so he is no member now").isEqualTo(403);
    HttpResponse<String> text = export(room, ann.token(), "?format=txt&tz=Asia/Tokyo");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.body()).contains("+09:00  #1  * " + ann.nick() + " created the room");
    assertThat(text.body())
        .contains("<" + ann.nick() + "> first thing, edited  (edited ", "[👍 1]");
    assertThat(text.body()).contains("<" + bob.nick() + "> two\n    lines");
    assertThat(text.body()).contains("* " + bob.nick() + " left the room");
  }

  @Test
  void everyDoorIsClosedToOthers() throws Exception {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient carol = server.user("carol");
    String room = room("closed");
    ann.create(room);
    String dm = DirectMessageTest.dm(ann, bob);
    DirectMessageTest.whisper(ann, bob, "secret plans");

    assertThat(export(room, null, "").statusCode()).isEqualTo(401);
    assertThat(export(room, "not-a-token", "").statusCode()).isEqualTo(401);
    assertThat(export(room, carol.token(), "").statusCode()).isEqualTo(403);
    HttpResponse<String> outsider = export(dm, carol.token(), "");
    HttpResponse<String> nobody = export(dm + "x", carol.token(), "");
    assertThat(outsider.statusCode()).isEqualTo(404);
    assertThat(outsider.body().replace(dm, "ROOM"))
        .isEqualTo(nobody.body().replace(dm + "x", "ROOM"));
    assertThat(outsider.body()).doesNotContain("secret");
    assertThat(export(dm, bob.token(), "").body()).contains("secret plans");
    assertThat(export(room, ann.token(), "?format=pdf").statusCode()).isEqualTo(400);
    assertThat(export(room, ann.token(), "?tz=Mars/Olympus").statusCode()).isEqualTo(400);
  }

  @Test
  void aLongRoomIsStreamedWhole() throws Exception {
    TestClient ann = server.user("ann");
    String room = room("long");
    ann.create(room);
    int n = 1500;
    for (int i = 0; i < n; i++) ann.sayAsync(room, "message " + i + " " + "x".repeat(200));
    ann.awaitCount(
        "message",
        m -> room.equals(m.path("room").asString()),
        n,
        java.time.Duration.ofSeconds(60));

    HttpResponse<String> json = export(room, ann.token(), "");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("transfer-encoding")).hasValue("chunked");
    assertThat(json.body().lines().filter(l -> l.startsWith("{\"type\""))).hasSize(n + 1);
    assertThat(json.body()).contains("message 0 ", "message " + (n - 1) + " ").endsWith("]}\n");
  }
}
