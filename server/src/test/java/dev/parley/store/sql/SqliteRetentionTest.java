package dev.parley.store.sql;

/** Retention on an SQLite file. */
class SqliteRetentionTest extends RetentionContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
