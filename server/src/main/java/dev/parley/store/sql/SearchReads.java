package dev.parley.store.sql;

import dev.parley.domain.Profile;
import dev.parley.domain.Search;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The read side of search: the index narrows the candidates (FTS5 trigram phrases on SQLite,
 * {@code LIKE} on pg_trgm's GIN indexes on PostgreSQL), newest first, in chunks; every candidate
 * is then checked and highlighted by {@link Search#match}, so both stores answer alike.
 *
 * <p>A page stops after {@value #MAX_SCANNED} candidates even if it is not full (typo
 * candidates can be many): {@code next} then points after the last candidate looked at, so the
 * caller can go on, and no request scans without bound.
 */
final class SearchReads {
  static final int MAX_SCANNED = 2_000;
  private static final int CHUNK = 200;
  /**
   * PostgreSQL only: candidates are read first from the newest 10 minutes of doc (time), then
   * from everything older. Without the window, pg_trgm's bitmap scan reads every match of a
   * common word and sorts them all for the first twenty (measured: 124 ms at the median over
   * 200k messages; 14 ms with the window). Growing windows (x4) were measured too: they made rare
   * words, which run through every window, three times slower (168 ms against 57 ms).
   */
  private static final long FIRST_WINDOW = (10 * 60_000L) << SearchIndex.SHIFT;

  private final DataSource pool;
  private final Dialect dialect;

  SearchReads(DataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  Search.Page search(Search.Query q, Collection<String> rooms, int limit) throws SQLException {
    List<Search.Hit> hits = new ArrayList<>();
    if (rooms.isEmpty()) return new Search.Page(hits, null);
    List<Object> params = new ArrayList<>();
    String sql = sql(q, rooms, params);
    Search.Cursor cursor = q.before();
    int scanned = 0;
    boolean pg = dialect == Dialect.POSTGRESQL;
    long span = FIRST_WINDOW;
    long floor = Long.MIN_VALUE;
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      while (true) {
        int p = 1;
        for (Object o : params) ps.setObject(p++, o);
        long doc = cursor == null ? Long.MAX_VALUE : cursor.doc();
        ps.setLong(p++, doc);
        if (pg) {
          if (floor == Long.MIN_VALUE) {
            long top = cursor == null ? (System.currentTimeMillis() + 60_000) << SearchIndex.SHIFT : doc;
            floor = top - span < 0 || span > Long.MAX_VALUE / 8 ? 0 : top - span;
          }
          ps.setLong(p++, doc);
          ps.setLong(p++, doc);
          ps.setString(p++, cursor == null ? "" : cursor.room());
          ps.setLong(p++, cursor == null ? 0 : cursor.seq());
          ps.setLong(p++, floor);
        }
        ps.setInt(p, CHUNK);
        int rows = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows++;
            scanned++;
            cursor = new Search.Cursor(rs.getLong(1), rs.getString(2), rs.getLong(3));
            String text = rs.getString(8);
            List<int[]> ranges = Search.match(text, q.terms());
            if (ranges == null) continue;
            if (hits.size() == limit) {
              // one more than asked: there is a next page, which starts after the last one kept
              return new Search.Page(hits, hits.get(limit - 1).at());
            }
            hits.add(new Search.Hit(rs.getString(2), rs.getLong(3), rs.getLong(4),
                new Profile(rs.getString(5), rs.getString(6), rs.getString(7)), text, ranges, cursor));
          }
        }
        if (rows < CHUNK && pg && floor > 0) {
          // the recent window is exhausted: everything older in one go
          cursor = new Search.Cursor(floor, "", Long.MIN_VALUE);
          span = Long.MAX_VALUE;
          floor = Long.MIN_VALUE;
          if (scanned >= MAX_SCANNED) return new Search.Page(hits, cursor);
          continue;
        }
        if (rows < CHUNK) return new Search.Page(hits, null);
        if (scanned >= MAX_SCANNED) return new Search.Page(hits, cursor);
      }
    }
  }

  /** The candidate query; {@code params} gets the values of its fixed placeholders, in order. */
  private String sql(Search.Query q, Collection<String> rooms, List<Object> params) {
    boolean lite = dialect == Dialect.SQLITE;
    StringBuilder w = new StringBuilder();
    if (lite) {
      StringBuilder match = new StringBuilder();
      for (Search.Term t : q.terms()) {
        if (!t.indexed()) continue;
        if (match.length() > 0) match.append(" AND ");
        if (t.pair()) match.append("pairs : ").append(phrase(t.text() + Search.PAIR_END));
        else if (t.fuzzy()) match.append("(body : ").append(phrase(t.left())).append(" OR body : ").append(phrase(t.right())).append(')');
        else match.append("body : ").append(phrase(t.text()));
      }
      w.append(" WHERE search_fts MATCH ?");
      params.add(match.toString());
    } else {
      w.append(" WHERE TRUE");
      for (Search.Term t : q.terms()) {
        if (!t.indexed()) continue;
        if (t.pair()) {
          w.append(" AND d.pairs LIKE ?");
          params.add(like(t.text() + Search.PAIR_END));
        } else if (t.fuzzy()) {
          w.append(" AND (d.body LIKE ? OR d.body LIKE ?)");
          params.add(like(t.left()));
          params.add(like(t.right()));
        } else {
          w.append(" AND d.body LIKE ?");
          params.add(like(t.text()));
        }
      }
    }
    w.append(" AND d.room IN (");
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
    w.append(" AND NOT e.deleted");
    String select = "SELECT d.doc, d.room, d.seq, e.ts, e.user_id, e.nick, e.avatar, e.text";
    if (lite) {
      return select + " FROM search_fts f JOIN search_docs d ON d.doc = f.rowid"
          + " JOIN events e ON e.room = d.room AND e.seq = d.seq" + w
          + " AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?";
    }
    return select + " FROM search_docs d JOIN events e ON e.room = d.room AND e.seq = d.seq" + w
        + " AND d.doc <= ? AND (d.doc < ? OR (d.doc = ? AND (d.room, d.seq) < (?, ?))) AND d.doc >= ?"
        + " ORDER BY d.doc DESC, d.room DESC, d.seq DESC LIMIT ?";
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
