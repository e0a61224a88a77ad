package dev.parley.domain;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The inside addresses an operator lets the server reach on a user's behalf, as Mattermost's {@code
 * AllowedUntrustedInternalConnections} does: link previews ({@code --link-preview-internal}), for a
 * team whose wiki or tracker sits on the private network, and push endpoints ({@code
 * --push-internal}), for a push relay of its own. Why addresses and not names: a name is resolved
 * again at every fetch and could be pointed anywhere, an address or a range is what the operator
 * meant. Each entry is an IPv4 or IPv6 address, optionally a range ({@code /prefix}), optionally a
 * port ({@code 10.0.0.5:8080}, {@code [fd00::5]:8080}); without a port only the scheme's usual
 * ports (80, 443). Every other rule of the fetcher holds for them.
 */
public final class InternalHosts implements Predicate<InetSocketAddress> {

  /** One entry: a block of addresses, on {@code port} (0: 80 and 443). */
  private record Entry(AddressBlock block, int port) {
    boolean matches(InetSocketAddress at) {
      if (port == 0 ? at.getPort() != 80 && at.getPort() != 443 : at.getPort() != port)
        return false;
      return block.contains(at.getAddress().getAddress());
    }
  }

  private final List<Entry> entries;

  private InternalHosts(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * The entries' allowance; throws {@link IllegalArgumentException} naming the first entry that is
   * not an address, a range or a port.
   */
  public static InternalHosts parse(List<String> texts) {
    List<Entry> entries = new ArrayList<>();
    for (String text : texts) {
      String t = text.strip();
      if (!t.isEmpty()) entries.add(entry(t));
    }
    return new InternalHosts(List.copyOf(entries));
  }

  /** Whether no entry was given: only public addresses are reached. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean test(InetSocketAddress at) {
    for (Entry e : entries) if (e.matches(at)) return true;
    return false;
  }

  private static Entry entry(String t) {
    String address = t;
    int port = 0;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) throw bad(t);
      address = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) throw bad(t);
        port = port(rest.substring(1), t);
      }
    } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0) {
      address = t.substring(0, t.indexOf(':')); // IPv4 with a port; IPv6 has two colons or more
      port = port(t.substring(t.indexOf(':') + 1), t);
    }
    try {
      return new Entry(AddressBlock.parse(address), port);
    } catch (IllegalArgumentException e) {
      throw bad(t);
    }
  }

  private static int port(String text, String entry) {
    if (!text.matches("[0-9]{1,5}")) throw bad(entry);
    int p = Integer.parseInt(text);
    if (p < 1 || p > 65_535) throw bad(entry);
    return p;
  }

  private static IllegalArgumentException bad(String entry) {
    return new IllegalArgumentException(
        "'"
            + entry
            + "' is not an IP address or range with an optional port"
            + " (10.0.0.5, 10.0.0.0/8, 10.0.0.5:8080, [fd00::5]:8080)");
  }
}
