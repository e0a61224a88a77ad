package dev.parley.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One search at a time per user (on this node), so that one person cannot hold every search thread,
 * however many requests or tabs they open.
 *
 * <p>Parley's decision for a search that arrives while the same user's previous one still runs: the
 * previous one is stopped ({@link SearchBudget#stop}: it answers at once with what it has, a
 * partial page), and the new one starts when it has ended. Typing into a search box asks again with
 * every pause, and the newest question is the one the person waits for. A search still waiting when
 * an even newer one arrives is answered {@code search_busy} (its asker has moved on). The waiting
 * time counts against the new search's own {@link SearchBudget}.
 *
 * <p>Thread-safe: the turns are guarded by this object's monitor, held only to update them.
 */
public final class SearchTurns {

  /** A user's running search and, if any, the one waiting for it. */
  private static final class Turn {
    SearchBudget running;
    Waiting waiting;
  }

  private record Waiting(
      SearchBudget budget,
      Supplier<CompletableFuture<Search.Page>> search,
      CompletableFuture<Search.Page> answer) {}

  /** Turns of users with a search running; guarded by {@code this}. */
  private final Map<String, Turn> turns = new HashMap<>();

  /**
   * Runs {@code search} (which spends {@code budget}) when it is {@code user}'s turn, and answers
   * with its page.
   */
  public CompletableFuture<Search.Page> run(
      String user, SearchBudget budget, Supplier<CompletableFuture<Search.Page>> search) {
    CompletableFuture<Search.Page> answer = new CompletableFuture<>();
    Waiting replaced;
    SearchBudget previous;
    synchronized (this) {
      Turn turn = turns.get(user);
      if (turn == null) {
        turn = new Turn();
        turn.running = budget;
        turns.put(user, turn);
        replaced = null;
        previous = null;
      } else {
        replaced = turn.waiting;
        turn.waiting = new Waiting(budget, search, answer);
        previous = turn.running;
      }
    }
    if (previous == null) {
      launch(user, search, answer);
      return answer;
    }
    previous.stop();
    if (replaced != null) {
      replaced.answer.completeExceptionally(
          new ChatException(
              ChatException.Code.SEARCH_BUSY,
              "A newer search of yours took the place of this one."));
    }
    return answer;
  }

  /** Users with a search running or waiting; for tests. */
  synchronized int users() {
    return turns.size();
  }

  private void launch(
      String user,
      Supplier<CompletableFuture<Search.Page>> search,
      CompletableFuture<Search.Page> answer) {
    CompletableFuture<Search.Page> running;
    try {
      running = search.get();
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete(
        (page, error) -> {
          Waiting next;
          synchronized (this) {
            Turn turn = turns.get(user);
            next = turn.waiting;
            turn.waiting = null;
            if (next == null) turns.remove(user);
            else turn.running = next.budget;
          }
          if (error != null) answer.completeExceptionally(error);
          else answer.complete(page);
          if (next != null) launch(user, next.search, next.answer);
        });
  }
}
