package dev.parley.store.sql;

/** Files and voice messages on an SQLite file. */
class SqliteFileStoreTest extends FileStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
