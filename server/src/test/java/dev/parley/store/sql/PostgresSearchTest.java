package dev.parley.store.sql;

/** Search on PostgreSQL. */
class PostgresSearchTest extends SearchContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
