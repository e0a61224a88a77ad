package dev.parley.web.passkeys;

import dev.parley.web.guard.TrustedProxies;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Who a passkey is for: the relying party id ({@code rpId}, the host name the browser asked) and
 * the origins a ceremony may come from. Both come from the request's {@code Host}, so one server
 * works on http://localhost:8080 and as https://chat.example.com behind a TLS proxy with no
 * setting. A trusted proxy's ({@code --trusted-proxies}) {@code X-Forwarded-Host} and {@code
 * X-Forwarded-Proto} replace them; anyone else's are ignored, as for {@code X-Forwarded-For}.
 *
 * <p>Without a proxy's word the scheme is not known (a TLS terminator may sit in front), so both
 * {@code http://} and {@code https://} of the host are accepted: a browser offers WebAuthn only in
 * a secure context (https, or http on localhost), so an http page elsewhere never gets that far.
 *
 * @param rpId the host name, without port or brackets' content changed ({@code [::1]} stays)
 * @param origins what {@code clientDataJSON.origin} may be
 */
public record RelyingParty(String rpId, Set<String> origins) {

  /** The relying party of a request from {@code peer}, or null when it names no usable host. */
  public static RelyingParty of(HttpHeaders headers, InetAddress peer, TrustedProxies proxies) {
    boolean proxied = peer != null && proxies.contains(peer);
    String authority = headers.get(HttpHeaderNames.HOST);
    String scheme = null;
    if (proxied) {
      String fwdHost = first(headers.get("X-Forwarded-Host"));
      if (fwdHost != null) authority = fwdHost;
      String proto = first(headers.get("X-Forwarded-Proto"));
      if (proto != null) scheme = proto.toLowerCase(Locale.ROOT);
    }
    if (authority == null) return null;
    authority = authority.strip().toLowerCase(Locale.ROOT);
    if (authority.endsWith(".")) authority = authority.substring(0, authority.length() - 1);
    if (authority.isEmpty()
        || !authority.matches("[a-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+\\](:[0-9]{1,5})?"))
      return null;
    String host = hostOf(authority);
    if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) return null;
    Set<String> origins =
        scheme != null
            ? Set.of(scheme + "://" + authority)
            : Set.of("http://" + authority, "https://" + authority);
    return new RelyingParty(host, origins);
  }

  private static String hostOf(String authority) {
    if (authority.startsWith("[")) return authority.substring(0, authority.indexOf(']') + 1);
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  /** The first of a comma-separated header's values (the one the outermost proxy wrote). */
  private static String first(String value) {
    if (value == null) return null;
    String v = value.split(",", 2)[0].strip();
    return v.isEmpty() ? null : v;
  }
}
