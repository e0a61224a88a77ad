package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyCluster;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A group conversation whose people are on two nodes: opened once even when they all write first at
 * the same moment from both nodes, every message reaching every member once, and to someone outside
 * it, on either node, no room at all.
 */
class GroupConversationsAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(1_000, 1_000));

  private static String group(List<TestClient> people) {
    return "dm:" + String.join(":", people.stream().map(TestClient::id).sorted().toList());
  }

  private static String tell(TestClient from, List<TestClient> people, String text) {
    String id = TestClient.newId();
    List<String> to = people.stream().filter(p -> p != from).map(TestClient::id).toList();
    from.send(obj("type", "send", "to", to, "id", id, "text", text));
    return id;
  }

  @Test
  void firstMessagesFromMembersOnBothNodesOpenOneConversationThatEveryoneReads() throws Exception {
    for (int round = 0; round < 4; round++) {
      List<TestClient> three =
          List.of(cluster.user(0, "ann"), cluster.user(1, "bob"), cluster.user(0, "cat"));
      String name = group(three);
      List<CompletableFuture<String>> sends = new ArrayList<>();
      for (TestClient c : three)
        sends.add(CompletableFuture.supplyAsync(() -> tell(c, three, "hi from " + c.nick())));
      List<String> ids = new ArrayList<>();
      for (CompletableFuture<String> s : sends) ids.add(s.get());
      for (TestClient c : three) {
        List<JsonNode> got =
            c.awaitCount(
                "message", m -> name.equals(m.path("room").asString()), 3, TestClient.TIMEOUT);
        assertThat(got)
            .extracting(m -> m.path("id").asString())
            .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(got)
            .extracting(m -> m.path("seq").asLong())
            .as("one gapless log, each message once")
            .containsExactly(1L, 2L, 3L);
        assertThat(c.frames("room", f -> name.equals(f.path("name").asString())))
            .as(c + " was told of the conversation")
            .isNotEmpty();
      }
    }
  }

  @Test
  void aGroupOpenedOnOneNodeIsPrivateOnTheOther() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    TestClient cat = cluster.user(1, "cat");
    List<TestClient> three = List.of(ann, bob, cat);
    String name = group(three);
    String first = tell(ann, three, "over here");
    bob.awaitMessage(name, first);
    JsonNode room = bob.await("room", f -> name.equals(f.path("name").asString()));
    assertThat(room.path("users").findValuesAsString("id"))
        .containsExactlyInAnyOrderElementsOf(Stream.of(ann, bob, cat).map(TestClient::id).toList());
    String reply = cat.sayAsync(name, "and here");
    ann.awaitMessage(name, reply);

    for (int node = 0; node < 2; node++) {
      TestClient dan = cluster.user(node, "dan");
      assertThat(dan.error(obj("type", "history", "room", name)).path("code").asString())
          .isEqualTo("not_found");
      assertThat(
              dan.error(obj("type", "send", "room", name, "id", TestClient.newId(), "text", "x"))
                  .path("code")
                  .asString())
          .isEqualTo("not_found");
      assertThat(dan.welcome().toString()).doesNotContain(name);
    }
    TestClient catOnA = cluster.client(0);
    catOnA.resume(cat.token());
    assertThat(catOnA.welcomeRoom(name).path("members").asInt()).isEqualTo(3);
    assertThat(catOnA.history(name).path("events").findValuesAsString("text"))
        .containsExactly("over here", "and here");
  }
}
