package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Message;
import dev.parley.testing.StoreCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store contract on an SQLite file, plus what only the embedded store promises. */
class SqliteSqlStoreTest extends SqlStoreContract {

  @Override
  Target newTarget() {
    return Target.sqlite();
  }

  @Test
  void createsTheDirectoryOfTheFileAndUsesWal() throws Exception {
    Path file = Path.of(target.url().substring("jdbc:sqlite:".length()));
    assertThat(file.getParent()).doesNotExist();
    open();
    assertThat(file).exists();
    try (var c = java.sql.DriverManager.getConnection(target.url());
        var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
    assertThat(Files.exists(Path.of(file + "-wal"))).isTrue();
  }

  /**
   * Reopening a store whose schema is current does not start Flyway, the largest part of opening
   * (see {@link Migrations}): what keeps a restarted node within its start-up budget, whose time
   * the bench's {@code ready} measures.
   */
  @Test
  void reopeningACurrentStoreSkipsFlyway() {
    assertThat(Migrations.upToDate(Dialect.SQLITE, target.url()))
        .as("a new file needs Flyway")
        .isFalse();
    SqlStore.open(target.url(), new SimpleMeterRegistry()).close(); // creates and migrates
    assertThat(Migrations.upToDate(Dialect.SQLITE, target.url()))
        .as("the next open skips Flyway")
        .isTrue();
    SqlStore.open(target.url(), new SimpleMeterRegistry()).close(); // existing file
    assertThat(Migrations.upToDate(Dialect.SQLITE, target.url())).isTrue();
  }

  /**
   * Checkpoints run on their own thread ({@link Checkpointer}), and the log still goes back to its
   * start under steady writes: without the writer's restart it grew past 100 MB here.
   */
  @Test
  void theWriteAheadLogIsCopiedOffTheWritersThreadAndStaysBounded() throws Exception {
    SqlStore store = open();
    // the writer's connection checkpoints by itself only far past SQLite's 1,000 pages
    try (var c = Dialect.SQLITE.openWriter(target.url());
        var rs = c.createStatement().executeQuery("PRAGMA wal_autocheckpoint")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Dialect.WRITER_AUTOCHECKPOINT_PAGES);
    }
    Path wal = Path.of(target.url().substring("jdbc:sqlite:".length()) + "-wal");
    long largest = 0;
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    // one commit per message, as at a quiet moment: about 17 frames each
    for (int i = 0; i < 2_000 && System.nanoTime() < deadline; i++) {
      Recorder r = new Recorder();
      store.append(
          Message.draft(
              "general",
              "w" + i,
              i % 2 == 0 ? ANN : BOB,
              1L + i,
              "steady writes, message number " + i,
              null),
          r);
      r.event();
      if (i % 50 == 0) largest = Math.max(largest, Files.size(wal));
    }
    largest = Math.max(largest, Files.size(wal));
    assertThat(registry.find("parley.store.checkpoint").timer()).isNotNull();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> registry.find("parley.store.checkpoint").timer().count() > 0);
    long limit = 3L * Checkpointer.RESTART_FRAMES * 4096;
    System.out.printf("write-ahead log at most %d KiB over 2000 commits%n", largest / 1024);
    assertThat(largest).as("largest size of the log, bytes").isLessThan(limit);
  }

  @Test
  void theTextOfADeletedMessageLeavesTheFile() throws Exception {
    SqlStore store = open();
    String secret = "the vault code is " + System.nanoTime();
    Recorder r = new Recorder();
    store.append(Message.draft("general", "s1", ANN, 1L, secret, null), r);
    long seq = r.event().seq();
    for (int i = 0; i < 30; i++) { // neighbours on the same page, written in later commits
      Recorder n = new Recorder();
      store.append(Message.draft("general", "n" + i, BOB, 2L, "neighbour " + i, null), n);
      n.event();
    }
    assertThat(StoreCalls.amend(store, new Amendment.Delete("general", seq, ANN.id())).deleted())
        .isTrue();
    store.close();
    try (var c = java.sql.DriverManager.getConnection(target.url());
        var s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    Path file = Path.of(target.url().substring("jdbc:sqlite:".length()));
    for (Path f : List.of(file, Path.of(file + "-wal"))) {
      if (!Files.exists(f)) continue;
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(f.getFileName().toString()).doesNotContain("vault code");
    }
  }

  /**
   * The writer's connection can die (an I/O error, a rollback that fails): the next batch opens a
   * new one. With a message's search row still deferred at that moment, the writer used to wait for
   * the deferred rows forever instead of taking the next op: every later write hung. The test
   * closes the connection under the writer, as a dying one would be.
   */
  @Test
  void aWriterWhoseConnectionDiedWhileSearchRowsWaitedGoesOnWriting() throws Exception {
    long deferMillis = SearchIndex.deferMillis;
    SearchIndex.deferMillis = 60_000; // the row below stays deferred until this test says
    try {
      SqlStore store = open();
      opened.remove(store); // closed at the end only: close waits for a writer that may never stop
      Recorder first = new Recorder();
      store.append(Message.draft("general", "d1", ANN, 1L, "deferred search row", null), first);
      first.event();
      closeWritersConnection(store);
      Recorder lost = new Recorder();
      store.append(
          Message.draft("general", "d2", ANN, 2L, "written on a closed connection", null), lost);
      assertThat(lost.get().failure()).as("a batch on the closed connection fails").isNotNull();
      SearchIndex.deferMillis = 0; // the deferred row is due now, with no connection to write it on
      java.util.concurrent.CompletableFuture<Void> turn =
          new java.util.concurrent.CompletableFuture<>();
      store.afterQueued(() -> turn.complete(null));
      turn.get(20, java.util.concurrent.TimeUnit.SECONDS);
      Recorder next = new Recorder();
      store.append(Message.draft("general", "d3", BOB, 3L, "after the reconnect", null), next);
      assertThat(next.event().seq()).isEqualTo(first.event().seq() + 1);
      store.close();
    } finally {
      SearchIndex.deferMillis = deferMillis;
    }
  }

  /** Closes the writer's JDBC connection from outside, as if it had died. */
  private static void closeWritersConnection(SqlStore store) throws Exception {
    java.lang.reflect.Field writer = SqlStore.class.getDeclaredField("writer");
    writer.setAccessible(true);
    Object w = writer.get(store);
    java.lang.reflect.Field conn = w.getClass().getDeclaredField("conn");
    conn.setAccessible(true);
    Object c = conn.get(w);
    if (!(c instanceof java.sql.Connection)) { // the writer's own wrapper of it
      java.lang.reflect.Method sql = c.getClass().getDeclaredMethod("sql");
      sql.setAccessible(true);
      c = sql.invoke(c);
    }
    ((java.sql.Connection) c).close();
  }
}
