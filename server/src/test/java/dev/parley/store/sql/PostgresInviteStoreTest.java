package dev.parley.store.sql;

/** Invites, on PostgreSQL: two stores on one database, as two nodes of a cluster. */
class PostgresInviteStoreTest extends InviteStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }

  @Override
  boolean postgres() {
    return true;
  }
}
