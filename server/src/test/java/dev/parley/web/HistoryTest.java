package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Paging through a room's log. */
class HistoryTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(2000, 2000));

  /** A room with 250 events: the create notice (seq 1) and messages "m2" ... "m250". */
  private static String big;

  private static String ownerToken;

  private static final int LAST = 250;
  private static final List<JsonNode> live = new ArrayList<>();

  @BeforeAll
  static void fillARoom() {
    big = room("big");
    TestClient owner = server.client();
    owner.hello(ParleyServerExtension.nick("owner"));
    owner.create(big);
    List<String> ids = new ArrayList<>();
    for (int seq = 2; seq <= LAST; seq++) ids.add(owner.sayAsync(big, "m" + seq));
    for (String id : ids) live.add(owner.awaitMessage(big, id));
    ownerToken = owner.token();
    owner.close();
  }

  /** The owner again, on a new connection: resuming appends nothing to the room. */
  private static TestClient member() {
    TestClient c = server.client();
    c.resume(ownerToken);
    return c;
  }

  private static List<Long> seqs(JsonNode history) {
    List<Long> out = new ArrayList<>();
    for (JsonNode e : history.path("events")) out.add(e.path("seq").asLong());
    return out;
  }

  private static List<Long> range(long fromInclusive, long toInclusive) {
    return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
  }

  @Test
  void withoutBoundsItReturnsTheLatest50InAscendingOrder() {
    TestClient c = server.user("reader");
    String room = room("latest");
    c.create(room);
    for (int i = 0; i < 60; i++) c.sayAsync(room, "n" + i);
    c.await("message", m -> "n59".equals(m.path("text").asString()));

    String ref = c.request(obj("type", "history", "room", room));
    JsonNode h = c.awaitRef(ref);

    assertThat(h.path("type").asString()).isEqualTo("history");
    assertThat(h.path("ref").asString()).isEqualTo(ref);
    assertThat(h.path("room").asString()).isEqualTo(room);
    assertThat(seqs(h)).isEqualTo(range(12, 61));
    assertThat(h.path("more").asBoolean()).isTrue();
    assertThat(h.path("events").get(49).path("text").asString()).isEqualTo("n59");
  }

  @Test
  void historyEventsAreTheEventsMembersReceivedLive() {
    TestClient c = member();
    JsonNode h = c.history(big, "after", 0, "limit", 10);

    JsonNode created = h.path("events").get(0);
    assertThat(created.path("seq").asLong()).isEqualTo(1);
    assertThat(created.path("event").asString()).isEqualTo("create");
    assertThat(created.path("room").asString()).isEqualTo(big);

    for (int i = 1; i < 10; i++) {
      assertThat(h.path("events").get(i)).isEqualTo(live.get(i - 1));
    }
  }

  @Test
  void afterPagesForward() {
    TestClient c = member();

    JsonNode first = c.history(big, "after", 0, "limit", 10);
    assertThat(seqs(first)).isEqualTo(range(1, 10));
    assertThat(first.path("more").asBoolean()).isTrue();

    JsonNode tail = c.history(big, "after", LAST - 5, "limit", 10);
    assertThat(seqs(tail)).isEqualTo(range(LAST - 4, LAST));
    assertThat(tail.path("more").asBoolean()).isFalse();

    JsonNode exact = c.history(big, "after", LAST - 10, "limit", 10);
    assertThat(seqs(exact)).isEqualTo(range(LAST - 9, LAST));
    assertThat(exact.path("more").asBoolean()).isFalse();
  }

  @Test
  void afterTheLastSeqIsEmpty() {
    TestClient c = member();
    JsonNode h = c.history(big, "after", LAST);
    assertThat(h.path("events").size()).isZero();
    assertThat(h.path("more").asBoolean()).isFalse();
  }

  @Test
  void beforePagesBackward() {
    TestClient c = member();

    JsonNode page = c.history(big, "before", 11, "limit", 5);
    assertThat(seqs(page)).isEqualTo(range(6, 10));
    assertThat(page.path("more").asBoolean()).isTrue();

    JsonNode start = c.history(big, "before", 3, "limit", 5);
    assertThat(seqs(start)).isEqualTo(range(1, 2));
    assertThat(start.path("more").asBoolean()).isFalse();
  }

  @Test
  void pagingBackwardFromTheLatestReachesTheStartWithoutGapsOrRepeats() {
    TestClient c = member();
    JsonNode page = c.history(big, "limit", 100);
    List<Long> all = new ArrayList<>(seqs(page));
    while (page.path("more").asBoolean()) {
      page = c.history(big, "before", seqs(page).get(0), "limit", 100);
      all.addAll(0, seqs(page));
    }
    assertThat(all).isEqualTo(range(1, LAST));
  }

  @Test
  void aLimitOver200IsClampedTo200() {
    TestClient c = member();
    JsonNode h = c.history(big, "after", 0, "limit", 500);
    assertThat(seqs(h)).isEqualTo(range(1, 200));
    assertThat(h.path("more").asBoolean()).isTrue();
  }

  @Test
  void beforeAndAfterTogetherIsABadRequest() {
    TestClient c = member();
    JsonNode error = c.error(obj("type", "history", "room", big, "before", 20, "after", 10));
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
  }

  @Test
  void aNonMemberIsRefused() {
    TestClient c = server.user("outsider");
    assertThat(c.error(obj("type", "history", "room", big)).path("code").asString())
        .isEqualTo("not_member");
  }

  @Test
  void anUnknownRoomIsNotFound() {
    TestClient c = server.user("lost");
    assertThat(c.error(obj("type", "history", "room", room("nowhere"))).path("code").asString())
        .isEqualTo("not_found");
  }
}
