package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Protection;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Administrators ({@code --admins}): a listed nick is an admin only once its account is protected,
 * and says so ({@code role: "admin"}) in welcome, {@code users} and {@code members}. Admins list
 * every user, ban and unban server-wide (connections close with 4003 and every kind of hello gets
 * {@code banned}), and make a one-time sign-in link for someone who lost their password; anyone
 * else is {@code forbidden}.
 */
class AdministratorsTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withAdmins(List.of("Boss", "Warden", "Keeper")));

  @RegisterExtension
  static final ParleyServerExtension briefHolds =
      ParleyServerExtension.with(
          c -> c.withAdmins(List.of("Boss")).withNickHold(java.time.Duration.ofMillis(50)));

  private static String bossToken;

  /** A connection of "Boss", a protected admin made once for the class. */
  private static TestClient boss() {
    if (bossToken == null) {
      TestClient first = server.client();
      first.hello("Boss");
      Protection.protect(server.server().chat(), first.id());
      bossToken = first.token();
    }
    TestClient c = server.client();
    c.resume(bossToken);
    return c;
  }

  private static String code(JsonNode error) {
    assertThat(error.path("type").asString()).isEqualTo("error");
    return error.path("code").asString();
  }

  @Test
  void aListedNickIsAnAdminOnlyOnceItsAccountIsProtected() {
    TestClient warden = server.client();
    warden.hello("Warden");
    assertThat(warden.welcome().path("user").has("role")).isFalse();
    assertThat(code(warden.error(obj("type", "admin_users")))).isEqualTo("forbidden");

    Protection.protect(server.server().chat(), warden.id());
    TestClient again = server.tabOf(warden);
    assertThat(again.welcome().path("user").path("role").asString()).isEqualTo("admin");
    assertThat(again.call(obj("type", "admin_users")).path("type").asString())
        .isEqualTo("admin_users");

    TestClient ann = server.user("Ann");
    JsonNode found = ann.call(obj("type", "users", "q", "Warden")).path("users");
    assertThat(Json.require(found, "id", warden.id()).path("role").asString()).isEqualTo("admin");
    JsonNode members =
        ann.call(obj("type", "members", "room", "general", "limit", 200)).path("members");
    JsonNode listed = Json.find(members, "id", warden.id());
    if (listed != null) assertThat(listed.path("role").asString()).isEqualTo("admin");
    assertThat(Json.require(members, "id", ann.id()).has("role"))
        .as("someone who is not an admin carries no role")
        .isFalse();
  }

  @Test
  void someoneWhoIsNotAnAdminIsForbiddenEveryAdminFrame() {
    TestClient ann = server.user("Ann");
    TestClient bob = server.user("Bob");
    assertThat(code(ann.error(obj("type", "admin_users")))).isEqualTo("forbidden");
    assertThat(code(ann.error(obj("type", "ban", "user", bob.id())))).isEqualTo("forbidden");
    assertThat(code(ann.error(obj("type", "unban", "user", bob.id())))).isEqualTo("forbidden");
    assertThat(code(ann.error(obj("type", "admin_link", "user", bob.id())))).isEqualTo("forbidden");
    assertThat(bob.ping().path("type").asString()).as("nothing happened to Bob").isEqualTo("pong");
  }

  @Test
  void aBanClosesEveryConnectionWith4003AndEveryKindOfHelloGetsBanned() {
    TestClient ann = server.user("Ann");
    TestClient annTab = server.tabOf(ann);
    String code = ann.call(obj("type", "link")).path("code").asString();
    TestClient admin = boss();

    admin.ok(obj("type", "ban", "user", ann.id(), "reason", "spam links"));
    assertThat(ann.closeCode()).isEqualTo(4003);
    assertThat(annTab.closeCode()).isEqualTo(4003);

    TestClient back = server.client();
    JsonNode byToken = back.error(obj("type", "hello", "token", ann.token()));
    assertThat(code(byToken)).isEqualTo("banned");
    assertThat(byToken.path("message").asString()).contains("spam links");
    assertThat(byToken.path("reason").asString()).isEqualTo("spam links");
    assertThat(code(back.error(obj("type", "hello", "code", code)))).isEqualTo("banned");
    assertThat(code(back.error(obj("type", "hello", "nick", ann.nick())))).isEqualTo("banned");
    TestClient bob = server.user("Bob");
    assertThat(bob.welcome().path("type").asString())
        .as("the connection that was refused stays open for someone else")
        .isEqualTo("welcome");
    assertThat(back.hello(ParleyServerExtension.nick("Cleo")).path("type").asString())
        .isEqualTo("welcome");

    assertThat(code(bob.error(obj("type", "profile", "nick", ann.nick()))))
        .as("nobody takes a banned user's nick")
        .isEqualTo("nick_taken");
    JsonNode listed =
        Json.require(
            admin.call(obj("type", "admin_users", "q", ann.nick())).path("users"), "id", ann.id());
    assertThat(listed.path("banned").asBoolean()).isTrue();
    assertThat(listed.path("reason").asString()).isEqualTo("spam links");
    assertThat(listed.path("protected").asBoolean()).isFalse();
    assertThat(listed.path("nick").asString())
        .as("a banned user's nick stays theirs")
        .isEqualTo(ann.nick());
    JsonNode bobNow =
        Json.require(
            admin.call(obj("type", "admin_users", "q", bob.id())).path("users"), "id", bob.id());
    assertThat(bobNow.path("nick").asString()).isEqualTo(bob.nick());
  }

  @Test
  void anUnbannedUserSignsInAgain() {
    TestClient ann = server.user("Ann");
    TestClient admin = boss();
    admin.ok(obj("type", "ban", "user", ann.id()));
    assertThat(ann.closeCode()).isEqualTo(4003);
    JsonNode refused = server.client().error(obj("type", "hello", "token", ann.token()));
    assertThat(code(refused)).isEqualTo("banned");

    admin.ok(obj("type", "unban", "user", ann.id()));
    JsonNode welcome = server.client().resume(ann.token());
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    JsonNode listed =
        Json.require(
            admin.call(obj("type", "admin_users", "q", ann.id())).path("users"), "id", ann.id());
    assertThat(listed.path("banned").asBoolean()).isFalse();
    assertThat(listed.path("status").asString()).isEqualTo("online");
  }

  @Test
  void anAdminLinkSignsInAsThatUserOnceOnANewDevice() {
    TestClient ann = server.user("Ann");
    ann.close();
    TestClient admin = boss();
    long before = System.currentTimeMillis();
    JsonNode link = admin.call(obj("type", "admin_link", "user", ann.id()));
    assertThat(link.path("type").asString()).isEqualTo("link");
    assertThat(link.path("expires").asLong())
        .as("valid about a day")
        .isBetween(before + 23L * 3600_000, before + 25L * 3600_000);
    String code = link.path("code").asString();

    TestClient laptop =
        server.track(TestClient.connect(server.wsUri(), Map.of("User-Agent", "new laptop")));
    JsonNode welcome = laptop.welcomed(obj("type", "hello", "code", code));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(welcome.path("token").asString()).isNotEqualTo(ann.token());

    JsonNode again = server.client().error(obj("type", "hello", "code", code));
    assertThat(code(again)).isEqualTo("bad_code");
  }

  @Test
  void anAdminActsOnNeitherThemselvesNorAnotherAdmin() {
    TestClient admin = boss();
    TestClient keeper = server.client();
    keeper.hello("Keeper");
    Protection.protect(server.server().chat(), keeper.id());
    assertThat(code(admin.error(obj("type", "ban", "user", keeper.id())))).isEqualTo("forbidden");
    assertThat(code(admin.error(obj("type", "ban", "user", admin.id())))).isEqualTo("forbidden");
    assertThat(code(admin.error(obj("type", "ban", "user", "u-nobody")))).isEqualTo("not_found");
    assertThat(keeper.ping().path("type").asString()).isEqualTo("pong");
  }

  @Test
  void theUserListSearchesAndPagesByNick() {
    String base = ParleyServerExtension.nick("Zed");
    TestClient a = server.client();
    a.hello(base + "a");
    TestClient b = server.client();
    b.hello(base + "b");
    TestClient c = server.client();
    c.hello(base + "c");
    c.close();
    TestClient admin = boss();

    JsonNode first = admin.call(obj("type", "admin_users", "q", base, "limit", 2));
    assertThat(first.path("users")).hasSize(2);
    assertThat(first.path("users").get(0).path("nick").asString()).isEqualTo(base + "a");
    assertThat(first.path("more").asBoolean()).isTrue();
    JsonNode second =
        admin.call(
            obj(
                "type",
                "admin_users",
                "q",
                base,
                "limit",
                2,
                "after",
                first.path("next").asString()));
    assertThat(second.path("users")).hasSize(1);
    JsonNode last = second.path("users").get(0);
    assertThat(last.path("nick").asString()).isEqualTo(base + "c");
    assertThat(last.path("more").asBoolean()).isFalse();
    assertThat(last.path("lastSeen").asLong()).isPositive();
    assertThat(last.path("created").asLong()).isPositive();
  }

  @Test
  void aBannedUsersNickStaysHeldAfterTheHoldEnds() throws InterruptedException {
    TestClient boss = briefHolds.client();
    boss.hello("Boss");
    Protection.protect(briefHolds.server().chat(), boss.id());
    TestClient admin = briefHolds.tabOf(boss);
    TestClient ann = briefHolds.user("Ann");
    TestClient bob = briefHolds.user("Bob");
    admin.ok(obj("type", "ban", "user", ann.id()));
    assertThat(ann.closeCode()).isEqualTo(4003);
    bob.close();
    Thread.sleep(300); // well past the 50 ms hold

    JsonNode asAnn = briefHolds.client().error(obj("type", "hello", "nick", ann.nick()));
    assertThat(code(asAnn)).isEqualTo("banned");
    JsonNode asBob = briefHolds.client().call(obj("type", "hello", "nick", bob.nick()));
    assertThat(asBob.path("type").asString())
        .as("an ordinary nick is free once its hold ended")
        .isEqualTo("welcome");
  }
}
