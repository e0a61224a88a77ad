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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes {@code POST /api/uploads} off a connection before the aggregator sees it, so that an upload
 * streams to a temp file instead of being gathered in memory, and everything else keeps the
 * aggregator's small limit. On the headers, before a byte of the body is read: the token, the
 * declared length, a slot (at most {@link UploadSlots#perUser} uploads at once per user, 429
 * beyond; {@link UploadSlots#MAX_ACTIVE} for the node, 503 beyond) and, on the uploads' threads
 * while reading waits, the user's daily quota (429 beyond). Then the body goes to disk on the
 * uploads' threads ({@link UploadJob}); the event loop only hands chunks over (and stops reading
 * while they are behind). A body without a length is counted as it arrives and cut off at the
 * limit; an upload that sends nothing for the idle time (15 s) is dropped with 408 and its slot
 * freed.
 *
 * <p>One instance per connection, used from its event loop only. Where the connection stands is one
 * {@link Phase}: {@link Idle} (requests pass on), {@link Streaming} (an admitted upload's body goes
 * to its job) or {@link Discarding} (a refused request's body is read and dropped, then the
 * connection closes). The job's side, on the uploads' threads, is {@link UploadJob}'s.
 */
final class UploadIntake extends ChannelInboundHandlerAdapter implements UploadJob.Intake {

  static final String PATH = "/api/uploads";

  /** Room for the multipart envelope (boundaries, part headers) on top of the image itself. */
  static final long MULTIPART_ALLOWANCE = 16 * 1024;

  static final long PAUSE_ABOVE_BYTES = 1024 * 1024;
  static final long RESUME_BELOW_BYTES = 256 * 1024;

  /** How often the idle time is checked, as a fraction of it. */
  private static final int IDLE_CHECKS = 4;

  /** Where this connection's upload stands. */
  private sealed interface Phase permits Idle, Waiting, Streaming, Discarding {}

  /** No upload under way: requests and their content pass on. */
  private enum Idle implements Phase {
    IDLE
  }

  /** An admitted upload whose body is arriving: each chunk is counted, then offered to its job. */
  private static final class Streaming implements Phase {
    final UploadJob job;

    /** The most the body may be: the image limit, plus the multipart allowance for a form. */
    final long limit;

    /** Whether the client waits for {@code 100 Continue} (sent once the quota is reserved). */
    final boolean expectsContinue;

    long received;
    long lastReadNanos = System.nanoTime();

    /** Drops the upload after the idle time without a byte; started once the quota is reserved. */
    ScheduledFuture<?> idleCheck;

    Streaming(UploadJob job, long limit, boolean expectsContinue) {
      this.job = job;
      this.limit = limit;
      this.expectsContinue = expectsContinue;
    }

    void stopIdleCheck() {
      if (idleCheck != null) idleCheck.cancel(false);
    }
  }

  /**
   * The request's token is not known on this node yet (a cluster: it may be a few ms old, from
   * another node; see {@link BearerTokens}): reading stops, and what had been read already is held
   * until the lookup answers, then goes on in order. Released if the connection closes meanwhile,
   * or if the event loop no longer takes the answer (the server is closing).
   */
  private static final class Waiting implements Phase {
    /** The request's own content, when it came whole. */
    private HttpContent own;

    /** What arrived behind the request's headers. */
    private final List<Object> held = new ArrayList<>();

    /** Whether reading goes on once the answer is in; false when an upload before holds it. */
    boolean resumeReading;

    private boolean released;

    synchronized HttpContent own() {
      return own;
    }

    synchronized void holdOwn(HttpContent c) {
      if (released) c.release();
      else own = c;
    }

    synchronized void hold(Object msg) {
      if (released) ReferenceCountUtil.release(msg);
      else held.add(msg);
    }

    /** What was held, in order (its own content first, if any); nothing is held after this. */
    synchronized List<Object> takeAll() {
      List<Object> all = new ArrayList<>();
      if (own != null) all.add(own);
      all.addAll(held);
      own = null;
      held.clear();
      released = true;
      return all;
    }

    void release() {
      for (Object msg : takeAll()) ReferenceCountUtil.release(msg);
    }
  }

  /**
   * A request was answered without being stored (with Connection: close): the rest of its body is
   * read and dropped, because closing on unread data would reset the connection before the client
   * reads the answer; past the image limit, or at its end, the connection closes.
   */
  private static final class Discarding implements Phase {
    long discarded;
  }

  private final Uploads uploads;
  private ChannelHandlerContext ctx;
  private Phase phase = Idle.IDLE;

  UploadIntake(Uploads uploads) {
    this.uploads = uploads;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (phase instanceof Waiting w) {
      w.hold(msg);
      // reading was stopped; a finished upload before this one may have let it go on
      if (ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(false);
        w.resumeReading = true;
      }
    } else if (phase instanceof Discarding d) {
      if (msg instanceof HttpContent c) discard(d, c);
      else ReferenceCountUtil.release(msg); // the connection closes: nothing more is answered
    } else if (msg instanceof HttpRequest req
        && req.decoderResult().isSuccess()
        && new QueryStringDecoder(req.uri()).path().equals(PATH)) {
      begin(req);
      if (msg instanceof HttpContent c) content(c);
      else ReferenceCountUtil.release(msg);
    } else if (msg instanceof HttpContent c && phase instanceof Streaming) {
      content(c);
    } else if (phase instanceof Idle || phase instanceof Streaming) {
      ctx.fireChannelRead(msg);
    } else {
      throw new IllegalStateException("unknown phase " + phase);
    }
  }

  private void begin(HttpRequest req) {
    boolean expect = HttpUtil.is100ContinueExpected(req);
    if (!req.method().equals(HttpMethod.POST)) {
      refuse(
          Uploads.error(
              HttpResponseStatus.METHOD_NOT_ALLOWED,
              "method_not_allowed",
              "Upload a file with POST."),
          false);
      return;
    }
    Waiting w = new Waiting();
    phase = w;
    uploads.tokens.user(
        bearer(req), ctx.executor(), userId -> resume(w, req, userId, expect), w::release);
    if (phase == w) { // the lookup waits for the cluster: nothing more is read meanwhile
      w.resumeReading = ctx.channel().config().isAutoRead();
      ctx.channel().config().setAutoRead(false);
    }
  }

  /** The token's user is known (or not): the upload goes on, then what was held meanwhile. */
  private void resume(Waiting w, HttpRequest req, String userId, boolean expect) {
    if (phase != w) return; // the connection closed meanwhile: what it held is released
    phase = Idle.IDLE;
    if (w.resumeReading) ctx.channel().config().setAutoRead(true);
    HttpContent own = w.own();
    List<Object> held = w.takeAll();
    admit(req, userId, expect);
    for (Object msg : held) {
      if (msg == own) content(own);
      else channelRead(ctx, msg);
    }
  }

  private void admit(HttpRequest req, String userId, boolean expect) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (userId == null) {
      refuse(Uploads.unauthorized("Uploading"), expect);
      return;
    }
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
    boolean multipart = type.startsWith("multipart/form-data");
    long limit = uploads.settings.maxBytes() + (multipart ? MULTIPART_ALLOWANCE : 0);
    long declared = HttpUtil.getContentLength(req, -1L);
    if (declared > limit) {
      refuse(uploads.tooLarge(), expect);
      return;
    }
    switch (uploads.slots.admit(userId)) {
      case ADMITTED -> {
        // nothing is read until the quota has room for what this upload may send
        ctx.channel().config().setAutoRead(false);
        UploadJob job =
            new UploadJob(
                uploads,
                ctx.channel(),
                req,
                multipart,
                keepAlive,
                userId,
                declared >= 0 ? declared : limit,
                this);
        phase = new Streaming(job, limit, expect);
        job.start();
      }
      case USER_FULL ->
          refuse(
              Uploads.error(
                  HttpResponseStatus.TOO_MANY_REQUESTS,
                  "too_many_uploads",
                  "You have "
                      + uploads.slots.perUser()
                      + " uploads under way already; send this one when one of them has finished."),
              expect);
      case SERVER_FULL ->
          refuse(
              Uploads.error(
                  HttpResponseStatus.SERVICE_UNAVAILABLE,
                  "busy",
                  "The server is taking too many uploads at once; try again in a moment."),
              expect);
      default -> throw new IllegalStateException("unknown admission");
    }
  }

  @Override
  public void reserved(UploadJob job) {
    if (!(phase instanceof Streaming s) || s.job != job)
      return; // its body is all in, or it was dropped
    s.lastReadNanos = System.nanoTime();
    long every =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(50), uploads.settings.idle().toNanos() / IDLE_CHECKS);
    s.idleCheck =
        ctx.executor().scheduleAtFixedRate(() -> dropIfIdle(s), every, every, TimeUnit.NANOSECONDS);
    if (s.expectsContinue)
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    if (!job.holding) ctx.channel().config().setAutoRead(true);
  }

  @Override
  public void refused(UploadJob job, FullHttpResponse answer) {
    if (phase instanceof Streaming s && s.job == job) {
      ctx.channel().config().setAutoRead(true);
      refuse(answer, s.expectsContinue);
    } else if (job.holding) {
      // its whole body had arrived before the quota said no: nothing left to read or drop
      answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    } else {
      answer.release(); // dropped meanwhile: the connection has had its answer
    }
  }

  private void dropIfIdle(Streaming s) {
    if (phase == s && System.nanoTime() - s.lastReadNanos > uploads.settings.idle().toNanos()) {
      abort(s);
      long seconds = uploads.settings.idle().toSeconds();
      refuse(
          Uploads.error(
              HttpResponseStatus.REQUEST_TIMEOUT,
              "timeout",
              "Nothing of the upload arrived for "
                  + seconds
                  + " seconds, so it was dropped; send it again."),
          true);
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

  /** A chunk of the admitted upload's body (or of the request itself, when it came whole). */
  private void content(HttpContent c) {
    if (phase instanceof Waiting w) { // the request came whole, and its token is looked up
      w.holdOwn(c);
      return;
    }
    if (phase instanceof Discarding d) { // refused on its headers
      discard(d, c);
      return;
    }
    if (!(phase instanceof Streaming s)) {
      c.release();
      throw new IllegalStateException("upload content while " + phase);
    }
    boolean last = c instanceof LastHttpContent;
    s.received += c.content().readableBytes();
    s.lastReadNanos = System.nanoTime();
    if (s.received > s.limit) {
      c.release();
      abort(s);
      refuse(uploads.tooLarge(), false);
      return;
    }
    UploadJob job = s.job;
    if (last) {
      s.stopIdleCheck();
      phase = Idle.IDLE;
      // Nothing more is read until the answer is written: a next request on this connection
      // must not be answered before this one.
      job.holding = true;
      ctx.channel().config().setAutoRead(false);
    }
    job.offer(c);
    if (!last && job.queued.get() > PAUSE_ABOVE_BYTES) {
      ctx.channel().config().setAutoRead(false);
      // The pool may have caught up between the two lines above and missed the pause: look again.
      if (job.queued.get() < RESUME_BELOW_BYTES) ctx.channel().config().setAutoRead(true);
    }
  }

  private void discard(Discarding d, HttpContent c) {
    d.discarded += c.content().readableBytes();
    boolean last = c instanceof LastHttpContent;
    c.release();
    if (last || d.discarded > uploads.settings.maxBytes()) ctx.close();
  }

  /**
   * Answers a request that will not be stored, with Connection: close, and discards the rest of its
   * body; {@code closeNow} closes as soon as the answer is written, when no body will follow (the
   * client waits for 100 Continue) or it is already cut off.
   */
  private void refuse(FullHttpResponse res, boolean closeNow) {
    if (phase instanceof Streaming s) s.stopIdleCheck();
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    var written = ctx.writeAndFlush(res);
    if (closeNow) written.addListener(ChannelFutureListener.CLOSE);
    phase = new Discarding();
  }

  /** Ends the streaming upload without an answer from its job (this side answers). */
  private void abort(Streaming s) {
    s.stopIdleCheck();
    phase = Idle.IDLE;
    s.job.abort();
    ctx.channel().config().setAutoRead(true);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (phase instanceof Waiting w) w.release();
    if (phase instanceof Streaming s) {
      s.stopIdleCheck();
      s.job.abort();
    }
    phase = Idle.IDLE;
    super.channelInactive(ctx);
  }
}
