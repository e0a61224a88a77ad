package dev.parley.web;

import dev.parley.uploads.ImageProbe;
import dev.parley.uploads.UploadBytes;
import dev.parley.uploads.UploadCredentials;
import dev.parley.uploads.UploadLinks;
import dev.parley.uploads.UploadNames;
import dev.parley.uploads.UploadQuota;
import dev.parley.uploads.UploadStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code POST /api/uploads}, {@code GET /uploads/{file}} and the uploads' credential: the HTTP side
 * of the upload store. Every disk or database access (writing, hashing, probing, counting the
 * quota, telling who may see a file, opening it to serve) runs on the uploads' threads ({@link
 * UploadStore#io}, which the store owns, starts and stops), never on an event loop, and answers
 * from there. The work is bounded by counting admissions (uploads in progress, files being opened)
 * rather than by refusing tasks, so a task once queued always runs and cleans up after itself. It
 * closes nothing: whoever opened the store closes it.
 */
public final class Uploads {

  /** How long an upload credential (the web client's cookie for /uploads/) lasts. */
  public static final long CREDENTIAL_MAX_AGE_MILLIS = CredentialCookie.MAX_AGE_MILLIS;

  /** Files being opened to be served at once; more are answered 503. */
  static final int MAX_ACTIVE_READS = 256;

  /** Private: an image of a direct conversation must not sit in a cache shared with others. */
  private static final String IMMUTABLE = "private, max-age=31536000, immutable";

  private static final long DAY_MILLIS = 86_400_000L;
  private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The limits of the upload endpoint.
   *
   * @param maxBytes the largest upload accepted, image or file (413 beyond)
   * @param quotaBytes bytes one user may send a day (429 beyond)
   * @param uploadsAtOnce uploads one user may have under way at once on this node (429 beyond)
   * @param idle an upload that sends nothing for this long is dropped (408)
   */
  public record Settings(long maxBytes, long quotaBytes, int uploadsAtOnce, Duration idle) {}

  /** Whether a user (null: nobody signed in) may fetch an upload; may block (a store read). */
  public interface Access {
    boolean maySee(String userId, UploadLinks.Link upload);
  }

  final UploadStore store;
  final UploadQuota quota;
  final Settings settings;
  final UploadSlots slots;
  final BearerTokens tokens;
  final CredentialCookie credentials;
  private final Access access;
  private final LongSupplier clock;

  /** The uploads' threads, borrowed from the store. */
  final Executor io;

  private final AtomicInteger reads = new AtomicInteger();

  /**
   * @param tokens the user holding a token, or null: who may upload (see {@link BearerTokens})
   * @param access who may fetch an upload; called on the uploads' own threads
   */
  public Uploads(
      UploadStore store,
      UploadQuota quota,
      UploadCredentials credentials,
      Settings settings,
      BearerTokens.Users tokens,
      Access access,
      LongSupplier clock) {
    this.store = store;
    this.quota = quota;
    this.settings = settings;
    this.slots = new UploadSlots(settings.uploadsAtOnce());
    this.tokens = new BearerTokens(tokens);
    this.access = access;
    this.clock = clock;
    this.io = store.io();
    this.credentials = new CredentialCookie(credentials, this.tokens, io, clock);
    io.execute(store::warmUp);
  }

  /**
   * A handler for one connection's pipeline, placed before the aggregator: it takes upload bodies
   * as they stream in.
   */
  ChannelHandler intake() {
    return new UploadIntake(this);
  }

  /** Today, for the quota: days since the epoch, UTC. */
  long day() {
    return clock.getAsLong() / DAY_MILLIS;
  }

  /** The answer to an upload over its user's daily quota: 429, and when the day is over. */
  FullHttpResponse overQuota() {
    long now = clock.getAsLong();
    long seconds = Math.max(1, ((now / DAY_MILLIS + 1) * DAY_MILLIS - now + 999) / 1000);
    FullHttpResponse res =
        error(
            HttpResponseStatus.TOO_MANY_REQUESTS,
            "quota",
            "You have uploaded as much as one person may in a day ("
                + UploadIntake.describe(settings.quotaBytes())
                + "); you can upload again in "
                + inWords(seconds)
                + ".");
    res.headers().set(HttpHeaderNames.RETRY_AFTER, seconds);
    return res;
  }

  private static String inWords(long seconds) {
    if (seconds >= 3600) return (seconds + 1799) / 3600 + " hours";
    if (seconds >= 60) return (seconds + 59) / 60 + " minutes";
    return seconds + " seconds";
  }

  FullHttpResponse tooLarge() {
    return error(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "too_large",
        "Uploads can be at most " + UploadIntake.describe(settings.maxBytes()) + ".");
  }

  private static boolean admit(AtomicInteger counter, int max) {
    if (counter.incrementAndGet() <= max) return true;
    counter.decrementAndGet();
    return false;
  }

  /**
   * Answers {@code GET} or {@code HEAD /uploads/{name}}: the file (or the part a {@code Range} asks
   * for), streamed from disk or the database, or 404.
   */
  void serve(Channel ch, HttpRequest req, String name) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!UploadNames.isFileName(name)) {
      respond(
          ch,
          error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no such upload."),
          keepAlive);
      return;
    }
    boolean head = req.method().equals(HttpMethod.HEAD);
    String token = UploadIntake.bearer(req);
    String credential = token == null ? CredentialCookie.valueIn(req) : null;
    boolean revalidating =
        ("\"" + name + "\"").equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH));
    String range = req.headers().get(HttpHeaderNames.RANGE);
    tokens.user(
        token,
        ch.eventLoop(),
        userId -> read(ch, name, keepAlive, head, userId, credential, revalidating, range));
  }

  /**
   * The read of {@link #serve}, once its bearer token is resolved ({@code tokenUser}, null when
   * unknown or none); without a token the uploads' credential ({@code credential}) says who asks.
   */
  private void read(
      Channel ch,
      String name,
      boolean keepAlive,
      boolean head,
      String tokenUser,
      String credential,
      boolean revalidating,
      String range) {
    String etag = "\"" + name + "\"";
    if (!admit(reads, MAX_ACTIVE_READS)) {
      respond(
          ch,
          error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "busy",
              "The server is busy; try again in a moment."),
          keepAlive);
      return;
    }
    io.execute(
        () -> {
          try {
            UploadLinks.Link upload = store.find(name);
            String userId =
                upload == null
                    ? null
                    : tokenUser != null ? tokenUser : credentials.userFor(credential);
            // the same answer as for no such upload: a non-member learns nothing, not even that it
            // exists
            if (upload == null || !access.maySee(userId, upload)) {
              respond(
                  ch,
                  error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no such upload."),
                  keepAlive);
            } else if (revalidating) {
              FullHttpResponse res =
                  new DefaultFullHttpResponse(
                      HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
              fileHeaders(res.headers(), etag);
              respond(ch, res, keepAlive);
            } else {
              sendFile(ch, upload, etag, range, head, keepAlive);
            }
          } catch (IOException | RuntimeException e) {
            LOG.warn("could not tell who may see upload {}", name, e);
            respond(
                ch,
                error(
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "busy",
                    "The server is busy; try again in a moment."),
                keepAlive);
          } finally {
            reads.decrementAndGet();
          }
        });
  }

  private void sendFile(
      Channel ch,
      UploadLinks.Link upload,
      String etag,
      String range,
      boolean head,
      boolean keepAlive) {
    String name = upload.name();
    UploadBytes.Blob blob;
    FileChannel file = null;
    long length;
    try {
      blob = store.blob(upload);
      if (blob == null) {
        respond(
            ch,
            error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no such upload."),
            keepAlive);
        return;
      }
      if (blob.file() != null) {
        file = FileChannel.open(blob.file(), StandardOpenOption.READ);
        length = file.size();
      } else {
        length = blob.size();
      }
    } catch (IOException e) {
      LOG.warn("could not open upload {}", name, e);
      respond(
          ch,
          error(
              HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "The file could not be read."),
          keepAlive);
      return;
    }
    ServedUpload.Part part;
    try {
      part = ServedUpload.range(range, length);
    } catch (ServedUpload.Unsatisfiable e) {
      if (file != null) closeQuietly(file);
      FullHttpResponse res =
          error(
              HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
              "bad_range",
              "The range asked for is not part of this file of " + length + " bytes.");
      res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
      respond(ch, res, keepAlive);
      return;
    }
    long start = part == null ? 0 : part.start();
    long count = part == null ? length : part.length();
    HttpResponse res =
        new DefaultHttpResponse(
            HttpVersion.HTTP_1_1,
            part == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT);
    fileHeaders(res.headers(), etag);
    ServedUpload.describe(res.headers(), upload);
    if (part != null)
      res.headers()
          .set(
              HttpHeaderNames.CONTENT_RANGE,
              "bytes " + start + "-" + (start + count - 1) + "/" + length);
    HttpUtil.setContentLength(res, count);
    HttpUtil.setKeepAlive(res, keepAlive);
    ch.write(res);
    if (file == null && !head) {
      // Not in a file (a cluster's database): relayed a piece at a time, the next read only once
      // the last piece is written, so a slow reader holds one piece and no thread.
      reads.incrementAndGet();
      BlobRelay.start(ch, blob, io, keepAlive, reads::decrementAndGet, start, count);
      return;
    }
    if (head) {
      if (file != null) closeQuietly(file);
    } else {
      // Zero-copy where the transport can (sendfile); the region closes the file when written.
      ch.write(new DefaultFileRegion(file, start, count));
    }
    ChannelFuture done = ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (!keepAlive) done.addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * What every stored upload is served with, image or file: its bytes are never taken for a page or
   * a script ({@link ServedUpload} adds the type and disposition).
   */
  private static void fileHeaders(HttpHeaders h, String etag) {
    h.set(HttpHeaderNames.ETAG, etag)
        .set(HttpHeaderNames.CACHE_CONTROL, IMMUTABLE)
        .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
        .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, ServedUpload.FILE_CSP)
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer");
  }

  private static void closeQuietly(FileChannel file) {
    try {
      file.close();
    } catch (IOException ignored) {
      // read-only: nothing to lose
    }
  }

  /**
   * The 201 answer to an upload: {url, type, size} and an image's width and height, or a file's
   * name.
   */
  static FullHttpResponse created(UploadStore.Stored s) {
    boolean image =
        ImageProbe.Type.ofExtension(s.url().substring(s.url().lastIndexOf('.') + 1)) != null;
    return json(
        HttpResponseStatus.CREATED,
        g -> {
          g.writeStringProperty("url", s.url());
          g.writeStringProperty("type", s.type());
          g.writeNumberProperty("size", s.size());
          if (image) {
            g.writeNumberProperty("width", s.width());
            g.writeNumberProperty("height", s.height());
          } else if (s.fileName() != null) {
            g.writeStringProperty("name", s.fileName());
          }
        });
  }

  /**
   * The JSON error answer of every HTTP endpoint: {@code {error: code, message: a sentence for
   * people}}.
   */
  /**
   * {@code 401 unauthorized} with {@code WWW-Authenticate: Bearer}: {@code doing} ("Uploading")
   * needs the token from welcome.
   */
  static FullHttpResponse unauthorized(String doing) {
    FullHttpResponse res =
        error(
            HttpResponseStatus.UNAUTHORIZED,
            "unauthorized",
            doing + " needs Authorization: Bearer <token>, with the token from welcome.");
    res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    return res;
  }

  static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
    return json(
        status,
        g -> {
          g.writeStringProperty("error", code);
          g.writeStringProperty("message", message);
        });
  }

  private static FullHttpResponse json(
      HttpResponseStatus status, java.util.function.Consumer<JsonGenerator> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      fields.accept(g);
      g.writeEndObject();
    }
    ByteBuf body = Unpooled.wrappedBuffer(out.toByteArray());
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set("X-Content-Type-Options", "nosniff");
    HttpUtil.setContentLength(res, body.readableBytes());
    return res;
  }

  /** Writes a complete answer from any thread; closes after it unless the connection stays open. */
  static ChannelFuture respond(Channel ch, FullHttpResponse res, boolean keepAlive) {
    if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH))
      HttpUtil.setContentLength(res, res.content().readableBytes());
    HttpUtil.setKeepAlive(res, keepAlive);
    ChannelFuture f = ch.writeAndFlush(res);
    if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    return f;
  }

  /** Answers {@code POST} and {@code DELETE /uploads/credential}: see {@link CredentialCookie}. */
  void credential(Channel ch, io.netty.handler.codec.http.HttpRequest req) {
    credentials.handle(ch, req);
  }
}
