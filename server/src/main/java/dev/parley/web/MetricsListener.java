package dev.parley.web;

import dev.parley.web.guard.RequestDeadline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code --metrics-address}: a listener of its own that serves {@code GET /metrics} and nothing
 * else, so the operator can put the metrics where only their monitoring reaches (loopback, an
 * internal interface) while the main port faces the public. It answers whoever reaches it: choosing
 * the address is the access control. Shares the server's event loops; a request head has the same
 * deadline as on the main port.
 */
final class MetricsListener {

  private static final int MAX_REQUEST_BYTES = 8192;

  private MetricsListener() {}

  /**
   * Binds {@code hostPort} ({@code 127.0.0.1:9464}, {@code [::1]:9464}; no host: loopback); returns
   * the channel.
   */
  static Channel bind(
      String hostPort,
      EventLoopGroup boss,
      EventLoopGroup workers,
      Class<? extends ServerChannel> type,
      Supplier<String> metrics,
      Duration headerTimeout)
      throws InterruptedException {
    InetSocketAddress address = parse(hostPort);
    ChannelHandler answer = new Answer(metrics);
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(type)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new HttpServerCodec())
                    .addLast(RequestDeadline.NAME, new RequestDeadline(headerTimeout.toNanos()))
                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                    .addLast(answer);
              }
            })
        .bind(address)
        .sync()
        .channel();
  }

  static InetSocketAddress parse(String hostPort) {
    String s = hostPort.strip();
    int colon = s.lastIndexOf(':');
    if (colon < 0)
      throw new IllegalArgumentException("--metrics-address is host:port, not " + hostPort);
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.isEmpty()) host = "127.0.0.1";
    try {
      return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--metrics-address is host:port, not " + hostPort, e);
    }
  }

  @ChannelHandler.Sharable
  private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Supplier<String> metrics;

    Answer(Supplier<String> metrics) {
      this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean read = req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD);
      if (!read || !new QueryStringDecoder(req.uri()).path().equals("/metrics")) {
        HttpRouter.send(
            ctx,
            req,
            HttpRouter.text(HttpResponseStatus.NOT_FOUND, "Only /metrics is served here.\n"));
        return;
      }
      FullHttpResponse res = HttpRouter.text(HttpResponseStatus.OK, metrics.get());
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
      HttpRouter.send(ctx, req, res);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
