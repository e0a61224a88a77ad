package dev.parley.web.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * How a guard refuses so that the client reads the refusal: a socket closed while the client's
 * request still sits unread in its receive buffer makes the kernel answer with a reset, and the
 * client loses the answer (it saw "connection reset" instead of 429). So the answer is written, the
 * sending side shut (the client reads the end of the stream), and the socket closed when the client
 * closes its side or after {@link #LINGER_MILLIS}; the caller drops what still arrives meanwhile.
 */
final class Refusals {

  /**
   * Longest a refused connection stays open after its answer: long enough to read and drop a
   * request the client had sent with its connect, short enough that a flood of refused connections
   * does not hold descriptors (each holds one this long at most).
   */
  static final long LINGER_MILLIS = 250;

  private Refusals() {}

  static void answerAndClose(ChannelHandlerContext ctx, Object answer) {
    Channel ch = ctx.channel();
    ctx.writeAndFlush(answer)
        .addListener(
            f -> {
              if (!f.isSuccess() || !(ch instanceof DuplexChannel duplex)) {
                ch.close();
                return;
              }
              duplex.shutdownOutput();
              ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            });
  }
}
