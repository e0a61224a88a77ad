package dev.parley.store.sql;

/** The store contract on PostgreSQL (each test in its own schema of the machine's server). */
class PostgresSqlStoreTest extends SqlStoreContract {

  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
