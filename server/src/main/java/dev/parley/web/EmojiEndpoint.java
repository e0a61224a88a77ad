package dev.parley.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link EmojiCatalog} at a content-hashed URL that browsers keep for a year ({@code
 * /emoji/<hash>.json}, immutable) and at the stable {@code /emoji.json}, which they revalidate
 * (no-cache and an ETag, so a repeat visit costs a 304). The document is built once, on the first
 * request and on a thread of its own, so neither start-up nor an event loop waits for it; it is
 * gzipped once too, since the HTTP pipeline compresses nothing.
 */
final class EmojiEndpoint {

  static final String STABLE_PATH = "/emoji.json";
  private static final String HASHED_PREFIX = "/emoji/";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final Logger LOG = LoggerFactory.getLogger(EmojiEndpoint.class);

  /** The built document: plain and gzipped bytes and the hash that names them. */
  record Body(byte[] json, byte[] gzip, String hash) {
    String hashedPath() {
      return HASHED_PREFIX + hash + ".json";
    }
  }

  private final Object lock = new Object();
  private volatile CompletableFuture<Body> body;

  static boolean handles(String path) {
    return path.equals(STABLE_PATH) || path.startsWith(HASHED_PREFIX);
  }

  /** The document, built on first use; a failed build is tried again by the next request. */
  CompletableFuture<Body> body() {
    CompletableFuture<Body> b = body;
    if (b != null) return b;
    synchronized (lock) {
      if (body == null) {
        body =
            CompletableFuture.supplyAsync(
                EmojiEndpoint::make,
                task -> {
                  Thread t = new Thread(task, "emoji-catalog");
                  t.setDaemon(true);
                  t.start();
                });
      }
      return body;
    }
  }

  void serve(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    CompletableFuture<Body> b = body();
    if (b.isDone() && !b.isCompletedExceptionally()) {
      answer(ctx, req, path, b.join());
      return;
    }
    // held while the catalog is built; released after the answer, or if the server closes first
    req.retain();
    b.whenComplete(
        (done, failure) ->
            LoopHandoff.runThenRelease(
                ctx.executor(), req, () -> built(ctx, req, path, b, failure, done)));
  }

  private void built(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      String path,
      CompletableFuture<Body> b,
      Throwable failure,
      Body done) {
    if (failure == null) {
      answer(ctx, req, path, done);
      return;
    }
    LOG.warn("could not build the emoji catalog", failure);
    synchronized (lock) {
      if (body == b) body = null;
    }
    HttpRouter.send(
        ctx,
        req,
        HttpRouter.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Emoji data unavailable\n"));
  }

  private static void answer(
      ChannelHandlerContext ctx, FullHttpRequest req, String path, Body body) {
    String cache;
    if (path.equals(STABLE_PATH)) cache = "no-cache";
    else if (path.equals(body.hashedPath())) cache = IMMUTABLE;
    else {
      HttpRouter.send(ctx, req, HttpRouter.text(HttpResponseStatus.NOT_FOUND, "Not found\n"));
      return;
    }
    boolean gzip = acceptsGzip(req.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
    String etag = "\"" + body.hash() + (gzip ? "-gz" : "") + "\"";
    boolean fresh = matches(req.headers().get(HttpHeaderNames.IF_NONE_MATCH), etag);
    byte[] bytes = gzip ? body.gzip() : body.json();
    ByteBuf content =
        fresh || req.method().equals(HttpMethod.HEAD)
            ? Unpooled.EMPTY_BUFFER
            : Unpooled.wrappedBuffer(bytes);
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            fresh ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
            content);
    res.headers()
        .set(HttpHeaderNames.ETAG, etag)
        .set(HttpHeaderNames.CACHE_CONTROL, cache)
        .set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING)
        .set(HttpHeaderNames.CONTENT_LOCATION, body.hashedPath());
    if (!fresh) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      if (gzip) res.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
      HttpUtil.setContentLength(res, bytes.length);
    }
    HttpRouter.send(ctx, req, res);
  }

  /** True when Accept-Encoding names gzip (or {@code *}) without {@code q=0}. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) return false;
    for (String item : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].trim();
      if (!coding.equals("gzip") && !coding.equals("*")) continue;
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (q > 0) return true;
    }
    return false;
  }

  /** If-None-Match: a list of (possibly weak) tags, or {@code *}. */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) return false;
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) t = t.substring(2);
      if (t.equals("*") || t.equals(etag)) return true;
    }
    return false;
  }

  private static Body make() {
    long start = System.nanoTime();
    byte[] json = EmojiCatalog.build();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3);
      try (GZIPOutputStream gz =
          new GZIPOutputStream(out) {
            {
              def.setLevel(Deflater.BEST_COMPRESSION);
            }
          }) {
        gz.write(json);
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      Body body = new Body(json, out.toByteArray(), HexFormat.of().formatHex(digest, 0, 10));
      LOG.info(
          "emoji catalog built in {} ms: {} bytes, {} gzipped",
          (System.nanoTime() - start) / 1_000_000,
          json.length,
          body.gzip().length);
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
