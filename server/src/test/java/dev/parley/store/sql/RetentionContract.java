package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Image;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Retention;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import dev.parley.testing.StoreCalls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Retention as every {@link SqlStore} must do it: a purge step removes only a run from the start of
 * one room's log (by seq and by age), with the reactions of what it removes, leaves the seqs of
 * what remains as they were, and the policy and the new start survive a restart. The uploads sweep
 * runs against the same store: a file goes only when no remaining message points at it.
 */
abstract class RetentionContract extends FreshStores {

  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final long T0 = 1_700_000_000_000L;

  record Result(int removed, long firstSeq, Throwable failure) {}

  static Result purge(Store store, String room, long through, long beforeTs, int max) {
    CompletableFuture<Result> done = new CompletableFuture<>();
    store.purge(
        new Store.Purge(room, through, beforeTs, max),
        new Store.Purged() {
          @Override
          public void purged(String r, int removed, long firstSeq, long oldestTs) {
            done.complete(new Result(removed, firstSeq, null));
          }

          @Override
          public void failed(Throwable cause) {
            done.complete(new Result(0, 0, cause));
          }
        });
    return done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  static long say(Store store, String room, long ts, String text, Image image) {
    Recorder r = new Recorder();
    store.append(Message.draft(room, "c" + System.nanoTime(), ANN, ts, text, image), r);
    return r.event().seq();
  }

  /** Room {@code room} created with {@code n} messages, the i-th (seq i) sent at T0 + i minutes. */
  static void fill(Store store, String room, int n) {
    if (!room.equals("general")) store.write(new Change.RoomSaved(room, "", ANN.id(), T0));
    for (int i = 1; i <= n; i++) say(store, room, T0 + i * 60_000L, room + " " + i, null);
  }

  static Store.Page history(Store store, String room, Long before, Long after, int limit) {
    return store.history(room, before, after, limit).orTimeout(20, TimeUnit.SECONDS).join();
  }

  static List<Long> seqs(Store.Page page) {
    return page.events().stream().map(Event::seq).toList();
  }

  static List<Long> all(Store store, String room) {
    return seqs(history(store, room, null, 0L, 200));
  }

  @Test
  void byCountTheOldestRunGoesAndNothingElse() {
    SqlStore store = open();
    fill(store, "general", 10);
    fill(store, "other", 5);

    Result r = purge(store, "general", 7, Long.MIN_VALUE, 250);

    assertThat(r.failure()).isNull();
    assertThat(r.removed()).isEqualTo(7);
    assertThat(r.firstSeq()).isEqualTo(8);
    assertThat(all(store, "general")).containsExactly(8L, 9L, 10L);
    assertThat(history(store, "general", null, 0L, 200).events().get(0))
        .extracting(e -> ((Message) e).text())
        .isEqualTo("general 8");
    assertThat(all(store, "other")).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void byAgeOnlyOlderEventsGoAndARunStopsAtTheFirstYoungOne() {
    SqlStore store = open();
    fill(store, "general", 6);
    // seq 7 is old again (a clock that went back): it stays, because seq 6 before it is young
    say(store, "general", T0, "late", null);

    Result r = purge(store, "general", 0, T0 + 4 * 60_000L, 250);

    assertThat(r.removed()).isEqualTo(3);
    assertThat(r.firstSeq()).isEqualTo(4);
    assertThat(all(store, "general")).containsExactly(4L, 5L, 6L, 7L);
  }

  @Test
  void withBothLimitsAnEventGoesWhenEitherSaysSo() {
    SqlStore store = open();
    fill(store, "general", 10);

    // too many: seqs 1..3; too old: before minute 6, so seqs 1..5
    assertThat(purge(store, "general", 3, T0 + 6 * 60_000L, 250)).isEqualTo(new Result(5, 6, null));
    // too many: 1..8 (the first held are young now, but too many)
    assertThat(purge(store, "general", 8, T0 + 6 * 60_000L, 250)).isEqualTo(new Result(3, 9, null));
    assertThat(all(store, "general")).containsExactly(9L, 10L);
  }

  @Test
  void aStepRemovesAtMostItsMaxAndTheNextGoesOn() {
    SqlStore store = open();
    fill(store, "general", 10);

    assertThat(purge(store, "general", 8, Long.MIN_VALUE, 3)).isEqualTo(new Result(3, 4, null));
    assertThat(purge(store, "general", 8, Long.MIN_VALUE, 3)).isEqualTo(new Result(3, 7, null));
    assertThat(purge(store, "general", 8, Long.MIN_VALUE, 3)).isEqualTo(new Result(2, 9, null));
    assertThat(purge(store, "general", 8, Long.MIN_VALUE, 3)).isEqualTo(new Result(0, 9, null));
    assertThat(all(store, "general")).containsExactly(9L, 10L);
  }

  @Test
  void reactionsGoWithTheirMessagesAndStayOnTheRest() throws Exception {
    SqlStore store = open();
    fill(store, "general", 6);
    for (long seq : new long[] {2, 5}) {
      StoreCalls.amend(store, new Amendment.React("general", seq, ANN, "👍", true));
    }

    purge(store, "general", 3, Long.MIN_VALUE, 250);

    try (Connection c = DriverManager.getConnection(target.url());
        PreparedStatement ps =
            c.prepareStatement("SELECT seq FROM reactions WHERE room = 'general' ORDER BY seq");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(5);
      assertThat(rs.next()).isFalse();
    }
    Message five = (Message) history(store, "general", 6L, null, 1).events().get(0);
    assertThat(five.reactions()).containsKey("👍");
  }

  @Test
  void historyOfAPurgedRangeIsEmptyAndSaysNoMore() {
    SqlStore store = open();
    fill(store, "general", 10);
    purge(store, "general", 6, Long.MIN_VALUE, 250);

    Store.Page older = history(store, "general", 5L, null, 50);
    assertThat(older.events()).isEmpty();
    assertThat(older.more()).isFalse();
    Store.Page latest = history(store, "general", null, null, 50);
    assertThat(seqs(latest)).containsExactly(7L, 8L, 9L, 10L);
    assertThat(latest.more()).isFalse();
    Store.Page edge = history(store, "general", 9L, null, 2);
    assertThat(seqs(edge)).containsExactly(7L, 8L);
    assertThat(edge.more()).isFalse();
    assertThat(seqs(history(store, "general", null, 2L, 3))).containsExactly(7L, 8L, 9L);
  }

  @Test
  void theSeqGoesOnGaplessAfterEverythingWentAndARestartKnowsWhereTheLogStarts() {
    SqlStore store = open();
    fill(store, "general", 4);
    store.write(new Change.RetentionSet("general", new Retention(30, null)));
    store.write(new Change.RoomSaved("kept", "", ANN.id(), T0));
    store.write(new Change.RetentionSet("kept", Retention.KEEP_ALL));
    store.write(new Change.RoomSaved("plain", "", ANN.id(), T0));

    Result r = purge(store, "general", Long.MAX_VALUE, Long.MAX_VALUE, 250);
    assertThat(r).isEqualTo(new Result(4, 5, null));
    assertThat(say(store, "general", T0, "after", null)).isEqualTo(5);
    store.close();

    SqlStore again = open();
    Snapshot.RoomRow general = row(again, "general");
    assertThat(general.firstSeq()).isEqualTo(5);
    assertThat(general.lastSeq()).isEqualTo(5);
    assertThat(general.retention()).isEqualTo(new Retention(30, null));
    assertThat(row(again, "kept").retention()).isEqualTo(Retention.KEEP_ALL);
    assertThat(row(again, "plain").retention()).isNull();
    assertThat(row(again, "plain").firstSeq()).isEqualTo(1);
    assertThat(say(again, "general", T0, "again", null)).isEqualTo(6);

    again.write(new Change.RetentionSet("general", null));
    again.close();
    assertThat(row(open(), "general").retention()).isNull();
  }

  private static Snapshot.RoomRow row(Store store, String room) {
    return store.load().rooms().stream()
        .filter(r -> r.name().equals(room))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anEmptiedLogSaysItStartsAfterItsLastSeq() {
    SqlStore store = open();
    fill(store, "general", 3);
    assertThat(purge(store, "general", 3, Long.MIN_VALUE, 250)).isEqualTo(new Result(3, 4, null));
    assertThat(purge(store, "nowhere", 3, Long.MIN_VALUE, 250).failure()).isNotNull();
  }
}
