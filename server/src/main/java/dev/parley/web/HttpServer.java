package dev.parley.web;

import dev.parley.web.guard.HttpGuards;
import dev.parley.web.socket.Upgrade;
import dev.parley.web.sso.SsoEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The listener: Netty with the native epoll transport where the platform has it (NIO elsewhere),
 * one acceptor thread and Netty's default of two worker loops per core ({@code
 * -Dio.netty.eventLoopThreads} overrides it; one, two and four loops on two cores measured alike
 * with the Node.js client, see docs/performance.md). The worker loops are created before the
 * listener so that the fan-out can index connections by loop.
 */
public final class HttpServer implements AutoCloseable {

  /**
   * Largest HTTP request body gathered in memory; uploads stream to disk on their own path
   * (Uploads).
   */
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final boolean epoll = Epoll.isAvailable();
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, factory());
  private final ChannelGroup sockets =
      new DefaultChannelGroup("websockets", GlobalEventExecutor.INSTANCE);
  private Channel listener;
  private SsoEndpoint sso = SsoEndpoint.off();
  private Channel metricsListener;

  private IoHandlerFactory factory() {
    return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /** Before {@link #start}: "Sign in with ..." through an OpenID provider. */
  public void singleSignOn(SsoEndpoint endpoint) {
    this.sso = endpoint;
  }

  public EventLoopGroup workers() {
    return workers;
  }

  /**
   * Binds and returns the port actually bound; with {@code metricsAddress}, also a listener of its
   * own for {@code /metrics} there.
   */
  public int start(
      String host,
      int port,
      int maxOutboundBytes,
      Upgrade upgrade,
      Uploads uploads,
      RoomExports exports,
      Supplier<String> metrics,
      BooleanSupplier healthy,
      HttpGuards guards,
      String metricsAddress,
      java.time.Duration headerTimeout)
      throws InterruptedException {
    HttpRouter router =
        new HttpRouter(
            upgrade,
            uploads,
            exports,
            sockets,
            metrics,
            healthy,
            guards.metrics(),
            sso,
            guards.proxies());
    Class<? extends ServerChannel> channel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    if (metricsAddress != null) {
      metricsListener =
          MetricsListener.bind(metricsAddress, boss, workers, channel, metrics, headerTimeout);
    }
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(channel)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(maxOutboundBytes / 2, maxOutboundBytes))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("address-limit", guards.first())
                        .addLast("http-codec", new HttpServerCodec());
                    guards.afterCodec(ch.pipeline());
                    ch.pipeline()
                        .addLast(HttpRouter.UPLOAD_INTAKE, uploads.intake())
                        .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast("http-router", router);
                  }
                });
    listener = b.bind(new InetSocketAddress(host, port)).sync().channel();
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The port of the {@code /metrics} listener, or -1 when there is none. */
  public int metricsPort() {
    return metricsListener == null
        ? -1
        : ((InetSocketAddress) metricsListener.localAddress()).getPort();
  }

  /** Stops accepting new connections. */
  public void stopAccepting() {
    if (listener != null) listener.close().awaitUninterruptibly();
    if (metricsListener != null) metricsListener.close().awaitUninterruptibly();
  }

  /**
   * Tells every WebSocket client the server is going away (1001), then waits for them to go and for
   * their sessions to end.
   */
  public void closeSockets(long waitMillis) {
    List<Channel> open = List.copyOf(sockets);
    sockets.forEach(Upgrade::goingAway);
    sockets.newCloseFuture().awaitUninterruptibly(waitMillis);
    sockets.close().awaitUninterruptibly(waitMillis);
    // A channel's close future completes before its loop runs channelInactive, where its session
    // ends (last seen, departures): what comes next (leaveNow, the store's close) needs it done.
    // A channel is unregistered just after its channelInactive, in the same task of its loop.
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    for (Channel ch : open) {
      while (ch.isRegistered() && System.nanoTime() < deadline)
        ch.eventLoop()
            .submit(() -> {})
            .awaitUninterruptibly(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    stopAccepting();
    sso.close();
    boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    workers
        .shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS)
        .awaitUninterruptibly(5000);
  }
}
