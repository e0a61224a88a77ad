package dev.parley.web;

import dev.parley.uploads.UploadCredentials;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential an {@code <img>} presents for {@code /uploads/}: an {@code <img>} sends no
 * Authorization header, and a direct conversation's images are for its members. The web client used
 * to copy its session token into a cookie JavaScript could read (and so could any page on another
 * port of the same host). Now it asks {@code POST /uploads/credential} with its token, and gets a
 * cookie of the server's: a random secret of its own (not the token, not derived from it), {@code
 * HttpOnly} (no script reads it), {@code SameSite=Strict}, {@code Path=/uploads/} (sent with
 * nothing else), for {@value #MAX_AGE_DAYS} days. {@code DELETE /uploads/credential}, which the
 * cookie reaches, revokes it (the web client does on signing out). Only a hash of each is kept, in
 * the database, so any node of a cluster takes it. Asking again from a browser that holds one
 * replaces it (its tabs share one cookie), and a user keeps at most {@value #PER_USER} (browsers
 * and devices); the oldest go first.
 */
final class CredentialCookie {
  static final String PATH = "/uploads/credential";
  static final String NAME = "parley_uploads";

  /** The cookie the web client kept its token in before: cleared whenever a credential is given. */
  static final String OLD_TOKEN_COOKIE = "parley_token";

  static final int MAX_AGE_DAYS = 30;
  static final long MAX_AGE_MILLIS = MAX_AGE_DAYS * 86_400_000L;
  static final int PER_USER = 16;
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = LoggerFactory.getLogger(CredentialCookie.class);

  private final UploadCredentials store;
  private final BearerTokens tokens;
  private final Executor disk;
  private final LongSupplier clock;

  CredentialCookie(
      UploadCredentials store, BearerTokens tokens, Executor disk, LongSupplier clock) {
    this.store = store;
    this.tokens = tokens;
    this.disk = disk;
    this.clock = clock;
  }

  /** The credential in a request's cookies, or null. */
  static String valueIn(HttpRequest req) {
    String cookies = req.headers().get(HttpHeaderNames.COOKIE);
    if (cookies == null) return null;
    for (Cookie c : ServerCookieDecoder.LAX.decode(cookies)) {
      if (NAME.equals(c.name())) return c.value();
    }
    return null;
  }

  /**
   * The user whose credential this is, or null (none, unknown, expired or revoked). Blocks: a
   * database read.
   */
  String userFor(String credential) throws IOException {
    if (credential == null || credential.isEmpty()) return null;
    return store.userFor(hash(credential), clock.getAsLong() - MAX_AGE_MILLIS);
  }

  /**
   * {@code POST}: a new credential for the bearer token's user; {@code DELETE}: revokes the
   * cookie's.
   */
  void handle(Channel ch, HttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    boolean secure = isHttps(req);
    if (req.method().equals(HttpMethod.POST)) {
      String previous = valueIn(req);
      tokens.user(
          UploadIntake.bearer(req),
          ch.eventLoop(),
          userId -> {
            if (userId == null) {
              Uploads.respond(ch, Uploads.unauthorized("A credential for the uploads"), keepAlive);
              return;
            }
            disk.execute(() -> mint(ch, userId, previous, secure, keepAlive));
          });
    } else if (req.method().equals(HttpMethod.DELETE)) {
      String credential = valueIn(req);
      disk.execute(() -> revoke(ch, credential, secure, keepAlive));
    } else {
      Uploads.respond(
          ch,
          Uploads.error(
              HttpResponseStatus.METHOD_NOT_ALLOWED,
              "method_not_allowed",
              "Ask for a credential with POST, or give it up with DELETE."),
          keepAlive);
    }
  }

  /**
   * A new credential; the one this browser held before ({@code previous}) goes, since its cookie is
   * replaced.
   */
  private void mint(Channel ch, String userId, String previous, boolean secure, boolean keepAlive) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String credential = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try {
      if (previous != null && !previous.isEmpty()) store.remove(hash(previous));
      store.add(hash(credential), userId, clock.getAsLong(), PER_USER);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not keep an upload credential", e);
      Uploads.respond(
          ch,
          Uploads.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "busy",
              "The server is busy; try again in a moment."),
          keepAlive);
      return;
    }
    FullHttpResponse res = noContent();
    res.headers()
        .add(
            HttpHeaderNames.SET_COOKIE,
            cookie(NAME, credential, MAX_AGE_MILLIS / 1000, true, secure));
    res.headers().add(HttpHeaderNames.SET_COOKIE, cookie(OLD_TOKEN_COOKIE, "", 0, false, secure));
    Uploads.respond(ch, res, keepAlive);
  }

  private void revoke(Channel ch, String credential, boolean secure, boolean keepAlive) {
    try {
      if (credential != null && !credential.isEmpty()) store.remove(hash(credential));
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not revoke an upload credential", e);
      Uploads.respond(
          ch,
          Uploads.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "busy",
              "The server is busy; try again in a moment."),
          keepAlive);
      return;
    }
    FullHttpResponse res = noContent();
    res.headers().add(HttpHeaderNames.SET_COOKIE, cookie(NAME, "", 0, true, secure));
    res.headers().add(HttpHeaderNames.SET_COOKIE, cookie(OLD_TOKEN_COOKIE, "", 0, false, secure));
    Uploads.respond(ch, res, keepAlive);
  }

  private static FullHttpResponse noContent() {
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
    res.headers()
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set(HttpHeaderNames.CONTENT_LENGTH, 0);
    return res;
  }

  /** A Set-Cookie value for the uploads' path; {@code maxAge} 0 clears the cookie. */
  static String cookie(String name, String value, long maxAge, boolean httpOnly, boolean secure) {
    return name
        + "="
        + value
        + "; Path=/uploads/; Max-Age="
        + maxAge
        + (httpOnly ? "; HttpOnly" : "")
        + "; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }

  /** Whether the page asking was served over https (the request's Origin, or a proxy's word). */
  private static boolean isHttps(HttpRequest req) {
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    return (origin != null && origin.startsWith("https://"))
        || "https".equalsIgnoreCase(req.headers().get("X-Forwarded-Proto"));
  }

  static String hash(String credential) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
