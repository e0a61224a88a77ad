package dev.parley.uploads;

import dev.parley.domain.Store;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the uploaded files that no message held anywhere points at any more, after retention
 * removed messages. Files are content-addressed and shared between messages, so a file goes
 * only when no remaining message in any room uses it (one indexed query per hundred files); a
 * file written or claimed by a message within the grace period (an hour: uploaded and not sent
 * yet, or on its way to the store) always stays. Works the same on uploads in the data folder
 * and in a cluster's database. Runs on its own thread: it lists and deletes uploads, which must
 * not happen on the store's writer or an event loop.
 */
public final class UploadSweep implements AutoCloseable {
  public static final long GRACE_MILLIS = 3_600_000L;

  private static final Logger LOG = LoggerFactory.getLogger(UploadSweep.class);

  private final UploadStore uploads;
  private final Store store;
  private final LongSupplier clock;
  private final long graceMillis;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-upload-sweep");
            t.setDaemon(true);
            return t;
          });

  public UploadSweep(UploadStore uploads, Store store, LongSupplier clock, long graceMillis) {
    this.uploads = uploads;
    this.store = store;
    this.clock = clock;
    this.graceMillis = graceMillis;
  }

  /** Asks for a sweep; returns at once. */
  public void request() {
    try {
      thread.execute(this::sweepNow);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down: the next start's first purge sweeps again
    }
  }

  /** One sweep on the calling thread; the number of files removed. */
  public int sweepNow() {
    long olderThan = clock.getAsLong() - graceMillis;
    uploads.removeStaleTemp(olderThan);
    List<String> idle = uploads.idleSince(olderThan);
    if (idle.isEmpty()) return 0;
    Set<String> referenced;
    try {
      referenced = store.referencedImages(idle).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("uploads sweep skipped: cannot tell which files are still used", e);
      return 0;
    }
    int removed = 0;
    for (String url : idle) {
      if (!referenced.contains(url) && uploads.removeIdle(url, olderThan)) removed++;
    }
    if (removed > 0) LOG.info("uploads sweep removed {} files no message uses", removed);
    return removed;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
