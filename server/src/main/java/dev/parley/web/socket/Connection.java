package dev.parley.web.socket;

import dev.parley.domain.Client;
import dev.parley.domain.Out;
import dev.parley.domain.RateLimit;
import dev.parley.domain.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One WebSocket connection: the domain's {@link Client}, and the per-connection state the socket
 * handler and this loop's fan-out share. Every field except {@link #session} is touched only on the
 * channel's event loop; calls from other threads hop onto it.
 *
 * <p>What makes a client "slow" ({@link #tooSlow}, close 1008): unread broadcasts, not its own
 * replies. Why: a reply (a welcome listing thousands of the user's rooms, a run of history pages
 * asked for at once) may be megabytes by itself, and counting it against {@code --max-outbound}
 * closed a client that was reading perfectly well as soon as any broadcast came during its transfer
 * (the audit: 3 tries of 3, each reconnect downloading it again). So the bytes of the replies still
 * unsent are counted apart ({@link #replyBytes}): a connection has fallen behind when what else
 * waits in its outbound buffer (the broadcasts) passes {@code --max-outbound} ({@link
 * #fellBehind}); and a client that asks and never reads is closed once its unsent replies pass
 * {@link #MIN_REPLY_BACKLOG_BYTES} (or four times {@code --max-outbound}) while more than one of
 * them waits, so no single reply, however large, is ever the cause.
 */
final class Connection implements Client {

  /** Unsent replies a client may hold, at the least, before it counts as not reading them. */
  static final long MIN_REPLY_BACKLOG_BYTES = 16L * 1024 * 1024;

  /** Where a channel keeps its connection, for whoever holds only the channel. */
  static final AttributeKey<Connection> KEY = AttributeKey.valueOf("parley.connection");

  private final Channel channel;
  private final LoopDelivery delivery;

  /** Runs a task once the store's queued writes are published (see {@link #closeForInput}). */
  private final Consumer<Runnable> afterQueuedWrites;

  final RateLimit rate;

  /**
   * Who the client is for the limits per address ({@code ClientAddress#key}), or null when unknown.
   */
  private final String address;

  volatile Session session;

  /** Rooms this connection is indexed under in its loop's fan-out. */
  final Set<String> rooms = new HashSet<>();

  /** Frames the fan-out has gathered for this connection in its current run, or null. */
  ByteBuf pending;

  /**
   * Where complete frames enter the pipeline: the context of the frame encoder, so that a write
   * starts below it and goes straight to the socket. Null until the handshake is done.
   */
  ChannelHandlerContext out;

  /**
   * Said {@code coalesce} in its hello: frames gathered over a tick come as one {@code batch}. Set
   * and read on this connection's loop only.
   */
  boolean coalesce;

  /** Inside channelRead: replies are flushed once at read-complete. */
  boolean reading;

  /** The server is closing: input is discarded unread (see {@link Closing}). */
  boolean draining;

  /** The close frame is written or on its way: nothing more goes out. */
  boolean closing;

  /** The peer started the close: once our answer is written the socket can go. */
  private boolean peerClosed;

  int missedPings;

  /**
   * When ({@link System#nanoTime}) the latest hello refused with a {@code retryAfter} may be sent
   * again, or 0: a client that waits as told has not gone quiet, so it gets the hello timeout again
   * from then. Written by whichever thread sends the refusal, read on the event loop.
   */
  volatile long helloRetryAt;

  /** Bytes of replies written and not yet handed to the socket, and how many replies they are. */
  private long replyBytes;

  private int repliesQueued;

  Connection(
      Channel channel,
      LoopDelivery delivery,
      RateLimit rate,
      Consumer<Runnable> afterQueuedWrites,
      String address) {
    this.address = address;
    this.channel = channel;
    this.delivery = delivery;
    this.rate = rate;
    this.afterQueuedWrites = afterQueuedWrites;
  }

  Channel channel() {
    return channel;
  }

  LoopDelivery delivery() {
    return delivery;
  }

  String userId() {
    Session s = session;
    return s == null ? null : s.userId();
  }

  @Override
  public String address() {
    return address;
  }

  /** The upgrade's User-Agent (set once by {@link Upgrade}, before the first frame). */
  volatile String agent;

  @Override
  public String agent() {
    return agent;
  }

  @Override
  public void send(Out frame) {
    if (frame instanceof Out.Error e && e.retryAfter() != null && session == null) {
      helloRetryAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(e.retryAfter());
    }
    ByteBuf bytes = TextFrames.encode(frame, channel.alloc());
    if (channel.eventLoop().inEventLoop()) {
      write(bytes);
    } else if (!onLoop(() -> write(bytes))) {
      bytes.release();
    }
  }

  /** Writes a reply, counted apart from broadcasts until it is sent (see the class comment). */
  private void write(ByteBuf frame) {
    if (closing) {
      frame.release();
      return;
    }
    int size = frame.readableBytes();
    replyBytes += size;
    repliesQueued++;
    ChannelPromise sent = channel.newPromise();
    sent.addListener(
        f -> { // on this loop, once written to the socket or failed
          replyBytes -= size;
          repliesQueued--;
        });
    if (reading) {
      out().write(frame, sent);
    } else {
      out().writeAndFlush(frame, sent);
    }
    if (repliesQueued > 1 && replyBytes > replyLimit()) tooSlow();
  }

  private long replyLimit() {
    return Math.max(MIN_REPLY_BACKLOG_BYTES, 4L * channel.config().getWriteBufferHighWaterMark());
  }

  /**
   * Whether the client has fallen behind the broadcasts: the unsent bytes in its outbound buffer
   * other than its own replies pass {@code --max-outbound} (the channel's high-water mark).
   */
  boolean fellBehind() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes();
    return pending - replyBytes > channel.config().getWriteBufferHighWaterMark();
  }

  /** Writes and flushes bytes that are already whole WebSocket frames. */
  void writeRaw(ByteBuf frames) {
    out().writeAndFlush(frames, channel.voidPromise());
  }

  private ChannelOutboundInvoker out() {
    return out != null ? out : channel;
  }

  /** Closes now (the shutdown's 1001): the close frame goes after what is already written. */
  @Override
  public void close(int code, String reason) {
    if (channel.eventLoop().inEventLoop()) {
      closeNow(code, reason);
    } else {
      onLoop(() -> closeNow(code, reason));
    }
  }

  /**
   * Runs the task on the channel's loop; false if the server has stopped its loops and it will not
   * run (there is no one to tell).
   */
  private boolean onLoop(Runnable task) {
    try {
      channel.eventLoop().execute(task);
      return true;
    } catch (RejectedExecutionException stopped) {
      return false; // shutting down: the socket is closed or about to be
    }
  }

  /** The client does not read fast enough: stop sending and close with 1008. */
  void tooSlow() {
    closeNow(1008, "too slow: reconnect and catch up with history");
  }

  /**
   * Closes for what the client sent (rate limit, a frame before hello, a frame too large): input
   * stops being acted on at once, and the close frame follows the answers the client is still owed,
   * such as the messages it sent before, which come back only once stored.
   */
  void closeForInput(int code, String reason) {
    if (!startDraining()) return;
    afterQueuedWrites.accept(() -> onLoop(() -> sendClose(code, reason)));
  }

  private void closeNow(int code, String reason) {
    if (startDraining()) sendClose(code, reason);
  }

  /** Stops acting on input and bounds how long the socket may stay; false if already closing. */
  private boolean startDraining() {
    if (draining) return false;
    draining = true;
    Closing.stopDecoding(channel);
    channel
        .eventLoop()
        .schedule(() -> channel.close(), Closing.LINGER_MILLIS, TimeUnit.MILLISECONDS);
    return true;
  }

  private void sendClose(int code, String reason) {
    if (closing) return;
    closing = true;
    channel
        .writeAndFlush(new CloseWebSocketFrame(code, reason))
        .addListener(
            f -> {
              if (!f.isSuccess() || peerClosed) {
                channel.close();
              } else {
                Closing.shutdownOutput(channel);
              }
            });
  }

  /** The peer's close frame, before any close of ours: answer it, then close the socket. */
  void peerClosed(int code) {
    peerClosed = true;
    closeNow(code, "");
  }
}
