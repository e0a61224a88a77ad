package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;

import java.net.URI;
import java.util.Base64;

/**
 * One device's push subscription, as the browser's {@code PushSubscription} gives it: the push
 * service's {@code endpoint} and the keys its messages are encrypted to (RFC 8291): {@code p256dh},
 * the device's P-256 public key (65 bytes, uncompressed), and {@code auth}, its 16-byte secret,
 * both base64url. {@link #of} checks each against those shapes and bounds.
 */
public record PushDevice(String endpoint, String p256dh, String auth) {

  /** The longest endpoint taken (those of the big push services are under 300 characters). */
  public static final int MAX_ENDPOINT = 1024;

  /**
   * A checked subscription. {@code allowed} decides the endpoint's scheme, host and port beyond the
   * shape (the push sender's rules: https to a public address on 443, unless the operator allows
   * more).
   */
  public static PushDevice of(
      String endpoint, String p256dh, String auth, java.util.function.Predicate<URI> allowed) {
    if (endpoint == null || endpoint.isEmpty() || endpoint.length() > MAX_ENDPOINT)
      throw new ChatException(
          BAD_REQUEST,
          "Field 'endpoint' must be a URL of at most " + MAX_ENDPOINT + " characters.");
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (java.net.URISyntaxException e) {
      throw new ChatException(BAD_REQUEST, "Field 'endpoint' is not a URL.");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || !allowed.test(uri))
      throw new ChatException(
          BAD_REQUEST,
          "Field 'endpoint' must be an https URL of a push service at a public address.");
    if (length(p256dh) != 65 || Base64.getUrlDecoder().decode(p256dh)[0] != 4)
      throw new ChatException(
          BAD_REQUEST, "Field 'p256dh' must be a P-256 public key, uncompressed, in base64url.");
    if (length(auth) != 16)
      throw new ChatException(BAD_REQUEST, "Field 'auth' must be 16 bytes in base64url.");
    return new PushDevice(endpoint, p256dh, auth);
  }

  /** Bytes a base64url text holds (padding optional), or -1 when it is not base64url. */
  private static int length(String text) {
    if (text == null || text.length() > 200 || !text.matches("[A-Za-z0-9_-]+={0,2}")) return -1;
    try {
      return Base64.getUrlDecoder().decode(text).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
