package dev.parley.store.sql;

/** Pins, saved messages and notification levels, on SQLite. */
class SqliteBookmarkStoreTest extends BookmarkStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
