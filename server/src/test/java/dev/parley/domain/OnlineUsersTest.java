package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.ChatTest.Recorder;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code welcome.users} and the away scan look at the users online now, not at everyone ever seen.
 */
class OnlineUsersTest {

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<Out> published = new ArrayList<>();

  private Chat chat(Store store) {
    return TestChats.chat(store, 100, now::get, (to, frame) -> published.add(frame));
  }

  private static Map<String, String> users(Recorder c) {
    Map<String, String> out = new HashMap<>();
    for (Out.UserView u : c.last(Out.Welcome.class).users()) out.put(u.nick(), u.status().wire());
    return out;
  }

  @Test
  void welcomeListsTheUsersOnlineNowWithTheirStatus() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Chat chat = chat(store);
      Recorder annC = new Recorder();
      Session ann = chat.hello(annC, "ann", null, null, null);
      Session bob = chat.hello(new Recorder(), "bob", null, null, null);
      Session cat = chat.hello(new Recorder(), "cat", null, null, null);
      Session annTab =
          chat.hello(new Recorder(), null, null, annC.last(Out.Welcome.class).token(), null);
      assertThat(chat.onlineCount()).isEqualTo(3);

      chat.disconnect(bob);
      chat.disconnect(ann); // ann keeps her second tab
      now.addAndGet(1500);
      chat.activity(annTab);
      chat.tick(); // cat has been quiet: away

      Recorder dee = new Recorder();
      chat.hello(dee, "dee", null, null, null);
      assertThat(users(dee)).isEqualTo(Map.of("ann", "online", "cat", "away", "dee", "online"));
      assertThat(chat.onlineCount()).isEqualTo(3);

      chat.disconnect(annTab);
      chat.disconnect(cat);
      Recorder eve = new Recorder();
      chat.hello(eve, "eve", null, null, null); // a new user: bob, ann and cat are offline
      assertThat(users(eve)).isEqualTo(Map.of("dee", "online", "eve", "online"));
      assertThat(chat.onlineCount()).isEqualTo(2);
    }
  }

  /**
   * With a hundred thousand users registered and none online, a thousand hellos (and a tick per
   * hello) see the thousand online and none of the others: welcome lists and the away scan go over
   * the users online (they used to scan every user). Counted here; what it costs with and without
   * the hundred thousand is measured by the bench's {@code PresenceBench}.
   */
  @Test
  void welcomeAndTheAwayScanSeeOnlyTheUsersOnlineAmongAHundredThousand() {
    Chat chat = chat(new MemoryStore(100_000));
    Recorder last = null;
    for (int i = 0; i < 1000; i++) {
      last = new Recorder();
      chat.hello(last, "user" + i, null, null, null);
      chat.tick();
    }
    assertThat(chat.onlineCount()).isEqualTo(1000);
    Map<String, String> listed = users(last);
    assertThat(listed).as("users in the last welcome").hasSize(1000);
    assertThat(listed.keySet()).allMatch(nick -> nick.startsWith("user"));
    chat.flushGathered(); // the hellos' presence frames
    published.clear();
    now.addAndGet(1500); // everyone has been quiet: away
    chat.tick();
    chat.flushGathered();
    long away = published.stream().filter(f -> f instanceof Out.Presence).count();
    assertThat(away).as("users the away scan marked away").isEqualTo(1000);
  }

  /**
   * A store in memory whose snapshot holds {@code registered} offline users and the general room.
   */
  static final class MemoryStore implements Store {
    private final int registered;
    private long seq;

    MemoryStore(int registered) {
      this.registered = registered;
    }

    @Override
    public Snapshot load() {
      List<Snapshot.UserRow> users = new ArrayList<>(registered);
      for (int i = 0; i < registered; i++)
        users.add(new Snapshot.UserRow("x" + i, "old" + i, null, "h" + i, 0));
      return new Snapshot(
          List.of(new Snapshot.RoomRow(Chat.GENERAL, "", null, 0, 0, 0)), users, List.of());
    }

    @Override
    public synchronized void append(Event draft, Appended callback) {
      callback.stored(draft.withSeq(++seq), false);
    }

    @Override
    public void write(Change change) {}

    @Override
    public void amend(Amendment amendment, Amended callback) {
      callback.failed(notHere());
    }

    @Override
    public CompletableFuture<Page> changes(String room, long sinceRev, int limit) {
      return CompletableFuture.completedFuture(new Page(List.of(), false));
    }

    @Override
    public CompletableFuture<Page> thread(String room, long root, Long after, int limit) {
      return CompletableFuture.completedFuture(new Page(List.of(), false));
    }

    @Override
    public CompletableFuture<Page> history(String room, Long before, Long after, int limit) {
      return CompletableFuture.completedFuture(new Page(List.of(), false));
    }

    /** Nothing is ever queued: {@link #append} answers at once. */
    @Override
    public void afterQueued(Runnable then) {
      then.run();
    }

    /** One node: the domain's own map and count have decided. */
    @Override
    public CompletableFuture<RoomClaim> claimRoom(Change.RoomSaved room, int quota, long since) {
      return CompletableFuture.completedFuture(RoomClaim.CLAIMED);
    }

    @Override
    public CompletableFuture<Search.Page> search(
        Search.Query query, Collection<String> rooms, int limit, SearchBudget budget) {
      return CompletableFuture.failedFuture(notHere());
    }

    @Override
    public void purge(Purge purge, Purged callback) {
      callback.failed(notHere());
    }

    @Override
    public CompletableFuture<Set<String>> roomsShowing(String url) {
      return CompletableFuture.failedFuture(notHere());
    }

    @Override
    public CompletableFuture<List<Message>> clientIdsInUse(List<Message> messages) {
      return CompletableFuture.failedFuture(notHere());
    }

    @Override
    public CompletableFuture<Map<String, Long>> lastSeqs() {
      return CompletableFuture.failedFuture(notHere());
    }

    @Override
    public CompletableFuture<Map<String, Long>> lastRevs() {
      return CompletableFuture.failedFuture(notHere());
    }

    @Override
    public CompletableFuture<List<String>> idleUsers(long seenBefore, int max) {
      return CompletableFuture.failedFuture(notHere());
    }

    private static UnsupportedOperationException notHere() {
      return new UnsupportedOperationException("not in this test");
    }

    @Override
    public void close() {}
  }
}
