package dev.parley.store.sql;

/** Files and voice messages on PostgreSQL. */
class PostgresFileStoreTest extends FileStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
