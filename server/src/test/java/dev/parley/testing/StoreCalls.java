package dev.parley.testing;

import dev.parley.domain.Amendment;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The store's callbacks as plain calls that wait, for tests that drive a store directly. */
public final class StoreCalls {
  private StoreCalls() {}

  /** Appends and returns the stored event; a failed append fails the test. */
  public static Event append(Store store, Event draft) {
    CompletableFuture<Event> done = new CompletableFuture<>();
    store.append(
        draft,
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            done.complete(event);
          }

          @Override
          public void failed(Throwable cause) {
            done.completeExceptionally(cause);
          }
        });
    return done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  /**
   * Applies an amendment and returns the message as it now is; a refusal or failure fails the test.
   */
  public static Message amend(Store store, Amendment amendment) {
    CompletableFuture<Message> done = new CompletableFuture<>();
    store.amend(
        amendment,
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            done.complete(message);
          }

          @Override
          public void failed(Throwable cause) {
            done.completeExceptionally(cause);
          }
        });
    return done.orTimeout(20, TimeUnit.SECONDS).join();
  }
}
