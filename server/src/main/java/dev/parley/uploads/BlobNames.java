package dev.parley.uploads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The content name of a blob, {@code base64url(HMAC-SHA256(key, SHA-256(bytes)))}: the same bytes
 * are kept once under one name, which nobody without the key can compute from the bytes.
 */
final class BlobNames {
  private final SecretKeySpec key;

  BlobNames(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The blob name of the bytes of {@code ch}, read from the start: 43 characters. */
  String of(FileChannel ch) throws IOException {
    MessageDigest sha = sha256();
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    ch.position(0);
    while (ch.read(buf) >= 0) {
      buf.flip();
      sha.update(buf);
      buf.clear();
    }
    return nameFor(sha.digest());
  }

  /** The blob name of content whose SHA-256 is {@code digest}: 43 characters of base64url. */
  String nameFor(byte[] digest) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
