package dev.parley.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses the server may connect to on a user's behalf: the public internet only. A link in
 * a message or a push subscription's endpoint must never let a stranger reach what only this server
 * can (its own ports, the private network, a cloud's metadata service at 169.254.169.254), so the
 * link fetcher and the push sender check every address a name resolves to before they connect.
 */
public final class PublicAddress {
  private PublicAddress() {}

  /**
   * Whether {@code a} is a public unicast address: not unspecified, loopback, private (RFC 1918),
   * carrier-grade NAT (100.64/10), link-local, multicast, reserved or broadcast, nor IPv6
   * unique-local (fc00::/7), link-local, site-local, loopback, or an IPv4-mapped or -compatible or
   * NAT64 form of a refused IPv4 address.
   */
  public static boolean isPublic(InetAddress a) {
    if (a instanceof Inet4Address v4) return isPublicV4(v4.getAddress());
    if (a instanceof Inet6Address v6) return isPublicV6(v6.getAddress());
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int a0 = b[0] & 0xff, a1 = b[1] & 0xff;
    if (a0 == 0) return false; // "this network", 0.0.0.0
    if (a0 == 10) return false; // RFC 1918
    if (a0 == 127) return false; // loopback
    if (a0 == 100 && (a1 & 0xc0) == 64) return false; // carrier-grade NAT, 100.64/10
    if (a0 == 169 && a1 == 254) return false; // link-local (cloud metadata)
    if (a0 == 172 && (a1 & 0xf0) == 16) return false; // RFC 1918, 172.16/12
    if (a0 == 192 && a1 == 168) return false; // RFC 1918
    if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) return false; // IETF protocol assignments
    if (a0 == 198 && (a1 & 0xfe) == 18) return false; // benchmarking, 198.18/15
    if (a0 >= 224) return false; // multicast, reserved, broadcast
    return true;
  }

  private static boolean isPublicV6(byte[] b) {
    boolean zeroTo10 = true;
    for (int i = 0; i < 10; i++) if (b[i] != 0) zeroTo10 = false;
    if (zeroTo10) {
      boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      boolean compatible = b[10] == 0 && b[11] == 0;
      if (mapped || compatible) {
        // ::ffff:a.b.c.d and ::a.b.c.d (which also covers :: and ::1): judged as the IPv4 address
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
    }
    int first = b[0] & 0xff;
    if (first == 0xff) return false; // multicast
    if ((first & 0xfe) == 0xfc) return false; // unique-local, fc00::/7
    if (first == 0xfe && (b[1] & 0xc0) == 0x80) return false; // link-local, fe80::/10
    if (first == 0xfe && (b[1] & 0xc0) == 0xc0) return false; // site-local, fec0::/10
    if (first == 0 && b[1] == 0) return false; // the rest of ::/16 (reserved)
    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes
    if (first == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      boolean wellKnown = true;
      for (int i = 4; i < 12; i++) if (b[i] != 0) wellKnown = false;
      if (wellKnown) return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (first == 0x20 && b[1] == 0x02) {
      // 6to4 (2002::/16) carries an IPv4 address in bytes 2 to 5
      return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
    }
    return true;
  }
}
