package dev.parley.web;

import dev.parley.domain.Chat;
import dev.parley.domain.Search;
import dev.parley.domain.Store;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code GET /api/search}: the messages a user may read that match a query, newest first. The
 * domain ({@link Chat#searchable}) says which rooms that is; the store searches only those, on
 * its read pool, and the answer is written when it completes (never on the event loop's time).
 */
public final class SearchEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEndpoint.class);
  static final String PATH = "/api/search";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 50;
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Chat chat;
  private final Store store;

  public SearchEndpoint(Chat chat, Store store) {
    this.chat = chat;
    this.store = store;
  }

  void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
    QueryStringDecoder query = new QueryStringDecoder(req.uri());
    List<String> rooms = chat.searchable(chat.userIdForToken(UploadIntake.bearer(req)), param(query, "room"));
    if (rooms == null) {
      refuse(ctx, req, HttpResponseStatus.UNAUTHORIZED, "unauthorized", "Searching needs Authorization: Bearer <token>, with the token from welcome.");
      return;
    }
    Search.Query q;
    int limit;
    try {
      limit = number(query, "limit", DEFAULT_LIMIT).intValue();
      if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit is 1 to " + MAX_LIMIT + ".");
      Long from = number(query, "from", null);
      Long to = number(query, "to", null);
      if (from != null && (from < 0 || from > Long.MAX_VALUE >> 13)) throw new IllegalArgumentException("from is a time in ms.");
      if (to != null && from != null && to < from) throw new IllegalArgumentException("to is before from.");
      String before = param(query, "before");
      Search.Cursor cursor = Search.Cursor.parse(before);
      if (before != null && cursor == null) throw new IllegalArgumentException("before is the next value of a previous answer.");
      q = new Search.Query(Search.terms(param(query, "q")), param(query, "room"), param(query, "user"), from, to, cursor);
    } catch (IllegalArgumentException e) {
      refuse(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage());
      return;
    }
    store.search(q, rooms, limit).whenComplete((page, error) -> ctx.executor().execute(() -> {
      if (error != null) {
        boolean busy = error instanceof RejectedExecutionException || error.getCause() instanceof RejectedExecutionException;
        if (!busy) LOG.warn("search failed", error);
        refuse(ctx, req, busy ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.INTERNAL_SERVER_ERROR,
            busy ? "busy" : "internal", busy ? "The server is busy; try again." : "The search failed.");
        return;
      }
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(json(page)));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").set(HttpHeaderNames.CACHE_CONTROL, "no-store");
      HttpRouter.send(ctx, req, res);
    }));
  }

  static byte[] json(Search.Page page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeName("results");
      g.writeStartArray();
      for (Search.Hit h : page.hits()) {
        g.writeStartObject();
        g.writeStringProperty("room", h.room());
        g.writeNumberProperty("seq", h.seq());
        g.writeNumberProperty("ts", h.ts());
        g.writeName("from");
        g.writeStartObject();
        g.writeStringProperty("id", h.from().id());
        g.writeStringProperty("nick", h.from().nick());
        if (h.from().avatar() != null) g.writeStringProperty("avatar", h.from().avatar());
        g.writeEndObject();
        g.writeStringProperty("text", h.text());
        g.writeName("highlight");
        g.writeStartArray();
        for (int[] r : h.highlight()) {
          g.writeStartArray();
          g.writeNumber(r[0]);
          g.writeNumber(r[1]);
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (page.next() == null) g.writeNullProperty("next");
      else g.writeStringProperty("next", page.next().wire());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static String param(QueryStringDecoder q, String name) {
    List<String> v = q.parameters().get(name);
    return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
  }

  private static Long number(QueryStringDecoder q, String name, Integer otherwise) {
    String v = param(q, name);
    if (v == null) return otherwise == null ? null : otherwise.longValue();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is a whole number.");
    }
  }

  private static void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String code, String message) {
    HttpRouter.send(ctx, req, Uploads.error(status, code, message));
  }
}
