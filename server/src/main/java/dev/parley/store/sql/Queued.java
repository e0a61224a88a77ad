package dev.parley.store.sql;

import org.slf4j.LoggerFactory;

/**
 * What the writer's queue holds: an op it writes ({@link WriteOp}), a {@link Barrier} it runs once
 * the batch around it is answered, or the {@link Stop} that close queues last. A closed set, so
 * that the writer's loop sorts what it took with one chain that ends by throwing.
 *
 * <p>Contract: whatever is queued is answered exactly once: on the writer's thread after its batch,
 * or by {@link #closed} when it raced with close and was never written.
 */
sealed interface Queued permits WriteOp, Queued.Barrier, Queued.Stop {

  /** Answers without having been written: the store was closed first. Never throws. */
  void closed();

  /** The refusal of whatever arrives after close. */
  static IllegalStateException storeClosed() {
    return new IllegalStateException("the store is closed");
  }

  /**
   * Not written: runs after the callbacks of its batch, so after everything queued before it; with
   * {@code searchableFirst} (a search waiting, {@link Writer#whenSearchable}) the deferred FTS5
   * rows are written first.
   */
  record Barrier(Runnable then, boolean searchableFirst) implements Queued {
    @Override
    public void closed() {
      run();
    }

    /** Runs {@code then}; what it throws is logged and the writer goes on. */
    void run() {
      try {
        then.run();
      } catch (Throwable t) {
        LoggerFactory.getLogger(Writer.class)
            .error("a task after the store's writes threw; the writer goes on", t);
      }
    }
  }

  /** Queued by close, last: the writer commits everything before it and ends. */
  enum Stop implements Queued {
    STOP;

    @Override
    public void closed() {}
  }
}
