package dev.parley.store.sql;

/** The uploads' records on PostgreSQL, with their bytes in it too (a cluster). */
class PostgresUploadRecordsTest extends UploadRecordsContract {
  @Override
  Target newTarget() {
    return Target.postgres();
  }
}
