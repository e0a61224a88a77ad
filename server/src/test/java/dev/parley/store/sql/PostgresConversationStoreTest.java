package dev.parley.store.sql;

/** Replies and threads, on PostgreSQL. */
class PostgresConversationStoreTest extends ConversationStoreContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
