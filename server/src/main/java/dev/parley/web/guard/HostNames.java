package dev.parley.web.guard;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names this server answers to, checked against every request's {@code Host} header. DNS
 * rebinding points a name the attacker owns at the server's address, so a page of that name is
 * "same origin" with the server as far as the browser and the Origin check can tell; only the
 * {@code Host} it sends still names the attacker's domain. Answered: the operator's {@code
 * --public-names}, loopback names ({@code localhost} and {@code *.localhost}, which browsers never
 * resolve elsewhere), any IP literal (a page cannot rebind an address), this machine's own names,
 * the server's {@code --host} when it is a name, and the hosts of {@code --allowed-origins}. A
 * request without {@code Host} (HTTP/1.0, a script) cannot come from a browser, and is answered.
 *
 * <p>Immutable once built; any event loop may ask. The machine's names are looked up once, when the
 * server starts (a few milliseconds; {@code /etc/hosts} normally answers).
 */
public final class HostNames {

  private final Set<String> names = new HashSet<>();

  public HostNames(List<String> publicNames, List<String> allowedOrigins, String bindHost) {
    names.add("localhost");
    for (String n : publicNames) add(n);
    for (String origin : allowedOrigins) {
      try {
        add(URI.create(origin.strip()).getHost());
      } catch (IllegalArgumentException e) {
        // not an origin: it allows nothing, here as in the Origin check
      }
    }
    if (bindHost != null && NetUtil.createByteArrayFromIpAddressString(bindHost) == null)
      add(bindHost);
    try {
      InetAddress self = InetAddress.getLocalHost();
      add(self.getHostName());
      add(self.getCanonicalHostName());
    } catch (UnknownHostException e) {
      // a machine without a resolvable name of its own: loopback and addresses still work
    }
  }

  private void add(String name) {
    String n = normal(name);
    if (n != null && !n.isEmpty()) names.add(n);
  }

  /** Whether a request with this {@code Host} header (null: none) is for this server. */
  public boolean allowed(String hostHeader) {
    if (hostHeader == null) return true;
    String host = host(hostHeader);
    if (host == null || host.isEmpty()) return false;
    if (host.startsWith("["))
      return NetUtil.isValidIpV6Address(host.substring(1, host.length() - 1));
    if (NetUtil.isValidIpV4Address(host)) return true;
    String n = normal(host);
    return names.contains(n) || n.endsWith(".localhost");
  }

  /**
   * The host part of a {@code Host} header: without its port, lower case, without a final dot; [v6]
   * kept in brackets.
   */
  public static String host(String hostHeader) {
    String h = hostHeader.strip();
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? null : h.substring(0, close + 1);
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0) h = h.substring(0, colon);
    return h;
  }

  private static String normal(String name) {
    if (name == null) return null;
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
