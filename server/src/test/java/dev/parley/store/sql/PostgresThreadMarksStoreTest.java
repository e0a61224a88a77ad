package dev.parley.store.sql;

/** Per-thread read markers and a person's threads, on PostgreSQL. */
class PostgresThreadMarksStoreTest extends ThreadMarksStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
