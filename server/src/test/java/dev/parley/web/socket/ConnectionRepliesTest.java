package dev.parley.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Out;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A reply is encoded into a buffer from the channel's allocator before it reaches the connection's
 * loop ({@link TextFrames#encode}); a reply that will never be written gives that buffer back: to a
 * connection already closing, or to one whose loop has stopped. The allocator's count of direct
 * memory in use shows a buffer kept (Netty's leak report would come only after a collection, and
 * from no test that happens to take these paths).
 */
class ConnectionRepliesTest {

  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);

  @Test
  void aReplyToAClosingConnectionGivesItsBufferBack() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(alloc);
    Connection conn = new Connection(channel, null, null, Runnable::run, "127.0.0.1");
    conn.close(1001, "going away");
    long before = alloc.metric().usedDirectMemory();

    conn.send(new Out.Pong("1"));

    assertThat(alloc.metric().usedDirectMemory()).isEqualTo(before);
    channel.finishAndReleaseAll();
  }

  @Test
  void aReplyToAConnectionWhoseLoopStoppedGivesItsBufferBack() throws Exception {
    DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
    LocalChannel channel = new LocalChannel();
    channel.config().setAllocator(alloc);
    group.register(channel).sync();
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    Connection conn = new Connection(channel, null, null, Runnable::run, "127.0.0.1");

    conn.send(new Out.Pong("1")); // from this thread: handed to a loop that refuses it

    assertThat(alloc.metric().usedDirectMemory()).isZero();
  }
}
