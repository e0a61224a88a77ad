package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's rules, on a real embedded store, with what would go to sockets recorded. */
class ChatTest {

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<Object[]> published = new CopyOnWriteArrayList<>();

  /** A connection that keeps what it was sent. */
  static final class Recorder implements Client {
    final List<Out> frames = new CopyOnWriteArrayList<>();

    @Override
    public void send(Out frame) {
      frames.add(frame);
    }

    @Override
    public void close(int code, String reason) {}

    <T extends Out> T last(Class<T> type) {
      for (int i = frames.size() - 1; i >= 0; i--) {
        if (type.isInstance(frames.get(i))) return type.cast(frames.get(i));
      }
      throw new AssertionError("no " + type.getSimpleName() + " in " + frames);
    }
  }

  @BeforeEach
  void start() {
    open();
  }

  private void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat =
        TestChats.chat(
            store, 100, now::get, (to, frame) -> published.add(new Object[] {to, frame}));
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private List<Event> liveEvents(String room) {
    return published.stream()
        .filter(p -> p[1] instanceof Out.Live l && l.event().room().equals(room))
        .map(p -> ((Out.Live) p[1]).event())
        .toList();
  }

  @Test
  void aNewUserIsAMemberOfGeneralAndItsJoinIsLogged() {
    Recorder c = new Recorder();
    Session s = chat.hello(c, "alice", "🦊", null, "r1");
    Out.Welcome w = c.last(Out.Welcome.class);
    assertThat(w.ref()).isEqualTo("r1");
    assertThat(w.user().nick()).isEqualTo("alice");
    assertThat(w.user().avatar()).isEqualTo("🦊");
    assertThat(w.rooms()).extracting(Out.RoomView::name).containsExactly("general");
    assertThat(w.token()).hasSizeGreaterThan(30);
    await()
        .until(
            () -> {
              chat.flushGathered(); // join notices are gathered for a tick
              return liveEvents("general").size() == 1;
            });
    Notice join = (Notice) liveEvents("general").get(0);
    assertThat(join.event()).isEqualTo(Notice.Kind.JOIN);
    assertThat(join.user().id()).isEqualTo(s.userId());
    assertThat(join.seq()).isEqualTo(1);
  }

  @Test
  void nicksAreHeldIgnoringCaseWhileOnlineAndAfterwards() {
    Session alice = chat.hello(new Recorder(), "Alice", null, null, null);
    assertThatThrownBy(() -> chat.hello(new Recorder(), "ALICE", null, null, null))
        .isInstanceOf(ChatException.class)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.NICK_TAKEN);
    chat.disconnect(alice);
    assertThatThrownBy(() -> chat.hello(new Recorder(), "alice", null, null, null))
        .as("held for the hold after she left")
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.NICK_TAKEN);
  }

  @Test
  void aTokenResumesTheSameUserAndMayRename() {
    Recorder first = new Recorder();
    Session s = chat.hello(first, "bob", null, null, null);
    String token = first.last(Out.Welcome.class).token();
    chat.disconnect(s);
    Recorder again = new Recorder();
    Session resumed = chat.hello(again, "robert", null, token, null);
    assertThat(resumed.userId()).isEqualTo(s.userId());
    assertThat(again.last(Out.Welcome.class).user().nick()).isEqualTo("robert");
    assertThat(again.last(Out.Welcome.class).token()).isEqualTo(token);
  }

  @Test
  void tokensAndRoomsSurviveAReopen() {
    Recorder c = new Recorder();
    Session s = chat.hello(c, "carol", null, null, null);
    chat.create(s, "design", "pixels", "c");
    String token = c.last(Out.Welcome.class).token();
    store.close();
    open();
    Recorder again = new Recorder();
    Session resumed = chat.hello(again, null, null, token, null);
    assertThat(resumed.userId()).isEqualTo(s.userId());
    assertThat(again.last(Out.Welcome.class).rooms())
        .extracting(Out.RoomView::name)
        .containsExactly("design", "general");
  }

  @Test
  void roomRules() {
    Session s = chat.hello(new Recorder(), "dave", null, null, null);
    assertThatThrownBy(() -> chat.create(s, "Bad Name", null, null))
        .hasMessageContaining("room name");
    chat.create(s, "ops", "on call", null);
    assertThatThrownBy(() -> chat.create(s, "ops", null, null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.ROOM_EXISTS);
    assertThatThrownBy(() -> chat.join(s, "nowhere", null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.NOT_FOUND);
    assertThatThrownBy(() -> chat.join(s, "dm:a:b", null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.FORBIDDEN);
    chat.leave(s, "ops", null);
    assertThatThrownBy(() -> chat.leave(s, "ops", null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.NOT_MEMBER);
    assertThatThrownBy(() -> chat.send(s, Post.text("ops", "m1", "hi"), null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.NOT_MEMBER);
  }

  @Test
  void messagesAreValidatedBeforeAnythingIsStored() {
    Session s = chat.hello(new Recorder(), "erin", null, null, null);
    assertThatThrownBy(() -> chat.send(s, Post.text("general", "m1", "   "), null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.BAD_REQUEST);
    assertThatThrownBy(() -> chat.send(s, Post.text("general", null, "hi"), null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.BAD_REQUEST);
    assertThatThrownBy(() -> chat.send(s, Post.text("general", "m2", "x".repeat(101)), null))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ChatException.Code.TOO_LONG);
    // 100 emoji are 100 characters, though 200 UTF-16 units.
    chat.send(s, Post.text("general", "m3", "😀".repeat(100)), null);
    await().until(() -> liveEvents("general").stream().anyMatch(e -> e instanceof Message));
  }

  @Test
  void aResentIdCreatesNothingAndAnswersTheOriginalToTheSenderOnly() {
    Recorder c = new Recorder();
    Session s = chat.hello(c, "frank", null, null, null);
    chat.send(s, Post.text("general", "same", "first"), null);
    await().until(() -> liveEvents("general").stream().anyMatch(e -> e instanceof Message));
    chat.send(s, Post.text("general", "same", "second"), null);
    await().until(() -> c.frames.stream().anyMatch(f -> f instanceof Out.Live));
    Message original = (Message) c.last(Out.Live.class).event();
    assertThat(original.text()).isEqualTo("first");
    assertThat(liveEvents("general").stream().filter(e -> e instanceof Message)).hasSize(1);
  }

  @Test
  void readMarkersOnlyMoveForward() {
    Recorder c = new Recorder();
    Session s = chat.hello(c, "gina", null, null, null);
    chat.send(s, Post.text("general", "a", "one"), null);
    chat.send(s, Post.text("general", "b", "two"), null);
    await().until(() -> liveEvents("general").size() == 3);
    chat.read(s, "general", 3);
    chat.read(s, "general", 1);
    assertThat(c.last(Out.Read.class).seq()).isEqualTo(3);
    chat.read(s, "general", 99);
    assertThat(c.last(Out.Read.class).seq()).isEqualTo(3);
  }

  @Test
  void quietUsersGoAwayAndComeBackOnActivity() {
    Session s = chat.hello(new Recorder(), "hank", null, null, null);
    now.addAndGet(1500);
    chat.tick();
    chat.flushGathered(); // presence goes out at the next gathering, from the store's writer thread
    await()
        .until(
            () ->
                published.stream()
                    .anyMatch(p -> p[1] instanceof Out.Presence pr && pr.status() == Status.AWAY));
    assertThat(
            published.stream()
                .filter(p -> p[1] instanceof Out.Presence pr && pr.status() == Status.AWAY))
        .hasSize(1);
    chat.activity(s);
    chat.flushGathered();
    await()
        .until(
            () ->
                ((Out.Presence) published.get(published.size() - 1)[1]).status() == Status.ONLINE);
  }

  @Test
  void memberCountChangesAreAnnouncedOncePerTick() {
    Session a = chat.hello(new Recorder(), "ivan", null, null, null);
    Session b = chat.hello(new Recorder(), "judy", null, null, null);
    chat.create(a, "book-club", null, null);
    chat.tick();
    published.clear();
    chat.join(b, "book-club", null);
    chat.leave(a, "book-club", null);
    chat.join(a, "book-club", null);
    chat.tick();
    List<Out.RoomChanged> counts =
        published.stream()
            .filter(p -> p[1] instanceof Out.RoomChanged r && r.name().equals("book-club"))
            .map(p -> (Out.RoomChanged) p[1])
            .toList();
    assertThat(counts).hasSize(1);
    assertThat(counts.get(0).members()).isEqualTo(2);
    chat.tick();
    assertThat(published.stream().filter(p -> p[1] instanceof Out.RoomChanged)).hasSize(1);
  }
}
