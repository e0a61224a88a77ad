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
 * Sessions and sign-in codes as every {@link SqlStore} must keep them: a session's row (its token
 * as a hash only), its last use moving forward only, its revocation, all loaded again on start; a
 * code used once, never after it expired, a user holding only the newest few; a user removed as
 * idle takes their sessions along; ended sessions found by how long they were unused and removed
 * only if they have still ended.
 */
abstract class SessionStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final long MINUTE = 60_000L;

  private static void user(Store store, String id) {
    store.write(
        new Change.UserSaved(new Snapshot.UserRow(id, id.toUpperCase(), null, "first-" + id, T0)));
  }

  private static Snapshot.SessionRow session(String id, String userId) {
    return new Snapshot.SessionRow(id, userId, "hash-" + id, T0, T0, "agent " + id, false);
  }

  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static String use(Store store, String hash, long now) {
    return store.useLink(hash, now).orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static Snapshot.SessionRow stored(Store store, String id) {
    return store.load().sessions().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }

  @Test
  void sessionsAreStoredSeenAndRevokedAndLoadedAgain() {
    SqlStore store = open();
    user(store, "u-ann");
    store.write(new Change.SessionSaved(session("s-one", "u-ann")));
    store.write(new Change.SessionSaved(session("s-two", "u-ann")));
    store.write(new Change.SessionSeen("s-one", T0 + 5000));
    store.write(new Change.SessionSeen("s-one", T0 + 1000)); // older: changes nothing
    store.write(new Change.SessionsRevoked("u-ann", List.of("s-two")));
    store.write(new Change.SessionsRevoked("u-other", List.of("s-one"))); // not theirs
    settle(store);

    Snapshot.SessionRow one = stored(store, "s-one");
    assertThat(one.userId()).isEqualTo("u-ann");
    assertThat(one.tokenHash()).isEqualTo("hash-s-one");
    assertThat(one.agent()).isEqualTo("agent s-one");
    assertThat(one.lastSeen()).isEqualTo(T0 + 5000);
    assertThat(one.revoked()).isFalse();
    assertThat(stored(store, "s-two").revoked()).isTrue();

    store.close();
    SqlStore again = open();
    assertThat(stored(again, "s-two").revoked()).as("after a restart too").isTrue();
    assertThat(stored(again, "s-one").lastSeen()).isEqualTo(T0 + 5000);
  }

  @Test
  void aCodeIsUsedOnceAndNeverAfterItExpired() {
    SqlStore store = open();
    user(store, "u-ann");
    store.write(new Change.LinkMade("code-a", "u-ann", T0, T0 + 10 * MINUTE));
    store.write(new Change.LinkMade("code-b", "u-ann", T0 + 1, T0 + 10 * MINUTE));
    assertThat(use(store, "code-a", T0 + MINUTE)).isEqualTo("u-ann");
    assertThat(use(store, "code-a", T0 + MINUTE)).as("once").isNull();
    assertThat(use(store, "code-b", T0 + 10 * MINUTE)).as("expired").isNull();
    assertThat(use(store, "code-unknown", T0)).isNull();
  }

  @Test
  void aUserHoldsTheNewestThreeCodes() {
    SqlStore store = open();
    user(store, "u-ann");
    for (int i = 0; i < 4; i++)
      store.write(new Change.LinkMade("code-" + i, "u-ann", T0 + i, T0 + 10 * MINUTE));
    assertThat(use(store, "code-0", T0 + 10)).isNull();
    assertThat(use(store, "code-1", T0 + 10)).isEqualTo("u-ann");
    assertThat(use(store, "code-3", T0 + 10)).isEqualTo("u-ann");
  }

  @Test
  void everyTokenFromBeforeSessionsBecomesOneSessionOfItsUser() throws Exception {
    Dialect dialect = Dialect.of(target.url());
    if (target
        .url()
        .startsWith("jdbc:sqlite:")) // the store makes its folder; here Flyway comes first
    java.nio.file.Files.createDirectories(
          java.nio.file.Path.of(target.url().substring("jdbc:sqlite:".length())).getParent());
    org.flywaydb.core.Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(target.url(), null, null)
        .locations(dialect.migrations)
        .target("9")
        .load()
        .migrate();
    try (java.sql.Connection c = dialect.openWriter(target.url());
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO users (id, nick, avatar, token_hash, created_ts) VALUES"
              + " ('u-old', 'Old', NULL, 'hash-old', 1000), ('u-two', 'Two', NULL, 'hash-two', 2000)");
    }

    Snapshot loaded = open().load(); // migrates to the latest
    assertThat(loaded.sessions())
        .extracting(Snapshot.SessionRow::userId, Snapshot.SessionRow::tokenHash)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("u-old", "hash-old"),
            org.assertj.core.groups.Tuple.tuple("u-two", "hash-two"));
    assertThat(loaded.sessions())
        .allSatisfy(
            r -> {
              assertThat(r.id()).startsWith("s").doesNotContain(r.tokenHash());
              assertThat(r.revoked()).isFalse();
            });
    assertThat(loaded.sessions().get(0).id()).isNotEqualTo(loaded.sessions().get(1).id());
  }

  @Test
  void endedSessionsAreFoundByHowLongTheyWereUnusedAndRemovedOnlyIfStillEnded() {
    long day = 24 * 60 * MINUTE;
    SqlStore store = open();
    user(store, "u-ann");
    String[][] rows = { // id, last seen (days after T0)
      {"s-revoked-long-ago", "1"},
      {"s-revoked-lately", "3"},
      {"s-expired-long-ago", "0"},
      {"s-expired-lately", "1"},
      {"s-used-again", "0"},
    };
    for (String[] r : rows) {
      long seen = T0 + Long.parseLong(r[1]) * day + 1;
      store.write(
          new Change.SessionSaved(
              new Snapshot.SessionRow(r[0], "u-ann", "hash-" + r[0], T0, seen, null, false)));
    }
    store.write(
        new Change.SessionsRevoked("u-ann", List.of("s-revoked-long-ago", "s-revoked-lately")));
    settle(store);

    // revoked and unused for two days, or unused for three whatever they are
    long revokedBefore = T0 + 2 * day;
    long expiredBefore = T0 + day;
    List<String> found =
        store
            .endedSessions(revokedBefore, expiredBefore, 100)
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
    assertThat(found)
        .containsExactlyInAnyOrder("s-revoked-long-ago", "s-expired-long-ago", "s-used-again");
    assertThat(store.endedSessions(revokedBefore, expiredBefore, 1).join())
        .as("at most max, the longest unused first")
        .hasSize(1)
        .isSubsetOf("s-expired-long-ago", "s-used-again");

    store.write(new Change.SessionSeen("s-used-again", T0 + 10 * day)); // in use again meanwhile
    store.write(new Change.SessionsRemoved(found, revokedBefore));
    settle(store);
    assertThat(stored(store, "s-revoked-long-ago")).isNull();
    assertThat(stored(store, "s-expired-long-ago")).isNull();
    assertThat(stored(store, "s-used-again")).as("seen since it was found").isNotNull();
    assertThat(stored(store, "s-revoked-lately")).isNotNull();
    assertThat(stored(store, "s-expired-lately")).isNotNull();
    assertThat(store.endedSessions(revokedBefore, expiredBefore, 100).join()).isEmpty();

    store.close();
    assertThat(open().load().sessions())
        .as("after a restart")
        .extracting(Snapshot.SessionRow::id)
        .containsExactlyInAnyOrder("s-revoked-lately", "s-expired-lately", "s-used-again");
  }

  @Test
  void aUserRemovedAsIdleTakesTheirSessionsAndCodesAlong() {
    SqlStore store = open();
    user(store, "u-gone");
    store.write(new Change.SessionSaved(session("s-gone", "u-gone")));
    store.write(new Change.LinkMade("code-gone", "u-gone", T0, Long.MAX_VALUE));
    store.write(new Change.UsersPruned(List.of("u-gone"), T0 + 1));
    settle(store);
    assertThat(stored(store, "s-gone")).isNull();
    assertThat(use(store, "code-gone", T0)).isNull();
  }
}
