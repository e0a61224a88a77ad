package dev.parley.store.sql;

/** Pins, saved messages and notification levels, on PostgreSQL. */
class PostgresBookmarkStoreTest extends BookmarkStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
