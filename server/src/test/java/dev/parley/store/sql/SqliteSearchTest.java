package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Search on an SQLite file, and what only SQLite does: the FTS5 rows of new messages are written a
 * moment after the message, many at once ({@link SearchIndex}), yet a search finds a message as
 * soon as it is stored, and an entry a crash left unwritten is written at the next start.
 */
class SqliteSearchTest extends SearchContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }

  @Test
  void newEntriesWaitForTheirOwnTransactionYetASearchFindsThemAtOnce() throws Exception {
    long before = SearchIndex.deferMillis;
    SearchIndex.deferMillis = 60_000; // so that nothing but the search below writes them
    SqlStore store = open();
    try {
      say(store, "general", ANN, T0, "a deferred kubernetes note");
      say(store, "general", BOB, T0 + 1, "another kubernetes note");
      // the messages' commit listed them as still to index and wrote no FTS5 row
      assertThat(count("SELECT COUNT(*) FROM search_todo")).isEqualTo(2);
      assertThat(count("SELECT COUNT(*) FROM search_fts")).isZero();
    } finally {
      SearchIndex.deferMillis = before;
    }

    assertThat(texts(search(store, "kubernetes", GENERAL)))
        .containsExactly("another kubernetes note", "a deferred kubernetes note");
    assertThat(count("SELECT COUNT(*) FROM search_todo")).isZero();
    assertThat(count("SELECT COUNT(*) FROM search_fts")).isEqualTo(2);

    // without a search, they are written within SearchIndex.deferMillis, in a transaction of their
    // own
    say(store, "general", ANN, T0 + 2, "a third note");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> count("SELECT COUNT(*) FROM search_todo") == 0);
    assertThat(count("SELECT COUNT(*) FROM search_fts")).isEqualTo(3);
    store.close();
  }

  @Test
  void anEntryLeftUnwrittenByACrashIsWrittenAtTheNextStart() throws Exception {
    SqlStore store = open();
    say(store, "general", ANN, T0, "the kubernetes rollout");
    say(store, "general", ANN, T0 + 1, "the rollout of kubernetes is done");
    assertThat(texts(search(store, "kubernetes", GENERAL))).hasSize(2);
    store.close();

    // as if the process died after the second message's commit, before its FTS5 row
    try (Connection c = DriverManager.getConnection(target.url());
        Statement s = c.createStatement()) {
      long doc =
          one(s, "SELECT doc FROM search_docs WHERE seq = (SELECT MAX(seq) FROM search_docs)");
      s.executeUpdate("DELETE FROM search_fts WHERE rowid = " + doc);
      s.executeUpdate("INSERT INTO search_todo (doc) VALUES (" + doc + ")");
    }
    SqlStore reopened = open();
    assertThat(texts(search(reopened, "kubernetes", GENERAL)))
        .containsExactly("the rollout of kubernetes is done", "the kubernetes rollout");
    assertThat(count("SELECT COUNT(*) FROM search_todo")).isZero();
    reopened.close();
  }

  private static long one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
