package dev.parley.web.socket;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.HELLO_REQUIRED;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.RATE_LIMITED;

import dev.parley.domain.Chat;
import dev.parley.domain.ChatException;
import dev.parley.domain.HelloClaims;
import dev.parley.domain.Names;
import dev.parley.domain.Out;
import dev.parley.domain.People;
import dev.parley.domain.PlaceInLine;
import dev.parley.domain.Post;
import dev.parley.domain.Session;
import dev.parley.domain.SharedRate;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns client frames into calls on the {@link Chat}: parse, check the rate, check the session,
 * dispatch. Refusals become {@code error} frames carrying the frame's {@code ref}; anything
 * unexpected becomes {@code internal} with no detail, logged here instead.
 */
public final class SocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(SocketHandler.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Reader-idle periods without any frame (pongs included) before the peer counts as gone. */
  private static final int MAX_MISSED_PINGS = 3;

  private final Chat chat;
  private final Connection conn;
  private final Counter framesIn;
  private final SharedRate shared;

  /** This connection's place in the passwords' line, kept while its sign-in is told to wait. */
  private final PlaceInLine passwordPlace = new PlaceInLine();

  /**
   * Frames that came while an earlier one waits off the event loop, handled in order once it is
   * answered; null when none waits. What waits: a hello for the cluster (see {@link
   * Chat#beforeHello}: this node catching up, nicks claimed on every node), a send whose image this
   * node has still to read (see {@link Chat#imageWaits}). This connection's event loop only.
   */
  private ArrayDeque<JsonNode> waiting;

  /** Frames that may wait behind another; a client that sends more is closed as over its rate. */
  private static final int MAX_WAITING = 64;

  SocketHandler(Chat chat, Connection conn, Counter framesIn, SharedRate shared) {
    this.chat = chat;
    this.conn = conn;
    this.framesIn = framesIn;
    this.shared = shared;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (conn.draining) {
      ReferenceCountUtil.release(msg); // closing: input is dropped unread (see Closing)
      return;
    }
    conn.reading = true;
    conn.missedPings = 0;
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    conn.reading = false;
    ctx.flush();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame text) {
      framesIn.increment();
      onText(text);
    } else if (frame instanceof PingWebSocketFrame ping) {
      ctx.write(new PongWebSocketFrame(ping.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame close) {
      conn.peerClosed(close.statusCode() == -1 ? 1000 : close.statusCode());
    } else if (frame instanceof BinaryWebSocketFrame) {
      framesIn.increment();
      conn.send(
          new Out.Error(null, BAD_REQUEST.wire(), "Frames must be text holding one JSON object."));
    } else if (!(frame instanceof PongWebSocketFrame)) {
      conn.send(new Out.Error(null, BAD_REQUEST.wire(), "Unsupported frame."));
    }
  }

  /**
   * Whether this connection has said hello, or one is on its way (in a cluster); on the event loop.
   */
  boolean helloSaid() {
    return conn.session != null || waiting != null;
  }

  /**
   * Parses one frame as {@link #onText} does; lets {@link WarmUp} load the parser's classes early.
   */
  static JsonNode parse(String json) {
    return JSON.readTree(json);
  }

  private void onText(TextWebSocketFrame text) {
    JsonNode frame;
    try (ByteBufInputStream in = new ByteBufInputStream(text.content())) {
      frame = JSON.readTree(in);
    } catch (JacksonException | IOException e) {
      refuse(null, new ChatException(BAD_REQUEST, "The frame is not valid JSON."));
      return;
    }
    if (waiting != null) {
      if (waiting.size() >= MAX_WAITING) conn.closeForInput(1008, "rate limit exceeded");
      else waiting.add(frame);
      return;
    }
    handle(frame);
  }

  /** From now on frames wait (in {@link #waiting}) until {@link #resume} is called. */
  private void hold() {
    waiting = new ArrayDeque<>();
  }

  /**
   * On the event loop once what waited is answered: handles the frames that came meanwhile, in
   * order, until one of them has to wait in turn (the rest then wait behind it).
   */
  private void resume(ArrayDeque<JsonNode> queued) {
    JsonNode f;
    while (waiting == null && (f = queued.poll()) != null) handle(f);
    if (waiting != null) {
      queued.addAll(waiting);
      waiting = queued;
    }
  }

  private void handle(JsonNode frame) {
    String ref = null;
    try {
      if (frame == null || !frame.isObject()) {
        throw new ChatException(BAD_REQUEST, "A frame is one JSON object with a 'type'.");
      }
      ref = Fields.string(frame, "ref");
      if (ref != null && ref.length() > Names.MAX_ID) {
        ref = null;
        throw new ChatException(BAD_REQUEST, "A ref is at most 64 characters.");
      }
      switch (conn.rate.take(System.nanoTime())) {
        case REFUSE -> throw new ChatException(RATE_LIMITED, "Too many frames; slow down.");
        case CLOSE -> {
          conn.closeForInput(1008, "rate limit exceeded");
          return;
        }
        case ACCEPT -> {}
      }
      Session session = conn.session;
      if (session != null && !shared.take(session.userId())) {
        // the user's budget across all their connections (a cluster): refused, never closed here
        throw new ChatException(
            RATE_LIMITED, "Too many frames from your connections together; slow down.");
      }
      String type = Fields.requiredString(frame, "type");
      if (session == null) {
        if (!type.equals("hello")) {
          conn.send(new Out.Error(ref, HELLO_REQUIRED.wire(), "Say hello first."));
          conn.closeForInput(1008, "hello required");
          return;
        }
        hello(frame, ref);
      } else {
        dispatch(session, type, frame, ref);
      }
    } catch (ChatException e) {
      refuse(ref, e);
    } catch (RuntimeException e) {
      failed(ref, e);
    }
  }

  private void failed(String ref, RuntimeException e) {
    LOG.error("frame from {} failed", conn.channel().remoteAddress(), e);
    conn.send(new Out.Error(ref, INTERNAL.wire(), "Something went wrong on the server."));
  }

  /**
   * Back on the event loop once a frame that waited is answered: does its {@code work} (or {@code
   * ifClosed}, when the connection closed meanwhile), then the frames that came since.
   */
  private void resumeWith(String ref, Runnable work, Runnable ifClosed) {
    conn.channel()
        .eventLoop()
        .execute(
            () -> {
              ArrayDeque<JsonNode> queued = waiting;
              waiting = null;
              if (!conn.channel().isActive()) {
                ifClosed.run();
                return;
              }
              try {
                work.run();
              } catch (ChatException e) {
                refuse(ref, e);
              } catch (RuntimeException e) {
                failed(ref, e);
              }
              resume(queued);
            });
  }

  private void hello(JsonNode frame, String ref) {
    conn.coalesce = Fields.flag(frame, "coalesce");
    String invite = Fields.string(frame, "invite");
    if (invite != null && chat.registration().redeems(Fields.string(frame, "token"))) {
      hold(); // the invite's use is counted in the store (any node may be given the code)
      Runnable dropped = () -> chat.registration().settle(conn);
      chat.registration()
          .redeem(
              conn,
              invite,
              conn.address(),
              () -> resumeWith(ref, () -> signIn(frame, ref), dropped));
      return;
    }
    signIn(frame, ref);
  }

  private void signIn(JsonNode frame, String ref) {
    String code = Fields.string(frame, "code");
    if (code != null && Fields.string(frame, "token") == null) {
      hold(); // the code is looked up in the store (any node may have made it)
      chat.accounts()
          .beforeCode(
              code,
              conn.address(),
              signIn ->
                  resumeWith(
                      ref,
                      () ->
                          conn.session =
                              chat.accounts()
                                  .hello(conn, Fields.string(frame, "avatar"), signIn, ref),
                      () -> chat.helloDropped(signIn.claims())));
      return;
    }
    String password = Fields.string(frame, "password");
    if (password != null && Fields.string(frame, "token") == null) {
      hold(); // hashed on the passwords' pool, never on this event loop
      chat.accounts()
          .beforePassword(
              Fields.string(frame, "nick"),
              password,
              conn.address(),
              passwordPlace,
              signIn ->
                  resumeWith(
                      ref,
                      () ->
                          conn.session =
                              chat.accounts()
                                  .hello(conn, Fields.string(frame, "avatar"), signIn, ref),
                      () -> chat.helloDropped(signIn.claims())));
      return;
    }
    if (chat.helloWaits()) {
      String token = Fields.string(frame, "token");
      String nick = Fields.string(frame, "nick");
      hold();
      // closed meanwhile: nobody to greet, and the nicks claimed for it go back
      chat.beforeHello(
          token,
          nick,
          conn.address(),
          claims ->
              resumeWith(ref, () -> greet(frame, ref, claims), () -> chat.helloDropped(claims)));
      return;
    }
    greet(frame, ref, HelloClaims.NONE);
  }

  private void greet(JsonNode frame, String ref, HelloClaims claims) {
    conn.session =
        chat.hello(
            conn,
            Fields.string(frame, "nick"),
            Fields.string(frame, "avatar"),
            Fields.string(frame, "token"),
            ref,
            claims);
  }

  private void dispatch(Session session, String type, JsonNode f, String ref) {
    if (!type.equals("ping") && !type.equals("visible")) chat.activity(session);
    switch (type) {
      case "ping" -> conn.send(new Out.Pong(ref));
      case "active" -> {}
      case "create", "join", "invite", "invites", "uninvite" ->
          RoomFrames.dispatch(chat, session, type, f, ref);
      case "leave" -> chat.leave(session, Fields.requiredString(f, "room"), ref);
      case "directory" ->
          chat.directory(
              session, Fields.string(f, "q"), Fields.string(f, "after"), Fields.limit(f), ref);
      case "send" -> send(session, f, ref);
      case "typing" -> chat.typing(session, Fields.requiredString(f, "room"));
      case "read" -> MarkFrames.read(chat, session, f, ref);
      case "history", "edit", "delete", "react", "changes", "retention", "unpreview" ->
          MessageFrames.dispatch(chat, session, type, f, ref);
      case "users" -> {
        java.util.List<String> ids = Fields.strings(f, "ids", People.MAX_IDS);
        if (ids != null) chat.people().whoAre(session, ids, ref);
        else chat.people().find(session, Fields.string(f, "q"), Fields.limit(f), ref);
      }
      case "members" ->
          chat.people()
              .members(
                  session,
                  Fields.requiredString(f, "room"),
                  Fields.string(f, "after"),
                  Fields.limit(f),
                  ref);
      case "profile" ->
          chat.profile(
              session,
              Fields.string(f, "nick"),
              Fields.string(f, "avatar"),
              Fields.string(f, "status"),
              ref);
      case "sessions", "revoke", "link", "protect", "strength" ->
          AccountFrames.dispatch(chat.accounts(), session, type, f, ref);
      case "admin_users", "admin_link" -> AdminFrames.dispatch(chat, session, type, f, ref);
      case "ban", "unban", "role", "settings", "kick", "mute", "unmute", "sanctions", "audit" ->
          ModerationFrames.dispatch(chat, session, type, f, ref);
      case "pin", "pins", "save", "saved", "notify", "unread", "threads" ->
          MarkFrames.dispatch(chat, session, type, f, ref);
      case "push", "unpush", "push_key", "visible" ->
          PushFrames.dispatch(chat.push(), session, type, f, ref);
      case "hello" ->
          throw new ChatException(BAD_REQUEST, "This connection has already said hello.");
      default -> throw new ChatException(BAD_REQUEST, "Unknown frame type '" + type + "'.");
    }
  }

  private void send(Session session, JsonNode f, String ref) {
    String room = Fields.string(f, "room");
    boolean group = f.path("to").isArray(); // a group conversation: the other people's ids
    String to = group ? null : Fields.string(f, "to");
    List<String> people = group ? Fields.strings(f, "to", Names.MAX_DIRECT) : null;
    if (room == null && to == null && people == null)
      throw new ChatException(BAD_REQUEST, "Field 'room' or 'to' is required.");
    Post post =
        new Post(
                room,
                to,
                Fields.string(f, "id"),
                Fields.string(f, "text"),
                Fields.image(f, "image"),
                Fields.strings(f, "mentions", 50),
                people,
                Fields.file(f, "file"))
            .linked(
                Fields.number(f, "replyTo"),
                Fields.number(f, "thread"),
                f.has("alsoInRoom") && Fields.requiredBoolean(f, "alsoInRoom"));
    if (!chat.imageWaits(post)) {
      chat.send(session, post, ref);
      return;
    }
    hold();
    chat.learnImage(post, () -> resumeWith(ref, () -> chat.send(session, post, ref), () -> {}));
  }

  private void refuse(String ref, ChatException e) {
    conn.send(e.frame(ref));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (conn.draining) return; // closing: the linger time bounds it
      if (++conn.missedPings > MAX_MISSED_PINGS) {
        ctx.close();
      } else {
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Session session = conn.session;
    if (session != null) chat.disconnect(session);
    else chat.registration().settle(conn); // an invite's use taken for a hello that never ran
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      conn.closeForInput(1009, "frame too large");
      return;
    }
    if (cause instanceof CorruptedWebSocketFrameException corrupt) {
      WebSocketCloseStatus status = corrupt.closeStatus(); // 1009 for a frame over the limit
      conn.closeForInput(
          status.code(), status.code() == 1009 ? "frame too large" : status.reasonText());
      return;
    }
    LOG.debug("connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
