package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One search at a time per user: a newer search stops the running one and waits for it. */
class SearchTurnsTest {
  static final Search.Page EMPTY = new Search.Page(List.of(), null);

  @Test
  void aNewerSearchStopsTheRunningOneAndStartsWhenItHasEnded() {
    SearchTurns turns = new SearchTurns();
    AtomicInteger started = new AtomicInteger();
    CompletableFuture<Search.Page> first = new CompletableFuture<>();
    SearchBudget firstBudget = SearchBudget.start();
    CompletableFuture<Search.Page> firstAnswer =
        turns.run(
            "ann",
            firstBudget,
            () -> {
              started.incrementAndGet();
              return first;
            });
    assertThat(started).hasValue(1);

    CompletableFuture<Search.Page> second = new CompletableFuture<>();
    CompletableFuture<Search.Page> secondAnswer =
        turns.run(
            "ann",
            SearchBudget.start(),
            () -> {
              started.incrementAndGet();
              return second;
            });
    assertThat(firstBudget.exhausted()).as("the running search was told to stop").isTrue();
    assertThat(started).as("the newer one waits for it").hasValue(1);

    // someone else's search runs at once
    CompletableFuture<Search.Page> bob = new CompletableFuture<>();
    turns.run("bob", SearchBudget.start(), () -> bob);
    assertThat(turns.users()).isEqualTo(2);

    Search.Page partial = new Search.Page(List.of(), new Search.Cursor(1, "general", 1), true);
    first.complete(partial);
    assertThat(firstAnswer.join()).isSameAs(partial);
    assertThat(started).as("the newer one started when the first ended").hasValue(2);
    second.complete(EMPTY);
    assertThat(secondAnswer.join()).isSameAs(EMPTY);
    bob.complete(EMPTY);
    assertThat(turns.users()).isZero();
  }

  @Test
  void aSearchStillWaitingWhenAnotherArrivesIsBusy() {
    SearchTurns turns = new SearchTurns();
    CompletableFuture<Search.Page> first = new CompletableFuture<>();
    turns.run("ann", SearchBudget.start(), () -> first);
    CompletableFuture<Search.Page> waiting =
        turns.run(
            "ann",
            SearchBudget.start(),
            () -> {
              throw new AssertionError("never started: a newer search took its place");
            });
    CompletableFuture<Search.Page> third =
        turns.run("ann", SearchBudget.start(), () -> CompletableFuture.completedFuture(EMPTY));

    assertThat(waiting).isCompletedExceptionally();
    Throwable why =
        waiting.handle((page, e) -> e instanceof CompletionException ? e.getCause() : e).join();
    assertThat(why).isInstanceOf(ChatException.class);
    assertThat(((ChatException) why).code()).isEqualTo(ChatException.Code.SEARCH_BUSY);
    assertThat(third).isNotDone();
    first.complete(EMPTY);
    assertThat(third.join()).isSameAs(EMPTY);
    assertThat(turns.users()).isZero();
  }

  @Test
  void aSearchThatFailsStillEndsItsTurn() {
    SearchTurns turns = new SearchTurns();
    CompletableFuture<Search.Page> failed =
        turns.run(
            "ann",
            SearchBudget.start(),
            () -> {
              throw new IllegalStateException("the store is closed");
            });
    assertThat(failed).isCompletedExceptionally();
    assertThat(turns.users()).isZero();
    assertThat(
            turns
                .run("ann", SearchBudget.start(), () -> CompletableFuture.completedFuture(EMPTY))
                .join())
        .isSameAs(EMPTY);
  }
}
