package dev.parley.store.sql;

/** Per-thread read markers and a person's threads, on SQLite. */
class SqliteThreadMarksStoreTest extends ThreadMarksStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
