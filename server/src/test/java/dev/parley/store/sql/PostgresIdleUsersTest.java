package dev.parley.store.sql;

/** Users who never sent anything, on PostgreSQL. */
class PostgresIdleUsersTest extends IdleUsersContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
