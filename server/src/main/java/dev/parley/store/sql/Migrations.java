package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway, from the dialect's one migration location.
 *
 * <p>Why a look before Flyway: starting Flyway means loading and initialising several hundred
 * classes (its plugin registry, its configuration model on Jackson); measured on the development
 * machine that was the largest single part of {@link SqlStore#open}, 0.4 s idle and well over a
 * second when the machine is busy, while the node must be ready in 1.5 s. So if {@code
 * flyway_schema_history} already ends with {@link #LATEST}, applied successfully, Flyway is not
 * started at all. Any other state (a new database, an older schema, a failed migration, no history
 * table) runs Flyway as usual, which validates and migrates. The price is that an edited,
 * already-applied migration is not caught by checksum on such a start; the test {@code
 * MigrationsTest} keeps {@link #LATEST} equal to the newest migration file.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** The version of the newest file under {@code db/migration/<dialect>/}. */
  static final String LATEST = "26";

  private static final String LAST_APPLIED =
      "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1";

  private Migrations() {}

  static void apply(Dialect dialect, String url) {
    if (upToDate(dialect, url)) return;
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(url, null, null)
          .locations(dialect.migrations)
          .failOnMissingLocations(true)
          .skipDefaultCallbacks(true)
          .cleanDisabled(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      String hint =
          dialect == Dialect.POSTGRESQL
                  && String.valueOf(e.getMessage()).matches("(?s)No .*found.*")
              ? " (org.flywaydb:flyway-database-postgresql must be on the class path)"
              : "";
      throw new IllegalStateException(
          "migrating the database failed" + hint + ": " + e.getMessage(), e);
    }
  }

  /** Whether the schema is current, so that {@link #apply} does not start Flyway. */
  static boolean upToDate(Dialect dialect, String url) {
    try (Connection c = dialect.openWriter(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(LAST_APPLIED)) {
      boolean current = rs.next() && LATEST.equals(rs.getString(1)) && rs.getBoolean(2);
      if (current) log.debug("schema is at version {}; Flyway not needed", LATEST);
      return current;
    } catch (SQLException e) {
      return false; // no history table yet, or anything odd: let Flyway look
    }
  }
}
