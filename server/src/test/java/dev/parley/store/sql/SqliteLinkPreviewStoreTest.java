package dev.parley.store.sql;

/** Link previews and their images, on SQLite. */
class SqliteLinkPreviewStoreTest extends LinkPreviewStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
