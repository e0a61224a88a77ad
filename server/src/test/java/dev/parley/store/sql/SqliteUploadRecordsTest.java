package dev.parley.store.sql;

/** The uploads' records on an SQLite file, with their bytes in a folder. */
class SqliteUploadRecordsTest extends UploadRecordsContract {
  @Override
  Target newTarget() {
    return Target.sqlite();
  }
}
