package dev.parley.store.sql;

import dev.parley.domain.Profile;
import dev.parley.domain.Search;
import dev.parley.domain.SearchBudget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The read side of search: the index narrows the candidates (FTS5 trigram phrases on SQLite, {@code
 * LIKE} on pg_trgm's GIN indexes on PostgreSQL), newest first, in chunks, each with its folded
 * text; {@link Search#holds} drops those that do not hold every term before their messages are
 * read, and {@link Search#match} checks and highlights the rest, so both stores answer alike. A
 * chunk that comes back full without filling the page doubles the next.
 *
 * <p>A page stops after {@value #MAX_SCANNED} candidates even if it is not full (typo candidates
 * can be many), and when its {@link SearchBudget} is spent (time, chars checked, or a stop, which
 * also cancels the candidate query in progress): {@code next} then points after the last candidate
 * looked at and the page is {@code partial}, so the caller can go on, and no request scans without
 * bound. Runs on the connections of {@link SearchPool}.
 *
 * <p>PostgreSQL cannot walk a GIN index in doc order, so it has two ways to the newest matches, and
 * its planner's choice between them is only as good as its guess of how common the word is (pg_trgm
 * guesses from trigram frequencies: for a random hex word it guessed hundreds of rows where there
 * were none, and walked the whole table backwards, 150 to 800 ms at a million). So the choice is
 * made here, from what the newest rows show: each chunk first <em>walks</em> at most {@value
 * #WALK_PER_CANDIDATE} entries per candidate asked backwards in doc order, checking each; a walk
 * that yields a full chunk means a common word, and the next chunk walks on from there. A walk that
 * yields less has measured the word as sparse (under 5 %), so the rest comes from the trigram index
 * as one bitmap of every older match, sorted ({@code ORDER BY doc + 0} keeps the planner off the
 * doc-order walk). Both plans are pinned ({@link #planFor}). Measured at a million messages: about
 * 5 ms for a walk, 1 to 10 ms for the bitmap of a rare word, against 350 ms for the bitmap of a
 * word in 15 % of the messages.
 *
 * <p>SQLite's FTS5 does walk in doc order, but through every room's matches; a searcher in up to
 * {@value #WALK_ROOMS} rooms walks those rooms the same way first ({@link SearchSql#liteWalk}), and
 * a sparse word goes on in FTS5.
 */
final class SearchReads {
  static final int MAX_SCANNED = 2_000;
  static final int CHUNK = 200;

  /**
   * How many newest entries one chunk walks in doc order, per candidate asked, before the index.
   */
  static final int WALK_PER_CANDIDATE = 20;

  /**
   * SQLite walks the searcher's rooms only when they are at most this many: each room is one arm of
   * the merge (one index seek, and a comparison per entry per level of the merge).
   */
  static final int WALK_ROOMS = 32;

  private final DataSource pool;
  private final Dialect dialect;

  SearchReads(DataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  Search.Page search(Search.Query q, Collection<String> rooms, int limit, SearchBudget budget)
      throws SQLException {
    List<Search.Hit> hits = new ArrayList<>();
    if (rooms.isEmpty()) return new Search.Page(hits, null);
    boolean pg = dialect == Dialect.POSTGRESQL;
    List<Object> walkParams = new ArrayList<>();
    String walk =
        pg
            ? SearchSql.pgWalk(q, rooms, walkParams)
            : rooms.size() <= WALK_ROOMS ? SearchSql.liteWalk(q, rooms, walkParams) : null;
    List<Object> params = new ArrayList<>();
    String indexed = SearchSql.indexed(q, rooms, !pg, params);
    try (Connection c = pool.getConnection()) {
      if (pg) {
        c.setAutoCommit(false); // for SET LOCAL; Hikari puts auto-commit back when c returns
        planFor(c, true);
      }
      try {
        return search(c, walk, walkParams, indexed, params, q, limit, budget, hits);
      } finally {
        if (pg) c.rollback(); // a read-only transaction: nothing to keep but ending it
      }
    }
  }

  /**
   * PostgreSQL: pins the plan of the queries that follow in this transaction. The walk must walk
   * the index in doc order whatever the planner guesses: with no statistics (a table never
   * analysed) it read 16,000 rows of fifty rooms by bitmap and sorted them instead, 950 ms where
   * the walk takes 6. The bitmap query needs bitmaps and a sort. Neither gets parallel workers:
   * starting two cost 14 of the 18 ms of a bitmap query that sorted 563 rows.
   */
  private static void planFor(Connection c, boolean walk) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          walk
              ? "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off;"
                  + " SET LOCAL max_parallel_workers_per_gather = 0"
              : "SET LOCAL enable_bitmapscan = on; SET LOCAL enable_sort = on; SET LOCAL enable_seqscan = on");
    }
  }

  private Search.Page search(
      Connection c,
      String walk,
      List<Object> walkParams,
      String indexed,
      List<Object> params,
      Search.Query q,
      int limit,
      SearchBudget budget,
      List<Search.Hit> hits)
      throws SQLException {
    boolean pg = dialect == Dialect.POSTGRESQL;
    Search.Cursor cursor = q.before();
    int scanned = 0;
    boolean walking = walk != null;
    // a chunk that comes back full without filling the page (a typo's halves, common as
    // substrings, give many candidates and few hits) doubles the next: fewer round trips.
    // SQLite's walk starts at a page's worth: a common word fills it from the newest few hundred
    // entries, and a rare one gives up on the walk after as few
    int chunk = walking && !pg ? limit + 1 : CHUNK;
    try (PreparedStatement walkPs = walking ? c.prepareStatement(walk) : null;
        PreparedStatement indexPs = c.prepareStatement(indexed)) {
      while (true) {
        PreparedStatement ps = walking ? walkPs : indexPs;
        int p = 1;
        if (walking) {
          for (Object o : walkParams) {
            if (o == SearchSql.Slot.CURSOR) p = bindCursor(ps, p, cursor, pg);
            else if (o == SearchSql.Slot.BOUND) ps.setInt(p++, WALK_PER_CANDIDATE * chunk);
            else ps.setObject(p++, o);
          }
        } else {
          for (Object o : params) ps.setObject(p++, o);
          p = bindCursor(ps, p, cursor, pg);
        }
        // PostgreSQL's bitmap costs the same for any limit (it finds and sorts every match), so
        // it is asked once for all the candidates this request may still look at
        int asked = pg && !walking ? MAX_SCANNED - scanned : Math.min(chunk, MAX_SCANNED - scanned);
        ps.setInt(p, asked);
        List<Search.Cursor> candidates = new ArrayList<>();
        List<Boolean> holding = new ArrayList<>();
        boolean cut = candidates(ps, q.terms(), budget, candidates, holding);
        scanned += candidates.size();
        if (take(c, candidates, holding, q.terms(), hits, limit, budget)) {
          // one more than asked: there is a next page, which starts after the last one kept
          return new Search.Page(hits, hits.get(limit - 1).at());
        }
        if (!candidates.isEmpty()) cursor = candidates.get(candidates.size() - 1);
        if (cut) {
          // stopped on the budget: a partial page that goes on after the last candidate looked
          // at; having looked at nothing, there is nothing to answer but "busy"
          if (cursor == null || cursor.equals(q.before())) throw SearchPool.busy();
          return new Search.Page(hits, cursor, true);
        }
        if (scanned >= MAX_SCANNED) return new Search.Page(hits, cursor, true);
        if (candidates.size() < asked) {
          // a walk that found less than a chunk: the word is sparse, the index has the rest
          if (walking) {
            walking = false;
            if (pg) planFor(c, false);
            chunk = Math.max(chunk, CHUNK);
            continue;
          }
          return new Search.Page(hits, null);
        }
        chunk *= 2;
      }
    }
  }

  /**
   * Runs a candidate query, adding each candidate and whether its folded text holds every term,
   * charging {@code budget} for the chars checked. True when it stopped on the budget: the
   * candidates added are those looked at, in order. A stop ({@link SearchBudget#stop}) cancels the
   * statement itself, so a slow index lookup cannot run past the deadline either.
   */
  private static boolean candidates(
      PreparedStatement ps,
      List<Search.Term> terms,
      SearchBudget budget,
      List<Search.Cursor> candidates,
      List<Boolean> holding)
      throws SQLException {
    budget.onStop(
        () -> {
          try {
            ps.cancel();
          } catch (SQLException e) {
            // the statement has ended: nothing to cancel
          }
        });
    try {
      if (budget.exhausted()) return true;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String body = rs.getString(4);
          candidates.add(new Search.Cursor(rs.getLong(1), rs.getString(2), rs.getLong(3)));
          holding.add(Search.holds(body, terms));
          budget.spend((long) body.length() * terms.size());
          if (budget.exhausted()) return true;
        }
      }
      return false;
    } catch (SQLException e) {
      if (!budget.exhausted()) throw e;
      // cancelled by the stop; on PostgreSQL that ends the transaction in failure: end it here
      Connection c = ps.getConnection();
      if (!c.getAutoCommit()) c.rollback();
      return true;
    } finally {
      budget.onStop(null);
    }
  }

  /**
   * Adds the hits among {@code candidates} to {@code hits}, in order: their folded text was checked
   * already ({@code holding}), so only the messages of those that hold every term are read, a
   * page's worth at a time (for a typo with 600 candidates, reading every candidate's message and
   * folding it again was most of the query). True once a hit beyond {@code limit} turned up: the
   * page is full and has a next one.
   */
  private boolean take(
      Connection c,
      List<Search.Cursor> candidates,
      List<Boolean> holding,
      List<Search.Term> terms,
      List<Search.Hit> hits,
      int limit,
      SearchBudget budget)
      throws SQLException {
    List<Search.Cursor> batch = new ArrayList<>();
    int i = 0;
    while (i < candidates.size()) {
      batch.clear();
      for (; i < candidates.size() && batch.size() <= limit - hits.size(); i++) {
        if (holding.get(i)) batch.add(candidates.get(i));
      }
      if (batch.isEmpty()) return false;
      Map<String, Search.Hit> read = messages(c, batch, terms, budget);
      for (Search.Cursor at : batch) {
        Search.Hit hit = read.get(at.room() + '\n' + at.seq());
        if (hit == null) continue; // deleted since, or a highlight the folded check did not foresee
        if (hits.size() == limit) return true;
        hits.add(
            new Search.Hit(
                hit.room(), hit.seq(), hit.ts(), hit.from(), hit.text(), hit.highlight(), at));
      }
    }
    return false;
  }

  /** The messages at {@code at} that still exist, each with its highlight, by room and seq. */
  private Map<String, Search.Hit> messages(
      Connection c, List<Search.Cursor> at, List<Search.Term> terms, SearchBudget budget)
      throws SQLException {
    boolean pg = dialect == Dialect.POSTGRESQL;
    // PostgreSQL turns "(room, seq) IN (...)" into bitmaps, which the walk's plan (planFor) does
    // not allow: there a join with a list of values, looked up key by key. SQLite looks the IN
    // list up key by key, and scanned events for the join (measured: p95 95 ms against 31).
    StringBuilder sql =
        new StringBuilder(
            "SELECT e.room, e.seq, e.ts, e.user_id, e.nick, e.avatar, e.text, e.image_name,"
                + " e.file_type FROM ");
    sql.append(pg ? "(VALUES " : "events e WHERE NOT e.deleted AND (e.room, e.seq) IN (");
    for (int i = 0; i < at.size(); i++) sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    sql.append(
        pg
            ? ") AS v JOIN events e ON e.room = v.column1 AND e.seq = v.column2 WHERE NOT e.deleted"
            : ")");
    Map<String, Search.Hit> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (Search.Cursor a : at) {
        ps.setString(p++, a.room());
        ps.setLong(p++, a.seq());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // a file's name is found as its message's text is
          String text =
              SearchIndex.indexed(
                  rs.getString(7), rs.getString(9) == null ? null : rs.getString(8));
          budget.spend((long) text.length() * terms.size());
          List<int[]> ranges = Search.match(text, terms);
          if (ranges == null) continue;
          out.put(
              rs.getString(1) + '\n' + rs.getLong(2),
              new Search.Hit(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  new Profile(rs.getString(4), rs.getString(5), rs.getString(6)),
                  text,
                  ranges,
                  null));
        }
      }
    }
    return out;
  }

  /** Binds the "older than the cursor" placeholders; returns the next placeholder's index. */
  private static int bindCursor(PreparedStatement ps, int p, Search.Cursor cursor, boolean pg)
      throws SQLException {
    long doc = cursor == null ? Long.MAX_VALUE : cursor.doc();
    ps.setLong(p++, doc);
    if (!pg) return p;
    ps.setLong(p++, doc);
    ps.setLong(p++, doc);
    ps.setString(p++, cursor == null ? "" : cursor.room());
    ps.setLong(p++, cursor == null ? 0 : cursor.seq());
    return p;
  }
}
