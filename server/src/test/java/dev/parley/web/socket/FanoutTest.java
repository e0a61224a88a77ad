package dev.parley.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user's connections on this node, as the fan-out knows them: whatever is addressed to the user
 * (a new direct conversation, a reply) goes to the connections in that index, so a connection left
 * out of it misses those until it reconnects.
 */
class FanoutTest {

  private final EventLoopGroup loops =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static Connection connection(Fanout fanout, EventLoop loop) {
    return new Connection(new EmbeddedChannel(), fanout.loopOf(loop), null, Runnable::run, null);
  }

  /**
   * A phone changing networks: its new connection says hello while the old one is being closed on
   * another loop. Whichever runs first, the new one is then the user's, every time.
   */
  @Test
  void aReconnectRacingTheOldConnectionsCloseStaysReachable() throws Exception {
    Fanout fanout = new Fanout(loops, new SimpleMeterRegistry());
    EventLoop one = loops.next();
    EventLoop two = loops.next();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      for (int i = 0; i < 100_000; i++) {
        Connection old = connection(fanout, one);
        Connection fresh = connection(fanout, two);
        fanout.attach("u1", old, Set.of("general"));
        Future<?> closing =
            threads.submit(
                () -> {
                  start.await();
                  fanout.detach("u1", old);
                  return null;
                });
        Future<?> arriving =
            threads.submit(
                () -> {
                  start.await();
                  fanout.attach("u1", fresh, Set.of("general"));
                  return null;
                });
        closing.get();
        arriving.get();
        assertThat(fanout.connected())
            .as("the new connection is the user's after try %d", i)
            .isEqualTo(1);
        fanout.detach("u1", fresh);
        assertThat(fanout.connected()).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
