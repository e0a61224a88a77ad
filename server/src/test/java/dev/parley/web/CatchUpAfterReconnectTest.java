package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The reconnect recipe: remember the last seq seen per room; after reconnecting with the token, ask
 * {@code history} with {@code after} set to it, and page on while {@code more} is true.
 */
class CatchUpAfterReconnectTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 1000));

  @Test
  void historyAfterTheLastSeenSeqHasExactlyTheMissedEvents() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = ParleyServerExtension.room("catchup");
    ann.create(room);
    bob.join(room);
    JsonNode seen = ann.say(room, "before the drop");
    long lastSeen = seen.path("seq").asLong();
    bob.awaitMessage(room, seen.path("id").asString());

    ann.drop();
    List<JsonNode> missed = new ArrayList<>();
    for (int i = 0; i < 5; i++) missed.add(bob.say(room, "while ann was away " + i));

    TestClient back = server.client();
    JsonNode welcome = back.resume(ann.token());
    JsonNode entry = back.welcomeRoom(room);
    assertThat(entry.path("lastSeq").asLong()).isEqualTo(lastSeen + 5);

    JsonNode history = back.history(room, "after", lastSeen);
    assertThat(history.path("more").asBoolean()).isFalse();
    List<JsonNode> events = new ArrayList<>();
    history.path("events").forEach(events::add);
    assertThat(events).isEqualTo(missed);
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
  }

  @Test
  void pagingWithAfterCatchesUpOnMoreThanOnePage() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = ParleyServerExtension.room("longgap");
    ann.create(room);
    bob.join(room);
    long lastSeen = ann.say(room, "last thing ann saw").path("seq").asLong();
    ann.close();

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 130; i++) ids.add(bob.sayAsync(room, "m" + i));
    List<Long> liveSeqs = new ArrayList<>();
    for (String id : ids) liveSeqs.add(bob.awaitMessage(room, id).path("seq").asLong());

    TestClient back = server.client();
    back.resume(ann.token());
    List<Long> caughtUp = new ArrayList<>();
    List<String> caughtUpIds = new ArrayList<>();
    long after = lastSeen;
    int pages = 0;
    boolean more = true;
    while (more) {
      JsonNode page = back.history(room, "after", after, "limit", 50);
      for (JsonNode e : page.path("events")) {
        caughtUp.add(e.path("seq").asLong());
        caughtUpIds.add(e.path("id").asString());
        after = e.path("seq").asLong();
      }
      more = page.path("more").asBoolean();
      assertThat(++pages).as("pages").isLessThanOrEqualTo(3);
    }

    assertThat(pages).isEqualTo(3);
    assertThat(caughtUp).isEqualTo(liveSeqs);
    assertThat(caughtUpIds).isEqualTo(ids);
  }

  @Test
  void afterCatchingUpTheLiveStreamContinuesWithoutAGap() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = ParleyServerExtension.room("seamless");
    ann.create(room);
    bob.join(room);
    long lastSeen = ann.say(room, "seen").path("seq").asLong();
    ann.drop();
    bob.say(room, "missed");

    TestClient back = server.client();
    back.resume(ann.token());
    JsonNode missed = back.history(room, "after", lastSeen);
    long caughtUpTo =
        missed.path("events").get(missed.path("events").size() - 1).path("seq").asLong();
    JsonNode live = bob.say(room, "live again");

    assertThat(back.awaitMessage(room, live.path("id").asString()).path("seq").asLong())
        .isEqualTo(caughtUpTo + 1);
  }
}
