package dev.parley.store.sql;

import dev.parley.domain.Store;
import dev.parley.uploads.UploadCredentials;
import dev.parley.uploads.UploadLinks;
import dev.parley.uploads.UploadQuota;

/**
 * What the store's database keeps about uploads (version 8): the uploads themselves ({@link
 * UploadLinks}), each user's daily count ({@link UploadQuota}) and the uploads' credentials ({@link
 * UploadCredentials}), on one small pool of connections of their own ({@link UploadDb}). The bytes
 * are elsewhere: files in the data folder, or {@link SqlUploads}.
 */
public final class UploadRecords implements AutoCloseable {
  private final UploadDb db;
  private final UploadLinks links;
  private final UploadQuota quota;
  private final UploadCredentials credentials;

  private UploadRecords(UploadDb db) {
    this.db = db;
    this.links = new SqlUploadLinks(db);
    this.quota = new SqlUploadQuota(db);
    this.credentials = new SqlUploadCredentials(db);
  }

  /**
   * The records in the database at {@code jdbcUrl}, migrated already by {@code store} (an {@link
   * SqlStore#open} of the same URL), whose writer orders the writes on SQLite.
   */
  public static UploadRecords open(String jdbcUrl, Store store) {
    return new UploadRecords(new UploadDb(jdbcUrl, store));
  }

  public UploadLinks links() {
    return links;
  }

  public UploadQuota quota() {
    return quota;
  }

  public UploadCredentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    db.close();
  }
}
