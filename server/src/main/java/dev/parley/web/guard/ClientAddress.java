package dev.parley.web.guard;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;

/**
 * Who a connection is for the limits that count per address (connections held, new users made): the
 * peer, or, when the peer is a trusted proxy, the right-most entry of its {@code X-Forwarded-For}
 * that is not itself a trusted proxy. Entries further left were written by whoever sent the request
 * and prove nothing.
 *
 * <p>Limits count an IPv4 address as itself and an IPv6 address by its /64: one subscriber usually
 * holds a whole /64, so counting single IPv6 addresses would let one client take 2^64 turns (a
 * Parley decision).
 */
public final class ClientAddress {

  /** The counting key of the connection's client, set on each request's headers. */
  public static final AttributeKey<String> KEY = AttributeKey.valueOf("parley.client");

  private ClientAddress() {}

  /** The peer's IP address, or null for a channel that has none (an embedded test channel). */
  public static InetAddress peer(Channel ch) {
    SocketAddress remote = ch.remoteAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }

  /** The client behind {@code peer}: see the class comment. */
  public static InetAddress of(InetAddress peer, HttpHeaders headers, TrustedProxies proxies) {
    if (peer == null || !proxies.contains(peer)) return peer;
    String forwarded = headers.get("X-Forwarded-For");
    if (forwarded == null) return peer;
    String[] hops = forwarded.split(",");
    InetAddress client = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      InetAddress hop = literal(hops[i]);
      if (hop == null) return client; // not an address: what a trusted proxy wrote ends here
      client = hop;
      if (!proxies.contains(hop)) return hop;
    }
    return client; // every hop a trusted proxy: the first one is as far as anyone can tell
  }

  /**
   * An IP literal as proxies write one ({@code 1.2.3.4}, {@code 1.2.3.4:5}, {@code [::1]:5}, {@code
   * ::1}), else null.
   */
  static InetAddress literal(String raw) {
    String s = raw.strip();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) return null;
      s = s.substring(1, close);
    } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      s = s.substring(0, s.indexOf(':')); // IPv4 with a port
    }
    return NetUtil.createInetAddressFromIpAddressString(s);
  }

  /** The key limits count {@code address} under: see the class comment. */
  public static String key(InetAddress address) {
    if (address == null) return "unknown";
    if (address instanceof Inet6Address) {
      byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
      Arrays.fill(prefix, 8, 16, (byte) 0);
      return NetUtil.bytesToIpAddress(prefix) + "/64";
    }
    return address.getHostAddress();
  }
}
