package dev.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the machine's PostgreSQL for one test (class), dropped afterwards. Fails, never
 * skips, when PostgreSQL is not there: CI starts it, and a missing service must be loud.
 */
public final class PostgresSchema implements AutoCloseable {
  public static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final String schema;

  private PostgresSchema(String schema) {
    this.schema = schema;
  }

  public static PostgresSchema create() {
    String schema = "parley_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(BASE);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError(
          "these tests need PostgreSQL at 127.0.0.1:5432 (database 'test', user 'postgres', trust"
              + " auth); it could not be reached or used: "
              + e.getMessage(),
          e);
    }
    return new PostgresSchema(schema);
  }

  /** The JDBC URL of this schema. */
  public String url() {
    return BASE + "&currentSchema=" + schema;
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(BASE);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }
}
