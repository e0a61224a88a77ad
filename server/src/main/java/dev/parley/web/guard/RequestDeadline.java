package dev.parley.web.guard;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Slowloris: a client that opens a connection and sends its request line and headers a byte at a
 * time (or nothing at all) holds a socket for free, and 20,000 of them exhausted the server's file
 * descriptors. This closes an HTTP connection that has not sent a whole request head within {@code
 * --header-timeout} (10 s) of opening, and a keep-alive connection that sends no new request within
 * the same time after its last answer. A request's body and answer are not timed here (an upload or
 * an export may take long; they have their own bounds).
 *
 * <p>One per channel, after the HTTP codec; everything runs on the channel's event loop. Removed
 * when the connection becomes a WebSocket, whose {@code hello} deadline takes over.
 */
public final class RequestDeadline extends ChannelDuplexHandler {

  public static final String NAME = "request-deadline";

  private final long nanos;

  /** Requests whose head arrived and whose answer has not been written to the end. */
  private int open;

  private ScheduledFuture<?> timer;

  public RequestDeadline(long nanos) {
    this.nanos = nanos;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) arm(ctx);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      open++;
      disarm();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof LastHttpContent) {
      promise = promise.unvoid();
      promise.addListener(
          f -> {
            if (open > 0) open--;
            if (open == 0 && ctx.channel().isActive()) arm(ctx);
          });
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    if (timer != null || ctx.isRemoved()) return;
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  timer = null;
                  if (open == 0) ctx.channel().close();
                },
                nanos,
                TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (timer == null) return;
    timer.cancel(false);
    timer = null;
  }
}
