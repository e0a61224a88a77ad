package dev.parley.web.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

/**
 * How the server closes a connection it decided to close, and why not at once: a socket closed
 * while the client's frames still sit unread in its receive buffer makes the kernel answer with a
 * reset, and the client loses what it had not yet read, close frame included (its library reports
 * 1006). So the server stops acting on input, writes its close frame after everything else, shuts
 * its sending side (the client reads the end of the stream and closes), and keeps reading and
 * dropping whatever arrives until the client's end of stream or {@link #LINGER_MILLIS}, whichever
 * comes first; only then is the socket closed.
 */
public final class Closing {

  /**
   * Longest a connection the server is closing stays open, from the decision on: time for the
   * client to read the close frame and close its side, whatever it keeps sending meanwhile.
   */
  public static final long LINGER_MILLIS = 2000;

  private Closing() {}

  /**
   * Takes the frame decoder out: input reaches the socket handler as raw bytes, which it drops
   * without unmasking or copying (the decoder's partial frame included). The client's close frame
   * is not looked for: its end of stream, which follows, closes the channel.
   */
  static void stopDecoding(Channel channel) {
    ChannelPipeline p = channel.pipeline();
    if (p.get(WebSocketFrameDecoder.class) != null) p.remove(WebSocketFrameDecoder.class);
  }

  /**
   * Ends the sending side only; reading goes on. Input half-closure stays off (Netty's default), so
   * the peer's end of stream closes the channel.
   */
  static void shutdownOutput(Channel channel) {
    if (channel instanceof DuplexChannel duplex) {
      duplex.shutdownOutput();
    } else {
      channel.close();
    }
  }
}
