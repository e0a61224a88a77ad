package dev.parley.push;

import dev.parley.domain.AddressBlock;
import dev.parley.domain.InternalHosts;
import dev.parley.domain.PublicAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where the server may send a push. A subscription's endpoint is whatever a signed-in user says it
 * is, and the server POSTs to it whenever they are mentioned: without a rule anyone could make the
 * server knock on its own private network (a database's port, a cloud's metadata service). The big
 * push services (FCM, Mozilla's autopush, Apple's, Microsoft's) all answer on https, port 443, at
 * public addresses, so that is what is taken: an endpoint that names an inside address is refused
 * when the device subscribes ({@link #allows}, no lookup there: it runs on an event loop), and
 * before every push the name is resolved and each of its addresses checked ({@link #check}) on the
 * push pool. The operator may list inside addresses of their own push relay ({@code
 * --push-internal}, as {@link InternalHosts}).
 *
 * <p>Unlike the link fetcher, the request is then made by name, by the JDK's client: a name that
 * resolves differently between the check and the connection (DNS rebinding) still meets TLS, whose
 * certificate must be valid for that name, so an inside host gets at most a connection and a TLS
 * greeting, never the request.
 */
public final class PushEndpoints {
  private static final Pattern DIGITS = Pattern.compile("[0-9.]+");

  /** How names become addresses: the system's resolver, or a test's. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Why an endpoint gets no push; its message says. */
  static final class Refused extends IOException {
    Refused(String why) {
      super(why);
    }
  }

  private final boolean plainHttp;
  private final Predicate<InetSocketAddress> inside;
  private final boolean anyPort;
  private final Resolver resolver;

  /**
   * @param plainHttp tests: {@code http} endpoints too (a push service of the test's own)
   * @param inside the addresses and ports allowed besides public ones on 443
   * @param anyPort whether a named endpoint may give another port than 443 (then its addresses
   *     decide, at the push); false with no inside addresses, so such an endpoint fails at once
   */
  PushEndpoints(
      boolean plainHttp, Predicate<InetSocketAddress> inside, boolean anyPort, Resolver resolver) {
    this.plainHttp = plainHttp;
    this.inside = inside;
    this.anyPort = anyPort;
    this.resolver = resolver;
  }

  /** A server's rules, with the operator's own inside addresses ({@code --push-internal}). */
  public static PushEndpoints allowing(InternalHosts internal) {
    return new PushEndpoints(false, internal, !internal.isEmpty(), InetAddress::getAllByName);
  }

  /**
   * Whether a device may subscribe with {@code endpoint}: its scheme, port and host, unresolved.
   */
  public boolean allows(URI endpoint) {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(plainHttp && scheme.equals("http"))) return false;
    String host = endpoint.getHost();
    if (host == null) return false;
    int port = port(endpoint);
    if (isLiteral(host)) {
      InetAddress literal = literal(host);
      return literal != null && reachable(literal, port);
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) name = name.substring(0, name.length() - 1); // "localhost." too
    if (name.equals("localhost") || name.endsWith(".localhost")) return false;
    return port == 443 || anyPort;
  }

  /**
   * Resolves the endpoint's host and checks each address it has; throws {@link Refused} when one is
   * inside and not allowed, {@link UnknownHostException} when it has none.
   */
  void check(URI endpoint) throws IOException {
    if (!allows(endpoint)) throw new Refused("not a push service's address");
    String host = endpoint.getHost();
    int port = port(endpoint);
    InetAddress[] addresses =
        isLiteral(host) ? new InetAddress[] {literal(host)} : resolver.resolve(host);
    for (InetAddress a : addresses) {
      if (!reachable(a, port))
        throw new Refused("resolves to an address that is not public: " + a.getHostAddress());
    }
  }

  private boolean reachable(InetAddress a, int port) {
    return (port == 443 && PublicAddress.isPublic(a))
        || inside.test(new InetSocketAddress(a, port));
  }

  private static int port(URI endpoint) {
    if (endpoint.getPort() != -1) return endpoint.getPort();
    return "http".equalsIgnoreCase(endpoint.getScheme()) ? 80 : 443;
  }

  /**
   * Whether a host is written as an IP address; such a host is judged as its {@link
   * AddressBlock#address} (a dotted quad or bracketed IPv6), and digits and dots in any other form
   * ({@code 2130706433}, {@code 127.1}, which resolvers read as 127.0.0.1) are refused.
   */
  private static boolean isLiteral(String host) {
    return host.startsWith("[") || DIGITS.matcher(host).matches();
  }

  private static InetAddress literal(String host) {
    return AddressBlock.address(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
  }
}
