package dev.parley.store.sql;

/** Web Push's records on PostgreSQL (a cluster's). */
class PostgresPushBookTest extends PushBookContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
