package dev.parley.web;

import dev.parley.uploads.ImageProbe;
import dev.parley.uploads.UploadStore;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes {@code POST /api/uploads} off a connection before the aggregator sees it, so that an
 * upload streams to a temp file instead of being gathered in memory, and everything else keeps
 * the aggregator's small limit. Token and declared length are checked on the headers, before a
 * byte of the body is read; a body without a length is counted as it arrives and cut off at the
 * limit. The body goes to disk on the uploads pool; the event loop only hands chunks over (and
 * stops reading while the pool is behind). One instance per connection, used from its loop.
 */
final class UploadIntake extends ChannelInboundHandlerAdapter {

  static final String PATH = "/api/uploads";
  /** Room for the multipart envelope (boundaries, part headers) on top of the image itself. */
  static final long MULTIPART_ALLOWANCE = 16 * 1024;
  private static final long PAUSE_ABOVE_BYTES = 1024 * 1024;
  private static final long RESUME_BELOW_BYTES = 256 * 1024;
  /** An upload that sends nothing for this long is dropped (408), freeing its slot. */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int MAX_FORM_FIELDS = 16;
  private static final int MAX_FORM_BUFFER = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(UploadIntake.class);

  private final Uploads uploads;
  /** The upload being received, or null. */
  private Job job;
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
    if (!req.method().equals(HttpMethod.POST)) {
      refuse(ctx, Uploads.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
          "Upload an image with POST."), false);
      return;
    }
    if (uploads.userIdForToken.apply(bearer(req)) == null) {
      FullHttpResponse res = Uploads.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
          "Uploading needs Authorization: Bearer <token>, with the token from welcome.");
      res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
      refuse(ctx, res, HttpUtil.is100ContinueExpected(req));
      return;
    }
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
    boolean multipart = type.startsWith("multipart/form-data");
    bodyLimit = uploads.maxBytes + (multipart ? MULTIPART_ALLOWANCE : 0);
    long declared = HttpUtil.getContentLength(req, -1L);
    if (declared > bodyLimit) {
      refuse(ctx, tooLarge(), HttpUtil.is100ContinueExpected(req));
      return;
    }
    if (!uploads.admitUpload()) {
      refuse(ctx, Uploads.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy",
          "The server is taking too many uploads at once; try again in a moment."), HttpUtil.is100ContinueExpected(req));
      return;
    }
    job = new Job(ctx.channel(), req, multipart, keepAlive);
    lastReadNanos = System.nanoTime();
    idleCheck = ctx.executor().scheduleAtFixedRate(() -> {
      if (job != null && System.nanoTime() - lastReadNanos > IDLE_NANOS) {
        abortJob(ctx);
        refuse(ctx, Uploads.error(HttpResponseStatus.REQUEST_TIMEOUT, "timeout",
            "The upload stalled; send it again."), true);
      }
    }, 5, 5, TimeUnit.SECONDS);
    if (HttpUtil.is100ContinueExpected(req)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearer(HttpRequest req) {
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    return auth.substring(7).strip();
  }

  private FullHttpResponse tooLarge() {
    return Uploads.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
        "Images can be at most " + describe(uploads.maxBytes) + ".");
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
      if (last || discarded > uploads.maxBytes) {
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
      refuse(ctx, tooLarge(), false);
      return;
    }
    Job j = job;
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
    Job j = job;
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
    Job j = job;
    job = null;
    if (j != null) j.abort();
    super.channelInactive(ctx);
  }

  /**
   * One upload's body on its way to disk. The event loop offers chunks; the pool handles them
   * one at a time in order (a task is queued only when none is pending), writes the raw body
   * or feeds the multipart decoder, and at the end stores the file and answers.
   */
  private final class Job {
    private final Channel ch;
    private final HttpRequest req;
    private final boolean multipart;
    private final boolean keepAlive;
    private final ConcurrentLinkedQueue<HttpContent> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    final AtomicLong queued = new AtomicLong();
    private volatile boolean aborted;
    /** The whole body is in: reading stays paused until the answer is written. */
    volatile boolean holding;
    // Touched by the pool only, one task at a time.
    private boolean finished;
    private boolean sawLast;
    private Path temp;
    private FileChannel out;
    private long written;
    private HttpPostRequestDecoder decoder;
    private FileUpload file;

    Job(Channel ch, HttpRequest req, boolean multipart, boolean keepAlive) {
      this.ch = ch;
      this.req = req;
      this.multipart = multipart;
      this.keepAlive = keepAlive;
    }

    void offer(HttpContent c) {
      queued.addAndGet(c.content().readableBytes());
      inbox.add(c);
      schedule();
    }

    void abort() {
      aborted = true;
      schedule();
    }

    private void schedule() {
      if (pending.getAndIncrement() == 0) uploads.disk.execute(this::drain);
    }

    private void drain() {
      do {
        HttpContent c;
        while ((c = inbox.poll()) != null) {
          int n = c.content().readableBytes();
          try {
            if (!finished && !aborted) handle(c);
          } catch (Exception e) {
            fail(e);
          } finally {
            c.release();
            queued.addAndGet(-n);
          }
        }
        if (aborted && !finished) finish(null);
        if (!holding && queued.get() < RESUME_BELOW_BYTES && !ch.config().isAutoRead() && ch.isActive()) {
          ch.config().setAutoRead(true);
        }
      } while (pending.decrementAndGet() > 0);
    }

    private void handle(HttpContent c) throws IOException, ImageProbe.Refused {
      if (temp == null && decoder == null) start();
      ByteBuf buf = c.content();
      if (multipart) {
        decoder.offer(c);
        pickFile();
      } else if (buf.isReadable()) {
        for (ByteBuffer b : buf.nioBuffers()) {
          while (b.hasRemaining()) written += out.write(b);
        }
      }
      if (c instanceof LastHttpContent) {
        sawLast = true;
        store();
      }
    }

    private void start() throws IOException {
      if (multipart) {
        DefaultHttpDataFactory factory = new DefaultHttpDataFactory(true);
        factory.setBaseDir(uploads.store.tempDir().toString());
        factory.setDeleteOnExit(false);
        decoder = new HttpPostRequestDecoder(factory, req, StandardCharsets.UTF_8, MAX_FORM_FIELDS, MAX_FORM_BUFFER);
      } else {
        temp = uploads.store.newTempFile();
        out = FileChannel.open(temp, StandardOpenOption.WRITE);
      }
    }

    private void pickFile() {
      try {
        while (decoder.hasNext()) {
          InterfaceHttpData data = decoder.next();
          if (file == null && data instanceof FileUpload f && f.getName().equals("file")) file = f;
        }
      } catch (HttpPostRequestDecoder.EndOfDataDecoderException end) {
        // every part is in
      }
    }

    private void store() throws IOException, ImageProbe.Refused {
      Path stored;
      long size;
      if (multipart) {
        if (file == null || !file.isCompleted()) {
          finish(Uploads.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
              "Send the image as the multipart field \"file\", or as the whole body."));
          return;
        }
        stored = file.getFile().toPath();
        size = file.length();
      } else {
        out.close();
        out = null;
        stored = temp;
        size = written;
      }
      if (size > uploads.maxBytes) {
        finish(tooLarge());
        return;
      }
      if (size == 0) {
        finish(Uploads.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "The upload is empty."));
        return;
      }
      UploadStore.Stored s = uploads.store.store(stored);
      finish(Uploads.created(s));
    }

    private void fail(Exception e) {
      if (e instanceof ImageProbe.Refused r) {
        HttpResponseStatus status = r.code().equals(ImageProbe.Refused.TOO_MANY_PIXELS)
            ? HttpResponseStatus.UNPROCESSABLE_ENTITY
            : HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
        finish(Uploads.error(status, r.code(), r.getMessage()));
      } else if (e instanceof HttpPostRequestDecoder.ErrorDataDecoderException
          || e instanceof HttpPostRequestDecoder.TooManyFormFieldsException
          || e instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
        finish(Uploads.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "The multipart body could not be read."));
      } else {
        LOG.warn("upload failed", e);
        finish(Uploads.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "The upload could not be stored."));
      }
    }

    /**
     * Ends the job once: frees the temp file, the decoder and the admission slot, and answers
     * unless {@code res} is null (aborted: the connection has been answered or is gone).
     */
    private void finish(FullHttpResponse res) {
      if (finished) {
        if (res != null) res.release();
        return;
      }
      finished = true;
      try {
        if (out != null) out.close();
        if (temp != null) Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.warn("could not remove the temp file {}", temp, e);
      }
      if (decoder != null) decoder.destroy();
      uploads.uploadDone();
      if (res == null) return;
      if (sawLast) {
        Uploads.respond(ch, res, keepAlive);
        if (keepAlive) ch.config().setAutoRead(true);
      } else {
        // answered mid-body (a broken form, a disk error): the connection cannot be reused
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ch.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }
}
