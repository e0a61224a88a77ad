package dev.parley.store.sql;

/** Server-wide bans, on SQLite. */
class SqliteBanStoreTest extends BanStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
