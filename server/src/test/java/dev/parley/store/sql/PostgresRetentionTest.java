package dev.parley.store.sql;

/** Retention on PostgreSQL. */
class PostgresRetentionTest extends RetentionContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
