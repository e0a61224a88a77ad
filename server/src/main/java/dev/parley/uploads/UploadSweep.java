package dev.parley.uploads;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what the uploads no longer need, on a schedule of its own (whether or not retention is
 * configured) and after each retention purge: an upload that no message held anywhere shows and
 * that was made and last shown longer than {@code kept} ago (the contract: 24 hours), then the
 * bytes no upload and no message uses any more; temp files no upload in progress writes; daily
 * upload counts of past days; expired upload credentials. Each removal is checked again in the
 * database in the statement that does it, so a message another node committed meanwhile keeps its
 * upload. Works the same on uploads in the data folder and in a cluster's database. Runs on its own
 * thread: it lists and deletes, which must not happen on the store's writer or an event loop.
 */
public final class UploadSweep implements AutoCloseable {
  /** Longest pause between two sweeps. */
  static final long MAX_EVERY_MILLIS = 3_600_000L;

  /** Shortest pause between two sweeps (tests keep uploads for a second or two). */
  static final long MIN_EVERY_MILLIS = 200L;

  private static final long DAY_MILLIS = 86_400_000L;

  private static final Logger LOG = LoggerFactory.getLogger(UploadSweep.class);

  private final UploadStore uploads;
  private final UploadQuota quota;
  private final UploadCredentials credentials;
  private final LongSupplier clock;
  private final long keptMillis;
  private final long credentialMillis;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parley-upload-sweep");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param keptMillis an upload no message shows is removed once made and last shown this long ago
   * @param credentialMillis an upload credential is forgotten this long after it was made
   */
  public UploadSweep(
      UploadStore uploads,
      UploadQuota quota,
      UploadCredentials credentials,
      LongSupplier clock,
      long keptMillis,
      long credentialMillis) {
    this.uploads = uploads;
    this.quota = quota;
    this.credentials = credentials;
    this.clock = clock;
    this.keptMillis = keptMillis;
    this.credentialMillis = credentialMillis;
  }

  /**
   * Sweeps every quarter of {@code kept} (within 200 ms and an hour), the first time soon after
   * start.
   */
  public UploadSweep start() {
    long every = Math.max(MIN_EVERY_MILLIS, Math.min(MAX_EVERY_MILLIS, keptMillis / 4));
    thread.scheduleWithFixedDelay(
        this::sweepQuietly, Math.min(every, 10_000), every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Asks for a sweep now (after a retention purge); returns at once. */
  public void request() {
    try {
      thread.execute(this::sweepQuietly);
    } catch (RejectedExecutionException closed) {
      // shutting down: the next start sweeps again
    }
  }

  private void sweepQuietly() {
    try {
      sweepNow();
    } catch (RuntimeException e) {
      LOG.warn("uploads sweep failed; the next one tries again", e);
    }
  }

  /** One sweep on the calling thread; the number of uploads and blobs removed. */
  public int sweepNow() {
    long now = clock.getAsLong();
    long olderThan = now - keptMillis;
    uploads.removeStaleTemp();
    int removed = 0;
    try {
      removed += uploads.removeUnusedUploads(olderThan);
      removed += uploads.removeUnusedBlobs(olderThan);
      quota.forgetBefore(now / DAY_MILLIS - 1);
      credentials.removeOlderThan(now - credentialMillis);
    } catch (IOException e) {
      LOG.warn("uploads sweep stopped early: {}", e.getMessage(), e);
    }
    if (removed > 0)
      LOG.info("uploads sweep removed {} uploads and files no message uses", removed);
    return removed;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
