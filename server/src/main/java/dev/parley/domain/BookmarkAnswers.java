package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.QUOTA;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * How a pin or a save answers its store step ({@link Bookmarks.Outcome}): the same words for the
 * same outcome, so {@link Pins} and {@link SavedMessages} say only what differs (the bound, what a
 * change tells others).
 */
final class BookmarkAnswers {
  private BookmarkAnswers() {}

  /**
   * The answer to {@code ref} for message {@code seq} of {@code room}: a failure is logged and
   * {@code internal} with {@code tryAgain}; no message is {@code not_found}; the bound is {@code
   * quota} with {@code full}; a change runs {@code changed} and is {@code ok}, as is no change.
   */
  static BiConsumer<Bookmarks.Outcome, Throwable> to(
      Client client,
      String ref,
      String room,
      long seq,
      String tryAgain,
      String full,
      Consumer<Throwable> logFailure,
      Runnable changed) {
    return (outcome, failure) -> {
      if (failure != null) {
        logFailure.accept(failure);
        client.send(new Out.Error(ref, INTERNAL.wire(), tryAgain));
        return;
      }
      switch (outcome) {
        case NO_MESSAGE ->
            client.send(
                new Out.Error(
                    ref, NOT_FOUND.wire(), "There is no message #" + seq + " in " + room + "."));
        case FULL -> client.send(new Out.Error(ref, QUOTA.wire(), full));
        case ADDED, REMOVED -> {
          changed.run();
          client.send(new Out.Ok(ref, null));
        }
        case UNCHANGED -> client.send(new Out.Ok(ref, null));
      }
    };
  }
}
