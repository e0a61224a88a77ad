package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Bookmarks;
import dev.parley.domain.Bookmarks.Outcome;
import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pins as every {@link SqlStore} must keep them (V20): only a message of the room that is there and
 * not deleted is pinned, at most the bound (pins of messages deleted since do not count), listed
 * most recently pinned first, the same in a store opened anew; an imported {@code pin} notice puts
 * its pin back.
 */
abstract class BookmarkStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final Profile ANN = new Profile("u-ann", "Ann", null);

  static <T> T join(CompletableFuture<T> f) {
    return f.orTimeout(20, TimeUnit.SECONDS).join();
  }

  static void room(Store store, String name) {
    store.write(new Change.RoomSaved(name, "", ANN.id(), T0));
    store.write(new Change.MemberAdded(name, ANN.id(), 0));
  }

  static long say(Store store, String room, String text, long ts) {
    Recorder r = new Recorder();
    store.append(Message.draft(room, "c" + ts + text.hashCode(), ANN, ts, text, null), r);
    return r.event().seq();
  }

  static Message delete(Store store, String room, long seq) {
    CompletableFuture<Message> deleted = new CompletableFuture<>();
    store.amend(
        new Amendment.Delete(room, seq, ANN.id()),
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            deleted.complete(message);
          }

          @Override
          public void failed(Throwable cause) {
            deleted.completeExceptionally(cause);
          }
        });
    return join(deleted);
  }

  static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  @Test
  void onlyALiveMessageOfTheRoomIsPinnedMostRecentFirstAndThePinsOutliveARestart() {
    SqlStore store = open();
    room(store, "ops");
    room(store, "dev");
    long a = say(store, "ops", "checklist", T0 + 1);
    long b = say(store, "ops", "runbook", T0 + 2);
    Recorder n = new Recorder();
    store.append(new Notice("ops", 0, T0 + 3, Notice.Kind.JOIN, ANN), n);
    long notice = n.event().seq();
    Bookmarks marks = store.bookmarks();

    assertThat(join(marks.pin("ops", a, true, ANN.id(), T0 + 10, 50))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.pin("ops", a, true, ANN.id(), T0 + 11, 50))).isEqualTo(Outcome.UNCHANGED);
    assertThat(join(marks.pin("ops", b, true, ANN.id(), T0 + 12, 50))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.pin("ops", notice, true, ANN.id(), T0, 50)))
        .isEqualTo(Outcome.NO_MESSAGE);
    assertThat(join(marks.pin("ops", 999, true, ANN.id(), T0, 50))).isEqualTo(Outcome.NO_MESSAGE);
    assertThat(join(marks.pin("dev", a, true, ANN.id(), T0, 50))).isEqualTo(Outcome.NO_MESSAGE);
    assertThat(join(marks.pin("dev", a, false, ANN.id(), T0, 50))).isEqualTo(Outcome.NO_MESSAGE);
    List<Message> pinned = join(marks.pins("ops"));
    assertThat(seqs(pinned)).containsExactly(b, a);
    assertThat(pinned.get(1).text()).isEqualTo("checklist");
    assertThat(join(marks.pins("dev"))).isEmpty();
    store.close();

    SqlStore again = open();
    assertThat(seqs(join(again.bookmarks().pins("ops")))).containsExactly(b, a);
    assertThat(join(again.bookmarks().pin("ops", b, false, ANN.id(), T0, 50)))
        .isEqualTo(Outcome.REMOVED);
    assertThat(join(again.bookmarks().pin("ops", b, false, ANN.id(), T0, 50)))
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(seqs(join(again.bookmarks().pins("ops")))).containsExactly(a);
  }

  @Test
  void theBoundCountsLivePinsOnlyAndADeletedMessageLeavesTheList() {
    SqlStore store = open();
    room(store, "ops");
    long a = say(store, "ops", "one", T0 + 1);
    long b = say(store, "ops", "two", T0 + 2);
    long c = say(store, "ops", "three", T0 + 3);
    Bookmarks marks = store.bookmarks();
    assertThat(join(marks.pin("ops", a, true, ANN.id(), T0, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.pin("ops", b, true, ANN.id(), T0, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.pin("ops", c, true, ANN.id(), T0, 2))).isEqualTo(Outcome.FULL);

    assertThat(delete(store, "ops", a).deleted()).isTrue();
    assertThat(seqs(join(marks.pins("ops")))).containsExactly(b);
    assertThat(join(marks.pin("ops", c, true, ANN.id(), T0 + 5, 2))).isEqualTo(Outcome.ADDED);
    assertThat(seqs(join(marks.pins("ops")))).containsExactly(c, b);
  }

  @Test
  void restoredPinNoticesPutThePinsBackInOrder() {
    SqlStore store = open();
    room(store, "ops");
    Message m2 = Message.draft("ops", "x2", ANN, T0 + 2, "pinned for good", null).withSeq(2);
    Message m3 = Message.draft("ops", "x3", ANN, T0 + 3, "pinned then not", null).withSeq(3);
    List<Event> log =
        List.of(
            new Notice("ops", 1, T0 + 1, Notice.Kind.CREATE, ANN),
            m2,
            m3,
            new Notice("ops", 4, T0 + 4, Notice.Kind.PIN, ANN, Notice.Detail.pin(2, true)),
            new Notice("ops", 5, T0 + 5, Notice.Kind.PIN, ANN, Notice.Detail.pin(3, true)),
            new Notice("ops", 6, T0 + 6, Notice.Kind.PIN, ANN, Notice.Detail.pin(3, false)));
    for (Event e : log) store.write(new Change.Restored(e));
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    join(done);
    assertThat(seqs(join(store.bookmarks().pins("ops")))).containsExactly(2L);
    List<Event> back = join(store.history("ops", null, null, 10)).events();
    assertThat(back.get(5)).isEqualTo(log.get(5));
  }

  @Test
  void savedMessagesArePerPersonNewestFirstBoundedAndGoneWithTheirMessage() {
    SqlStore store = open();
    room(store, "ops");
    room(store, "dev");
    long a = say(store, "ops", "runbook", T0 + 1);
    long b = say(store, "dev", "lunch", T0 + 2);
    long c = say(store, "ops", "third", T0 + 3);
    Bookmarks marks = store.bookmarks();
    assertThat(join(marks.save("u-ann", "ops", a, true, T0 + 10, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.save("u-ann", "ops", a, true, T0 + 11, 2))).isEqualTo(Outcome.UNCHANGED);
    assertThat(join(marks.save("u-ann", "dev", b, true, T0 + 12, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.save("u-ann", "ops", c, true, T0 + 13, 2))).isEqualTo(Outcome.FULL);
    assertThat(join(marks.save("u-bob", "ops", c, true, T0 + 13, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.save("u-ann", "ops", 99, true, T0, 2))).isEqualTo(Outcome.NO_MESSAGE);
    assertThat(join(marks.save("u-ann", "dev", a + 50, true, T0, 2))).isEqualTo(Outcome.NO_MESSAGE);

    List<Bookmarks.Saved> mine = join(marks.saved("u-ann", 10));
    assertThat(mine).extracting(Bookmarks.Saved::room).containsExactly("dev", "ops");
    assertThat(mine.get(0).message().text()).isEqualTo("lunch");
    assertThat(mine.get(1).seq()).isEqualTo(a);
    assertThat(join(marks.saved("u-bob", 10))).extracting(Bookmarks.Saved::seq).containsExactly(c);
    store.close();

    SqlStore again = open();
    Bookmarks back = again.bookmarks();
    assertThat(join(back.saved("u-ann", 10))).hasSize(2);
    assertThat(join(back.save("u-ann", "dev", b, false, T0, 2))).isEqualTo(Outcome.REMOVED);
    assertThat(join(back.save("u-ann", "dev", b, false, T0, 2))).isEqualTo(Outcome.UNCHANGED);
    assertThat(join(back.saved("u-ann", 10))).extracting(Bookmarks.Saved::seq).containsExactly(a);
    assertThat(join(back.saved("u-ann", 0))).isEmpty();
  }

  @Test
  void aDeletedMessageLeavesTheSavedListAndItsCount() {
    SqlStore store = open();
    room(store, "ops");
    long a = say(store, "ops", "runbook", T0 + 1);
    long b = say(store, "ops", "lunch", T0 + 2);
    long c = say(store, "ops", "third", T0 + 3);
    Bookmarks marks = store.bookmarks();
    assertThat(join(marks.save("u-ann", "ops", a, true, T0 + 10, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.save("u-ann", "ops", b, true, T0 + 11, 2))).isEqualTo(Outcome.ADDED);
    delete(store, "ops", a);

    assertThat(join(marks.saved("u-ann", 10))).extracting(Bookmarks.Saved::seq).containsExactly(b);
    assertThat(join(marks.saved("u-ann", 1))).extracting(Bookmarks.Saved::seq).containsExactly(b);
    CompletableFuture<Message> reacted = new CompletableFuture<>();
    store.amend(
        new Amendment.React("ops", b, ANN, "👍", true),
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            reacted.complete(message);
          }

          @Override
          public void failed(Throwable cause) {
            reacted.completeExceptionally(cause);
          }
        });
    join(reacted);
    assertThat(join(marks.saved("u-ann", 10)).get(0).message().reactions())
        .containsEntry("👍", List.of(ANN.id()));
    assertThat(join(marks.save("u-ann", "ops", c, true, T0 + 12, 2))).isEqualTo(Outcome.ADDED);
    assertThat(join(marks.saved("u-ann", 10)))
        .extracting(Bookmarks.Saved::seq)
        .containsExactly(c, b);
  }

  @Test
  void aMomentIsFoundByAnIndexOnRoomAndTs() throws Exception {
    open();
    boolean indexed = false;
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(target.url());
        java.sql.ResultSet rs = c.getMetaData().getIndexInfo(null, null, "events", false, false)) {
      java.util.Map<String, List<String>> columns = new java.util.HashMap<>();
      while (rs.next()) {
        if (rs.getString("INDEX_NAME") == null) continue;
        columns
            .computeIfAbsent(rs.getString("INDEX_NAME"), k -> new java.util.ArrayList<>())
            .add(rs.getShort("ORDINAL_POSITION") - 1, rs.getString("COLUMN_NAME"));
      }
      for (List<String> cols : columns.values())
        indexed |= cols.size() >= 2 && cols.get(0).equals("room") && cols.get(1).equals("ts");
    }
    assertThat(indexed).as("an index on events (room, ts)").isTrue();
  }

  @Test
  void notificationLevelsAreKeptPerMembershipAndGoWithIt() {
    SqlStore store = open();
    room(store, "ops");
    room(store, "dev");
    store.write(new Change.MemberAdded("ops", "u-bob", 0));
    store.write(new Change.NotifySet("ops", ANN.id(), "mentions"));
    store.write(new Change.NotifySet("dev", ANN.id(), "none"));
    store.write(new Change.NotifySet("ops", "u-bob", "none"));
    store.write(new Change.NotifySet("ops", "u-bob", "all"));
    store.write(new Change.MemberRemoved("dev", ANN.id()));
    store.write(new Change.MemberAdded("dev", ANN.id(), 0));
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    join(done);
    store.close();
    assertThat(open().bookmarks().notifyLevels())
        .containsExactlyInAnyOrder(
            new String[] {"ops", ANN.id(), "mentions"}, new String[] {"ops", "u-bob", "all"});
  }

  @Test
  void aReadMarkerIsSetBackAndTheFirstEventAtAMomentIsFound() {
    SqlStore store = open();
    room(store, "ops");
    say(store, "ops", "early", T0 + 100);
    long mid = say(store, "ops", "middle", T0 + 200);
    say(store, "ops", "late", T0 + 300);
    store.write(new Change.ReadMoved("ops", ANN.id(), 3));
    store.write(new Change.ReadSet("ops", ANN.id(), 1));
    store.write(new Change.ReadMoved("ops", ANN.id(), 0)); // forward only: changes nothing
    Bookmarks marks = store.bookmarks();
    assertThat(join(marks.seqAt("ops", T0 + 150))).isEqualTo(mid);
    assertThat(join(marks.seqAt("ops", T0 + 200))).isEqualTo(mid);
    assertThat(join(marks.seqAt("ops", 0))).isEqualTo(1L);
    assertThat(join(marks.seqAt("ops", T0 + 301))).isNull();
    assertThat(join(marks.seqAt("nowhere", 0))).isNull();
    store.close();
    assertThat(open().load().members())
        .filteredOn(m -> m.room().equals("ops") && m.userId().equals(ANN.id()))
        .extracting(m -> m.readSeq())
        .containsExactly(1L);
  }
}
