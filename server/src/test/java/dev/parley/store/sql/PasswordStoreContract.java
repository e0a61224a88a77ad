package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Password hashes as every {@link SqlStore} must keep them: a user has none until one is set, a new
 * one replaces the old, both are loaded again on start, and a protected user is never one the
 * removal of idle users picks.
 */
abstract class PasswordStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final String PHC = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo";

  private static void user(Store store, String id) {
    store.write(
        new Change.UserSaved(new Snapshot.UserRow(id, id.toUpperCase(), null, "first-" + id, T0)));
  }

  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static Snapshot.UserRow stored(Store store, String id) {
    return store.load().users().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPasswordHashIsStoredReplacedAndLoadedAgain() {
    SqlStore store = open();
    user(store, "u-ann");
    user(store, "u-bob");
    store.write(new Change.PasswordSet("u-ann", PHC));
    settle(store);
    assertThat(stored(store, "u-ann").passwordHash()).isEqualTo(PHC);
    assertThat(stored(store, "u-bob").passwordHash()).isNull();

    store.write(new Change.PasswordSet("u-ann", PHC + "2"));
    store.write(
        new Change.UserSaved(new Snapshot.UserRow("u-ann", "ANNA", null, "first-u-ann", T0)));
    settle(store);
    store.close();
    SqlStore again = open();
    Snapshot.UserRow ann = stored(again, "u-ann");
    assertThat(ann.passwordHash()).as("a rename keeps the password").isEqualTo(PHC + "2");
    assertThat(ann.nick()).isEqualTo("ANNA");
  }

  @Test
  void aRehashReplacesOnlyTheHashItWasMadeFrom() {
    String today = "$argon2id$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0$bmV3aGFzaG5ld2hhc2g";
    SqlStore store = open();
    user(store, "u-ann");
    user(store, "u-bob");
    store.write(new Change.PasswordSet("u-ann", PHC));
    store.write(new Change.PasswordSet("u-bob", PHC + "changed"));
    store.write(new Change.PasswordRehashed("u-ann", PHC, today));
    store.write(new Change.PasswordRehashed("u-bob", PHC, today));
    settle(store);
    assertThat(stored(store, "u-ann").passwordHash()).isEqualTo(today);
    assertThat(stored(store, "u-bob").passwordHash())
        .as("a password set meanwhile is not overwritten by the old one's new hash")
        .isEqualTo(PHC + "changed");
  }

  @Test
  void aProtectedUserIsNeverRemovedAsIdle() {
    SqlStore store = open();
    user(store, "u-quiet");
    user(store, "u-kept");
    store.write(new Change.PasswordSet("u-kept", PHC));
    settle(store);
    assertThat(store.idleUsers(T0 + 1, 100).orTimeout(20, TimeUnit.SECONDS).join())
        .contains("u-quiet")
        .doesNotContain("u-kept");
  }
}
