package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention sweep on a real embedded store, with an injected clock: which policy applies to a
 * room, what the room's tail and {@code firstSeq} say afterwards, what members are told, and that
 * sends keep flowing while a large purge runs.
 */
class RetentionSweepTest {
  static final long DAY = 86_400_000L;

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000 * DAY);
  private final List<Object[]> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger afterPurge = new AtomicInteger();

  private void open(Retention server) {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat =
        TestChats.chat(
            store, 100, server, now::get, (to, frame) -> published.add(new Object[] {to, frame}));
    chat.afterPurge(afterPurge::incrementAndGet);
  }

  @AfterEach
  void stop() {
    if (store != null) store.close();
  }

  private Session user(String nick) {
    return chat.hello(new ChatTest.Recorder(), nick, null, null, null);
  }

  /** Sends n messages to the room and waits until they are stored. */
  private void say(Session s, String room, int n) {
    long before = chat.tail(room).range()[1];
    for (int i = 0; i < n; i++)
      chat.send(s, new Post(room, null, "m" + System.nanoTime(), "hi " + i, null), null);
    await().until(() -> chat.tail(room).range()[1] >= before + n);
  }

  private void sweep() {
    chat.sweepRetention();
    await().atMost(Duration.ofSeconds(60)).until(() -> !chat.sweeping());
  }

  private long firstSeq(String room) {
    return store.load().rooms().stream()
        .filter(r -> r.name().equals(room))
        .findFirst()
        .orElseThrow()
        .firstSeq();
  }

  private Out.History history(Session s, String room, Long before, Long after, int limit) {
    ChatTest.Recorder c = (ChatTest.Recorder) s.client;
    int n = c.frames.size();
    chat.history(s, room, before, after, limit, "h");
    await()
        .until(
            () -> c.frames.size() > n && c.frames.get(c.frames.size() - 1) instanceof Out.History);
    return c.last(Out.History.class);
  }

  @Test
  void byAgeWithTheClockOnlyWhatIsOlderGoesAndTheTailAndHistoryStartThere() {
    open(new Retention(2, null));
    Session ann = user("ann");
    chat.create(ann, "old", "", null);
    say(ann, "old", 9); // seq 1 the create notice, 2..10 messages, all at day 1000
    now.addAndGet(DAY);
    say(ann, "old", 5); // 11..15 at day 1001
    chat.create(ann, "fresh", "", null);
    say(ann, "fresh", 3); // all at day 1001
    now.addAndGet(DAY + 1); // day 1002: the first ten are older than two days

    sweep();

    assertThat(firstSeq("old")).isEqualTo(11);
    assertThat(chat.tail("old").range()).containsExactly(11, 15);
    Out.History latest = history(ann, "old", null, null, 50);
    assertThat(latest.events()).extracting(Event::seq).containsExactly(11L, 12L, 13L, 14L, 15L);
    assertThat(latest.more()).isFalse();
    Out.History purged = history(ann, "old", 11L, null, 50);
    assertThat(purged.events()).isEmpty();
    assertThat(purged.more()).isFalse();
    Out.RoomChanged told = lastRoomFrame("old");
    assertThat(told.firstSeq()).isEqualTo(11);
    assertThat(afterPurge.get()).isEqualTo(1);
    // a room nobody wrote in since goes too (ann's join notice of day 1000); a young room stays
    // whole
    assertThat(firstSeq("general")).isEqualTo(2);
    assertThat(firstSeq("fresh")).isEqualTo(1);
    assertThat(history(ann, "fresh", null, null, 50).events()).hasSize(4);

    // Later sweeps: the rest goes once it is old, and so do events written after the log emptied.
    sweep();
    assertThat(firstSeq("old")).isEqualTo(11);
    now.addAndGet(2 * DAY);
    sweep();
    assertThat(firstSeq("old")).isEqualTo(16);
    assertThat(chat.tail("old").page(null, null, 50).events()).isEmpty();
    say(ann, "old", 2); // 16, 17
    now.addAndGet(2 * DAY + 1);
    sweep();
    assertThat(firstSeq("old")).isEqualTo(18);
    assertThat(lastRoomFrame("old").firstSeq()).isEqualTo(18);
  }

  @Test
  void aRoomsOwnPolicyBeatsTheServersAndARestartKeepsIt() {
    open(new Retention(null, 3));
    Session ann = user("ann");
    chat.create(ann, "own", "", null);
    chat.create(ann, "keep", "", null);
    chat.create(ann, "plain", "", null);
    chat.retention(ann, "own", new Retention(null, 6), false, "r1");
    chat.retention(ann, "keep", Retention.KEEP_ALL, false, "r2");
    for (String room : List.of("own", "keep", "plain")) say(ann, room, 9); // seqs 1..10

    sweep();

    assertThat(firstSeq("own")).isEqualTo(5);
    assertThat(firstSeq("keep")).isEqualTo(1);
    assertThat(firstSeq("plain")).isEqualTo(8);
    assertThat(chat.tail("plain").range()).containsExactly(8, 10);
    assertThat(lastRoomFrame("own").retention()).isEqualTo(new Retention(null, 6));

    store.close();
    open(new Retention(null, 3));
    Session again = chat.hello(new ChatTest.Recorder(), "ann2", null, null, null);
    chat.join(again, "keep", null);
    chat.join(again, "own", null);
    Out.Welcome w = ((ChatTest.Recorder) again.client).last(Out.Welcome.class);
    assertThat(w.retention()).isEqualTo(new Retention(null, 3));
    say(again, "own", 2); // join notice at 11, then 12, 13
    sweep();
    assertThat(firstSeq("own")).isEqualTo(8);
    assertThat(firstSeq("keep")).isEqualTo(1);
    Out.History own = history(again, "own", null, null, 50);
    assertThat(own.events()).extracting(Event::seq).containsExactly(8L, 9L, 10L, 11L, 12L, 13L);
    assertThat(own.more()).isFalse();
    assertThat(chat.tail("own").range()[0]).isGreaterThanOrEqualTo(8);
  }

  @Test
  void withDaysAndCountAnEventGoesWhenEitherSaysSo() {
    open(new Retention(1, 4));
    Session ann = user("ann");
    chat.create(ann, "both", "", null);
    say(ann, "both", 2); // 1..3 at day 1000
    now.addAndGet(2 * DAY);
    say(ann, "both", 2); // 4, 5 at day 1002: 1..3 are too old
    sweep();
    assertThat(firstSeq("both")).isEqualTo(4);
    say(ann, "both", 5); // 6..10, all young: 4..6 are too many
    sweep();
    assertThat(firstSeq("both")).isEqualTo(7);
  }

  @Test
  void onlyTheCreatorSetsARoomsPolicyAndNotForADirectConversation() {
    open(Retention.KEEP_ALL);
    Session ann = user("ann");
    Session bob = user("bob");
    chat.create(ann, "mine", "", null);
    chat.join(bob, "mine", null);

    assertThatThrownBy(() -> chat.retention(bob, "mine", new Retention(1, null), false, null))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ChatException.Code.FORBIDDEN));
    assertThatThrownBy(() -> chat.retention(ann, "general", new Retention(1, null), false, null))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ChatException.Code.FORBIDDEN));
    chat.send(ann, new Post(null, bob.user.id, "d1", "hello", null), null);
    String dm = Names.direct(ann.user.id, bob.user.id);
    await().until(() -> chat.tail(dm) != null && chat.tail(dm).range()[1] >= 1);
    assertThatThrownBy(() -> chat.retention(ann, dm, new Retention(1, null), false, null))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> assertThat(e.code()).isEqualTo(ChatException.Code.BAD_REQUEST));
    Session eve = user("eve");
    assertThatThrownBy(() -> chat.retention(eve, dm, new Retention(1, null), false, null))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ChatException.Code.NOT_FOUND));
    assertThat(
            store.load().rooms().stream()
                .filter(r -> r.name().equals("mine"))
                .findFirst()
                .orElseThrow()
                .retention())
        .isNull();
  }

  /**
   * 100,000 events to purge (400 steps) while a second room gets a send every few milliseconds:
   * sends take turns with the steps, because each step is small and queued behind what was queued
   * meanwhile. Counted, not timed: after each send is stored, the oldest event the store still
   * holds in the purged room says how far the purge had got. Sends stored at many points of an
   * unfinished purge show it went in steps between them; a purge in one piece (every send queued
   * behind one 100k-row delete) would show the first send stored after the last row went.
   */
  @Test
  void sendsKeepFlowingDuringALargePurge() throws Exception {
    open(new Retention(null, 1));
    Session ann = user("ann");
    chat.create(ann, "big", "", null);
    chat.create(ann, "live", "", null);
    chat.retention(ann, "live", Retention.KEEP_ALL, false, null);
    int fill = 100_000;
    for (int i = 0; i < fill; i += 1000) {
      List<CompletableFuture<Void>> batch = new ArrayList<>();
      for (int k = 0; k < 1000; k++) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        store.append(
            Message.draft(
                "big", "f" + (i + k), ann.user.profile(), now.get(), "filler " + (i + k), null),
            stored(done));
        batch.add(done);
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    store.close(); // reopen so the domain's lastSeq knows the filler
    open(new Retention(null, 1));
    long last = fill + 1; // the create notice is seq 1; the newest filler stays

    // the oldest seq left in "big" right after each send made during the purge was stored
    List<Long> oldestLeft = new ArrayList<>();
    chat.sweepRetention();
    for (int i = 0; i < 2000 && chat.sweeping(); i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      store.append(
          Message.draft("live", "l" + i, ann.user.profile(), now.get(), "live " + i, null),
          stored(done));
      done.get(30, TimeUnit.SECONDS);
      oldestLeft.add(oldestStored("big"));
      Thread.sleep(2);
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> !chat.sweeping());

    assertThat(firstSeq("big"))
        .isEqualTo(last); // the create notice and all filler but the newest went
    assertThat(oldestLeft)
        .as("oldest seq left in the purged room after each send, in order")
        .isSorted();
    // Each value is read after the send was stored, so a value below the last seq means the send
    // was stored while that much filler was still to go.
    List<Long> midway = oldestLeft.stream().filter(seq -> seq < last).distinct().toList();
    System.out.printf(
        "sends during the purge: %d, stored at %d different points of it%n",
        oldestLeft.size(), midway.size());
    assertThat(midway)
        .as("points of the unfinished purge at which a send had been stored")
        .hasSizeGreaterThan(5);
  }

  /** The seq of the oldest event the store holds in {@code room}. */
  private long oldestStored(String room) throws Exception {
    List<Event> first = store.history(room, null, 0L, 1).get(30, TimeUnit.SECONDS).events();
    assertThat(first).as("events left in %s", room).isNotEmpty();
    return first.get(0).seq();
  }

  private static Store.Appended stored(CompletableFuture<Void> done) {
    return new Store.Appended() {
      @Override
      public void stored(Event event, boolean duplicate) {
        done.complete(null);
      }

      @Override
      public void failed(Throwable cause) {
        done.completeExceptionally(cause);
      }
    };
  }

  private Out.RoomChanged lastRoomFrame(String room) {
    for (int i = published.size() - 1; i >= 0; i--) {
      if (published.get(i)[1] instanceof Out.RoomChanged r && r.name().equals(room)) return r;
    }
    throw new AssertionError("no room frame for " + room);
  }
}
