package dev.parley.store.sql;

/** Invites, on SQLite. */
class SqliteInviteStoreTest extends InviteStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }

  @Override
  boolean postgres() {
    return false;
  }
}
