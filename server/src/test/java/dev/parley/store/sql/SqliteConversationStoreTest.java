package dev.parley.store.sql;

/** Replies and threads, on SQLite. */
class SqliteConversationStoreTest extends ConversationStoreContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
