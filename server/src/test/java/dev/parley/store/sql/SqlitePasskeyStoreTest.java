package dev.parley.store.sql;

/** Passkeys, on SQLite. */
class SqlitePasskeyStoreTest extends PasskeyStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
