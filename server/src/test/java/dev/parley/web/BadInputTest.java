package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * What a buggy or hostile client gets for malformed frames: a {@code bad_request} that says what
 * was wrong, on a connection that stays usable; never a stack trace.
 */
class BadInputTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));

  /** The first error the client gets after {@code raw}; the connection must still answer a ping. */
  private static JsonNode errorFor(TestClient c, String raw) {
    int before = c.frames("error").size();
    c.sendRaw(raw);
    List<JsonNode> errors = c.awaitCount("error", e -> true, before + 1, TestClient.TIMEOUT);
    JsonNode error = errors.get(before);
    assertNoStackTrace(error);
    assertThat(c.ping().path("type").asString()).as("connection still usable").isEqualTo("pong");
    assertThat(c.isClosed()).isFalse();
    return error;
  }

  static void assertNoStackTrace(JsonNode error) {
    String message = error.path("message").asString();
    assertThat(message).as("error message").isNotBlank();
    assertThat(message)
        .doesNotContain(
            "Exception", "\tat ", "at dev.parley", "at java.", "at io.netty", "at tools.jackson");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello?", "{\"type\":", "{'type':'ping'}", "", "null"})
  void textThatIsNotAJsonObjectIsABadRequest(String raw) {
    TestClient c = server.user("ann");
    assertThat(errorFor(c, raw).path("code").asString()).isEqualTo("bad_request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2,3]", "42", "\"ping\""})
  void jsonThatIsNotAnObjectIsABadRequest(String raw) {
    TestClient c = server.user("ann");
    assertThat(errorFor(c, raw).path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void aFrameWithoutTypeIsABadRequestNamingTheType() {
    TestClient c = server.user("ann");
    JsonNode error = errorFor(c, "{\"ref\":\"r-no-type\",\"room\":\"general\"}");
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(error.path("ref").asString()).isEqualTo("r-no-type");
    assertThat(error.path("message").asString()).containsIgnoringCase("type");
  }

  @Test
  void anUnknownTypeIsABadRequestNamingIt() {
    TestClient c = server.user("ann");
    JsonNode error = errorFor(c, "{\"type\":\"frobnicate\",\"ref\":\"r-unknown\"}");
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(error.path("ref").asString()).isEqualTo("r-unknown");
    assertThat(error.path("message").asString()).contains("frobnicate");
  }

  @Test
  void aTypeThatIsNotAStringIsABadRequest() {
    TestClient c = server.user("ann");
    assertThat(errorFor(c, "{\"type\":5}").path("code").asString()).isEqualTo("bad_request");
  }

  static Stream<Arguments> wrongKinds() {
    return Stream.of(
        Arguments.of("room", "{\"type\":\"join\",\"room\":5,\"ref\":\"r-kind\"}"),
        Arguments.of(
            "room",
            "{\"type\":\"send\",\"room\":[\"general\"],\"id\":\"x1\",\"text\":\"hi\",\"ref\":\"r-kind\"}"),
        Arguments.of(
            "limit",
            "{\"type\":\"history\",\"room\":\"general\",\"limit\":\"ten\",\"ref\":\"r-kind\"}"),
        Arguments.of(
            "seq", "{\"type\":\"read\",\"room\":\"general\",\"seq\":\"3\",\"ref\":\"r-kind\"}"),
        Arguments.of(
            "text",
            "{\"type\":\"send\",\"room\":\"general\",\"id\":\"x2\",\"text\":{\"md\":\"hi\"},\"ref\":\"r-kind\"}"));
  }

  @ParameterizedTest
  @MethodSource("wrongKinds")
  void aFieldOfTheWrongKindIsABadRequestNamingTheField(String field, String raw) {
    TestClient c = server.user("ann");

    JsonNode error = errorFor(c, raw);

    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(error.path("ref").asString()).isEqualTo("r-kind");
    assertThat(error.path("message").asString()).contains(field);
  }

  @Test
  void aRefOver64CharactersIsABadRequest() {
    TestClient c = server.user("ann");
    String ref = "r".repeat(65);
    JsonNode error = errorFor(c, obj("type", "ping", "ref", ref).toString());
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(error.path("message").asString()).containsIgnoringCase("ref");
    assertThat(c.frames("pong")).noneMatch(p -> ref.equals(p.path("ref").asString(null)));
  }

  @Test
  void aRefOfExactly64CharactersIsEchoed() {
    TestClient c = server.user("ann");
    String ref = "q".repeat(64);
    assertThat(c.call(obj("type", "ping", "ref", ref)).path("type").asString()).isEqualTo("pong");
  }

  @Test
  void unknownFieldsAreIgnored() {
    TestClient c = server.user("ann");
    JsonNode pong = c.call(obj("type", "ping", "futureField", obj("a", 1)));
    assertThat(pong.path("type").asString()).isEqualTo("pong");
  }

  @Test
  void aBinaryFrameIsABadRequest() {
    TestClient c = server.user("ann");
    c.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));

    JsonNode error = c.await("error");
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertNoStackTrace(error);
    assertThat(c.ping().path("type").asString()).isEqualTo("pong");
  }

  @Test
  void aFrameOver64KiBClosesTheConnectionWith1009() {
    TestClient c = server.user("ann");
    String huge =
        obj("type", "send", "room", "general", "id", TestClient.newId(), "text", "x".repeat(70_000))
            .toString();

    c.trySendRaw(huge);

    assertThat(c.closeCode()).isEqualTo(1009);
  }

  @Test
  void aFrameJustUnder64KiBIsReadAndJudgedOnItsContent() {
    TestClient c = server.user("ann");
    String text = "x".repeat(60_000);
    JsonNode error =
        c.error(obj("type", "send", "room", "general", "id", TestClient.newId(), "text", text));
    assertThat(error.path("code").asString()).isEqualTo("too_long");
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void anotherClientIsUnaffectedByABadOne() {
    TestClient bad = server.user("bad");
    TestClient good = server.user("good");
    bad.trySendRaw(
        "{\"type\":\"send\",\"room\":\"general\",\"text\":\"" + "x".repeat(70_000) + "\"}");
    bad.closeCode();

    JsonNode msg = good.say("general", "still here");
    assertThat(msg.path("text").asString()).isEqualTo("still here");
  }
}
