package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Presence and nick claims across the nodes of one cluster: a user online on any node is online on
 * all of them, a nick held on one node is taken on the others, and the users of a node that dies
 * without a goodbye go offline everywhere within 30 s.
 */
class PresenceAcrossNodesTest {

  /** Node 2 reaches Redis through this relay, so a test can freeze it as a long pause would. */
  @RegisterExtension
  @Order(1)
  static final FreezableProxy redisOfNode2 = relay();

  @RegisterExtension
  @Order(2)
  static final ParleyCluster cluster =
      ParleyCluster.perNode(
          3,
          (i, c) ->
              (i == 2 ? c.withRedis(redisOfNode2.redisUrl(), c.clusterChannel()) : c)
                  .withRate(1_000, 1_000));

  @Test
  void aWelcomeListsTheUsersOfTheOtherNodes() {
    TestClient ann = cluster.user(0, "ann");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              TestClient bob = cluster.user(1, "bob");
              JsonNode listed = Json.find(bob.welcome().path("users"), "id", ann.id());
              assertThat(listed).as("ann of node 0 in a welcome of node 1").isNotNull();
              assertThat(listed.path("nick").asString()).isEqualTo(ann.nick());
              assertThat(listed.path("status").asString()).isEqualTo("online");
            });
  }

  @Test
  void comingOnlineAndGoingOfflineOnOneNodeIsAnnouncedOnTheOthers() {
    TestClient watcher1 = cluster.user(1, "watcher");
    TestClient watcher2 = cluster.user(2, "watcher");
    TestClient ann = cluster.user(0, "ann");
    for (TestClient w : List.of(watcher1, watcher2)) w.await("presence", is(ann, "online"));
    ann.close();
    for (TestClient w : List.of(watcher1, watcher2)) {
      JsonNode offline = w.await("presence", is(ann, "offline"));
      assertThat(offline.path("user").path("nick").asString()).isEqualTo(ann.nick());
    }
    assertThat(watcher1.frames("presence", is(ann, "online"))).as("announced once").hasSize(1);
  }

  @Test
  void aUserWithTabsOnTwoNodesIsOfflineOnlyWhenTheLastOneCloses() {
    TestClient watcher = cluster.user(2, "watcher");
    TestClient tab0 = cluster.user(0, "ann");
    watcher.await("presence", is(tab0, "online"));
    TestClient tab1 = cluster.client(1);
    tab1.resume(tab0.token());

    tab0.close();
    await()
        .during(Duration.ofMillis(1_000))
        .atMost(Duration.ofSeconds(3))
        .until(() -> watcher.frames("presence", is(tab0, "offline")).isEmpty());
    TestClient late = cluster.user(2, "late");
    assertThat(Json.find(late.welcome().path("users"), "id", tab0.id()))
        .as("still online through node 1")
        .isNotNull();
    JsonNode found = watcher.call(obj("type", "users", "q", tab0.nick()));
    assertThat(Json.require(found.path("users"), "id", tab0.id()).path("status").asString())
        .isEqualTo("online");

    tab1.close();
    watcher.await("presence", is(tab0, "offline"));
    JsonNode after = watcher.call(obj("type", "users", "q", tab0.nick()));
    assertThat(Json.require(after.path("users"), "id", tab0.id()).path("status").asString())
        .isEqualTo("offline");
  }

  @Test
  void aNickHeldOnOneNodeIsTakenOnTheOthersAndStaysHeldOnceItsUserIsOffline() {
    String nick = ParleyServerExtension.nick("Kim");
    TestClient kim = cluster.client(0);
    kim.hello(nick);
    for (int n = 1; n < cluster.size(); n++) {
      JsonNode refused = cluster.client(n).error(obj("type", "hello", "nick", nick.toUpperCase()));
      assertThat(refused.path("code").asString()).as("node %d", n).isEqualTo("nick_taken");
    }
    // a rename on another node to a nick held elsewhere keeps the user's own nick
    TestClient lee = cluster.user(1, "lee");
    TestClient leeAgain = cluster.client(2);
    assertThat(leeAgain.resume(lee.token(), nick).path("user").path("nick").asString())
        .isEqualTo(lee.nick());

    // a look-alike (a Cyrillic K) is the same nick on every node
    JsonNode lookAlike =
        cluster.client(2).error(obj("type", "hello", "nick", "\u041a" + nick.substring(1)));
    assertThat(lookAlike.path("code").asString()).isEqualTo("nick_taken");

    TestClient watcher = cluster.user(1, "watcher");
    kim.close();
    watcher.await("presence", is(kim, "offline"));
    // gone from every node, but the nick stays hers for the hold (30 days by default)
    for (int n = 0; n < cluster.size(); n++) {
      JsonNode refused = cluster.client(n).error(obj("type", "hello", "nick", nick));
      assertThat(refused.path("code").asString()).as("node %d", n).isEqualTo("nick_taken");
    }
    assertThat(cluster.client(2).resume(kim.token()).path("user").path("nick").asString())
        .as("her token still brings her back as herself, on any node")
        .isEqualTo(nick);
  }

  /**
   * A Redis that restarts without its data has lost every claim: each node finds its heartbeat gone
   * and claims its online users' nicks again, so a newcomer cannot take one meanwhile.
   */
  @Test
  void nicksLostWithRedisDataAreClaimedAgainByTheNodesOfTheirUsers() {
    TestClient kim = cluster.user(0, "kim");
    String nick = kim.nick();
    String key = cluster.channel() + ":nick:" + dev.parley.domain.Names.nickKey(nick);
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(ParleyCluster.REDIS);
    try (var conn = client.connect()) {
      var redis = conn.sync();
      assertThat(redis.get(key)).isEqualTo(kim.id());
      List<String> keys = redis.keys(cluster.channel() + ":*");
      redis.del(keys.toArray(String[]::new)); // what a restart without persistence loses
      assertThat(redis.get(key)).isNull();
      await().atMost(Duration.ofSeconds(10)).until(() -> kim.id().equals(redis.get(key)));
    } finally {
      client.shutdown();
    }
    JsonNode refused = cluster.client(1).error(obj("type", "hello", "nick", nick));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");
  }

  @Test
  void aRenameOnOneNodeIsAnnouncedOnTheOthersAndMovesTheClaim() {
    TestClient watcher = cluster.user(1, "watcher");
    TestClient tab0 = cluster.user(0, "sam");
    String oldNick = tab0.nick();
    String newNick = ParleyServerExtension.nick("Samuel");
    watcher.await("presence", is(tab0, "online"));
    TestClient tab2 = cluster.client(2);
    assertThat(tab2.resume(tab0.token(), newNick).path("user").path("nick").asString())
        .isEqualTo(newNick);
    JsonNode renamed =
        watcher.await(
            "presence",
            p ->
                is(tab0, "online").test(p)
                    && newNick.equals(p.path("user").path("nick").asString()));
    assertThat(renamed).isNotNull();
    assertThat(
            cluster.client(1).error(obj("type", "hello", "nick", newNick)).path("code").asString())
        .isEqualTo("nick_taken");
    assertThat(
            cluster.client(0).call(obj("type", "hello", "nick", oldNick)).path("type").asString())
        .as("the old nick is free on the node where the user still has a tab")
        .isEqualTo("welcome");
  }

  @Test
  void aMalformedHelloIsRefusedAndTheNextOneIsAnswered() {
    TestClient c = cluster.client(1);
    assertThat(c.error(obj("type", "hello", "nick", 5)).path("code").asString())
        .isEqualTo("bad_request");
    c.hello(ParleyServerExtension.nick("second-try"));
  }

  @Test
  void twoNewUsersAskingForOneNickOnTwoNodesAtOnceGetItOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      String nick = ParleyServerExtension.nick("Twin");
      TestClient a = cluster.client(0);
      TestClient b = cluster.client(1);
      CompletableFuture<JsonNode> ra =
          CompletableFuture.supplyAsync(() -> a.call(obj("type", "hello", "nick", nick)));
      CompletableFuture<JsonNode> rb =
          CompletableFuture.supplyAsync(() -> b.call(obj("type", "hello", "nick", nick)));
      List<String> types =
          List.of(ra.get().path("type").asString(), rb.get().path("type").asString());
      assertThat(types).as("round %d", round).containsExactlyInAnyOrder("welcome", "error");
    }
  }

  @Test
  void theUsersOfANodeKilledWithoutAGoodbyeGoOfflineEverywhereAndItMayComeBack() throws Exception {
    List<TestClient> watchers =
        List.of(cluster.user(0, "watcher"), cluster.user(1, "watcher"), cluster.user(2, "watcher"));
    TestClient watcher = watchers.get(0);
    Path dir = Files.createTempDirectory("parley-doomed-");
    String nick = ParleyServerExtension.nick("Doomed");
    String token;
    String id;
    try (ParleyProcess doomed = node(dir)) {
      TestClient victim = TestClient.connect(doomed.wsUri());
      victim.hello(nick);
      id = victim.id();
      token = victim.token();
      watcher.await(
          "presence",
          p ->
              id.equals(p.path("user").path("id").asString())
                  && "online".equals(p.path("status").asString()),
          Duration.ofSeconds(10));
      assertThat(
              cluster.client(1).error(obj("type", "hello", "nick", nick)).path("code").asString())
          .isEqualTo("nick_taken");
      long t0 = System.nanoTime();
      doomed.kill();
      for (TestClient w : watchers) {
        w.await(
            "presence",
            p ->
                id.equals(p.path("user").path("id").asString())
                    && "offline".equals(p.path("status").asString()),
            Duration.ofSeconds(30).minusNanos(System.nanoTime() - t0));
      }
      System.out.printf(
          "a killed node's user was offline on every node %d ms after the kill%n",
          (System.nanoTime() - t0) / 1_000_000);
      victim.close();
    }
    TestClient late = cluster.user(2, "late");
    assertThat(Json.find(late.welcome().path("users"), "id", id))
        .as("not listed once its node died")
        .isNull();
    // a node started again joins without a restart of the others, and its user is seen online
    Path again = Files.createTempDirectory("parley-again-");
    try (ParleyProcess back = node(again)) {
      TestClient returning = TestClient.connect(back.wsUri());
      returning.resume(token);
      watcher.await(
          "presence",
          p ->
              id.equals(p.path("user").path("id").asString())
                  && "online".equals(p.path("status").asString()),
          Duration.ofSeconds(10));
      assertThat(
              cluster.client(1).error(obj("type", "hello", "nick", nick)).path("code").asString())
          .isEqualTo("nick_taken");
      returning.close();
    } finally {
      ParleyServerExtension.deleteRecursively(dir);
      ParleyServerExtension.deleteRecursively(again);
    }
  }

  @Test
  void aNodeWhoseHeartbeatLapsedIsTakenForDeadAndTellsItsUsersAgainWhenItBeatsAgain() {
    TestClient watcher = cluster.user(0, "watcher");
    TestClient frozen = cluster.user(2, "frozen");
    watcher.await("presence", is(frozen, "online"));
    redisOfNode2.pause(); // node 2 keeps running, but neither beats nor hears anything
    try {
      watcher.await("presence", is(frozen, "offline"), Duration.ofSeconds(30));
    } finally {
      redisOfNode2.resume();
    }
    watcher.await(
        "presence",
        p ->
            is(frozen, "online").test(p)
                && watcher.frames("presence", is(frozen, "online")).size() == 2,
        Duration.ofSeconds(10));
    TestClient late = cluster.user(1, "late");
    assertThat(Json.find(late.welcome().path("users"), "id", frozen.id()))
        .as("listed again")
        .isNotNull();
  }

  private static FreezableProxy relay() {
    try {
      return FreezableProxy.to("127.0.0.1", 6379);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node of this cluster in a child JVM, which a test can kill. */
  private static ParleyProcess node(Path dir) throws Exception {
    return ParleyProcess.start(
        dir,
        "--db",
        cluster.jdbcUrl(),
        "--redis",
        ParleyCluster.REDIS,
        "--cluster-channel",
        cluster.channel());
  }

  private static java.util.function.Predicate<JsonNode> is(TestClient user, String status) {
    return p ->
        user.id().equals(p.path("user").path("id").asString())
            && status.equals(p.path("status").asString());
  }
}
