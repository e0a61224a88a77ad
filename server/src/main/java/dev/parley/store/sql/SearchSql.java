package dev.parley.store.sql;

import dev.parley.domain.Search;
import java.util.Collection;
import java.util.List;

/**
 * The text of search's candidate queries ({@link SearchReads} runs them): the walk of the newest
 * entries and the index's query, for each database, with their parameters in order. A walk's
 * parameters hold {@link Slot}s where a chunk binds its own values.
 */
final class SearchSql {
  private SearchSql() {}

  /** Placeholders whose values change from chunk to chunk, in a walk's parameter list. */
  enum Slot {
    /** The "older than the cursor" placeholders ({@code SearchReads.bindCursor}). */
    CURSOR,
    /** How many entries the walk may look at. */
    BOUND
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
  static String indexed(
      Search.Query q, Collection<String> rooms, boolean lite, List<Object> params) {
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
  static String pgWalk(Search.Query q, Collection<String> rooms, List<Object> params) {
    String filters = filters(q, rooms, false, params);
    params.add(Slot.CURSOR);
    params.add(Slot.BOUND);
    String terms = terms(q, false, params);
    return "SELECT d.doc, d.room, d.seq, d.body FROM (SELECT d.doc, d.room, d.seq, d.body, d.pairs FROM search_docs d WHERE TRUE"
        + filters
        + PG_OLDER
        + PG_ORDER
        + " LIMIT ?) d WHERE "
        + terms
        + PG_ORDER
        + " LIMIT ?";
  }

  /**
   * SQLite's walk, the same in effect: FTS5 walks the matches of every room newest first, so a
   * searcher whose rooms hold a small share of the messages had a common word's matches in other
   * rooms looked up one by one (run 19's capacity profile: 96 % of the search pool in that walk, 17
   * ms for a word in 5 of 500 rooms, 3 ms in all 500). Here each room's entries come newest first
   * from {@code search_docs (room, doc)}, merged ({@code UNION ALL ... ORDER BY}: a merge of the
   * rooms' index walks, no sort), at most a bounded number, and of those the ones whose text holds
   * every term's lookup are the candidates. The bounded walk is materialized doc by doc and then
   * read in its own order (no outer sort: the query stops at the chunk's last candidate); {@code
   * SearchPlanTest} pins that plan.
   */
  static String liteWalk(Search.Query q, Collection<String> rooms, List<Object> params) {
    StringBuilder w = new StringBuilder("SELECT w.doc, d.room, d.seq, f.body FROM (");
    int i = 0;
    for (String room : rooms) {
      if (i++ > 0) w.append(" UNION ALL ");
      w.append("SELECT d.doc FROM search_docs d WHERE d.room = ? AND d.doc < ?");
      params.add(room);
      params.add(Slot.CURSOR);
      w.append(narrowing(q, "d.doc", params));
    }
    w.append(" ORDER BY 1 DESC LIMIT ?) w JOIN search_docs d ON d.doc = w.doc")
        .append(" JOIN search_fts f ON f.rowid = w.doc WHERE ");
    params.add(Slot.BOUND);
    String and = "";
    for (Search.Term t : q.terms()) {
      if (!t.indexed()) continue;
      String column = t.pair() ? "f.pairs" : "f.body";
      w.append(and).append('(');
      for (int k = 0; k < t.lookups().size(); k++) {
        w.append(k == 0 ? "" : " OR ").append("instr(").append(column).append(", ?) > 0");
        params.add(t.lookups().get(k));
      }
      w.append(')');
      and = " AND ";
    }
    return w.append(" LIMIT ?").toString();
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
    return w.append(narrowing(q, lite ? "f.rowid" : "d.doc", params)).toString();
  }

  /**
   * The person and time filters on {@code search_docs d}, each starting with AND; {@code doc} names
   * the column the time's lower bound narrows.
   */
  private static String narrowing(Search.Query q, String doc, List<Object> params) {
    StringBuilder w = new StringBuilder();
    if (q.userId() != null) {
      w.append(" AND d.user_id = ?");
      params.add(q.userId());
    }
    if (q.from() != null) {
      // doc >= ts * 4096 for every row, so this bound lets the index skip older rows early
      w.append(" AND ").append(doc).append(" >= ?");
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
