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
 * made here, from what the newest rows show: each chunk first <em>walks</em> at most {@value #WALK}
 * entries (times the chunk's growth) backwards in doc order, checking each; a walk that yields a
 * full chunk means a common word, and the next chunk walks on from there. A walk that yields less
 * has measured the word as sparse (under 5 %), so the rest comes from the trigram index as one
 * bitmap of every older match, sorted ({@code ORDER BY doc + 0} keeps the planner off the doc-order
 * walk). Both plans are pinned ({@link #planFor}). Measured at a million messages: about 5 ms for a
 * walk, 1 to 10 ms for the bitmap of a rare word, against 350 ms for the bitmap of a word in 15 %
 * of the messages.
 */
final class SearchReads {
  static final int MAX_SCANNED = 2_000;
  private static final int CHUNK = 200;

  /**
   * PostgreSQL: how many newest entries one chunk walks in doc order before it gives up on the
   * walk.
   */
  static final int WALK = 4_000;

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
    List<Object> termParams = new ArrayList<>();
    String walk = pg ? walkSql(q, rooms, walkParams, termParams) : null;
    List<Object> params = new ArrayList<>();
    String indexed = sql(q, rooms, params);
    try (Connection c = pool.getConnection()) {
      if (pg) {
        c.setAutoCommit(false); // for SET LOCAL; Hikari puts auto-commit back when c returns
        planFor(c, true);
      }
      try {
        return search(c, walk, walkParams, termParams, indexed, params, q, limit, budget, hits);
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
      List<Object> termParams,
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
    boolean walking = pg;
    // a chunk that comes back full without filling the page (a typo's halves, common as
    // substrings, give many candidates and few hits) doubles the next: fewer round trips
    int chunk = CHUNK;
    try (PreparedStatement walkPs = pg ? c.prepareStatement(walk) : null;
        PreparedStatement indexPs = c.prepareStatement(indexed)) {
      while (true) {
        PreparedStatement ps = walking ? walkPs : indexPs;
        int p = 1;
        if (walking) {
          for (Object o : walkParams) ps.setObject(p++, o);
          p = bindCursor(ps, p, cursor, true);
          ps.setInt(p++, WALK / CHUNK * chunk);
          for (Object o : termParams) ps.setObject(p++, o);
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
            planFor(c, false);
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

  /** The cursor's condition on PostgreSQL, where two nodes' entries may share a doc. */
  private static final String PG_OLDER =
      " AND d.doc <= ? AND (d.doc < ? OR (d.doc = ? AND (d.room, d.seq) < (?, ?)))";

  /**
   * The same for the bitmap query, on {@code doc + 0} so that no index serves it: given a bound,
   * the planner otherwise ANDs the trigram bitmap with a bitmap of every older entry from the doc
   * index (measured: 20 ms of a 40 ms query to narrow a handful of rows).
   */
  private static final String PG_OLDER_UNINDEXED =
      " AND d.doc + 0 <= ? AND (d.doc + 0 < ? OR (d.doc + 0 = ? AND (d.room, d.seq) < (?, ?)))";

  private static final String PG_ORDER = " ORDER BY d.doc DESC, d.room DESC, d.seq DESC";

  /**
   * The index's candidate query: SQLite walks FTS5 in rowid order; on PostgreSQL this is the bitmap
   * of every match, sorted. {@code params} gets the values of its fixed placeholders.
   */
  private String sql(Search.Query q, Collection<String> rooms, List<Object> params) {
    boolean lite = dialect == Dialect.SQLITE;
    StringBuilder w = new StringBuilder(" WHERE ");
    w.append(terms(q, lite, params));
    w.append(filters(q, rooms, lite, params));
    if (lite) {
      return "SELECT f.rowid, d.room, d.seq, f.body FROM search_fts f JOIN search_docs d ON d.doc = f.rowid"
          + w
          + " AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?";
    }
    return "SELECT d.doc, d.room, d.seq, d.body FROM search_docs d"
        + w
        + PG_OLDER_UNINDEXED
        + " ORDER BY d.doc + 0 DESC, d.room DESC, d.seq DESC LIMIT ?";
  }

  /**
   * PostgreSQL's walk: the newest entries (of the rooms, person and time asked) in doc order, at
   * most a bounded number of them, and of those the ones that hold every term.
   */
  private String walkSql(
      Search.Query q, Collection<String> rooms, List<Object> walkParams, List<Object> termParams) {
    String filters = filters(q, rooms, false, walkParams);
    String terms = terms(q, false, termParams);
    return "SELECT d.doc, d.room, d.seq, d.body FROM (SELECT d.doc, d.room, d.seq, d.body, d.pairs FROM search_docs d WHERE TRUE"
        + filters
        + PG_OLDER
        + PG_ORDER
        + " LIMIT ?) d WHERE "
        + terms
        + PG_ORDER
        + " LIMIT ?";
  }

  /** The index condition of every indexed term; on PostgreSQL a chain of LIKEs. */
  private static String terms(Search.Query q, boolean lite, List<Object> params) {
    if (lite) {
      StringBuilder match = new StringBuilder();
      for (Search.Term t : q.terms()) {
        if (!t.indexed()) continue;
        if (match.length() > 0) match.append(" AND ");
        String column = t.pair() ? "pairs : " : "body : ";
        match.append('(');
        for (int i = 0; i < t.lookups().size(); i++) {
          match.append(i == 0 ? "" : " OR ").append(column).append(phrase(t.lookups().get(i)));
        }
        match.append(')');
      }
      params.add(match.toString());
      return "search_fts MATCH ?";
    }
    StringBuilder w = new StringBuilder("TRUE");
    for (Search.Term t : q.terms()) {
      if (!t.indexed()) continue;
      String column = t.pair() ? "d.pairs" : "d.body";
      w.append(" AND (");
      for (int i = 0; i < t.lookups().size(); i++) {
        w.append(i == 0 ? "" : " OR ").append(column).append(" LIKE ?");
        params.add(like(t.lookups().get(i)));
      }
      w.append(')');
    }
    return w.toString();
  }

  /** The room, person and time filters on {@code search_docs d}, each starting with AND. */
  private static String filters(
      Search.Query q, Collection<String> rooms, boolean lite, List<Object> params) {
    StringBuilder w = new StringBuilder(" AND d.room IN (");
    int i = 0;
    for (String room : rooms) {
      w.append(i++ == 0 ? "?" : ", ?");
      params.add(room);
    }
    w.append(')');
    if (q.userId() != null) {
      w.append(" AND d.user_id = ?");
      params.add(q.userId());
    }
    if (q.from() != null) {
      // doc >= ts * 4096 for every row, so this bound lets the index skip older rows early
      w.append(lite ? " AND f.rowid >= ?" : " AND d.doc >= ?");
      params.add(q.from() << SearchIndex.SHIFT);
      w.append(" AND d.ts >= ?");
      params.add(q.from());
    }
    if (q.to() != null) {
      w.append(" AND d.ts < ?");
      params.add(q.to());
    }
    return w.toString();
  }

  /** An FTS5 phrase: the trigram tokenizer matches it as a substring. */
  private static String phrase(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** A LIKE pattern for "contains s", with PostgreSQL's default escape character. */
  private static String like(String s) {
    return '%' + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '%';
  }
}
