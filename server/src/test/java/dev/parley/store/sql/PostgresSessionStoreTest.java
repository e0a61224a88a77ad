package dev.parley.store.sql;

/** Sessions and sign-in codes, on PostgreSQL. */
class PostgresSessionStoreTest extends SessionStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
