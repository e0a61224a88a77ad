package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Image;
import dev.parley.domain.Mention;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SqlStore} must do, whatever the database. Each subclass names a database; each
 * test gets a fresh, empty one.
 */
abstract class SqlStoreContract extends FreshStores {

  static final Profile ANN = new Profile("u-ann", "Ann", "🦊");
  static final Profile BOB = new Profile("u-bob", "Bob", null);

  static Message msg(String room, Profile from, String id, String text) {
    return Message.draft(room, id, from, 1_700_000_000_000L, text, null);
  }

  static Recorder append(Store store, Event draft) {
    Recorder r = new Recorder();
    store.append(draft, r);
    return r;
  }

  static void room(Store store, String name) {
    store.write(new Change.RoomSaved(name, "topic of " + name, ANN.id(), 1L));
  }

  /**
   * Holds the writer inside a callback (callbacks run on the writer thread), so that whatever is
   * queued meanwhile is taken as one batch once {@link #release} is called.
   */
  static final class Blocker {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Blocker(Store store) {
      store.append(
          Notice.draft("general", Notice.Kind.JOIN, ANN, 1L),
          new Store.Appended() {
            @Override
            public void stored(Event event, boolean duplicate) {
              entered.countDown();
              try {
                release.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }

            @Override
            public void failed(Throwable cause) {
              entered.countDown();
            }
          });
      try {
        assertThat(entered.await(20, TimeUnit.SECONDS)).as("writer reached the blocker").isTrue();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    void release() {
      release.countDown();
    }
  }

  static List<Long> seqs(List<Event> events) {
    return events.stream().map(Event::seq).collect(Collectors.toList());
  }

  static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
  }

  Store.Page page(Store store, String room, Long before, Long after, int limit) {
    return store.history(room, before, after, limit).orTimeout(20, TimeUnit.SECONDS).join();
  }

  // ---------------------------------------------------------------------------------------

  @Test
  void migrationCreatesTheGeneralRoom() {
    Snapshot s = open().load();
    assertThat(s.rooms())
        .containsExactly(new Snapshot.RoomRow("general", "General chat", null, 0, 0, 0));
    assertThat(s.users()).isEmpty();
    assertThat(s.members()).isEmpty();
  }

  @Test
  void seqIsGaplessAndInOrderUnderManyConcurrentAppenders() throws Exception {
    SqlStore store = open();
    List<String> rooms = List.of("general", "r1", "r2", "r3");
    rooms.stream().skip(1).forEach(r -> room(store, r));
    int threads = 8;
    int perThread = 400;
    ConcurrentLinkedQueue<Event> inCallbackOrder = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> callbackThreads = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(threads * perThread);
    // per producer thread and room: the seqs in the order that thread appended
    Map<String, List<Long>>[] perProducer = new Map[threads];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int me = t;
      perProducer[t] = new java.util.concurrent.ConcurrentHashMap<>();
      pool.submit(
          () -> {
            go.await();
            for (int i = 0; i < perThread; i++) {
              String room = rooms.get((i + me) % rooms.size());
              List<Long> mine = perProducer[me].computeIfAbsent(room, k -> new ArrayList<>());
              Profile who = new Profile("u-" + me, "user" + me, null);
              store.append(
                  msg(room, who, "t" + me + "-" + i, "hello " + i),
                  new Store.Appended() {
                    @Override
                    public void stored(Event event, boolean duplicate) {
                      inCallbackOrder.add(event);
                      callbackThreads.add(Thread.currentThread().getName());
                      synchronized (mine) {
                        mine.add(event.seq());
                      }
                      all.countDown();
                    }

                    @Override
                    public void failed(Throwable cause) {
                      failures.incrementAndGet();
                      all.countDown();
                    }
                  });
            }
            return null;
          });
    }
    go.countDown();
    assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(failures).hasValue(0);
    assertThat(callbackThreads).containsOnly("parley-store-writer");

    Map<String, List<Long>> byRoom =
        inCallbackOrder.stream()
            .collect(
                Collectors.groupingBy(
                    Event::room, Collectors.mapping(Event::seq, Collectors.toList())));
    int total = 0;
    for (String room : rooms) {
      List<Long> got = byRoom.get(room);
      assertThat(got).as("callback order of %s", room).isEqualTo(range(1, got.size()));
      total += got.size();
      Store.Page all2 = page(store, room, null, 0L, 5000);
      assertThat(seqs(all2.events())).as("stored seqs of %s", room).isEqualTo(range(1, got.size()));
      assertThat(all2.more()).isFalse();
    }
    assertThat(total).isEqualTo(threads * perThread);
    for (Map<String, List<Long>> producer : perProducer) {
      producer.values().forEach(l -> assertThat(l).isSorted());
    }
    assertThat(store.load().rooms())
        .filteredOn(r -> rooms.contains(r.name()))
        .allSatisfy(r -> assertThat(r.lastSeq()).isEqualTo(byRoom.get(r.name()).size()));
  }

  @Test
  void callbacksComeInQueueOrderOnTheWriterThread() {
    SqlStore store = open();
    room(store, "r1");
    List<Integer> order = new ArrayList<>(); // only the writer thread touches it
    List<String> threadNames = new ArrayList<>();
    List<Recorder> last = new ArrayList<>();
    Blocker blocker = new Blocker(store); // the first 200 go in one batch, the rest in others
    for (int i = 0; i < 400; i++) {
      if (i == 200) blocker.release();
      int index = i;
      String room = i % 3 == 0 ? "r1" : "general";
      if (i % 7 == 0) store.write(new Change.MemberAdded(room, "u" + i, 0));
      Event draft =
          i % 5 == 0
              ? Notice.draft(room, Notice.Kind.JOIN, BOB, 2L)
              : msg(room, ANN, "c" + i, "text " + i);
      Recorder r = new Recorder();
      store.append(
          draft,
          new Store.Appended() {
            @Override
            public void stored(Event event, boolean duplicate) {
              order.add(index);
              threadNames.add(Thread.currentThread().getName());
              r.stored(event, duplicate);
            }

            @Override
            public void failed(Throwable cause) {
              r.failed(cause);
            }
          });
      last.add(r);
    }
    last.forEach(Recorder::event);
    assertThat(order).isEqualTo(java.util.stream.IntStream.range(0, 400).boxed().toList());
    assertThat(threadNames).containsOnly("parley-store-writer");
  }

  /** A connection closed for what it sent relies on this to get its messages first. */
  @Test
  void afterQueuedRunsOnceEverythingQueuedBeforeItIsAnswered() throws Exception {
    SqlStore store = open();
    List<Integer> answered = new ArrayList<>(); // only the writer thread touches it
    CompletableFuture<List<Integer>> seenByBarrier = new CompletableFuture<>();
    CompletableFuture<String> barrierThread = new CompletableFuture<>();
    Blocker blocker = new Blocker(store); // all that follows goes in one batch, barrier included
    List<Recorder> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i == 50) {
        store.afterQueued(
            () -> {
              seenByBarrier.complete(List.copyOf(answered));
              barrierThread.complete(Thread.currentThread().getName());
            });
      }
      int index = i;
      Recorder r = new Recorder();
      store.append(
          msg("general", ANN, "b" + i, "text " + i),
          new Store.Appended() {
            @Override
            public void stored(Event event, boolean duplicate) {
              answered.add(index);
              r.stored(event, duplicate);
            }

            @Override
            public void failed(Throwable cause) {
              r.failed(cause);
            }
          });
      all.add(r);
    }
    blocker.release();
    all.forEach(Recorder::event); // the barrier is not written: the appends around it all are

    assertThat(seenByBarrier.get(20, TimeUnit.SECONDS))
        .containsAll(java.util.stream.IntStream.range(0, 50).boxed().toList());
    assertThat(barrierThread.get()).isEqualTo("parley-store-writer");

    store.close();
    CompletableFuture<String> afterClose = new CompletableFuture<>();
    store.afterQueued(() -> afterClose.complete(Thread.currentThread().getName()));
    assertThat(afterClose.getNow(null))
        .as("runs at once on a closed store")
        .isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void duplicateInTheSameBatchReturnsTheOriginalAndUsesNoSeq() {
    SqlStore store = open();
    Blocker blocker = new Blocker(store); // takes seq 1 of general
    Recorder first = append(store, msg("general", ANN, "m-1", "first"));
    Recorder again = append(store, msg("general", ANN, "m-1", "resent with other text"));
    Recorder otherUser = append(store, msg("general", BOB, "m-1", "same id, other author"));
    Recorder next = append(store, msg("general", ANN, "m-2", "next"));
    blocker.release();

    assertThat(first.get().duplicate()).isFalse();
    assertThat(first.event().seq()).isEqualTo(2);
    assertThat(again.get().duplicate()).isTrue();
    assertThat(again.event()).isEqualTo(first.event());
    assertThat(((Message) again.event()).text()).isEqualTo("first");
    assertThat(otherUser.get().duplicate()).isFalse();
    assertThat(otherUser.event().seq()).isEqualTo(3);
    assertThat(next.event().seq()).isEqualTo(4);
    assertThat(seqs(page(store, "general", null, null, 50).events())).isEqualTo(range(1, 4));
  }

  @Test
  void duplicateInALaterBatchReturnsTheOriginalAndUsesNoSeq() {
    SqlStore store = open();
    Message original = (Message) append(store, msg("general", ANN, "m-1", "first")).event();
    Recorder.Answer again = append(store, msg("general", ANN, "m-1", "again")).get();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.event()).isEqualTo(original);
    assertThat(again.thread()).isEqualTo("parley-store-writer");
    assertThat(append(store, msg("general", ANN, "m-2", "next")).event().seq()).isEqualTo(2);
  }

  @Test
  void resendOfAnEarlierBatchAmongNewMessagesLeavesNoGapInTheSeqs() {
    SqlStore store = open();
    Message original = (Message) append(store, msg("general", ANN, "m-1", "first")).event();
    Blocker blocker = new Blocker(store); // takes seq 2 of general
    Recorder again = append(store, msg("general", ANN, "m-1", "again"));
    Recorder next = append(store, msg("general", ANN, "m-2", "next"));
    Recorder againLater = append(store, msg("general", ANN, "m-1", "and again"));
    Recorder last = append(store, msg("general", BOB, "m-3", "last"));
    blocker.release();

    assertThat(again.get().duplicate()).isTrue();
    assertThat(again.event()).isEqualTo(original);
    assertThat(againLater.get().duplicate()).isTrue();
    assertThat(next.event().seq()).isEqualTo(3);
    assertThat(last.event().seq()).isEqualTo(4);
    assertThat(seqs(page(store, "general", null, null, 50).events())).isEqualTo(range(1, 4));
  }

  @Test
  void resendNamingARoomThatDoesNotExistStillGetsTheOriginal() {
    SqlStore store = open();
    Message original = (Message) append(store, msg("general", ANN, "m-1", "first")).event();
    Recorder.Answer again = append(store, msg("no-such-room", ANN, "m-1", "again")).get();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.event()).isEqualTo(original);
  }

  @Test
  void duplicateAfterReopenReturnsTheOriginalAndUsesNoSeq() {
    SqlStore store = open();
    Message original =
        (Message)
            append(
                    store,
                    Message.draft(
                        "general",
                        "m-1",
                        ANN,
                        5L,
                        "pic",
                        new Image("/uploads/a.png", "a.png", 10, 20)))
                .event();
    store.close();

    SqlStore reopened = open();
    Recorder.Answer again = append(reopened, msg("general", ANN, "m-1", "again")).get();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.event()).isEqualTo(original);
    assertThat(append(reopened, msg("general", ANN, "m-2", "next")).event().seq()).isEqualTo(2);
  }

  @Test
  void everythingSurvivesCloseAndReopen() {
    SqlStore store = open();
    store.write(new Change.UserSaved(new Snapshot.UserRow(ANN.id(), "Ann", "🦊", "hash-a", 10)));
    store.write(new Change.UserSaved(new Snapshot.UserRow(BOB.id(), "Bob", null, "hash-b", 11)));
    // an update: nick and avatar change, token hash and created_ts stay
    store.write(
        new Change.UserSaved(new Snapshot.UserRow(BOB.id(), "Bobby", "🐻", "hash-other", 99)));
    store.write(new Change.RoomSaved("dev", "Developers", ANN.id(), 12));
    store.write(new Change.RoomSaved("dev", "Dev talk", BOB.id(), 99)); // topic only
    store.write(new Change.RoomSaved("empty", null, null, 13));
    store.write(new Change.MemberAdded("general", ANN.id(), 0));
    store.write(new Change.MemberAdded("general", BOB.id(), 0));
    store.write(new Change.MemberAdded("dev", ANN.id(), 0));
    store.write(new Change.MemberAdded("dev", BOB.id(), 0));
    store.write(new Change.MemberRemoved("dev", BOB.id()));
    for (int i = 1; i <= 3; i++) append(store, msg("dev", ANN, "d" + i, "x")).event();
    append(store, Notice.draft("general", Notice.Kind.JOIN, BOB, 3L)).event();
    store.write(new Change.ReadMoved("dev", ANN.id(), 2));
    store.write(new Change.ReadMoved("general", BOB.id(), 1));
    store.close();

    SqlStore reopened = open();
    Snapshot s = reopened.load();
    assertThat(s.rooms())
        .containsExactly(
            new Snapshot.RoomRow("dev", "Dev talk", ANN.id(), 12, 3, 0),
            new Snapshot.RoomRow("empty", "", null, 13, 0, 0),
            new Snapshot.RoomRow("general", "General chat", null, 0, 1, 0));
    assertThat(s.users())
        .containsExactly(
            new Snapshot.UserRow(ANN.id(), "Ann", "🦊", "hash-a", 10),
            new Snapshot.UserRow(BOB.id(), "Bobby", "🐻", "hash-b", 11));
    assertThat(s.members())
        .containsExactly(
            new Snapshot.MemberRow("dev", ANN.id(), 2),
            new Snapshot.MemberRow("general", ANN.id(), 0),
            new Snapshot.MemberRow("general", BOB.id(), 1));
    assertThat(append(reopened, msg("dev", BOB, "d4", "after reopen")).event().seq()).isEqualTo(4);
    assertThat(append(reopened, msg("empty", BOB, "e1", "first")).event().seq()).isEqualTo(1);
  }

  @Test
  void aRoomSavedPrivateStaysPrivate() {
    // an import or a group conversation saves a new room private in one change: the row must say
    // so however the database makes a new room's row (PostgreSQL puts it in before locking)
    SqlStore store = open();
    store.write(new Change.RoomSaved("ops", "Operations", ANN.id(), 12, true));
    append(store, msg("ops", ANN, "o1", "first")).event();
    store.write(new Change.RoomSaved("lobby", "Lobby", ANN.id(), 13, false));
    store.close();

    Snapshot s = open().load();
    assertThat(s.rooms())
        .filteredOn(r -> !r.name().equals("general"))
        .extracting(Snapshot.RoomRow::name, Snapshot.RoomRow::isPrivate)
        .containsExactly(tuple("lobby", false), tuple("ops", true));
  }

  @Test
  void membershipChangesKeepTheirOrderWithinABatch() {
    SqlStore store = open();
    Blocker blocker = new Blocker(store);
    store.write(new Change.MemberAdded("general", ANN.id(), 0));
    store.write(new Change.MemberRemoved("general", ANN.id()));
    store.write(new Change.MemberAdded("general", ANN.id(), 5));
    store.write(new Change.MemberAdded("general", BOB.id(), 0));
    store.write(new Change.MemberRemoved("general", BOB.id()));
    Recorder after = append(store, msg("general", ANN, "x", "x"));
    blocker.release();
    after.event();
    assertThat(store.load().members())
        .containsExactly(new Snapshot.MemberRow("general", ANN.id(), 5));
  }

  @Test
  void historyPagesInEveryDirection() {
    SqlStore store = open();
    room(store, "r1");
    for (int i = 1; i <= 10; i++) append(store, msg("r1", ANN, "h" + i, "m" + i)).event();

    Store.Page latest = page(store, "r1", null, null, 3);
    assertThat(seqs(latest.events())).containsExactly(8L, 9L, 10L);
    assertThat(latest.more()).as("older events exist").isTrue();

    Store.Page before = page(store, "r1", 8L, null, 3);
    assertThat(seqs(before.events())).containsExactly(5L, 6L, 7L);
    assertThat(before.more()).isTrue();

    Store.Page oldest = page(store, "r1", 4L, null, 3);
    assertThat(seqs(oldest.events())).containsExactly(1L, 2L, 3L);
    assertThat(oldest.more()).as("nothing older than 1").isFalse();

    Store.Page short1 = page(store, "r1", 3L, null, 5);
    assertThat(seqs(short1.events())).containsExactly(1L, 2L);
    assertThat(short1.more()).isFalse();

    Store.Page after = page(store, "r1", null, 6L, 2);
    assertThat(seqs(after.events())).containsExactly(7L, 8L);
    assertThat(after.more()).as("newer events exist").isTrue();

    Store.Page tail = page(store, "r1", null, 8L, 2);
    assertThat(seqs(tail.events())).containsExactly(9L, 10L);
    assertThat(tail.more()).as("nothing newer than 10").isFalse();

    Store.Page caughtUp = page(store, "r1", null, 10L, 50);
    assertThat(caughtUp.events()).isEmpty();
    assertThat(caughtUp.more()).isFalse();

    Store.Page everything = page(store, "r1", null, null, 50);
    assertThat(seqs(everything.events())).isEqualTo(range(1, 10));
    assertThat(everything.more()).isFalse();

    Store.Page exact = page(store, "r1", null, null, 10);
    assertThat(exact.events()).hasSize(10);
    assertThat(exact.more()).isFalse();

    Store.Page between = page(store, "r1", 9L, 2L, 3);
    assertThat(seqs(between.events())).containsExactly(3L, 4L, 5L);
    assertThat(between.more()).isTrue();

    assertThat(page(store, "nope", null, null, 50)).isEqualTo(new Store.Page(List.of(), false));
    assertThat(page(store, "general", null, null, 50).events()).isEmpty();
    assertThat(store.history("r1", null, null, 0)).isCompletedExceptionally();
  }

  @Test
  void eventsComeBackAsTheyWereWritten() {
    SqlStore store = open();
    Message withImage =
        Message.draft(
            "general",
            "img-1",
            ANN,
            1_700_000_000_123L,
            "look",
            new Image("/uploads/x.webp", "x.webp", 640, 480));
    Message bare =
        Message.draft(
            "general", "img-2", BOB, 7L, null, new Image("/uploads/y.png", null, null, null));
    Message edited =
        new Message("general", 0, "e-1", BOB, 8L, "fixed", null, 9L, false, Map.of(), 0, List.of());
    Message deleted =
        new Message("general", 0, "e-2", BOB, 8L, null, null, null, true, Map.of(), 0, List.of());
    // mentions by user id, with names that need escaping in the column's JSON
    Message mentioning =
        Message.draft("general", "m-1", ANN, 12L, "@Bob and @\"Q\\\u00e9\u0001", null)
            .withMentions(
                List.of(new Mention("u-bob", "Bob"), new Mention("u-q", "\"Q\\\u00e9\u0001")));
    List<Event> drafts = new ArrayList<>(List.of(withImage, bare, edited, deleted, mentioning));
    for (Notice.Kind k : Notice.Kind.values()) drafts.add(Notice.draft("general", k, BOB, 11L));

    List<Event> stored = drafts.stream().map(d -> append(store, d)).map(Recorder::event).toList();
    for (int i = 0; i < drafts.size(); i++) {
      assertThat(stored.get(i)).isEqualTo(drafts.get(i).withSeq(i + 1));
    }
    assertThat(page(store, "general", null, null, 50).events()).isEqualTo(stored);
    assertThat(((Message) stored.get(0)).reactions()).isEmpty();
    assertThat(((Message) stored.get(0)).mentions()).isEmpty();
    assertThat(((Message) stored.get(4)).mentions()).hasSize(2);
  }

  @Test
  void readMarkerNeverMovesBack() {
    SqlStore store = open();
    store.write(new Change.MemberAdded("general", ANN.id(), 0));
    store.write(new Change.ReadMoved("general", ANN.id(), 7));
    store.write(new Change.ReadMoved("general", ANN.id(), 3));
    store.write(new Change.ReadMoved("general", ANN.id(), 7));
    append(store, msg("general", ANN, "sync", "x")).event(); // after the writes above
    assertThat(store.load().members())
        .containsExactly(new Snapshot.MemberRow("general", ANN.id(), 7));
    store.write(new Change.ReadMoved("general", ANN.id(), 9));
    store.write(new Change.ReadMoved("general", ANN.id(), 8));
    store.write(new Change.ReadMoved("general", BOB.id(), 8)); // not a member: nothing happens
    append(store, msg("general", ANN, "sync2", "x")).event();
    assertThat(store.load().members())
        .containsExactly(new Snapshot.MemberRow("general", ANN.id(), 9));
  }

  @Test
  void aFailedTransactionFailsItsBatchAndLeavesNoGap() {
    SqlStore store = open();
    assertThat(append(store, msg("general", ANN, "ok-1", "before")).event().seq()).isEqualTo(1);
    Blocker blocker = new Blocker(store); // seq 2
    store.write(new Change.RoomSaved("fresh", "new in the failing batch", ANN.id(), 1));
    Recorder a = append(store, msg("general", ANN, "lost-1", "in the failing batch"));
    Recorder inFresh = append(store, msg("fresh", ANN, "lost-2", "in the failing batch"));
    // An honest bad row: users.token_hash is NOT NULL, so this insert fails the transaction.
    store.write(new Change.UserSaved(new Snapshot.UserRow("u-bad", "Bad", null, null, 1)));
    Recorder b = append(store, msg("general", BOB, "lost-3", "in the failing batch"));
    blocker.release();

    for (Recorder r : List.of(a, inFresh, b)) {
      Recorder.Answer answer = r.get();
      assertThat(answer.failure()).isNotNull();
      assertThat(answer.thread()).isEqualTo("parley-store-writer");
    }
    // the writer goes on; the failed batch used no seq, and the resent message is new
    assertThat(append(store, msg("general", ANN, "lost-1", "resent")).get())
        .satisfies(r -> assertThat(r.duplicate()).isFalse())
        .satisfies(r -> assertThat(r.event().seq()).isEqualTo(3));
    assertThat(seqs(page(store, "general", null, null, 50).events())).isEqualTo(range(1, 3));
    assertThat(store.load().rooms()).extracting(Snapshot.RoomRow::name).doesNotContain("fresh");
    assertThat(store.load().users()).isEmpty();
    // the room that the failed batch created is unknown again, until it is really created
    assertThat(append(store, msg("fresh", ANN, "lost-2", "again")).get().failure())
        .isInstanceOf(IllegalArgumentException.class);
    room(store, "fresh");
    assertThat(append(store, msg("fresh", ANN, "lost-2b", "again")).event().seq()).isEqualTo(1);
  }

  @Test
  void anAppendToAnUnknownRoomFailsAloneAndUsesNoSeq() {
    SqlStore store = open();
    Blocker blocker = new Blocker(store);
    Recorder nowhere = append(store, msg("nowhere", ANN, "n-1", "x"));
    Recorder fine = append(store, msg("general", ANN, "n-2", "x"));
    blocker.release();
    assertThat(nowhere.get().failure())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere");
    assertThat(fine.event().seq()).isEqualTo(2);
  }

  @Test
  void closeCommitsEverythingQueuedAndIsIdempotent() {
    SqlStore store = open();
    List<Recorder> queued = new ArrayList<>();
    for (int i = 0; i < 500; i++) queued.add(append(store, msg("general", ANN, "q" + i, "x")));
    store.write(new Change.MemberAdded("general", BOB.id(), 0));
    store.close();
    store.close();
    assertThat(queued).allSatisfy(r -> assertThat(r.answer).isDone());
    assertThat(queued.stream().map(r -> r.event().seq()).toList()).isEqualTo(range(1, 500));

    Recorder late = append(store, msg("general", ANN, "late", "x"));
    assertThat(late.get().failure()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(new Change.MemberRemoved("general", BOB.id())))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.history("general", null, null, 5)).isCompletedExceptionally();

    Snapshot s = open().load();
    assertThat(s.rooms())
        .filteredOn(r -> r.name().equals("general"))
        .singleElement()
        .satisfies(r -> assertThat(r.lastSeq()).isEqualTo(500));
    assertThat(s.members()).containsExactly(new Snapshot.MemberRow("general", BOB.id(), 0));
  }

  @Test
  void historyRunsOnTheReadPoolNotTheCaller() {
    SqlStore store = open();
    append(store, msg("general", ANN, "x", "x")).event();
    String caller = Thread.currentThread().getName();
    ConcurrentLinkedQueue<String> completedOn = new ConcurrentLinkedQueue<>();
    List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // a stage added to a future that is already done runs on the caller: so a few may say so
      all.add(
          store
              .history("general", null, null, 5)
              .whenComplete((p, e) -> completedOn.add(Thread.currentThread().getName())));
    }
    all.forEach(f -> f.orTimeout(20, TimeUnit.SECONDS).join());
    assertThat(completedOn)
        .hasSize(50)
        .allMatch(n -> n.startsWith("parley-store-read-") || n.equals(caller));
    assertThat(completedOn).anyMatch(n -> n.startsWith("parley-store-read-"));
  }

  @Test
  void metricsAreRecordedPerBatch() {
    SqlStore store = open();
    for (int i = 0; i < 20; i++) append(store, msg("general", ANN, "m" + i, "x")).event();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(registry.get("parley.store.write").timer().count()).isPositive();
              assertThat(registry.get("parley.store.batch.size").summary().totalAmount())
                  .isEqualTo(20.0);
            });
    assertThat(registry.get("parley.store.queue").gauge().value()).isZero();
  }
}
