package dev.parley.store.sql;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite only: copies the write-ahead log into the database file on a thread and connection of its
 * own, twice a second, so that the {@link Writer} never does. Why: SQLite's automatic checkpoint
 * runs inside the commit that crosses 1,000 pages of WAL, on the committing connection. Measured at
 * 10k deliveries/s, that was one commit in a hundred taking 12–17 ms instead of half a millisecond
 * (a thousand page writes and two fsyncs), and every message behind it in the writer's queue waited
 * as long: most of Parley's p99 at low rates. A {@code PASSIVE} checkpoint here copies what it can
 * without taking the write lock from the writer, and one every 500 ms copies each hot page (the
 * tail of {@code events}, its indexes) once rather than once per thousand pages (and sooner after a
 * burst of commits: {@link #nudge}).
 *
 * <p>A passive checkpoint never moves the log back to its start: SQLite restarts the log only when
 * a write begins after everything in it was copied, which under steady writes never happens, and
 * the file grew by 10 MB a second at 50k deliveries/s. So once the log holds {@link
 * #RESTART_FRAMES} frames, this thread asks the writer ({@link Writer#restartLog}) to run a {@code
 * RESTART} checkpoint between two batches: by then almost every frame is already copied, so it
 * costs the writer a millisecond or two, not the 12–17 ms of a full one. The writer keeps a far
 * larger automatic threshold as a backstop ({@link Dialect#WRITER_AUTOCHECKPOINT_PAGES}).
 */
final class Checkpointer {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
  static final long PERIOD_MILLIS = 500;

  /**
   * Commits after which the writer wakes this thread early: a burst of small commits (an import, a
   * busy moment at low batch sizes) writes about 17 frames each, 130 MB a second at full speed.
   */
  static final int NUDGE_COMMITS = 64;

  /** Frames in the log (4 KiB each) past which the writer is asked to restart it. */
  static final int RESTART_FRAMES = 4_000;

  /** How long a log restart may wait for readers still on the old log. */
  private static final int RESTART_WAIT_MS = 20;

  private final Connection conn;
  private final Writer writer;
  private final Thread thread;
  private final Timer timer;
  private volatile boolean running = true;

  Checkpointer(String url, Writer writer, MeterRegistry registry) throws SQLException {
    this.conn = Dialect.SQLITE.openWriter(url);
    this.writer = writer;
    this.timer =
        Timer.builder("parley.store.checkpoint")
            .description("One checkpoint of SQLite's write-ahead log, on its own thread")
            .register(registry);
    this.thread = new Thread(this::run, "parley-store-checkpoint");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * The writer committed {@link #NUDGE_COMMITS} more times: checkpoint now, not at the next tick.
   */
  void nudge() {
    LockSupport.unpark(thread);
  }

  private void run() {
    while (running) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
      if (!running) break;
      checkpoint();
    }
  }

  private void checkpoint() {
    long start = System.nanoTime();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (rs.next()) {
        int frames = rs.getInt(2); // in the log; column 3 counts those copied so far, not just now
        if (rs.getInt(3) > 0) timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (frames >= RESTART_FRAMES) writer.restartLog();
      }
    } catch (SQLException e) {
      log.warn("checkpoint of the write-ahead log failed; the next one tries again", e);
    }
  }

  /**
   * A {@code RESTART} checkpoint on the writer's connection {@code c}, run by the writer between
   * two batches when {@link Writer#restartLog} asked, so that the next commit writes the log from
   * its start again; outside any transaction, which it needs.
   */
  static void restart(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      // a reader still on the old log makes it wait: not more than a moment, it is asked again
      s.execute("PRAGMA busy_timeout = " + RESTART_WAIT_MS);
      try {
        s.execute("PRAGMA wal_checkpoint(RESTART)");
      } finally {
        s.execute("PRAGMA busy_timeout = " + Dialect.BUSY_TIMEOUT_MS);
      }
    } finally {
      c.setAutoCommit(false);
    }
  }

  /** Stops the thread (a checkpoint under way finishes first) and closes its connection. */
  void close() {
    running = false;
    LockSupport.unpark(thread);
    boolean interrupted = Writer.joinUninterruptibly(thread);
    try {
      conn.close();
    } catch (SQLException e) {
      log.warn("closing the checkpoint connection failed", e);
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
