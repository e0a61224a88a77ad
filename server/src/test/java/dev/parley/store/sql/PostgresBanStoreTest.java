package dev.parley.store.sql;

/** Server-wide bans, on PostgreSQL. */
class PostgresBanStoreTest extends BanStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
