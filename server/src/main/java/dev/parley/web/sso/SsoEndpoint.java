package dev.parley.web.sso;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.parley.domain.Accounts;
import dev.parley.domain.ChatException;
import dev.parley.domain.SsoOutcome;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.util.concurrent.EventExecutor;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;

/**
 * "Sign in with ...": the HTTP side of single sign-on. {@code GET /auth/oidc} tells the login
 * screen whether it is on and what to call it; {@code /auth/oidc/start} sends the browser to the
 * provider with a fresh state, nonce and PKCE verifier, which travel in a short-lived HttpOnly
 * cookie rather than in this node's memory (so the provider may send the person back to any node of
 * a cluster, and a flood of starts costs nothing); {@code /auth/oidc/callback} checks the state
 * against the cookie, has the provider prove who it is ({@link OidcProvider}, on a small bounded
 * pool: it is blocking HTTP) and ends at {@code /#signin=CODE}: a one-use sign-in code that the web
 * client trades for a session as it does for "sign in on another device". Nothing secret is ever
 * put in a URL but that code, valid minutes and once.
 *
 * <p>{@code POST /auth/oidc/link} (with the account's {@code Authorization: Bearer} token) starts
 * the same round trip for someone already signed in, to add the provider's person to their account:
 * it answers the provider's address as JSON (a script cannot follow a redirect to another origin),
 * and the cookie carries a one-use link ticket as well, so the callback, on whichever node, knows
 * which account it is for and nobody can name another one. It ends at {@code /#sso-linked} or
 * {@code /#sso-error=...}.
 */
public final class SsoEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SsoEndpoint.class);

  public static final String INFO = "/auth/oidc";
  static final String START = "/auth/oidc/start";
  static final String CALLBACK = "/auth/oidc/callback";
  public static final String LINK = "/auth/oidc/link";
  static final String COOKIE = "parley_oidc";

  /** How long a started sign-in may take at the provider. */
  static final long COOKIE_SECONDS = 600;

  /** Sign-ins waiting for the provider at once, beyond the pool's threads; more are told "busy". */
  static final int QUEUE = 16;

  private static final Pattern HOST =
      Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

  private static final JsonFactory JSON =
      JsonFactory.builder().characterEscapes(new HtmlSafeEscapes()).build();

  private final OidcSettings settings;

  /** {@link #info}'s body for these settings, made once. */
  private final String info;

  private final OidcProvider provider;
  private final Accounts accounts;
  private final ThreadPoolExecutor pool;

  /** Off: {@code /auth/oidc} says so and the other paths are not found. */
  public static SsoEndpoint off() {
    return new SsoEndpoint(null, null);
  }

  public SsoEndpoint(OidcSettings settings, Accounts accounts) {
    this.settings = settings;
    this.info = info(settings);
    this.accounts = accounts;
    this.provider = settings == null ? null : new OidcProvider(settings);
    this.pool =
        settings == null
            ? null
            : new ThreadPoolExecutor(
                2,
                2,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                  Thread t = new Thread(r, "parley-sso");
                  t.setDaemon(true);
                  return t;
                });
    if (pool != null) pool.allowCoreThreadTimeOut(true);
  }

  /** Whether {@code path} is one of single sign-on's. */
  public static boolean handles(String path) {
    return path.equals(INFO) || path.equals(START) || path.equals(CALLBACK) || path.equals(LINK);
  }

  /**
   * Answers one of {@link #handles}' paths; {@code send} writes a response (it sets the security
   * headers and keep-alive).
   */
  public void serve(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      String path,
      BiConsumer<ChannelHandlerContext, FullHttpResponse> send) {
    if (path.equals(INFO)) {
      FullHttpResponse res = response(HttpResponseStatus.OK, info, "application/json");
      res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
      send.accept(ctx, res);
    } else if (settings == null) {
      send.accept(ctx, response(HttpResponseStatus.NOT_FOUND, "Not found\n", "text/plain"));
    } else if (path.equals(START)) {
      start(ctx, req, send);
    } else if (path.equals(LINK)) {
      link(ctx, req, send);
    } else {
      callback(ctx, req, send);
    }
  }

  private void start(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      BiConsumer<ChannelHandlerContext, FullHttpResponse> send) {
    URI redirect = redirectUri(req);
    if (redirect == null) {
      send.accept(ctx, response(HttpResponseStatus.BAD_REQUEST, "Bad Host header\n", "text/plain"));
      return;
    }
    offload(
        ctx,
        send,
        () -> {
          Started started = toProvider(redirect, null);
          FullHttpResponse res = redirect(started.to().toString());
          res.headers().add(HttpHeaderNames.SET_COOKIE, started.cookie());
          return res;
        });
  }

  /** {@code POST /auth/oidc/link}: the provider's address for linking the token's account. */
  private void link(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      BiConsumer<ChannelHandlerContext, FullHttpResponse> send) {
    if (!req.method().equals(HttpMethod.POST)) {
      send.accept(ctx, response(HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST\n", "text/plain"));
      return;
    }
    URI redirect = redirectUri(req);
    if (redirect == null) {
      send.accept(ctx, response(HttpResponseStatus.BAD_REQUEST, "Bad Host header\n", "text/plain"));
      return;
    }
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    String token =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).strip()
            : null;
    accounts.singleSignOnTicket(
        token,
        ticket -> {
          if (ticket == null) {
            FullHttpResponse res =
                response(
                    HttpResponseStatus.UNAUTHORIZED,
                    "Linking needs Authorization: Bearer <token>, with the token from welcome.\n",
                    "text/plain");
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            onLoop(ctx.executor(), () -> send.accept(ctx, res), res);
            return;
          }
          offload(
              ctx,
              send,
              () -> {
                Started started = toProvider(redirect, ticket);
                FullHttpResponse res =
                    response(
                        HttpResponseStatus.OK,
                        json(g -> g.writeStringProperty("location", started.to().toString())),
                        "application/json");
                res.headers()
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .add(HttpHeaderNames.SET_COOKIE, started.cookie());
                return res;
              });
        });
  }

  /** Where the browser goes next, and the cookie that remembers what it started. */
  private record Started(URI to, String cookie) {}

  /** A fresh state, nonce and verifier (and a link ticket, or null): on the pool, it may fetch. */
  private Started toProvider(URI redirect, String ticket) throws Exception {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    String value = state.getValue() + "." + nonce.getValue() + "." + verifier.getValue();
    if (ticket != null) value += "." + ticket;
    URI to = provider.authorization(redirect, state, nonce, verifier);
    return new Started(to, cookie(value, COOKIE_SECONDS, redirect));
  }

  private void callback(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      BiConsumer<ChannelHandlerContext, FullHttpResponse> send) {
    QueryStringDecoder query = new QueryStringDecoder(req.uri());
    URI redirect = redirectUri(req);
    String[] started = started(req);
    String error = param(query, "error");
    String code = param(query, "code");
    String state = param(query, "state");
    if (redirect == null || started == null || state == null || !same(state, started[0])) {
      send.accept(ctx, ending("expired", redirect));
      return;
    }
    if (error != null || code == null) {
      send.accept(ctx, ending("denied", redirect));
      return;
    }
    offload(
        ctx,
        send,
        () -> {
          OidcProvider.Identity who;
          try {
            who =
                provider.identity(
                    code, redirect, new CodeVerifier(started[2]), new Nonce(started[1]));
          } catch (OidcProvider.SsoFailure e) {
            LOG.info("single sign-on refused: {}", e.getMessage());
            return ending("failed", redirect);
          }
          java.util.concurrent.CompletableFuture<SsoOutcome> outcome =
              new java.util.concurrent.CompletableFuture<>();
          boolean linking = started.length == 4;
          if (linking)
            accounts.linkSingleSignOn(started[3], who.issuer(), who.subject(), outcome::complete);
          else accounts.singleSignOn(who.issuer(), who.subject(), who.name(), outcome::complete);
          SsoOutcome done = outcome.get(OidcProvider.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
          if (done.refusal() != null) {
            ChatException.Code why = done.refusal().code();
            String reason =
                why == ChatException.Code.NICK_TAKEN
                    ? linking ? "linked-elsewhere" : "taken"
                    : why == ChatException.Code.FORBIDDEN
                        ? "closed"
                        : why == ChatException.Code.BAD_CODE ? "expired" : "failed";
            return ending(reason, redirect);
          }
          FullHttpResponse res =
              redirect(done.linked() ? "/#sso-linked" : "/#signin=" + done.code());
          res.headers().add(HttpHeaderNames.SET_COOKIE, cookie("", 0, redirect));
          return res;
        });
  }

  /** Work that talks to the provider, on the pool; its response is written from there. */
  private void offload(
      ChannelHandlerContext ctx,
      BiConsumer<ChannelHandlerContext, FullHttpResponse> send,
      java.util.concurrent.Callable<FullHttpResponse> work) {
    try {
      pool.execute(
          () -> {
            FullHttpResponse res;
            try {
              res = work.call();
            } catch (Exception e) {
              LOG.warn("single sign-on failed: {}", e.toString());
              res = ending("failed", null);
            }
            FullHttpResponse answer = res;
            onLoop(ctx.executor(), () -> send.accept(ctx, answer), answer);
          });
    } catch (RejectedExecutionException busy) {
      send.accept(ctx, ending("busy", null));
    }
  }

  /**
   * Writes {@code res} from the connection's loop, where a provider's or the store's answer comes
   * back to; a loop that no longer takes tasks (the server closing meanwhile) refuses it, and the
   * response's buffer is released here instead of leaking. (web's own hand-back helper is not for
   * this package: web depends on sso, not the reverse.)
   */
  static void onLoop(EventExecutor loop, Runnable write, FullHttpResponse res) {
    try {
      loop.execute(write);
    } catch (RejectedExecutionException closing) {
      res.release();
    }
  }

  /** Back to the web client, which says what went wrong ({@code #sso-error=...}). */
  private static FullHttpResponse ending(String why, URI redirect) {
    FullHttpResponse res = redirect("/#sso-error=" + why);
    if (redirect != null) res.headers().add(HttpHeaderNames.SET_COOKIE, cookie("", 0, redirect));
    return res;
  }

  /**
   * The state, nonce and verifier of the sign-in this browser started, and the link ticket when it
   * links an account; or null.
   */
  private static String[] started(FullHttpRequest req) {
    String header = req.headers().get(HttpHeaderNames.COOKIE);
    if (header == null || header.length() > 8192) return null;
    for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
      if (!c.name().equals(COOKIE)) continue;
      String[] parts = c.value().split("\\.");
      return parts.length == 3 || parts.length == 4 ? parts : null;
    }
    return null;
  }

  /** Where the provider sends people back: {@code --public-url}, else this request's host. */
  private URI redirectUri(FullHttpRequest req) {
    String base = settings.publicUrl();
    if (base == null) {
      String host = req.headers().get(HttpHeaderNames.HOST);
      if (host == null || !HOST.matcher(host).matches()) return null;
      base = "http://" + host;
    }
    return URI.create(base + CALLBACK);
  }

  private static String cookie(String value, long maxAge, URI redirect) {
    DefaultCookie c = new DefaultCookie(COOKIE, value);
    c.setPath("/auth/oidc");
    c.setHttpOnly(true);
    c.setMaxAge(maxAge);
    c.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Lax);
    c.setSecure(redirect != null && "https".equals(redirect.getScheme()));
    return ServerCookieEncoder.STRICT.encode(c);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String param(QueryStringDecoder query, String name) {
    List<String> values = query.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static FullHttpResponse redirect(String location) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
    res.headers()
        .set(HttpHeaderNames.LOCATION, location)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return res;
  }

  private static FullHttpResponse response(HttpResponseStatus status, String body, String type) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
    return res;
  }

  /** {@code GET /auth/oidc}'s body: whether single sign-on is on, and what the button calls it. */
  static String info(OidcSettings settings) {
    return json(
        g -> {
          g.writeBooleanProperty("enabled", settings != null);
          if (settings != null) g.writeStringProperty("name", settings.label());
        });
  }

  /** A JSON object whose properties {@code properties} writes, with {@link #JSON}'s escapes. */
  static String json(Consumer<JsonGenerator> properties) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      properties.accept(g);
      g.writeEndObject();
    }
    return out.toString();
  }

  /**
   * JSON's escapes, and {@code <}, {@code >} and {@code &} escaped too: the name is the
   * administrator's text, and the body stays inert even where something reads it as HTML.
   */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] codes = standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      codes['<'] = ESCAPE_STANDARD;
      codes['>'] = ESCAPE_STANDARD;
      codes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // none custom: every escape is a standard one
    }
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
