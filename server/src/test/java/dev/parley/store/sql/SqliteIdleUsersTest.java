package dev.parley.store.sql;

/** Users who never sent anything, on an SQLite file. */
class SqliteIdleUsersTest extends IdleUsersContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
