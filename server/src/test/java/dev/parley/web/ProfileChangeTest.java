package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The {@code profile} frame (a Parley extension): a signed-in user changes their own nick and
 * avatar by the rules of hello; others online hear it as {@code presence}, and it is stored.
 */
class ProfileChangeTest {

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  @Test
  void othersSeeTheNewNickAndAvatarAndItIsKept() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String renamed = ParleyServerExtension.nick("annie");

    JsonNode ok = ann.call(obj("type", "profile", "nick", renamed, "avatar", "🦊"));
    assertThat(ok.path("type").asString()).isEqualTo("ok");

    JsonNode seen =
        bob.await(
            "presence",
            p ->
                p.path("user").path("id").asString().equals(ann.id())
                    && p.path("user").path("nick").asString().equals(renamed));
    assertThat(seen.path("user").path("avatar").asString()).isEqualTo("🦊");
    assertThat(seen.path("status").asString()).isEqualTo("online");
    ann.await("presence", p -> p.path("user").path("nick").asString().equals(renamed));

    TestClient tab = server.tabOf(ann);
    assertThat(tab.welcome().path("user").path("nick").asString()).isEqualTo(renamed);
    assertThat(tab.welcome().path("user").path("avatar").asString()).isEqualTo("🦊");
    // the old nick is free again
    assertThat(server.user("ann").nick()).startsWith("ann-");

    // back to the generated avatar, nick kept
    ann.ok(obj("type", "profile", "avatar", ""));
    bob.await(
        "presence",
        p ->
            p.path("user").path("id").asString().equals(ann.id())
                && p.path("user").path("avatar").isMissingNode());
  }

  @Test
  void awayByChoiceLastsThroughActivityUntilOnline() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    ann.ok(obj("type", "profile", "status", "away"));
    bob.await("presence", p -> isAbout(p, ann) && p.path("status").asString().equals("away"));

    String said = ann.say("general", "still here, but away").path("id").asString();
    bob.awaitMessage("general", said);
    bob.roundTrip("general");
    // the last word about ann is still away (an "online" from her hello may reach bob late,
    // before the away: only what comes after it counts)
    java.util.List<JsonNode> aboutAnn = bob.frames("presence", p -> isAbout(p, ann));
    assertThat(aboutAnn.get(aboutAnn.size() - 1).path("status").asString())
        .as("activity does not undo a chosen away")
        .isEqualTo("away");

    ann.ok(obj("type", "profile", "status", "online"));
    bob.await("presence", p -> isAbout(p, ann) && p.path("status").asString().equals("online"));
    assertThat(code(ann.error(obj("type", "profile", "status", "busy")))).isEqualTo("bad_request");
  }

  private static boolean isAbout(JsonNode presence, TestClient user) {
    return presence.path("user").path("id").asString().equals(user.id());
  }

  @Test
  void theRulesOfHelloApply() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    assertThat(code(bob.error(obj("type", "profile", "nick", ann.nick().toUpperCase()))))
        .isEqualTo("nick_taken");
    assertThat(code(bob.error(obj("type", "profile", "nick", "<script>"))))
        .isEqualTo("invalid_nick");
    assertThat(code(bob.error(obj("type", "profile", "avatar", "two words"))))
        .isEqualTo("bad_request");
    assertThat(code(bob.error(obj("type", "profile")))).isEqualTo("bad_request");
    // one's own nick in another case is fine
    bob.ok(obj("type", "profile", "nick", bob.nick().toUpperCase()));
  }

  private static String code(JsonNode error) {
    return error.path("code").asString();
  }
}
