package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/search}: only what the asker may read, with the filters and pages of the
 * contract.
 */
class SearchTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 2000));

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> get(String token, String... params) throws Exception {
    StringBuilder q = new StringBuilder("/api/search");
    for (int i = 0; i < params.length; i += 2) {
      q.append(i == 0 ? '?' : '&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(server.httpUri(q.toString()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode search(TestClient who, String... params) throws Exception {
    HttpResponse<String> res = get(who.token(), params);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    return Json.parse(res.body());
  }

  static List<String> texts(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.path("results").forEach(r -> out.add(r.path("text").asString()));
    return out;
  }

  /** A word no other test writes. */
  static String word() {
    return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @Test
  void aMemberFindsMessagesWithRoomSeqAuthorAndHighlight() throws Exception {
    TestClient ann = server.user("ann");
    String room = room("find");
    ann.create(room);
    String w = word();
    JsonNode sent = ann.say(room, "Deploying the " + w + "-Kubernetes cluster");

    JsonNode answer = search(ann, "q", "ubernet " + w);
    assertThat(answer.path("results")).hasSize(1);
    JsonNode hit = answer.path("results").get(0);
    assertThat(hit.path("room").asString()).isEqualTo(room);
    assertThat(hit.path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
    assertThat(hit.path("ts").asLong()).isEqualTo(sent.path("ts").asLong());
    assertThat(hit.path("from").path("id").asString()).isEqualTo(ann.id());
    assertThat(hit.path("from").path("nick").asString()).isEqualTo(ann.nick());
    String text = hit.path("text").asString();
    List<String> marked = new ArrayList<>();
    hit.path("highlight")
        .forEach(r -> marked.add(text.substring(r.get(0).asInt(), r.get(1).asInt())));
    assertThat(marked).containsExactly(w, "ubernet");
    assertThat(answer.path("next").isNull()).isTrue();

    String edited = word();
    ann.ok(
        obj(
            "type",
            "edit",
            "room",
            room,
            "seq",
            sent.path("seq").asLong(),
            "text",
            "now " + edited));
    assertThat(texts(search(ann, "q", w))).isEmpty();
    assertThat(texts(search(ann, "q", edited))).containsExactly("now " + edited);
    ann.ok(obj("type", "delete", "room", room, "seq", sent.path("seq").asLong()));
    assertThat(texts(search(ann, "q", edited))).isEmpty();
  }

  @Test
  void othersFindNothingOfRoomsTheyAreNotInNorOfOthersDirectConversations() throws Exception {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient carol = server.user("carol");
    String room = room("priv");
    ann.create(room);
    String w = word();
    ann.say(room, "public but not joined " + w);
    DirectMessageTest.whisper(ann, bob, "secret plans " + w);
    String dm = DirectMessageTest.dm(ann, bob);

    assertThat(texts(search(ann, "q", w))).hasSize(2);
    assertThat(texts(search(bob, "q", w))).containsExactly("secret plans " + w);
    assertThat(texts(search(bob, "q", w, "room", dm))).containsExactly("secret plans " + w);

    JsonNode nothing = search(carol, "q", w, "room", "nosuchroom" + w);
    assertThat(texts(nothing)).isEmpty();
    assertThat(texts(search(carol, "q", w))).isEmpty();
    assertThat(texts(search(bob, "q", w, "room", room))).isEmpty();
    HttpResponse<String> other = get(carol.token(), "q", w, "room", dm);
    HttpResponse<String> none = get(carol.token(), "q", w, "room", "nosuchroom" + w);
    assertThat(other.statusCode()).isEqualTo(none.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(none.body()).doesNotContain("secret");
    assertThat(get(carol.token(), "q", w, "room", room).body()).isEqualTo(none.body());

    carol.join(room);
    assertThat(texts(search(carol, "q", w))).containsExactly("public but not joined " + w);
    carol.leave(room);
    assertThat(texts(search(carol, "q", w))).isEmpty();
  }

  @Test
  void theUserAndTimeFiltersNarrowTheResults() throws Exception {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("filters");
    ann.create(room);
    bob.join(room);
    String w = word();
    long t1 = ann.say(room, "ann one " + w).path("ts").asLong();
    Thread.sleep(5);
    long t2 = bob.say(room, "bob two " + w).path("ts").asLong();
    Thread.sleep(5);
    long t3 = ann.say(room, "ann three " + w).path("ts").asLong();

    assertThat(texts(search(bob, "q", w)))
        .containsExactly("ann three " + w, "bob two " + w, "ann one " + w);
    assertThat(texts(search(bob, "q", w, "user", ann.id())))
        .containsExactly("ann three " + w, "ann one " + w);
    assertThat(texts(search(bob, "q", w, "from", Long.toString(t2), "to", Long.toString(t3))))
        .containsExactly("bob two " + w);
    assertThat(texts(search(bob, "q", w, "from", Long.toString(t3))))
        .containsExactly("ann three " + w);
    assertThat(texts(search(bob, "q", w, "to", Long.toString(t1 + 1))))
        .containsExactly("ann one " + w);
    assertThat(texts(search(bob, "q", w, "room", room, "user", bob.id())))
        .containsExactly("bob two " + w);
  }

  @Test
  void pagesFollowTheCursorToTheEnd() throws Exception {
    TestClient ann = server.user("ann");
    String room = room("pages");
    ann.create(room);
    String w = word();
    for (int i = 0; i < 12; i++) ann.say(room, w + " number " + i);

    List<String> seen = new ArrayList<>();
    String before = null;
    int pages = 0;
    do {
      JsonNode page =
          before == null
              ? search(ann, "q", w, "limit", "5")
              : search(ann, "q", w, "limit", "5", "before", before);
      seen.addAll(texts(page));
      before = page.path("next").isNull() ? null : page.path("next").asString();
      pages++;
    } while (before != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    List<String> expected = new ArrayList<>();
    for (int i = 11; i >= 0; i--) expected.add(w + " number " + i);
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void badRequestsAreRefusedWithJsonErrors() throws Exception {
    TestClient ann = server.user("ann");
    HttpResponse<String> anonymous = get(null, "q", "hello");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(Json.parse(anonymous.body()).path("error").asString()).isEqualTo("unauthorized");
    assertThat(get("not-a-token", "q", "hello").statusCode()).isEqualTo(401);
    for (String[] bad :
        new String[][] {
          {},
          {"q", " "},
          {"q", "ab"},
          {"q", "x".repeat(201)},
          {"q", "x".repeat(65)},
          {"q", "hello", "limit", "0"},
          {"q", "hello", "limit", "51"},
          {"q", "hello", "limit", "ten"},
          {"q", "hello", "from", "yesterday"},
          {"q", "hello", "from", "10", "to", "5"},
          {"q", "hello", "before", "garbage"}
        }) {
      HttpResponse<String> res = get(ann.token(), bad);
      assertThat(res.statusCode()).as(String.join(" ", bad)).isEqualTo(400);
      JsonNode error = Json.parse(res.body());
      assertThat(error.path("error").asString()).isEqualTo("bad_request");
      assertThat(error.path("message").asString()).isNotBlank();
    }
    assertThat(get(ann.token(), "q", "数据").statusCode()).isEqualTo(200);
  }
}
