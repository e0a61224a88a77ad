package dev.parley.web;

import dev.parley.domain.Accounts;
import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.Passkey;
import dev.parley.web.guard.ClientAddress;
import dev.parley.web.guard.TrustedProxies;
import dev.parley.web.passkeys.Ceremonies;
import dev.parley.web.passkeys.Challenges;
import dev.parley.web.passkeys.Challenges.Purpose;
import dev.parley.web.passkeys.PasskeyJson;
import dev.parley.web.passkeys.RelyingParty;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/passkeys}: registering, listing and removing a user's passkeys (with their {@code
 * Authorization: Bearer} token) and signing in with one, which answers a new token for {@code
 * hello}. Two steps each: options (a fresh challenge, {@link Challenges}) then the browser's
 * answer, verified by {@link Ceremonies} on a small bounded pool ({@link #POOL_THREADS} threads,
 * {@link #QUEUE} waiting; past that 503) and never on the event loop; the answer is written back on
 * the channel's loop. The domain ({@link Accounts}) keeps the credentials and opens the session.
 * Failed sign-ins are counted per address (cluster-wide in a cluster) and, past a few, answered 429
 * {@code slow_down} with {@code retryAfter} before anything is checked.
 */
final class PasskeyEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(PasskeyEndpoint.class);
  static final String PATH = "/api/passkeys";
  static final int POOL_THREADS = 2;

  /** The longest a sign-in waits for the failure count (Redis gives up well before). */
  static final long COUNT_MILLIS = 2_000;

  static final int QUEUE = 64;

  private final Accounts accounts;
  private final BearerTokens tokens;
  private final TrustedProxies proxies;
  private final Challenges challenges = new Challenges(System::currentTimeMillis);
  private final Ceremonies ceremonies = new Ceremonies();
  private final ExecutorService pool =
      new ThreadPoolExecutor(
          POOL_THREADS,
          POOL_THREADS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> {
            Thread t = new Thread(r, "passkeys");
            t.setDaemon(true);
            return t;
          });

  /** Thrown by a step to answer with an error. */
  private static final class Refusal extends RuntimeException {
    final HttpResponseStatus status;
    final String code;
    final long retryAfter;

    Refusal(HttpResponseStatus status, String code, String message, long retryAfter) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }
  }

  PasskeyEndpoint(Chat chat, TrustedProxies proxies) {
    this.tokens = new BearerTokens(chat.httpDoors()::userIdForToken);
    this.accounts = chat.accounts();
    this.proxies = proxies;
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
  }

  static boolean handles(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  void serve(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    HttpMethod m = req.method();
    String rest = path.substring(PATH.length());
    String address = ctx.channel().attr(ClientAddress.KEY).get();
    RelyingParty rp = RelyingParty.of(req.headers(), ClientAddress.peer(ctx.channel()), proxies);
    // read now: the request's buffer is released once this returns, and the token may be resolved
    // later (see BearerTokens); signing in needs no token
    String token = rest.startsWith("/signin") ? null : UploadIntake.bearer(req);
    byte[] body = ByteBufUtil.getBytes(req.content());
    String agent = req.headers().get(HttpHeaderNames.USER_AGENT);
    tokens.user(
        token,
        ctx.executor(),
        userId -> route(ctx, req, m, rest, address, rp, userId, body, agent));
  }

  /** The rest of {@link #serve}, once its bearer token is resolved (null: unknown or none). */
  private void route(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      HttpMethod m,
      String rest,
      String address,
      RelyingParty rp,
      String userId,
      byte[] body,
      String agent) {
    Step step;
    if (m.equals(HttpMethod.GET) && rest.isEmpty()) {
      step = () -> PasskeyJson.list(accounts.passkeys(user(userId)));
    } else if (m.equals(HttpMethod.DELETE) && rest.startsWith("/") && rest.length() > 1) {
      step = () -> remove(user(userId), rest.substring(1));
    } else if (m.equals(HttpMethod.POST) && rest.equals("/register/options")) {
      step = () -> registerOptions(user(userId), rp);
    } else if (m.equals(HttpMethod.POST) && rest.equals("/register")) {
      step = () -> register(user(userId), rp, PasskeyJson.read(body));
    } else if (m.equals(HttpMethod.POST) && rest.equals("/signin/options")) {
      step = () -> signInOptions(address, rp, PasskeyJson.read(body));
    } else if (m.equals(HttpMethod.POST) && rest.equals("/signin")) {
      step = () -> signIn(address, rp, PasskeyJson.read(body), agent);
    } else {
      answer(ctx, req, error(HttpResponseStatus.NOT_FOUND, "not_found", "No such passkey call."));
      return;
    }
    try {
      pool.execute(() -> run(ctx, req, step));
    } catch (RejectedExecutionException e) {
      FullHttpResponse res =
          error(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", "Busy; try again in a moment.");
      res.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
      answer(ctx, req, res);
    }
  }

  private interface Step {
    byte[] run();
  }

  /** On the pool: the step, then its answer on the channel's loop. */
  private void run(ChannelHandlerContext ctx, FullHttpRequest req, Step step) {
    FullHttpResponse res;
    try {
      res = ok(step.run());
    } catch (Refusal r) {
      res = error(r.status, r.code, r.getMessage());
      if (r.retryAfter > 0) {
        res = error(r.status, r.code, r.getMessage(), r.retryAfter);
        res.headers().set(HttpHeaderNames.RETRY_AFTER, r.retryAfter);
      }
    } catch (IllegalArgumentException e) {
      res = error(HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage());
    } catch (ChatException e) {
      HttpResponseStatus status =
          e.code() == ChatException.Code.BANNED
              ? HttpResponseStatus.FORBIDDEN
              : e.code() == ChatException.Code.BAD_CREDENTIALS
                  ? HttpResponseStatus.UNAUTHORIZED
                  : HttpResponseStatus.BAD_REQUEST;
      res = error(status, e.code().wire(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("a passkey call failed", e);
      res = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "The call failed.");
    }
    FullHttpResponse answer = res;
    LoopHandoff.run(ctx.executor(), () -> answer(ctx, req, answer), answer::release);
  }

  /** The signed-in user ({@code id} of the request's token); 401 when there is none. */
  private static String user(String id) {
    if (id == null)
      throw new Refusal(
          HttpResponseStatus.UNAUTHORIZED,
          "unauthorized",
          "This needs Authorization: Bearer <token>, with the token from welcome.",
          0);
    return id;
  }

  private static RelyingParty need(RelyingParty rp) {
    if (rp == null)
      throw new IllegalArgumentException("Passkeys need the Host the browser asked for.");
    return rp;
  }

  private Challenges.Issued issue(Purpose purpose, String userId, String asker) {
    Challenges.Issued c = challenges.issue(purpose, userId, asker);
    if (c == null)
      throw new Refusal(
          HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", "Busy; try again in a moment.", 1);
    return c;
  }

  private byte[] registerOptions(String userId, RelyingParty rp) {
    need(rp);
    Challenges.Issued c = issue(Purpose.REGISTER, userId, "user:" + userId);
    return PasskeyJson.creationOptions(
        rp, c, userId, accounts.nick(userId), accounts.passkeys(userId));
  }

  private byte[] register(String userId, RelyingParty rp, JsonNode body) {
    need(rp);
    JsonNode credential = credential(body);
    JsonNode response = credential.get("response");
    byte[] clientData = PasskeyJson.bytes(response, "clientDataJSON");
    byte[] attestation = PasskeyJson.bytes(response, "attestationObject");
    Challenges.Issued c =
        challenges.take(PasskeyJson.challengeOf(clientData), Purpose.REGISTER, userId);
    if (c == null) throw stale();
    Set<String> transports = new HashSet<>();
    JsonNode t = response.get("transports");
    if (t != null && t.isArray())
      for (JsonNode n : t)
        if (n.isString() && n.asString().length() < 20) transports.add(n.asString());
    Ceremonies.Registered r;
    try {
      r = ceremonies.register(rp, c.bytes(), clientData, attestation, transports);
    } catch (RuntimeException e) {
      LOG.debug("a passkey registration failed verification", e);
      throw new Refusal(
          HttpResponseStatus.BAD_REQUEST,
          "bad_credentials",
          "The passkey could not be verified: " + reason(e),
          0);
    }
    Passkey p =
        accounts.addPasskey(
            userId,
            PasskeyJson.encode(r.credentialId()),
            r.publicKey(),
            r.signCount(),
            PasskeyJson.text(body, "name"),
            r.transports(),
            r.aaguid());
    ObjectNode o = PasskeyJson.object();
    o.set("passkey", PasskeyJson.view(p));
    return PasskeyJson.write(o);
  }

  private byte[] remove(String userId, String id) {
    if (!accounts.removePasskey(userId, id))
      throw new Refusal(HttpResponseStatus.NOT_FOUND, "not_found", "You have no such passkey.", 0);
    return PasskeyJson.write(PasskeyJson.object().put("ok", true));
  }

  private byte[] signInOptions(String address, RelyingParty rp, JsonNode body) {
    need(rp);
    slowDown(address);
    String nick = PasskeyJson.text(body, "nick");
    List<Passkey> allowed = List.of();
    if (nick != null && !nick.isBlank()) {
      String userId = accounts.userWithPasskeys(nick);
      if (userId != null) allowed = accounts.passkeys(userId);
    }
    Challenges.Issued c = issue(Purpose.SIGN_IN, null, "address:" + address);
    return PasskeyJson.requestOptions(rp, c, allowed);
  }

  private byte[] signIn(String address, RelyingParty rp, JsonNode body, String agent) {
    need(rp);
    slowDown(address);
    JsonNode credential = credential(body);
    JsonNode response = credential.get("response");
    byte[] clientData = PasskeyJson.bytes(response, "clientDataJSON");
    byte[] authData = PasskeyJson.bytes(response, "authenticatorData");
    byte[] signature = PasskeyJson.bytes(response, "signature");
    byte[] rawId = PasskeyJson.bytes(credential, "rawId");
    String handle = PasskeyJson.text(response, "userHandle");
    byte[] userHandle = handle == null ? null : PasskeyJson.bytes(response, "userHandle");
    Challenges.Issued c =
        challenges.take(PasskeyJson.challengeOf(clientData), Purpose.SIGN_IN, null);
    if (c == null) {
      accounts.passkeyFailed(address);
      throw stale();
    }
    Passkey p = accounts.passkey(PasskeyJson.encode(rawId));
    long count;
    try {
      if (p == null) throw new IllegalArgumentException("unknown passkey");
      count =
          ceremonies.signIn(rp, c.bytes(), p, rawId, userHandle, authData, clientData, signature);
    } catch (RuntimeException e) {
      LOG.debug("a passkey sign-in failed verification", e);
      accounts.passkeyFailed(address);
      throw new Refusal(
          HttpResponseStatus.UNAUTHORIZED,
          "bad_credentials",
          p == null
              ? "This passkey is not registered here (it may have been removed)."
              : "The passkey could not be verified: " + reason(e),
          0);
    }
    String token = accounts.passkeySignIn(p, count, agent);
    ObjectNode o = PasskeyJson.object().put("token", token).put("user", p.userId());
    return PasskeyJson.write(o);
  }

  /**
   * On the pool: waits for the address's count (the cluster's, which Redis answers within half a
   * second or the node's own count decides); a pool thread may wait, an event loop never does.
   */
  private void slowDown(String address) {
    java.util.concurrent.CompletableFuture<Long> answer =
        new java.util.concurrent.CompletableFuture<>();
    accounts.passkeyWait(address, answer::complete);
    long wait;
    try {
      wait = answer.get(COUNT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      wait = 0; // the count answers within half a second; failing that, the try is looked at
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      wait = 0;
    }
    if (wait > 0)
      throw new Refusal(
          HttpResponseStatus.TOO_MANY_REQUESTS,
          "slow_down",
          "Too many failed passkey sign-ins from your address; try again in " + wait + " s.",
          wait);
  }

  private static JsonNode credential(JsonNode body) {
    JsonNode credential = body.get("credential");
    if (credential == null
        || !credential.isObject()
        || !(credential.get("response") instanceof ObjectNode))
      throw new IllegalArgumentException(
          "Field 'credential' is the browser's PublicKeyCredential.");
    return credential;
  }

  private static Refusal stale() {
    return new Refusal(
        HttpResponseStatus.BAD_REQUEST,
        "bad_challenge",
        "This passkey request is unknown, used or expired; start again.",
        0);
  }

  private static String reason(RuntimeException e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) + ".";
  }

  private static FullHttpResponse ok(byte[] json) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(json));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return res;
  }

  private static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
    return Uploads.error(status, code, message);
  }

  private static FullHttpResponse error(
      HttpResponseStatus status, String code, String message, long retryAfter) {
    ObjectNode o =
        PasskeyJson.object()
            .put("error", code)
            .put("message", message)
            .put("retryAfter", retryAfter);
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(PasskeyJson.write(o)));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return res;
  }

  private static void answer(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
    HttpRouter.send(ctx, req, res);
  }
}
