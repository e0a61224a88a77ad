package dev.parley.store.sql;

/** Single sign-on identities, on SQLite. */
class SqliteIdentityStoreTest extends IdentityStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
