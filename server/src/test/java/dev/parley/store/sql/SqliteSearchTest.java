package dev.parley.store.sql;

/** Search on an SQLite file. */
class SqliteSearchTest extends SearchContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
