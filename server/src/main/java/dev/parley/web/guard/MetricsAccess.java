package dev.parley.web.guard;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics} on the main port. The metrics show counts and rates of direct
 * conversations and everyone's traffic, so they are the operator's, not the public's: without
 * {@code --metrics-address} they are answered to a loopback peer that came through no proxy (a
 * request a local proxy forwards carries {@code X-Forwarded-For} or {@code Forwarded}, and is the
 * public's); with it, they are served on that listener instead and the main port keeps them to
 * itself. Either way the holder of {@code --metrics-token}, sent as {@code Authorization: Bearer
 * <token>}, may read them from anywhere.
 */
public final class MetricsAccess {

  private final byte[] token;
  private final boolean elsewhere;

  /**
   * @param token the bearer token (null: none); @param elsewhere served on a listener of their own
   */
  public MetricsAccess(String token, boolean elsewhere) {
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.elsewhere = elsewhere;
  }

  public boolean mayRead(Channel ch, HttpHeaders headers) {
    if (token != null) {
      String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
      // compared in constant time: a token found by timing is no token
      if (auth != null
          && MessageDigest.isEqual(token, auth.strip().getBytes(StandardCharsets.UTF_8)))
        return true;
    }
    if (elsewhere) return false;
    InetAddress peer = ClientAddress.peer(ch);
    return peer != null && peer.isLoopbackAddress() && !proxied(headers);
  }

  /** The sentence a refused reader gets. */
  public String refusal() {
    return elsewhere
        ? "Metrics are served on the server's --metrics-address, or here with its --metrics-token.\n"
        : "Metrics are served to this machine only (not through a proxy), or with the server's --metrics-token.\n";
  }

  private static boolean proxied(HttpHeaders headers) {
    return headers.contains("X-Forwarded-For")
        || headers.contains("Forwarded")
        || headers.contains("X-Real-IP");
  }
}
