package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQLite's plan of a statement, one step per line, for the tests that pin a plan. */
final class QueryPlans {
  private QueryPlans() {}

  /** {@code EXPLAIN QUERY PLAN} of {@code sql} with {@code params} bound in order. */
  static List<String> of(Connection c, String sql, List<?> params) throws SQLException {
    List<String> steps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      int p = 1;
      for (Object o : params) ps.setObject(p++, o);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) steps.add(rs.getString("detail"));
      }
    }
    return steps;
  }
}
