package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push service of the test's own on 127.0.0.1 (real HTTP, the JDK's server), standing in for a
 * browser vendor's: each {@link Device} has an endpoint here and the keys a browser would make (a
 * P-256 pair and a 16-byte auth secret). Every push is checked as a push service and a browser
 * would: the VAPID JWT (RFC 8292) verified with the server's public key, its {@code aud} this
 * service's origin and {@code exp} within a day; the body decrypted with JDK crypto alone (RFC 8291
 * and RFC 8188, aes128gcm), independently of the library that encrypted it. What fails a check is
 * answered 400 and recorded in {@link #problems}.
 */
public final class PushService implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] P256_SPKI_PREFIX =
      hex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

  /** A push that passed every check. */
  public record Push(String device, JsonNode payload, Map<String, List<String>> headers) {}

  /** A browser's subscription here. */
  public final class Device {
    final String id;
    final KeyPair keys;
    final byte[] auth = new byte[16];

    /** Statuses to answer next, in order; then 201. */
    public final Queue<Integer> answers = new ConcurrentLinkedQueue<>();

    /** Requests that reached this device's endpoint, whatever was answered. */
    public final AtomicInteger requests = new AtomicInteger();

    Device(String id) throws Exception {
      this.id = id;
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      this.keys = g.generateKeyPair();
      new SecureRandom().nextBytes(auth);
    }

    public String endpoint() {
      return origin() + "/push/" + id;
    }

    public String p256dh() {
      return b64(uncompressed((ECPublicKey) keys.getPublic()));
    }

    public String auth() {
      return b64(auth);
    }

    /** The {@code push} frame's subscription object. */
    public tools.jackson.databind.node.ObjectNode subscription() {
      return Json.obj("endpoint", endpoint(), "keys", Json.obj("p256dh", p256dh(), "auth", auth()));
    }
  }

  private final HttpServer http;
  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String vapidKey;

  /** Pushes that passed every check, in arrival order. */
  public final List<Push> received = new CopyOnWriteArrayList<>();

  /** What failed a check. */
  public final List<String> problems = new CopyOnWriteArrayList<>();

  public PushService() {
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    http.createContext("/push/", this::handle);
    http.start();
  }

  public String origin() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** The server's VAPID public key (base64url, uncompressed): every JWT must verify with it. */
  public PushService expectKey(String key) {
    this.vapidKey = key;
    return this;
  }

  public Device device() {
    try {
      Device d = new Device("d" + ids.incrementAndGet());
      devices.put(d.id, d);
      return d;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pushes {@code d} received. */
  public List<Push> of(Device d) {
    return received.stream().filter(p -> p.device().equals(d.id)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String id = ex.getRequestURI().getPath().substring("/push/".length());
      Device d = devices.get(id);
      byte[] body = ex.getRequestBody().readAllBytes();
      if (d == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      d.requests.incrementAndGet();
      Integer answer = d.answers.poll();
      if (answer != null && answer != 201) {
        ex.sendResponseHeaders(answer, -1);
        return;
      }
      try {
        checkVapid(ex.getRequestHeaders().getFirst("Authorization"));
        if (!"aes128gcm".equals(ex.getRequestHeaders().getFirst("Content-Encoding")))
          throw new IllegalStateException("Content-Encoding is not aes128gcm");
        if (ex.getRequestHeaders().getFirst("TTL") == null)
          throw new IllegalStateException("no TTL");
        JsonNode payload = JSON.readTree(decrypt(d, body));
        received.add(new Push(id, payload, Map.copyOf(ex.getRequestHeaders())));
        ex.sendResponseHeaders(201, -1);
      } catch (Exception e) {
        problems.add(e.toString());
        ex.sendResponseHeaders(400, -1);
      }
    }
  }

  /** {@code vapid t=<JWT>, k=<key>}: the key is the server's, the JWT is signed by it. */
  private void checkVapid(String header) throws Exception {
    if (header == null || !header.startsWith("vapid "))
      throw new IllegalStateException("no vapid Authorization");
    String t = null, k = null;
    for (String part : header.substring(6).split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv[0].equals("t")) t = kv[1];
      if (kv[0].equals("k")) k = kv[1];
    }
    if (k == null || !k.equals(vapidKey))
      throw new IllegalStateException("k is not the server's VAPID key: " + k);
    String[] jwt = t.split("\\.");
    JsonNode head = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    if (!"ES256".equals(head.path("alg").asString()))
      throw new IllegalStateException("alg " + head);
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(publicKey(Base64.getUrlDecoder().decode(k)));
    es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    if (!es256.verify(Base64.getUrlDecoder().decode(jwt[2])))
      throw new IllegalStateException("the VAPID signature does not verify");
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    if (!origin().equals(claims.path("aud").asString()))
      throw new IllegalStateException("aud " + claims.path("aud"));
    long exp = claims.path("exp").asLong();
    long now = System.currentTimeMillis() / 1000;
    if (exp <= now || exp > now + 24 * 3600) throw new IllegalStateException("exp " + exp);
    if (!claims.path("sub").asString().matches("(mailto|https):.+"))
      throw new IllegalStateException("sub " + claims.path("sub"));
  }

  /** RFC 8291 (keys) over RFC 8188 (aes128gcm, one record), as a browser decrypts. */
  static byte[] decrypt(Device d, byte[] body) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int rs = in.getInt();
    byte[] asPublic = new byte[in.get() & 0xff];
    in.get(asPublic);
    byte[] cipherText = new byte[in.remaining()];
    in.get(cipherText);
    if (cipherText.length > rs) throw new IllegalStateException("more than one record");
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(d.keys.getPrivate());
    ecdh.doPhase(publicKey(asPublic), true);
    byte[] secret = ecdh.generateSecret();
    byte[] uaPublic = uncompressed((ECPublicKey) d.keys.getPublic());
    byte[] prkKey = hmac(d.auth, secret);
    byte[] keyInfo =
        concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
    byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek =
        Arrays.copyOf(
            hmac(prk, concat(ascii("Content-Encoding: aes128gcm\0"), new byte[] {1})), 16);
    byte[] nonce =
        Arrays.copyOf(hmac(prk, concat(ascii("Content-Encoding: nonce\0"), new byte[] {1})), 12);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] plain = gcm.doFinal(cipherText);
    int end = plain.length - 1;
    while (end >= 0 && plain[end] == 0) end--;
    if (end < 0 || plain[end] != 2) throw new IllegalStateException("no last-record delimiter");
    return Arrays.copyOf(plain, end);
  }

  static PublicKey publicKey(byte[] uncompressed) throws Exception {
    return KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(concat(P256_SPKI_PREFIX, uncompressed)));
  }

  static byte[] uncompressed(ECPublicKey key) {
    return concat(new byte[] {4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
  }

  private static byte[] fixed(BigInteger n) {
    byte[] b = n.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++)
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return out;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
