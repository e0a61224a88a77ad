package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Invites;
import dev.parley.domain.Registration;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code --registration invite}: a hello that would make a user needs an invite code ({@code
 * invite_required} without, {@code bad_invite} for an unknown, expired or used-up one); a good code
 * makes the user and uses one of its admissions; existing users still sign in with their token.
 */
class InviteRegistrationTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withRegistration(Registration.Mode.INVITE)
                  .withGuards(c.guards().withTrustedProxies(List.of("127.0.0.1"))));

  private static final long DAY = TimeUnit.DAYS.toMillis(1);

  @AfterEach
  void noOneMayInviteByDefault() {
    server.server().registration().letEveryoneInvite(false);
  }

  private static String invite(int uses) {
    return Registration.create(
            server.server().invites(), "test", uses, DAY, System.currentTimeMillis())
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
  }

  private static TestClient from(String address) {
    return server.track(TestClient.connect(server.wsUri(), Map.of("X-Forwarded-For", address)));
  }

  private static int usesLeft(String code) {
    String hash = Registration.hashOf(code);
    return server
        .server()
        .invites()
        .live(System.currentTimeMillis())
        .orTimeout(20, TimeUnit.SECONDS)
        .join()
        .stream()
        .filter(i -> i.codeHash().equals(hash))
        .mapToInt(Invites.Invite::usesLeft)
        .findFirst()
        .orElse(0);
  }

  @Test
  void aNewNameWithoutAnInviteIsRefusedAndTheConnectionStaysOpen() {
    TestClient guest = server.client();
    JsonNode refused = guest.error(obj("type", "hello", "nick", ParleyServerExtension.nick("Gu")));
    assertThat(refused.path("code").asString()).isEqualTo("invite_required");
    String code = invite(1);
    JsonNode welcome =
        guest.welcomed(
            obj("type", "hello", "nick", ParleyServerExtension.nick("Gu"), "invite", code));
    assertThat(welcome.path("user").path("id").asString()).isNotEmpty();
  }

  @Test
  void aGoodInviteMakesTheUserAndUsesOneAdmission() {
    String code = invite(3);
    TestClient ann = server.client();
    String nick = ParleyServerExtension.nick("Ann");
    JsonNode welcome = ann.welcomed(obj("type", "hello", "nick", nick, "invite", code));
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(nick);
    assertThat(usesLeft(code)).isEqualTo(2);

    TestClient again = server.client();
    assertThat(again.resume(ann.token()).path("user").path("id").asString())
        .as("an existing user signs in by token without an invite")
        .isEqualTo(ann.id());
    assertThat(usesLeft(code)).as("a sign-in uses nothing").isEqualTo(2);
  }

  @Test
  void anUnknownOrMalformedInviteIsBadInvite() {
    TestClient guest = from("10.7.0.1");
    assertThat(
            guest
                .error(
                    obj("type", "hello", "nick", ParleyServerExtension.nick("X"), "invite", "nope"))
                .path("code")
                .asString())
        .isEqualTo("bad_invite");
    assertThat(
            guest
                .error(
                    obj(
                        "type",
                        "hello",
                        "nick",
                        ParleyServerExtension.nick("X"),
                        "invite",
                        "ABCDEFGHJKMNPQRS"))
                .path("code")
                .asString())
        .isEqualTo("bad_invite");
  }

  @Test
  void aUsedUpInviteIsBadInvite() {
    String code = invite(1);
    server
        .client()
        .welcomed(obj("type", "hello", "nick", ParleyServerExtension.nick("A"), "invite", code));
    JsonNode refused =
        from("10.7.0.2")
            .error(obj("type", "hello", "nick", ParleyServerExtension.nick("B"), "invite", code));
    assertThat(refused.path("code").asString()).isEqualTo("bad_invite");
    assertThat(usesLeft(code)).isZero();
  }

  @Test
  void anExpiredInviteIsBadInvite() {
    String code = "EXPRDCDE23456789";
    long now = System.currentTimeMillis();
    server
        .server()
        .invites()
        .create(
            new Invites.Invite(Registration.hashOf(code), "test", now - 2 * DAY, now - DAY, 5, 5),
            Registration.MAX_LIVE,
            now)
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
    JsonNode refused =
        from("10.7.0.3")
            .error(obj("type", "hello", "nick", ParleyServerExtension.nick("C"), "invite", code));
    assertThat(refused.path("code").asString()).isEqualTo("bad_invite");
  }

  @Test
  void aHelloRefusedForItsNameGivesTheInvitesUseBack() {
    TestClient ann = server.client();
    String nick = ParleyServerExtension.nick("Held");
    ann.welcomed(obj("type", "hello", "nick", nick, "invite", invite(1)));
    String code = invite(1);
    TestClient other = server.client();
    JsonNode taken = other.error(obj("type", "hello", "nick", nick, "invite", code));
    assertThat(taken.path("code").asString()).isEqualTo("nick_taken");
    assertThat(usesLeft(code)).as("the one use went back").isEqualTo(1);
    other.welcomed(obj("type", "hello", "nick", nick + "x", "invite", code));
    assertThat(usesLeft(code)).isZero();
  }

  @Test
  void wrongInvitesFromOneAddressAreSlowedDown() {
    TestClient guesser = from("10.7.0.9");
    String last = null;
    for (int i = 0; i < 8; i++) {
      last =
          guesser
              .error(
                  obj(
                      "type",
                      "hello",
                      "nick",
                      ParleyServerExtension.nick("G"),
                      "invite",
                      "ABCDEFGHJKMNPQ" + (20 + i)))
              .path("code")
              .asString();
    }
    assertThat(last).isEqualTo("slow_down");
  }

  @Test
  void theInviteFrameMakesACodeOnlyForWhoMayInvite() {
    TestClient ann = server.client();
    ann.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("Ann"), "invite", invite(1)));
    assertThat(ann.error(obj("type", "invite")).path("code").asString()).isEqualTo("forbidden");

    server.server().registration().letEveryoneInvite(true);
    assertThat(ann.error(obj("type", "invite", "uses", 1001)).path("code").asString())
        .isEqualTo("bad_request");
    JsonNode ok = ann.ok(obj("type", "invite", "uses", 2, "minutes", 60));
    String code = ok.path("code").asString();
    assertThat(code).matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{16}");
    assertThat(ok.path("url").asString()).endsWith("/#invite=" + code);
    assertThat(ok.path("expires").asLong() - System.currentTimeMillis())
        .isBetween(59 * 60_000L, 60 * 60_000L + 1);
    server
        .client()
        .welcomed(obj("type", "hello", "nick", ParleyServerExtension.nick("Bo"), "invite", code));
    assertThat(usesLeft(code)).isEqualTo(1);
  }

  @Test
  void aRoomsLinkAlsoAdmitsANewUserAndBringsThemIntoTheRoom() {
    TestClient ann = server.client();
    ann.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("Ann"), "invite", invite(1)));
    String room = ParleyServerExtension.room("crew");
    ann.ok(obj("type", "create", "room", room, "private", true));
    String code = ann.ok(obj("type", "invite", "room", room, "uses", 1)).path("code").asString();

    TestClient bob = server.client();
    JsonNode welcome =
        bob.welcomed(
            obj("type", "hello", "nick", ParleyServerExtension.nick("Bo"), "invite", code));
    assertThat(bob.welcomeRoom(room)).as("the welcome lists the room").isNotNull();
    JsonNode joined =
        ann.await(
            "notice",
            n ->
                room.equals(n.path("room").asString())
                    && "join".equals(n.path("event").asString()));
    assertThat(joined.path("user").path("id").asString())
        .isEqualTo(welcome.path("user").path("id").asString());
    // the web client joins with the link's code too: already in, nothing is spent or refused
    bob.ok(obj("type", "join", "invite", code));
  }

  @Test
  void theLoginScreenLearnsTheModeBeforeHello() throws Exception {
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.httpUri("/api/registration")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"registration\":\"invite\"}");
    assertThat(URI.create(server.httpUri("/").toString())).isNotNull();
  }
}
