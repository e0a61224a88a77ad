package dev.parley.store.sql;

/** Web Push's records on SQLite. */
class SqlitePushBookTest extends PushBookContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
