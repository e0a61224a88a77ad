package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.PushBook;
import dev.parley.domain.PushDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Web Push's records (version 25), on SQLite and PostgreSQL alike: one VAPID key pair whoever
 * stores first, a user's devices in order, the bound on devices, an endpoint taken over by the
 * account that subscribes it last, and removal by the user or by the push service's word.
 */
abstract class PushBookContract extends FreshStores {
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeBooks() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
  }

  private SqlPushBook book(SqlStore store) {
    SqlPushBook book = SqlPushBook.open(target.url(), store);
    closing.add(book);
    return book;
  }

  private static PushDevice device(int n) {
    return new PushDevice("https://push.example/" + n, "key" + n, "auth" + n);
  }

  @Test
  void theFirstKeyPairStoredIsEveryonesForGood() throws Exception {
    SqlStore store = open();
    SqlPushBook a = book(store);
    SqlPushBook b = book(store);
    PushBook.Keys first = a.keys(() -> new PushBook.Keys(new byte[] {1, 2}, new byte[] {3, 4}));
    PushBook.Keys second = b.keys(() -> new PushBook.Keys(new byte[] {9}, new byte[] {9}));
    assertThat(first.publicKey()).containsExactly(1, 2);
    assertThat(first.privateKey()).containsExactly(3, 4);
    assertThat(second.publicKey()).containsExactly(1, 2);
    assertThat(second.privateKey()).containsExactly(3, 4);
  }

  @Test
  void devicesAreKeptBoundedTakenOverAndRemoved() throws Exception {
    SqlPushBook book = book(open());
    assertThat(book.add("u-ann", device(1), 2, 100)).isTrue();
    assertThat(book.add("u-ann", device(2), 2, 200)).isTrue();
    assertThat(book.add("u-ann", device(3), 2, 300)).as("a third, over the bound").isFalse();
    assertThat(book.add("u-ann", device(1), 2, 400)).as("a renewal counts once").isTrue();
    assertThat(book.devices("u-ann")).containsExactly(device(2), device(1));

    assertThat(book.add("u-bob", device(2), 2, 500)).as("bob signs in on ann's device").isTrue();
    assertThat(book.devices("u-ann")).containsExactly(device(1));
    assertThat(book.devices("u-bob")).containsExactly(device(2));

    assertThat(book.remove("u-bob", device(1).endpoint())).as("not bob's").isFalse();
    assertThat(book.remove("u-ann", device(1).endpoint())).isTrue();
    assertThat(book.devices("u-ann")).isEmpty();
    book.drop(device(2).endpoint());
    assertThat(book.devices("u-bob")).isEmpty();
  }
}
