package dev.parley.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The push service of the capacity run's devices ({@code --push-share}): an HTTPS endpoint on
 * 127.0.0.1 that takes Web Push deliveries and answers 201, as a browser vendor's service does, so
 * that the server under test does all of a push's work (the payload encrypted to the device, the
 * VAPID signature, a TLS request on its pool). Its certificate is the bench's own ({@code
 * --push-keystore}, made by {@code keytool}; the server is started trusting it). It runs in the
 * bench's process, on the bench's core, and counts what it took: proof that pushes went out.
 */
final class PushService implements AutoCloseable {
  static final char[] PASSWORD = "benchpush".toCharArray();

  private final HttpsServer server;
  private final AtomicLong taken = new AtomicLong();

  /** The device keys every simulated device subscribes with: a real P-256 point and 16 bytes. */
  final String p256dh;

  final String auth;

  PushService(int port, Path keystore) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "bench-push-service");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/push/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          boolean post = "POST".equals(exchange.getRequestMethod());
          if (post) taken.incrementAndGet(); // before the answer: whoever has it sees the count
          exchange.sendResponseHeaders(post ? 201 : 405, -1);
          try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
          }
        });
    server.start();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
    byte[] point = new byte[65];
    point[0] = 4;
    copy32(pub.getW().getAffineX(), point, 1);
    copy32(pub.getW().getAffineY(), point, 33);
    p256dh = Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    auth = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static void copy32(BigInteger n, byte[] to, int at) {
    byte[] b = n.toByteArray(); // big-endian, maybe with a sign byte or shorter than 32
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, to, at + 32 - len, len);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The {@code push} frame that subscribes device {@code n}, with {@code ref}. */
  String subscribe(int n, String ref) {
    return "{\"type\":\"push\",\"ref\":\""
        + ref
        + "\",\"subscription\":{\"endpoint\":\"https://127.0.0.1:"
        + port()
        + "/push/"
        + n
        + "\",\"keys\":{\"p256dh\":\""
        + p256dh
        + "\",\"auth\":\""
        + auth
        + "\"}}}";
  }

  /** Pushes taken so far. */
  long taken() {
    return taken.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
