package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Search;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SQLite's walk of a searcher's rooms must stay a merge of index walks, read in its own order: a
 * sort (of the rooms' entries, or of the walked ones) would make every search cost all of its
 * rooms' messages, and a scan of {@code search_docs} all of everyone's. SQLite plans without
 * statistics, so the plan it shows here is the plan it runs.
 */
class SearchPlanTest extends FreshStores {

  @Override
  Target newTarget() {
    return Target.sqlite();
  }

  @Test
  void aWalkOfThreeRoomsMergesTheirIndexWalksWithoutASort() throws Exception {
    open().close();
    List<Object> params = new ArrayList<>();
    String sql =
        SearchSql.liteWalk(
            new Search.Query(Search.terms("release notes"), null, null, null, null, null),
            List.of("a", "b", "c"),
            params);
    try (Connection c = DriverManager.getConnection(target.url())) {
      List<String> plan = plan(c, sql, params);
      assertThat(plan)
          .filteredOn(step -> step.contains("USING COVERING INDEX search_docs_room_doc (room=?"))
          .hasSize(3);
      assertThat(plan).anyMatch(step -> step.startsWith("MERGE (UNION ALL)"));
      assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
      assertThat(plan).noneMatch(step -> step.matches("SCAN (d|search_docs)\\b.*"));
    }
  }

  @Test
  void aWalkFilteredByPersonAndTimeStillMergesWithoutASort() throws Exception {
    open().close();
    List<Object> params = new ArrayList<>();
    String sql =
        SearchSql.liteWalk(
            new Search.Query(Search.terms("release"), null, "u-ann", 1L, 2L, null),
            List.of("a", "b"),
            params);
    try (Connection c = DriverManager.getConnection(target.url())) {
      List<String> plan = plan(c, sql, params);
      assertThat(plan)
          .filteredOn(
              step -> step.contains("INDEX search_docs_room_doc (room=? AND doc>? AND doc<?)"))
          .hasSize(2);
      assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
    }
  }

  /** The plan with each chunk's slots bound to 1 and the chunk's limit to 21. */
  private static List<String> plan(Connection c, String sql, List<Object> params) throws Exception {
    List<Object> bound = new ArrayList<>();
    for (Object o : params) bound.add(o instanceof SearchSql.Slot ? 1 : o);
    bound.add(21);
    return QueryPlans.of(c, sql, bound);
  }
}
