package dev.parley.web.socket;

import dev.parley.domain.Out;
import dev.parley.domain.Profile;
import dev.parley.domain.Retention;
import dev.parley.domain.Status;
import dev.parley.json.WireJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a first connection's code once, on an in-memory channel, while the store opens: the HTTP
 * codec, the WebSocket handshake and frame decoder, the JSON parser of incoming frames, the encoder
 * of a welcome and the confusables data behind nick keys. Why: on a fresh JVM the first {@code
 * hello} loaded about 1,200 classes (Jackson's databind alone 400) after the node said it was
 * listening, so the first user waited for them; loaded here, they cost nothing on the way to the
 * first welcome. No socket, no user, no state: it only touches code. A failure is logged and
 * ignored.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private WarmUp() {}

  /** Starts the warm-up on a thread of its own and returns at once. */
  public static void start() {
    Thread t = new Thread(WarmUp::run, "parley-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Runs it here; true if every step ran (a test keeps it so), false if one failed. */
  static boolean run() {
    // ICU's confusables data for nick keys: about 100 ms on first use, else paid by the first
    // hello of a fresh node, on its event loop
    dev.parley.domain.Names.nickKey("warm up");
    EmbeddedChannel ch =
        new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(65_536));
    try {
      ch.writeInbound(
          Unpooled.copiedBuffer(
              "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
              StandardCharsets.US_ASCII));
      FullHttpRequest req = ch.readInbound();
      WebSocketServerHandshaker handshaker =
          new WebSocketServerHandshakerFactory(
                  "ws://localhost/ws",
                  null,
                  WebSocketDecoderConfig.newBuilder().allowExtensions(false).build())
              .newHandshaker(req);
      handshaker.handshake(ch, req);
      req.release();
      ch.writeInbound(maskedText("{\"type\":\"hello\",\"nick\":\"warm-up\",\"ref\":\"1\"}"));
      TextWebSocketFrame frame = ch.readInbound();
      SocketHandler.parse(frame.text());
      frame.release();
      TextFrames.encode(
              new Out.Welcome(
                  "1",
                  new Profile("u", "warm-up", null),
                  "t",
                  List.of(),
                  List.of(),
                  List.of(new Out.UserView("u", "warm-up", null, Status.ONLINE)),
                  "0",
                  new Out.Limits(1, 1, 1, 1, 1),
                  Retention.KEEP_ALL,
                  /* directoryMore= */ false,
                  /* directoryNext= */ null,
                  /* session= */ null,
                  /* userProtected= */ false,
                  /* role= */ null),
              ch.alloc())
          .release();
      TextFrames.frame(WireJson.encode(new Out.Pong(null)));
      return true;
    } catch (RuntimeException e) {
      LOG.debug("warm-up failed; the first connection will load its classes itself", e);
      return false;
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  /** A client's text frame: FIN, masked, with a payload under 126 bytes. */
  private static ByteBuf maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {1, 2, 3, 4};
    ByteBuf buf = Unpooled.buffer(6 + payload.length);
    buf.writeByte(0x81).writeByte(0x80 | payload.length).writeBytes(mask);
    for (int i = 0; i < payload.length; i++) buf.writeByte(payload[i] ^ mask[i % 4]);
    return buf;
  }
}
