package dev.parley.store.sql;

/** Passkeys, on PostgreSQL. */
class PostgresPasskeyStoreTest extends PasskeyStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
