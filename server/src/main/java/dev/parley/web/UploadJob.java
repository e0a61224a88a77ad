package dev.parley.web;

import dev.parley.uploads.ImageProbe;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload's body on its way to disk, on the uploads' threads. First it reserves what the request
 * declares against its user's daily quota (a database write), and tells the intake on the event
 * loop whether the body may come; then the event loop offers chunks and the pool handles them one
 * at a time in order (a task is queued only when none is pending), hands them to the {@link
 * UploadBody}, and at the end stores the file and answers. Ending, either way, it frees the body's
 * temp files, its slot, and gives back the part of its reservation the body did not use.
 *
 * <p>Threads: {@link #stage} and the body are the pool's (one task at a time); the event loop
 * writes {@link #holding} and {@link #aborted}; both sides count {@link #queued}.
 */
final class UploadJob {
  private static final Logger LOG = LoggerFactory.getLogger(UploadJob.class);

  /** What the intake hears back, on the connection's event loop. */
  interface Intake {
    /** The quota has room: the body may come. */
    void reserved(UploadJob job);

    /**
     * The answer to give instead of reading the body (over the quota, or it could not be counted).
     */
    void refused(UploadJob job, FullHttpResponse answer);
  }

  /** Where the job is, as the pool sees it. */
  private enum Stage {
    /** The quota has not been asked yet: chunks wait in the inbox. */
    NEW,
    /** The quota holds the reservation: chunks go to the body. */
    RECEIVING,
    /** Answered, refused or aborted: chunks are dropped. */
    ENDED
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

  /** Bytes offered and not yet handled: the event loop pauses reading above a limit. */
  final AtomicLong queued = new AtomicLong();

  /** Bytes of the body offered so far: what the quota is charged. */
  private final AtomicLong offered = new AtomicLong();

  /** The event loop dropped the upload (too large, idle, connection gone). */
  private volatile boolean aborted;

  /**
   * The whole body is in: reading stays paused until the answer is written. Set by the event loop.
   */
  volatile boolean holding;

  // The pool's, one task at a time.
  private Stage stage = Stage.NEW;
  private boolean reservedQuota;
  private boolean sawLast;
  private UploadBody body;

  UploadJob(
      Uploads uploads,
      Channel ch,
      HttpRequest req,
      boolean multipart,
      boolean keepAlive,
      String userId,
      long reservation,
      Intake intake) {
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
    if (pending.getAndIncrement() == 0) uploads.io.execute(this::drain);
  }

  private void drain() {
    do {
      if (stage == Stage.NEW) reserve();
      HttpContent c;
      while ((c = inbox.poll()) != null) {
        int n = c.content().readableBytes();
        try {
          if (stage == Stage.RECEIVING && !aborted) handle(c);
        } catch (Exception e) {
          fail(e);
        } finally {
          c.release();
          queued.addAndGet(-n);
        }
      }
      if (aborted && stage != Stage.ENDED) finish(null);
      if (stage == Stage.RECEIVING
          && !holding
          && queued.get() < UploadIntake.RESUME_BELOW_BYTES
          && !ch.config().isAutoRead()
          && ch.isActive()) {
        ch.config().setAutoRead(true);
      }
    } while (pending.decrementAndGet() > 0);
  }

  /** Reserves the declared length against the user's day; says so to the intake either way. */
  private void reserve() {
    if (aborted) {
      finish(null); // nothing reserved: only the slot to free
      return;
    }
    FullHttpResponse refusal;
    try {
      if (uploads.quota.reserve(userId, day, reservation, uploads.settings.quotaBytes())) {
        reservedQuota = true;
        stage = Stage.RECEIVING;
        // a closing server refuses the task: no body will come, and nothing is held yet
        LoopHandoff.run(ch.eventLoop(), () -> intake.reserved(this), () -> {});
        return;
      }
      refusal = uploads.overQuota();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not count an upload against its user's quota", e);
      refusal =
          Uploads.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "busy",
              "The server is busy; try again in a moment.");
    }
    stage = Stage.ENDED;
    uploads.slots.release(userId);
    FullHttpResponse answer = refusal;
    LoopHandoff.run(ch.eventLoop(), () -> intake.refused(this, answer), answer::release);
  }

  private void handle(HttpContent c) throws IOException, ImageProbe.Refused, UploadBody.Unreadable {
    if (body == null) body = UploadBody.open(uploads.store, req, multipart);
    body.take(c);
    if (c instanceof LastHttpContent) {
      sawLast = true;
      store();
    }
  }

  private void store() throws IOException, ImageProbe.Refused {
    Optional<UploadBody.Received> received = body.received();
    if (received.isEmpty()) {
      finish(
          Uploads.error(
              HttpResponseStatus.BAD_REQUEST,
              "bad_request",
              "Send the file as the multipart field \"file\", or as the whole body."));
      return;
    }
    UploadBody.Received got = received.get();
    if (got.size() > uploads.settings.maxBytes()) {
      finish(uploads.tooLarge());
      return;
    }
    if (got.size() == 0) {
      finish(Uploads.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "The upload is empty."));
      return;
    }
    finish(Uploads.created(uploads.store.store(got.file(), userId, got.name(), got.type())));
  }

  private void fail(Exception e) {
    if (e instanceof ImageProbe.Refused r) {
      HttpResponseStatus status =
          r.code().equals(ImageProbe.Refused.TOO_MANY_PIXELS)
              ? HttpResponseStatus.UNPROCESSABLE_ENTITY
              : HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
      finish(Uploads.error(status, r.code(), r.getMessage()));
    } else if (e instanceof UploadBody.Unreadable) {
      finish(
          Uploads.error(
              HttpResponseStatus.BAD_REQUEST,
              "bad_request",
              "The multipart body could not be read."));
    } else {
      LOG.warn("upload failed", e);
      finish(
          Uploads.error(
              HttpResponseStatus.INTERNAL_SERVER_ERROR,
              "internal",
              "The upload could not be stored."));
    }
  }

  /**
   * Ends the job once: frees the body's temp files and the slot, charges the quota what the body
   * was, and answers unless {@code res} is null (aborted: the connection has been answered or is
   * gone).
   */
  private void finish(FullHttpResponse res) {
    if (stage == Stage.ENDED) {
      if (res != null) res.release();
      return;
    }
    stage = Stage.ENDED;
    if (body != null) body.discard();
    uploads.slots.release(userId);
    if (reservedQuota) settle();
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
