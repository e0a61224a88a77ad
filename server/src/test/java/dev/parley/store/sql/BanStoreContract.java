package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Server-wide bans as every {@link SqlStore} must keep them: a ban with its reason, who made it and
 * when, replaced by a later ban of the same user, gone when lifted, and there again after a restart
 * (a store opened anew, as the command line opens one while a node runs); a banned user is never
 * removed as idle (their nick stays held).
 */
abstract class BanStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;

  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static List<Snapshot.BanRow> bans(Store store) {
    return store.bans().orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void aBanIsKeptWithItsReasonReplacedByALaterOneAndGoneWhenLifted() {
    SqlStore store = open();
    assertThat(bans(store)).isEmpty();
    store.write(new Change.Banned("u-ann", "spam", "u-boss", T0));
    store.write(new Change.Banned("u-bob", null, "cli", T0 + 1));
    settle(store);
    assertThat(bans(store))
        .containsExactlyInAnyOrder(
            new Snapshot.BanRow("u-ann", "spam", "u-boss", T0),
            new Snapshot.BanRow("u-bob", null, "cli", T0 + 1));

    store.write(new Change.Banned("u-ann", "spam, again", "cli", T0 + 2));
    store.write(new Change.Unbanned("u-bob"));
    store.write(new Change.Unbanned("u-nobody"));
    settle(store);
    assertThat(bans(store))
        .containsExactly(new Snapshot.BanRow("u-ann", "spam, again", "cli", T0 + 2));
  }

  @Test
  void bansOutliveARestartAndReachAnotherStoreOnTheSameDatabase() {
    SqlStore store = open();
    store.write(new Change.Banned("u-cleo", "abuse", "u-boss", T0));
    settle(store);
    SqlStore other = open(); // the command line's, while the node runs
    other.write(new Change.Banned("u-dan", null, "cli", T0 + 5));
    settle(other);
    assertThat(bans(store)).extracting(Snapshot.BanRow::userId).contains("u-cleo", "u-dan");
    store.close();
    assertThat(bans(open())).extracting(Snapshot.BanRow::userId).contains("u-cleo", "u-dan");
  }

  @Test
  void aBannedUserWhoNeverSpokeIsNotRemovedAsIdle() {
    SqlStore store = open();
    for (String id : List.of("u-quiet", "u-banned")) {
      store.write(
          new Change.UserSaved(new Snapshot.UserRow(id, id.toUpperCase(), null, "h-" + id, T0)));
      store.write(new Change.UserSeen(id, T0 + 1000));
    }
    store.write(new Change.Banned("u-banned", "spam", "u-boss", T0 + 2000));
    settle(store);
    long cutoff = T0 + 86_400_000L + 5000;
    List<String> idle = store.idleUsers(cutoff, 100).orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(idle).containsExactly("u-quiet");
    store.write(new Change.UsersPruned(List.of("u-quiet", "u-banned"), cutoff));
    settle(store);
    assertThat(store.load().users()).extracting(Snapshot.UserRow::id).containsExactly("u-banned");
  }
}
