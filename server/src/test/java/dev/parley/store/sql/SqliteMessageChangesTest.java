package dev.parley.store.sql;

/** Edits, deletions and reactions on an SQLite file. */
class SqliteMessageChangesTest extends MessageChangesContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
