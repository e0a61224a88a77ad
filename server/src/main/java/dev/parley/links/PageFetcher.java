package dev.parley.links;

import dev.parley.domain.InternalHosts;
import dev.parley.domain.LinkPages;
import dev.parley.domain.PublicAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link fetcher ({@link LinkPages}): hostile-input code, since anyone can post a link. Its rules
 * (docs/security.md, "Link previews"): only {@code http} and {@code https} on their usual ports
 * (80, 443); the name resolved here and every address it has checked ({@link PublicAddress}: no
 * loopback, private, link-local, carrier-grade NAT, multicast, unique-local ... address), then the
 * connection made to the address checked; at most {@value #MAX_REDIRECTS} redirects, each checked
 * the same way; {@value #SECONDS} seconds in all for the page and as much for its image; at most
 * {@link LinkPages#MAX_BYTES} of each; a page only when it says it is HTML, an image only when it
 * says and is PNG, JPEG, GIF or WebP; no cookies, proxies or compression. The work runs on a pool
 * of its own ({@value #THREADS} threads, {@value #QUEUE} waiting, more refused), never on an event
 * loop or the store's writer.
 */
public final class PageFetcher implements LinkPages, AutoCloseable {
  static final int MAX_REDIRECTS = 3;
  static final int SECONDS = 5;
  static final int THREADS = 2;
  static final int QUEUE = 32;

  private static final Logger LOG = LoggerFactory.getLogger(PageFetcher.class);
  private static final String HTML = "text/html,application/xhtml+xml;q=0.9";
  private static final String IMAGES = "image/png,image/jpeg,image/gif,image/webp";

  /** How names become addresses: the system's resolver, or a test's. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Why a link gets no preview; its message says. */
  static final class Refused extends IOException {
    Refused(String why) {
      super(why);
    }
  }

  private final java.util.function.Predicate<InetSocketAddress> allowance;
  private final boolean strict;
  private final Resolver resolver;
  private final ThreadPoolExecutor pool;

  /** No allowance: the rules of a server. */
  static final java.util.function.Predicate<InetSocketAddress> NONE = a -> false;

  /** The fetcher of a server: public addresses on ports 80 and 443 only. */
  public PageFetcher() {
    this(NONE, InetAddress::getAllByName);
  }

  /**
   * The fetcher of a server that also previews pages on {@code internal} addresses (its operator's
   * intranet, {@code --link-preview-internal}); with none, the same as {@link #PageFetcher()}.
   */
  public static PageFetcher allowing(InternalHosts internal) {
    return internal.isEmpty()
        ? new PageFetcher()
        : new PageFetcher(internal, InetAddress::getAllByName);
  }

  /**
   * @param allowance tests and {@link #allowing}: the addresses and ports allowed besides public
   *     ones on 80 and 443 (a test's own site on 127.0.0.1); every other rule holds
   * @param resolver how names become addresses
   */
  PageFetcher(java.util.function.Predicate<InetSocketAddress> allowance, Resolver resolver) {
    this.allowance = allowance;
    this.strict = allowance == NONE;
    this.resolver = resolver;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "parley-link-previews-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public CompletableFuture<Page> fetch(String url) {
    CompletableFuture<Page> answer = new CompletableFuture<>();
    try {
      pool.execute(
          () -> {
            try {
              answer.complete(preview(url));
            } catch (IOException | RuntimeException e) {
              LOG.debug("no preview for {}: {}", url, e.toString());
              answer.complete(null);
            }
          });
    } catch (RejectedExecutionException busy) {
      answer.completeExceptionally(busy);
    }
    return answer;
  }

  /** The preview of {@code url}, or null when the page has no title. */
  Page preview(String url) throws IOException {
    Fetched page = get(url, HTML, true);
    String charset = charsetOf(page.response.header("content-type"));
    PageParser.Found found = PageParser.parse(page.response.body(), charset, page.uri.toString());
    if (found.title().isBlank()) return null;
    String imageType = null;
    byte[] image = null;
    if (found.image() != null) {
      try {
        Fetched img = get(found.image(), IMAGES, false);
        imageType = ImageTypes.sniff(img.response.body());
        if (imageType != null) image = img.response.body();
      } catch (IOException | RuntimeException e) {
        LOG.debug("no image for the preview of {}: {}", url, e.toString());
      }
    }
    return new Page(found.title(), found.description(), imageType, image);
  }

  record Fetched(URI uri, Http1.Response response) {}

  /**
   * Follows {@code url} (and at most {@value #MAX_REDIRECTS} redirects) to a 200 answer of the kind
   * asked for: HTML ({@code html}), else an image of one of the four types, no larger than {@link
   * LinkPages#MAX_BYTES} (an image is refused past it, a page cut there).
   *
   * @throws Refused naming the rule it broke
   */
  Fetched get(String url, String accept, boolean html) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    URI uri = parse(url);
    for (int hop = 0; ; hop++) {
      InetSocketAddress to = checkedAddress(uri);
      Http1.Response r =
          Http1.get(to.getAddress(), uri, to.getPort(), accept, deadline, MAX_BYTES, false);
      int s = r.status();
      if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
        if (hop >= MAX_REDIRECTS) throw new Refused("more than " + MAX_REDIRECTS + " redirects");
        String location = r.header("location");
        if (location == null) throw new Refused("a redirect without a Location");
        try {
          uri = parse(uri.resolve(new URI(location.strip())).toString());
        } catch (URISyntaxException e) {
          throw new Refused("a redirect to a malformed address");
        }
        continue;
      }
      if (s != 200) throw new Refused("status " + s);
      String type = mediaType(r.header("content-type"));
      if (html) {
        if (!type.equals("text/html") && !type.equals("application/xhtml+xml"))
          throw new Refused("not HTML: " + type);
      } else {
        if (!ImageTypes.TYPES.contains(type)) throw new Refused("not an image: " + type);
        if (r.truncated()) throw new Refused("an image over " + MAX_BYTES + " bytes");
      }
      return new Fetched(uri, r);
    }
  }

  /** An absolute http(s) address with a host and no user information, in ASCII. */
  static URI parse(String url) throws Refused {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("a malformed address");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https"))
      throw new Refused("only http and https, not " + scheme);
    if (uri.getHost() == null && uri.getRawAuthority() != null) uri = punycode(uri, scheme);
    if (uri.getHost() == null || uri.getHost().isEmpty()) throw new Refused("no host");
    if (uri.getRawUserInfo() != null) throw new Refused("an address with a user name");
    String ascii = uri.toASCIIString();
    return URI.create(scheme + ascii.substring(scheme.length()));
  }

  /**
   * {@code uri} with a host name in another script than Latin (an IDN: {@code bücher.example})
   * written in punycode ({@code xn--bcher-kva.example}), as DNS and the Host header need it.
   */
  private static URI punycode(URI uri, String scheme) throws Refused {
    String authority = uri.getRawAuthority();
    if (authority.contains("@")) throw new Refused("an address with a user name");
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    String port = colon < 0 ? "" : authority.substring(colon);
    try {
      String ascii = java.net.IDN.toASCII(host, java.net.IDN.USE_STD3_ASCII_RULES);
      String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (uri.getRawQuery() != null) rest += "?" + uri.getRawQuery();
      return new URI(scheme + "://" + ascii + port + rest);
    } catch (IllegalArgumentException | URISyntaxException e) {
      throw new Refused("a host name that is not one");
    }
  }

  /**
   * The address to connect to for {@code uri}: the port must be the scheme's usual one (checked
   * before any name is resolved), and every address the host resolves to public (one refused
   * address refuses the name: a name that also points inward is not asked which way it means).
   * Connected to is the first, as checked, never the name again.
   */
  InetSocketAddress checkedAddress(URI uri) throws IOException {
    boolean tls = "https".equals(uri.getScheme());
    int usual = tls ? 443 : 80;
    int port = uri.getPort() < 0 ? usual : uri.getPort();
    String host = uri.getHost();
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    // a server has no allowance: the port is refused before the name is resolved
    if (port != usual && strict)
      throw new Refused("port " + port + ": only 80 for http and 443 for https");
    InetAddress[] all = resolver.resolve(name);
    if (all.length == 0) throw new Refused("no address for " + host);
    for (InetAddress a : all) {
      InetSocketAddress at = new InetSocketAddress(a, port);
      if (allowance.test(at)) continue;
      if (port != usual) throw new Refused("port " + port + ": only 80 for http and 443 for https");
      if (!PublicAddress.isPublic(a))
        throw new Refused("the address " + a.getHostAddress() + " is not public");
    }
    return new InetSocketAddress(all[0], port);
  }

  private static String mediaType(String contentType) {
    if (contentType == null) return "";
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static String charsetOf(String contentType) {
    if (contentType == null) return null;
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String c = p.substring(8).replace("\"", "").strip();
        return c.isEmpty() ? null : c;
      }
    }
    return null;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
