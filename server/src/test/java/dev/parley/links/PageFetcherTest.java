package dev.parley.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.InternalHosts;
import dev.parley.domain.LinkPages;
import dev.parley.testing.LinkedSite;
import dev.parley.testing.TestImages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link fetcher against a site this test serves on 127.0.0.1. The site is reached only through
 * the test allowance (its own address and port, or loopback); without it every loopback target,
 * every redirect to one, and every port but 80 and 443 is refused before any connection. Every
 * other address appears only as a string given to a fake resolver: nothing connects off this
 * machine.
 */
class PageFetcherTest {
  private final LinkedSite site = new LinkedSite();

  @AfterEach
  void stop() {
    site.close();
  }

  /** Allowed: the test site's own address and port, nothing else. */
  private PageFetcher onlyTheSite() {
    InetSocketAddress it = new InetSocketAddress(loopback(), site.port());
    return new PageFetcher(it::equals, InetAddress::getAllByName);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A server's fetcher, with a resolver that answers {@code addresses} for every name. */
  private static PageFetcher strict(String... addresses) {
    return new PageFetcher(
        PageFetcher.NONE,
        host -> {
          InetAddress[] all = new InetAddress[addresses.length];
          for (int i = 0; i < all.length; i++) all[i] = InetAddress.getByName(addresses[i]);
          return all;
        });
  }

  private static String reason(PageFetcher f, String url) {
    try {
      f.get(url, "text/html", true);
    } catch (Exception e) {
      assertThat(e).isInstanceOf(PageFetcher.Refused.class);
      return e.getMessage();
    }
    throw new AssertionError("fetched " + url);
  }

  @Test
  void readsTheOpenGraphTitleDescriptionAndImageThroughTheServer() throws Exception {
    byte[] png = TestImages.png(40, 30);
    site.page("/a", LinkedSite.openGraph("OG title", "What it is about", "/img.png"))
        .file("/img.png", "image/png", png);

    LinkPages.Page p = onlyTheSite().preview(site.url("/a"));

    assertThat(p.title()).isEqualTo("OG title");
    assertThat(p.description()).isEqualTo("What it is about");
    assertThat(p.imageType()).isEqualTo("image/png");
    assertThat(p.image()).isEqualTo(png);
  }

  @Test
  void fallsBackToTheHtmlTitleAndMetaDescription() throws Exception {
    site.page(
        "/b",
        "<html><head><title> The  title </title><meta name=description content='Plain'>"
            + "</head><body><script>alert(1)</script></body></html>");

    LinkPages.Page p = onlyTheSite().preview(site.url("/b"));

    assertThat(p.title()).isEqualTo("The title");
    assertThat(p.description()).isEqualTo("Plain");
    assertThat(p.image()).isNull();
  }

  @Test
  void aPageWithoutATitleHasNoPreview() throws Exception {
    site.page("/untitled", "<html><body>nothing</body></html>");
    assertThat(onlyTheSite().preview(site.url("/untitled"))).isNull();
  }

  @Test
  void onlyHtmlIsRead() {
    site.file("/data.json", "application/json", "{\"title\":1}".getBytes(StandardCharsets.UTF_8));
    site.file("/page.svg", "image/svg+xml", "<svg><title>x</title></svg>".getBytes());
    assertThat(reason(onlyTheSite(), site.url("/data.json"))).contains("not HTML");
    assertThat(reason(onlyTheSite(), site.url("/page.svg"))).contains("not HTML");
  }

  @Test
  void aPageIsReadNoFurtherThanOneMebibyte() throws Exception {
    String head = "<html><head><title>Big</title></head><body>";
    byte[] big = (head + "x".repeat(3 << 20)).getBytes(StandardCharsets.UTF_8);
    site.file("/big", "text/html", big);

    PageFetcher.Fetched f = onlyTheSite().get(site.url("/big"), "text/html", true);

    assertThat(f.response().body()).hasSize(LinkPages.MAX_BYTES);
    assertThat(f.response().truncated()).isTrue();
    assertThat(onlyTheSite().preview(site.url("/big")).title()).isEqualTo("Big");
  }

  @Test
  void anImageMustBeARealImageOfOneMebibyteAtMost() throws Exception {
    byte[] huge = new byte[(1 << 20) + 10];
    System.arraycopy(TestImages.png(10, 10), 0, huge, 0, 30);
    site.file("/huge.png", "image/png", huge)
        .file("/fake.png", "image/png", "<html><script>alert(1)</script>".getBytes())
        .file(
            "/vector.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes())
        .page("/p1", LinkedSite.openGraph("t", "d", "/huge.png"))
        .page("/p2", LinkedSite.openGraph("t", "d", "/fake.png"))
        .page("/p3", LinkedSite.openGraph("t", "d", "/vector.svg"));

    for (String p : List.of("/p1", "/p2", "/p3")) {
      LinkPages.Page page = onlyTheSite().preview(site.url(p));
      assertThat(page.title()).as(p).isEqualTo("t");
      assertThat(page.image()).as(p).isNull();
      assertThat(page.imageType()).as(p).isNull();
    }
  }

  @Test
  void followsThreeRedirectsButNotAFourth() throws Exception {
    site.page("/end", "<title>Arrived</title>")
        .redirect("/r1", "/r2")
        .redirect("/r2", "/r3")
        .redirect("/r3", "/end")
        .redirect("/r0", "/r1");

    assertThat(onlyTheSite().preview(site.url("/r1")).title()).isEqualTo("Arrived");
    assertThat(reason(onlyTheSite(), site.url("/r0"))).contains("more than 3 redirects");
  }

  @Test
  void givesUpAfterFiveSecondsEvenWhenTheSiteDripsBytes() {
    site.at(
        "/slow",
        x -> {
          x.getResponseHeaders().set("Content-Type", "text/html");
          x.sendResponseHeaders(200, 0);
          var out = x.getResponseBody();
          for (int i = 0; i < 40; i++) {
            out.write("<p>".getBytes());
            out.flush();
            Thread.sleep(300);
          }
        });
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> onlyTheSite().get(site.url("/slow"), "text/html", true))
        .isInstanceOf(java.net.SocketTimeoutException.class);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isBetween(4_500L, 6_500L);
  }

  @Test
  void connectsToTheAddressItCheckedAndSendsNoCookies() throws Exception {
    site.page("/c", "<title>c</title>");
    InetSocketAddress it = new InetSocketAddress(loopback(), site.port());
    PageFetcher f =
        new PageFetcher(
            it::equals,
            host -> {
              assertThat(host).isEqualTo("site.test"); // no real lookup: the test's answer
              return new InetAddress[] {loopback()};
            });
    String url = "http://site.test:" + site.port() + "/c";

    f.preview(url);
    f.preview(url);

    assertThat(site.requests()).hasSize(2);
    for (LinkedSite.Request r : site.requests()) {
      assertThat(r.host()).isEqualTo("site.test:" + site.port());
      assertThat(r.cookie()).isNull();
    }
  }

  @Test
  void aHostNameInAnotherScriptIsAskedForInPunycode() throws Exception {
    site.page("/idn", "<title>Bücher</title>");
    InetSocketAddress it = new InetSocketAddress(loopback(), site.port());
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    PageFetcher f =
        new PageFetcher(
            it::equals,
            host -> {
              asked.add(host);
              return new InetAddress[] {loopback()};
            });

    assertThat(f.preview("http://bücher.test:" + site.port() + "/idn").title()).isEqualTo("Bücher");

    assertThat(asked).containsExactly("xn--bcher-kva.test");
    assertThat(site.requests().get(0).host()).isEqualTo("xn--bcher-kva.test:" + site.port());
  }

  @Test
  void withoutTheAllowanceLoopbackIsRefusedBeforeAnyConnection() {
    site.page("/", "<title>here</title>");
    PageFetcher server = new PageFetcher(PageFetcher.NONE, InetAddress::getAllByName);
    assertThat(reason(server, "http://127.0.0.1/")).contains("not public");
    assertThat(reason(server, "http://localhost/")).contains("not public");
    assertThat(reason(server, "http://[::1]/")).contains("not public");
    assertThat(reason(server, "http://127.0.0.1:" + site.port() + "/")).contains("port");
    assertThat(reason(server, "https://127.0.0.1/")).contains("not public");
    assertThat(site.requests()).isEmpty();
  }

  @Test
  void withoutTheAllowanceEveryPrivateAnswerOfTheResolverIsRefused() {
    for (String a :
        List.of(
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.1",
            "0.0.0.0",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1")) {
      assertThat(reason(strict(a), "http://inward.test/")).as(a).contains("not public");
    }
    // one inward address among public ones refuses the name
    assertThat(reason(strict("93.184.216.34", "127.0.0.1"), "http://both.test/"))
        .contains("not public");
  }

  @Test
  void withoutTheAllowanceOnlyPorts80And443AndOnlyHttpAreTried() {
    PageFetcher neverResolves =
        new PageFetcher(
            PageFetcher.NONE,
            host -> {
              throw new AssertionError("resolved " + host);
            });
    assertThat(reason(neverResolves, "http://public.test:8080/")).contains("port 8080");
    assertThat(reason(neverResolves, "https://public.test:80/")).contains("port 80");
    assertThat(reason(neverResolves, "http://public.test:443/")).contains("port 443");
    assertThat(reason(neverResolves, "ftp://public.test/")).contains("only http and https");
    assertThat(reason(neverResolves, "file:///etc/passwd")).contains("only http and https");
    assertThat(reason(neverResolves, "gopher://public.test/")).contains("only http and https");
    assertThat(reason(neverResolves, "http://user:pw@public.test/")).contains("user name");
  }

  @Test
  void aRedirectToLoopbackOrAnotherPortIsRefused() {
    site.redirect("/to-localhost", "http://localhost/admin")
        .redirect("/to-other-loopback", "http://127.0.0.2/")
        .redirect("/to-v6", "http://[::1]/")
        .redirect("/to-mapped", "http://[::ffff:127.0.0.1]/")
        .redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
        .redirect("/to-private", "http://10.0.0.1/")
        .redirect("/to-port", "http://127.0.0.1:" + (site.port() == 65535 ? 1 : site.port() + 1))
        .redirect("/to-file", "file:///etc/passwd");

    PageFetcher f = onlyTheSite();
    assertThat(reason(f, site.url("/to-localhost"))).contains("not public");
    assertThat(reason(f, site.url("/to-other-loopback"))).contains("not public");
    assertThat(reason(f, site.url("/to-v6"))).contains("not public");
    assertThat(reason(f, site.url("/to-mapped"))).contains("not public");
    assertThat(reason(f, site.url("/to-metadata"))).contains("not public");
    assertThat(reason(f, site.url("/to-private"))).contains("not public");
    assertThat(reason(f, site.url("/to-port"))).contains("port");
    assertThat(reason(f, site.url("/to-file"))).contains("only http and https");
  }

  @Test
  void httpsChecksTheCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // a site on 127.0.0.1 with a certificate nobody vouches for: the fetch must fail the handshake
    java.nio.file.Path store = dir.resolve("site.p12");
    Process keytool =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "site",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    com.sun.net.httpserver.HttpsServer https =
        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(loopback(), 0), 8);
    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    java.util.concurrent.atomic.AtomicInteger served =
        new java.util.concurrent.atomic.AtomicInteger();
    https.createContext(
        "/",
        x -> {
          served.incrementAndGet();
          LinkedSite.send(x, 200, "text/html", "<title>secret</title>".getBytes());
        });
    https.start();
    try {
      int port = https.getAddress().getPort();
      PageFetcher f =
          new PageFetcher(
              new InetSocketAddress(loopback(), port)::equals, InetAddress::getAllByName);
      assertThatThrownBy(() -> f.get("https://127.0.0.1:" + port + "/", "text/html", true))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      assertThat(served.get()).isZero();
    } finally {
      https.stop(0);
    }
  }

  @Test
  void aFloodOfLinksIsBoundedByThePoolAndItsQueue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    site.at(
        "/hang",
        x -> {
          release.await(10, TimeUnit.SECONDS);
          LinkedSite.send(x, 200, "text/html", "<title>late</title>".getBytes());
        });
    PageFetcher f = onlyTheSite();
    List<CompletableFuture<LinkPages.Page>> all = new ArrayList<>();
    for (int i = 0; i < PageFetcher.THREADS + PageFetcher.QUEUE + 5; i++)
      all.add(f.fetch(site.url("/hang")));
    try {
      long refused = all.stream().filter(CompletableFuture::isCompletedExceptionally).count();
      assertThat(refused).isEqualTo(5);
      Thread.sleep(300);
      assertThat(site.mostAtOnce()).isLessThanOrEqualTo(PageFetcher.THREADS);
    } finally {
      release.countDown();
      f.close();
    }
  }

  @Test
  void aFetcherAllowingTheSitePreviewsItAndOneWithoutRefusesIt() throws Exception {
    try (LinkedSite site = new LinkedSite()) {
      site.page("/wiki", LinkedSite.openGraph("Team wiki", "Where we write things down", null));
      String url = site.url("/wiki");
      try (PageFetcher inside =
          PageFetcher.allowing(InternalHosts.parse(List.of("127.0.0.1:" + site.port())))) {
        LinkPages.Page page = inside.preview(url);
        assertThat(page.title()).isEqualTo("Team wiki");
      }
      try (PageFetcher otherPort =
              PageFetcher.allowing(InternalHosts.parse(List.of("127.0.0.1:" + (site.port() + 1))));
          PageFetcher server = PageFetcher.allowing(InternalHosts.parse(List.of()))) {
        assertThatThrownBy(() -> otherPort.preview(url)).isInstanceOf(PageFetcher.Refused.class);
        assertThatThrownBy(() -> server.preview(url)).isInstanceOf(PageFetcher.Refused.class);
      }
    }
  }
}
