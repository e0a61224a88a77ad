package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paged directory: {@code welcome} lists at most 200 public rooms, the busiest first, and says
 * {@code directoryMore}; the {@code directory} frame pages and filters the rest, each room once.
 */
class RoomDirectoryTest {

  private static final int ROOMS = 430;
  private static final int BUSY = 8;
  private static final String TAG = "dir" + System.nanoTime() % 100_000;

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(100_000, 100_000));

  /**
   * Room {@code i}: topic about cats when {@code i % 3 == 0}, else dogs; rooms below BUSY have BUSY
   * - i extra members.
   */
  private static String name(int i) {
    return TAG + "-" + String.format("%04d", i);
  }

  @BeforeAll
  static void manyRooms() {
    TestClient creator = server.track(TestClient.connect(server.wsUri()));
    creator.hello(ParleyServerExtension.nick("creator"));
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < ROOMS; i++) {
      refs.add(
          creator.request(
              obj(
                  "type",
                  "create",
                  "room",
                  name(i),
                  "topic",
                  "All about " + (i % 3 == 0 ? "Cats" : "dogs"))));
    }
    for (String ref : refs)
      assertThat(creator.awaitRef(ref).path("type").asString()).isEqualTo("ok");
    for (int j = 0; j < BUSY; j++) {
      TestClient joiner = server.track(TestClient.connect(server.wsUri()));
      joiner.hello(ParleyServerExtension.nick("joiner"));
      for (int i = 0; i < BUSY - j; i++) joiner.join(name(i));
    }
  }

  @Test
  void theWelcomeListsTheBusiest200AndSaysThereAreMore() {
    JsonNode welcome = server.user("newcomer").welcome();
    JsonNode directory = welcome.path("directory");

    assertThat(directory.size()).isEqualTo(200);
    assertThat(welcome.path("directoryMore").asBoolean()).isTrue();
    List<JsonNode> listed = new ArrayList<>();
    directory.forEach(listed::add);
    assertThat(listed).as("busiest first, then by name").isSortedAccordingTo(BUSIEST_FIRST);
    assertThat(listed.get(0).path("name").asString()).isEqualTo("general");
    for (int i = 0; i < BUSY; i++) {
      JsonNode busy = listed.get(1 + i);
      assertThat(busy.path("name").asString()).isEqualTo(name(i));
      assertThat(busy.path("members").asInt()).isEqualTo(1 + BUSY - i);
      assertThat(busy.path("topic").asString())
          .isEqualTo("All about " + (i % 3 == 0 ? "Cats" : "dogs"));
    }
  }

  @Test
  void pagingFromTheWelcomeReachesEveryRoomExactlyOnce() {
    TestClient reader = server.user("reader");
    JsonNode welcome = reader.welcome();
    List<String> seen = new ArrayList<>();
    welcome.path("directory").forEach(d -> seen.add(d.path("name").asString()));
    String after = welcome.path("directoryNext").asString();
    assertThat(after).as("the welcome's cursor").isNotEmpty();

    int pages = 0;
    boolean more = true;
    while (more) {
      JsonNode page = reader.call(obj("type", "directory", "after", after, "limit", 57));
      assertThat(page.path("type").asString()).as("reply %s", page).isEqualTo("directory");
      assertThat(page.path("rooms").size()).isLessThanOrEqualTo(57);
      page.path("rooms").forEach(d -> seen.add(d.path("name").asString()));
      more = page.path("more").asBoolean();
      after = page.path("next").asString(null);
      assertThat(more).as("a next cursor exactly when there is more").isEqualTo(after != null);
      assertThat(++pages).isLessThan(50);
    }

    assertThat(new HashSet<>(seen)).as("no room twice").hasSize(seen.size());
    for (int i = 0; i < ROOMS; i++) assertThat(seen).contains(name(i));
    assertThat(seen).contains("general");
    assertThat(seen).noneMatch(n -> n.startsWith("dm:"));
  }

  @Test
  void pagingFromTheStartListsTheSameOrder() {
    TestClient reader = server.user("reader");
    List<JsonNode> all = pages(reader, obj("type", "directory", "limit", 200));
    assertThat(all.size()).isGreaterThan(ROOMS);
    assertThat(all).isSortedAccordingTo(BUSIEST_FIRST);
    List<String> first = new ArrayList<>();
    reader.welcome().path("directory").forEach(d -> first.add(d.path("name").asString()));
    assertThat(all.subList(0, 200))
        .extracting(d -> d.path("name").asString())
        .containsExactlyElementsOf(first);
  }

  @Test
  void filteringByNameOrTopicIgnoresCase() {
    TestClient reader = server.user("reader");

    List<JsonNode> tagged =
        pages(reader, obj("type", "directory", "q", TAG.toUpperCase(), "limit", 100));
    assertThat(tagged).hasSize(ROOMS);
    assertThat(tagged).isSortedAccordingTo(BUSIEST_FIRST);

    List<JsonNode> cats =
        pages(reader, obj("type", "directory", "q", "  about cATs ", "limit", 33));
    assertThat(cats).hasSize((ROOMS + 2) / 3);
    assertThat(cats).allMatch(d -> d.path("topic").asString().contains("Cats"));

    JsonNode one = reader.call(obj("type", "directory", "q", name(123)));
    assertThat(one.path("rooms").size()).isEqualTo(1);
    assertThat(one.path("rooms").get(0).path("name").asString()).isEqualTo(name(123));
    assertThat(one.path("more").asBoolean()).isFalse();

    assertThat(reader.call(obj("type", "directory", "q", TAG + "-nothing")).path("rooms").size())
        .isZero();
  }

  @Test
  void aNewRoomAndANewMemberShowAtOnce() {
    TestClient ann = server.user("ann");
    String room = ParleyServerExtension.room(TAG + "-fresh");
    ann.create(room);
    JsonNode found = reader().call(obj("type", "directory", "q", room));
    assertThat(found.path("rooms").get(0).path("members").asInt()).isEqualTo(1);

    server.user("bob").join(room);
    found = reader().call(obj("type", "directory", "q", room));
    assertThat(found.path("rooms").get(0).path("members").asInt()).isEqualTo(2);
  }

  @Test
  void aPageIsAtMost200AndBadCursorsAreRefused() {
    TestClient reader = reader();
    assertThat(reader.call(obj("type", "directory", "limit", 100_000)).path("rooms").size())
        .isEqualTo(200);
    assertThat(reader.call(obj("type", "directory", "limit", 0)).path("rooms").size()).isEqualTo(1);
    assertThat(reader.call(obj("type", "directory")).path("rooms").size()).isEqualTo(50);
    for (String bad : List.of("nonsense", "-1:general", "1:Not A Room", ":", "12")) {
      assertThat(reader.error(obj("type", "directory", "after", bad)).path("code").asString())
          .as(bad)
          .isEqualTo("bad_request");
    }
    assertThat(reader.error(obj("type", "directory", "q", "x".repeat(201))).path("code").asString())
        .isEqualTo("bad_request");
    assertThat(reader.error(obj("type", "directory", "q", 5)).path("code").asString())
        .isEqualTo("bad_request");
  }

  private static TestClient reader() {
    return server.user("reader");
  }

  /** Every page of a listing, following {@code next} until {@code more} is false. */
  private static List<JsonNode> pages(TestClient c, ObjectNode first) {
    List<JsonNode> rooms = new ArrayList<>();
    Set<String> names = new HashSet<>();
    ObjectNode ask = first;
    for (int pages = 0; pages < 100; pages++) {
      JsonNode page = c.call(ask.deepCopy());
      assertThat(page.path("type").asString()).as("reply %s", page).isEqualTo("directory");
      for (JsonNode d : page.path("rooms")) {
        assertThat(names.add(d.path("name").asString())).as("%s listed once", d).isTrue();
        rooms.add(d);
      }
      if (!page.path("more").asBoolean()) return rooms;
      ask = first.deepCopy().put("after", page.path("next").asString());
    }
    throw new AssertionError("more than 100 pages");
  }

  private static final Comparator<JsonNode> BUSIEST_FIRST =
      Comparator.comparingInt((JsonNode d) -> -d.path("members").asInt())
          .thenComparing(d -> d.path("name").asString());
}
