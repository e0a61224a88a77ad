package dev.parley.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Topic header of a push (which the push service does see): a hash of the room, so that a newer
 * push of a room replaces one still waiting for the device, and the room's name does not leave in
 * the clear.
 */
final class PushTopic {
  private PushTopic() {}

  /** 32 base64url characters (the most RFC 8030 allows) naming the room, not saying it. */
  static String topic(String room) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(room.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
