package dev.parley.store.sql;

/** Password hashes, on PostgreSQL. */
class PostgresPasswordStoreTest extends PasswordStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
