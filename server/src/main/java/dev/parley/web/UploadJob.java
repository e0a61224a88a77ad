package dev.parley.web;

import dev.parley.uploads.ImageProbe;
import dev.parley.uploads.UploadStore;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload's body on its way to disk, on the uploads' threads. First it reserves what the
 * request declares against its user's daily quota (a database write), and tells the intake on
 * the event loop whether the body may come; then the event loop offers chunks and the pool
 * handles them one at a time in order (a task is queued only when none is pending), writes the
 * raw body or feeds the multipart decoder, and at the end stores the file and answers. Ending,
 * either way, it frees its temp file, its slot, and gives back the part of its reservation the
 * body did not use.
 */
final class UploadJob {
  private static final int MAX_FORM_FIELDS = 16;
  private static final int MAX_FORM_BUFFER = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(UploadJob.class);

  /** What the intake hears back, on the connection's event loop. */
  interface Intake {
    /** The quota has room: the body may come. */
    void reserved(UploadJob job);

    /** The answer to give instead of reading the body (over the quota, or it could not be counted). */
    void refused(UploadJob job, FullHttpResponse answer);
  }

  private final Uploads uploads;
  private final Channel ch;
  private final HttpRequest req;
  private final boolean multipart;
  private final boolean keepAlive;
  final String userId;
  private final long reservation;
  private final long day;
  private final Intake intake;
  private final ConcurrentLinkedQueue<HttpContent> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  final AtomicLong queued = new AtomicLong();
  /** Bytes of the body offered so far: what the quota is charged. */
  private final AtomicLong offered = new AtomicLong();
  private volatile boolean aborted;
  /** The quota was reserved: chunks may be handled and reading may resume. */
  private volatile boolean reserved;
  /** The whole body is in: reading stays paused until the answer is written. */
  volatile boolean holding;
  // Touched by the pool only, one task at a time.
  private boolean asked;
  private boolean finished;
  private boolean sawLast;
  private Path temp;
  private FileChannel out;
  private long written;
  private HttpPostRequestDecoder decoder;
  private FileUpload file;

  UploadJob(Uploads uploads, Channel ch, HttpRequest req, boolean multipart, boolean keepAlive, String userId,
      long reservation, Intake intake) {
    this.uploads = uploads;
    this.ch = ch;
    this.req = req;
    this.multipart = multipart;
    this.keepAlive = keepAlive;
    this.userId = userId;
    this.reservation = reservation;
    this.day = uploads.day();
    this.intake = intake;
  }

  /** Asks for the quota, on the pool. */
  void start() {
    schedule();
  }

  void offer(HttpContent c) {
    int n = c.content().readableBytes();
    queued.addAndGet(n);
    offered.addAndGet(n);
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
      if (!asked) reserve();
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
      if (reserved && !finished && !holding && queued.get() < UploadIntake.RESUME_BELOW_BYTES
          && !ch.config().isAutoRead() && ch.isActive()) {
        ch.config().setAutoRead(true);
      }
    } while (pending.decrementAndGet() > 0);
  }

  /** Reserves the declared length against the user's day; says so to the intake either way. */
  private void reserve() {
    asked = true;
    if (aborted) return;
    FullHttpResponse refusal;
    try {
      if (uploads.quota.reserve(userId, day, reservation, uploads.settings.quotaBytes())) {
        reserved = true;
        ch.eventLoop().execute(() -> intake.reserved(this));
        return;
      }
      refusal = uploads.overQuota();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not count an upload against its user's quota", e);
      refusal = Uploads.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", "The server is busy; try again in a moment.");
    }
    finished = true;
    uploads.slots.release(userId);
    FullHttpResponse answer = refusal;
    ch.eventLoop().execute(() -> intake.refused(this, answer));
  }

  private void handle(HttpContent c) throws IOException, ImageProbe.Refused {
    if (temp == null && decoder == null) open();
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

  private void open() throws IOException {
    UploadStore store = uploads.store;
    if (multipart) {
      DefaultHttpDataFactory factory = new DefaultHttpDataFactory(true);
      factory.setBaseDir(store.tempDir().toString());
      factory.setDeleteOnExit(false);
      decoder = new HttpPostRequestDecoder(factory, req, StandardCharsets.UTF_8, MAX_FORM_FIELDS, MAX_FORM_BUFFER);
    } else {
      temp = store.newTempFile();
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
    if (size > uploads.settings.maxBytes()) {
      finish(uploads.tooLarge());
      return;
    }
    if (size == 0) {
      finish(Uploads.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "The upload is empty."));
      return;
    }
    finish(Uploads.created(uploads.store.store(stored, userId)));
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
   * Ends the job once: frees the temp file, the decoder and the slot, charges the quota what the
   * body was, and answers unless {@code res} is null (aborted: the connection has been answered
   * or is gone).
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
    uploads.slots.release(userId);
    if (reserved) settle();
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

  /** Gives back the part of the reservation the body did not use (charging any excess). */
  private void settle() {
    try {
      uploads.quota.adjust(userId, day, offered.get() - reservation);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not settle an upload's quota (it stays charged what it reserved)", e);
    }
  }
}
