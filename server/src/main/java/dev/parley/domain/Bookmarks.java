package dev.parley.domain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What people mark in rooms' logs, kept by the store: a room's pinned messages, a person's saved
 * messages (their bookmarks), and where a room's log reaches a moment (for "jump to a date"). The
 * steps that add a pin or a saved message go through the store's writer, which checks in its
 * transaction that the message exists and counts against the bound, so two nodes adding the last
 * pin at once cannot both succeed on one database. Reads run on the store's read pool.
 */
public interface Bookmarks {

  /** How a {@link #pin} or {@link #save} ended. */
  enum Outcome {
    /** Pinned or saved now. */
    ADDED,
    /** Unpinned or unsaved now. */
    REMOVED,
    /** Already as asked: nothing changed. */
    UNCHANGED,
    /** The room holds no message of that seq (a notice, nothing, or a deleted message). */
    NO_MESSAGE,
    /** Adding it would pass the bound. */
    FULL
  }

  /** A saved message: the room, its seq, and the message as it now is. */
  record Saved(String room, long seq, long ts, Message message) {}

  /**
   * Pins ({@code on}) or unpins message {@code seq} of {@code room}, pinned by {@code byId} at
   * {@code ts}; a room holds at most {@code max} pins (pins of messages since deleted or purged do
   * not count, and go).
   */
  CompletableFuture<Outcome> pin(String room, long seq, boolean on, String byId, long ts, int max);

  /**
   * The room's pinned messages as they now are, most recently pinned first; deleted ones left out.
   */
  CompletableFuture<List<Message>> pins(String room);

  /** Saves ({@code on}) or unsaves a message for {@code userId}, who keeps at most {@code max}. */
  CompletableFuture<Outcome> save(
      String userId, String room, long seq, boolean on, long ts, int max);

  /**
   * The user's saved messages still in their rooms' logs, newest saved first, at most {@code max}.
   */
  CompletableFuture<List<Saved>> saved(String userId, int max);

  /**
   * The seq of the room's first event at or after {@code ts} (ms), or null when every event is
   * older.
   */
  CompletableFuture<Long> seqAt(String room, long ts);

  /**
   * Every notification level a member chose, read once at start: (room, user id, level) triples.
   */
  List<String[]> notifyLevels();

  /** A store that keeps none of it: every step fails, nothing is held. */
  Bookmarks NONE =
      new Bookmarks() {
        private <T> CompletableFuture<T> none() {
          return CompletableFuture.failedFuture(
              new UnsupportedOperationException("this store keeps no pins or saved messages"));
        }

        @Override
        public CompletableFuture<Outcome> pin(
            String room, long seq, boolean on, String byId, long ts, int max) {
          return none();
        }

        @Override
        public CompletableFuture<List<Message>> pins(String room) {
          return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Outcome> save(
            String userId, String room, long seq, boolean on, long ts, int max) {
          return none();
        }

        @Override
        public CompletableFuture<List<Saved>> saved(String userId, int max) {
          return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Long> seqAt(String room, long ts) {
          return none();
        }

        @Override
        public List<String[]> notifyLevels() {
          return List.of();
        }
      };
}
