package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.nick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Saying hello: becoming a user, coming back as the same user, and what is refused. */
class HelloTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(40, 90));

  @Test
  void welcomeDescribesTheUserTheirRoomsAndTheServer() {
    TestClient c = server.client();
    String nick = nick("Ann");
    String ref = c.request(obj("type", "hello", "nick", nick));
    JsonNode welcome = c.awaitRef(ref);

    assertThat(welcome.path("type").asString()).isEqualTo("welcome");
    assertThat(welcome.path("ref").asString()).isEqualTo(ref);
    assertThat(welcome.path("user").path("id").asString()).isNotBlank();
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(nick);
    assertThat(welcome.path("token").asString()).isNotBlank();

    JsonNode general = Json.require(welcome.path("rooms"), "name", "general");
    assertThat(general.has("topic")).as("general has a topic field: %s", general).isTrue();
    assertThat(general.path("members").isNumber()).as("members: %s", general).isTrue();
    assertThat(general.path("members").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(general.path("lastSeq").isNumber()).as("lastSeq: %s", general).isTrue();
    assertThat(general.path("readSeq").isNumber()).as("readSeq: %s", general).isTrue();

    JsonNode listed = Json.require(welcome.path("directory"), "name", "general");
    assertThat(listed.path("members").isNumber()).as("directory entry: %s", listed).isTrue();

    JsonNode me =
        Json.require(welcome.path("users"), "id", welcome.path("user").path("id").asString());
    assertThat(me.path("nick").asString()).isEqualTo(nick);
    assertThat(me.path("status").asString()).isEqualTo("online");

    JsonNode serverInfo = welcome.path("server");
    assertThat(serverInfo.path("version").asString()).isNotBlank();
    JsonNode limits = serverInfo.path("limits");
    assertThat(limits.path("text").asLong()).isEqualTo(8000);
    assertThat(limits.path("upload").asLong()).isEqualTo(10_485_760L);
    assertThat(limits.path("rate").asLong()).isEqualTo(40);
    assertThat(limits.path("burst").asLong()).isEqualTo(90);
    assertThat(limits.path("frame").asLong()).isEqualTo(65_536);
  }

  @Test
  void aBrandNewUserIsAnnouncedInGeneral() {
    TestClient watcher = server.user("watcher");
    TestClient newcomer = server.user("newcomer");

    JsonNode notice =
        watcher.await(
            "notice",
            n ->
                "general".equals(n.path("room").asString())
                    && newcomer.id().equals(n.path("user").path("id").asString()));
    assertThat(notice.path("event").asString()).isEqualTo("join");
    assertThat(notice.path("user").path("nick").asString()).isEqualTo(newcomer.nick());
    assertThat(notice.path("seq").asLong()).isPositive();
    assertThat(notice.path("ts").asLong()).isPositive();

    JsonNode history =
        newcomer.history("general", "after", notice.path("seq").asLong() - 1, "limit", 1);
    assertThat(history.path("events").get(0).path("event").asString()).isEqualTo("join");
    assertThat(history.path("events").get(0).path("user").path("id").asString())
        .isEqualTo(newcomer.id());
  }

  @Test
  void aTokenResumesTheSameUserOnANewConnection() {
    TestClient first = server.user("Bea");
    String token = first.token();
    first.close();

    TestClient again = server.client();
    JsonNode welcome = again.resume(token);

    assertThat(welcome.path("user").path("id").asString()).isEqualTo(first.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(first.nick());
    assertThat(welcome.path("token").asString()).isNotBlank();
    assertThat(Json.find(welcome.path("rooms"), "name", "general")).isNotNull();
  }

  @Test
  void aTokenResumesTheSameUserInASecondTabWhileTheFirstIsOpen() {
    TestClient tab1 = server.user("Cyd");
    TestClient tab2 = server.client();
    JsonNode welcome = tab2.resume(tab1.token());

    assertThat(welcome.path("user").path("id").asString()).isEqualTo(tab1.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(tab1.nick());
  }

  @Test
  void aReturningUserIsNotAnnouncedInGeneralAgain() {
    TestClient watcher = server.user("watcher");
    TestClient dee = server.user("Dee");
    watcher.await("notice", n -> dee.id().equals(n.path("user").path("id").asString()));
    dee.close();

    TestClient back = server.client();
    back.resume(dee.token());
    watcher.roundTrip("general");

    assertThat(watcher.frames("notice", n -> dee.id().equals(n.path("user").path("id").asString())))
        .as("join notices for a user who came back")
        .hasSize(1);
  }

  @Test
  void aTokenWithAnotherFreeNickRenamesTheUser() {
    TestClient first = server.user("Eve");
    first.close();
    String newNick = nick("Evelyn");

    TestClient again = server.client();
    JsonNode welcome = again.resume(first.token(), newNick);

    assertThat(welcome.path("user").path("id").asString()).isEqualTo(first.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(newNick);
  }

  @Test
  void anUnknownTokenIsTreatedAsAbsent() {
    TestClient c = server.client();
    String nick = nick("Fay");
    JsonNode welcome =
        c.welcomed(obj("type", "hello", "token", "no-such-token-0123456789", "nick", nick));

    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(nick);
    assertThat(welcome.path("token").asString()).isNotEqualTo("no-such-token-0123456789");
  }

  @Test
  void anUnknownTokenWithoutANickIsAnInvalidNick() {
    TestClient c = server.client();
    JsonNode error = c.error(obj("type", "hello", "token", "no-such-token-0123456789"));

    assertThat(error.path("code").asString()).isEqualTo("invalid_nick");
    assertThat(c.hello(nick("Gus")).path("type").asString()).isEqualTo("welcome");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "abcdefghijklmnopqrstuvwxyz0123456",
        "semi;colon",
        "<script>",
        "emoji😀"
      })
  void anInvalidNickIsRefusedAndTheConnectionStaysOpenForAnotherHello(String bad) {
    TestClient c = server.client();
    JsonNode error = c.error(obj("type", "hello", "nick", bad));

    assertThat(error.path("code").asString()).isEqualTo("invalid_nick");
    assertThat(error.path("message").asString()).isNotBlank();
    assertThat(c.isClosed()).isFalse();
    assertThat(c.hello(nick("Hal")).path("type").asString()).isEqualTo("welcome");
  }

  @Test
  void aHelloWithoutANickIsAnInvalidNick() {
    TestClient c = server.client();
    assertThat(c.error(obj("type", "hello")).path("code").asString()).isEqualTo("invalid_nick");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zoë",
        "李小龙",
        "Анна",
        "a.b-c_d",
        "two words",
        "x",
        "abcdefghijklmnopqrstuvwxyz012345"
      })
  void validNicksInAnyScriptAreAccepted(String nick) {
    TestClient c = server.client();
    assertThat(c.hello(nick).path("user").path("nick").asString()).isEqualTo(nick);
  }

  @Test
  void aNickIsTrimmed() {
    String nick = nick("Ida");
    TestClient c = server.client();
    assertThat(c.hello("  " + nick + "  ").path("user").path("nick").asString()).isEqualTo(nick);
  }

  @Test
  void aNickOnlineNowIsTakenCaseInsensitively() {
    String nick = nick("Jo");
    TestClient jo = server.client();
    jo.hello(nick);

    TestClient other = server.client();
    JsonNode error = other.error(obj("type", "hello", "nick", nick.toUpperCase()));
    assertThat(error.path("code").asString()).isEqualTo("nick_taken");

    assertThat(other.isClosed()).isFalse();
    other.hello(nick("Joe"));
  }

  @Test
  void resumingWithANickTakenByAnotherOnlineUserNeverGivesTwoUsersOneNick() {
    // the token wins: the user comes back, but not under a nick someone online now has
    TestClient lee = server.user("Lee");
    TestClient max = server.user("Max");
    max.close();

    TestClient back = server.client();
    JsonNode reply =
        back.call(obj("type", "hello", "token", max.token(), "nick", lee.nick().toUpperCase()));

    if ("welcome".equals(reply.path("type").asString())) {
      assertThat(reply.path("user").path("id").asString()).isEqualTo(max.id());
      assertThat(reply.path("user").path("nick").asString()).isNotEqualToIgnoringCase(lee.nick());
    } else {
      assertThat(reply.path("code").asString()).isEqualTo("nick_taken");
      assertThat(back.resume(max.token()).path("user").path("id").asString()).isEqualTo(max.id());
    }
  }

  @Test
  void anyOtherFirstFrameIsRefusedAndTheConnectionClosed() {
    TestClient c = server.client();
    String ref = c.request(obj("type", "ping"));

    JsonNode error = c.awaitRef(ref);
    assertThat(error.path("type").asString()).isEqualTo("error");
    assertThat(error.path("code").asString()).isEqualTo("hello_required");
    assertThat(c.closeCode()).isEqualTo(1008);
  }

  @Test
  void aSecondHelloIsABadRequest() {
    TestClient c = server.user("Ned");
    JsonNode error = c.error(obj("type", "hello", "nick", nick("Ned")));

    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(c.ping().path("type").asString()).isEqualTo("pong");
  }
}
