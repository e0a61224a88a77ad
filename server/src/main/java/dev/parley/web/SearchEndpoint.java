package dev.parley.web;

import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.Search;
import dev.parley.domain.SearchBudget;
import dev.parley.domain.SearchTurns;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code GET /api/search}: the messages a user may read that match a query, newest first. The
 * domain ({@link dev.parley.domain.HttpDoors#searchable}) says which rooms that is; the store
 * searches only those, on its search pool, and the answer is written when it completes (never on
 * the event loop's time). Each search gets the contract's budget ({@link SearchBudget}), counted
 * from here, and a user's searches run one at a time ({@link SearchTurns}); a search that cannot
 * run in time answers 503 {@code search_busy} with {@code Retry-After}.
 */
public final class SearchEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEndpoint.class);
  static final String PATH = "/api/search";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 50;
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Seconds a client is told to wait after {@code search_busy}. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final Chat chat;
  private final Store store;
  private final SearchTurns turns = new SearchTurns();
  private final BearerTokens tokens;

  public SearchEndpoint(Chat chat, Store store) {
    this.chat = chat;
    this.store = store;
    this.tokens = new BearerTokens(chat.httpDoors()::userIdForToken);
  }

  void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
    tokens.user(UploadIntake.bearer(req), ctx.executor(), user -> search(ctx, req, user));
  }

  /** The rest of {@link #serve}, once its bearer token is resolved (null: unknown or none). */
  private void search(ChannelHandlerContext ctx, FullHttpRequest req, String user) {
    SearchBudget budget = SearchBudget.start();
    QueryStringDecoder query = new QueryStringDecoder(req.uri());
    List<String> rooms = chat.httpDoors().searchable(user, param(query, "room"));
    if (rooms == null) {
      refuse(
          ctx,
          req,
          HttpResponseStatus.UNAUTHORIZED,
          "unauthorized",
          "Searching needs Authorization: Bearer <token>, with the token from welcome.");
      return;
    }
    Search.Query q;
    int limit;
    try {
      limit = number(query, "limit", DEFAULT_LIMIT).intValue();
      if (limit < 1 || limit > MAX_LIMIT)
        throw new IllegalArgumentException("limit is 1 to " + MAX_LIMIT + ".");
      Long from = number(query, "from", null);
      Long to = number(query, "to", null);
      if (from != null && (from < 0 || from > Long.MAX_VALUE >> 13))
        throw new IllegalArgumentException("from is a time in ms.");
      if (to != null && from != null && to < from)
        throw new IllegalArgumentException("to is before from.");
      String before = param(query, "before");
      Search.Cursor cursor = Search.Cursor.parse(before);
      if (before != null && cursor == null)
        throw new IllegalArgumentException("before is the next value of a previous answer.");
      q =
          new Search.Query(
              Search.terms(param(query, "q")),
              param(query, "room"),
              param(query, "user"),
              from,
              to,
              cursor);
    } catch (IllegalArgumentException e) {
      refuse(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage());
      return;
    }
    Search.Query asked = q;
    turns
        .run(user, budget, () -> store.search(asked, rooms, limit, budget))
        .whenComplete(
            (page, error) ->
                ctx.executor()
                    .execute(
                        () -> {
                          if (error != null) {
                            Throwable cause =
                                error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error;
                            if (cause instanceof ChatException e
                                && e.code() == ChatException.Code.SEARCH_BUSY) {
                              busy(ctx, req, e.getMessage());
                            } else if (cause instanceof RejectedExecutionException) {
                              busy(ctx, req, "The server is busy; try again in a moment.");
                            } else {
                              LOG.warn("search failed", error);
                              refuse(
                                  ctx,
                                  req,
                                  HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                  "internal",
                                  "The search failed.");
                            }
                            return;
                          }
                          FullHttpResponse res =
                              new DefaultFullHttpResponse(
                                  HttpVersion.HTTP_1_1,
                                  HttpResponseStatus.OK,
                                  Unpooled.wrappedBuffer(json(page)));
                          res.headers()
                              .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                              .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
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
      if (page.partial()) g.writeBooleanProperty("partial", true);
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

  private static void busy(ChannelHandlerContext ctx, FullHttpRequest req, String message) {
    FullHttpResponse res =
        Uploads.error(
            HttpResponseStatus.SERVICE_UNAVAILABLE, ChatException.Code.SEARCH_BUSY.wire(), message);
    res.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    HttpRouter.send(ctx, req, res);
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
