package dev.parley.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR block of them, as an operator writes it: {@code 10.0.0.1}, {@code
 * 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}. Why here: the server's options name addresses this
 * way in more than one place ({@code --trusted-proxies}, {@code --link-preview-internal}, {@code
 * --push-internal}), and each must read them alike. Never a host name: a name would be looked up,
 * and could be pointed anywhere. Immutable, so any thread may ask.
 */
public final class AddressBlock {
  private static final Pattern V4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern V6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private final byte[] prefix;
  private final int bits;

  private AddressBlock(byte[] prefix, int bits) {
    this.prefix = prefix;
    this.bits = bits;
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException when it is not an IP literal or a CIDR block
   */
  public static AddressBlock parse(String entry) {
    int slash = entry.indexOf('/');
    byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
    if (address == null)
      throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
    int bits = address.length * 8;
    if (slash >= 0) {
      String n = entry.substring(slash + 1);
      if (!n.matches("[0-9]{1,3}") || Integer.parseInt(n) > bits)
        throw new IllegalArgumentException("not a CIDR block: " + entry);
      bits = Integer.parseInt(n);
    }
    return new AddressBlock(address, bits);
  }

  /**
   * The address an IP literal names (IPv4 in four decimal parts, or IPv6 without brackets), else
   * null; never a lookup.
   */
  public static InetAddress address(String text) {
    byte[] b = literal(text);
    try {
      return b == null ? null : InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null; // not four or sixteen bytes: cannot happen
    }
  }

  /** The bytes of an IPv4 literal (four decimal parts) or an IPv6 one, else null; no lookup. */
  private static byte[] literal(String text) {
    var v4 = V4.matcher(text);
    if (v4.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(v4.group(i + 1));
        if (part > 255) return null;
        b[i] = (byte) part;
      }
      return b;
    }
    if (!V6.matcher(text).matches()) return null;
    try {
      return InetAddress.getByName(text).getAddress(); // with a colon, a literal: never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Whether {@code address} (4 or 16 bytes) is in this block. */
  public boolean contains(byte[] address) {
    if (address.length != prefix.length) return false;
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) if (address[i] != prefix[i]) return false;
    int rest = bits % 8;
    if (rest == 0) return true;
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[whole] & mask) == (prefix[whole] & mask);
  }
}
