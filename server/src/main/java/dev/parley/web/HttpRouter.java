package dev.parley.web;

import dev.parley.web.guard.HttpGuards;
import dev.parley.web.guard.MetricsAccess;
import dev.parley.web.guard.TrustedProxies;
import dev.parley.web.socket.Upgrade;
import dev.parley.web.sso.SsoEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the server: the WebSocket upgrade at {@code /ws}, health, metrics and the web
 * client. Small enough to route with a switch; each answer sets the security headers.
 */
@ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
          + "frame-ancestors 'none'; form-action 'self'";

  /** The pipeline name of the upload intake, which a WebSocket no longer needs. */
  static final String UPLOAD_INTAKE = "upload-intake";

  private final Upgrade upgrade;
  private final Uploads uploads;
  private final RoomExports exports;
  private final SearchEndpoint search;
  private final PreviewImages previewImages;
  private final PasskeyEndpoint passkeys;
  private final ChannelGroup sockets;
  private final StaticFiles files = new StaticFiles();
  private final EmojiEndpoint emoji = new EmojiEndpoint();
  private final Supplier<String> metrics;
  private final BooleanSupplier healthy;
  private final MetricsAccess metricsAccess;
  private final SsoEndpoint sso;

  HttpRouter(
      Upgrade upgrade,
      Uploads uploads,
      RoomExports exports,
      ChannelGroup sockets,
      Supplier<String> metrics,
      BooleanSupplier healthy,
      MetricsAccess metricsAccess,
      SsoEndpoint sso,
      TrustedProxies proxies) {
    this.metricsAccess = metricsAccess;
    this.sso = sso;
    this.exports = exports;
    this.search = new SearchEndpoint(exports.chat, exports.store); // the same two doors as exports
    this.previewImages = new PreviewImages(exports.chat, exports.store, uploads);
    this.passkeys = new PasskeyEndpoint(exports.chat, proxies);
    this.upgrade = upgrade;
    this.uploads = uploads;
    this.sockets = sockets;
    this.metrics = metrics;
    this.healthy = healthy;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      send(ctx, req, text(HttpResponseStatus.BAD_REQUEST, "Bad request\n"));
      return;
    }
    String path = new QueryStringDecoder(req.uri()).path();
    boolean read = req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD);
    if (path.equals("/ws")) {
      webSocket(ctx, req);
    } else if (path.equals(CredentialCookie.PATH)) {
      uploads.credential(ctx.channel(), req);
    } else if (PasskeyEndpoint.handles(path)) {
      passkeys.serve(ctx, req, path);
    } else if (path.equals(SsoEndpoint.LINK)) {
      sso.serve(ctx, req, path, (c, res) -> send(c, req, res));
    } else if (!read) {
      send(ctx, req, text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed\n"));
    } else if (path.equals("/healthz")) {
      boolean ok = healthy.getAsBoolean();
      send(
          ctx,
          req,
          json(
              ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
              ok ? "{\"status\":\"ok\"}" : "{\"status\":\"stopping\"}"));
    } else if (path.equals("/api/registration")) {
      // before hello, the login screen learns whether a new name needs an invite or is refused
      String mode = exports.chat.registration().mode().wire();
      send(ctx, req, json(HttpResponseStatus.OK, "{\"registration\":\"" + mode + "\"}"));
    } else if (PreviewImages.handles(path)) {
      previewImages.serve(ctx.channel(), req, path);
    } else if (path.startsWith("/uploads/")) {
      uploads.serve(ctx.channel(), req, path.substring("/uploads/".length()));
    } else if (path.equals("/metrics")) {
      if (!metricsAccess.mayRead(ctx.channel(), req.headers())) {
        send(ctx, req, text(HttpResponseStatus.FORBIDDEN, metricsAccess.refusal()));
        return;
      }
      FullHttpResponse res = text(HttpResponseStatus.OK, metrics.get());
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
      send(ctx, req, res);
    } else if (path.equals(SearchEndpoint.PATH)) {
      search.serve(ctx, req);
    } else if (RoomExports.handles(path)) {
      exports.serve(ctx, req, path);
    } else if (SsoEndpoint.handles(path)) {
      sso.serve(ctx, req, path, (c, res) -> send(c, req, res));
    } else if (EmojiEndpoint.handles(path)) {
      emoji.serve(ctx, req, path);
    } else {
      file(ctx, req, path);
    }
  }

  private void webSocket(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.method().equals(HttpMethod.GET)
        || !req.headers()
            .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      send(
          ctx,
          req,
          text(
              HttpResponseStatus.BAD_REQUEST,
              "This is the WebSocket endpoint: connect with a WebSocket client.\n"));
      return;
    }
    if (!upgrade.originAllowed(req)) {
      LOG.info(
          "refused a WebSocket handshake from origin {}",
          req.headers().get(HttpHeaderNames.ORIGIN));
      FullHttpResponse res = text(HttpResponseStatus.FORBIDDEN, "Origin not allowed\n");
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.pipeline().remove(this);
    if (ctx.pipeline().get(UPLOAD_INTAKE) != null) ctx.pipeline().remove(UPLOAD_INTAKE);
    HttpGuards.leaveHttp(ctx.pipeline());
    sockets.add(ctx.channel());
    upgrade.handshake(ctx.channel(), req);
  }

  private void file(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    StaticFiles.File f = files.find(path).orElse(null);
    if (f == null) {
      send(ctx, req, text(HttpResponseStatus.NOT_FOUND, "Not found\n"));
      return;
    }
    boolean gzip = f.gzip() != null && acceptsGzip(req);
    byte[] bytes = gzip ? f.gzip() : f.body();
    // Each encoding is its own representation, with its own ETag.
    String etag = gzip ? f.etag().replaceFirst("\"$", "-gz\"") : f.etag();
    if (etag.equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
      FullHttpResponse res =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
      res.headers()
          .set(HttpHeaderNames.ETAG, etag)
          .set(HttpHeaderNames.CACHE_CONTROL, f.cacheControl());
      send(ctx, req, res);
      return;
    }
    ByteBuf body =
        req.method().equals(HttpMethod.HEAD)
            ? Unpooled.EMPTY_BUFFER
            : Unpooled.wrappedBuffer(bytes);
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, f.contentType())
        .set(HttpHeaderNames.ETAG, etag)
        .set(HttpHeaderNames.CACHE_CONTROL, f.cacheControl());
    if (f.gzip() != null) res.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
    if (gzip) res.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
    HttpUtil.setContentLength(res, bytes.length);
    send(ctx, req, res);
  }

  /** The request's Accept-Encoding lists gzip, not refused with {@code q=0}. */
  static boolean acceptsGzip(FullHttpRequest req) {
    String accept = req.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
    if (accept == null) return false;
    for (String part : accept.split(",")) {
      String[] pieces = part.trim().split(";");
      if (!pieces[0].trim().equalsIgnoreCase("gzip")) continue;
      return pieces.length < 2 || !pieces[1].replace(" ", "").matches("q=0(\\.0*)?");
    }
    return false;
  }

  static FullHttpResponse text(HttpResponseStatus status, String body) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    return res;
  }

  private static FullHttpResponse json(HttpResponseStatus status, String body) {
    FullHttpResponse res = text(status, body);
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    return res;
  }

  /** The headers every answer carries, streamed or not. */
  static void secure(io.netty.handler.codec.http.HttpHeaders headers) {
    headers
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY")
        .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
  }

  static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
    secure(res.headers());
    if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      HttpUtil.setContentLength(res, res.content().readableBytes());
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpUtil.setKeepAlive(res, keepAlive);
    var future = ctx.writeAndFlush(res);
    if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
