package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When SQLite's insert finds a client id already taken (a resend), the writer reads the original.
 * That lookup must search the index, never scan it: a scan costs the writer time in proportion to
 * every message ever stored, so a server would slow down as its history grows. SQLite plans without
 * statistics, so the plan it shows here is the plan it runs.
 */
class ResendLookupPlanTest extends FreshStores {

  @Override
  Target newTarget() {
    return Target.sqlite();
  }

  @Test
  void findingAResendsOriginalSearchesTheIndex() throws Exception {
    open().close();
    try (Connection c = DriverManager.getConnection(target.url())) {
      assertThat(plan(c))
          .anyMatch(
              step -> step.matches("SEARCH events USING (COVERING )?INDEX events_client_id.*"))
          .noneMatch(step -> step.startsWith("SCAN events"));
    }
  }

  static List<String> plan(Connection c) throws Exception {
    return QueryPlans.of(c, Resends.sqliteLookup(), List.of("x1", "x2"));
  }
}
