package dev.parley.web;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes {@code POST /api/uploads} off a connection before the aggregator sees it, so that an
 * upload streams to a temp file instead of being gathered in memory, and everything else keeps
 * the aggregator's small limit. On the headers, before a byte of the body is read: the token,
 * the declared length, a slot (at most {@link UploadSlots#perUser} uploads at once per user,
 * 429 beyond; {@link UploadSlots#MAX_ACTIVE} for the node, 503 beyond) and, on the uploads'
 * threads while reading waits, the user's daily quota (429 beyond). Then the body goes to disk
 * on the uploads pool ({@link UploadJob}); the event loop only hands chunks over (and stops
 * reading while the pool is behind). A body without a length is counted as it arrives and cut
 * off at the limit; an upload that sends nothing for the idle time (15 s) is dropped with 408
 * and its slot freed. One instance per connection, used from its loop.
 */
final class UploadIntake extends ChannelInboundHandlerAdapter implements UploadJob.Intake {

  static final String PATH = "/api/uploads";
  /** Room for the multipart envelope (boundaries, part headers) on top of the image itself. */
  static final long MULTIPART_ALLOWANCE = 16 * 1024;
  static final long PAUSE_ABOVE_BYTES = 1024 * 1024;
  static final long RESUME_BELOW_BYTES = 256 * 1024;
  /** How often the idle time is checked, as a fraction of it. */
  private static final int IDLE_CHECKS = 4;

  private final Uploads uploads;
  private ChannelHandlerContext ctx;
  /** The upload being received, or null. */
  private UploadJob job;
  /** Whether the upload being received waits for {@code 100 Continue} (sent once its quota is reserved). */
  private boolean expectsContinue;
  /** A refused request whose body is still arriving: read and dropped, then the connection closes. */
  private boolean discarding;
  private long discarded;
  private long received;
  private long bodyLimit;
  private long lastReadNanos;
  private ScheduledFuture<?> idleCheck;

  UploadIntake(Uploads uploads) {
    this.uploads = uploads;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req && req.decoderResult().isSuccess()
        && new QueryStringDecoder(req.uri()).path().equals(PATH)) {
      begin(ctx, req);
      if (msg instanceof HttpContent c) content(ctx, c);
      else ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent c && (job != null || discarding)) {
      content(ctx, c);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void begin(ChannelHandlerContext ctx, HttpRequest req) {
    received = 0;
    discarded = 0;
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    boolean expect = HttpUtil.is100ContinueExpected(req);
    if (!req.method().equals(HttpMethod.POST)) {
      refuse(ctx, Uploads.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
          "Upload an image with POST."), false);
      return;
    }
    String userId = uploads.userIdForToken.apply(bearer(req));
    if (userId == null) {
      FullHttpResponse res = Uploads.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
          "Uploading needs Authorization: Bearer <token>, with the token from welcome.");
      res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
      refuse(ctx, res, expect);
      return;
    }
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
    boolean multipart = type.startsWith("multipart/form-data");
    bodyLimit = uploads.settings.maxBytes() + (multipart ? MULTIPART_ALLOWANCE : 0);
    long declared = HttpUtil.getContentLength(req, -1L);
    if (declared > bodyLimit) {
      refuse(ctx, uploads.tooLarge(), expect);
      return;
    }
    switch (uploads.slots.admit(userId)) {
      case ADMITTED -> {
        // nothing is read until the quota has room for what this upload may send
        ctx.channel().config().setAutoRead(false);
        expectsContinue = expect;
        job = new UploadJob(uploads, ctx.channel(), req, multipart, keepAlive, userId, declared >= 0 ? declared : bodyLimit, this);
        job.start();
      }
      case USER_FULL -> refuse(ctx, Uploads.error(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_uploads",
          "You have " + uploads.slots.perUser() + " uploads under way already; send this one when one of them has finished."), expect);
      case SERVER_FULL -> refuse(ctx, Uploads.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy",
          "The server is taking too many uploads at once; try again in a moment."), expect);
      default -> throw new IllegalStateException("unknown admission");
    }
  }

  @Override
  public void reserved(UploadJob j) {
    if (j != job) return; // aborted meanwhile
    lastReadNanos = System.nanoTime();
    long every = Math.max(TimeUnit.MILLISECONDS.toNanos(50), uploads.settings.idle().toNanos() / IDLE_CHECKS);
    idleCheck = ctx.executor().scheduleAtFixedRate(this::dropIfIdle, every, every, TimeUnit.NANOSECONDS);
    if (expectsContinue) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
    if (!j.holding) ctx.channel().config().setAutoRead(true);
  }

  @Override
  public void refused(UploadJob j, FullHttpResponse answer) {
    if (j != job) {
      answer.release();
      return;
    }
    job = null;
    ctx.channel().config().setAutoRead(true);
    refuse(ctx, answer, expectsContinue);
  }

  private void dropIfIdle() {
    if (job != null && System.nanoTime() - lastReadNanos > uploads.settings.idle().toNanos()) {
      abortJob(ctx);
      long seconds = uploads.settings.idle().toSeconds();
      refuse(ctx, Uploads.error(HttpResponseStatus.REQUEST_TIMEOUT, "timeout",
          "Nothing of the upload arrived for " + seconds + " seconds, so it was dropped; send it again."), true);
    }
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearer(HttpRequest req) {
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    return auth.substring(7).strip();
  }

  static String describe(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + " KiB";
    return bytes + " bytes";
  }

  private void content(ChannelHandlerContext ctx, HttpContent c) {
    boolean last = c instanceof LastHttpContent;
    int n = c.content().readableBytes();
    if (discarding) {
      discarded += n;
      c.release();
      // Reading the rest lets the client see the answer; a body far past the limit is cut off.
      if (last || discarded > uploads.settings.maxBytes()) {
        discarding = false;
        ctx.close();
      }
      return;
    }
    received += n;
    lastReadNanos = System.nanoTime();
    if (received > bodyLimit) {
      c.release();
      abortJob(ctx);
      refuse(ctx, uploads.tooLarge(), false);
      return;
    }
    UploadJob j = job;
    if (last) {
      job = null;
      cancelIdleCheck();
      // Nothing more is read until the answer is written: a next request on this connection
      // must not be answered before this one.
      j.holding = true;
      ctx.channel().config().setAutoRead(false);
    }
    j.offer(c);
    if (!last && j.queued.get() > PAUSE_ABOVE_BYTES) {
      ctx.channel().config().setAutoRead(false);
      // The pool may have caught up between the two lines above and missed the pause: look again.
      if (j.queued.get() < RESUME_BELOW_BYTES) ctx.channel().config().setAutoRead(true);
    }
  }

  /**
   * Answers a request that will not be stored, with Connection: close. If its body may still be
   * coming, the rest is read and dropped first (closing on unread data would reset the
   * connection before the client reads the answer); {@code closeNow} skips that when no body
   * will follow (the client waits for 100 Continue) or it is already cut off.
   */
  private void refuse(ChannelHandlerContext ctx, FullHttpResponse res, boolean closeNow) {
    cancelIdleCheck();
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    var written = ctx.writeAndFlush(res);
    if (closeNow) written.addListener(ChannelFutureListener.CLOSE);
    discarding = true;
  }

  private void abortJob(ChannelHandlerContext ctx) {
    UploadJob j = job;
    job = null;
    if (j != null) j.abort();
    ctx.channel().config().setAutoRead(true);
  }

  private void cancelIdleCheck() {
    if (idleCheck != null) {
      idleCheck.cancel(false);
      idleCheck = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelIdleCheck();
    UploadJob j = job;
    job = null;
    if (j != null) j.abort();
    super.channelInactive(ctx);
  }
}
