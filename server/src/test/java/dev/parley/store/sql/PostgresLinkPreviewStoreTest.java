package dev.parley.store.sql;

/** Link previews and their images, on PostgreSQL. */
class PostgresLinkPreviewStoreTest extends LinkPreviewStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
