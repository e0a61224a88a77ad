package dev.parley.store.sql;

/** Password hashes, on SQLite. */
class SqlitePasswordStoreTest extends PasswordStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
