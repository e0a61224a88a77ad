package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.ChatTest.Recorder;
import dev.parley.json.WireJson;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history} from the room tail and from the store, on a real embedded store: every answer is
 * the store's own (same events, order and {@code more}), pages are capped by size, and the
 * questions the tail can answer do not reach the store.
 */
class HistoryTailTest {

  @TempDir Path dir;
  private SqlStore sql;
  private CountingStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<Event> published = new CopyOnWriteArrayList<>();
  private final AtomicLong refs = new AtomicLong();

  /**
   * The real store, counting the history reads that reach it; can be told to refuse them. Every
   * other method goes to the real store, the ordering barrier ({@code afterQueued}) too.
   */
  static final class CountingStore implements Store {
    final Store delegate;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicReference<Throwable> refuse = new AtomicReference<>();

    CountingStore(Store delegate) {
      this.delegate = delegate;
    }

    @Override
    public Snapshot load() {
      return delegate.load();
    }

    @Override
    public void append(Event draft, Appended callback) {
      delegate.append(draft, callback);
    }

    @Override
    public void write(Change change) {
      delegate.write(change);
    }

    @Override
    public void amend(Amendment amendment, Amended callback) {
      delegate.amend(amendment, callback);
    }

    @Override
    public void afterQueued(Runnable then) {
      delegate.afterQueued(then);
    }

    @Override
    public CompletableFuture<Page> changes(String room, long sinceRev, int limit) {
      return delegate.changes(room, sinceRev, limit);
    }

    @Override
    public CompletableFuture<Page> thread(String room, long root, Long after, int limit) {
      return delegate.thread(room, root, after, limit);
    }

    @Override
    public CompletableFuture<Search.Page> search(
        Search.Query query, Collection<String> rooms, int limit, SearchBudget budget) {
      return delegate.search(query, rooms, limit, budget);
    }

    @Override
    public void purge(Purge purge, Purged callback) {
      delegate.purge(purge, callback);
    }

    @Override
    public CompletableFuture<Set<String>> roomsShowing(String url) {
      return delegate.roomsShowing(url);
    }

    @Override
    public CompletableFuture<List<Message>> clientIdsInUse(List<Message> messages) {
      return delegate.clientIdsInUse(messages);
    }

    @Override
    public CompletableFuture<RoomClaim> claimRoom(Change.RoomSaved room, int quota, long since) {
      return delegate.claimRoom(room, quota, since);
    }

    @Override
    public CompletableFuture<Map<String, Long>> lastSeqs() {
      return delegate.lastSeqs();
    }

    @Override
    public CompletableFuture<Map<String, Long>> lastRevs() {
      return delegate.lastRevs();
    }

    @Override
    public CompletableFuture<List<String>> idleUsers(long seenBefore, int max) {
      return delegate.idleUsers(seenBefore, max);
    }

    @Override
    public CompletableFuture<Page> history(String room, Long before, Long after, int limit) {
      reads.incrementAndGet();
      Throwable t = refuse.get();
      return t != null
          ? CompletableFuture.failedFuture(t)
          : delegate.history(room, before, after, limit);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @BeforeEach
  void start() {
    open();
  }

  @AfterEach
  void stop() {
    sql.close();
  }

  private void open() {
    sql = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    store = new CountingStore(sql);
    chat =
        TestChats.chat(
            store,
            8000,
            now::get,
            (to, frame) -> {
              if (frame instanceof Out.Live l) published.add(l.event());
            });
  }

  private void restart() {
    sql.close();
    published.clear();
    open();
  }

  private long liveCount(String room) {
    return published.stream().filter(e -> e.room().equals(room)).count();
  }

  /**
   * Sends {@code n} messages (each {@code text} plus its number) and waits until all are stored.
   */
  private void fill(Session s, String room, int n, String text) {
    long before = liveCount(room);
    for (int i = 0; i < n; i++)
      chat.send(s, Post.text(room, room + "-" + before + "-" + i, text + i), null);
    await().pollInterval(Duration.ofMillis(5)).until(() -> liveCount(room) == before + n);
  }

  /**
   * A new user who created {@code room} (its create notice is seq 1) and the session's recorder.
   */
  private Session owner(Recorder c, String room) {
    Session s = chat.hello(c, "owner", null, null, null);
    chat.create(s, room, null, null);
    await().pollInterval(Duration.ofMillis(5)).until(() -> liveCount(room) == 1);
    return s;
  }

  /** Asks through Chat and waits for the reply. */
  private Out.History ask(
      Session s, Recorder c, String room, Long before, Long after, Integer limit) {
    String ref = "h" + refs.incrementAndGet();
    chat.history(s, room, before, after, limit, ref);
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .until(
            () ->
                c.frames.stream().anyMatch(f -> f instanceof Out.History h && ref.equals(h.ref())));
    return c.frames.stream()
        .filter(f -> f instanceof Out.History h && ref.equals(h.ref()))
        .map(f -> (Out.History) f)
        .findFirst()
        .orElseThrow();
  }

  /** What the store itself answers, read directly (not through the tail). */
  private Store.Page truth(String room, Long before, Long after, int limit) {
    return sql.history(room, before, after, limit).join();
  }

  private static List<Long> seqs(List<Event> events) {
    return events.stream().map(Event::seq).toList();
  }

  /**
   * Asks through Chat, checks the answer is the store's, and says whether it came from the tail.
   */
  private boolean assertSameAsStore(
      Session s, Recorder c, String room, Long before, Long after, int limit) {
    int readsBefore = store.reads.get();
    Out.History h = ask(s, c, room, before, after, limit);
    Store.Page t = truth(room, before, after, limit);
    String what = "before=" + before + " after=" + after + " limit=" + limit;
    assertThat(seqs(h.events())).as(what).isEqualTo(seqs(t.events()));
    assertThat(h.events()).as(what).isEqualTo(t.events());
    assertThat(h.more()).as(what + " more").isEqualTo(t.more());
    return store.reads.get() == readsBefore;
  }

  @Test
  void tailAnswersAreTheStoresAnswersAcrossEveryBoundary() {
    Recorder c = new Recorder();
    Session s = owner(c, "big");
    fill(s, "big", 299, "m"); // seqs 1..300; the tail holds 173..300
    assertThat(chat.tail("big").range()).containsExactly(173, 300);

    Integer[] limits = {1, 10, 50, 127, 128, 129, 200};
    long[] afters = {-5, 0, 1, 100, 171, 172, 173, 174, 250, 290, 299, 300, 301, 5000};
    long[] befores = {-1, 0, 1, 2, 3, 50, 172, 173, 174, 175, 250, 300, 301, 302, 5000};
    int fromTail = 0;
    int asked = 0;
    for (int limit : limits) {
      for (long a : afters) {
        boolean tail = assertSameAsStore(s, c, "big", null, a, limit);
        asked++;
        if (tail) fromTail++;
        // the tail answers exactly when the page starts inside it (or is past the end)
        assertThat(tail)
            .as("after=" + a + " limit=" + limit + " from the tail")
            .isEqualTo(a >= 172);
      }
      for (long b : befores) {
        boolean tail = assertSameAsStore(s, c, "big", b, null, limit);
        asked++;
        if (tail) fromTail++;
        long hi = Math.min(b - 1, 300);
        boolean expected = hi < 1 || Math.max(1, hi - limit + 1) >= 173;
        assertThat(tail)
            .as("before=" + b + " limit=" + limit + " from the tail")
            .isEqualTo(expected);
      }
      boolean tail = assertSameAsStore(s, c, "big", null, null, limit);
      asked++;
      if (tail) fromTail++;
      assertThat(tail).as("latest limit=" + limit + " from the tail").isEqualTo(limit <= 128);
    }
    assertThat(fromTail).isGreaterThan(asked / 3);
  }

  @Test
  void theDefaultAndTheClampedLimitAreTheStores() {
    Recorder c = new Recorder();
    Session s = owner(c, "clamp");
    fill(s, "clamp", 99, "m");
    int reads = store.reads.get();
    Out.History latest = ask(s, c, "clamp", null, null, null);
    assertThat(seqs(latest.events())).isEqualTo(seqs(truth("clamp", null, null, 50).events()));
    assertThat(latest.more()).isTrue();
    Out.History all = ask(s, c, "clamp", null, 0L, 1000);
    assertThat(all.events()).isEqualTo(truth("clamp", null, 0L, 200).events());
    assertThat(all.more()).isFalse();
    assertThat(store.reads.get())
        .as("a room younger than the tail is answered from memory")
        .isEqualTo(reads);
  }

  @Test
  void aReconnectingCrowdIsAnsweredFromMemory() {
    Recorder c = new Recorder();
    Session s = owner(c, "crowd");
    fill(s, "crowd", 400, "m");
    int reads = store.reads.get();
    for (long lastSeen = 300; lastSeen <= 401; lastSeen++) {
      Out.History h = ask(s, c, "crowd", null, lastSeen, null);
      assertThat(h.events()).isEqualTo(truth("crowd", null, lastSeen, 50).events());
    }
    assertThat(store.reads.get()).isEqualTo(reads);
  }

  @Test
  void afterARestartTheTailStartsEmptyAtTheLastSeqAndFillsFromStoreReads() {
    Recorder c = new Recorder();
    Session s = owner(c, "again");
    fill(s, "again", 199, "m"); // seqs 1..200
    String token = c.last(Out.Welcome.class).token();
    restart();
    assertThat(chat.tail("again").range()).containsExactly(201, 200);
    Recorder c2 = new Recorder();
    Session s2 = chat.hello(c2, null, null, token, null);

    // caught up already: nothing to read
    assertThat(assertSameAsStore(s2, c2, "again", null, 200L, 50)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, 250L, 50)).isTrue();
    // anything older than the restart goes to the store; a page that reaches the tail fills it
    assertThat(assertSameAsStore(s2, c2, "again", null, 199L, 50)).isFalse();
    assertThat(chat.tail("again").range()).containsExactly(200, 200);

    fill(s2, "again", 10, "n"); // seqs 201..210
    assertThat(chat.tail("again").range()).containsExactly(200, 210);
    assertThat(assertSameAsStore(s2, c2, "again", null, 200L, 50)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, 205L, 3)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, null, 5)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", 203L, null, 3)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", 203L, null, 4)).isFalse();
    assertThat(chat.tail("again").range()).containsExactly(199, 210);

    // a latest page from the store: the tail takes the older events in front of it
    assertThat(assertSameAsStore(s2, c2, "again", null, null, 50)).isFalse();
    assertThat(chat.tail("again").range()).containsExactly(161, 210);
    assertThat(assertSameAsStore(s2, c2, "again", null, null, 50)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", 170L, null, 9)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, 160L, 10)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, 159L, 10)).isFalse();
    assertThat(chat.tail("again").range()).containsExactly(160, 210);
    // a page that does not reach the tail leaves it as it is
    assertThat(assertSameAsStore(s2, c2, "again", null, 10L, 10)).isFalse();
    assertThat(chat.tail("again").range()).containsExactly(160, 210);
    // filling stops at the tail's size
    assertThat(assertSameAsStore(s2, c2, "again", null, null, 200)).isFalse();
    assertThat(chat.tail("again").range()).containsExactly(83, 210);
    assertThat(assertSameAsStore(s2, c2, "again", null, 82L, 128)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, 82L, 129)).isTrue();
    assertThat(assertSameAsStore(s2, c2, "again", null, 81L, 128)).isFalse();
  }

  @Test
  void anAfterPageOfBigMessagesStopsNearTheSizeCapKeepingTheEarliest() {
    Recorder c = new Recorder();
    Session s = owner(c, "walls");
    String wall = "x".repeat(7990);
    fill(s, "walls", 80, wall); // 80 messages of 8000 characters: ~640 KB
    Out.History first = ask(s, c, "walls", null, 0L, 200);
    assertThat(first.more()).isTrue();
    assertThat(first.events()).hasSizeBetween(2, 79);
    assertThat(seqs(first.events()))
        .isEqualTo(seqs(truth("walls", null, 0L, first.events().size()).events()));
    assertThat(WireJson.encode(first).length).isBetween(200 * 1024, 256 * 1024);

    // paging on with after = the last seq gets everything, in order, in a few pages
    List<Long> all = new ArrayList<>(seqs(first.events()));
    Out.History page = first;
    int pages = 1;
    while (page.more()) {
      page = ask(s, c, "walls", null, all.get(all.size() - 1), 200);
      all.addAll(seqs(page.events()));
      assertThat(WireJson.encode(page).length).isLessThanOrEqualTo(256 * 1024);
      pages++;
    }
    assertThat(all).isEqualTo(seqs(truth("walls", null, 0L, 200).events()));
    assertThat(pages).isBetween(3, 4);
  }

  @Test
  void aLatestOrBeforePageOfBigMessagesKeepsTheNewest() {
    Recorder c = new Recorder();
    Session s = owner(c, "murals");
    // three bytes per character in UTF-8: a third as many fit
    fill(s, "murals", 60, "字".repeat(7990));
    Out.History latest = ask(s, c, "murals", null, null, 200);
    assertThat(latest.more()).isTrue();
    int n = latest.events().size();
    assertThat(n).isBetween(2, 12);
    assertThat(latest.events()).isEqualTo(truth("murals", null, null, n).events());
    assertThat(WireJson.encode(latest).length).isLessThanOrEqualTo(256 * 1024);

    long oldest = latest.events().get(0).seq();
    Out.History before = ask(s, c, "murals", oldest, null, 200);
    assertThat(before.more()).isTrue();
    assertThat(before.events())
        .isEqualTo(truth("murals", oldest, null, before.events().size()).events());
    assertThat(before.events().get(before.events().size() - 1).seq()).isEqualTo(oldest - 1);
    assertThat(WireJson.encode(before).length).isLessThanOrEqualTo(256 * 1024);

    // a page that is small enough is not cut: the create notice and two messages
    Out.History start = ask(s, c, "murals", 4L, null, 200);
    assertThat(seqs(start.events())).containsExactly(1L, 2L, 3L);
    assertThat(start.more()).isFalse();
  }

  @Test
  void onePageAlwaysHoldsAtLeastOneEvent() {
    Profile p = new Profile("u1", "n", null);
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= 3; i++)
      events.add(
          new Message(
              "r", i, "c" + i, p, 0, "y".repeat(5000), null, null, false, null, 0, List.of()));
    Store.Page page = new Store.Page(events, false);
    assertThat(seqs(PageSize.cap(page, true, 100).events())).containsExactly(1L);
    assertThat(PageSize.cap(page, true, 100).more()).isTrue();
    assertThat(seqs(PageSize.cap(page, false, 100).events())).containsExactly(3L);
    assertThat(PageSize.cap(page, false, 100).more()).isTrue();
    assertThat(PageSize.cap(page, true, 1_000_000)).isSameAs(page);
    assertThat(PageSize.cap(new Store.Page(events.subList(0, 1), false), true, 1).more()).isFalse();
  }

  @Test
  void theSizeEstimateIsNeverBelowTheEncodedSize() {
    Profile p = new Profile("u1", "nick \"quoted\"", "🦊");
    String[] texts = {
      "plain", "é".repeat(3000), "字".repeat(3000), "😀".repeat(2000), "\u0001\n\t\"\\".repeat(1000),
    };
    for (String text : texts) {
      Message m =
          new Message(
              "room",
              7,
              "id",
              p,
              1,
              text,
              new Image("/uploads/a.png", "a", 1, 2),
              3L,
              false,
              null,
              0,
              List.of());
      int encoded = WireJson.encode(new Out.Live(m)).length;
      assertThat((long) PageSize.estimate(m))
          .as(text.substring(0, 5))
          .isGreaterThanOrEqualTo(encoded);
    }
  }

  @Test
  void aRefusedReadSaysToTryAgain() {
    Recorder c = new Recorder();
    Session s = owner(c, "busy");
    fill(s, "busy", 200, "m");
    store.refuse.set(new RejectedExecutionException("the store's read queue is full"));
    chat.history(s, "busy", 10L, null, 5, "r1");
    await()
        .until(
            () ->
                c.frames.stream().anyMatch(f -> f instanceof Out.Error e && "r1".equals(e.ref())));
    Out.Error e = c.last(Out.Error.class);
    assertThat(e.code()).isEqualTo("internal");
    assertThat(e.message()).contains("try again");
    // what the tail holds is still answered
    assertThat(ask(s, c, "busy", null, 190L, 5).events()).hasSize(5);
  }

  @Test
  void concurrentReadersAlwaysSeeAContiguousRunEndingAtAPublishedSeq() throws Exception {
    RoomTail tail = new RoomTail(0);
    Profile p = new Profile("u", "n", null);
    AtomicLong published = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] readers = new Thread[3];
    for (int r = 0; r < readers.length; r++) {
      readers[r] =
          new Thread(
              () -> {
                try {
                  while (published.get() < 20_000) {
                    long seen = published.get();
                    long after = Math.max(0, seen - 100);
                    Store.Page page = tail.page(null, after, 200);
                    if (page == null) continue; // the writer ran more than 28 ahead

                    long expect = after + 1;
                    for (Event e : page.events()) assertThat(e.seq()).isEqualTo(expect++);
                    assertThat(expect - 1).isGreaterThanOrEqualTo(seen);
                    assertThat(page.more()).isFalse();
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              });
      readers[r].start();
    }
    for (long seq = 1; seq <= 20_000; seq++) {
      tail.append(
          new Message("r", seq, "c" + seq, p, 0, "t", null, null, false, null, 0, List.of()));
      published.set(seq);
    }
    for (Thread t : readers) t.join(10_000);
    assertThat(failure.get()).isNull();
    assertThat(tail.range()).containsExactly(20_000 - RoomTail.MAX_EVENTS + 1, 20_000);
    assertThat(Arrays.stream(readers).noneMatch(Thread::isAlive)).isTrue();
  }
}
