package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Store.RoomClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On the cluster's PostgreSQL the claim of a new room's name also holds its creator to the room
 * quota, whichever node claims: two stores on one schema (two nodes) claiming for one creator at
 * once grant exactly the quota. (On SQLite one node decides in memory; the store answers at once.)
 */
class PostgresRoomClaimsTest extends FreshStores {

  private static final int QUOTA = 5;
  private static final long NOW = 1_800_000_000_000L;
  private static final long DAY = 24L * 60 * 60 * 1000;

  @Override
  Target newTarget() {
    return Target.postgres();
  }

  private static RoomClaim claim(SqlStore store, String name, String creator, long ts) {
    return store
        .claimRoom(new Change.RoomSaved(name, "", creator, ts), QUOTA, NOW - DAY)
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
  }

  @Test
  void twoNodesClaimingForOneCreatorAtOnceGrantExactlyTheQuota() {
    SqlStore first = open();
    SqlStore second = open();
    List<CompletableFuture<RoomClaim>> claims = new ArrayList<>();
    for (int i = 0; i < 4 * QUOTA; i++) {
      SqlStore node = i % 2 == 0 ? first : second;
      claims.add(node.claimRoom(new Change.RoomSaved("r" + i, "", "u-ann", NOW), QUOTA, NOW - DAY));
    }
    Map<RoomClaim, Integer> outcomes = new TreeMap<>();
    for (CompletableFuture<RoomClaim> c : claims)
      outcomes.merge(c.orTimeout(20, TimeUnit.SECONDS).join(), 1, Integer::sum);

    assertThat(outcomes)
        .isEqualTo(Map.of(RoomClaim.CLAIMED, QUOTA, RoomClaim.OVER_QUOTA, 3 * QUOTA));
    assertThat(claim(first, "bob-room", "u-bob", NOW))
        .as("another creator")
        .isEqualTo(RoomClaim.CLAIMED);
  }

  @Test
  void aTakenNameOldRoomsAndDirectRoomsAreToldApart() {
    SqlStore store = open();
    assertThat(claim(store, "general", "u-ann", NOW)).isEqualTo(RoomClaim.TAKEN);
    for (int i = 0; i < QUOTA; i++)
      assertThat(claim(store, "old" + i, "u-ann", NOW - DAY - 1)).isEqualTo(RoomClaim.CLAIMED);
    store.write(new Change.RoomSaved("dm:u-ann:u-bob", "", "u-ann", NOW));
    CompletableFuture<Void> committed = new CompletableFuture<>();
    store.afterQueued(() -> committed.complete(null));
    committed.orTimeout(20, TimeUnit.SECONDS).join();
    for (int i = 0; i < QUOTA; i++)
      assertThat(claim(store, "new" + i, "u-ann", NOW)).isEqualTo(RoomClaim.CLAIMED);
    assertThat(claim(store, "one-too-many", "u-ann", NOW)).isEqualTo(RoomClaim.OVER_QUOTA);
    assertThat(store.load().rooms()).noneMatch(r -> r.name().equals("one-too-many"));
  }
}
