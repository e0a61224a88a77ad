package dev.parley.store.sql;

/** Single sign-on identities, on PostgreSQL. */
class PostgresIdentityStoreTest extends IdentityStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
