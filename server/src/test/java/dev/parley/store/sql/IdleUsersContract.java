package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import dev.parley.testing.StoreCalls;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Users who never sent anything and are gone, as every {@link SqlStore} must tell them: not marked
 * as having spoken, no message anywhere, in no direct conversation, last seen and created before
 * the cut-off. Their removal takes their row and memberships (so the nick and general's member
 * count go with them) and leaves the log as it was; it checks every condition again, so a user who
 * spoke since they were found stays.
 */
abstract class IdleUsersContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final long DAY = 86_400_000L;

  private static Profile user(Store store, String id, long created) {
    Profile p = new Profile(id, id.toUpperCase(), null);
    store.write(
        new Change.UserSaved(new Snapshot.UserRow(id, p.nick(), null, "hash-" + id, created)));
    store.write(new Change.MemberAdded("general", id, 0));
    StoreCalls.append(store, Notice.draft("general", Notice.Kind.JOIN, p, created));
    return p;
  }

  private static List<String> idle(Store store, long seenBefore) {
    return store.idleUsers(seenBefore, 100).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** Waits until everything written so far is committed. */
  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void aSilentUserGoneForADayIsFoundAndRemovedWithTheirMembershipsButNotTheLog() {
    SqlStore store = open();
    Profile silent = user(store, "u-silent", T0);
    store.write(new Change.UserSeen(silent.id(), T0 + 1000));
    Profile back = user(store, "u-back", T0);
    store.write(new Change.UserSeen(back.id(), T0 + 2 * DAY)); // came back later
    settle(store);

    long cutoff = T0 + DAY + 5000;
    assertThat(idle(store, cutoff)).containsExactly(silent.id());
    store.write(new Change.UsersPruned(List.of(silent.id()), cutoff));
    settle(store);

    Snapshot after = store.load();
    assertThat(after.users())
        .extracting(Snapshot.UserRow::id)
        .doesNotContain(silent.id())
        .contains(back.id());
    assertThat(after.members())
        .extracting(Snapshot.MemberRow::userId)
        .doesNotContain(silent.id())
        .contains(back.id());
    List<Event> log = store.history("general", null, null, 50).join().events();
    assertThat(log)
        .filteredOn(e -> e instanceof Notice n && n.user().id().equals(silent.id()))
        .hasSize(1);
    assertThat(idle(store, cutoff)).isEmpty();

    // a store opened again knows the same
    store.close();
    opened.remove(store);
    assertThat(open().load().users()).extracting(Snapshot.UserRow::id).doesNotContain(silent.id());
  }

  @Test
  void whoeverSentSomethingOrWasWrittenToIsKept() {
    SqlStore store = open();
    Profile talker = user(store, "u-talker", T0);
    long said =
        StoreCalls.append(store, Message.draft("general", "c-1", talker, T0 + 10, "hello", null))
            .seq();
    Profile imported = user(store, "u-imported", T0); // a message, but never marked (an import)
    StoreCalls.append(
        store, Message.draft("general", "c-2", imported, T0 + 20, "from the archive", null));
    Profile reactor = user(store, "u-reactor", T0);
    store.write(new Change.UserSpoke(reactor.id()));
    StoreCalls.amend(store, new Amendment.React("general", said, reactor, "👍", true));
    Profile maker = user(store, "u-maker", T0);
    store.write(new Change.UserSpoke(maker.id()));
    store.write(new Change.RoomSaved("makers", "", maker.id(), T0));
    Profile written = user(store, "u-written-to", T0);
    store.write(new Change.MemberAdded("dm:" + talker.id() + ":" + written.id(), written.id(), 0));
    Profile fresh =
        user(store, "u-fresh", T0 + 2 * DAY); // created after the cut-off, never disconnected
    Profile silent = user(store, "u-silent2", T0);
    for (Profile p : List.of(talker, imported, reactor, maker, written, fresh, silent)) {
      store.write(new Change.UserSeen(p.id(), T0 + 1000));
    }
    settle(store);

    long cutoff = T0 + DAY;
    assertThat(idle(store, cutoff)).containsExactly(silent.id());
    List<String> everyone =
        List.of(
            talker.id(),
            imported.id(),
            reactor.id(),
            maker.id(),
            written.id(),
            fresh.id(),
            silent.id());
    store.write(
        new Change.UsersPruned(
            everyone, cutoff)); // the removal checks again: only the silent one goes
    settle(store);
    assertThat(store.load().users())
        .extracting(Snapshot.UserRow::id)
        .contains(talker.id(), imported.id(), reactor.id(), maker.id(), written.id(), fresh.id())
        .doesNotContain(silent.id());
  }

  @Test
  void aUserFoundIdleWhoSpeaksBeforeTheRemovalStays() {
    SqlStore store = open();
    Profile late = user(store, "u-late", T0);
    store.write(new Change.UserSeen(late.id(), T0 + 1000));
    settle(store);
    long cutoff = T0 + DAY;
    assertThat(idle(store, cutoff)).containsExactly(late.id());
    store.write(new Change.UserSpoke(late.id()));
    store.write(new Change.UsersPruned(List.of(late.id()), cutoff));
    settle(store);
    assertThat(store.load().users()).extracting(Snapshot.UserRow::id).contains(late.id());
  }

  @Test
  void lastSeenOnlyMovesForwardAndTheLongestGoneComeFirst() {
    SqlStore store = open();
    Profile a = user(store, "u-a", T0);
    Profile b = user(store, "u-b", T0);
    store.write(new Change.UserSeen(a.id(), T0 + 5000));
    store.write(new Change.UserSeen(a.id(), T0 + 100)); // an older report changes nothing
    store.write(new Change.UserSeen(b.id(), T0 + 2000));
    settle(store);
    assertThat(idle(store, T0 + 4000)).containsExactly(b.id());
    assertThat(idle(store, T0 + DAY)).containsExactly(b.id(), a.id());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).as("the writer reached the barrier").isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A batch that fails after it began a run of last-seen marks takes them back with it: the next
   * batch that marks someone must not write them after all (the run's statement kept them).
   */
  @Test
  void aMarkOfAFailedBatchIsNotWrittenByTheNextOne() {
    SqlStore store = open();
    Profile a = user(store, "u-a", T0);
    Profile b = user(store, "u-b", T0);
    store.write(new Change.UserSeen(a.id(), T0 + 100));
    store.write(new Change.UserSeen(b.id(), T0 + 100));
    settle(store);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch queued = new CountDownLatch(1);
    store.afterQueued(
        () -> { // holds the writer, so that the next two writes are one batch
          held.countDown();
          try {
            queued.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    await(held);
    store.write(new Change.UserSeen(a.id(), T0 + 5000));
    store.write(
        new Change.Restored(
            Notice.draft("nowhere", Notice.Kind.JOIN, a, T0).withSeq(1))); // fails the batch
    queued.countDown();
    settle(store);
    store.write(new Change.UserSeen(b.id(), T0 + 200)); // the same statement, in a batch of its own
    settle(store);
    assertThat(idle(store, T0 + 4000)).containsExactly(a.id(), b.id());
  }
}
