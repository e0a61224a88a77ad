package dev.parley.store.sql;

/** Sessions and sign-in codes, on SQLite. */
class SqliteSessionStoreTest extends SessionStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
