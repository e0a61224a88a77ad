package dev.parley.uploads;

import java.io.IOException;

/**
 * The credentials that let an {@code <img>} fetch uploads (it sends no Authorization header): each
 * is a random secret of its own, not the session token, held in an HttpOnly cookie for {@code
 * /uploads/} alone. Only a hash of each is kept, in the store's database ({@code
 * upload_credentials}), so that any node of a cluster accepts it and signing out on one revokes it
 * on all. Every method blocks: call them off the event loops.
 */
public interface UploadCredentials {

  /** Keeps a new credential; the user's oldest go beyond the newest {@code keep}. */
  void add(String hash, String userId, long now, int keep) throws IOException;

  /**
   * The user of the credential whose hash is {@code hash}, if it was made at or after {@code
   * notBefore}; else null.
   */
  String userFor(String hash, long notBefore) throws IOException;

  void remove(String hash) throws IOException;

  /** Removes the credentials made before {@code ts} (expired). */
  void removeOlderThan(long ts) throws IOException;
}
