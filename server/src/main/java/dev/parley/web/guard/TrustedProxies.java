package dev.parley.web.guard;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose forwarding headers the server believes ({@code --trusted-proxies}):
 * addresses or CIDR blocks, IPv4 or IPv6. Anyone can write {@code X-Forwarded-For}; only from a
 * proxy the operator named does it say who the client is. Immutable, so any thread may ask.
 */
public final class TrustedProxies {

  /** Nobody: every forwarding header is the client's own claim, and ignored. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private record Block(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) return false;
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) if (address[i] != prefix[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /**
   * Parses {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}.
   *
   * @throws IllegalArgumentException for an entry that is not an IP literal or a CIDR block (host
   *     names are refused: resolving them would make a lookup part of every request)
   */
  public static TrustedProxies parse(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) continue;
      int slash = entry.indexOf('/');
      String literal = slash < 0 ? entry : entry.substring(0, slash);
      byte[] address = NetUtil.createByteArrayFromIpAddressString(literal);
      if (address == null)
        throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a CIDR block: " + entry, e);
        }
        if (bits < 0 || bits > address.length * 8)
          throw new IllegalArgumentException("not a CIDR block: " + entry);
      }
      blocks.add(new Block(address, bits));
    }
    return new TrustedProxies(List.copyOf(blocks));
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean contains(InetAddress address) {
    if (address == null) return false;
    byte[] bytes = address.getAddress();
    for (Block b : blocks) if (b.contains(bytes)) return true;
    return false;
  }
}
