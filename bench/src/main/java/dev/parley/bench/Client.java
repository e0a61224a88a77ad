package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bench's connection factory: a few event loops (epoll when available) shared by all
 * connections.
 */
final class Client implements AutoCloseable {
  final EventLoopGroup group;
  final List<Loop> loops = new ArrayList<>();
  final Class<? extends Channel> channelClass;
  final boolean epoll;

  Client(int nLoops) {
    epoll = Epoll.isAvailable();
    IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(nLoops, f);
    channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    int i = 0;
    for (var e : group) loops.add(new Loop((io.netty.channel.EventLoop) e, i++));
  }

  /** Target of a run: a name and a ws:// URL. */
  /**
   * A server to measure: {@code name=ws://host:port/ws}, or the nodes of one cluster as {@code
   * name=ws://a/ws,ws://b/ws}, connection i going to node i mod n.
   */
  record Target(String name, List<URI> nodes) {
    static Target parse(String s) {
      int eq = s.indexOf('=');
      String name = eq > 0 ? s.substring(0, eq) : "target";
      List<URI> nodes = new ArrayList<>();
      for (String one : (eq > 0 ? s.substring(eq + 1) : s).split(",")) {
        URI u = URI.create(one.strip());
        if (!"ws".equals(u.getScheme()))
          throw new IllegalArgumentException("only ws:// URLs: " + s);
        nodes.add(u);
      }
      return new Target(name, List.copyOf(nodes));
    }

    URI node(int i) {
      return nodes.get(Math.floorMod(i, nodes.size()));
    }

    /** The first node's port (one-node scenarios). */
    int port() {
      return port(nodes.get(0));
    }

    static int port(URI u) {
      return u.getPort() > 0 ? u.getPort() : 80;
    }

    static String path(URI u) {
      return u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    }
  }

  /** Opens a connection (TCP + WebSocket upgrade). {@code source} may be null. */
  Conn connect(Target t, int index, InetSocketAddress source, Conn.Listener l) {
    Loop loop = loops.get(index % loops.size());
    URI node = t.node(index);
    Conn c = new Conn(index, node.getHost() + ":" + Target.port(node), Target.path(node), loop, l);
    Bootstrap b =
        new Bootstrap()
            .group(loop.loop)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_LINGER, 0)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(c);
    var remote = new InetSocketAddress(node.getHost(), Target.port(node));
    var cf = source == null ? b.connect(remote) : b.connect(remote, source);
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            c.opened.completeExceptionally(f.cause());
            c.closed.complete(c);
          }
        });
    return c;
  }

  /** Source address for connection i when spreading over {@code sources} loopback addresses. */
  static InetSocketAddress source(int i, int sources) {
    if (sources <= 1) return null;
    return new InetSocketAddress("127.0.0." + (1 + i % sources), 0);
  }

  /**
   * Opens n connections with at most {@code parallel} handshakes (plus setup) in flight; returns
   * when all are set up. {@code setup} runs after the upgrade and completes when the connection is
   * ready.
   */
  static List<Conn> openAll(
      Client client,
      Target t,
      int n,
      int parallel,
      int sources,
      java.util.function.IntFunction<Conn.Listener> listener,
      java.util.function.Function<Conn, CompletableFuture<?>> setup)
      throws InterruptedException {
    Semaphore sem = new Semaphore(parallel);
    List<Conn> conns = new ArrayList<>(n);
    List<CompletableFuture<?>> done = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sem.acquire();
      Conn c = client.connect(t, i, source(i, sources), listener.apply(i));
      conns.add(c);
      CompletableFuture<?> f = c.opened.thenCompose(setup::apply).orTimeout(60, TimeUnit.SECONDS);
      f.whenComplete((v, e) -> sem.release());
      done.add(f);
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    return conns;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
