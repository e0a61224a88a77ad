package dev.parley.store.sql;

/** Edits, deletions and reactions on PostgreSQL. */
class PostgresMessageChangesTest extends MessageChangesContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
