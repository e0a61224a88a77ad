package dev.parley.store.sql;

/** Room roles and moderation, on SQLite. */
class SqliteModerationStoreTest extends ModerationStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
