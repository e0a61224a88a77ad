package dev.parley.web.guard;

import dev.parley.domain.AddressBlock;
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

  private final List<AddressBlock> blocks;

  private TrustedProxies(List<AddressBlock> blocks) {
    this.blocks = blocks;
  }

  /**
   * Parses {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}.
   *
   * @throws IllegalArgumentException for an entry that is not an IP literal or a CIDR block (host
   *     names are refused: resolving them would make a lookup part of every request)
   */
  public static TrustedProxies parse(List<String> entries) {
    List<AddressBlock> blocks = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (!entry.isEmpty()) blocks.add(AddressBlock.parse(entry));
    }
    return new TrustedProxies(List.copyOf(blocks));
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean contains(InetAddress address) {
    if (address == null) return false;
    byte[] bytes = address.getAddress();
    for (AddressBlock b : blocks) if (b.contains(bytes)) return true;
    return false;
  }
}
