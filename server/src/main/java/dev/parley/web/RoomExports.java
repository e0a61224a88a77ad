package dev.parley.web;

import dev.parley.archive.Exporter;
import dev.parley.archive.JsonArchive;
import dev.parley.archive.RoomArchive;
import dev.parley.archive.TextArchive;
import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/rooms/{room}/export?format=json|txt}: a room's whole log for one of its members,
 * streamed as the store pages through it. Each page is written as one chunk and the next page is
 * read only once that chunk is in the socket, so a room of a million events costs one page of
 * memory, and a slow downloader slows the export instead of filling the server.
 */
public final class RoomExports {
  private static final Logger LOG = LoggerFactory.getLogger(RoomExports.class);
  private static final String PREFIX = "/api/rooms/";
  private static final String SUFFIX = "/export";

  final Chat chat;
  final Store store;
  private final BearerTokens tokens;

  public RoomExports(Chat chat, Store store) {
    this.chat = chat;
    this.store = store;
    this.tokens = new BearerTokens(chat.httpDoors()::userIdForToken);
  }

  static boolean handles(String path) {
    return path.startsWith(PREFIX)
        && path.endsWith(SUFFIX)
        && path.length() > PREFIX.length() + SUFFIX.length();
  }

  void serve(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
    tokens.user(
        UploadIntake.bearer(req), ctx.executor(), userId -> export(ctx, req, path, userId, false));
  }

  /** The rest of {@link #serve}, once its bearer token is resolved (null: unknown or none). */
  private void export(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      String path,
      String userId,
      boolean caughtUp) {
    QueryStringDecoder query = new QueryStringDecoder(req.uri());
    String room =
        QueryStringDecoder.decodeComponent(
            path.substring(PREFIX.length(), path.length() - SUFFIX.length()));
    if (userId == null) {
      refuse(
          ctx,
          req,
          HttpResponseStatus.UNAUTHORIZED,
          "unauthorized",
          "Exporting needs Authorization: Bearer <token>, with the token from welcome.");
      return;
    }
    RoomArchive.Format format = RoomArchive.Format.of(first(query, "format", "json"));
    if (format == null) {
      refuse(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad_request", "format is json or txt.");
      return;
    }
    ZoneId zone;
    try {
      String tz = first(query, "tz", null);
      zone = tz == null ? ZoneId.systemDefault() : ZoneId.of(tz);
    } catch (DateTimeException e) {
      refuse(
          ctx,
          req,
          HttpResponseStatus.BAD_REQUEST,
          "bad_request",
          "tz is a time zone such as Europe/Paris or UTC.");
      return;
    }
    Snapshot.RoomRow row;
    try {
      row = chat.httpDoors().exportable(userId, room);
    } catch (ChatException e) {
      // in a cluster the room, or the membership, may be an instant old and not here yet
      if (!caughtUp
          && chat.httpDoors()
              .retryExportAfterCatchUp(
                  userId,
                  room,
                  () ->
                      LoopHandoff.run(
                          ctx.executor(), () -> export(ctx, req, path, userId, true), () -> {}))) {
        return;
      }
      HttpResponseStatus status =
          e.code() == ChatException.Code.NOT_MEMBER
              ? HttpResponseStatus.FORBIDDEN
              : HttpResponseStatus.NOT_FOUND;
      refuse(ctx, req, status, e.code().wire(), e.getMessage());
      return;
    }
    HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    HttpRouter.secure(res.headers());
    String file =
        "parley-"
            + room.replaceAll("[^a-z0-9_-]", "_")
            + "-"
            + LocalDate.now(zone)
            + "."
            + format.wire;
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, format.contentType)
        .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set("X-Parley-Events", Long.toString(row.lastSeq()));
    ctx.writeAndFlush(res);
    if (req.method().equals(HttpMethod.HEAD)) {
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String host = req.headers().get(HttpHeaderNames.HOST);
    ByteArrayOutputStream page = new ByteArrayOutputStream(64 * 1024);
    RoomArchive archive =
        format == RoomArchive.Format.JSON
            ? new JsonArchive(page)
            : new TextArchive(page, zone, host == null ? "" : "http://" + host);
    Exporter.export(store, row, archive, n -> {}, () -> chunk(ctx, page))
        .whenComplete(
            (n, error) -> {
              if (error != null) {
                // The status line is gone already; cutting the stream short is how the client
                // learns.
                LOG.warn("export of {} failed after it began", room, error);
                ctx.close();
                return;
              }
              chunk(ctx, page)
                  .whenComplete(
                      (x, e) ->
                          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                              .addListener(ChannelFutureListener.CLOSE));
            });
  }

  /** Sends what the archive wrote since the last chunk; completes once it is in the socket. */
  private static CompletableFuture<?> chunk(ChannelHandlerContext ctx, ByteArrayOutputStream page) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    byte[] bytes = page.toByteArray();
    page.reset();
    if (bytes.length == 0) {
      sent.complete(null);
      return sent;
    }
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)))
        .addListener(
            f -> {
              if (f.isSuccess()) sent.complete(null);
              else sent.completeExceptionally(f.cause());
            });
    return sent;
  }

  private static String first(QueryStringDecoder q, String name, String otherwise) {
    List<String> v = q.parameters().get(name);
    return v == null || v.isEmpty() || v.get(0).isBlank() ? otherwise : v.get(0);
  }

  private static void refuse(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      HttpResponseStatus status,
      String code,
      String message) {
    HttpRouter.send(ctx, req, Uploads.error(status, code, message));
  }
}
