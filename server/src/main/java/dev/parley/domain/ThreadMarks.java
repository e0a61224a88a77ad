package dev.parley.domain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The threads a person takes part in and how far they read each, kept by the store (V24): a
 * per-thread read marker of each person ({@code read} with {@code thread}), and the list of threads
 * they started, replied in or are mentioned in ({@code threads}), across the rooms they are in.
 */
public interface ThreadMarks {

  /**
   * One thread of the list: its room, its root as it now is, and how many of its replies by others
   * the person has not read (after their marker and after their own latest reply).
   */
  record Item(String room, Message root, int unread) {}

  /** A place in the list, newest activity first: after the thread of this root. */
  record Cursor(long lastTs, String room, long seq) {}

  /**
   * Moves {@code userId}'s marker in the thread of root {@code root} of {@code room} forward to
   * {@code seq}; answers the marker now, or null when the room holds no thread of that root (then
   * nothing is stored, so the rows a person can leave are bounded by the threads there are).
   */
  CompletableFuture<Long> read(String userId, String room, long root, long seq);

  /**
   * The threads {@code userId} takes part in, in the rooms they are a member of, newest last reply
   * first, after {@code after} (null: from the newest), at most {@code limit}.
   */
  CompletableFuture<List<Item>> threads(String userId, Cursor after, int limit);

  /** A store that keeps none of it: no threads, and a marker is refused. */
  ThreadMarks NONE =
      new ThreadMarks() {
        @Override
        public CompletableFuture<Long> read(String userId, String room, long root, long seq) {
          return CompletableFuture.failedFuture(
              new UnsupportedOperationException("this store keeps no thread markers"));
        }

        @Override
        public CompletableFuture<List<Item>> threads(String userId, Cursor after, int limit) {
          return CompletableFuture.completedFuture(List.of());
        }
      };
}
