package dev.parley.uploads;

import java.io.IOException;

/**
 * Bytes each user has sent to the upload endpoint, per day (UTC days since the epoch), kept in the
 * store's database ({@code upload_quota}) so that the daily quota holds on every node of a cluster
 * and across restarts. An upload reserves what it declares before its body is read and gives back
 * what it did not send at the end. Every method blocks: call them off the event loops.
 */
public interface UploadQuota {

  /**
   * Adds {@code bytes} to {@code userId}'s count for {@code day} if the count stays within {@code
   * limit}, in one statement (two nodes reserving at once cannot both pass the limit); false, and
   * nothing added, otherwise.
   */
  boolean reserve(String userId, long day, long bytes, long limit) throws IOException;

  /** Adds {@code delta} (negative: gives back a reservation's unused part) to the count. */
  void adjust(String userId, long day, long delta) throws IOException;

  /** Forgets the counts of the days before {@code day}. */
  void forgetBefore(long day) throws IOException;
}
