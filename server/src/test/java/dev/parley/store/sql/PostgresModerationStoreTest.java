package dev.parley.store.sql;

/** Room roles and moderation, on PostgreSQL. */
class PostgresModerationStoreTest extends ModerationStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
