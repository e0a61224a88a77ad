package dev.parley.web.socket;

import dev.parley.domain.Chat;
import dev.parley.domain.RateLimit;
import dev.parley.domain.SharedRate;
import dev.parley.web.guard.ClientAddress;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket handshake at {@code /ws}: the Origin check, then the switch of the channel's
 * pipeline from HTTP to WebSocket frames handled by a {@link SocketHandler}.
 */
public final class Upgrade {

  /** What a connection needs that is the same for all of them. */
  /**
   * @param helloTimeoutMillis an upgraded connection that has not said hello by then is closed
   *     (1008)
   */
  public record Settings(
      int maxFrameBytes,
      int ratePerSecond,
      int rateBurst,
      long pingIntervalMillis,
      List<String> allowedOrigins,
      long helloTimeoutMillis) {}

  private final Chat chat;
  private final Fanout fanout;
  private final Settings settings;
  private final Counter framesIn;
  private final SharedRate shared;

  public Upgrade(Chat chat, Fanout fanout, Settings settings, Counter framesIn) {
    this(chat, fanout, settings, framesIn, SharedRate.NONE);
  }

  /**
   * @param shared the per-user budget across a cluster's nodes, checked after each connection's own
   */
  public Upgrade(Chat chat, Fanout fanout, Settings settings, Counter framesIn, SharedRate shared) {
    this.shared = shared;
    this.chat = chat;
    this.fanout = fanout;
    this.settings = settings;
    this.framesIn = framesIn;
  }

  /**
   * Whether a handshake may proceed: no Origin (a bot or a script), the server's own origin (same
   * host and port as the Host header), or one on the allow-list.
   */
  public boolean originAllowed(FullHttpRequest req) {
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) return true;
    String normalized = origin.strip().toLowerCase(Locale.ROOT);
    for (String allowed : settings.allowedOrigins()) {
      if (normalized.equals(strip(allowed.toLowerCase(Locale.ROOT)))) return true;
    }
    String host = req.headers().get(HttpHeaderNames.HOST);
    if (host == null) return false;
    try {
      URI uri = new URI(normalized);
      if (uri.getHost() == null) return false;
      String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return authority.equals(host.strip().toLowerCase(Locale.ROOT));
    } catch (Exception e) {
      return false;
    }
  }

  private static String strip(String origin) {
    String o = origin.strip();
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  /** Closes an upgraded channel with 1001 (the server is going away), once. */
  public static void goingAway(Channel ch) {
    Connection conn = ch.attr(Connection.KEY).get();
    if (conn != null) {
      conn.close(1001, "server shutting down");
    } else {
      ch.close();
    }
  }

  /** Answers the handshake and rebuilds the pipeline; the caller has checked path and origin. */
  public void handshake(Channel ch, FullHttpRequest req) {
    WebSocketDecoderConfig decoder =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(settings.maxFrameBytes())
            .allowExtensions(false)
            .closeOnProtocolViolation(false) // SocketHandler closes, the way Closing says
            .build();
    String scheme = "ws";
    String url = scheme + "://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + "/ws";
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(url, null, decoder).newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ch);
      return;
    }
    Connection conn =
        new Connection(
            ch,
            fanout.loopOf(ch.eventLoop()),
            new RateLimit(settings.ratePerSecond(), settings.rateBurst(), System.nanoTime()),
            chat::afterQueuedWrites,
            ch.attr(ClientAddress.KEY).get());
    conn.agent = req.headers().get(HttpHeaderNames.USER_AGENT);
    ch.attr(Connection.KEY).set(conn);
    ChannelPipeline p = ch.pipeline();
    p.addLast("ws-aggregator", new WebSocketFrameAggregator(settings.maxFrameBytes()));
    p.addLast(
        "ws-idle",
        new IdleStateHandler(settings.pingIntervalMillis(), 0, 0, TimeUnit.MILLISECONDS));
    SocketHandler handler = new SocketHandler(chat, conn, framesIn, shared);
    p.addLast("ws-handler", handler);
    handshaker.handshake(ch, req);
    conn.out = p.context(WebSocketFrameEncoder.class);
    // Slowloris on the socket: an upgraded connection that never says hello holds a descriptor
    // and a place in the fan-out's loop for nothing. (A hello refused with nick_taken does not
    // count: the client has what is left of the time to send another. A hello told slow_down
    // moves the deadline by the retryAfter it was given: it is waiting as told.)
    long timeout = settings.helloTimeoutMillis();
    closeUnlessHelloSaid(ch, conn, handler, timeout, timeout);
  }

  private static void closeUnlessHelloSaid(
      Channel ch, Connection conn, SocketHandler handler, long afterMillis, long timeoutMillis) {
    ch.eventLoop()
        .schedule(
            () -> {
              if (!ch.isActive() || handler.helloSaid()) return;
              long retryAt = conn.helloRetryAt;
              long left =
                  retryAt == 0
                      ? 0
                      : TimeUnit.NANOSECONDS.toMillis(retryAt - System.nanoTime()) + timeoutMillis;
              if (left > 0) closeUnlessHelloSaid(ch, conn, handler, left, timeoutMillis);
              else conn.closeForInput(1008, "hello timeout");
            },
            afterMillis,
            TimeUnit.MILLISECONDS);
  }
}
