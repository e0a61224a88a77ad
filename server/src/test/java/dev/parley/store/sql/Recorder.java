package dev.parley.store.sql;

import dev.parley.domain.Event;
import dev.parley.domain.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One append's answer: what the writer called back with, and on which thread. */
final class Recorder implements Store.Appended {

  record Answer(Event event, boolean duplicate, Throwable failure, String thread) {}

  final CompletableFuture<Answer> answer = new CompletableFuture<>();

  @Override
  public void stored(Event event, boolean duplicate) {
    answer.complete(new Answer(event, duplicate, null, Thread.currentThread().getName()));
  }

  @Override
  public void failed(Throwable cause) {
    answer.complete(new Answer(null, false, cause, Thread.currentThread().getName()));
  }

  Answer get() {
    try {
      return answer.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer from the store", e);
    }
  }

  /** The stored event; fails the test if the append failed. */
  Event event() {
    Answer a = get();
    if (a.failure() != null) throw new AssertionError("append failed", a.failure());
    return a.event();
  }
}
