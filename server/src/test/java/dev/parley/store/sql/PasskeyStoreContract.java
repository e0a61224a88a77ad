package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Passkey;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Passkeys as every {@link SqlStore} must keep them: a registration's row with its key bytes
 * exactly, its counter and last use moving forward only (two nodes' uses may commit in either
 * order), a removal only by its own user, all loaded again on start.
 */
abstract class PasskeyStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;

  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static Passkey passkey(String id, String userId, byte[] key) {
    return new Passkey(id, userId, key, 3, "Laptop " + id, T0, 0, "internal,usb", null);
  }

  private static Passkey stored(Store store, String id) {
    return store.passkeys().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
  }

  @Test
  void passkeysAreStoredUsedAndRemovedAndLoadedAgain() {
    SqlStore store = open();
    store.write(new Change.UserSaved(new Snapshot.UserRow("u-ann", "Ann", null, "first-ann", T0)));
    byte[] key = new byte[77];
    for (int i = 0; i < key.length; i++) key[i] = (byte) (i * 37 - 128);
    store.write(new Change.PasskeySaved(passkey("pk-one", "u-ann", key)));
    store.write(new Change.PasskeySaved(passkey("pk-two", "u-ann", new byte[] {1, 2, 3})));
    store.write(new Change.PasskeyUsed("pk-one", 9, T0 + 5000));
    store.write(new Change.PasskeyUsed("pk-one", 7, T0 + 1000)); // an older use: changes nothing
    store.write(new Change.PasskeyRemoved("u-bob", "pk-two")); // not Bob's: stays
    settle(store);

    Passkey one = stored(store, "pk-one");
    assertThat(one.userId()).isEqualTo("u-ann");
    assertThat(one.publicKey()).isEqualTo(key);
    assertThat(one.signCount()).isEqualTo(9);
    assertThat(one.lastUsed()).isEqualTo(T0 + 5000);
    assertThat(one.name()).isEqualTo("Laptop pk-one");
    assertThat(one.transports()).isEqualTo("internal,usb");
    assertThat(stored(store, "pk-two")).as("only its own user removes it").isNotNull();

    store.write(new Change.PasskeyRemoved("u-ann", "pk-two"));
    settle(store);
    store.close();
    SqlStore again = open();
    assertThat(again.passkeys()).extracting(Passkey::id).containsExactly("pk-one");
    assertThat(stored(again, "pk-one").signCount()).as("after a restart too").isEqualTo(9);
  }
}
