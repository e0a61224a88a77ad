package dev.parley.uploads;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a message last showed each upload, so that the uploads sweep never removes one whose message
 * is on its way to the store. This node's memory is the whole truth for its own sweep; for the
 * other nodes of a cluster the claim is also written to the database, on a thread of its own (a
 * {@code send} never waits for it) and at most every {@value #WRITE_EVERY_MILLIS} ms per upload,
 * which is far inside the sweep's grace period.
 */
final class Claims implements AutoCloseable {
  static final long WRITE_EVERY_MILLIS = 600_000;
  private static final int MAX_QUEUED = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(Claims.class);

  /**
   * Records a claim where every node sees it; false when the upload is gone (another node removed
   * it).
   */
  interface Sink {
    boolean write(String name, long now) throws IOException;
  }

  private final Sink sink;

  /** Name to the time of its last claim on this node. */
  private final Map<String, Long> last = new ConcurrentHashMap<>();

  /** Name to the time its claim was last written. */
  private final Map<String, Long> written = new ConcurrentHashMap<>();

  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(
          1,
          1,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(MAX_QUEUED),
          r -> {
            Thread t = new Thread(r, "parley-upload-claims");
            t.setDaemon(true);
            return t;
          });

  Claims(Sink sink) {
    this.sink = sink;
    thread.allowCoreThreadTimeOut(true);
  }

  /**
   * A message shows {@code name} now; {@code gone} runs if the upload turns out to have been
   * removed. Returns at once.
   */
  void claim(String name, long now, Runnable gone) {
    last.put(name, now);
    Long w = written.get(name);
    if (w != null && now - w < WRITE_EVERY_MILLIS) return;
    written.put(name, now);
    try {
      thread.execute(
          () -> {
            try {
              if (!sink.write(name, now)) {
                written.remove(name);
                gone.run();
              }
            } catch (IOException | RuntimeException e) {
              written.remove(name);
              LOG.warn("could not record a claim on the upload {}", name, e);
            }
          });
    } catch (RejectedExecutionException full) {
      written.remove(name); // closing, or far behind: this node's memory still protects it
    }
  }

  /** Whether no message on this node showed {@code name} since {@code olderThan}. */
  boolean idleSince(String name, long olderThan) {
    Long claim = last.get(name);
    return claim == null || claim < olderThan;
  }

  void forget(String name) {
    last.remove(name);
    written.remove(name);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
